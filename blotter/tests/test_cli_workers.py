"""`--workers`/`--dask` start processes only when the input is large and a core is free."""

from __future__ import annotations

from pathlib import Path

import pytest

from blotter.cli_workers import choose_workers, estimate_records
from blotter.settings import Settings


def _jsonl(path: Path, n: int) -> Path:
    path.write_text("".join(f'{{"id": "{i}", "text": "x"}}\n' for i in range(n)), "utf-8")
    return path


def test_estimate_counts_jsonl_lines_and_stops_past_the_threshold(tmp_path: Path) -> None:
    small = _jsonl(tmp_path / "s.jsonl", 30)
    (tmp_path / "page.html").write_text("<p>x</p>", "utf-8")
    assert estimate_records([small], 100) == 30
    assert estimate_records([tmp_path], 100) == 31
    big = _jsonl(tmp_path / "b.jsonl", 100_000)  # ~3 MB: counting stops after the first MiB
    assert 100 < estimate_records([big], 100) < 100_000


def test_small_input_runs_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    small = _jsonl(tmp_path / "s.jsonl", 50)
    assert choose_workers([small], 2, False, Settings(), quiet=False) == (1, False)
    assert "running in one process" in capsys.readouterr().err
    assert choose_workers([small], 2, True, Settings(), quiet=True) == (1, False)
    forced = Settings({"parallel_min_records": 0})
    assert choose_workers([small], 2, False, forced, quiet=True) == (2, False)


def test_large_input_starts_the_workers_asked_for(tmp_path: Path) -> None:
    big = _jsonl(tmp_path / "b.jsonl", 500)
    assert choose_workers([big], 2, False, Settings(), quiet=True) == (2, False)
    assert choose_workers([big], 2, True, Settings(), quiet=True) == (2, True)
