"""Scores of predicted events against gold events: what every set shares, ACLED and MUC-4.

Every scorer takes ``(gold record, predicted events)`` pairs and returns a flat
dict of rates plus ``n`` (how many gold items each rate was computed over).
Rules shared by all sets (docs/evaluation.md has the definitions):

- only *current* predicted events count (``is_background`` ones are the
  report's background, not its event);
- detection is per record: a record "has an event" in gold when its
  ``events`` list is non-empty, in the prediction when a current event exists;
  ``false_alarm_rate`` is the share of no-event records with a current event;
- each gold event is aligned one-to-one to the predicted event that best
  stands for it (:func:`blotter.evaluation.matching.align`); field accuracies
  are over gold events whose field is coded (``null`` is skipped, not wrong),
  and a gold event with no aligned prediction counts wrong for every field;
- ``events.precision`` / ``events.recall`` count aligned predicted / gold events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from blotter.evaluation.matching import actor_match, align, event_actors, same_country
from blotter.fusion.reports import normalise
from blotter.geo.admin_names import same_admin1
from blotter.geo.distance import haversine_km
from blotter.geo.gazetteer import Gazetteer, open_gazetteer
from blotter.taxonomy import VIOLENT_EVENT_TYPES

Event = dict[str, Any]
Pair = tuple[dict[str, Any], list[Event]]
#: Fits a predicted event to a gold event (higher is better; None: cannot stand for it).
AlignScore = Callable[[Event, Event], float | None]

@cache
def scoring_gazetteer() -> Gazetteer:
    """The gazetteer admin1 names are compared in (the per-user index), opened once."""
    return open_gazetteer()


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


def current_events(events: list[Event]) -> list[Event]:
    """Predicted events that are the report's own (not background)."""
    return [e for e in events if not e.get("is_background")]


def coded(value: object) -> bool:
    """True if a gold field was coded (``null`` and ``""`` were not)."""
    return value is not None and value != ""


def count_right(gold: object, predicted: Event | None, key: str) -> bool:
    """True if ``predicted[key].best`` (unstated = 0) is the coded gold count."""
    got = ((predicted or {}).get(key) or {}).get("best") or 0
    return predicted is not None and got == int(gold)  # type: ignore[call-overload]


class Tally:
    """Counts of correct / total per metric."""

    def __init__(self) -> None:
        self.hit: dict[str, int] = defaultdict(int)
        self.n: dict[str, int] = defaultdict(int)

    def add(self, metric: str, ok: bool) -> None:
        """Count one comparison."""
        self.n[metric] += 1
        self.hit[metric] += int(ok)

    def count(self, name: str, gold: object, predicted: Event | None, key: str) -> None:
        """Exact-count accuracy of ``predicted[key].best`` (unstated = 0), split by gold > 0."""
        if not coded(gold):
            return
        ok = count_right(gold, predicted, key)
        self.add(f"{name}_exact", ok)
        self.add(f"{name}_exact_{'pos' if int(gold) > 0 else 'zero'}", ok)  # type: ignore[call-overload]

    def rates(self) -> dict[str, float]:
        """Accuracy per metric."""
        return {m: round(self.hit[m] / self.n[m], 4) for m in sorted(self.n) if self.n[m]}


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class Common:
    """Detection and event-alignment counts every set shares."""

    records: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    predicted: int = 0
    matched: int = 0
    gold_events: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def record(self, gold: list[Event], current: list[Event], matched: int) -> None:
        """Count one record with *matched* aligned events."""
        self.records += 1
        has_gold, has_pred = bool(gold), bool(current)
        self.tp += has_gold and has_pred
        self.fp += has_pred and not has_gold
        self.fn += has_gold and not has_pred
        self.tn += not (has_gold or has_pred)
        self.predicted += len(current)
        self.matched += matched
        self.gold_events += len(gold)

    def scores(self) -> dict[str, Any]:
        """The shared part of a set's scores."""
        out: dict[str, Any] = {"records": self.records}
        if self.tp + self.fn:
            out["detection"] = prf(self.tp, self.fp, self.fn)
            out["events"] = {
                "precision": round(self.matched / self.predicted, 4) if self.predicted else 0.0,
                "recall": round(self.matched / self.gold_events, 4) if self.gold_events else 0.0,
                "gold": self.gold_events,
                "predicted": self.predicted,
            }
        negatives = self.fp + self.tn
        out["no_event_records"] = negatives
        if negatives:
            out["false_alarm_rate"] = round(self.fp / negatives, 4)
        out["events_per_record"] = round(self.predicted / self.records, 3) if self.records else 0.0
        return out


def run_scorer(
    pairs: Iterable[Pair],
    fit: AlignScore,
    fields: Callable[[Tally, Event, Event | None, dict[str, Any]], None],
) -> tuple[Common, Tally]:
    """Align each record's events and let *fields* score each gold event."""
    common, tally = Common(), Tally()
    for gold, predicted in pairs:
        current = current_events(predicted)
        events = gold.get("events") or []
        aligned = align(events, current, fit)
        common.record(events, current, len(aligned))
        for g, gold_event in enumerate(events):
            p = aligned.get(g)
            fields(tally, gold_event, current[p] if p is not None else None, gold)
    return common, tally


def finish(common: Common, tally: Tally, **extra: Any) -> dict[str, Any]:
    """Shared scores, field rates and their ``n``, and any *extra* keys."""
    out = common.scores()
    out.update(tally.rates())
    out.update(extra)
    out["n"] = {m: n for m, n in sorted(tally.n.items()) if n}
    return out


def _inter(actor: dict[str, Any] | None) -> int:
    return int(actor["inter"] or 0) if actor else 0


def acled_fit(gold: Event, p: Event) -> float:
    """How well predicted *p* stands for ACLED gold event *gold* (any event can)."""
    loc = p.get("location") or {}
    return (
        2.0 * (p.get("event_type") == gold.get("event_type"))
        + 1.0 * (p.get("sub_event_type") == gold.get("sub_event_type"))
        + 1.0 * (p.get("event_date") == gold.get("event_date"))
        + 1.0 * same_country(loc, gold.get("country"))
    )


def score_acled(pairs: Iterable[Pair]) -> dict[str, Any]:
    """Scores for ACLED-style gold: types, actors, inter codes, counts, date, places."""
    distances: list[float] = []

    def fields(t: Tally, g: Event, p: Event | None, _record: dict[str, Any]) -> None:
        loc = (p or {}).get("location") or {}
        for key in ("event_type", "sub_event_type", "event_date"):
            if coded(g.get(key)):
                t.add(key, p is not None and p.get(key) == g[key])
        t.count("fatalities", g.get("fatalities"), p, "fatalities")
        if coded(g.get("country")):
            t.add("country", same_country(loc, g["country"]))
        if coded(g.get("admin1")):
            t.add("admin1", same_admin1(loc, g["admin1"], scoring_gazetteer()))
        for key in ("inter1", "inter2"):
            if coded(g.get(key)):
                actor = (p or {}).get(f"actor{key[-1]}")
                t.add(key, p is not None and _inter(actor) == int(g[key]))
        if coded(g.get("actor1")):
            t.add("actor1", actor_match(((p or {}).get("actor1") or {}).get("name"), g["actor1"]))
        if g.get("latitude") is None:
            return
        if loc.get("latitude") is not None:
            d = haversine_km(
                loc["latitude"], loc["longitude"], float(g["latitude"]), float(g["longitude"])
            )
            distances.append(d)
            t.add("within_25km", d <= NEAR_KM)
        else:
            t.add("within_25km", False)

    common, tally = run_scorer(pairs, acled_fit, fields)
    extra: dict[str, Any] = {}
    if distances:
        distances.sort()
        extra["median_km"] = round(distances[len(distances) // 2], 1)
    return finish(common, tally, **extra)


def muc_relevant(events: list[Event]) -> bool:
    """True if predictions call a MUC-4 text relevant: a current violent incident."""
    return muc_document_confidence(events) is not None


#: The recall issue 11 asks MUC-4's relevant-document precision to be read at: the
#: point of the precision/recall curve over ``min_confidence`` that keeps it.
MUC_RECALL_AIM = 0.85


def muc_document_confidence(events: list[Event]) -> float | None:
    """The confidence at which a MUC-4 text stops being called relevant: the highest
    of its current violent events' (None: not relevant at any cut).  An event with
    no ``confidence`` (another tool's) counts as sure, as ``runner.above`` keeps it."""
    scores = [
        1.0 if e.get("confidence") is None else float(e["confidence"])
        for e in current_events(events)
        if e["event_type"] in VIOLENT_EVENT_TYPES or e["sub_event_type"] in MUC_RELEVANT_SUBTYPES
    ]
    return max(scores, default=None)


def precision_at_recall(
    scored: list[tuple[bool, float | None]], aim: float = MUC_RECALL_AIM
) -> dict[str, float | None]:
    """Relevant-document precision at the highest confidence cut that keeps recall
    at *aim* or more, from ``(gold relevant, document confidence)`` per text.

    A text is called relevant at cut ``c`` when its confidence is ``c`` or more
    (what ``min_confidence = c`` leaves).  ``cut`` is None when even no cut-off
    reaches *aim* (precision and recall are then those of every prediction).
    """
    positives = sum(gold for gold, _ in scored)
    cuts = sorted({c for _, c in scored if c is not None}, reverse=True)
    out: dict[str, float | None] = {"recall_aim": aim, "cut": None}
    tp = fp = 0
    ranked = sorted((c, gold) for gold, c in scored if c is not None)
    for cut in cuts:
        while ranked and ranked[-1][0] >= cut:
            gold = ranked.pop()[1]
            tp += gold
            fp += not gold
        recall = tp / positives if positives else 0.0
        if recall >= aim:
            out["cut"] = cut
            break
    out["precision"] = round(tp / (tp + fp), 4) if tp + fp else 0.0
    out["recall"] = round(tp / positives, 4) if positives else 0.0
    return out


def muc_fit(gold: Event, p: Event) -> float | None:
    """A predicted event stands for a MUC-4 incident only if its type fits."""
    kinds = {p.get("event_type"), p.get("sub_event_type")}
    if not kinds & MUC_TYPES.get(gold.get("muc_type") or "", set()):
        return None
    return 1.0 + same_country(p.get("location") or {}, gold.get("country"))


def score_muc(pairs: Iterable[Pair]) -> dict[str, Any]:
    """Scores for MUC-4 gold: relevant documents, incident types, countries, counts."""
    pairs = list(pairs)
    tp = fp = fn = 0
    type_tp = type_fp = type_fn = 0
    scored: list[tuple[bool, float | None]] = []
    for gold, predicted in pairs:
        gold_rel, pred_rel = bool(gold["events"]), muc_relevant(predicted)
        scored.append((gold_rel, muc_document_confidence(predicted)))
        tp += gold_rel and pred_rel
        fp += pred_rel and not gold_rel
        fn += gold_rel and not pred_rel
        if not gold_rel:
            continue
        current = current_events(predicted)
        pred_types = {e["event_type"] for e in current} | {e["sub_event_type"] for e in current}
        gold_types = {g["muc_type"] for g in gold["events"]}
        for muc_type in gold_types:
            hit = bool(MUC_TYPES.get(muc_type, set()) & pred_types)
            type_tp += hit
            type_fn += not hit
        type_fp += sum(
            1
            for e in current
            if e["event_type"] in VIOLENT_EVENT_TYPES
            and not any(
                {e["event_type"], e["sub_event_type"]} & MUC_TYPES.get(m, set()) for m in gold_types
            )
        )

    def fields(t: Tally, g: Event, p: Event | None, record: dict[str, Any]) -> None:
        current = current_events(record["_predicted"])
        if coded(g.get("country")):
            t.add("country", any(same_country(e.get("location") or {}, g["country"])
                                 for e in current))
        t.count("fatalities", g.get("fatalities"), p, "fatalities")
        if len(record["events"]) == 1 and coded(g.get("fatalities")):
            # the figure: texts that tell one incident and a count for it
            t.add("fatalities_exact_single", count_right(g["fatalities"], p, "fatalities"))
        orgs = [o for o in g.get("perpetrator_orgs") or [] if o]
        if orgs:
            names = [n for e in current for n in event_actors(e)]
            t.add("perpetrator_found", any(actor_match(n, o) for n in names for o in orgs))

    marked = [({**gold, "_predicted": predicted}, predicted) for gold, predicted in pairs]
    common, tally = run_scorer(marked, muc_fit, fields)
    return finish(
        common,
        tally,
        relevant_documents=prf(tp, fp, fn),
        relevant_documents_at_recall=precision_at_recall(scored),
        incident_types=prf(type_tp, type_fp, type_fn),
    )
