"""The store on SQLite and PostgreSQL: migrations, event rows, quarantine, exports."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from blotter.record import Actor, Count, Event, Location
from blotter.store import repository as repo
from blotter.store.database import alembic_config, open_engine
from blotter.store.export import ACLED_COLUMNS, export_events
from blotter.store.models import Article, EvidenceSpan, Failure
from blotter.store.models import Event as EventRow


def _record() -> dict[str, object]:
    event = Event("Battles", "Armed clash", actor1=Actor("Unidentified Armed Group", 3),
                  actor2=Actor("Military Forces", 1),
                  location=Location(name="Ruvaka", admin1="North", country="Mexico",
                                    country_code="MX", latitude=18.5, longitude=-102.9),
                  fatalities=Count.exact(4))
    event.set_date(date(2024, 3, 12), 1)
    text_ = "Gunmen killed four soldiers near Ruvaka."
    event.add_evidence("sentence", text_, 0, len(text_))
    event.add_evidence("fatalities", text_, 14, 18)
    return event.to_dict()


def _store_one(db_url: str) -> None:
    engine = open_engine(db_url)
    run_id = repo.start_run(engine, "ingest", {"batch_size": 2}, ["x"])
    with Session(engine) as s, s.begin():
        src = repo.source_for(s, {}, "The Daily Courier", "courier.example")
        article = Article(locator="a", origin="a", kind="text", text="t", text_hash="h",
                          status="extracted", source=src, url="https://courier.example/a",
                          published=date(2024, 3, 13), warnings=[])
        s.add(article)
        s.flush()
        s.add(repo.event_row(_record(), run_id, article.id, 0))
    engine.dispose()


def test_migrations_create_schema_and_are_idempotent(db_url: str) -> None:
    engine = open_engine(db_url)
    open_engine(db_url).dispose()  # second open: already at head, no error
    names = set(inspect(engine).get_table_names())
    assert {"sources", "articles", "runs", "events", "evidence_spans", "failures",
            "alembic_version", "fused_events", "fused_reports", "fusion_decisions",
            "fusion_blocks", "fusion_tokens", "fusion_counters"} <= names
    with engine.connect() as conn:
        head = ScriptDirectory.from_config(alembic_config(db_url)).get_current_head()
        assert conn.execute(text("select version_num from alembic_version")).scalar() == head
    engine.dispose()


def test_sqlite_uses_wal(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'w.sqlite'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def test_event_rows_keep_queryable_columns_and_evidence(db_url: str) -> None:
    _store_one(db_url)
    engine = open_engine(db_url)
    with Session(engine) as s:
        row = s.scalars(select(EventRow).where(EventRow.fatalities_best == 4,
                                               EventRow.country == "Mexico")).one()
        assert (row.event_type, row.sub_event_type, row.event_date) == (
            "Battles", "Armed clash", date(2024, 3, 12))
        assert row.actor1 == "Unidentified Armed Group" and row.inter2 == 1
        assert row.admin1 == "North" and row.record["location"]["name"] == "Ruvaka"
        spans = s.scalars(select(EvidenceSpan).order_by(EvidenceSpan.id)).all()
        assert [(e.field, e.text) for e in spans] == [
            ("sentence", "Gunmen killed four soldiers near Ruvaka."), ("fatalities", "four")]
    engine.dispose()


def test_failures_one_row_per_locator(db_url: str) -> None:
    engine = open_engine(db_url)
    for attempt in range(2):
        with Session(engine) as s, s.begin():
            repo.upsert_failure(s, "feed.xml", "feed.xml", "parse", f"bad {attempt}", None)
    [row] = repo.list_failures(engine)
    assert row.attempts == 2 and row.error == "bad 1"
    with Session(engine) as s, s.begin():
        repo.resolve_failures(s, ["feed.xml"])
    assert repo.list_failures(engine) == []
    with Session(engine) as s:
        assert s.scalars(select(Failure)).one().resolved is not None
    engine.dispose()


def test_exports_in_four_formats(db_url: str, tmp_path: Path) -> None:
    _store_one(db_url)
    engine = open_engine(db_url)
    assert export_events(engine, "csv", tmp_path / "e.csv") == 1
    with (tmp_path / "e.csv").open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames is not None
        assert reader.fieldnames[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
        [row] = list(reader)
    assert row["event_id_cnty"].startswith("MEX") and row["iso"] == "484"
    assert (row["event_date"], row["year"], row["fatalities"]) == ("2024-03-12", "2024", "4")
    assert row["interaction"] == "13" and row["source"] == "The Daily Courier"
    assert row["notes"] == "Gunmen killed four soldiers near Ruvaka."

    export_events(engine, "jsonl", tmp_path / "e.jsonl")
    [line] = (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["fatalities"]["best"] == 4 and record["published"] == "2024-03-13"

    export_events(engine, "geojson", tmp_path / "e.geojson")
    geo = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection"
    assert geo["features"][0]["geometry"] == {"type": "Point", "coordinates": [-102.9, 18.5]}

    export_events(engine, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 1 and table.column("fatalities").to_pylist() == [4]
    assert table.column("latitude").to_pylist() == [18.5]
    engine.dispose()
