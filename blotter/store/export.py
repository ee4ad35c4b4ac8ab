"""Export stored events as ACLED-style CSV, JSONL, GeoJSON or Parquet.

CSV/Parquet columns use ACLED's names (``event_id_cnty``, ``event_date``, ``year``,
``actor1``, ``inter1``, ..., ``fatalities``) so analysis scripts written for ACLED
exports run unchanged; Blotter's extra fields follow ACLED's columns.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from blotter.store.models import Article, Event

FORMATS = ("csv", "jsonl", "geojson", "parquet")
#: Rows fetched from the database at a time while exporting.
EXPORT_CHUNK = 1_000

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "iso3", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]
EXTRA_COLUMNS = [
    "fatalities_low", "fatalities_high", "injuries", "detained", "weapons", "claimed_by",
    "certainty", "is_background", "confidence", "article_url", "article_title", "published",
    "language", "run_id", "blotter_event_id", "article_id",
]
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
#: ACLED's disorder type for each event type (ACLED codebook, 2023 onwards).
DISORDER_TYPES = {
    "Battles": "Political violence",
    "Violence against civilians": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
INTEGER_COLUMNS = {"year", "time_precision", "inter1", "inter2", "interaction", "iso",
                   "geo_precision", "fatalities", "timestamp", "fatalities_low",
                   "fatalities_high", "injuries", "detained", "run_id", "blotter_event_id",
                   "article_id"}
FLOAT_COLUMNS = {"latitude", "longitude", "confidence"}


@cache
def _country_codes(code: str | None, name: str | None) -> tuple[str, int | None]:
    """(ISO alpha-3, ISO numeric) for a country code or name; ('', None) if unknown."""
    import pycountry

    found = None
    try:
        if code:
            found = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else \
                pycountry.countries.get(alpha_3=code.upper())
        if found is None and name:
            found = pycountry.countries.lookup(name)
    except (LookupError, KeyError):
        found = None
    if found is None:
        return "", None
    return str(found.alpha_3), int(found.numeric)


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, smaller first (e.g. 13)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _notes(event: Event) -> str:
    """A short note: the sentence the event was read from."""
    for span in event.evidence:
        if span.field == "sentence":
            return " ".join(span.text.split())
    return ""


def acled_row(event: Event) -> dict[str, Any]:
    """One export row in ACLED's column names (plus Blotter's extra columns)."""
    article = event.article
    iso3, iso = _country_codes(event.country_code, event.country)
    date = event.event_date
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{event.id}",
        "event_date": date.isoformat() if date else "",
        "year": date.year if date else None,
        "time_precision": event.time_precision,
        "disorder_type": DISORDER_TYPES.get(event.event_type, ""),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1 or "",
        "assoc_actor_1": "",
        "inter1": event.inter1,
        "actor2": event.actor2 or "",
        "assoc_actor_2": "",
        "inter2": event.inter2,
        "interaction": _interaction(event.inter1, event.inter2),
        "civilian_targeting": "Civilian targeting" if event.inter2 == 7 else "",
        "iso": iso,
        "iso3": iso3,
        "region": "",
        "country": event.country or "",
        "admin1": event.admin1 or "",
        "admin2": event.admin2 or "",
        "admin3": "",
        "location": event.location or "",
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "source": article.source.name if article.source else "",
        "source_scale": "",
        "notes": _notes(event),
        "fatalities": event.fatalities_best or 0,
        "tags": "",
        "timestamp": int(event.run.started.timestamp()) if event.run else None,
        "fatalities_low": event.fatalities_low,
        "fatalities_high": event.fatalities_high,
        "injuries": (event.injuries or {}).get("best"),
        "detained": (event.detained or {}).get("best"),
        "weapons": ";".join(event.weapons or []),
        "claimed_by": event.claimed_by or "",
        "certainty": event.certainty,
        "is_background": event.is_background,
        "confidence": event.confidence,
        "article_url": article.url or "",
        "article_title": article.title or "",
        "published": article.published.isoformat() if article.published else "",
        "language": article.language or "",
        "run_id": event.run_id,
        "blotter_event_id": event.id,
        "article_id": event.article_id,
    }


def iter_events(engine: Engine) -> Iterator[Event]:
    """Every stored event with its article, source and evidence, in id order."""
    query = (
        select(Event)
        .options(
            selectinload(Event.article).selectinload(Article.source),
            selectinload(Event.evidence),
            selectinload(Event.run),
        )
        .order_by(Event.id)
    )
    with Session(engine) as session:
        last = 0
        while True:
            chunk = list(session.scalars(query.where(Event.id > last).limit(EXPORT_CHUNK)))
            if not chunk:
                return
            yield from chunk
            last = chunk[-1].id
            session.expunge_all()


def _write_csv(engine: Engine, out: Path) -> int:
    """ACLED-style CSV; returns the number of events."""
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for event in iter_events(engine):
            writer.writerow({k: "" if v is None else v for k, v in acled_row(event).items()})
            n += 1
    return n


def _write_jsonl(engine: Engine, out: Path) -> int:
    """One event record per line, with its ids and article metadata."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for event in iter_events(engine):
            article = event.article
            line = {
                "event_id": event.id, "run_id": event.run_id, "article_id": event.article_id,
                "article_url": article.url, "published":
                article.published.isoformat() if article.published else None,
                "source": article.source.name if article.source else None,
                **event.record,
            }
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_geojson(engine: Engine, out: Path) -> int:
    """A FeatureCollection of points (null geometry where the event has no coordinates)."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        for event in iter_events(engine):
            props = acled_row(event)
            geometry = None
            if event.latitude is not None and event.longitude is not None:
                geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
            feature = {"type": "Feature", "id": event.id, "geometry": geometry,
                       "properties": props}
            fh.write(("" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
            n += 1
        fh.write("\n]}\n")
    return n


def _arrow_schema() -> Any:
    """Typed Parquet schema for the export columns."""
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name in INTEGER_COLUMNS:
            return pa.int64()
        if name in FLOAT_COLUMNS:
            return pa.float64()
        if name == "is_background":
            return pa.bool_()
        return pa.string()

    return pa.schema([(name, kind(name)) for name in COLUMNS])


def _write_parquet(engine: Engine, out: Path) -> int:
    """Parquet via pyarrow, written in row groups of ``EXPORT_CHUNK`` events."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    n = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        rows: list[dict[str, Any]] = []
        for event in iter_events(engine):
            rows.append(acled_row(event))
            if len(rows) >= EXPORT_CHUNK:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n


def export_events(engine: Engine, fmt: str, out: Path) -> int:
    """Write every stored event to *out* in *fmt*; return the number of events."""
    writers = {"csv": _write_csv, "jsonl": _write_jsonl, "geojson": _write_geojson,
               "parquet": _write_parquet}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    return writers[fmt](engine, out)

