"""`blotter export` and `blotter events` leave out events under the ``min_confidence``
setting by default; `--min-confidence 0` shows every event."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from blotter.cli import app
from blotter.ingest.commands import run_ingest
from blotter.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles.jsonl"
#: Above every extracted confidence (the score's ceiling is 0.98).
HIGH = 0.99


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The sample corpus ingested into SQLite, and a config setting min_confidence high."""
    folder = tmp_path_factory.mktemp("mc")
    db = str(folder / "s.sqlite")
    run_ingest([str(SAMPLES)], Settings(), f"sqlite:///{db}")
    config = folder / "strict.toml"
    config.write_text(f"min_confidence = {HIGH}\n", encoding="utf-8")
    return db, config


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_export_applies_the_setting_unless_zero_is_asked(
    store: tuple[str, Path], tmp_path: Path
) -> None:
    db, config = store
    out = tmp_path / "e.csv"
    assert run("export", "--db", db, "--config", str(config), "-o", str(out), "-q").exit_code == 0
    assert _rows(out) == []
    result = run("export", "--db", db, "--config", str(config), "--min-confidence", "0",
                 "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    everything = _rows(out)
    assert everything
    assert run("export", "--db", db, "-o", str(out), "-q").exit_code == 0
    cut = Settings()["min_confidence"]
    default = _rows(out)
    assert all(float(r["confidence"]) >= cut for r in default)
    assert len(default) == sum(float(r["confidence"]) >= cut for r in everything)


def test_events_applies_the_setting_unless_zero_is_asked(store: tuple[str, Path]) -> None:
    db, config = store
    strict = run("events", "--db", db, "--config", str(config), "--json")
    assert strict.exit_code == 0 and strict.output.strip() == ""
    every = run("events", "--db", db, "--config", str(config), "--json", "--min-confidence", "0")
    assert every.exit_code == 0
    assert [json.loads(line) for line in every.output.splitlines() if line.strip()]
