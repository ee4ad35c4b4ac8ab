"""Server writes take the store's writer lock, as ``blotter ingest`` does, on a real
SQLite file and on PostgreSQL: a correction (or an API ingest) posted while another
process's write transaction holds the lock waits and then succeeds; one that cannot
get the lock within the server's bound gets 503 with Retry-After and writes nothing;
reads never wait for the lock."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, event, select, text
from sqlalchemy.orm import Session

from blotter.server import auth
from blotter.server.ingest_api import _locator
from blotter.server.models import ApiToken, Correction, EventReview, ServerOption
from blotter.server.tests.conftest import Server, make_server
from blotter.server.writes import RETRY_AFTER_SECONDS, WAIT_OPTION
from blotter.store.database import WRITE_OPTION, make_engine, open_engine, write_session
from blotter.store.models import Article, Failure

#: Longest a test waits for a thread to reach a point (a safety net, never reached
#: when the code works: each wait ends on an event).
SAFETY_SECONDS = 300
#: SQLite cannot list a lock's waiters: after the request reached its BEGIN IMMEDIATE,
#: the holder keeps the lock this much longer so the request is surely waiting on it.
SQLITE_SETTLE_SECONDS = 0.5
#: The bound of the server that must give up: short, so the test does not wait long.
SHORT_WAIT_SECONDS = 0.2
REPORT = ("Gunmen killed four villagers and abducted two women in Kauru, Kaduna State, "
          "on Sunday, police said.")


class Holder:
    """Another process's write: a thread with its own engine holding the writer lock
    (``write_session``, as an ingest batch does) until ``release`` is set."""

    def __init__(self, url: str, change: Any = None) -> None:
        self.url = url
        self.change = change
        #: Set when the lock is held; set by the test to let it go (the commit follows);
        #: set once committed.
        self.held, self.release, self.released = (threading.Event(), threading.Event(),
                                                  threading.Event())
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        engine = open_engine(self.url)
        try:
            with write_session(engine) as session:
                session.connection()  # SQLite: BEGIN IMMEDIATE; PostgreSQL: lock taken
                session.merge(ServerOption(name="holder", value=True))
                if self.change is not None:
                    self.change(session)
                session.flush()
                self.held.set()
                self.release.wait(SAFETY_SECONDS)
            self.released.set()  # committed: the lock is free
        finally:
            engine.dispose()

    def __enter__(self) -> Holder:
        self.thread.start()
        assert self.held.wait(SAFETY_SECONDS), "the holder never got the lock"
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release.set()
        self.thread.join(SAFETY_SECONDS)


@contextmanager
def watch_writes(srv: Server) -> Iterator[threading.Event]:
    """An event set when a request on *srv* takes a connection for a write transaction
    (before it asks for the lock); the last-use stamp of tokens, which never waits,
    does not count."""
    arrived = threading.Event()

    def on_connect(conn: Connection) -> None:
        options = conn.get_execution_options()
        if options.get(WRITE_OPTION) and WAIT_OPTION not in options:
            arrived.set()

    engine = srv.app.state.engine
    event.listen(engine, "engine_connect", on_connect)
    try:
        yield arrived
    finally:
        event.remove(engine, "engine_connect", on_connect)


def release_once_waiting(holder: Holder, arrived: threading.Event) -> threading.Thread:
    """A thread that lets *holder* go once a request is waiting for its lock."""

    def run() -> None:
        assert arrived.wait(SAFETY_SECONDS)
        if holder.url.startswith("postgresql"):
            # PostgreSQL lists who waits for a lock (make_engine: open_engine's migration
            # would itself wait for the holder's lock).
            engine = make_engine(holder.url)
            try:
                while True:
                    with engine.connect() as conn:
                        if conn.scalar(text("SELECT count(*) FROM pg_locks WHERE locktype = "
                                            "'advisory' AND NOT granted")):
                            break
            finally:
                engine.dispose()
        else:
            time.sleep(SQLITE_SETTLE_SECONDS)
        holder.release.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def version(srv: Server, event_id: str) -> int:
    """The event's current version."""
    value: int = srv.get(f"/api/events/{event_id}").json()["version"]
    return value


def test_a_correction_waits_for_the_writer_lock_and_then_succeeds(server: Server) -> None:
    event_id = server.event_id("Fresnillo")
    seen = version(server, event_id)
    with watch_writes(server) as arrived, Holder(server.url) as holder:
        releaser = release_once_waiting(holder, arrived)
        r = server.post(f"/api/events/{event_id}/corrections",
                        {"version": seen, "changes": {"fatalities": {"best": 6}},
                         "comment": "while an ingest ran"})
        assert holder.release.is_set(), r.text  # answered only once the lock was let go
        releaser.join(SAFETY_SECONDS)
    assert r.status_code == 200, r.text
    assert r.json()["version"] == seen + 1
    after = server.get(f"/api/events/{event_id}").json()
    assert after["record"]["fatalities"]["best"] == 6
    with Session(server.app.state.engine) as session:  # the holder's write is kept too
        assert session.get(ServerOption, "holder") is not None


def test_an_edit_the_lock_holder_overtook_gets_409(server: Server) -> None:
    """The waiting correction starts from what the holder committed: if that changed
    the event (a re-fusion bumps its version), the editor's version is stale."""
    event_id = server.event_id("Dori")
    seen = version(server, event_id)

    def refuse(session: Session) -> None:
        review = session.get(EventReview, event_id)
        assert review is not None
        review.version += 1

    with watch_writes(server) as arrived, Holder(server.url, refuse) as holder:
        releaser = release_once_waiting(holder, arrived)
        r = server.post(f"/api/events/{event_id}/corrections",
                        {"version": seen, "changes": {"fatalities": {"best": 9}}})
        releaser.join(SAFETY_SECONDS)
    assert r.status_code == 409, r.text
    assert r.json()["current_version"] == seen + 1


def test_an_api_ingest_waits_for_the_writer_lock_and_then_succeeds(server: Server) -> None:
    with watch_writes(server) as arrived, Holder(server.url) as holder:
        releaser = release_once_waiting(holder, arrived)
        r = server.post("/api/ingest", {"text": REPORT, "published": "2024-07-08"})
        assert holder.release.is_set()
        releaser.join(SAFETY_SECONDS)
    assert r.status_code == 200, r.text
    assert r.json()["events"] and r.json()["already_stored"] is False


def test_writes_that_cannot_get_the_lock_in_time_are_503_and_write_nothing(
    server: Server
) -> None:
    bounded = make_server(server.url, write_wait_seconds=SHORT_WAIT_SECONDS)
    try:
        event_id = bounded.event_id("Afgooye")
        seen = version(bounded, event_id)
        text_ = REPORT.replace("Kauru", "Zangon Kataf")
        with Holder(server.url):
            writes = [
                bounded.post(f"/api/events/{event_id}/corrections",
                             {"version": seen, "changes": {"fatalities": {"best": 12}}}),
                bounded.post(f"/api/events/{event_id}/review",
                             {"version": seen, "action": "accept"}),
                bounded.post("/api/ingest", {"text": text_, "published": "2024-07-09"}),
                bounded.post("/api/admin/tokens", {"username": "viewer"}, role="admin"),
                bounded.client.post("/api/auth/login",
                                    json={"username": "editor", "password": "editor-password"}),
            ]
            read = bounded.get(f"/api/events/{event_id}")  # reads do not wait
        for r in writes:
            assert r.status_code == 503, r.text
            assert r.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
            assert "busy" in r.json()["detail"]
        assert read.status_code == 200 and read.json()["version"] == seen
        with Session(bounded.app.state.engine) as session:
            assert not session.scalars(select(Correction).where(
                Correction.fused_event_id == event_id)).all()
            locator = _locator("text", text_)
            assert not session.scalars(select(Article).where(Article.locator == locator)
                                       ).all()
            assert not session.scalars(select(Failure).where(Failure.locator == locator)
                                       ).all()  # not quarantined as failed either
        # Once the lock is free the same requests go through.
        r = bounded.post(f"/api/events/{event_id}/corrections",
                         {"version": seen, "changes": {"fatalities": {"best": 12}}})
        assert r.status_code == 200 and r.json()["version"] == seen + 1
        ingested = bounded.post("/api/ingest", {"text": text_, "published": "2024-07-09"})
        assert ingested.status_code == 200 and ingested.json()["events"]
    finally:
        bounded.client.close()
        bounded.app.state.engine.dispose()


def test_a_read_never_waits_for_the_lock_to_stamp_a_token(server: Server) -> None:
    """A token's last use is stamped in a write that gives up at once when the store is
    busy, even on a server that lets writes wait longer than the holder holds the lock
    (so a stamp that waited would answer only after the release); a later request
    stamps it."""
    patient = make_server(server.url, write_wait_seconds=2 * SAFETY_SECONDS)
    try:
        engine = patient.app.state.engine
        token_id, secret = auth.create_token(engine, "viewer", "fresh")
        headers = {"Authorization": f"Bearer {secret}"}
        with Holder(server.url) as holder:
            r = patient.client.get("/api/events", params={"limit": 1}, headers=headers)
            assert not holder.released.is_set()  # answered while the lock was still held
        assert r.status_code == 200, r.text
        with Session(engine) as session:
            assert session.get(ApiToken, token_id).last_used is None  # type: ignore[union-attr]
        assert patient.client.get("/api/events", params={"limit": 1},
                                  headers=headers).status_code == 200
        with Session(engine) as session:
            token = session.get(ApiToken, token_id)
            assert token is not None and token.last_used is not None
    finally:
        patient.client.close()
        engine.dispose()
