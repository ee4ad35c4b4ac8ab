"""Every server write goes through the store's writer lock, with a bound on the wait.

``blotter ingest`` writes each batch in ``write_session`` (``BEGIN IMMEDIATE`` on
SQLite, a transaction-scoped advisory lock on PostgreSQL). The server's writes
(review actions, corrections, merge/split, accounts, options, ingest) use the same
lock through :func:`server_write`, so they queue behind a running batch instead of
failing half-way with "database is locked", and each starts from everything
committed before it.

The wait is bounded: a request should not hang for the store's ten-minute writer
timeout (made for ingest processes taking turns). :func:`bound_waits` installs
hooks on the server's engine that set the wait of each transaction — SQLite's
``busy_timeout`` as a connection is taken (before its ``BEGIN IMMEDIATE``),
PostgreSQL's ``lock_timeout`` in each write transaction (before the advisory
lock) — and a lock not had in time becomes :class:`StoreBusy`,
which the app answers with 503 and ``Retry-After``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from blotter.server import WRITE_WAIT_SECONDS
from blotter.store.database import WRITE_OPTION, write_session

__all__ = ["WRITE_WAIT_SECONDS", "StoreBusy", "bound_waits", "server_write"]

#: Seconds a client is told to wait before retrying a write that found the store busy
#: (about one ingest batch).
RETRY_AFTER_SECONDS = 5
#: Execution option: this transaction's lock wait in milliseconds (overrides the bound).
WAIT_OPTION = "blotter_wait_ms"
#: SQLite result codes of a lock not had: SQLITE_BUSY and SQLITE_LOCKED (their
#: extended codes share the low byte).
_SQLITE_LOCK_CODES = {5, 6}
#: PostgreSQL SQLSTATEs of a lock not had in time (lock_not_available) or given up to
#: break a deadlock (deadlock_detected): both succeed when retried.
_PG_LOCK_STATES = {"55P03", "40P01"}


class StoreBusy(RuntimeError):
    """The store's writer lock was not had within the bound; retry later."""


def is_lock_timeout(exc: BaseException) -> bool:
    """True if *exc* (a driver error, wrapped or not) means a lock was not had in time."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(orig, sqlite3.OperationalError):
        code = getattr(orig, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in _SQLITE_LOCK_CODES
        return "locked" in str(orig) or "busy" in str(orig)
    return getattr(orig, "sqlstate", None) in _PG_LOCK_STATES


def bound_waits(engine: Engine, seconds: float) -> None:
    """Make every transaction on *engine* wait at most *seconds* for a lock (or the
    ``WAIT_OPTION`` of its execution options)."""
    default_ms = max(0, int(seconds * 1000))

    def wait_ms(conn: Connection) -> int:
        return int(conn.get_execution_options().get(WAIT_OPTION, default_ms))

    if engine.dialect.name == "sqlite":
        def sqlite_wait(conn: Connection) -> None:
            # On the driver itself: the store's ``begin`` hook sends BEGIN IMMEDIATE,
            # which must already see this connection's wait.
            driver = conn.connection.driver_connection
            assert driver is not None
            driver.execute(f"PRAGMA busy_timeout={wait_ms(conn)}")

        event.listen(engine, "engine_connect", sqlite_wait)
    elif engine.dialect.name == "postgresql":
        def postgresql_wait(conn: Connection) -> None:
            if conn.get_execution_options().get(WRITE_OPTION):
                # 0 would mean "no limit" to PostgreSQL: the shortest bound is 1 ms.
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = {max(1, wait_ms(conn))}")

        event.listen(engine, "begin", postgresql_wait)


@contextmanager
def server_write(engine: Engine, wait_ms: int | None = None) -> Iterator[Session]:
    """``write_session`` for a request: holds the writer lock from the first statement
    on (taken here, before the caller's work), commits on exit, and raises
    ``StoreBusy`` if the lock (or a row lock) was not had in time."""
    bound = engine if wait_ms is None else engine.execution_options(**{WAIT_OPTION: wait_ms})
    try:
        with write_session(bound) as session:
            session.connection()  # SQLite: BEGIN IMMEDIATE now, not at the first query
            yield session
    except DBAPIError as exc:
        if is_lock_timeout(exc):
            raise StoreBusy("the store is busy with another write (an ingest batch?); "
                            f"retry in {RETRY_AFTER_SECONDS} s") from exc
        raise
