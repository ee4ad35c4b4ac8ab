"""Read side of the API: filtered, sorted, cursor-paginated fused events, viewport
GeoJSON (clustered on a grid past a point budget), the per-day timeline, facets.

Queries read ``event_reviews`` (point, type, date, toll, country, confidence, review
state, priority: migrations 0004 and 0005) and join ``fused_events`` only for the
criteria that live there alone (admin1, actors, sub-type, background) and for the
records of a page.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, cast, false, func, or_, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import Integer

from blotter.fusion.reports import normalise
from blotter.server.models import NO_DATE, REVIEW_STATES, EventReview
from blotter.store.models import FusedEvent
from blotter.taxonomy import SUB_EVENT_TYPES

#: Largest page of events one request returns.
MAX_LIMIT = 500
DEFAULT_LIMIT = 50
#: A viewport with at most this many events gets every point; more are clustered.
#: 2,000 markers draw in well under a frame and make a ~400 kB answer.
GEO_POINT_BUDGET = 2_000
#: Grid cells across one 256-pixel tile width when clustering (a cell ~ 32 px).
CELLS_PER_TILE = 8
#: Clustered views up to this zoom (a view ~11 degrees wide and wider) reuse a grid of the
#: whole world: they aggregate a large share of all events.  Beyond it a view's own
#: events are few enough to aggregate per request (an index range on the point).
GRID_CACHE_MAX_ZOOM = 6
#: World grids kept per process (zoom x filter sets), least recently used dropped; a
#: zoom-6 grid of 1,000,000 events is ~150,000 rows (tens of MB).
GRID_CACHE_ENTRIES = 64
#: A world grid is recomputed after this long even when no change was seen (a writer
#: whose clock lags would stamp changes older than the newest one).
GRID_CACHE_SECONDS = 300.0
MAX_ZOOM = 18
#: Sort keys: name -> (column key, descending).
SORTS = {
    "date": ("date", False), "-date": ("date", True),
    "fatalities": ("fatalities", False), "-fatalities": ("fatalities", True),
    "confidence": ("confidence", False), "-confidence": ("confidence", True),
    "priority": ("priority", False), "-priority": ("priority", True),
    "id": ("id", False), "-id": ("id", True),
}
#: The stand-in for "no date" in the sort column, and the first real day after it.
_NO_DAY = NO_DATE
_DATED = date(1, 1, 2)
EVENT_TYPES = sorted(set(SUB_EVENT_TYPES.values()))


class QueryError(ValueError):
    """A bad filter, sort or cursor; the message says which and why."""


@dataclass
class Filters:
    """Criteria of an event query; unset ones match everything."""

    date_from: date | None = None
    date_to: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    min_fatalities: int | None = None
    background: bool | None = None
    review_state: list[str] | None = None
    min_confidence: float | None = None


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """'minlon,minlat,maxlon,maxlat' (minlon > maxlon crosses the antimeridian)."""
    if text is None or text == "":
        return None
    parts = text.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError as exc:
        raise QueryError("bbox must be four numbers: minlon,minlat,maxlon,maxlat") from exc
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise QueryError("bbox must be four numbers: minlon,minlat,maxlon,maxlat")
    w, s, e, n = values
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise QueryError("bbox out of range: longitudes -180..180, latitudes -90..90, "
                         "minlat <= maxlat")
    return w, s, e, n


def parse_states(text: str | None) -> list[str] | None:
    """A comma-separated list of review states."""
    if not text:
        return None
    states = [s.strip() for s in text.split(",") if s.strip()]
    bad = [s for s in states if s not in REVIEW_STATES]
    if bad:
        raise QueryError(f"unknown review state {bad[0]!r}; one of {', '.join(REVIEW_STATES)}")
    return states


def _type_name(wanted: str, names: list[str], what: str) -> str:
    """The taxonomy name equal to *wanted* once normalised."""
    key = normalise(wanted)
    for name in names:
        if normalise(name) == key:
            return name
    raise QueryError(f"unknown {what} {wanted!r}")


def _needs_fused(f: Filters) -> bool:
    """True if a criterion lives only on ``fused_events`` (the rest are review columns)."""
    return bool(f.admin1 or f.actor or f.sub_event_type or f.background is not None)


def conditions(f: Filters) -> list[ColumnElement[bool]]:
    """SQL conditions for *f*: on ``event_reviews`` (type, date, toll, point, country,
    state, confidence) and, for the rest, on ``fused_events`` (see ``_needs_fused``)."""
    out: list[ColumnElement[bool]] = [EventReview.state != "merged"]
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise QueryError("date_from is after date_to")
    if f.date_from:
        out.append(EventReview.sort_date >= f.date_from)
    if f.date_to:
        out.append(EventReview.sort_date.between(_DATED, f.date_to))
    if f.bbox:
        w, s, e, n = f.bbox
        out.append(EventReview.latitude.between(s, n))
        if w <= e:
            out.append(EventReview.longitude.between(w, e))
        else:
            out.append(or_(EventReview.longitude >= w, EventReview.longitude <= e))
    if f.country:
        out.append(EventReview.country_key == normalise(f.country))
    if f.admin1:
        out.append(FusedEvent.admin1_key == normalise(f.admin1))
    if f.actor:
        key = normalise(f.actor)
        out.append(FusedEvent.actor_names.contains(key) if key else false())
    if f.event_type:
        out.append(EventReview.event_type == _type_name(f.event_type, EVENT_TYPES,
                                                        "event type"))
    if f.sub_event_type:
        name = _type_name(f.sub_event_type, sorted(SUB_EVENT_TYPES), "sub-event type")
        out.append(FusedEvent.sub_event_type == name)
    if f.min_fatalities is not None:
        if f.min_fatalities < 0:
            raise QueryError("min_fatalities must be 0 or more")
        out.append(EventReview.sort_fatalities >= f.min_fatalities)
    if f.background is not None:
        out.append(FusedEvent.background_only.is_(f.background))
    if f.review_state:
        out.append(EventReview.state.in_(f.review_state))
    else:
        out.append(EventReview.state != "rejected")  # rejected: not an event, unless asked
    if f.min_confidence is not None:
        if not 0 <= f.min_confidence <= 1:
            raise QueryError("min_confidence must be between 0 and 1")
        if f.min_confidence > 0:  # 0: every event; one an analyst accepted always shows
            out.append(or_(EventReview.confidence >= f.min_confidence,
                           EventReview.state == "accepted"))
    return out


def _joined(*columns: Any) -> Select[Any]:
    """SELECT *columns* FROM event_reviews JOIN fused_events."""
    return select(*columns).select_from(EventReview).join(
        FusedEvent, FusedEvent.id == EventReview.fused_event_id
    )


def _reviews(f: Filters, *columns: Any) -> Select[Any]:
    """SELECT *columns* matching *f*, joining ``fused_events`` only when *f* needs it."""
    query = select(*columns).select_from(EventReview)
    if _needs_fused(f):
        query = query.join(FusedEvent, FusedEvent.id == EventReview.fused_event_id)
    return query.where(*conditions(f))


def _sort_expr(key: str) -> Any:
    """The non-null, indexed sort column of a sort key."""
    return {"date": EventReview.sort_date, "fatalities": EventReview.sort_fatalities,
            "confidence": EventReview.confidence, "priority": EventReview.priority
            }.get(key, EventReview.fused_event_id)


def encode_cursor(sort: str, value: Any, event_id: str) -> str:
    """An opaque cursor after (value, id) in *sort* order."""
    if isinstance(value, date):
        value = value.isoformat()
    raw = json.dumps([sort, value, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    """(value, id) of a cursor made by ``encode_cursor`` for the same sort."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got_sort, value, event_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise QueryError("bad cursor (pass the next_cursor of the previous page)") from exc
    if got_sort != sort or not isinstance(event_id, str):
        raise QueryError("the cursor belongs to another sort order")
    key = SORTS[sort][0]
    try:
        if key == "date":
            value = date.fromisoformat(value)
        elif key == "fatalities":
            value = int(value)
        elif key in ("confidence", "priority"):
            value = float(value)
        else:
            value = str(value)
    except (TypeError, ValueError) as exc:
        raise QueryError("bad cursor value") from exc
    return value, event_id


def summary(record: dict[str, Any], review: EventReview) -> dict[str, Any]:
    """The list form of a fused event."""
    loc = record.get("location") or {}
    return {
        "id": record.get("event_id"),
        "event_date": record.get("event_date"),
        "event_type": record.get("event_type"),
        "sub_event_type": record.get("sub_event_type"),
        "actor1": (record.get("actor1") or {}).get("name"),
        "actor2": (record.get("actor2") or {}).get("name"),
        "location": {k: loc.get(k) for k in ("name", "admin1", "country", "latitude",
                                             "longitude")},
        "fatalities": record.get("fatalities"),
        "n_reports": record.get("n_reports"),
        "background_only": bool(record.get("background_only")),
        "review_state": review.state,
        "version": review.version,
        "confidence": review.confidence,
        "priority": review.priority,
        "open_flags": sum(1 for f in review.flags or [] if not f.get("resolved")),
        "conflicts": [c.get("field") for c in record.get("conflicts") or []],
    }


def list_events(
    session: Session, f: Filters, sort: str = "-date", limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
) -> dict[str, Any]:
    """One page of matching events and the cursor of the next page (None at the end)."""
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be 1..{MAX_LIMIT}")
    key, descending = SORTS[sort]
    expr = _sort_expr(key)
    query = _joined(FusedEvent.record, EventReview, expr.label("sort_value")).where(
        *conditions(f)
    )
    rid = EventReview.fused_event_id
    if cursor:
        value, last_id = decode_cursor(cursor, sort)
        if key == "id":
            query = query.where(rid < last_id if descending else rid > last_id)
        elif descending:
            query = query.where(or_(expr < value, and_(expr == value, rid < last_id)))
        else:
            query = query.where(or_(expr > value, and_(expr == value, rid > last_id)))
    order = [expr.desc(), rid.desc()] if descending else [expr.asc(), rid.asc()]
    if key == "id":
        order = order[:1]
    rows = session.execute(query.order_by(*order).limit(limit + 1)).all()
    items = [summary(rec, rev) for rec, rev, _v in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        _rec, _rev, value = rows[limit - 1]
        next_cursor = encode_cursor(sort, value, items[-1]["id"])
    return {"items": items, "next_cursor": next_cursor}


def count_events(session: Session, f: Filters) -> int:
    """How many events match."""
    return int(session.scalar(_reviews(f, func.count())) or 0)


def cell_size(zoom: int) -> float:
    """Grid cell width in degrees of longitude at *zoom* (Web Mercator tiles)."""
    return 360.0 / (2**zoom * CELLS_PER_TILE)


def _cell(session: Session, column: Any, offset: float, size: float) -> ColumnElement[Any]:
    """floor((column + offset) / size) as an integer, on either backend."""
    shifted = (column + offset) / size
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.floor(shifted), Integer)
    return cast(shifted, Integer)  # non-negative after the shift: truncation is floor


def _grid(session: Session, f: Filters, zoom: int) -> list[Any]:
    """(cx, cy, type, count, mean lat, mean lon, deaths) per grid cell and type."""
    if session.get_bind().dialect.name == "postgresql":
        # JIT compiling this aggregate costs ~80 ms, more than it saves on it.
        session.execute(text("SET LOCAL jit = off"))
    size = cell_size(zoom)
    cx = _cell(session, EventReview.longitude, 180.0, size).label("cx")
    cy = _cell(session, EventReview.latitude, 90.0, size).label("cy")
    placed = (EventReview.latitude.is_not(None), EventReview.longitude.is_not(None))
    return list(session.execute(
        _reviews(f, cx, cy, EventReview.event_type, func.count(),
                 func.avg(EventReview.latitude), func.avg(EventReview.longitude),
                 func.sum(func.max(EventReview.sort_fatalities, 0)
                          if session.get_bind().dialect.name == "sqlite"
                          else func.greatest(EventReview.sort_fatalities, 0)))
        .where(*placed).group_by(cx, cy, EventReview.event_type)
    ).all())


@dataclass
class WorldGrid:
    """Grid rows of the whole world sorted by cell, and the store state they were
    computed on; ``in_view`` finds a viewport's cells by bisecting on the column."""

    marker: Any
    made: float
    size: float
    rows: list[tuple[Any, ...]]
    columns: list[int]

    @classmethod
    def of(cls, marker: Any, size: float, rows: list[Any]) -> WorldGrid:
        ordered = sorted((tuple(r) for r in rows), key=lambda r: (r[0], r[1]))
        return cls(marker, time.monotonic(), size, ordered, [r[0] for r in ordered])

    def in_view(self, bbox: tuple[float, float, float, float] | None) -> list[tuple[Any, ...]]:
        """The rows of cells overlapping *bbox* (which may cross the antimeridian)."""
        if bbox is None:
            return list(self.rows)
        w, s, e, n = bbox
        y0, y1 = math.floor((s + 90.0) / self.size), math.floor((n + 90.0) / self.size)
        x0, x1 = math.floor((w + 180.0) / self.size), math.floor((e + 180.0) / self.size)
        spans = [(x0, x1)] if w <= e else [(x0, 10**9), (-(10**9), x1)]
        out: list[tuple[Any, ...]] = []
        for lo, hi in spans:
            start = bisect.bisect_left(self.columns, lo)
            stop = bisect.bisect_right(self.columns, hi)
            out.extend(r for r in self.rows[start:stop] if y0 <= r[1] <= y1)
        return out


_grids: OrderedDict[tuple[Any, ...], WorldGrid] = OrderedDict()
_grid_locks: dict[tuple[Any, ...], threading.Lock] = {}
_grids_lock = threading.Lock()


def _store_marker(session: Session) -> Any:
    """The newest change of any review row (every change of an event, by the machine or
    a person, stamps its row: ``protect_record`` and ``review.claim``); indexed."""
    return session.scalar(select(func.max(EventReview.updated)))


def world_grid(session: Session, f: Filters, zoom: int) -> WorldGrid:
    """``_grid`` of the whole world for *f* (its bbox ignored), reused while the store is
    unchanged: a world or continent view aggregates most events, the same ones for every
    viewport at that zoom, so each process computes it once per zoom and filter set."""
    key = (session.get_bind().engine.url.render_as_string(), zoom,
           *(tuple(v) if isinstance(v, list) else v for k, v in vars(f).items() if k != "bbox"))
    marker = _store_marker(session)
    with _grids_lock:
        lock = _grid_locks.setdefault(key, threading.Lock())
    with lock:  # one computation per key at a time; the others wait and reuse it
        entry = _grids.get(key)
        if entry is None or entry.marker != marker or \
                time.monotonic() - entry.made > GRID_CACHE_SECONDS:
            entry = WorldGrid.of(marker, cell_size(zoom),
                                 _grid(session, replace(f, bbox=None), zoom))
            with _grids_lock:
                _grids[key] = entry
                while len(_grids) > GRID_CACHE_ENTRIES:
                    old, _entry = _grids.popitem(last=False)
                    _grid_locks.pop(old, None)
        with _grids_lock:
            _grids.move_to_end(key)
        return entry


def geojson(session: Session, f: Filters, zoom: int) -> dict[str, Any]:
    """The events in view as GeoJSON: every point, or grid clusters past the budget."""
    if not 0 <= zoom <= MAX_ZOOM:
        raise QueryError(f"zoom must be 0..{MAX_ZOOM}")
    placed = (EventReview.latitude.is_not(None), EventReview.longitude.is_not(None))
    rows = session.execute(
        _reviews(f, EventReview.fused_event_id, EventReview.event_type,
                 EventReview.sort_date, EventReview.sort_fatalities, EventReview.latitude,
                 EventReview.longitude, EventReview.state)
        .where(*placed).limit(GEO_POINT_BUDGET + 1)
    ).all()
    if len(rows) <= GEO_POINT_BUDGET:
        names = dict(session.execute(
            select(FusedEvent.id, FusedEvent.location).where(
                FusedEvent.id.in_([r[0] for r in rows]))
        ).all()) if rows else {}
        features = [
            {"type": "Feature", "id": r[0],
             "geometry": {"type": "Point", "coordinates": [r[5], r[4]]},
             "properties": {"event_type": r[1],
                            "event_date": r[2].isoformat() if r[2] > _NO_DAY else None,
                            "location": names.get(r[0]), "fatalities": max(r[3], 0),
                            "review_state": r[6]}}
            for r in sorted(rows, key=lambda r: r[0])
        ]
        return {"type": "FeatureCollection", "features": features,
                "properties": {"total": len(features), "clustered": False}}
    size = cell_size(zoom)
    if zoom <= GRID_CACHE_MAX_ZOOM:
        grouped = world_grid(session, f, zoom).in_view(f.bbox)
    else:
        grouped = _grid(session, f, zoom)
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for x, y, etype, n, lat, lon, deaths in grouped:
        c = cells.setdefault((x, y), {"count": 0, "lat": 0.0, "lon": 0.0, "fatalities": 0,
                                      "types": {}})
        c["lat"] += float(lat) * n
        c["lon"] += float(lon) * n
        c["count"] += n
        c["fatalities"] += int(deaths or 0)
        c["types"][etype or "?"] = c["types"].get(etype or "?", 0) + n
    features = []
    for (x, y), c in sorted(cells.items()):
        top = max(c["types"].items(), key=lambda kv: kv[1])[0]
        features.append({
            "type": "Feature", "id": f"cell-{zoom}-{x}-{y}",
            "geometry": {"type": "Point", "coordinates": [round(c["lon"] / c["count"], 5),
                                                          round(c["lat"] / c["count"], 5)]},
            "properties": {"cluster": True, "count": c["count"], "fatalities": c["fatalities"],
                           "types": c["types"], "event_type": top},
        })
    return {"type": "FeatureCollection", "features": features,
            "properties": {"total": sum(c["count"] for c in cells.values()),
                           "clustered": True, "cell_degrees": size}}


def timeline(session: Session, f: Filters) -> list[dict[str, Any]]:
    """Events per day and type: [{day, counts: {type: n}}], oldest first."""
    rows = session.execute(
        _reviews(f, EventReview.sort_date, EventReview.event_type, func.count())
        .where(EventReview.sort_date >= _DATED)
        .group_by(EventReview.sort_date, EventReview.event_type)
        .order_by(EventReview.sort_date)
    ).all()
    days: dict[str, dict[str, int]] = {}
    for day, etype, n in rows:
        days.setdefault(day.isoformat(), {})[etype or "?"] = int(n)
    return [{"day": d, "counts": c} for d, c in days.items()]


def facets(session: Session) -> dict[str, Any]:
    """Values for the filter controls: types, sub-types, countries, states."""
    countries = session.execute(
        select(FusedEvent.country, func.count()).where(FusedEvent.country.is_not(None))
        .group_by(FusedEvent.country).order_by(func.count().desc()).limit(300)
    ).all()
    states = dict(session.execute(
        select(EventReview.state, func.count()).group_by(EventReview.state)
    ).all())
    return {
        "event_types": EVENT_TYPES,
        "sub_event_types": {t: sorted(s for s, p in SUB_EVENT_TYPES.items() if p == t)
                            for t in EVENT_TYPES},
        "countries": [{"name": c, "count": int(n)} for c, n in countries],
        "review_states": {s: int(states.get(s, 0)) for s in REVIEW_STATES},
    }


