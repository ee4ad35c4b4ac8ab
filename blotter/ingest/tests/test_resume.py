"""SIGKILL `blotter ingest` in the middle of a batch, run it again: nothing lost or doubled."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from blotter.ingest.commands import run_ingest
from blotter.ingest.runner import KILL_IN_BATCH_ENV
from blotter.settings import load_settings
from blotter.store.database import open_engine
from blotter.store.models import Article, Event, FusedEvent, FusedReport, FusionCounter

TOWNS = ["Ruvaka", "Molendo", "Kasari", "Tembwe", "Lirano", "Oshoko", "Barundi", "Zelmar",
         "Quintaro", "Vashti", "Nyaruba", "Pelhaven", "Dorvik", "Amarapa", "Sulenne", "Kotoba"]
ACTORS = ["gunmen", "militants", "bandits", "armed men", "rebels", "attackers"]
VICTIMS = ["soldiers", "police officers", "villagers", "traders", "farmers", "miners"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "eleven"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
N_FILES = 10
BATCH = 3


def write_articles(folder: Path) -> None:
    """Distinct short reports, one per text file."""
    folder.mkdir()
    for i in range(N_FILES):
        r = random.Random(i)
        town, town2 = r.sample(TOWNS, 2)
        text = (
            f"{r.choice(ACTORS).capitalize()} killed {r.choice(NUMBERS)} "
            f"{r.choice(VICTIMS)} in {town} on {r.choice(DAYS)}, officials said. "
            f"Report {i}: the assault near {town2} lasted {r.randint(1, 5)} hours and "
            f"{r.choice(NUMBERS)} {r.choice(VICTIMS)} were wounded, according to a "
            f"{r.choice(['hospital', 'army', 'district', 'church'])} source in {town}."
        )
        (folder / f"report{i:02d}.txt").write_text(text, encoding="utf-8")


def ingest(folder: Path, db: str, config: Path, kill_in_batch: int | None = None) -> int:
    """Run `blotter ingest` in a subprocess; return its exit code."""
    env = dict(os.environ)
    env.pop(KILL_IN_BATCH_ENV, None)
    if kill_in_batch is not None:
        env[KILL_IN_BATCH_ENV] = str(kill_in_batch)
    cmd = [sys.executable, "-m", "blotter", "ingest", str(folder), "--db", db,
           "--config", str(config), "--quiet"]
    return subprocess.run(cmd, env=env, capture_output=True, timeout=300).returncode


def snapshot(db: str) -> tuple[int, int, int, int]:
    """(articles, distinct locators, canonical articles, events)."""
    engine = open_engine(db)
    with Session(engine) as s:
        out = (
            int(s.scalar(select(func.count()).select_from(Article)) or 0),
            int(s.scalar(select(func.count(func.distinct(Article.locator)))) or 0),
            int(s.scalar(select(func.count()).where(Article.canonical_id.is_(None))) or 0),
            int(s.scalar(select(func.count()).select_from(Event)) or 0),
        )
    engine.dispose()
    return out


def fused_snapshot(db: str) -> tuple[int, int, set[frozenset[str]]]:
    """(fused events, fused reports, the article locators of each fused event), after
    checking the fusion counters agree with the rows and every event was fused once."""
    engine = open_engine(db)
    with Session(engine) as s:
        counters = dict(s.execute(select(FusionCounter.name, FusionCounter.value)).all())
        n_events = int(s.scalar(select(func.count()).select_from(FusedEvent)) or 0)
        n_reports = int(s.scalar(select(func.count()).select_from(FusedReport)) or 0)
        assert n_reports == int(s.scalar(select(func.count()).select_from(Event)) or 0)
        groups: dict[str | None, set[str]] = {}
        rows = s.execute(select(FusedReport.fused_event_id, Article.locator)
                         .join(Article, Article.id == FusedReport.article_id))
        for fused_id, locator in rows:
            groups.setdefault(fused_id, set()).add(Path(locator).name)
    engine.dispose()
    assert counters == {"n_events": n_events, "n_docs": n_reports}
    return n_events, n_reports, {frozenset(g) for g in groups.values()}


@pytest.mark.slow
def test_kill_mid_batch_then_resume(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    write_articles(folder)
    config = tmp_path / "blotter.toml"
    config.write_text(f"geocode = false\nbatch_size = {BATCH}\n", encoding="utf-8")

    # Reference: one clean (in-process) run into its own SQLite file.
    reference_db = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    run_ingest([str(folder)], load_settings(config), reference_db)
    reference = snapshot(reference_db)
    assert reference[0] == N_FILES and reference[3] > 0

    # Killed in the middle of the second batch: only the first batch is stored.
    assert ingest(folder, db_url, config, kill_in_batch=2) == -signal.SIGKILL
    assert snapshot(db_url)[0] == BATCH
    assert fused_snapshot(db_url)[1] == snapshot(db_url)[3]  # fusion state of batch 1 only
    # Resume: everything is there exactly once, as in the clean run, fused the same way.
    assert ingest(folder, db_url, config) == 0
    assert snapshot(db_url) == reference
    assert fused_snapshot(db_url) == fused_snapshot(reference_db)
    assert fused_snapshot(db_url)[0] > 0
