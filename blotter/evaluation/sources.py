"""Scorers for RDWTI, UCDP GED, ACEP and the negatives; the registry of all scorers.

See :mod:`blotter.evaluation.scoring` for the rules every scorer shares.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from blotter.evaluation.matching import (
    actor_match,
    align,
    event_actors,
    same_country,
    same_place,
    stated,
)
from blotter.evaluation.scoring import (
    NEAR_KM,
    AlignScore,
    Event,
    Pair,
    Tally,
    acled_fit,
    coded,
    current_events,
    finish,
    muc_fit,
    run_scorer,
    score_acled,
    score_muc,
    scoring_gazetteer,
)
from blotter.fusion.reports import normalise
from blotter.geo.admin_names import same_admin1
from blotter.geo.distance import haversine_km

#: RDWTI weapon classes and the weapon label Blotter writes for each
#: (classes with no counterpart, "Unknown" or "Other", are not scored).
RDWTI_WEAPONS = {
    "Explosives": "explosives",
    "Remote-detonated explosive": "explosives",
    "Firearms": "firearms",
    "Fire or Firebomb": "incendiary",
    "Knives & sharp objects": "melee",
}
#: Gold perpetrator names that name nobody.
UNNAMED_ACTORS = frozenset({"unknown", "unidentified", "none", "other"})
#: RDWTI's perpetrator field holds at most this many characters: a name this
#: long may end in a cut word ("... Liberation of Palestine (PFL").
RDWTI_NAME_CHARS = 50
#: Characters of RDWTI's Mac Roman text read as Latin-1 ("QaÕidat" is "Qa’idat").
RDWTI_MOJIBAKE = str.maketrans({"Õ": "’", "Ô": "‘", "Ò": "“", "Ó": "”", "Ð": "–"})
#: Other names RDWTI's own perpetrator names go by (normalised RDWTI name ->
#: names of the same organisation, or of the groups RDWTI files under it).
RDWTI_ALIASES: dict[str, tuple[str, ...]] = {
    "hizballah": ("Hezbollah",),
    "tanzim qa idat al jihad fi bilad al rafidayn": ("Al Qaeda in Iraq", "AQI"),
    "mujahideen youth movement": ("Al Shabaab",),
    "anti castro cubans": ("Omega 7", "El Poder Cubano", "Alpha 66"),
}
_LAST_WORD = re.compile(r"(\w+)$")
_WORD = re.compile(r"\w+")


def rdwti_names(gold: str) -> list[str]:
    """An RDWTI perpetrator name as written (Mac Roman repaired) and its aliases."""
    name = gold.translate(RDWTI_MOJIBAKE)
    return [name, *RDWTI_ALIASES.get(normalise(name), ())]


def complete_cut(gold: str, predicted: str) -> str:
    """A cut RDWTI name with its last, cut word completed from a predicted
    word it begins ("... Palestine (PFL" with "PFLP: ..." -> "... (PFLP")."""
    last = _LAST_WORD.search(gold)
    if len(gold) < RDWTI_NAME_CHARS or last is None:
        return gold
    cut = last.group(1).lower()
    whole = next((w for w in _WORD.findall(predicted) if w.lower().startswith(cut)), None)
    return gold[: last.start()] + whole if whole else gold


def rdwti_perpetrator_match(predicted: str, gold: str) -> bool:
    """True if a predicted name names RDWTI's perpetrator (aliases, cut names)."""
    return any(
        actor_match(predicted, complete_cut(name, predicted)) for name in rdwti_names(gold)
    )


def perpetrator_names(event: Event) -> list[str]:
    """Who a predicted event says did it: actor1 and the claimant (not the target)."""
    names = [(event.get("actor1") or {}).get("name"), event.get("claimed_by")]
    return [n for n in names if isinstance(n, str) and n]
#: A language gets its own row when this many records of a set have it; the
#: rest are pooled as "other" (GED's language tags are automatic and noisy).
MIN_LANGUAGE_RECORDS = 100
#: Number words a headline may state a count with (English and Spanish).
NUMBER_WORDS = {
    n: words.split()
    for n, words in {
        1: "one a an un uno una", 2: "two dos", 3: "three tres", 4: "four cuatro",
        5: "five cinco", 6: "six seis", 7: "seven siete", 8: "eight ocho", 9: "nine nueve",
        10: "ten diez", 11: "eleven once", 12: "twelve doce dozen docena",
    }.items()
}


def count_stated(n: object, text_key: str) -> bool:
    """True if the count *n* is written in the (normalised) text, in digits or words."""
    if not isinstance(n, int) or n <= 0:
        return False
    words = set(text_key.split())
    if str(n) in words:
        return True
    return any(w in words for w in NUMBER_WORDS.get(n, [])) if n > 1 else False


def score_rdwti(pairs: Iterable[Pair]) -> dict[str, Any]:
    """RDWTI: dates, countries, cities, killed and injured counts, perpetrator, weapon."""

    def fields(t: Tally, g: Event, p: Event | None, record: dict[str, Any]) -> None:
        loc = (p or {}).get("location") or {}
        if coded(g.get("event_date")):
            t.add("event_date", p is not None and p.get("event_date") == g["event_date"])
        if coded(g.get("country")):
            t.add("country", same_country(loc, g["country"]))
        if coded(g.get("location")):
            t.add("location", same_place(loc, g["location"]))
        t.count("fatalities", g.get("fatalities"), p, "fatalities")
        t.count("injuries", g.get("injuries"), p, "injuries")
        perpetrator = g.get("actor1")
        if isinstance(perpetrator, str) and coded(perpetrator) and (
            normalise(perpetrator) not in UNNAMED_ACTORS
        ):
            names = [n for e in current_events(record["_predicted"]) for n in perpetrator_names(e)]
            t.add(
                "perpetrator_found", any(rdwti_perpetrator_match(n, perpetrator) for n in names)
            )
        label = RDWTI_WEAPONS.get(g.get("weapon") or "")
        if label:
            t.add("weapon", label in ((p or {}).get("weapons") or []))

    marked = [({**g, "_predicted": pr}, pr) for g, pr in pairs]
    return finish(*run_scorer(marked, acled_fit, fields))


def near(location: dict[str, Any], gold: Event) -> bool:
    """True if the predicted point is within NEAR_KM of the gold point."""
    if location.get("latitude") is None or location.get("longitude") is None:
        return False
    d = haversine_km(location["latitude"], location["longitude"],
                     float(gold["latitude"]), float(gold["longitude"]))
    return d <= NEAR_KM


def ged_fit(gold: Event, p: Event) -> float:
    """How well predicted *p* stands for a GED event (any event can)."""
    loc = p.get("location") or {}
    return (
        2.0 * (p.get("event_type") == gold.get("event_type"))
        + 1.0
        * (bool(gold.get("admin1")) and same_admin1(loc, gold["admin1"], scoring_gazetteer()))
        + 1.0 * same_place(loc, gold.get("location"))
        + 1.0 * (p.get("event_date") == gold.get("event_date"))
    )


def score_ged(pairs: Iterable[Pair]) -> dict[str, Any]:
    """UCDP GED headlines: type, sides, and places, dates and counts the text states."""

    def fields(t: Tally, g: Event, p: Event | None, record: dict[str, Any]) -> None:
        loc = (p or {}).get("location") or {}
        key = record["_text_key"]
        if coded(g.get("event_type")):
            t.add("event_type", p is not None and p.get("event_type") == g["event_type"])
        names = event_actors(p) if p else []
        for side in ("actor1", "actor2"):
            if coded(g.get(side)):
                t.add(f"{side}_found", any(actor_match(n, g[side]) for n in names))
        place_said = stated(g.get("location"), key) or stated(g.get("admin1"), key)
        if coded(g.get("country")) and (place_said or stated(g["country"], key)):
            t.add("country", same_country(loc, g["country"]))
        if coded(g.get("admin1")) and place_said:
            t.add("admin1", same_admin1(loc, g["admin1"], scoring_gazetteer()))
        if coded(g.get("location")) and stated(g["location"], key):
            t.add("location", same_place(loc, g["location"]))
            if g.get("latitude") is not None and g.get("where_prec") == 1:
                t.add("within_25km", near(loc, g))
        if coded(g.get("event_date")) and g.get("date_prec") == 1:
            t.add("event_date", p is not None and p.get("event_date") == g["event_date"])
        if count_stated(g.get("fatalities"), key):
            t.count("fatalities", g["fatalities"], p, "fatalities")

    marked = [
        ({**g, "_predicted": pr, "_text_key": normalise(g.get("text"))}, pr) for g, pr in pairs
    ]
    return finish(*run_scorer(marked, ged_fit, fields))


def any_fit(_gold: Event, _p: Event) -> float:
    """Any predicted event can stand for a gold event that codes no fields."""
    return 0.0


def score_acep(pairs: Iterable[Pair]) -> dict[str, Any]:
    """ACEP: does a Spanish article report a protest or conflict event (detection only)."""
    return finish(*run_scorer(pairs, any_fit, lambda *_: None))


def score_negatives(pairs: Iterable[Pair]) -> dict[str, Any]:
    """Negatives: every current event is a false alarm; rates per news section too."""
    pairs = list(pairs)
    common, tally = run_scorer(pairs, any_fit, lambda *_: None)
    fired: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for gold, predicted in pairs:
        section = str(gold.get("section") or "unknown")
        total[section] += 1
        fired[section] += bool(current_events(predicted))
    by_section = {s: round(fired[s] / total[s], 4) for s in sorted(total)}
    return finish(common, tally, false_alarm_rate_by_section=by_section)


SCORERS: dict[str, Callable[[Iterable[Pair]], dict[str, Any]]] = {
    "acled": score_acled,
    "muc4": score_muc,
    "rdwti": score_rdwti,
    "ged": score_ged,
    "acep": score_acep,
    "negatives": score_negatives,
}
#: The alignment each source's scorer uses (calibration decides "real" with it).
FITS: dict[str, AlignScore] = {
    "acled": acled_fit,
    "muc4": muc_fit,
    "rdwti": acled_fit,
    "ged": ged_fit,
    "acep": any_fit,
    "negatives": any_fit,
}


def score_source(source: str, pairs: list[Pair]) -> dict[str, Any]:
    """Scores of one source's pairs, with a ``by_language`` block where records have one."""
    scorer = SCORERS.get(source, score_acled)
    out = scorer(pairs)
    if not any(g.get("language") for g, _ in pairs):
        return out
    sizes = Counter(str(g.get("language") or "unknown") for g, _ in pairs)
    groups: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        lang = str(pair[0].get("language") or "unknown")
        groups[lang if sizes[lang] >= MIN_LANGUAGE_RECORDS else "other"].append(pair)
    out["by_language"] = {lang: scorer(group) for lang, group in sorted(groups.items())}
    return out


def event_reality(source: str, gold: dict[str, Any], predicted: list[Event]) -> list[bool]:
    """For each current predicted event of one record: is it real (aligned to a gold event)?"""
    current = current_events(predicted)
    aligned = set(align(gold.get("events") or [], current, FITS.get(source, acled_fit)).values())
    return [i in aligned for i in range(len(current))]
