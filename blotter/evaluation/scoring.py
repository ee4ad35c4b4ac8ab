"""Field-level scores of predicted events against gold events, per source.

ACLED gold has one event per coder's note: the record's main predicted event
(the first current one) is compared field by field.  MUC-4 gold marks which
texts report a recent, specific incident: document relevance is scored as
detection, and incident types, countries and counts where both sides have one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from blotter.fusion.reports import normalise
from blotter.geo.admin_names import same_admin1
from blotter.geo.distance import haversine_km
from blotter.geo.gazetteer import Gazetteer, open_gazetteer
from blotter.taxonomy import VIOLENT_EVENT_TYPES

#: Distance within which a predicted point counts as ACLED's place (the issue's bar).
NEAR_KM = 25.0
#: MUC-4 incident types and the ACLED types that count as the same kind of act.
MUC_TYPES: dict[str, set[str]] = {
    "BOMBING": {"Explosions/Remote violence", "Disrupted weapons use"},
    "KIDNAPPING": {"Abduction/forced disappearance"},
    "ARSON": {"Looting/property destruction"},
    "ATTACK": {"Battles", "Violence against civilians", "Attack", "Armed clash", "Riots"},
    "ROBBERY": {"Looting/property destruction", "Attack"},
    "FORCED WORK STOPPAGE": {"Change to group/activity", "Other", "Attack"},
}
#: Predicted sub-event types that make a MUC-4 text relevant (MUC-4 coded violent
#: acts: attacks, bombings, kidnappings, arson, robbery).
MUC_RELEVANT_SUBTYPES = frozenset(
    {"Looting/property destruction", "Abduction/forced disappearance", "Disrupted weapons use"}
)


def norm(name: object) -> str:
    """Case-, accent- and punctuation-folded name for comparing places."""
    return normalise(name) if isinstance(name, str) else ""


def current_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Predicted events that are the report's own (not background)."""
    return [e for e in events if not e.get("is_background")]


class Tally:
    """Counts of correct / total per metric."""

    def __init__(self) -> None:
        self.hit: dict[str, int] = defaultdict(int)
        self.n: dict[str, int] = defaultdict(int)
        self.values: dict[str, list[float]] = defaultdict(list)

    def add(self, metric: str, ok: bool) -> None:
        """Count one comparison."""
        self.n[metric] += 1
        self.hit[metric] += int(ok)

    def rates(self) -> dict[str, float]:
        """Accuracy per metric."""
        return {m: round(self.hit[m] / self.n[m], 4) for m in self.n if self.n[m]}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score_acled(
    pairs: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]],
    gazetteer: Gazetteer | None = None,
) -> dict[str, Any]:
    """Scores for ACLED-style gold: (gold record, predicted events) pairs; admin1
    names are compared through *gazetteer* (default: the per-user index)."""
    gaz = gazetteer or open_gazetteer()
    t = Tally()
    tp = fp = fn = 0
    distances: list[float] = []
    n_records = n_pred = 0
    for gold, predicted in pairs:
        n_records += 1
        current = current_events(predicted)
        n_pred += len(current)
        g = gold["events"][0] if gold["events"] else None
        p = current[0] if current else None
        tp += int(g is not None and p is not None)
        fp += int(g is None and p is not None)
        fn += int(g is not None and p is None)
        if g is None:
            continue
        loc = (p or {}).get("location") or {}
        t.add("event_type", p is not None and p["event_type"] == g["event_type"])
        t.add("sub_event_type", p is not None and p["sub_event_type"] == g["sub_event_type"])
        pred_fat = ((p or {}).get("fatalities") or {}).get("best") or 0
        t.add("fatalities_exact", pred_fat == int(g["fatalities"] or 0))
        t.add("event_date", p is not None and p.get("event_date") == g["event_date"])
        t.add("country", norm(loc.get("country")) == norm(g["country"]))
        t.add("admin1", bool(g["admin1"]) and same_admin1(loc, g["admin1"], gaz))
        t.add("inter1", p is not None and _inter(p.get("actor1")) == int(g["inter1"] or 0))
        t.add("inter2", p is not None and _inter(p.get("actor2")) == int(g["inter2"] or 0))
        if loc.get("latitude") is not None and g.get("latitude") is not None:
            d = haversine_km(
                loc["latitude"], loc["longitude"], float(g["latitude"]), float(g["longitude"])
            )
            distances.append(d)
            t.add("within_25km", d <= NEAR_KM)
        else:
            t.add("within_25km", False)
    out: dict[str, Any] = {"records": n_records, "detection": _prf(tp, fp, fn)}
    out.update(t.rates())
    out["events_per_record"] = round(n_pred / n_records, 3) if n_records else 0.0
    if distances:
        distances.sort()
        out["median_km"] = round(distances[len(distances) // 2], 1)
    return out


def _inter(actor: dict[str, Any] | None) -> int:
    return int(actor["inter"] or 0) if actor else 0


def muc_relevant(events: list[dict[str, Any]]) -> bool:
    """True if predictions call a MUC-4 text relevant: a current violent incident."""
    return any(
        e["event_type"] in VIOLENT_EVENT_TYPES or e["sub_event_type"] in MUC_RELEVANT_SUBTYPES
        for e in current_events(events)
    )


def score_muc(pairs: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]]) -> dict[str, Any]:
    """Scores for MUC-4 gold: relevant-document detection, types, countries, counts."""
    t = Tally()
    tp = fp = fn = tn = 0
    type_tp = type_fp = type_fn = 0
    for gold, predicted in pairs:
        gold_rel = bool(gold["events"])
        pred_rel = muc_relevant(predicted)
        tp += gold_rel and pred_rel
        fp += (not gold_rel) and pred_rel
        fn += gold_rel and not pred_rel
        tn += (not gold_rel) and not pred_rel
        if not gold_rel:
            continue
        current = current_events(predicted)
        pred_types = {e["event_type"] for e in current} | {e["sub_event_type"] for e in current}
        gold_types = {g["muc_type"] for g in gold["events"]}
        for muc_type in gold_types:
            if MUC_TYPES.get(muc_type, set()) & pred_types:
                type_tp += 1
            else:
                type_fn += 1
        type_fp += sum(
            1
            for e in current
            if e["event_type"] in VIOLENT_EVENT_TYPES
            and not any(
                {e["event_type"], e["sub_event_type"]} & MUC_TYPES.get(m, set()) for m in gold_types
            )
        )
        pred_countries = {norm((e.get("location") or {}).get("country")) for e in current}
        for g in gold["events"]:
            if g.get("country"):
                t.add("country", norm(g["country"]) in pred_countries)
        known = [g for g in gold["events"] if g.get("fatalities") is not None]
        if len(gold["events"]) == 1 and known and current:
            t.add(
                "fatalities_exact",
                (current[0]["fatalities"].get("best") or 0) == known[0]["fatalities"],
            )
    out: dict[str, Any] = {
        "records": tp + fp + fn + tn,
        "relevant_documents": _prf(tp, fp, fn),
        "incident_types": _prf(type_tp, type_fp, type_fn),
    }
    out.update(t.rates())
    return out
