"""Open the store: create the engine (SQLite in WAL mode, or PostgreSQL) and migrate it.

Transactions.  On SQLite the driver's own implicit transactions are switched off
(``isolation_level = None``) and every SQLAlchemy transaction starts with an
explicit ``BEGIN``, so DDL (the migrations) is transactional too: a migration
killed midway leaves the schema as it was.  Write transactions
(:func:`write_session`) start with ``BEGIN IMMEDIATE`` on SQLite and take a
transaction-scoped advisory lock on PostgreSQL: concurrent ``ingest``
processes take turns batch by batch, and each batch sees every article and
fused event committed before it (see docs/storage.md, "Concurrent writers").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
#: Milliseconds a SQLite writer waits for another process's write lock before
#: failing.  Concurrent ingests hold the lock for one batch (storage, extraction
#: and fusion of up to ``batch_size`` articles), so the wait must cover several
#: batches of other writers: ten minutes.
SQLITE_BUSY_TIMEOUT_MS = 600_000
#: Key of the PostgreSQL advisory lock that serialises store writers (any
#: constant unique to blotter; the ASCII of "BLOTTER" as an integer).
PG_WRITE_LOCK_KEY = 0x424C4F54544552
#: Execution option telling the ``begin`` hook to open a write transaction.
WRITE_OPTION = "blotter_write"


class StoreError(RuntimeError):
    """The database cannot be opened or migrated; the message is shown to the user."""


def redact_url(url: str | URL) -> str:
    """*url* with its password replaced by ``***`` (for messages and run records)."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except Exception:
        return "<unparseable database URL>"
    return parsed.render_as_string(hide_password=True)


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at the packaged migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """WAL journal, enforced foreign keys, a busy timeout and FULL sync on every connection.

    ``synchronous=FULL`` syncs the WAL at every commit, so a committed batch
    survives an OS crash or power loss, not just a killed process.
    """
    dbapi_conn.isolation_level = None  # no implicit transactions: ``_sqlite_begin`` opens them
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """Open the transaction explicitly (DDL included); writers take the lock at once."""
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for *url*; SQLite files get WAL mode and their folder is created."""
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise StoreError(f"not a database URL: {redact_url(url)!r} ({exc})") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def lock_store(session: Session) -> None:
    """Take the store's writer lock for the rest of *session*'s transaction.

    PostgreSQL: a transaction-scoped advisory lock (released at commit or
    rollback, also when the process dies).  SQLite: the transaction already
    holds the write lock when it was opened by :func:`write_session`.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK_KEY})


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session in one write transaction holding the store's writer lock; commits on exit."""
    writer = engine.execution_options(**{WRITE_OPTION: True})
    with Session(writer) as session, session.begin():
        lock_store(session)
        yield session


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration, all steps in one transaction.

    Both backends run DDL transactionally, so an interrupted upgrade (killed
    process, full disk) rolls back to the previous version; concurrent
    openers take the writer lock and the second finds the schema current.
    """
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    writer = engine.execution_options(**{WRITE_OPTION: True})
    with writer.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK_KEY})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_engine(url: str) -> Engine:
    """Create the engine for *url* and migrate the schema to the newest version."""
    engine = make_engine(url)
    try:
        migrate(engine)
    except Exception as exc:
        engine.dispose()
        message = str(exc).replace(url, redact_url(url))
        raise StoreError(
            f"cannot open database {redact_url(url)}: {type(exc).__name__}: {message}"
        ) from exc
    return engine
