"""The fuser's state behind one small interface, ``FusionIndex``.

Three implementations: ``MemoryIndex`` (dicts; evaluation and benchmarks),
``SqliteIndex`` (one SQLite file via the standard library, so ``blotter fuse``
runs add to earlier runs) and ``blotter.fusion.store_index.StoreIndex`` (the
shared article/event store, SQLite or PostgreSQL, used by ``blotter ingest``).
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from blotter.fusion.fused import Decision, fuse_reports
from blotter.fusion.reports import Report

SCHEMA_VERSION = "1"


@dataclass
class EventState:
    """A cluster: its member reports and the decisions that built it."""

    id: str
    reports: list[Report] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    @property
    def family(self) -> str:
        """Blocking family (all members share it)."""
        return self.reports[0].family

    @property
    def countries(self) -> set[str]:
        """Countries reported by members ('' when a report has none)."""
        return {r.country for r in self.reports}

    @property
    def days(self) -> set[int]:
        """Anchor days of the members, for blocking."""
        return {d for r in self.reports if (d := r.anchor_day) is not None}

    def fused(self) -> dict[str, Any]:
        """The fused event record."""
        return fuse_reports(self.id, self.reports, self.decisions)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready state."""
        return {
            "id": self.id,
            "reports": [r.to_dict() for r in self.reports],
            "decisions": [d.to_dict() for d in self.decisions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventState:
        """Inverse of ``to_dict``."""
        return cls(
            data["id"],
            [Report.from_dict(r) for r in data["reports"]],
            [Decision(**d) for d in data["decisions"]],
        )

    def to_json(self) -> str:
        """Serialised state."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> EventState:
        """Inverse of ``to_json``."""
        return cls.from_dict(json.loads(text))


class FusionIndex(Protocol):
    """What the fuser needs from its state store."""

    def has_report(self, report_id: str) -> bool:
        """True if the report was already fused (re-runs are idempotent)."""
        ...

    def candidates(
        self, family: str, country: str, day_lo: int, day_hi: int
    ) -> list[EventState]:
        """Events of *family* with a member day in [day_lo, day_hi] in *country*
        (events with an unknown country included; any country if *country* is '')."""
        ...

    def new_event_id(self) -> str:
        """A fresh event id."""
        ...

    def save_event(self, event: EventState) -> None:
        """Insert or replace an event (and its blocking keys)."""
        ...

    def save_unattached(self, report: Report, decision: Decision) -> None:
        """Keep a report that belongs to no event (undated background)."""
        ...

    def idf(self, token: str) -> float:
        """Inverse document frequency of a token among fused reports."""
        ...

    def add_tokens(self, tokens: Iterable[str]) -> None:
        """Count one more report's tokens."""
        ...

    def events(self) -> Iterator[EventState]:
        """All events, oldest id first."""
        ...

    def unattached(self) -> Iterator[tuple[Report, Decision]]:
        """Reports kept outside any event."""
        ...

    def commit(self) -> None:
        """Make everything saved so far durable."""
        ...


class _TokenCounts:
    """Document frequencies of evidence tokens, kept in memory."""

    def __init__(self) -> None:
        self.df: dict[str, int] = defaultdict(int)
        self.n_docs = 0
        self.dirty: set[str] = set()

    def idf(self, token: str) -> float:
        """Smoothed IDF: rare words weigh more."""
        return math.log((self.n_docs + 1) / (self.df.get(token, 0) + 1)) + 1.0

    def add(self, tokens: Iterable[str]) -> None:
        """Count one document."""
        self.n_docs += 1
        for t in set(tokens):
            self.df[t] += 1
            self.dirty.add(t)


class MemoryIndex:
    """The fusion state in dictionaries."""

    def __init__(self) -> None:
        self._events: dict[str, EventState] = {}
        self._blocks: dict[tuple[str, str, int], set[str]] = defaultdict(set)
        self._reports: set[str] = set()
        self._unattached: list[tuple[Report, Decision]] = []
        self._tokens = _TokenCounts()

    def has_report(self, report_id: str) -> bool:
        """True if seen before."""
        return report_id in self._reports

    def candidates(self, family: str, country: str, day_lo: int, day_hi: int) -> list[EventState]:
        """Blocked candidates (see ``FusionIndex``)."""
        ids: set[str] = set()
        for day in range(day_lo, day_hi + 1):
            if country:
                ids |= self._blocks.get((family, country, day), set())
                ids |= self._blocks.get((family, "", day), set())
            else:
                ids |= self._blocks.get((family, "*", day), set())
        return [self._events[i] for i in sorted(ids)]

    def new_event_id(self) -> str:
        """Sequential ids."""
        return f"evt-{len(self._events) + 1:07d}"

    def save_event(self, event: EventState) -> None:
        """Store and index an event."""
        self._events[event.id] = event
        for r in event.reports:
            self._reports.add(r.id)
        for day in event.days:
            for country in event.countries:
                self._blocks[(event.family, country, day)].add(event.id)
            self._blocks[(event.family, "*", day)].add(event.id)

    def save_unattached(self, report: Report, decision: Decision) -> None:
        """Keep an unattached report."""
        self._reports.add(report.id)
        self._unattached.append((report, decision))

    def idf(self, token: str) -> float:
        """See ``FusionIndex``."""
        return self._tokens.idf(token)

    def add_tokens(self, tokens: Iterable[str]) -> None:
        """See ``FusionIndex``."""
        self._tokens.add(tokens)

    def events(self) -> Iterator[EventState]:
        """All events."""
        yield from self._events.values()

    def unattached(self) -> Iterator[tuple[Report, Decision]]:
        """Unattached reports."""
        yield from self._unattached

    def commit(self) -> None:
        """Nothing to do in memory."""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS blocks (
    event_id TEXT NOT NULL, family TEXT NOT NULL, country TEXT NOT NULL, day INTEGER NOT NULL,
    PRIMARY KEY (family, country, day, event_id)
);
CREATE INDEX IF NOT EXISTS blocks_by_day ON blocks (family, day);
CREATE TABLE IF NOT EXISTS reports (id TEXT PRIMARY KEY, event_id TEXT);
CREATE TABLE IF NOT EXISTS unattached (report_id TEXT PRIMARY KEY, report TEXT, decision TEXT);
CREATE TABLE IF NOT EXISTS token_df (token TEXT PRIMARY KEY, df INTEGER NOT NULL);
"""


class SqliteIndex:
    """The fusion state in one SQLite file; each ``commit`` is one transaction."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(self.path)
        self._db.executescript(_SCHEMA)
        version = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if version is None:
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            self._db.execute("INSERT INTO meta VALUES ('n_docs', '0')")
            self._db.execute("INSERT INTO meta VALUES ('n_events', '0')")
            self._db.commit()
        elif version[0] != SCHEMA_VERSION:
            raise ValueError(
                f"{self.path}: fusion state schema {version[0]}, expected {SCHEMA_VERSION}"
            )
        self._tokens = _TokenCounts()
        self._tokens.df.update(dict(self._db.execute("SELECT token, df FROM token_df").fetchall()))
        self._tokens.n_docs = int(self._meta("n_docs"))
        self._n_events = int(self._meta("n_events"))
        self._cache: dict[str, EventState] = {}

    def _meta(self, key: str) -> str:
        """A value of the meta table."""
        return str(self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()[0])

    def has_report(self, report_id: str) -> bool:
        """True if the report is stored."""
        row = self._db.execute("SELECT 1 FROM reports WHERE id=?", (report_id,)).fetchone()
        return row is not None

    def candidates(self, family: str, country: str, day_lo: int, day_hi: int) -> list[EventState]:
        """Blocked candidates (see ``FusionIndex``)."""
        if country:
            rows = self._db.execute(
                "SELECT DISTINCT event_id FROM blocks WHERE family=? AND country IN (?, '')"
                " AND day BETWEEN ? AND ? ORDER BY event_id",
                (family, country, day_lo, day_hi),
            ).fetchall()
        else:
            rows = self._db.execute(
                "SELECT DISTINCT event_id FROM blocks WHERE family=? AND day BETWEEN ? AND ?"
                " ORDER BY event_id",
                (family, day_lo, day_hi),
            ).fetchall()
        return [self._load(event_id) for (event_id,) in rows]

    def _load(self, event_id: str) -> EventState:
        """An event, from the write-through cache or the file."""
        if event_id not in self._cache:
            row = self._db.execute("SELECT state FROM events WHERE id=?", (event_id,)).fetchone()
            self._cache[event_id] = EventState.from_json(row[0])
        return self._cache[event_id]

    def new_event_id(self) -> str:
        """Sequential ids, persisted."""
        self._n_events += 1
        return f"evt-{self._n_events:07d}"

    def save_event(self, event: EventState) -> None:
        """Insert or replace an event and its blocking keys."""
        self._cache[event.id] = event
        self._db.execute("INSERT OR REPLACE INTO events VALUES (?, ?)", (event.id, event.to_json()))
        self._db.executemany(
            "INSERT OR IGNORE INTO reports VALUES (?, ?)", [(r.id, event.id) for r in event.reports]
        )
        self._db.executemany(
            "INSERT OR IGNORE INTO blocks VALUES (?, ?, ?, ?)",
            [(event.id, event.family, c, d) for d in event.days for c in event.countries],
        )

    def save_unattached(self, report: Report, decision: Decision) -> None:
        """Keep an unattached report."""
        self._db.execute("INSERT OR IGNORE INTO reports VALUES (?, NULL)", (report.id,))
        self._db.execute(
            "INSERT OR REPLACE INTO unattached VALUES (?, ?, ?)",
            (report.id, json.dumps(report.to_dict()), json.dumps(decision.to_dict())),
        )

    def idf(self, token: str) -> float:
        """See ``FusionIndex``."""
        return self._tokens.idf(token)

    def add_tokens(self, tokens: Iterable[str]) -> None:
        """See ``FusionIndex``."""
        self._tokens.add(tokens)

    def events(self) -> Iterator[EventState]:
        """All events, in id order."""
        for (state,) in self._db.execute("SELECT state FROM events ORDER BY id").fetchall():
            yield EventState.from_json(state)

    def unattached(self) -> Iterator[tuple[Report, Decision]]:
        """Unattached reports."""
        rows = self._db.execute("SELECT report, decision FROM unattached ORDER BY report_id")
        for report, decision in rows.fetchall():
            yield Report.from_dict(json.loads(report)), Decision(**json.loads(decision))

    def commit(self) -> None:
        """Write token counts and counters, then commit the transaction."""
        t = self._tokens
        self._db.executemany(
            "INSERT OR REPLACE INTO token_df VALUES (?, ?)", [(k, t.df[k]) for k in t.dirty]
        )
        t.dirty.clear()
        self._db.execute("UPDATE meta SET value=? WHERE key='n_docs'", (str(t.n_docs),))
        self._db.execute("UPDATE meta SET value=? WHERE key='n_events'", (str(self._n_events),))
        self._db.commit()
        self._cache.clear()

    def close(self) -> None:
        """Commit and close the file."""
        self.commit()
        self._db.close()
