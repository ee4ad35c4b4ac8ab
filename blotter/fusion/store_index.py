"""The fusion state on the shared store (SQLAlchemy 2; SQLite or PostgreSQL).

``StoreIndex`` implements ``FusionIndex`` on the tables of migration 0002
(``fused_events``, ``fusion_blocks``, ``fused_reports``, ``fusion_decisions``,
``fusion_tokens``, ``fusion_counters``). It works inside a caller's session
(``bind``), so ``blotter ingest`` fuses a batch's events in the batch's own
transaction, or in a session of its own (``blotter fuse --db``), committed by
``commit``.

Concurrency: ``blotter ingest`` fuses inside its batch's write transaction,
which holds the store's writer lock (``blotter.store.database.write_session``:
an advisory lock on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite); an index with
its own session takes the same lock, and the first fusing statement of each
transaction also locks the ``n_events`` counter row.  Writers therefore take
turns batch by batch and never see half of each other's decisions.
Token document frequencies are loaded once per index and written as
increments, so concurrent runs never lose counts (each sees the other's words
from its next run on).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, false, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from blotter.fusion.fused import Decision
from blotter.fusion.fuser import Fuser, FusionConfig
from blotter.fusion.index import EventState, _TokenCounts
from blotter.fusion.listing import EventFilter
from blotter.fusion.reports import ArticleMeta, Report, ReportError, normalise
from blotter.server.protect import protect_record
from blotter.store.database import WRITE_OPTION, lock_store
from blotter.store.models import (
    Article,
    Event,
    FusedEvent,
    FusedReport,
    FusionBlock,
    FusionCounter,
    FusionDecision,
    FusionToken,
)
from blotter.store.repository import iso_date
from blotter.taxonomy import SUB_EVENT_TYPES

log = logging.getLogger(__name__)

#: Rows per multi-row statement when streaming events out (memory stays flat).
STREAM_CHUNK = 500


def _utcnow() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(UTC)


def _insert(session: Session, model: type[Any]) -> Any:
    """A dialect INSERT (with ON CONFLICT support) for *model*'s table."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


def _actor_names(record: dict[str, Any]) -> str:
    """Every reported actor name of a fused record, normalised, ' | '-separated."""
    names: set[str] = set()
    for name in ("actor1", "actor2"):
        for item in record.get("history", {}).get(name, []):
            value = normalise((item.get("value") or {}).get("name"))
            if value:
                names.add(value)
    return " | ".join(sorted(names))


def _event_columns(event: EventState, record: dict[str, Any]) -> dict[str, Any]:
    """The queryable columns of a fused event row."""
    loc = record.get("location") or {}
    fatalities = record.get("fatalities") or {}
    return {
        "family": event.family,
        "event_type": record.get("event_type"),
        "sub_event_type": record.get("sub_event_type"),
        "event_date": iso_date(record.get("event_date")),
        "country": loc.get("country"),
        "country_key": normalise(loc.get("country")) or None,
        "admin1": loc.get("admin1"),
        "admin1_key": normalise(loc.get("admin1")) or None,
        "location": loc.get("name"),
        "actor_names": _actor_names(record) or None,
        "fatalities_best": fatalities.get("best"),
        "fatalities_low": fatalities.get("low"),
        "fatalities_high": fatalities.get("high"),
        "n_reports": record["n_reports"],
        "background_only": bool(record.get("background_only")),
        "state": event.to_dict(),
        "record": record,
        "updated": _utcnow(),
    }


class StoreIndex:
    """``FusionIndex`` on the store's fusion tables (see the module docstring)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._own: Session | None = None
        self._bound: Session | None = None
        self._locked = False
        self._n_events = 0
        self._docs_delta = 0
        self._df_delta: Counter[str] = Counter()
        self._cache: dict[str, EventState] = {}
        self._stored_reports: dict[str, set[str]] = {}
        #: report id -> (events.id, articles.id) of the stored event it came from.
        self.links: dict[str, tuple[int, int]] = {}
        self._tokens = _TokenCounts()
        with Session(engine) as session:
            self._tokens.df.update(
                {t: int(df) for t, df in session.execute(select(FusionToken.token, FusionToken.df))}
            )
            self._tokens.n_docs = int(
                session.scalar(select(FusionCounter.value).where(FusionCounter.name == "n_docs"))
                or 0
            )

    # -- sessions and transactions -------------------------------------------------
    def bind(self, session: Session) -> None:
        """Work inside *session*'s transaction (the caller commits or rolls back)."""
        self._bound = session
        self._reset_transaction()

    def _reset_transaction(self) -> None:
        """Forget per-transaction state (lock, caches, pending counter changes)."""
        self._locked = False
        self._cache.clear()
        self._stored_reports.clear()
        self._docs_delta = 0
        self._df_delta.clear()
        self._tokens.dirty.clear()

    @property
    def session(self) -> Session:
        """The bound session, else this index's own one; locks the counters on first use."""
        if self._bound is not None:
            session = self._bound
        else:
            if self._own is None:
                self._own = Session(self.engine.execution_options(**{WRITE_OPTION: True}))
            session = self._own
            if not self._locked:
                lock_store(session)  # serialise with concurrent ingests (PostgreSQL)
        if not self._locked:
            self._locked = True
            row = session.execute(
                select(FusionCounter.value)
                .where(FusionCounter.name == "n_events")
                .with_for_update()
            ).scalar_one()
            self._n_events = int(row)
        return session

    def flush(self) -> None:
        """Write the counters and token counts into the current transaction."""
        if not self._locked:
            return
        session = self.session
        session.execute(
            update(FusionCounter)
            .where(FusionCounter.name == "n_events")
            .values(value=self._n_events)
        )
        if self._docs_delta:
            session.execute(
                update(FusionCounter)
                .where(FusionCounter.name == "n_docs")
                .values(value=FusionCounter.value + self._docs_delta)
            )
        if self._df_delta:
            stmt = _insert(session, FusionToken)
            stmt = stmt.on_conflict_do_update(
                index_elements=["token"], set_={"df": FusionToken.df + stmt.excluded.df}
            )
            session.execute(stmt, [{"token": t, "df": n} for t, n in self._df_delta.items()])
        self._docs_delta = 0
        self._df_delta.clear()
        self._tokens.dirty.clear()

    def commit(self) -> None:
        """Flush; commit the own session (a bound session is committed by its owner)."""
        self.flush()
        if self._bound is None and self._own is not None:
            self._own.commit()
        if self._bound is None:
            self._reset_transaction()

    def close(self) -> None:
        """Commit and close the own session."""
        self.commit()
        if self._own is not None:
            self._own.close()
            self._own = None

    # -- FusionIndex -----------------------------------------------------------------
    def has_report(self, report_id: str) -> bool:
        """True if the report was fused before (in this or an earlier transaction)."""
        found = self.session.scalar(
            select(FusedReport.report_id).where(FusedReport.report_id == report_id)
        )
        return found is not None

    def candidates(self, family: str, country: str, day_lo: int, day_hi: int) -> list[EventState]:
        """Blocked candidates (see ``FusionIndex``): one indexed query, then their states."""
        query = select(FusionBlock.fused_event_id).where(
            FusionBlock.family == family, FusionBlock.day.between(day_lo, day_hi)
        )
        if country:
            query = query.where(FusionBlock.country.in_([country, ""]))
        ids = sorted(set(self.session.scalars(query)))
        missing = [i for i in ids if i not in self._cache]
        if missing:
            rows = self.session.execute(
                select(FusedEvent.id, FusedEvent.state).where(FusedEvent.id.in_(missing))
            )
            for event_id, state in rows:
                event = EventState.from_dict(state)
                self._cache[event_id] = event
                self._stored_reports[event_id] = {r.id for r in event.reports}
        return [self._cache[i] for i in ids]

    def new_event_id(self) -> str:
        """Sequential ids from the locked counter."""
        _ = self.session
        self._n_events += 1
        return f"evt-{self._n_events:07d}"

    def _report_row(
        self, report: Report, event_id: str | None, action: str, keep_report: bool
    ) -> dict[str, Any]:
        """A ``fused_reports`` row."""
        event_pk, article_pk = self.links.get(report.id, (None, None))
        return {
            "report_id": report.id,
            "fused_event_id": event_id,
            "event_id": event_pk,
            "article_id": article_pk,
            "article_ref": report.article_id,
            "outlet": report.meta.outlet,
            "published": iso_date(report.meta.published),
            "is_background": report.is_background,
            "action": action,
            "report": report.to_dict() if keep_report else None,
        }

    @staticmethod
    def _decision_row(decision: Decision) -> dict[str, Any]:
        """A ``fusion_decisions`` row."""
        return {
            "report_id": decision.report_id,
            "fused_event_id": decision.event_id,
            "action": decision.action,
            "score": decision.score,
            "matched_report": decision.matched_report,
            "reasons": dict(decision.reasons),
            "candidates": decision.candidates,
            "note": decision.note,
            "decided": _utcnow(),
        }

    def save_event(self, event: EventState) -> None:
        """Insert or update a fused event, its new member reports, decisions and blocks."""
        session = self.session
        # Human values win over the machine's; a disagreeing report is flagged (see protect).
        record = protect_record(session, event.id, event.fused(), event.reports)
        columns = _event_columns(event, record)
        known = self._stored_reports.get(event.id)
        if known is None:
            session.execute(_insert(session, FusedEvent).values(id=event.id, **columns))
            known = self._stored_reports[event.id] = set()
        else:
            session.execute(update(FusedEvent).where(FusedEvent.id == event.id).values(**columns))
        self._cache[event.id] = event
        new = [r for r in event.reports if r.id not in known]
        if new:
            decisions = {d.report_id: d for d in event.decisions}
            session.execute(
                _insert(session, FusedReport),
                [self._report_row(r, event.id, decisions[r.id].action, False) for r in new],
            )
            session.execute(
                _insert(session, FusionDecision),
                [self._decision_row(decisions[r.id]) for r in new if r.id in decisions],
            )
            known.update(r.id for r in new)
        blocks = [
            {"family": event.family, "country": c, "day": d, "fused_event_id": event.id}
            for d in event.days
            for c in event.countries
        ]
        if blocks:
            session.execute(_insert(session, FusionBlock).on_conflict_do_nothing(), blocks)

    def save_unattached(self, report: Report, decision: Decision) -> None:
        """Keep a report outside any event, with the decision that left it there."""
        session = self.session
        session.execute(
            _insert(session, FusedReport).values(
                **self._report_row(report, None, decision.action, True)
            )
        )
        session.execute(_insert(session, FusionDecision).values(**self._decision_row(decision)))

    def idf(self, token: str) -> float:
        """See ``FusionIndex``."""
        return self._tokens.idf(token)

    def add_tokens(self, tokens: Iterable[str]) -> None:
        """Count one more report's tokens (written as increments by ``flush``)."""
        distinct = set(tokens)
        self._tokens.add(distinct)
        self._docs_delta += 1
        self._df_delta.update(distinct)

    def events(self) -> Iterator[EventState]:
        """All fused events, in id order."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(FusedEvent.state)
                .order_by(FusedEvent.id)
                .execution_options(yield_per=STREAM_CHUNK)
            )
            for (state,) in rows:
                yield EventState.from_dict(state)

    def unattached(self) -> Iterator[tuple[Report, Decision]]:
        """Reports kept outside any event, with their decisions."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(FusedReport.report, FusionDecision)
                .join(FusionDecision, FusionDecision.report_id == FusedReport.report_id)
                .where(FusedReport.fused_event_id.is_(None))
                .order_by(FusedReport.report_id)
            )
            for report, d in rows:
                yield (
                    Report.from_dict(report),
                    Decision(
                        d.report_id,
                        d.action,
                        d.fused_event_id,
                        d.score,
                        d.matched_report,
                        dict(d.reasons),
                        d.candidates,
                        d.note,
                    ),
                )


def _type_names(wanted: str) -> list[str]:
    """Taxonomy event and sub-event type names equal to *wanted* once normalised."""
    key = normalise(wanted)
    names = set(SUB_EVENT_TYPES) | set(SUB_EVENT_TYPES.values())
    return sorted(n for n in names if normalise(n) == key)


def query_events(engine: Engine, flt: EventFilter) -> Iterator[dict[str, Any]]:
    """Fused event records from the store matching *flt*, in id order.

    Dates, country, admin1, type and minimum fatalities are SQL conditions on
    indexed columns; the actor criterion (acronyms match spelled-out names) and
    a final check of every criterion run on the records SQL returns.
    """
    query = select(FusedEvent.record).order_by(FusedEvent.id)
    if flt.date_from:
        query = query.where(FusedEvent.event_date >= flt.date_from)
    if flt.date_to:
        query = query.where(FusedEvent.event_date <= flt.date_to)
    if flt.country:
        query = query.where(FusedEvent.country_key == normalise(flt.country))
    if flt.admin1:
        query = query.where(FusedEvent.admin1_key == normalise(flt.admin1))
    if flt.event_type:
        names = _type_names(flt.event_type)
        query = query.where(
            or_(FusedEvent.event_type.in_(names), FusedEvent.sub_event_type.in_(names))
            if names
            else false()
        )
    if flt.min_fatalities is not None:
        query = query.where(FusedEvent.fatalities_best >= flt.min_fatalities)
    with Session(engine) as session:
        for (record,) in session.execute(query.execution_options(yield_per=STREAM_CHUNK)):
            if flt.matches(record):
                yield record


@dataclass
class StoreFusion:
    """Fuses the events ``blotter ingest`` stores, batch by batch, in the batch's transaction."""

    engine: Engine
    config: FusionConfig

    def __post_init__(self) -> None:
        self.index = StoreIndex(self.engine)
        self.fuser = Fuser(self.index, self.config)

    def fuse_batch(
        self, session: Session, stored: Sequence[tuple[Article, Sequence[Event]]]
    ) -> Counter[str]:
        """Fuse the (flushed) events of *stored* articles inside *session*'s transaction;
        return how many reports were created/joined/unattached (and ``fusion_errors``).

        A malformed event is logged and skipped; database errors propagate so the
        batch (events and fusion state together) rolls back.
        """
        actions: Counter[str] = Counter()
        self.index.bind(session)
        for article, events in stored:
            meta = ArticleMeta(
                published=article.published.isoformat() if article.published else None,
                outlet=article.source.name if article.source else None,
                url=article.url,
                title=article.title,
            )
            for event in events:
                try:
                    report = Report.from_record(str(article.id), event.position, event.record, meta)
                except ReportError as exc:
                    log.warning("article %s: not fused: %s", article.id, exc)
                    actions["fusion_errors"] += 1
                    continue
                self.index.links[report.id] = (event.id, article.id)
                actions[self.fuser.add(report).action] += 1
        self.index.flush()
        self.index.links.clear()
        return actions
