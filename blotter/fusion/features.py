"""Pairwise evidence that two reports describe the same incident.

Each feature returns a value in [-1, 1] (for / against) or ``None`` when one
side lacks the information; the pair score is the weighted sum of the known
features, so missing information neither helps nor hurts. Weights and the
threshold are documented (and were tuned) in ``docs/fusion.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from blotter.fusion.reports import Report
from blotter.geo.distance import haversine_km
from blotter.taxonomy import GENERIC_ACTOR_WORDS

#: Weight of each feature in the pair score (log-odds-like units).
WEIGHTS: dict[str, float] = {
    "place": 2.0,  # the strongest single cue, but datelines make it wrong sometimes
    "time": 1.5,
    "type": 1.0,
    "actors": 1.5,
    "counts": 1.0,
    "words": 2.5,  # shared rare words around the evidence: what outlets copy and quote
}

#: Coordinates closer than this are one place (town-level geocodes of one village).
PLACE_SAME_KM = 10.0
#: Coordinates further apart than this are certainly different places.
PLACE_FAR_KM = 100.0
#: Value of two identical town/city names: positive but modest, since a city has
#: many incidents a day; identical coordinates are no stronger for the same reason.
SAME_PLACE_VALUE = 0.6
#: Names at least this similar (rapidfuzz token-set ratio, 0-100) are one place
#: written differently ("Cucuta" / "Cucuta - Campanario").
PLACE_NAME_SIMILAR = 90.0
#: Actor names at least this similar are one actor ("FMLN" spelt out or not).
ACTOR_NAME_SIMILAR = 85.0
#: Two tolls this close (absolute) are one toll revised, not two incidents.
REVISION_ABS = 1
#: ... or this close relative to the larger toll (13 -> 14 is a revision).
REVISION_REL = 0.2
#: Word-overlap share that is neither for nor against (unrelated reports of one
#: kind of violence in one country share this much of their rare vocabulary).
WORDS_NEUTRAL = 0.25
#: Value when either report has no place at all: joining without knowing where
#: is risky (MUC-4 dev: most false joins at the tuned threshold lacked a place).
UNKNOWN_PLACE_VALUE = -0.75
#: Value of two different specific perpetrators. Weak: outlets blame different
#: actors for one incident (the government blames the guerrillas, the guerrillas
#: the army) and extracted perpetrators are often wrong (MUC-4 dev: at -1 most
#: missed joins of one bombing were perpetrator conflicts).
PERPETRATOR_CONFLICT_VALUE = -0.25
#: Value of two different specific targets (victim descriptions vary less).
TARGET_CONFLICT_VALUE = -0.5
#: Value of two tolls too far apart to be one revision. Moderate: tolls keep
#: rising for days and early reports count only part of the victims.
COUNT_CONFLICT_VALUE = -0.5


@dataclass
class PairScore:
    """The decision evidence for one pair: total and each feature's contribution."""

    total: float
    contributions: dict[str, float]
    other: str


def place_feature(a: Report, b: Report) -> float:
    """Same place, nearby, or different places (admin1 and country as fallbacks)."""
    if a.country and b.country and a.country != b.country:
        return -1.0
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        if km <= PLACE_SAME_KM:
            return SAME_PLACE_VALUE
        if km >= PLACE_FAR_KM:
            return -1.0
        return SAME_PLACE_VALUE - (1 + SAME_PLACE_VALUE) * (km - PLACE_SAME_KM) / (
            PLACE_FAR_KM - PLACE_SAME_KM
        )
    admin_differs = bool(a.admin1 and b.admin1 and a.admin1 != b.admin1)
    if a.place and b.place:
        if admin_differs:
            return -1.0
        if a.place == b.place:
            return SAME_PLACE_VALUE
        if fuzz.token_set_ratio(a.place, b.place) >= PLACE_NAME_SIMILAR:
            return SAME_PLACE_VALUE / 2
        return -0.3 if a.admin1 and a.admin1 == b.admin1 else -1.0
    if a.admin1 and b.admin1:
        return -1.0 if admin_differs else 0.2
    return UNKNOWN_PLACE_VALUE


def time_feature(a: Report, b: Report) -> float | None:
    """Same day, a day apart (late reports, night events), or further."""
    if a.day is None or b.day is None:
        return None
    delta = abs(a.day - b.day)
    coarse = max(a.record.get("time_precision") or 1, b.record.get("time_precision") or 1) > 1
    if coarse:
        return 0.3 if delta <= 7 else -0.5
    return {0: 1.0, 1: 0.4, 2: -0.2}.get(delta, -1.0)


def type_feature(a: Report, b: Report) -> float:
    """Same sub-event type, same event type, or only the same family."""
    if a.record["sub_event_type"] == b.record["sub_event_type"]:
        return 1.0
    if a.record["event_type"] == b.record["event_type"]:
        return 0.3
    return -0.3


def _generic(name: str) -> bool:
    """An actor name that does not identify a group."""
    return not name or any(word in name for word in GENERIC_ACTOR_WORDS)


def _acronym_of(short: str, long: str) -> bool:
    """'mrta' for 'tupac amaru revolutionary movement': the same initials, in any
    order (acronyms often keep the Spanish word order of a translated name)."""
    words = long.split()
    return " " not in short and len(words) > 1 and sorted(short) == sorted(w[0] for w in words)


def same_actor(x: str, y: str) -> bool:
    """Two specific actor names that denote one actor."""
    if _acronym_of(x, y) or _acronym_of(y, x):
        return True
    return fuzz.token_set_ratio(x, y) >= ACTOR_NAME_SIMILAR


def actors_feature(a: Report, b: Report) -> float | None:
    """Perpetrators agree or conflict; targets (victim descriptions) agree."""
    values: list[float] = []
    if not _generic(a.perpetrator) and not _generic(b.perpetrator):
        values.append(
            1.0 if same_actor(a.perpetrator, b.perpetrator) else PERPETRATOR_CONFLICT_VALUE
        )
    elif not _generic(a.perpetrator) and same_actor(a.perpetrator, b.target):
        values.append(0.5)  # roles swapped between coders
    if not _generic(a.target) and not _generic(b.target):
        values.append(1.0 if same_actor(a.target, b.target) else TARGET_CONFLICT_VALUE)
    return sum(values) / len(values) if values else None


def _count_value(x: int | None, y: int | None) -> float | None:
    """Equal counts, a revised count, or counts of different incidents."""
    if x is None or y is None:
        return None
    if x == y:
        return 1.0 if x > 0 else 0.3
    if abs(x - y) <= max(REVISION_ABS, REVISION_REL * max(x, y)):
        return 0.5
    return COUNT_CONFLICT_VALUE


def counts_feature(a: Report, b: Report) -> float | None:
    """Fatality and injury counts: equal, revised, or incompatible."""
    values = [
        v
        for v in (_count_value(a.fatalities, b.fatalities), _count_value(a.injuries, b.injuries))
        if v is not None
    ]
    return sum(values) / len(values) if values else None


def words_feature(a: Report, b: Report, idf: Callable[[str], float]) -> float | None:
    """IDF-weighted share of rare evidence words the two reports have in common."""
    if not a.tokens or not b.tokens:
        return None
    if a.text_hash and a.text_hash == b.text_hash:
        return 1.0  # syndicated copy: the same evidence text word for word
    sa, sb = set(a.tokens), set(b.tokens)
    wa = sum(idf(t) for t in sa)
    wb = sum(idf(t) for t in sb)
    shared = sum(idf(t) for t in sa & sb)
    overlap = shared / min(wa, wb) if min(wa, wb) > 0 else 0.0
    return max(-0.5, min(1.0, (overlap - WORDS_NEUTRAL) / (1 - WORDS_NEUTRAL)))


def score_pair(
    a: Report, b: Report, idf: Callable[[str], float], weights: Mapping[str, float] = WEIGHTS
) -> PairScore:
    """Weighted evidence that reports *a* and *b* tell the same incident."""
    values = {
        "place": place_feature(a, b),
        "time": time_feature(a, b),
        "type": type_feature(a, b),
        "actors": actors_feature(a, b),
        "counts": counts_feature(a, b),
        "words": words_feature(a, b, idf),
    }
    contributions = {
        name: round(weights[name] * value, 3) for name, value in values.items() if value is not None
    }
    return PairScore(round(sum(contributions.values()), 3), contributions, b.id)
