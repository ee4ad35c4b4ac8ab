"""Two and four `blotter ingest` processes writing one store at once, with overlapping
inputs (the same folder given to all, and copies of one text in several folders), store
exactly what one serial run stores: articles, events, fused events, fused sources."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from blotter.store.database import open_engine
from blotter.store.models import Article, Event, Failure, FusedEvent, FusedReport
from blotter.store.tests.pg_server import fresh_database

TOWNS = ["Ruvaka", "Molendo", "Kasari", "Tembwe", "Lirano", "Oshoko", "Barundi", "Zelmar",
         "Quintaro", "Vashti", "Nyaruba", "Pelhaven", "Dorvik", "Amarapa", "Sulenne", "Kotoba",
         "Mbarel", "Tasoro", "Ulvane", "Kipsero", "Dunmara", "Orleki", "Sefaru", "Wanjiko"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]
#: Texts shared by every process (the same folder on every command line).
N_SHARED = 6
#: Texts of each process's own folder; some are copied into the next process's folder.
N_OWN = 4


def _report(i: int) -> str:
    """A report of one incident; incidents are ten days apart, so none fuse together."""
    day = date(2024, 1, 5) + timedelta(days=10 * i)
    published = day + timedelta(days=1)
    return (
        f"{published:%d %B %Y}. Gunmen killed {NUMBERS[i % len(NUMBERS)]} soldiers in an "
        f"ambush near {TOWNS[i]} on {day:%d %B %Y}, officials said. Report {i}: the attack "
        f"on the post at {TOWNS[i]} lasted {1 + i % 4} hours, a district source said."
    )


def write_inputs(root: Path, writers: int) -> list[list[str]]:
    """The command-line inputs of each writer: the shared folder and its own folder."""
    shared = root / "shared"
    shared.mkdir(parents=True)
    for i in range(N_SHARED):
        (shared / f"s{i}.txt").write_text(_report(i), encoding="utf-8")
    inputs = []
    for w in range(writers):
        own = root / f"own{w}"
        own.mkdir()
        for k in range(N_OWN):
            i = N_SHARED + w * N_OWN + k
            (own / f"o{i}.txt").write_text(_report(i), encoding="utf-8")
        # Copies under other names: of a shared text and of the next writer's first text.
        (own / f"copy-shared{w}.txt").write_text(_report(w % N_SHARED), encoding="utf-8")
        nxt = N_SHARED + ((w + 1) % writers) * N_OWN
        (own / f"copy-next{w}.txt").write_text(_report(nxt), encoding="utf-8")
        inputs.append([str(shared), str(own)])
    return inputs


def _command(inputs: list[str], db: str, config: Path) -> list[str]:
    return [sys.executable, "-m", "blotter", "ingest", *inputs, "--db", db,
            "--config", str(config), "--quiet"]


def counts(db: str) -> dict[str, int]:
    """What the store holds."""
    engine = open_engine(db)
    with Session(engine) as s:
        def n(query: object) -> int:
            return int(s.scalar(query) or 0)  # type: ignore[call-overload]

        out = {
            "articles": n(select(func.count()).select_from(Article)),
            "locators": n(select(func.count(func.distinct(Article.locator)))),
            "canonical": n(select(func.count()).where(Article.canonical_id.is_(None))),
            "events": n(select(func.count()).select_from(Event)),
            "fused_events": n(select(func.count()).select_from(FusedEvent)),
            "fused_sources": n(select(func.count()).select_from(FusedReport)),
            "failures": n(select(func.count()).select_from(Failure)),
        }
    engine.dispose()
    return out


def run_writers(inputs: list[list[str]], db: str, config: Path, concurrent: bool) -> None:
    """Run one ingest per writer, all at once or one after another."""
    env = dict(os.environ)
    if not concurrent:
        for one in inputs:
            done = subprocess.run(_command(one, db, config), env=env, capture_output=True,
                                  timeout=600)
            assert done.returncode == 0, done.stderr.decode()
        return
    procs = [subprocess.Popen(_command(one, db, config), env=env, stderr=subprocess.PIPE)
             for one in inputs]
    for proc in procs:
        _out, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, err.decode()


@pytest.mark.slow
@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_ingests_store_what_a_serial_run_stores(
    db_url: str, postgres_server: str, tmp_path: Path, writers: int
) -> None:
    inputs = write_inputs(tmp_path / "in", writers)
    config = tmp_path / "blotter.toml"
    config.write_text("geocode = false\nbatch_size = 2\n", encoding="utf-8")
    serial_db = (fresh_database(postgres_server) if db_url.startswith("postgresql")
                 else f"sqlite:///{tmp_path / 'serial.sqlite'}")
    run_writers(inputs, serial_db, config, concurrent=False)
    serial = counts(serial_db)
    distinct = N_SHARED + writers * N_OWN
    assert serial["articles"] == N_SHARED + writers * (N_OWN + 2)
    assert serial["canonical"] == distinct and serial["failures"] == 0
    assert serial["events"] >= distinct and serial["fused_events"] == distinct

    run_writers(inputs, db_url, config, concurrent=True)
    assert counts(db_url) == serial
