"""Process-pool and Dask extraction give the single-process output, in order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blotter.cli import app
from blotter.io.records import InputRecord, read_inputs
from blotter.parallel import PipelineLoadError, batched, run_with_process_pool
from blotter.parallel.process_pool import IN_FLIGHT_PER_WORKER
from blotter.parallel.tests.factories import (
    CRASH_MARKER,
    LOAD_LOG_ENV,
    crashing_factory,
    logging_factory,
)
from blotter.pipeline import Pipeline
from blotter.settings import Settings

ARTICLES = Path(__file__).parent / "data" / "articles.jsonl"
#: Small batches so the 22 fixture records make many batches across two workers.
SMALL_BATCH = 3


def _settings() -> Settings:
    return Settings({"batch_size": SMALL_BATCH})


def _records(settings: Settings, path: Path = ARTICLES) -> Iterator[InputRecord]:
    return read_inputs(path, settings["max_text_chars"], settings["min_text_chars"])


def _single(settings: Settings, path: Path = ARTICLES) -> list[dict[str, object]]:
    """The reference: the pipeline in this process."""
    return [r.to_dict() for r in Pipeline.from_settings(settings).run(_records(settings, path))]


def test_batched_pulls_lazily() -> None:
    def endless() -> Iterator[InputRecord]:
        n = 0
        while True:
            n += 1
            yield InputRecord(str(n), None, "x")

    batches = batched(endless(), 4)
    assert [r.id for r in next(batches)] == ["1", "2", "3", "4"]
    assert [r.id for r in next(batches)] == ["5", "6", "7", "8"]


def test_process_pool_matches_single_process_and_loads_once_per_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file = tmp_path / "loads.txt"
    monkeypatch.setenv(LOAD_LOG_ENV, str(log_file))
    settings = _settings()
    expected = _single(settings)
    got = [
        r.to_dict()
        for r in run_with_process_pool(_records(settings), settings, 2, factory=logging_factory)
    ]
    assert got == expected
    assert [r["id"] for r in got][:3] == ["p-01", "p-02", "p-03"]
    assert any(r["error"] for r in got) and any(r["events"] for r in got)
    pids = log_file.read_text().split()
    assert len(expected) // SMALL_BATCH > 2 * len(pids)  # many more batches than loads
    assert 1 <= len(pids) <= 2 and len(set(pids)) == len(pids)


def test_input_is_streamed_with_bounded_batches_in_flight() -> None:
    settings = _settings()
    pulled = 0

    def counted() -> Iterator[InputRecord]:
        nonlocal pulled
        for _ in range(50):  # far more records than the window holds
            for record in _records(settings):
                pulled += 1
                yield record

    results = run_with_process_pool(counted(), settings, 2)
    first = next(results)
    assert first.id == "p-01"
    assert pulled <= (2 * IN_FLIGHT_PER_WORKER + 1) * SMALL_BATCH
    results.close()


@pytest.mark.slow  # restarts the worker pool several times: ~8-20 s
def test_a_crashing_worker_costs_only_its_record(tmp_path: Path) -> None:
    settings = _settings()
    lines = ARTICLES.read_text("utf-8").splitlines()
    bad = {"id": "crasher", "text": f"Gunmen attacked a village. {CRASH_MARKER} on purpose."}
    lines.insert(5, json.dumps(bad))
    path = tmp_path / "with-crash.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")

    records = _records(settings, path)
    run = run_with_process_pool(records, settings, 2, factory=crashing_factory)
    got = [r.to_dict() for r in run]

    expected = _single(settings, path)  # the default pipeline has no crashing stage
    assert [r["id"] for r in got] == [r["id"] for r in expected]
    crashed = [r for r in got if r["id"] == "crasher"]
    assert len(crashed) == 1 and "worker failed" in str(crashed[0]["error"])
    assert [r for r in got if r["id"] != "crasher"] == [r for r in expected if r["id"] != "crasher"]


def test_pipeline_that_cannot_load_stops_the_run_with_its_reason() -> None:
    settings = Settings({"model": "no_such_spacy_model_package", "batch_size": SMALL_BATCH})
    with pytest.raises(PipelineLoadError, match="no_such_spacy_model_package"):
        list(run_with_process_pool(_records(settings), settings, 2))


def test_cli_workers_writes_the_single_process_output(tmp_path: Path) -> None:
    runner = CliRunner()
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    config = tmp_path / "c.toml"  # start the workers however small the input
    config.write_text("parallel_min_records = 0\n", "utf-8")
    for out, extra in ((one, []), (two, ["--workers", "2"])):
        result = runner.invoke(app, ["extract", str(ARTICLES), "-o", str(out), "-q",
                                     "--config", str(config), *extra])
        assert result.exit_code == 1, result.output  # 1: the fixture's two broken records
    assert two.read_text("utf-8") == one.read_text("utf-8")
    assert len(one.read_text("utf-8").splitlines()) == 22


def test_cli_refuses_intermediate_dump_with_workers(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["extract", str(ARTICLES), "-o", str(tmp_path / "o.jsonl"), "--workers", "2",
         "--save-intermediate", str(tmp_path / "dump")],
    )
    assert result.exit_code != 0
    assert "single process" in result.output
    assert not (tmp_path / "dump").exists()


def test_cli_reports_a_model_that_cannot_load(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('model = "no_such_spacy_model_package"\n', "utf-8")
    result = CliRunner().invoke(
        app,
        ["extract", str(ARTICLES), "-o", str(tmp_path / "o.jsonl"), "--workers", "2",
         "--config", str(config)],
    )
    assert result.exit_code == 2  # could not run (blotter.cli_support exit codes)
    assert "cannot build the pipeline" in result.output
