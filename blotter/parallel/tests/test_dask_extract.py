"""Dask extraction on a real two-worker LocalCluster gives the single-process output."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from blotter.cli import app
from blotter.io.records import InputRecord, read_inputs
from blotter.parallel import run_on_dask, run_with_process_pool
from blotter.parallel.tests.factories import LOAD_LOG_ENV, logging_factory
from blotter.pipeline import Pipeline
from blotter.settings import Settings

ARTICLES = Path(__file__).parent / "data" / "articles.jsonl"
#: Small batches so the fixture makes many more tasks than there are workers.
SMALL_BATCH = 2


@pytest.mark.slow  # starts a two-process cluster and a process pool: ~7-25 s
def test_dask_pool_and_single_process_give_identical_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file = tmp_path / "loads.txt"
    monkeypatch.setenv(LOAD_LOG_ENV, str(log_file))
    settings = Settings({"batch_size": SMALL_BATCH})

    def records() -> Iterator[InputRecord]:
        return read_inputs(ARTICLES, settings["max_text_chars"], settings["min_text_chars"])

    single = [r.to_dict() for r in Pipeline.from_settings(settings).run(records())]
    pooled = [r.to_dict() for r in run_with_process_pool(records(), settings, 2)]
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                     dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        on_dask = [
            r.to_dict() for r in run_on_dask(records(), settings, client, factory=logging_factory)
        ]
        worker_pids = set(client.run(lambda: __import__("os").getpid()).values())
    assert on_dask == single == pooled
    assert len(single) == 22
    loads = log_file.read_text().split()
    assert len(loads) == len(set(loads)) and set(loads) <= {str(p) for p in worker_pids}


def test_cli_dask_writes_the_single_process_output(tmp_path: Path) -> None:
    runner = CliRunner()
    one, dask = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    config = tmp_path / "c.toml"  # start the cluster however small the input
    config.write_text("dask_min_records = 0\n", "utf-8")
    for out, extra in ((one, []), (dask, ["--dask", "--workers", "2"])):
        result = runner.invoke(app, ["extract", str(ARTICLES), "-o", str(out), "-q",
                                     "--config", str(config), *extra])
        assert result.exit_code == 1, result.output  # 1: the fixture's two broken records
    assert dask.read_text("utf-8") == one.read_text("utf-8")
