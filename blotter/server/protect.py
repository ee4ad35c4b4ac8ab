"""Human values win: the hook the fusion code calls each time it saves a fused event.

``protect_record`` takes the record the machine just fused and returns it with
every value a person set put back in place, so neither re-extraction nor
re-fusion can overwrite a correction. When the machine's own value of a
corrected field changes to something other than the person's value (a later
report disagrees), the disagreement is *flagged* and the event goes back to the
review queue; the person's value stays. It also keeps the event's review row
(version, point, confidence, queue priority) in step with the record.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from blotter.server.models import NO_COUNT, NO_DATE, EventReview

#: Fields a person may correct, and the key each one has in the fused record
#: (the report-level ``is_background`` flag is the fused record's ``background_only``).
RECORD_KEYS = {
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "event_date": "event_date",
    "time_precision": "time_precision",
    "actor1": "actor1",
    "actor2": "actor2",
    "location": "location",
    "fatalities": "fatalities",
    "injuries": "injuries",
    "detained": "detained",
    "weapons": "weapons",
    "claimed_by": "claimed_by",
    "certainty": "certainty",
    "is_background": "background_only",
}
#: Queue priority weights: what most needs a person. A wholly unsure event
#: (confidence 0) weighs as much as 20 deaths (log1p(20) ~ 3); an open
#: disagreement with a person's value outweighs both.
W_UNSURE = 3.0
W_FATALITIES = 1.0
W_FLAG = 4.0
W_CONFLICT = 1.5


class _HasRecord(Protocol):
    """A member report (``blotter.fusion.reports.Report``)."""

    record: dict[str, Any]

    @property
    def is_background(self) -> bool: ...


def utcnow() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(UTC)


def _name(value: object) -> str:
    """The normalised name of an actor or place dict ('' otherwise)."""
    from blotter.fusion.reports import normalise

    return normalise(value.get("name")) if isinstance(value, dict) else ""


def agrees(field: str, machine: Any, human: Any) -> bool:
    """True if the machine's value says what the person's says: the same best count
    (low and high widen as reports come in), the same actor or place name, else equal."""
    if field in ("fatalities", "injuries", "detained"):
        return (machine or {}).get("best") == (human or {}).get("best")
    if field in ("actor1", "actor2"):
        return _name(machine) == _name(human)
    if field == "location":
        return _name(machine) == _name(human) and (machine or {}).get("country") == \
            (human or {}).get("country")
    return bool(machine == human)


def fused_confidence(reports: Sequence[_HasRecord]) -> float:
    """The best extraction confidence among the current (non-background) reports."""
    current = [r for r in reports if not r.is_background] or list(reports)
    values = [float(r.record.get("confidence") or 0.0) for r in current]
    return max(values) if values else 0.0


def open_flags(review: EventReview) -> list[dict[str, Any]]:
    """Flags nobody has resolved yet."""
    return [f for f in review.flags or [] if not f.get("resolved")]


def priority(record: dict[str, Any], confidence: float, n_flags: int) -> float:
    """How much the event needs a person (higher first in the queue)."""
    best = (record.get("fatalities") or {}).get("best") or 0
    n_conflicts = len(record.get("conflicts") or [])
    return round(
        W_UNSURE * (1.0 - confidence)
        + W_FATALITIES * math.log1p(max(int(best), 0))
        + W_FLAG * n_flags
        + W_CONFLICT * n_conflicts,
        4,
    )


def review_row(session: Session, event_id: str) -> EventReview | None:
    """The review row of *event_id* (locked for update on PostgreSQL)."""
    return session.scalars(
        select(EventReview).where(EventReview.fused_event_id == event_id).with_for_update()
    ).first()


def protect_record(
    session: Session,
    event_id: str,
    record: dict[str, Any],
    reports: Sequence[_HasRecord],
    user_id: int | None = None,
) -> dict[str, Any]:
    """*record* with the human values of *event_id* in place; updates its review row.

    Creates the row on first sight; bumps ``version`` on every call (the record
    changed, so an editor holding the old version must reload).
    """
    now = utcnow()
    review = review_row(session, event_id)
    if review is None:
        review = EventReview(
            fused_event_id=event_id, version=0, state="unreviewed", priority=0.0,
            confidence=0.0, overrides={}, machine={}, flags=[], updated=now,
            sort_date=NO_DATE, sort_fatalities=NO_COUNT,
        )
        session.add(review)
    out = dict(record)
    machine = dict(review.machine or {})
    flags = list(review.flags or [])
    for field, human in (review.overrides or {}).items():
        key = RECORD_KEYS[field]
        new = out.get(key)
        if new != machine.get(field) and not agrees(field, new, human):
            flags.append({"field": field, "human": human, "machine": new,
                          "at": now.isoformat(), "n_reports": out.get("n_reports"),
                          "resolved": False})
            if review.state in ("unreviewed", "accepted"):
                review.state = "flagged"
        machine[field] = new
        out[key] = human
        if field == "is_background":
            out["is_background"] = human
    confidence = fused_confidence(reports)
    out["confidence"] = confidence
    loc = out.get("location") or {}
    review.machine, review.flags = machine, flags
    review.confidence = confidence
    review.latitude = _coordinate(loc.get("latitude"))
    review.longitude = _coordinate(loc.get("longitude"))
    review.priority = priority(out, confidence, len(open_flags(review)))
    review.event_type = out.get("event_type")
    review.country_key = _country_key(loc.get("country"))
    review.sort_date = _day(out.get("event_date"))
    best = (out.get("fatalities") or {}).get("best")
    review.sort_fatalities = best if isinstance(best, int) and best >= 0 else NO_COUNT
    review.version = (review.version or 0) + 1
    review.updated = now
    if user_id is not None:
        review.updated_by = user_id
    session.flush()
    return out


def _country_key(country: object) -> str | None:
    """The normalised country, as ``fused_events.country_key`` has it."""
    from blotter.fusion.reports import normalise

    return (normalise(country) or None) if isinstance(country, str) else None


def _day(value: object) -> date:
    """An ISO date, or the stand-in for none."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    return NO_DATE


def _coordinate(value: object) -> float | None:
    """A float coordinate or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


#: Fused events given review rows per transaction by ``backfill``.
BACKFILL_CHUNK = 1_000


def backfill(engine: Engine) -> int:
    """Give every fused event without a review row one (a store fused before migration
    0004, or by code that bypassed the hook); return how many were added. Runs at
    start-up, in chunks under the store's writer lock with the store's own wait."""
    from blotter.fusion.index import EventState
    from blotter.store.database import write_session
    from blotter.store.models import FusedEvent

    added = 0
    while True:
        with write_session(engine) as session:  # ingest may be writing: take turns
            rows = session.execute(
                select(FusedEvent.id, FusedEvent.state, FusedEvent.record)
                .outerjoin(EventReview, EventReview.fused_event_id == FusedEvent.id)
                .where(EventReview.fused_event_id.is_(None))
                .order_by(FusedEvent.id).limit(BACKFILL_CHUNK)
            ).all()
            for event_id, state, record in rows:
                reports = EventState.from_dict(state).reports if state else []
                protect_record(session, event_id, record, reports)
            added += len(rows)
        if len(rows) < BACKFILL_CHUNK:
            return added
