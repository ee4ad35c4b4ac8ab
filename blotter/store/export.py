"""Export the store as ACLED-style CSV, JSONL, GeoJSON or Parquet, or UCDP GED CSV.

Each format is an exporter in the ``EXPORTERS`` registry
(:mod:`blotter.registry`): the built-in ones below are its default plugins and a
package adds a format through the ``blotter.exporters`` entry-point group.  An
exporter is a callable ``exporter(items, path) -> ExportResult`` writing the
:class:`~blotter.store.acled.ExportItem` rows to *path* (a temporary file
renamed over the target when it returns); ``acled_row(item)`` gives a row's
ACLED columns.

By default one row per fused event (one real-world event, merged across
articles: ``blotter events --db``); ``per_report`` writes one row per
extracted event instead.  Background mentions (an article recalling an older
incident) are left out unless asked for.  Column names, order and types are
ACLED's (:mod:`blotter.store.acled`) or GED's (:mod:`blotter.store.ged`).

Every file is written to a temporary file beside the target and renamed over
it when complete, so an interrupted export leaves no half file.  Text values
lose their control characters (terminal escapes, bidi overrides) and CSV text
cells that a spreadsheet would run as a formula are neutralised
(:mod:`blotter.textsafe`).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from blotter.fusion.listing import EventFilter
from blotter.registry import EXPORTERS
from blotter.store.acled import (
    ACLED_COLUMNS,
    COLUMN_TYPES,
    COLUMNS,
    EXTRA_COLUMNS,
    ExportItem,
    Member,
    acled_row,
    confidence,
)
from blotter.store.ged import (
    GED_COLUMNS,
    GED_FLOAT_COLUMNS,
    GED_INTEGER_COLUMNS,
    ged_row,
    is_ged_event,
)
from blotter.store.models import Article, Event, FusedEvent, FusedReport
from blotter.textsafe import for_csv, for_export

__all__ = ["ACLED_COLUMNS", "COLUMNS", "EXTRA_COLUMNS", "ExportOptions", "ExportResult",
           "export_events", "formats", "get_exporter", "iter_items"]

#: Rows fetched from the database at a time while exporting.
EXPORT_CHUNK = 500
#: The numeric part of a fused event id ("evt-0000012" -> 12).
FUSED_ID_PREFIX = "evt-"


@dataclass
class ExportOptions:
    """Which rows to export."""

    per_report: bool = False
    include_background: bool = False
    filter: EventFilter = field(default_factory=EventFilter)
    min_confidence: float | None = None


@dataclass
class ExportResult:
    """What an export wrote."""

    rows: int = 0
    #: Rows the chosen columns cannot hold (GED: not organised violence, no death).
    left_out: int = 0


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of at most *size* items."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _events_by_id(session: Session, ids: list[int]) -> dict[int, Event]:
    """Stored events with their article, source and run."""
    if not ids:
        return {}
    query = (
        select(Event)
        .options(selectinload(Event.article).selectinload(Article.source),
                 selectinload(Event.run))
        .where(Event.id.in_(ids))
    )
    return {e.id: e for e in session.scalars(query)}


def fused_number(event_id: str, fallback: int) -> int:
    """12 for 'evt-0000012'; *fallback* for ids of another form."""
    tail = event_id.removeprefix(FUSED_ID_PREFIX)
    return int(tail) if tail.isdigit() else fallback


def _fused_items(engine: Engine, options: ExportOptions) -> Iterator[ExportItem]:
    """One item per fused event passing the filters, in id order."""
    from blotter.fusion.store_index import query_events

    position = 0
    for chunk in _chunks(query_events(engine, options.filter), EXPORT_CHUNK):
        if not options.include_background:
            chunk = [r for r in chunk if not r.get("background_only")]
        ids = [r["event_id"] for r in chunk]
        with Session(engine) as session:
            updated = dict(session.execute(
                select(FusedEvent.id, FusedEvent.updated).where(FusedEvent.id.in_(ids))).all())
            links: dict[str, list[int]] = defaultdict(list)
            for fused_id, event_id in session.execute(
                select(FusedReport.fused_event_id, FusedReport.event_id).where(
                    FusedReport.fused_event_id.in_(ids), FusedReport.event_id.is_not(None))
            ):
                if fused_id is not None and event_id is not None:
                    links[fused_id].append(event_id)
            events = _events_by_id(session, [i for v in links.values() for i in v])
            members = {k: [Member.from_event(events[i]) for i in v if i in events]
                       for k, v in links.items()}
        for record in chunk:
            position += 1
            found = members.get(record["event_id"]) or [
                Member.from_source(s) for s in record.get("sources") or []] or [Member()]
            item = ExportItem(
                number=fused_number(record["event_id"], position), record=record,
                members=found, updated=updated.get(record["event_id"]),
                fused_id=record["event_id"], reports=int(record.get("n_reports") or 1),
            )
            if _confident(item, options):
                yield item


def _confident(item: ExportItem, options: ExportOptions) -> bool:
    """True when no minimum confidence is asked or the item reaches it."""
    if not options.min_confidence:  # None or 0: every event
        return True
    value = confidence(item)
    return value is not None and value >= options.min_confidence


def _as_filterable(record: dict[str, Any]) -> dict[str, Any]:
    """An extracted event record in the shape ``EventFilter`` reads (actors in history)."""
    history = {name: [{"value": record.get(name)}] for name in ("actor1", "actor2")
               if record.get(name)}
    return {**record, "history": history}


def _report_items(engine: Engine, options: ExportOptions) -> Iterator[ExportItem]:
    """One item per stored extracted event passing the filters, in id order."""
    query = select(Event.id).order_by(Event.id)
    if not options.include_background:
        query = query.where(Event.is_background.is_(False))
    if options.min_confidence:
        query = query.where(Event.confidence >= options.min_confidence)
    with Session(engine) as session:
        ids = list(session.scalars(query))
    for chunk in _chunks(ids, EXPORT_CHUNK):
        with Session(engine) as session:
            events = _events_by_id(session, chunk)
            rows = [(events[i], Member.from_event(events[i])) for i in chunk if i in events]
        for event, member in rows:
            if options.filter.matches(_as_filterable(event.record)):
                yield ExportItem(number=event.id, record=event.record, members=[member])


def iter_items(engine: Engine, options: ExportOptions) -> Iterator[ExportItem]:
    """The rows to export: fused events, or extracted events with ``per_report``."""
    return _report_items(engine, options) if options.per_report else _fused_items(
        engine, options)


def _clean(value: Any) -> Any:
    """Text without control characters; other values unchanged."""
    return for_export(value) if isinstance(value, str) else value


def _clean_deep(value: Any) -> Any:
    """:func:`_clean` through nested lists and dicts (JSONL records)."""
    if isinstance(value, dict):
        return {_clean(k): _clean_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_deep(v) for v in value]
    return _clean(value)


def csv_cell(value: Any) -> Any:
    """A CSV cell: '' for unknown, text made spreadsheet-safe, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, str):
        return for_csv(value)
    return value


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside *target*, renamed over it when the block succeeds.

    On any error (or Ctrl-C) the temporary file is removed and *target* keeps
    whatever it held before: never a half-written export.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


Tick = Callable[[], None]


def _write_table_csv(fh: TextIO, columns: list[str], rows: Iterable[dict[str, Any]]) -> int:
    """Rows as CSV under a header; returns how many."""
    writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: csv_cell(row.get(k)) for k in columns})
        n += 1
    return n


def _ticking(items: Iterable[ExportItem], tick: Tick) -> Iterator[ExportItem]:
    """*items*, calling *tick* after each."""
    for item in items:
        yield item
        tick()


def _jsonl_line(item: ExportItem) -> dict[str, Any]:
    """The full record of a row, with its ACLED-style id and export fields first."""
    row = acled_row(item)
    head = {k: row[k] for k in ("event_id_cnty", "fused_event_id", "blotter_event_id",
                                "confidence", "source", "notes", "published", "article_url")}
    return _clean_deep({**head, **item.record})


def _geojson_feature(item: ExportItem) -> dict[str, Any]:
    """An RFC 7946 Feature: a [longitude, latitude] Point (or null) and the row's fields."""
    props = {k: _clean(v) for k, v in acled_row(item).items()}
    lat, lon = props["latitude"], props["longitude"]
    geometry = ({"type": "Point", "coordinates": [lon, lat]}
                if lat is not None and lon is not None else None)
    return {"type": "Feature", "id": props["event_id_cnty"], "geometry": geometry,
            "properties": props}


def _arrow_schema(columns: list[str], types: dict[str, str]) -> Any:
    """Typed Parquet schema (ints int64, floats float64, dates as ISO strings)."""
    import pyarrow as pa

    kinds = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(name, kinds.get(types.get(name, "str"), pa.string())) for name in columns])


def _write_parquet(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """ACLED rows as Parquet via pyarrow, in row groups of ``EXPORT_CHUNK``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(COLUMNS, COLUMN_TYPES)
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for chunk in _chunks(rows, EXPORT_CHUNK):
            clean = [{k: _clean(row.get(k)) for k in COLUMNS} for row in chunk]
            writer.write_table(pa.Table.from_pylist(clean, schema=schema))
            n += len(chunk)
        if n == 0:
            writer.write_table(pa.Table.from_pylist([], schema=schema))
    return n


def export_parquet(items: Iterable[ExportItem], path: Path) -> ExportResult:
    """ACLED's columns, typed, as Parquet."""
    return ExportResult(rows=_write_parquet(path, (acled_row(i) for i in items)))


def export_csv(items: Iterable[ExportItem], path: Path) -> ExportResult:
    """ACLED's columns as CSV."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        return ExportResult(rows=_write_table_csv(fh, COLUMNS, (acled_row(i) for i in items)))


def export_ged(items: Iterable[ExportItem], path: Path) -> ExportResult:
    """UCDP GED's columns as CSV; rows GED cannot hold are counted as left out."""
    result = ExportResult()
    with path.open("w", encoding="utf-8", newline="") as fh:
        result.rows = _write_table_csv(fh, GED_COLUMNS, _ged_rows(items, result))
    return result


def export_jsonl(items: Iterable[ExportItem], path: Path) -> ExportResult:
    """One full record a line, its ACLED-style id and export fields first."""
    result = ExportResult()
    with path.open("w", encoding="utf-8", newline="") as fh:
        for item in items:
            fh.write(json.dumps(_jsonl_line(item), ensure_ascii=False) + "\n")
            result.rows += 1
    return result


def export_geojson(items: Iterable[ExportItem], path: Path) -> ExportResult:
    """An RFC 7946 FeatureCollection, one Point feature a row."""
    result = ExportResult()
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        for item in items:
            sep = "" if result.rows == 0 else ",\n"
            fh.write(sep + json.dumps(_geojson_feature(item), ensure_ascii=False))
            result.rows += 1
        fh.write("\n]}\n")
    return result


def formats() -> list[str]:
    """Every export format name: the built-in ones above (default plugins of
    ``EXPORTERS``, named in ``blotter.registry``) and those of installed plugins."""
    return EXPORTERS.names()


def get_exporter(fmt: str) -> Callable[..., ExportResult]:
    """The exporter of *fmt*, imported now (an unknown or broken one raises here,
    before any work)."""
    if fmt not in formats():
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(formats())}")
    return EXPORTERS.get(fmt)


def export_events(
    engine: Engine, fmt: str, out: Path, options: ExportOptions | None = None,
    tick: Tick | None = None,
) -> ExportResult:
    """Write the store's events to *out* in *fmt* (atomically); say how many rows."""
    exporter = get_exporter(fmt)
    items = iter_items(engine, options or ExportOptions())
    if tick is not None:
        items = _ticking(items, tick)
    with atomic_path(out) as tmp:
        result = exporter(items, tmp)
        if not isinstance(result, ExportResult):  # checked before the file is kept
            raise TypeError(f"exporter {fmt!r} returned {type(result).__name__}, "
                            "not ExportResult")
    return result


def _ged_rows(items: Iterable[ExportItem], result: ExportResult) -> Iterator[dict[str, Any]]:
    """GED rows of the organised-violence items; the others are counted as left out."""
    for item in items:
        if is_ged_event(item):
            yield ged_row(item)
        else:
            result.left_out += 1


#: GED's typed columns, for readers of the GED CSV (tests, notebooks).
GED_TYPES = {**{c: "str" for c in GED_COLUMNS}, **{c: "int" for c in GED_INTEGER_COLUMNS},
             **{c: "float" for c in GED_FLOAT_COLUMNS}}
