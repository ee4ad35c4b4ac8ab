"""The throwaway PostgreSQL server goes away even when its test run is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from blotter.store.tests.pg_server import WATCH_SECONDS

#: A test process that starts a server, says where, and waits to be killed.
_STARTER = """
from blotter.store.tests import pg_server
url = pg_server._start()
print(pg_server._state["dir"], url.rsplit(":", 1)[1], flush=True)
import time
time.sleep(600)
"""


def _running(port: str) -> bool:
    """Whether a postgres process listens on *port*."""
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return any("postgres" in line and f"-p {port}" in line for line in out.splitlines())


def test_a_killed_test_run_leaves_no_server_behind() -> None:
    proc = subprocess.Popen([sys.executable, "-c", _STARTER], stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[3])
    assert proc.stdout is not None
    base, port = proc.stdout.readline().split()
    assert Path(base, "data").is_dir() and _running(port)
    os.kill(proc.pid, signal.SIGKILL)  # no finalizer runs
    proc.wait()
    deadline = time.monotonic() + 30 * WATCH_SECONDS
    while (Path(base).exists() or _running(port)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not Path(base).exists(), "the server's directory is left behind"
    assert not _running(port), "the server is still running"
