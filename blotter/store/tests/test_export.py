"""Exports: fused events by default, ACLED's columns and dtypes, GED, GeoJSON, Parquet,
spreadsheet-safe text, atomic files.

The store is the bundled sample corpus ingested for real (pipeline, fusion),
on SQLite and, for the fused-row count, on PostgreSQL too.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pycountry
import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from blotter.fusion.listing import EventFilter
from blotter.ingest.commands import run_ingest
from blotter.record import Actor, Count, Event, Location
from blotter.settings import Settings
from blotter.store import repository as repo
from blotter.store.acled import ACLED_COLUMNS, ACLED_TYPES, COLUMNS
from blotter.store.database import open_engine
from blotter.store.export import ExportOptions, export_events
from blotter.store.ged import GED_COLUMNS
from blotter.store.models import Article, FusedEvent
from blotter.store.models import Event as EventRow

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "articles.jsonl"
#: pandas dtypes for ACLED's published column types (nullable ints: unknown is empty).
PANDAS_TYPES = {"str": "string", "int": "Int64", "float": "float64"}
#: Fused events of the sample corpus that are not background mentions (README: the
#: 2019 raid recalled by sample-001 is background).
SAMPLE_FUSED_CURRENT = 7
SAMPLE_REPORTS = 8


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus ingested (and fused) into a SQLite store, once per module."""
    path = tmp_path_factory.mktemp("store") / "samples.sqlite"
    run_ingest([str(SAMPLES)], Settings(), f"sqlite:///{path}")
    return path


@pytest.fixture
def engine(sample_store: Path, tmp_path: Path) -> Any:
    """An engine on a private copy of the sample store."""
    copy = tmp_path / "copy.sqlite"
    shutil.copy(sample_store, copy)
    eng = open_engine(f"sqlite:///{copy}")
    yield eng
    eng.dispose()


def _read_acled(path: Path) -> pd.DataFrame:
    """The CSV as an ACLED user reads it: ACLED's dtypes, dates parsed, '' as missing."""
    dtypes = {c: PANDAS_TYPES[t] for c, t in ACLED_TYPES.items() if t != "date"}
    return pd.read_csv(path, dtype=dtypes, parse_dates=["event_date"], keep_default_na=False,
                       na_values=[""])


def test_fused_export_is_one_row_per_event_without_background(db_url: str,
                                                               tmp_path: Path) -> None:
    run_ingest([str(SAMPLES)], Settings(), db_url)
    engine = open_engine(db_url)
    try:
        with Session(engine) as s:
            fused = s.scalar(select(func.count()).select_from(FusedEvent).where(
                FusedEvent.background_only.is_(False)))
        result = export_events(engine, "csv", tmp_path / "e.csv")
        per_report = export_events(engine, "csv", tmp_path / "r.csv",
                                   ExportOptions(per_report=True, include_background=True))
    finally:
        engine.dispose()
    assert result.rows == fused == SAMPLE_FUSED_CURRENT
    assert per_report.rows == SAMPLE_REPORTS
    with (tmp_path / "e.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len({r["fused_event_id"] for r in rows}) == len(rows)
    assert all(r["is_background"] == "False" for r in rows)


def test_csv_loads_with_acled_dtypes_and_every_column_holds(engine: Any, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    export_events(engine, "csv", out)
    raw = out.read_text(encoding="utf-8").splitlines()
    assert raw[0].split(",")[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    df = _read_acled(out)
    assert list(df.columns) == COLUMNS and len(df) == SAMPLE_FUSED_CURRENT
    for column, kind in ACLED_TYPES.items():  # every ACLED column read as ACLED's type
        expected = "datetime64" if kind == "date" else PANDAS_TYPES[kind]
        assert str(df[column].dtype).startswith(expected), (column, df[column].dtype)
    ints = [c for c, t in ACLED_TYPES.items() if t == "int"]
    with out.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):  # never "4.0": digits or empty
            assert all(re.fullmatch(r"-?\d*", row[c]) for c in ints), row
    assert df["event_id_cnty"].str.fullmatch(r"[A-Z]{3}\d+").all()
    assert df["event_id_cnty"].is_unique
    assert (df["year"] == df["event_date"].dt.year).all()
    dated = df["event_date"].notna()
    assert df.loc[dated, "time_precision"].isin([1, 2, 3]).all()
    # sample-007's only date is its (future, refused) publication date: no date at all
    assert df.loc[~dated, ["year", "time_precision"]].isna().all().all() and (~dated).sum() == 1
    assert df["disorder_type"].isin(["Political violence", "Demonstrations",
                                     "Political violence; Demonstrations"]).all()
    assert df["sub_event_type"].notna().all() and df["event_type"].notna().all()
    assert df["actor1"].notna().all()
    for _, r in df.iterrows():
        country = pycountry.countries.lookup(r["country"])
        assert r["iso"] == int(country.numeric) and r["iso3"] == country.alpha_3
        assert r["event_id_cnty"].startswith(country.alpha_3)
        codes = sorted(x for x in (r["inter1"], r["inter2"]) if not pd.isna(x))
        expected = codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)
        assert r["interaction"] == expected
        assert r["notes"].endswith(".") and r["notes"].count(". ") == 0
        assert r["sub_event_type"].lower()[:6] in r["notes"].lower()
    regions = dict(zip(df["country"], df["region"], strict=True))
    assert regions["Mexico"] == "Central America" and regions["Iraq"] == "Middle East"
    assert regions["Burkina Faso"] == "Western Africa" and regions["Syria"] == "Middle East"
    assert df["latitude"].between(-90, 90).all() and df["longitude"].between(-180, 180).all()
    assert df["geo_precision"].dropna().isin([1, 2, 3]).all()
    assert df["source"].notna().all() and "Sahel Wire" in set(df["source"])
    assert df["timestamp"].min() > int(pd.Timestamp("2024-01-01").timestamp())
    assert (df["fatalities"].dropna() >= 0).all()
    assert df["fatalities"].isna().any()  # unknown tolls stay empty, not 0
    toll = df.loc[df["location"] == "Dori", ["fatalities", "fatalities_low",
                                             "fatalities_high"]].iloc[0].tolist()
    assert toll == [11, 9, 11]
    assert df["confidence"].between(0, 1).all()
    assert df["civilian_targeting"].fillna("").isin(["", "Civilian targeting"]).all()


def test_year_only_background_is_month_precision_not_1_january(engine: Any,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    export_events(engine, "csv", out, ExportOptions(include_background=True))
    df = _read_acled(out)
    assert len(df) == SAMPLE_FUSED_CURRENT + 1
    (old,) = df[df["is_background"].astype(str) == "True"].to_dict("records")
    assert old["event_date"] == pd.Timestamp("2019-01-01") and old["time_precision"] == 3
    assert old["date_note"] == "year only" and old["notes"].startswith("In 2019,")


def test_filters_of_blotter_events_apply(engine: Any, tmp_path: Path) -> None:
    def rows(options: ExportOptions) -> list[dict[str, str]]:
        export_events(engine, "csv", tmp_path / "f.csv", options)
        with (tmp_path / "f.csv").open(encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    assert {r["country"] for r in rows(ExportOptions(filter=EventFilter(country="Syria")))} \
        == {"Syria"}
    found = rows(ExportOptions(filter=EventFilter(min_fatalities=4)))
    assert sorted(int(r["fatalities"]) for r in found) == [4, 11]
    found = rows(ExportOptions(filter=EventFilter(event_type="Protests")))
    assert [r["sub_event_type"] for r in found] == ["Protest with intervention"]
    found = rows(ExportOptions(filter=EventFilter(date_from=date(2024, 6, 1))))
    assert found and all(r["event_date"] >= "2024-06-01" for r in found)
    confident = rows(ExportOptions(min_confidence=0.85))
    assert confident and all(float(r["confidence"]) >= 0.85 for r in confident)
    # the samples are full reports of violence, all at the score's ceiling (0.98)
    assert rows(ExportOptions(min_confidence=0.99)) == []
    assert len(rows(ExportOptions(min_confidence=0))) == SAMPLE_FUSED_CURRENT
    found = rows(ExportOptions(per_report=True, filter=EventFilter(actor="Al Shabaab")))
    assert [r["actor1"] for r in found] == ["Al Shabaab"]


def test_ged_columns(engine: Any, tmp_path: Path) -> None:
    out = tmp_path / "ged.csv"
    result = export_events(engine, "ged", out)
    df = pd.read_csv(out, keep_default_na=False, na_values=[""],
                     dtype={c: "Int64" for c in ("id", "year", "type_of_violence", "best",
                                                 "low", "high", "where_prec", "date_prec",
                                                 "number_of_sources", "priogrid_gid")})
    assert list(df.columns) == GED_COLUMNS
    # protest, abduction (no death) are not GED events; the rest are, with a death each
    assert result.rows == len(df) == 5 and result.left_out == 2
    assert (df["best"] >= 1).all() and (df["low"] <= df["best"]).all()
    assert (df["best"] <= df["high"]).all()
    assert df["where_prec"].between(1, 7).all() and df["date_prec"].between(1, 5).all()
    dori = df[df["where_description"].str.startswith("Dori")].iloc[0]
    assert (dori["best"], dori["low"], dori["high"]) == (11, 9, 11)
    assert dori["type_of_violence"] == 3 and dori["deaths_civilians"] == 11
    assert dori["date_start"] == dori["date_end"] == "2024-03-10" and dori["date_prec"] == 1
    assert dori["region"] == "Africa" and dori["geom_wkt"].startswith("POINT (")
    clash = df[df["where_description"].str.startswith("Saraqib")].iloc[0]
    assert clash["type_of_violence"] == 1 and clash["side_a"].startswith("Military Forces")


#: RFC 7946 (GeoJSON) as a JSON schema, for what the exporter writes: a
#: FeatureCollection of Features whose geometry is a Point or null, coordinates
#: [longitude, latitude] in WGS 84 (sections 3.1.1, 3.1.2, 3.2, 3.3, 4), an id
#: that is a string or number (3.2), no "crs" member (4).
RFC7946_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["type", "features"],
    "not": {"required": ["crs"]},
    "properties": {
        "type": {"const": "FeatureCollection"},
        "bbox": {"type": "array", "minItems": 4, "items": {"type": "number"}},
        "features": {"type": "array", "items": {"$ref": "#/$defs/feature"}},
    },
    "$defs": {
        "position": {
            "type": "array", "minItems": 2, "maxItems": 3,
            "prefixItems": [{"type": "number", "minimum": -180, "maximum": 180},
                            {"type": "number", "minimum": -90, "maximum": 90},
                            {"type": "number"}],
        },
        "point": {
            "type": "object", "required": ["type", "coordinates"],
            "properties": {"type": {"const": "Point"},
                           "coordinates": {"$ref": "#/$defs/position"}},
        },
        "feature": {
            "type": "object", "required": ["type", "geometry", "properties"],
            "not": {"required": ["crs"]},
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": ["string", "number"]},
                "geometry": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/point"}]},
                "properties": {"type": ["object", "null"]},
            },
        },
    },
}


def test_geojson_validates_against_rfc7946_and_carries_the_csv_fields(
    engine: Any, tmp_path: Path
) -> None:
    export_events(engine, "geojson", tmp_path / "e.geojson")
    export_events(engine, "csv", tmp_path / "e.csv")
    doc = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(RFC7946_SCHEMA).iter_errors(doc))
    assert errors == []
    bad = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                                                      "geometry": {"type": "Point",
                                                                   "coordinates": [200, 5]}}]}
    assert list(Draft202012Validator(RFC7946_SCHEMA).iter_errors(bad))  # the schema bites
    df = _read_acled(tmp_path / "e.csv")
    features = doc["features"]
    assert len(features) == len(df)
    first = features[0]
    assert list(first["properties"]) == COLUMNS
    assert first["geometry"]["coordinates"] == [first["properties"]["longitude"],
                                                first["properties"]["latitude"]]
    assert isinstance(first["properties"]["fatalities"], int | None)
    assert isinstance(first["properties"]["year"], int)


def test_parquet_has_the_csv_fields_typed(engine: Any, tmp_path: Path) -> None:
    export_events(engine, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.column_names == COLUMNS and table.num_rows == SAMPLE_FUSED_CURRENT
    types = {f.name: str(f.type) for f in table.schema}
    assert {types[c] for c, t in ACLED_TYPES.items() if t == "int"} == {"int64"}
    assert types["latitude"] == "double" and types["notes"] == "string"
    df = table.to_pandas()
    assert sorted(df["fatalities"].dropna().astype(int).tolist()) == [1, 1, 3, 4, 11]


def _store_hostile(engine: Any) -> None:
    """One stored event whose every text is hostile: formulas, escapes, bidi overrides."""
    event = Event("Battles", "Armed clash", actor1=Actor("=HYPERLINK(\"http://x\",\"y\")", 3),
                  actor2=Actor("+cmd|' /C calc'!A0", 1),
                  location=Location(name="@SUM(1+1)", admin1="\tTab", admin2="-2+3",
                                    country="Mexico", country_code="MX",
                                    latitude=18.5, longitude=-102.9),
                  fatalities=Count.exact(4), weapons=["\rcr"], claimed_by="\x1b[31mred")
    event.set_date(date(2024, 3, 12), 1)
    run_id = repo.start_run(engine, "ingest", {}, ["x"])
    with Session(engine) as s, s.begin():
        src = repo.source_for(s, {}, "=cmd\u202egnp.exe", "courier.example")
        article = Article(locator="h", origin="h", kind="text", text="t", text_hash="h",
                          status="extracted", source=src, url="https://courier.example/a",
                          title="@title\u202e\x07", published=date(2024, 3, 13), warnings=[])
        s.add(article)
        s.flush()
        s.add(repo.event_row(event.to_dict(), run_id, article.id, 0))


def test_csv_text_is_neutralised_and_controls_stripped(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'h.sqlite'}")
    _store_hostile(engine)
    for fmt in ("csv", "jsonl", "geojson"):
        export_events(engine, fmt, tmp_path / f"h.{fmt}", ExportOptions(per_report=True))
    engine.dispose()
    text = (tmp_path / "h.csv").read_text(encoding="utf-8")
    with (tmp_path / "h.csv").open(encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    dangerous = ("=", "+", "-", "@", "\t", "\r")
    numeric = {c for c, t in ACLED_TYPES.items() if t in ("int", "float")}
    for column, value in row.items():
        if column not in numeric and column not in ("confidence",):
            assert not value.startswith(dangerous), (column, value)
    assert row["actor1"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert row["location"] == "'@SUM(1+1)" and row["admin1"] == "'\tTab"
    assert row["source"] == "'=cmdgnp.exe" and row["weapons"] == "'cr"
    assert row["claimed_by"] == "[31mred" and row["article_title"] == "'@title"
    assert row["longitude"] == "-102.9"  # numbers are not text: left as they are
    for path in (tmp_path / "h.csv", tmp_path / "h.jsonl", tmp_path / "h.geojson"):
        body = path.read_text(encoding="utf-8")
        assert "\x1b" not in body and "\u202e" not in body and "\x07" not in body
    assert "\x1b" not in text


def test_export_is_atomic(engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "events.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    calls = {"n": 0}
    from blotter.store import export as export_module

    real = export_module.acled_row

    def failing(item: Any) -> dict[str, Any]:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(item)

    monkeypatch.setattr(export_module, "acled_row", failing)
    with pytest.raises(KeyboardInterrupt):
        export_events(engine, "csv", out)
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if "events" in p.name) == ["events.csv"]
    monkeypatch.setattr(export_module, "acled_row", real)
    assert export_events(engine, "csv", out).rows == SAMPLE_FUSED_CURRENT
    assert out.read_text(encoding="utf-8").startswith("event_id_cnty,")


def test_per_report_rows_carry_their_event_ids(engine: Any, tmp_path: Path) -> None:
    export_events(engine, "csv", tmp_path / "r.csv", ExportOptions(per_report=True))
    with (tmp_path / "r.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with Session(engine) as s:
        ids = set(s.scalars(select(EventRow.id).where(EventRow.is_background.is_(False))))
    assert {int(r["blotter_event_id"]) for r in rows} == ids
    assert all(r["fused_event_id"] == "" for r in rows)
