"""`ingest --workers`: a dying or stalling worker costs only its article, workers exit
with their parent, and the local Dask cluster is closed to other users."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from blotter.document import Article
from blotter.parallel.articles import PooledExtractor
from blotter.parallel.tests.factories import CRASH_MARKER, SLOW_MARKER, faulty_factory
from blotter.settings import Settings

#: Budget per article in the stall test: far above a normal article, far below the stall.
BUDGET = 20.0
#: Seconds allowed for orphaned workers to notice their parent is gone (they poll each 1 s).
ORPHAN_GRACE = 60.0


def _articles(marked: dict[int, str], n: int = 6) -> list[Article]:
    return [Article(id=str(i), text=f"Gunmen killed {i + 2} soldiers in Ruvaka on Tuesday, "
                                    f"officials said. {marked.get(i, '')}") for i in range(n)]


@pytest.mark.slow
def test_a_dead_or_stalled_worker_costs_only_its_article() -> None:
    settings = Settings().replace(geocode=False, record_time_budget=BUDGET)
    pooled = PooledExtractor(settings, 2, factory=faulty_factory)
    try:
        results = pooled.extract_articles(_articles({1: CRASH_MARKER, 4: SLOW_MARKER}))
        assert [r.id for r in results] == [str(i) for i in range(6)]
        errors = {r.id: r.error for r in results if r.error}
        assert set(errors) == {"1", "4"}
        assert "killed its worker" in (errors["1"] or "")
        assert "time budget" in (errors["4"] or "")
        assert all(r.events for r in results if r.id not in errors)
        # The pool works on afterwards.
        assert all(r.error is None for r in pooled.extract_articles(_articles({}, 3)))
    finally:
        pooled.close()


PARENT = """
import sys, time
from blotter.parallel.articles import PooledExtractor
from blotter.settings import Settings
pooled = PooledExtractor(Settings().replace(geocode=False), 2)
for f in [pooled.pool.submit(time.sleep, 2) for _ in range(2)]: f.result()  # both up
print(" ".join(str(p) for p in pooled.pool._processes), flush=True)
time.sleep(600)
"""


@pytest.mark.slow
def test_workers_exit_when_their_parent_is_killed() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    try:
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert len(pids) == 2 and all(psutil.pid_exists(p) for p in pids)
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    ends = time.monotonic() + ORPHAN_GRACE
    while time.monotonic() < ends and any(_alive(p) for p in pids):
        time.sleep(0.5)
    assert not any(_alive(p) for p in pids)


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.slow
def test_local_dask_cluster_is_loopback_tls_without_http_routes() -> None:
    import urllib.error
    import urllib.request

    from distributed import Client

    from blotter.parallel.dask_runner import dask_client

    with dask_client(None, 1) as client:
        address = str(client.scheduler_info()["address"])
        assert address.startswith("tls://127.0.0.1:")
        assert client.submit(lambda x: x + 1, 1).result() == 2
        # Without the cluster's credentials nobody can connect.
        with pytest.raises((OSError, TimeoutError)):
            Client(address.replace("tls://", "tcp://"), timeout=3)
        with pytest.raises((OSError, TimeoutError, TypeError, ValueError)):
            Client(address, timeout=3)
        me = psutil.Process()
        listening = [c.laddr for p in [me, *me.children(recursive=True)]
                     for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
        assert listening and all(addr.ip == "127.0.0.1" for addr in listening)
        # Dask keeps an HTTP listener (its "dashboard" service) but it has no routes.
        for port in {addr.port for addr in listening}:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1", timeout=3)
            except (urllib.error.URLError, OSError, ValueError) as exc:
                assert not isinstance(exc, urllib.error.HTTPError) or exc.code == 404
            else:
                raise AssertionError(f"port {port} serves the Dask HTTP API")
