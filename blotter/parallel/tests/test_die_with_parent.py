"""Workers die with their parent: `extract --workers 2`, `extract --dask` and `ingest
--workers 2` killed with SIGKILL leave no process behind, and neither does a worker
stuck inside one long C call (a regex match holding the GIL), which a polling thread
never sees (the kernel's parent-death signal does)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from blotter.parallel.tests.factories import STUCK_LOG_ENV
from blotter.parallel.worker import PARENT_POLL_SECONDS

#: Seconds allowed for the workers to start and for orphans to go; generous, since the
#: test only polls (the machine may be loaded) and the stuck match would run for hours.
START_DEADLINE = 900.0
ORPHAN_DEADLINE = 120.0
#: Articles in the input: enough that the command is still extracting when killed.
N_ARTICLES = 3_000
#: CPU seconds each worker must have used before the kill: it is busy extracting.
BUSY_CPU_SECONDS = 2.0
BLOTTER = [sys.executable, "-m", "blotter"]


def _input(folder: Path) -> Path:
    path = folder / "news.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(N_ARTICLES):
            fh.write(json.dumps({
                "id": f"a{i}", "published": "2024-03-12",
                "text": f"Gunmen killed {i % 40 + 2} soldiers in the village of Town{i} on "
                        f"Tuesday, officials said. The attack on post {i} lasted hours."}) + "\n")
    return path


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _kill_and_wait(parent: subprocess.Popen[bytes], children: list[psutil.Process]) -> None:
    """SIGKILL *parent*, then poll until none of *children* is alive (or the deadline)."""
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    ends = time.monotonic() + ORPHAN_DEADLINE
    while time.monotonic() < ends and any(_alive(c) for c in children):
        time.sleep(0.5)
    survivors = [c.pid for c in children if _alive(c)]
    for child in children:  # leave nothing behind whatever the outcome
        if _alive(child):
            child.kill()
    assert not survivors, f"processes outlived their killed parent: {survivors}"


def _busy_workers(parent: subprocess.Popen[bytes], n: int) -> list[psutil.Process]:
    """All descendants of *parent* once *n* of them are busy (CPU time used)."""
    me = psutil.Process(parent.pid)
    ends = time.monotonic() + START_DEADLINE
    while time.monotonic() < ends and parent.poll() is None:
        children = me.children(recursive=True)
        busy = []
        for child in children:
            try:
                if child.cpu_times().user >= BUSY_CPU_SECONDS:
                    busy.append(child)
            except psutil.NoSuchProcess:
                continue
        if len(busy) >= n:
            return children
        time.sleep(0.5)
    raise AssertionError(f"the workers did not start (exit code {parent.poll()})")


@pytest.mark.slow
@pytest.mark.parametrize("command", [
    ["extract", "--workers", "2"],
    ["extract", "--dask", "--workers", "2"],
    ["ingest", "--workers", "2"],
], ids=["extract-pool", "extract-dask", "ingest-pool"])
def test_no_worker_outlives_the_killed_command(command: list[str], tmp_path: Path) -> None:
    source = _input(tmp_path)
    where = (["-o", str(tmp_path / "out.jsonl")] if command[0] == "extract"
             else ["--db", str(tmp_path / "store.sqlite")])
    parent = subprocess.Popen([*BLOTTER, command[0], str(source), "-q", *where, *command[1:]],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        children = _busy_workers(parent, 2)
    except BaseException:
        parent.kill()
        raise
    assert len(children) >= 2
    _kill_and_wait(parent, children)


POOL_PARENT = """
from blotter.parallel.articles import PooledExtractor
from blotter.parallel.tests.factories import hold_the_gil
from blotter.settings import Settings
pooled = PooledExtractor(Settings().replace(geocode=False), 2)
futures = [pooled.pool.submit(hold_the_gil) for _ in range(2)]
futures[0].result()  # never returns
"""
DASK_PARENT = """
from blotter.parallel.dask_runner import dask_client
from blotter.parallel.tests.factories import hold_the_gil
with dask_client(None, 2) as client:
    futures = [client.submit(hold_the_gil, pure=False, key=f"stuck-{i}") for i in range(2)]
    futures[0].result()  # never returns
"""


@pytest.mark.slow
@pytest.mark.parametrize("script", [POOL_PARENT, DASK_PARENT], ids=["pool", "dask"])
def test_a_worker_stuck_in_a_c_call_dies_with_its_parent(script: str, tmp_path: Path) -> None:
    log = tmp_path / "stuck.txt"
    log.touch()
    env = {**os.environ, STUCK_LOG_ENV: str(log)}
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=env)
    try:
        ends = time.monotonic() + START_DEADLINE
        while len(log.read_text().split()) < 2 and time.monotonic() < ends:
            assert parent.poll() is None, "the parent exited early"
            time.sleep(0.5)
        stuck = [psutil.Process(int(pid)) for pid in log.read_text().split()]
        assert len(stuck) == 2
        children = psutil.Process(parent.pid).children(recursive=True)
        assert {p.pid for p in stuck} <= {c.pid for c in children}
    except BaseException:
        parent.kill()
        raise
    time.sleep(2 * PARENT_POLL_SECONDS)  # a polling worker has had its chance to look
    _kill_and_wait(parent, children)
