"""Pairwise precision/recall/F1 of cross-article fusion on MUC-4-style gold.

Gold coreference: gold incidents of different texts that share type, country,
location and date are one incident (the date is the last date written in
``date_raw``: "- 08 JAN 90" and "07 JAN 90 - 08 JAN 90" both give 8 Jan 1990).
Incidents without a location or a date have no key: the gold does not say
which other incidents they are, so pairs involving them are not scored
(counted as ``unknown_pairs``). Only pairs of events from *different* texts
count.

``fusion_scores`` scores the fuser on extracted events (aligned to gold events
within each text first) and on the gold incidents themselves converted into
records (``gold_oracle``), which measures clustering apart from extraction.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from itertools import combinations
from typing import Any

from blotter.fusion.fuser import Fuser, FusionConfig
from blotter.fusion.index import MemoryIndex
from blotter.fusion.reports import ArticleMeta, Report, ReportError, normalise

#: MUC-4 incident types as ACLED (event_type, sub_event_type), as the scorers map them.
MUC_TYPES: dict[str, tuple[str, str]] = {
    "ATTACK": ("Violence against civilians", "Attack"),
    "BOMBING": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "KIDNAPPING": ("Violence against civilians", "Abduction/forced disappearance"),
    "ARSON": ("Strategic developments", "Looting/property destruction"),
    "ROBBERY": ("Strategic developments", "Looting/property destruction"),
    "FORCED WORK STOPPAGE": ("Strategic developments", "Other"),
}
#: Predicted sub-event types that count as each MUC-4 type when aligning.
_MUC_SUBS: dict[str, set[str]] = {
    "BOMBING": {
        "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Air/drone strike",
        "Shelling/artillery/missile attack", "Chemical weapon",
    },
    "KIDNAPPING": {"Abduction/forced disappearance"},
    "ARSON": {"Looting/property destruction"},
    "ROBBERY": {"Looting/property destruction"},
}
_VIOLENT = {"Battles", "Violence against civilians", "Explosions/Remote violence", "Riots"}
_MUC_DATE = re.compile(r"(\d{1,2})\s+([A-Z]{3})\s+(\d{2})")
_RAW_PART = re.compile(r"^(.*?)\s*(?:\(([^()]*)\))?$")
#: Minimum alignment evidence besides a fitting type: a compatible place (1)
#: or a date inside the gold date range (1), or a date a day off it (0.5). A
#: predicted event with neither is another incident of the text, not this one.
ALIGN_MIN_EVIDENCE = 0.5


def muc_dates(date_raw: str | None) -> list[date]:
    """Every valid date written in a MUC-4 ``date_raw``."""
    out: list[date] = []
    for day, month, year in _MUC_DATE.findall((date_raw or "").upper()):
        try:
            out.append(datetime.strptime(f"{int(day):02d} {month} 19{year}", "%d %b %Y").date())
        except ValueError:
            continue
    return out


def muc_date(date_raw: str | None) -> date | None:
    """The last date written in a MUC-4 ``date_raw`` ('- 03 JAN 90' -> 1990-01-03)."""
    dates = muc_dates(date_raw)
    return dates[-1] if dates else None


def _raw_places(event: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, kind) parts of the first alternative of ``location_raw``
    ('EL SALVADOR: SAN SALVADOR (CITY)' -> [('el salvador', ''), ('san salvador', 'city')])."""
    raw = (event.get("location_raw") or "").split(" / ")[0].strip("() ")
    parts: list[tuple[str, str]] = []
    for part in raw.split(":"):
        found = _RAW_PART.match(part.strip())
        if found and normalise(found.group(1)):
            parts.append((normalise(found.group(1)), normalise(found.group(2))))
    return parts


def gold_place(event: dict[str, Any]) -> str:
    """The city an incident happened in (its ``(CITY)`` part), else its location."""
    cities = [name for name, kind in _raw_places(event) if kind == "city"]
    return cities[0] if cities else normalise(event.get("location"))


def gold_key(event: dict[str, Any]) -> tuple[str, str, str, date] | None:
    """The coreference key of a gold incident, or None (coreference unknown)."""
    when = muc_date(event.get("date_raw"))
    if not event.get("location") or not event.get("country") or when is None:
        return None
    return (event["muc_type"], normalise(event["country"]), normalise(event["location"]), when)


def gold_to_record(event: dict[str, Any]) -> dict[str, Any]:
    """A gold MUC-4 incident as an event record (blotter.record format)."""
    event_type, sub = MUC_TYPES.get(event["muc_type"], MUC_TYPES["ATTACK"])
    when = muc_date(event.get("date_raw"))
    orgs = event.get("perpetrator_orgs") or []
    fatalities = event.get("fatalities")
    return {
        "event_type": event_type,
        "sub_event_type": sub,
        "event_date": when.isoformat() if when else None,
        "time_precision": 1 if when else None,
        "actor1": {"name": orgs[0], "inter": None} if orgs else None,
        "actor2": None,
        "location": {"name": event.get("location"), "country": event.get("country")},
        "fatalities": {"best": fatalities, "low": fatalities, "high": fatalities},
        "injuries": {"best": None, "low": None, "high": None},
        "certainty": "reported",
        "is_background": False,
        "evidence": [],
    }


def _type_fits(muc_type: str, record: dict[str, Any]) -> bool:
    """A predicted event whose type can stand for a gold MUC-4 type."""
    if muc_type in _MUC_SUBS:
        return record.get("sub_event_type") in _MUC_SUBS[muc_type]
    return record.get("event_type") in _VIOLENT


def _align_evidence(event: dict[str, Any], record: dict[str, Any]) -> float | None:
    """How well predicted *record* fits gold *event* (None: not at all)."""
    loc = record.get("location") or {}
    name, admin1 = normalise(loc.get("name")), normalise(loc.get("admin1"))
    country = normalise(event.get("country"))
    if loc.get("country") and country and normalise(loc.get("country")) != country:
        return None
    hierarchy = {n for n, _kind in _raw_places(event)} | {normalise(event.get("location"))}
    hierarchy.discard(country)
    score = 0.0
    if name and name in (normalise(event.get("location")), gold_place(event)):
        score += 2.0
    elif (name and name in hierarchy) or (admin1 and admin1 in hierarchy):
        score += 1.0  # the department, or the city of a neighbourhood
    dates = muc_dates(event.get("date_raw"))
    when = record.get("event_date")
    if when and dates:
        day = date.fromisoformat(str(when)[:10])
        if min(dates) <= day <= max(dates):
            score += 1.0
        elif min(dates) - timedelta(days=1) <= day <= max(dates) + timedelta(days=1):
            score += 0.5
    if score < ALIGN_MIN_EVIDENCE:
        return None
    same_sub = record.get("sub_event_type") == MUC_TYPES.get(event["muc_type"], ("", ""))[1]
    return score + 0.5 * same_sub


def _align(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[int, int]:
    """Predicted index -> gold index within one text.

    A predicted event can stand for a gold incident when its type fits and its
    place (the gold city, a part of ``location_raw`` or the department) or its
    date (within the gold range, or a day off) agrees; pairs are taken best
    first, each gold incident and each predicted event at most once.
    """
    scored: list[tuple[float, int, int]] = []
    for p, rec in enumerate(predicted):
        for g, ev in enumerate(gold):
            if not _type_fits(ev["muc_type"], rec):
                continue
            score = _align_evidence(ev, rec)
            if score is not None:
                scored.append((-score, p, g))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _neg, p, g in sorted(scored):
        if p not in out and g not in used:
            out[p] = g
            used.add(g)
    return out


def _pairs(
    clusters: dict[Any, list[tuple[str, Any]]], unknown: set[Any]
) -> tuple[set[frozenset[Any]], int]:
    """Cross-text pairs of members within each cluster, and how many were skipped.

    Members not aligned to any gold incident ("unaligned": events MUC-4 did not
    code, such as army-guerrilla battles) and gold incidents without a key
    (*unknown*: no location or date) form no pairs: the gold says nothing about
    whether two of them are one event, so they would count as errors whatever
    the fuser did. Their numbers are reported as ``unaligned`` and ``unknown_pairs``.
    """
    out: set[frozenset[Any]] = set()
    skipped = 0
    for members in clusters.values():
        for (t1, m1), (t2, m2) in combinations(members, 2):
            if t1 == t2 or "unaligned" in (m1[0], m2[0]):
                continue
            if m1 in unknown or m2 in unknown:
                skipped += 1
                continue
            out.add(frozenset((m1, m2)))
    return out, skipped


def _prf(gold: set[frozenset[Any]], pred: set[frozenset[Any]]) -> dict[str, float | int]:
    """Pairwise precision, recall and F1."""
    hit = len(gold & pred)
    p = hit / len(pred) if pred else 1.0
    r = hit / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
        "gold_pairs": len(gold), "predicted_pairs": len(pred), "correct_pairs": hit,
    }


def _fuse_and_score(
    gold_records: list[dict[str, Any]],
    predicted: dict[str, list[dict[str, Any]]],
    alignment: dict[str, dict[int, int]],
    config: FusionConfig | None,
) -> dict[str, Any]:
    """Fuse *predicted* in publication order and score the clusters' pairs."""
    gold_clusters: dict[Any, list[tuple[str, Any]]] = defaultdict(list)
    canonical: dict[tuple[str, int], int] = {}
    unknown: set[tuple[str, int]] = set()
    for rec in gold_records:
        first: dict[Any, int] = {}
        for g, ev in enumerate(rec.get("events") or []):
            key = gold_key(ev)
            # one text's templates with one key are one incident (document fusion merges them)
            canonical[(rec["id"], g)] = first.setdefault(key, g) if key else g
            if key is None:
                unknown.add((rec["id"], g))
            if canonical[(rec["id"], g)] == g:
                gold_clusters[key if key else (rec["id"], g)].append((rec["id"], (rec["id"], g)))
    published = {str(r["id"]): r.get("published") for r in gold_records}
    reports: list[Report] = []
    errors = 0
    for rid, events in predicted.items():
        meta = ArticleMeta(published=published.get(rid), outlet=rid)
        for i, ev in enumerate(events):
            try:
                reports.append(Report.from_record(rid, i, ev, meta))
            except ReportError:
                errors += 1
    reports.sort(key=lambda r: (r.published_day or 0, r.id))
    fuser = Fuser(MemoryIndex(), config)
    fuser.add_all(reports)
    pred_clusters: dict[Any, list[tuple[str, Any]]] = defaultdict(list)
    covered: set[Any] = set()
    for event in fuser.index.events():
        for r in event.reports:
            index = int(r.id.rsplit("#", 1)[1])
            aligned = alignment.get(r.article_id, {}).get(index)
            member = (
                (r.article_id, canonical.get((r.article_id, aligned), aligned))
                if aligned is not None
                else ("unaligned", r.id)
            )
            if aligned is not None:
                covered.add(member)
            pred_clusters[event.id].append((r.article_id, member))
    gold_pairs, _ = _pairs(gold_clusters, unknown)
    pred_pairs, unknown_pairs = _pairs(pred_clusters, unknown)
    scores = _prf(gold_pairs, pred_pairs)
    # fusion apart from extraction misses: recall over gold pairs whose two
    # incidents both got an aligned extracted event
    reachable = {pair for pair in gold_pairs if pair <= covered}
    given = _prf(reachable, pred_pairs)
    unaligned = sum(1 for ms in pred_clusters.values() for _, m in ms if m[0] == "unaligned")
    scores.update(
        {"reports": len(reports), "events": sum(1 for _ in fuser.index.events()),
         "bad_records": errors, "unaligned": unaligned, "unknown_pairs": unknown_pairs,
         "reachable_gold_pairs": len(reachable),
         "recall_given_extraction": given["recall"], "f1_given_extraction": given["f1"]}
    )
    return scores


def gold_oracle_scores(
    gold_records: list[dict[str, Any]], config: FusionConfig | None = None
) -> dict[str, Any]:
    """Fuse the gold incidents themselves (as records) and score the clustering."""
    predicted = {
        str(r["id"]): [gold_to_record(e) for e in r.get("events") or []] for r in gold_records
    }
    alignment = {rid: {i: i for i in range(len(evs))} for rid, evs in predicted.items()}
    return _fuse_and_score(gold_records, predicted, alignment, config)


def fusion_scores(
    gold_records: list[dict[str, Any]],
    predicted: dict[str, list[dict[str, Any]]],
    config: FusionConfig | None = None,
) -> dict[str, Any]:
    """Pairwise fusion P/R/F1 on extracted events and on the gold oracle.

    *gold_records* are MUC-4 dev records (``id``, ``published``, ``events``);
    *predicted* maps record id to that record's extracted events (record dicts).
    Returns ``{"extracted": {...}, "gold_oracle": {...}}`` with precision,
    recall, f1 and pair counts each.
    """
    gold_by_id = {str(r["id"]): r.get("events") or [] for r in gold_records}
    alignment = {
        rid: _align(gold_by_id.get(rid, []), events) for rid, events in predicted.items()
    }
    return {
        "extracted": _fuse_and_score(gold_records, predicted, alignment, config),
        "gold_oracle": gold_oracle_scores(gold_records, config),
    }
