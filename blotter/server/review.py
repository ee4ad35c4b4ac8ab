"""Write side: accept, reject, correct any field, merge two events, split one.

Every change is one transaction that first *claims* the event at the version
the editor saw (``UPDATE ... WHERE version = :seen``): the second of two
conflicting edits finds no row at its version and gets ``Conflict`` with the
current version, on SQLite and PostgreSQL alike. Each change writes a
``Correction`` row (who, when, old value, new value, comment) and re-runs
``protect_record`` so the fused record, its filter columns and the review row
agree.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from blotter.fusion.index import EventState
from blotter.fusion.store_index import _event_columns, _insert
from blotter.server.auth import Principal
from blotter.server.models import Correction, EventReview
from blotter.server.protect import RECORD_KEYS, protect_record, utcnow
from blotter.store.models import (
    FusedEvent,
    FusedReport,
    FusionBlock,
    FusionCounter,
    FusionDecision,
)
from blotter.taxonomy import INTER_CODES, SUB_EVENT_TYPES

CERTAINTIES = ("confirmed", "reported", "alleged")
#: ACLED's actor type codes (inter1/inter2) run 0 (none) to the last code.
MAX_INTER = max(INTER_CODES)
MAX_TEXT = 300


class ReviewError(ValueError):
    """A change that cannot be made as asked (bad value, bad split); the message says why."""


class NotFound(LookupError):
    """No such event (or it was merged away)."""


class Conflict(RuntimeError):
    """The event changed since the editor loaded it."""

    def __init__(self, event_id: str, current_version: int) -> None:
        super().__init__(f"{event_id} is at version {current_version}; reload and try again")
        self.event_id = event_id
        self.current_version = current_version


def _text(value: Any, field: str, optional: bool = True) -> str | None:
    """A short string (or None where allowed)."""
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise ReviewError(f"{field}: a text of 1-{MAX_TEXT} characters")
    return value.strip()


def _count(value: Any, field: str) -> dict[str, int | None]:
    """A {best, low, high} count, low <= best <= high."""
    if not isinstance(value, dict) or set(value) - {"best", "low", "high"}:
        raise ReviewError(f"{field}: an object with best, low and high")
    figures: dict[str, int | None] = {}
    for key in ("best", "low", "high"):
        v = value.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            raise ReviewError(f"{field}.{key}: a whole number, 0 or more")
        figures[key] = v
    best = figures["best"]
    if best is not None:
        figures["low"] = best if figures["low"] is None else figures["low"]
        figures["high"] = best if figures["high"] is None else figures["high"]
        if not (figures["low"] or 0) <= best <= (figures["high"] or 0):
            raise ReviewError(f"{field}: low <= best <= high")
    return figures


def _actor(value: Any, field: str) -> dict[str, Any] | None:
    """An actor {name, inter} or None."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - {"name", "inter"}:
        raise ReviewError(f"{field}: an object with name and inter")
    inter = value.get("inter")
    if inter is not None and (isinstance(inter, bool) or not isinstance(inter, int)
                              or not 0 <= inter <= MAX_INTER):
        raise ReviewError(f"{field}.inter: ACLED's actor type code, 0..{MAX_INTER}")
    return {"name": _text(value.get("name"), f"{field}.name", optional=False), "inter": inter}


def _coordinate(value: Any, field: str, limit: float) -> float | None:
    """A coordinate within +-limit, or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not -limit <= value <= limit:
        raise ReviewError(f"{field}: a number between -{limit:g} and {limit:g}")
    return float(value)


_LOCATION_TEXT = ("name", "admin1", "admin2", "country", "country_code")


def _location(value: Any, old: dict[str, Any] | None) -> dict[str, Any]:
    """A place: the old one with the given parts replaced (a new name drops the geonameid)."""
    allowed = {*_LOCATION_TEXT, "latitude", "longitude"}
    if not isinstance(value, dict) or set(value) - allowed:
        raise ReviewError(f"location: an object with {', '.join(sorted(allowed))}")
    out = dict(old or {})
    for key in _LOCATION_TEXT:
        if key in value:
            out[key] = _text(value[key], f"location.{key}", optional=key != "name")
    if "name" in value and value["name"] != (old or {}).get("name"):
        out.pop("geonameid", None)
    out["latitude"] = _coordinate(value.get("latitude", out.get("latitude")),
                                  "location.latitude", 90)
    out["longitude"] = _coordinate(value.get("longitude", out.get("longitude")),
                                   "location.longitude", 180)
    if (out["latitude"] is None) != (out["longitude"] is None):
        raise ReviewError("location: give both latitude and longitude, or neither")
    return out


def validate_changes(changes: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """Checked, normalised values for *changes* against the *current* record."""
    if not changes:
        raise ReviewError("no change given")
    unknown = sorted(set(changes) - set(RECORD_KEYS))
    if unknown:
        raise ReviewError(f"unknown field {unknown[0]!r}; correctable: {', '.join(RECORD_KEYS)}")
    out: dict[str, Any] = {}
    for field, value in changes.items():
        if field == "event_type":
            if value not in set(SUB_EVENT_TYPES.values()):
                raise ReviewError(f"event_type: unknown type {value!r}")
            out[field] = value
        elif field == "sub_event_type":
            if value not in SUB_EVENT_TYPES:
                raise ReviewError(f"sub_event_type: unknown sub-event type {value!r}")
            out[field] = value
        elif field == "event_date":
            try:
                out[field] = None if value is None else date.fromisoformat(value).isoformat()
            except (TypeError, ValueError) as exc:
                raise ReviewError("event_date: a date YYYY-MM-DD") from exc
        elif field == "time_precision":
            if value not in (1, 2, 3):
                raise ReviewError("time_precision: 1 (day), 2 (week) or 3 (month)")
            out[field] = value
        elif field in ("actor1", "actor2"):
            out[field] = _actor(value, field)
        elif field == "location":
            out[field] = _location(value, current.get("location"))
        elif field in ("fatalities", "injuries", "detained"):
            out[field] = _count(value, field)
        elif field == "weapons":
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                raise ReviewError("weapons: a list of texts")
            out[field] = [w.strip() for w in value if w.strip()]
        elif field == "claimed_by":
            out[field] = _text(value, field)
        elif field == "certainty":
            if value not in CERTAINTIES:
                raise ReviewError(f"certainty: one of {', '.join(CERTAINTIES)}")
            out[field] = value
        elif field == "is_background":
            if not isinstance(value, bool):
                raise ReviewError("is_background: true or false")
            out[field] = value
    etype = out.get("event_type", current.get("event_type"))
    sub = str(out.get("sub_event_type", current.get("sub_event_type")))
    if "sub_event_type" in out and "event_type" not in out:
        out["event_type"] = etype = SUB_EVENT_TYPES[sub]
    if SUB_EVENT_TYPES.get(sub) != etype:
        raise ReviewError(f"sub_event_type {sub!r} is not a sub-type of {etype!r}; "
                          "correct both")
    return out


def claim(session: Session, event_id: str, version: int) -> EventReview:
    """Take the event at *version* for this transaction, or raise NotFound / Conflict."""
    result = session.execute(
        update(EventReview)
        .where(EventReview.fused_event_id == event_id, EventReview.version == version,
               EventReview.state != "merged")
        .values(updated=utcnow())
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        current = session.scalars(
            select(EventReview).where(EventReview.fused_event_id == event_id)
        ).first()
        if current is None or current.state == "merged":
            raise NotFound(event_id)
        raise Conflict(event_id, current.version)
    review = session.get(EventReview, event_id, populate_existing=True)
    assert review is not None
    return review


def _row(session: Session, event_id: str) -> FusedEvent:
    """The fused event row (NotFound if missing)."""
    row = session.get(FusedEvent, event_id, populate_existing=True)
    if row is None:
        raise NotFound(event_id)
    return row


def _log(session: Session, who: Principal, event_id: str, action: str, version: int,
         comment: str, field: str | None = None, old: Any = None, new: Any = None) -> None:
    """One activity log entry."""
    session.add(Correction(fused_event_id=event_id, user_id=who.user_id, username=who.username,
                           action=action, field=field, old_value=old, new_value=new,
                           comment=comment[:2000], version=version, created=utcnow()))


def _store(session: Session, row: FusedEvent, state: EventState, who: Principal) -> int:
    """Re-fuse *state* with the human values in place into *row*; return the new version."""
    record = protect_record(session, state.id, state.fused(), state.reports, who.user_id)
    for key, value in _event_columns(state, record).items():
        setattr(row, key, value)
    session.flush()
    review = session.get(EventReview, state.id)
    assert review is not None
    return review.version


def _blocks(session: Session, state: EventState) -> None:
    """Replace the blocking keys of *state* (after its members changed)."""
    session.execute(delete(FusionBlock).where(FusionBlock.fused_event_id == state.id))
    rows = [{"family": state.family, "country": c, "day": d, "fused_event_id": state.id}
            for d in state.days for c in state.countries]
    if rows:
        session.execute(_insert(session, FusionBlock).on_conflict_do_nothing(), rows)


def correct(session: Session, who: Principal, event_id: str, version: int,
            changes: dict[str, Any], comment: str) -> int:
    """Set fields to a person's values (kept from then on); return the new version."""
    review = claim(session, event_id, version)
    row = _row(session, event_id)
    before = dict(row.record)
    state = EventState.from_dict(row.state)
    machine = state.fused()
    values = validate_changes(changes, before)
    overrides, machine_seen = dict(review.overrides or {}), dict(review.machine or {})
    for field, value in values.items():
        overrides[field] = value
        machine_seen[field] = machine.get(RECORD_KEYS[field])
    review.overrides, review.machine = overrides, machine_seen
    review.flags = [dict(f, resolved=True) if f.get("field") in values else f
                    for f in review.flags or []]
    if review.state == "flagged" and not any(not f.get("resolved") for f in review.flags):
        review.state = "unreviewed"
    new_version = _store(session, row, state, who)
    for field, value in values.items():
        _log(session, who, event_id, "correct", new_version, comment, field,
             before.get(RECORD_KEYS[field]), value)
    return new_version


def decide(session: Session, who: Principal, event_id: str, version: int, action: str,
           comment: str) -> int:
    """Accept (resolves open flags), reject (not an event) or reopen; return the new version."""
    states = {"accept": "accepted", "reject": "rejected", "reopen": "unreviewed"}
    if action not in states:
        raise ReviewError(f"action must be one of {', '.join(states)}")
    review = claim(session, event_id, version)
    old = review.state
    review.state = states[action]
    if action == "accept":
        review.flags = [dict(f, resolved=True) for f in review.flags or []]
    review.version += 1
    review.updated_by = who.user_id
    _log(session, who, event_id, action, review.version, comment, "review_state", old,
         review.state)
    return review.version


def _next_event_id(session: Session) -> str:
    """A fresh fused event id from the fusion counter (locked, as the fuser does)."""
    value = session.execute(
        select(FusionCounter.value).where(FusionCounter.name == "n_events").with_for_update()
    ).scalar_one()
    session.execute(update(FusionCounter).where(FusionCounter.name == "n_events")
                    .values(value=value + 1))
    return f"evt-{value + 1:07d}"


def _move_reports(session: Session, report_ids: list[str], to: str) -> None:
    """Point member reports and their decisions at another fused event."""
    session.execute(update(FusedReport).where(FusedReport.report_id.in_(report_ids))
                    .values(fused_event_id=to))
    session.execute(update(FusionDecision).where(FusionDecision.report_id.in_(report_ids))
                    .values(fused_event_id=to))


def merge(session: Session, who: Principal, event_id: str, version: int, other_id: str,
          other_version: int, comment: str) -> int:
    """Fold *other_id*'s reports into *event_id* (its corrections stay on *event_id*);
    the other event is gone, its review row says where it went. Returns the new version."""
    if other_id == event_id:
        raise ReviewError("an event cannot be merged with itself")
    first, second = sorted([(event_id, version), (other_id, other_version)])
    claimed = {eid: claim(session, eid, v) for eid, v in (first, second)}  # fixed lock order
    row, other = _row(session, event_id), _row(session, other_id)
    state, gone = EventState.from_dict(row.state), EventState.from_dict(other.state)
    moved = [r.id for r in gone.reports]
    state.reports.extend(gone.reports)
    state.decisions.extend(gone.decisions)
    _move_reports(session, moved, event_id)
    row.state = state.to_dict()
    session.delete(other)
    session.flush()
    _blocks(session, state)
    new_version = _store(session, row, state, who)
    loser = claimed[other_id]
    loser.state, loser.merged_into = "merged", event_id
    loser.version += 1
    _log(session, who, event_id, "merge", new_version, comment, "reports", None,
         {"merged": other_id, "report_ids": moved})
    _log(session, who, other_id, "merge", loser.version, comment, "merged_into", None, event_id)
    return new_version


def split(session: Session, who: Principal, event_id: str, version: int,
          report_ids: list[str], comment: str) -> tuple[int, str]:
    """Move *report_ids* out of *event_id* into a new event; (new version, new event id)."""
    claim(session, event_id, version)
    row = _row(session, event_id)
    state = EventState.from_dict(row.state)
    members = {r.id for r in state.reports}
    wanted = list(dict.fromkeys(report_ids))
    unknown = [r for r in wanted if r not in members]
    if unknown:
        raise ReviewError(f"report {unknown[0]!r} is not a member of {event_id}")
    if not wanted or len(wanted) == len(members):
        raise ReviewError("split off some of the event's reports, not none or all of them")
    new_id = _next_event_id(session)
    part = EventState(new_id, [r for r in state.reports if r.id in wanted],
                      [d for d in state.decisions if d.report_id in wanted])
    state.reports = [r for r in state.reports if r.id not in wanted]
    state.decisions = [d for d in state.decisions if d.report_id not in wanted]
    record = protect_record(session, new_id, part.fused(), part.reports, who.user_id)
    session.execute(_insert(session, FusedEvent).values(id=new_id,
                                                        **_event_columns(part, record)))
    _move_reports(session, wanted, new_id)
    row.state = state.to_dict()
    _blocks(session, state)
    _blocks(session, part)
    new_version = _store(session, row, state, who)
    _log(session, who, event_id, "split", new_version, comment, "reports", None,
         {"split_into": new_id, "report_ids": wanted})
    _log(session, who, new_id, "split", 1, comment, "split_from", None, event_id)
    return new_version, new_id
