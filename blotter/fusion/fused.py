"""The fused event: one incident, every report of it, and where reports disagree.

Fatalities follow UCDP: ``low`` is the lowest credible report, ``high`` the
highest, ``best`` the most recent credible one. A toll that changes between
reports is a *revision* (13 -> 14); place, date and perpetrator that differ
between credible reports are *conflicts*, flagged and kept, never averaged.
Other fields take the value of the most recent credible report that has one;
``history`` keeps every report's value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from blotter.fusion.features import place_feature, same_actor
from blotter.fusion.reports import Report

#: Fields whose every reported value is kept in ``history``.
HISTORY_FIELDS = (
    "event_type",
    "sub_event_type",
    "event_date",
    "location",
    "actor1",
    "actor2",
    "fatalities",
    "injuries",
)
#: Fields that take the most recent credible report's value.
LATEST_FIELDS = (
    "event_type",
    "sub_event_type",
    "event_date",
    "time_precision",
    "actor1",
    "actor2",
    "location",
    "weapons",
    "claimed_by",
    "claim_mode",
    "certainty",
)
_COUNT_FIELDS = ("fatalities", "injuries", "detained")


@dataclass
class Decision:
    """Why a report joined an event, created one, or was left unattached."""

    report_id: str
    action: str  # "joined" | "created" | "unattached" | "duplicate"
    event_id: str | None
    score: float | None = None
    matched_report: str | None = None
    reasons: dict[str, float] = field(default_factory=dict)
    candidates: int = 0
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__)


def _order(r: Report) -> tuple[int, int]:
    """Chronological order of reports: publication day, then arrival."""
    return (r.published_day or 0, r.arrival)


def _location_label(loc: dict[str, Any] | None) -> str | None:
    """A place as people write it: 'El Aguaje, Michoacán, Mexico'."""
    if not loc:
        return None
    parts = [loc.get("name"), loc.get("admin1"), loc.get("country")]
    label = ", ".join(str(p) for p in parts if p)
    return label or None


def fused_count(reports: list[Report], name: str) -> dict[str, int | None]:
    """UCDP-style count over reports: lowest, highest, most recent credible."""
    credible = [r for r in reports if r.credible] or reports
    known = [r for r in credible if (r.record.get(name) or {}).get("best") is not None]
    if not known:
        return {"best": None, "low": None, "high": None}
    lows = [r.record[name].get("low", r.record[name]["best"]) for r in known]
    highs = [r.record[name].get("high", r.record[name]["best"]) for r in known]
    latest = max(known, key=_order)
    return {
        "best": latest.record[name]["best"],
        "low": min(v for v in lows if v is not None),
        "high": max(v for v in highs if v is not None),
    }


def _syndication(reports: list[Report]) -> dict[str, str]:
    """Report id -> id of the earlier report it copies word for word."""
    first: dict[str, str] = {}
    copies: dict[str, str] = {}
    for r in sorted(reports, key=_order):
        if not r.text_hash:
            continue
        if r.text_hash in first:
            copies[r.id] = first[r.text_hash]
        else:
            first[r.text_hash] = r.id
    return copies


def _revisions(reports: list[Report]) -> list[dict[str, Any]]:
    """Changes of the fatality toll between successive credible reports."""
    out: list[dict[str, Any]] = []
    previous: int | None = None
    for r in sorted((r for r in reports if r.credible), key=_order):
        toll = (r.record.get("fatalities") or {}).get("best")
        if toll is None:
            continue
        if previous is not None and toll != previous:
            out.append(
                {
                    "field": "fatalities",
                    "from": previous,
                    "to": toll,
                    "report_id": r.id,
                    "published": r.meta.published,
                }
            )
        previous = toll
    return out


def _group(values: list[tuple[str, Report]], same: Any) -> list[dict[str, Any]]:
    """Group reports by value, merging values that *same* says agree."""
    groups: list[tuple[str, Report, list[str]]] = []
    for label, report in values:
        for g_label, g_report, ids in groups:
            if label == g_label or same(report, g_report):
                ids.append(report.id)
                break
        else:
            groups.append((label, report, [report.id]))
    return [{"value": label, "report_ids": ids} for label, _r, ids in groups]


def _conflicts(reports: list[Report]) -> list[dict[str, Any]]:
    """Place, date and perpetrator that differ between credible reports."""
    credible = [r for r in sorted(reports, key=_order) if r.credible]
    out: list[dict[str, Any]] = []
    places = [
        (label, r)
        for r in credible
        if (label := _location_label(r.record.get("location")) or "")
        and (r.place or r.latitude is not None)
    ]
    checks: list[tuple[str, list[tuple[str, Report]], Any]] = [
        ("location", places, lambda x, y: (place_feature(x, y) or 0) > 0),
        (
            "event_date",
            [(r.record["event_date"], r) for r in credible if r.day is not None],
            lambda x, y: x.day == y.day,
        ),
        (
            "actor1",
            [(r.record["actor1"]["name"], r) for r in credible if r.perpetrator],
            lambda x, y: same_actor(x.perpetrator, y.perpetrator),
        ),
    ]
    for name, values, same in checks:
        groups = _group(values, same)
        if len(groups) > 1:
            out.append({"field": name, "values": groups})
    return out


def fuse_reports(event_id: str, reports: list[Report], decisions: list[Decision]) -> dict[str, Any]:
    """The fused event record for a cluster of reports."""
    ordered = sorted(reports, key=_order)
    current = [r for r in ordered if not r.is_background]
    credible = [r for r in current if r.credible] or current or ordered
    event: dict[str, Any] = {"event_id": event_id}
    for name in LATEST_FIELDS:
        value = None
        for r in reversed(credible):
            if r.record.get(name) not in (None, [], {}):
                value = r.record[name]
                break
        if name == "location" and isinstance(value, dict) and not value.get("name"):
            value = next(
                (r.record["location"] for r in reversed(credible) if r.place), value
            )
        event[name] = value
    for name in _COUNT_FIELDS:
        event[name] = fused_count(ordered, name)
    copies = _syndication(ordered)
    event["sources"] = [
        {
            "report_id": r.id,
            "article_id": r.article_id,
            "outlet": r.meta.outlet,
            "url": r.meta.url,
            "published": r.meta.published,
            "is_background": r.is_background,
            "syndicated_copy_of": copies.get(r.id),
        }
        for r in ordered
    ]
    event["n_reports"] = len(ordered)
    event["n_independent_reports"] = len(ordered) - len(copies)
    event["background_only"] = not current
    event["history"] = {
        name: [
            {
                "value": r.record.get(name),
                "report_id": r.id,
                "outlet": r.meta.outlet,
                "published": r.meta.published,
            }
            for r in ordered
            if r.record.get(name) is not None
        ]
        for name in HISTORY_FIELDS
    }
    event["revisions"] = _revisions(ordered)
    event["conflicts"] = _conflicts(ordered)
    event["decisions"] = [d.to_dict() for d in decisions]
    return event
