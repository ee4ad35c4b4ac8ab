"""A throwaway PostgreSQL server for the test session (shared by the store and ingest tests).

``BLOTTER_TEST_PG_URL`` points the tests at an existing server instead.  When no
server binaries are installed the fixture fails: PostgreSQL support is tested, not skipped.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL_ENV = "BLOTTER_TEST_PG_URL"
#: Run beside the server: once the test process is gone (a finished run, or one
#: killed before its finalizers ran) stop the server and delete its directory,
#: so a killed test run leaves no PostgreSQL server behind.
_WATCHDOG = """
import os, shutil, subprocess, sys, time
owner, base, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
while True:
    try:
        os.kill(owner, 0)
    except ProcessLookupError:
        break
    except PermissionError:
        pass
    time.sleep(WATCH_SECONDS)
if os.path.isdir(base):
    subprocess.run(cmd, capture_output=True)
    shutil.rmtree(base, ignore_errors=True)
"""
#: How often the watchdog looks for its test process: a stray server lives at most this long.
WATCH_SECONDS = 2
_state: dict[str, object] = {"users": 0, "url": None, "dir": None, "bin": None}


def _pg_bin() -> Path:
    """The newest installed PostgreSQL server binary directory."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if not found:
        pytest.fail("PostgreSQL server binaries not found (apt-get install postgresql); "
                    f"or set {PG_URL_ENV}")
    return Path(found[-1]).parent


def _free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres_cmd(*args: str) -> list[str]:
    """The command line running a server binary as the postgres user (it refuses root)."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


def _as_postgres(*args: str) -> None:
    """Run a server binary as the postgres user."""
    subprocess.run(_as_postgres_cmd(*args), check=True, capture_output=True, text=True)


def _watch(base: Path, bindir: Path) -> None:
    """Start the watchdog that stops the server once this process is gone."""
    stop = _as_postgres_cmd(str(bindir / "pg_ctl"), "-D", str(base / "data"), "-m", "immediate",
                            "stop")
    subprocess.Popen(
        [sys.executable, "-c", _WATCHDOG.replace("WATCH_SECONDS", str(WATCH_SECONDS)),
         str(os.getpid()), str(base), *stop],
        start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)


def _start() -> str:
    """initdb + pg_ctl start in a fresh directory; return the server's base URL."""
    bindir = _pg_bin()
    base = Path(tempfile.mkdtemp(prefix="blotter-pg-"))
    data = base / "data"
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    port = _free_port()
    _as_postgres(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                 "-E", "UTF8")
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
    _as_postgres(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w",
                 "-l", str(base / "log"), "start")
    _watch(base, bindir)
    _state.update(dir=base, bin=bindir)
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}"


def _stop() -> None:
    """Stop the server and delete its directory."""
    base, bindir = _state["dir"], _state["bin"]
    if isinstance(base, Path) and isinstance(bindir, Path):
        _as_postgres(str(bindir / "pg_ctl"), "-D", str(base / "data"), "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)
    _state.update(dir=None, bin=None, url=None)


def server_url() -> Iterator[str]:
    """Yield the base URL of a running server (started on first use, stopped after last)."""
    env = os.environ.get(PG_URL_ENV)
    if env:
        yield env.rsplit("/", 1)[0] if env.count("/") > 2 else env
        return
    if _state["url"] is None:
        _state["url"] = _start()
    _state["users"] = int(str(_state["users"])) + 1
    try:
        yield str(_state["url"])
    finally:
        _state["users"] = int(str(_state["users"])) - 1
        if _state["users"] == 0:
            _stop()


def fresh_database(base_url: str) -> str:
    """Create an empty database on the server and return its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    plain = base_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base_url}/{name}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Base URL of the session's PostgreSQL server."""
    yield from server_url()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return fresh_database(request.getfixturevalue("postgres_server"))
