"""What every ``blotter`` command shares: exit codes, one-line errors, stores, progress.

Exit codes (docs/cli.md):

* 0 — everything was read and stored/written;
* 1 — the command ran, but some inputs or records failed (each is listed, and
  kept in the quarantine by ``ingest``);
* 2 — the command could not run: a bad option or path, config, store, model
  or scheduler.  One line says what is wrong and what to do; ``--debug``
  shows the traceback;
* 130 — interrupted (Ctrl-C).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import socket
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort, Exit, TyperException

from blotter.textsafe import for_terminal

EXIT_OK = 0
EXIT_RECORDS_FAILED = 1
EXIT_CANNOT_RUN = 2
EXIT_INTERRUPTED = 130
#: 128 + SIGPIPE, what a shell reports for a tool whose reader went away (``| head``).
EXIT_BROKEN_PIPE = 141
#: Failed records listed one per line before "... and N more".
MAX_LISTED = 20
#: Seconds to wait for a Dask scheduler's port before saying it is unreachable
#: (Dask's own connect timeout is 30 s, retried).
SCHEDULER_PROBE_SECONDS = 3.0
DEFAULT_SCHEDULER_PORT = 8786
#: Width of tables written to a pipe or file (no terminal to measure).
PIPE_TABLE_WIDTH = 160

_state: dict[str, Any] = {"debug": False, "store": None}
_PASSWORD_IN_URL = re.compile(r"(\b[\w+.-]+://[^:/@\s]+):[^@\s]*@")


class CliError(Exception):
    """A problem the user can fix; the message (one line) says what and how."""

    def __init__(self, message: str, code: int = EXIT_CANNOT_RUN) -> None:
        super().__init__(message)
        self.code = code


def set_debug(debug: bool) -> None:
    """Show tracebacks (``--debug``); route Blotter's warnings through :func:`say`."""
    _state["debug"] = debug
    logger = logging.getLogger("blotter")
    if not any(isinstance(h, _SayHandler) for h in logger.handlers):
        logger.addHandler(_SayHandler(logging.DEBUG if debug else logging.WARNING))
    logger.setLevel(logging.DEBUG if debug else logging.WARNING)
    # ingest lists its failures itself after the run, with their stage
    logging.getLogger("blotter.ingest.runner").setLevel(
        logging.DEBUG if debug else logging.ERROR)


class _SayHandler(logging.Handler):
    """Log records as ``warning: ...`` lines (above the progress bar)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            say(f"{record.levelname.lower()}: {record.getMessage()}")
        except Exception:  # a log line must never stop a run
            self.handleError(record)


def redact(text: str) -> str:
    """*text* with the passwords of database URLs replaced by ``***``."""
    return _PASSWORD_IN_URL.sub(r"\1:***@", text)


def say(message: str) -> None:
    """One line on standard error, control characters escaped, never wrapped."""
    progress = Progress.active
    line = for_terminal(message)
    if progress is not None and progress.bar is not None:
        progress.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
    else:
        typer.echo(line, err=True)


class BlotterGroup(TyperGroup):
    """The command group: turns foreseeable exceptions into one line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        """Run the command; map errors to ``error: ...`` and :data:`EXIT_CANNOT_RUN`."""
        try:
            return super().invoke(ctx)
        except (Exit, Abort, TyperException):
            raise  # typer's own exits and usage errors
        except KeyboardInterrupt:
            say("interrupted; run the command again: ingest resumes where it stopped, and "
                "an interrupted export leaves no half file")
            raise Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # The reader of our output left (``blotter ... | head``): stop quietly, as
            # Unix tools do, and send whatever is still buffered nowhere.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise Exit(EXIT_BROKEN_PIPE) from None
        except Exception as exc:
            message, code = explain(exc)
            if _state["debug"]:
                traceback.print_exception(exc, file=sys.stderr)
            say(f"error: {redact(message)}")
            raise Exit(code) from None


def _chain(exc: BaseException) -> list[BaseException]:
    """*exc* and its causes/contexts, outermost first."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _first_line(exc: BaseException) -> str:
    """The first line of an exception's message."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def explain(exc: Exception) -> tuple[str, int]:
    """A one-line explanation and exit code for *exc*."""
    from blotter.settings import SettingsError

    if isinstance(exc, CliError):
        return str(exc), exc.code
    if isinstance(exc, SettingsError):
        return str(exc), EXIT_CANNOT_RUN
    store = explain_store_error(exc)
    if store is not None:
        return store, EXIT_CANNOT_RUN
    for link in _chain(exc):
        text = str(link)
        if "[E050]" in text or "Can't find model" in text:
            return ("cannot build the pipeline: the spaCy model of the `model` setting is not "
                    "installed; pip install it, or set model = \"\" to run the rules alone",
                    EXIT_CANNOT_RUN)
    if type(exc).__name__ in ("PipelineLoadError", "RegistryError"):  # a plugin's name
        return _first_line(exc), EXIT_CANNOT_RUN
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}", EXIT_CANNOT_RUN
    return (f"unexpected {type(exc).__name__}: {_first_line(exc)} (a bug: run again with "
            "--debug for the traceback and report it)", EXIT_CANNOT_RUN)


def explain_store_error(exc: BaseException) -> str | None:
    """What a database error means for the user, or None if it is not one."""
    chain = _chain(exc)
    names = {type(e).__name__ for e in chain}
    modules = {type(e).__module__.split(".")[0] for e in chain}
    if "StoreError" not in names and not modules & {"sqlalchemy", "sqlite3", "psycopg",
                                                     "alembic"}:
        return None
    text = " | ".join(str(e) for e in chain).lower()
    where = _state["store"] or "the store"
    revision = re.search(r"can't locate revision identified by '([^']+)'", text)
    if revision:
        return (f"{where} has schema version {revision.group(1)}, newer than this Blotter "
                "knows: upgrade Blotter (pip install -U newsblotter) or use another --db")
    rules = [
        ("readonly database", f"{where} is read-only: make the file and its folder writable "
         "(SQLite writes a journal beside it) or copy it somewhere writable"),
        ("database is locked", f"{where} is locked by another process (a running ingest?): "
         "wait for it to finish, or stop it, and run again"),
        ("unable to open database file", f"cannot open {where}: check that its folder exists "
         "and is writable"),
        ("not a database", f"{where} is not a SQLite database: give the path of a Blotter "
         "store with --db"),
        ("disk is full", f"the disk holding {where} is full: free space and run again"),
        ("disk i/o error", f"disk I/O error on {where}: check the disk and run again"),
        ("password authentication failed", f"PostgreSQL refused the user or password of "
         f"{where}: check the URL"),
        ("does not exist", f"{where}: the PostgreSQL database does not exist: create it "
         "(createdb NAME) or check the URL"),
        ("connection refused", f"cannot connect to {where}: is the PostgreSQL server "
         "running and the host and port right?"),
        ("could not translate host name", f"cannot connect to {where}: unknown host name"),
        ("connection", f"cannot connect to {where}: check the server and the URL"),
    ]
    for needle, message in rules:
        if needle in text:
            return message
    return f"cannot use {where}: {_first_line(chain[-1])}"


def database_url(value: str) -> str:
    """A SQLAlchemy URL from a ``--db`` value: a file path, or a URL.

    ``postgres://`` and ``postgresql://`` (what Heroku, libpq and most docs
    write) map to the installed psycopg 3 driver.
    """
    value = value.strip()
    if not value:
        raise CliError("empty --db: give a file path or a database URL")
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    scheme, rest = value.split("://", 1)
    if scheme.lower() in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return value


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory ones)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception as exc:
        raise CliError(f"not a database URL: {redact(url)!r} ({exc})") from None
    if parsed.get_backend_name() != "sqlite":
        return None
    name = parsed.database or ""
    if not name or name == ":memory:":
        return None
    if name.startswith("file:"):  # sqlite:///file:path?mode=ro&uri=true
        name = name[len("file:"):].split("?")[0]
    return Path(name)


def store_label(url: str) -> str:
    """How messages name the store: its file, or the URL without password."""
    try:
        path = _sqlite_file(url)
    except CliError:
        return redact(url)
    return f"the store {path}" if path else f"the store {redact(url)}"


def open_store(url: str, must_exist: bool) -> Any:
    """An engine on the store at *url* (migrated); a read command (*must_exist*) refuses a
    SQLite file that is not there rather than creating an empty store."""
    from blotter.store.database import open_engine

    path = _sqlite_file(url)
    _state["store"] = store_label(url)
    if must_exist and path is not None and not path.exists():
        raise CliError(f"no store at {path}: run `blotter ingest ... --db {path}` first, or "
                       "point --db at an existing store")
    if path is not None and path.is_dir():
        raise CliError(f"{path} is a folder: --db takes a file path or a URL")
    return open_engine(url)


def check_model(settings: Any) -> None:
    """Refuse at once a ``model`` setting that names no installed package or folder."""
    name = str(settings["model"] or "")
    if not name or Path(name).exists():
        return
    if "/" in name or name.startswith("."):
        raise CliError(f"cannot build the pipeline: model folder {name} does not exist "
                       "(the `model` setting)")
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise CliError(
            f"cannot build the pipeline: spaCy model {name!r} (the `model` setting) is not "
            f"installed; pip install {name.replace('_', '-')}, or set model = \"\" to run "
            "the rules alone"
        )


def check_scheduler(address: str) -> None:
    """Fail fast when nothing listens at a Dask scheduler address."""
    rest = address.split("://", 1)[-1]
    if address.startswith("inproc"):
        return
    host, _, port = rest.rpartition(":")
    if not host:
        host, port = rest, str(DEFAULT_SCHEDULER_PORT)
    try:
        number = int(port.split("/")[0])
    except ValueError:
        raise CliError(f"--cluster {address}: not host:port (e.g. tcp://10.0.0.5:8786)") from None
    try:
        with socket.create_connection((host.strip("[]"), number),
                                      timeout=SCHEDULER_PROBE_SECONDS):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CliError(f"cannot reach the Dask scheduler at {address} ({reason}): start it "
                       "(`dask scheduler`), check the address, or drop --cluster") from None


class Progress:
    """A rich progress bar on a terminal (standard error), nothing otherwise or when quiet."""

    active: Progress | None = None

    def __init__(self, label: str, quiet: bool, total: int | None = None) -> None:
        from rich.console import Console

        self.label = label
        self.total = total
        self.console = Console(stderr=True)
        self.enabled = not quiet and self.console.is_terminal
        self.bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        Progress.active = self
        if self.enabled:
            self.bar = _rich_progress(self.console, self.label)
            self.bar.start()
            self._task = self.bar.add_task(self.label, total=self.total)
        return self

    def advance(self, n: int = 1) -> None:
        """Count *n* more items done."""
        if self.bar is not None:
            self.bar.advance(self._task, n)

    def item(self, _item: object = None) -> None:
        """Count one item (usable as a callback)."""
        self.advance()

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
        Progress.active = None


def _rich_progress(console: Any, label: str) -> Any:
    """rich's progress display with Blotter's columns (transient: gone when done)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.progress import TimeElapsedColumn as Elapsed

    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), Elapsed(),
                    console=console, transient=True)


def print_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                err: bool = True) -> None:
    """A rich table with headers, on standard error (summaries) or output (listings)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", header_style="bold")
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(for_terminal("" if v is None else v) for v in row))
    console = Console(stderr=err, highlight=False)
    if not console.is_terminal:  # a pipe or a log: rich would assume 80 columns
        console = Console(stderr=err, highlight=False, width=PIPE_TABLE_WIDTH)
    console.print(table)


def list_problems(lines: Sequence[str], more_hint: str) -> None:
    """Print the first :data:`MAX_LISTED` problem lines, then how many more there are."""
    for line in lines[:MAX_LISTED]:
        say(line)
    if len(lines) > MAX_LISTED:
        say(f"... and {len(lines) - MAX_LISTED} more; {more_hint}")


Tick = Callable[[], None]
