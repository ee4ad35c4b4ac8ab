"""Migrations are atomic: a process killed in the middle of creating the schema or of
the 0001 -> 0002 upgrade leaves a store that the next open migrates and uses."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import date

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from blotter.store import repository as repo
from blotter.store.database import alembic_config, make_engine, open_engine
from blotter.store.models import Article

#: Opens the store with a patched Alembic that SIGKILLs the process at the N-th table.
KILLER = """
import os, signal, sys
from alembic.operations import Operations
original = Operations.create_table
calls = [0]
def create_table(self, *args, **kwargs):
    calls[0] += 1
    if calls[0] == int(sys.argv[2]):
        os.kill(os.getpid(), signal.SIGKILL)
    return original(self, *args, **kwargs)
Operations.create_table = create_table
from blotter.store.database import open_engine
open_engine(sys.argv[1])
"""


def _open_and_die(db_url: str, at_table: int) -> None:
    """Open (migrate) the store in a subprocess killed at its *at_table*-th CREATE TABLE."""
    done = subprocess.run([sys.executable, "-c", KILLER, db_url, str(at_table)],
                          capture_output=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()


def _assert_usable(db_url: str) -> None:
    """The store opens at the newest revision and takes an article."""
    engine = open_engine(db_url)
    head = ScriptDirectory.from_config(alembic_config(db_url)).get_current_head()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
    assert {"articles", "fused_events", "article_bands"} <= set(inspect(engine).get_table_names())
    run_id = repo.start_run(engine, "ingest", {}, [])
    with Session(engine) as s, s.begin():
        s.add(Article(locator="a", origin="a", kind="text", text="t", text_hash="h",
                      status="extracted", published=date(2024, 3, 1), warnings=[],
                      run_id=run_id))
    engine.dispose()


@pytest.mark.slow
def test_schema_creation_killed_midway_leaves_a_usable_store(db_url: str) -> None:
    _open_and_die(db_url, at_table=4)  # runs, sources and articles created, then killed
    _assert_usable(db_url)


@pytest.mark.slow
def test_upgrade_0001_to_0002_killed_midway_leaves_a_usable_store(db_url: str) -> None:
    engine = make_engine(db_url)
    cfg = alembic_config(db_url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    _open_and_die(db_url, at_table=2)  # fused_events created, killed at fusion_counters
    _assert_usable(db_url)
