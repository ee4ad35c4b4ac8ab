"""Fusion on the shared store: `blotter ingest` fuses batch by batch, `blotter events --db`
lists; on SQLite and on a throwaway PostgreSQL server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from blotter.cli import app
from blotter.ingest.commands import run_ingest
from blotter.ingest.tests.samples import news_page
from blotter.settings import Settings
from blotter.store.database import alembic_config, make_engine, open_engine
from blotter.store.models import (
    Article,
    Event,
    FusedEvent,
    FusedReport,
    FusionCounter,
    FusionDecision,
)

#: batch_size 1: each article is its own batch, so the later report of the ambush
#: must find the earlier one through the stored blocking keys, not in memory.
SETTINGS = Settings().replace(geocode=False, batch_size=1)

# Invented articles: one ambush told by two outlets (toll 13, then 14 a day later),
# and an unrelated protest on the same day.
AMBUSH_FIRST = [
    "Gunmen ambushed a police convoy near the town of Aguililla in Michoacán, Mexico, on "
    "Monday, killing 13 police officers, state officials said.",
    "Gunmen of the Jalisco New Generation Cartel opened fire on the patrol vehicles on a "
    "rural road and set two trucks on fire.",
]
AMBUSH_LATER = [
    "Gunmen killed 14 police officers in Monday's ambush of a police convoy near Aguililla "
    "in Michoacán, Mexico, prosecutors said on Tuesday.",
    "Gunmen from the Jalisco New Generation Cartel attacked the convoy on a rural road, "
    "burning two patrol trucks.",
]
PROTEST = [
    "Protesters marched peacefully through the centre of Monterrey in Nuevo León, Mexico, "
    "on Monday to demand higher wages for teachers, organisers said.",
    "About 2,000 teachers took part in the march, which ended outside the state government "
    "palace.",
]


def write_articles(folder: Path) -> Path:
    """The three invented news pages (read in name order: a1, a2, a3)."""
    folder.mkdir()
    pages = [
        ("a1.html", "Gunmen kill 13 police in Michoacán", AMBUSH_FIRST, "2019-10-14T20:00:00Z",
         "Pacific Wire"),
        ("a2.html", "Michoacán ambush toll rises to 14", AMBUSH_LATER, "2019-10-15T09:00:00Z",
         "Northern Herald"),
        ("a3.html", "Teachers march in Monterrey", PROTEST, "2019-10-14T18:00:00Z",
         "Valley Times"),
    ]
    for name, title, paragraphs, published, site in pages:
        html = news_page(title, paragraphs, published=published, site=site)
        (folder / name).write_text(html, encoding="utf-8")
    return folder


def listed(db_url: str, *options: str) -> list[dict[str, Any]]:
    """`blotter events --db URL --json [options]` as records."""
    result = CliRunner().invoke(app, ["events", "--db", db_url, "--json", *options])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def fusion_rows(db_url: str) -> tuple[int, int, int, int, int, int]:
    """(fused events, fused reports, decisions, events, n_events counter, n_docs counter)."""
    engine = open_engine(db_url)
    with Session(engine) as s:
        counters = dict(s.execute(select(FusionCounter.name, FusionCounter.value)).all())
        out = (
            int(s.scalar(select(func.count()).select_from(FusedEvent)) or 0),
            int(s.scalar(select(func.count()).select_from(FusedReport)) or 0),
            int(s.scalar(select(func.count()).select_from(FusionDecision)) or 0),
            int(s.scalar(select(func.count()).select_from(Event)) or 0),
            counters["n_events"],
            counters["n_docs"],
        )
    engine.dispose()
    return out


def test_ingest_fuses_one_ambush_from_two_outlets(db_url: str, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "news")
    counts = run_ingest([str(folder)], SETTINGS, db_url)
    assert counts.events == 3
    assert (counts.fused_created, counts.fused_joined) == (2, 1)

    events = listed(db_url)
    assert len(events) == 2
    ambush = next(e for e in events if e["event_type"] != "Protests")
    assert [s["outlet"] for s in ambush["sources"]] == ["Pacific Wire", "Northern Herald"]
    assert ambush["fatalities"]["low"] == 13 and ambush["fatalities"]["best"] == 14
    assert ambush["revisions"][0]["from"] == 13 and ambush["revisions"][0]["to"] == 14
    joined = [d for d in ambush["decisions"] if d["action"] == "joined"]
    assert len(joined) == 1 and joined[0]["score"] >= SETTINGS["fusion_threshold"]

    # Filters (pushed into SQL, actor checked on the records).
    assert [e["event_id"] for e in listed(db_url, "--min-fatalities", "14")] == [
        ambush["event_id"]
    ]
    assert [e["event_type"] for e in listed(db_url, "--type", "protests")] == ["Protests"]
    assert [e["event_id"] for e in listed(db_url, "--actor", "Jalisco New Generation Cartel")
            ] == [ambush["event_id"]]
    assert len(listed(db_url, "--from", "2019-10-14", "--to", "2019-10-14")) == 2
    assert listed(db_url, "--from", "2019-10-15") == []
    assert listed(db_url, "--type", "Riots") == []
    assert listed(db_url, "--country", "Chile") == []

    # Every member report links the stored event row and article it came from.
    engine = open_engine(db_url)
    with Session(engine) as s:
        links = s.execute(
            select(FusedReport.fused_event_id, Event.article_id, Article.locator)
            .join(Event, Event.id == FusedReport.event_id)
            .join(Article, Article.id == FusedReport.article_id)
            .where(Event.article_id == FusedReport.article_id)
        ).all()
    engine.dispose()
    by_locator = {Path(loc).name: fused for fused, _article, loc in links}
    assert by_locator["a1.html"] == by_locator["a2.html"] == ambush["event_id"]
    assert by_locator["a3.html"] != ambush["event_id"]

    # Re-ingesting the same input adds no report, decision or event.
    before = fusion_rows(db_url)
    assert before == (2, 3, 3, 3, 2, 3)
    again = run_ingest([str(folder)], SETTINGS, db_url)
    assert again.already_stored == 3 and again.fused_created == again.fused_joined == 0
    assert fusion_rows(db_url) == before
    assert listed(db_url) == events


def test_fuse_on_ingest_false_stores_events_only(db_url: str, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "news")
    counts = run_ingest([str(folder)], SETTINGS.replace(fuse_on_ingest=False), db_url)
    assert counts.events == 3
    assert fusion_rows(db_url) == (0, 0, 0, 3, 0, 0)
    assert listed(db_url) == []


def test_migration_0002_upgrades_an_existing_0001_store(db_url: str, tmp_path: Path) -> None:
    # A store at 0001 with a stored event (as written before fusion moved to the store).
    engine = make_engine(db_url)
    cfg = alembic_config(db_url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO runs (command, started, extractor_version, settings, inputs)"
            " VALUES ('ingest', CURRENT_TIMESTAMP, 'old', '{}', '[]')"
        ))
        tables = set(conn.dialect.get_table_names(conn))
    engine.dispose()
    assert "fused_events" not in tables and "runs" in tables

    # Opening it migrates to the newest revision and keeps the old rows; ingest then fuses.
    head = ScriptDirectory.from_config(cfg).get_current_head()
    engine = open_engine(db_url)
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
        assert conn.execute(text("SELECT count(*) FROM runs")).scalar() == 1
    engine.dispose()
    assert fusion_rows(db_url) == (0, 0, 0, 0, 0, 0)
    run_ingest([str(write_articles(tmp_path / "news"))], SETTINGS, db_url)
    assert len(listed(db_url)) == 2


def test_fuse_command_into_store_and_events_without_db(db_url: str, tmp_path: Path) -> None:
    data = Path(__file__).parent / "data"
    runner = CliRunner()
    result = runner.invoke(app, ["fuse", str(data / "extracted.jsonl"), "--articles",
                                 str(data / "articles.jsonl"), "--db", db_url, "-q",
                                 "-o", str(tmp_path / "fused.jsonl")])
    assert result.exit_code == 0, result.output
    written = [json.loads(line) for line in (tmp_path / "fused.jsonl").open(encoding="utf-8")]
    # The same input fused into a standalone state file gives the same events.
    state = tmp_path / "fused.sqlite"
    result = runner.invoke(app, ["fuse", str(data / "extracted.jsonl"), "--articles",
                                 str(data / "articles.jsonl"), "--state", str(state), "-q",
                                 "-o", str(tmp_path / "file.jsonl")])
    assert result.exit_code == 0, result.output
    from_file = [json.loads(line) for line in (tmp_path / "file.jsonl").open(encoding="utf-8")]
    assert written and [e["n_reports"] for e in written] == [e["n_reports"] for e in from_file]
    assert [e["event_id"] for e in listed(db_url)] == [e["event_id"] for e in written]
    # Fusing the same file again is a no-op on the store.
    before = fusion_rows(db_url)
    result = runner.invoke(app, ["fuse", str(data / "extracted.jsonl"), "--db", db_url, "-q",
                                 "-o", str(tmp_path / "again.jsonl")])
    assert result.exit_code == 0, result.output
    assert fusion_rows(db_url) == before


def test_models_match_the_migrations(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from blotter.store.models import Base

    engine = open_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_concurrent_ingests_share_one_postgresql_store(postgres_server: str,
                                                       tmp_path: Path) -> None:
    """Two `blotter ingest` processes fusing into one PostgreSQL database at once take
    turns on the counter lock: one ambush event with both outlets, counters consistent."""
    import subprocess
    import sys

    from blotter.store.tests.pg_server import fresh_database

    db_url = fresh_database(postgres_server)
    open_engine(db_url).dispose()  # migrate once, before the race
    pages = write_articles(tmp_path / "news")
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for name in ("a1.html", "a3.html"):
        (pages / name).rename(first / name)
    (pages / "a2.html").rename(second / "a2.html")
    config = tmp_path / "blotter.toml"
    config.write_text("geocode = false\nbatch_size = 1\n", encoding="utf-8")
    procs = [
        subprocess.Popen([sys.executable, "-m", "blotter", "ingest", str(folder), "--db", db_url,
                          "--config", str(config), "--quiet"], stderr=subprocess.PIPE)
        for folder in (first, second)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    events = listed(db_url)
    assert len(events) == 2
    ambush = next(e for e in events if e["event_type"] != "Protests")
    assert sorted(s["outlet"] for s in ambush["sources"]) == ["Northern Herald", "Pacific Wire"]
    assert ambush["fatalities"]["low"] == 13 and ambush["fatalities"]["best"] == 14
    assert fusion_rows(db_url) == (2, 3, 3, 3, 2, 3)
