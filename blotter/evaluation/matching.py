"""Matching predicted events to gold events: actors, countries, places, alignment.

Gold sources name things their own way (RDWTI's "West Bank/Gaza", GED's
"Jalisco Cartel New Generation", ACLED's "Military Forces of Yemen (2017-)
Houthi"); these helpers decide when a predicted value stands for a gold one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pycountry

from blotter.fusion.reports import normalise
from blotter.lang import available_languages, load_locale

#: Words that say what kind of actor a name is, not which one: a name that
#: shares only these with another ("Military Forces of Yemen" / "... of Iraq")
#: is another actor.
GENERIC_ACTOR_WORDS = frozenset(
    [
        "of",
        "the",
        "and",
        "de",
        "del",
        "la",
        "los",
        "las",
        "el",
        "forces",
        "force",
        "group",
        "groups",
        "military",
        "police",
        "army",
        "armed",
        "unidentified",
        "unknown",
        "militia",
        "militias",
        "gang",
        "gangs",
        "cartel",
        "cartels",
        "government",
    ]
)
#: Gold country names with no ISO entry of their own, as the countries they lie in
#: (RDWTI codes regions; a prediction of any of the listed countries is right).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "west bank gaza": ("PS", "IL"),
    "northern ireland": ("GB",),
    "kashmir": ("IN", "PK"),
    "chechnya": ("RU",),
    "federal republic of germany": ("DE",),
    "west germany": ("DE",),
    "east germany": ("DE",),
    "german democratic republic": ("DE",),
    "fry kosovo": ("XK", "RS"),
    "kosovo": ("XK", "RS"),
    "yugoslavia": ("RS", "ME", "XK"),
    "fry": ("RS", "ME"),
    "burma myanmar": ("MM",),
    "burma": ("MM",),
    "russia": ("RU",),
    "soviet union": ("RU",),
    "ussr": ("RU",),
    "bosnia herzegovina": ("BA",),
    "macedonia": ("MK",),
    "iran": ("IR",),
    "syria": ("SY",),
    "laos": ("LA",),
    "south korea": ("KR",),
    "north korea": ("KP",),
    "vietnam": ("VN",),
    "taiwan": ("TW",),
    "bolivia": ("BO",),
    "venezuela": ("VE",),
    "tanzania": ("TZ",),
    "turkey": ("TR",),
    "czech republic": ("CZ",),
    "ivory coast": ("CI",),
    "democratic republic of congo": ("CD",),
    "democratic republic of the congo": ("CD",),
    "republic of congo": ("CG",),
    "zaire": ("CD",),
    "east timor": ("TL",),
    "palestine": ("PS",),
    "moldova": ("MD",),
}
#: Place-kind words GED appends to its location names ("Xoxocotla town").
PLACE_KIND_WORDS = frozenset(
    [
        "town",
        "municipality",
        "municpality",
        "state",
        "village",
        "city",
        "suburb",
        "community",
        "area",
        "department",
        "province",
        "region",
        "district",
        "border",
        "valley",
    ]
)
_PAREN = re.compile(r"\(([^()]*)\)")


def _exact_country(name: str) -> frozenset[str]:
    """Codes of a country name as written (an alias, or a pycountry name, official or
    common name or code); empty if it is none."""
    key = normalise(name)
    if key in COUNTRY_ALIASES:
        return frozenset(COUNTRY_ALIASES[key])
    try:
        return frozenset({pycountry.countries.lookup(name.strip()).alpha_2})
    except LookupError:
        return frozenset()


def _spellings(name: str) -> list[str]:
    """Other ways of writing a country name that catalogues use: the inverted form
    ("Korea, South" -> "South Korea", "China, People's Republic of" -> "People's
    Republic of China") and a hyphen for "and" or a space ("Trinidad-Tobago",
    "Papua-New Guinea")."""
    out = [name]
    if name.count(",") == 1:
        head, tail = (part.strip() for part in name.split(","))
        out.append(f"{tail} {head}")
    for form in list(out):
        if "-" in form:
            out += [form.replace("-", " and "), form.replace("-", " ")]
    return out


def _catalogue_country(name: str) -> frozenset[str]:
    """Codes of *name* under any of its :func:`_spellings` (empty: none matches)."""
    for form in _spellings(name):
        codes = _exact_country(form)
        if codes:
            return codes
    return frozenset()


@lru_cache(maxsize=4096)
def country_codes(name: str | None) -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes a gold country name may stand for (empty: unknown).

    Catalogue spellings are read as the country they name: inverted ("Korea,
    South"), hyphenated ("Trinidad-Tobago") and bracketed names, where the part in
    brackets wins when it names a country ("FRY (Montenegro)" -> ME, "China,
    Republic of (Taiwan)" -> TW) and the part outside otherwise ("Sri Lanka
    (Ceylon)", "Congo (Brazzaville)")."""
    key = normalise(name)
    if not key or name is None:
        return frozenset()
    codes = _exact_country(name)
    if codes:
        return codes
    inner = _PAREN.findall(name)
    outer = _PAREN.sub(" ", name).strip()
    for form in [*inner, outer] if inner else [name]:
        codes = _catalogue_country(form)
        if codes:
            return codes
    try:
        found = pycountry.countries.search_fuzzy(name)
    except LookupError:
        return frozenset()
    return frozenset({found[0].alpha_2}) if found else frozenset()


def same_country(location: dict[str, Any], gold_country: str | None) -> bool:
    """True if the predicted location lies in the gold country (by ISO code, else name)."""
    if not location:
        return False
    codes = country_codes(gold_country)
    code = location.get("country_code")
    if codes and isinstance(code, str) and code:
        return code.upper() in codes
    predicted = location.get("country")
    if not isinstance(predicted, str) or not predicted:
        return False
    return normalise(predicted) == normalise(gold_country) or bool(codes & country_codes(predicted))


def fold_plural(word: str) -> str:
    """A plural-folded word ("houthis" -> "houthi")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def actor_forms(name: str | None) -> list[frozenset[str]]:
    """Token sets a name may appear as: the whole name and each bracketed part
    ("Revolutionary Armed Forces of Colombia (FARC)" -> {revolutionary, ...}, {farc})."""
    if not name:
        return []
    forms = [_PAREN.sub(" ", name), *_PAREN.findall(name)]
    out: list[frozenset[str]] = []
    for form in forms:
        words = frozenset(fold_plural(w) for w in normalise(form).split() if not w.isdigit())
        if words:
            out.append(words)
    return out


#: A gold name made only of words of a state's armed services, with at most a
#: nationality ("ARMY", "ARMED FORCES", "SALVADORAN AIR FORCE", "6TH INFANTRY
#: BRIGADE": MUC-4 perpetrators), names that state's forces, which Blotter
#: writes "Military Forces of <country>" / "Police Forces of <country>" (the
#: ACLED form); "THE GOVERNMENT" names its "Government of <country>". Its
#: words are all generic, so the token rule never matches it.
MILITARY_PREFIX = "Military Forces of "
STATE_SERVICE_WORDS: dict[str, frozenset[str]] = {
    MILITARY_PREFIX: frozenset(
        {"army", "military", "navy", "naval", "air", "troop", "soldier", "brigade",
         "battalion", "infantry"}
    ),
    "Police Forces of ": frozenset({"police", "policemen"}),
    "Government of ": frozenset({"government"}),
}
#: Two filler words that together name the military ("ARMED FORCES").
ARMED_FORCES_WORDS = frozenset({"armed", "force"})
#: An ordinal naming a unit ("6TH INFANTRY BRIGADE"): the unit is the state's.
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
#: Words such a name may also hold without naming anyone else (not "national":
#: ACLED's "National Police Forces" of Syria are an opposition force).
STATE_FILLER_WORDS = frozenset({"the", "of", "armed", "force", "forces"})


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Demonym -> ISO code, from every language pack ("salvadoran" -> "SV")."""
    out: dict[str, str] = {}
    for code in available_languages():
        out.update({normalise(k): v for k, v in load_locale(code).demonyms.items()})
    return out


def _state_forces_match(predicted: str, gold_words: frozenset[str]) -> bool:
    """True if *gold_words* name a state's service generically and *predicted*
    is that kind of state forces (of the nationality the gold name gives, if any)."""
    for prefix, service in STATE_SERVICE_WORDS.items():
        named = gold_words & service or (
            prefix == MILITARY_PREFIX and gold_words >= ARMED_FORCES_WORDS
        )
        if not predicted.startswith(prefix) or not named:
            continue
        rest = {w for w in gold_words - service - STATE_FILLER_WORDS if not _ORDINAL.fullmatch(w)}
        codes = {_demonyms().get(w) for w in rest}
        if None in codes:
            return False  # another word: a named unit or party, not the state's forces
        country = _PAREN.sub(" ", predicted[len(prefix) :]).strip()
        return not codes or bool(codes & country_codes(country))
    return False


def actor_match(predicted: str | None, gold: str | None) -> bool:
    """True if a predicted actor name names the gold actor.

    Equal token sets, or the distinctive (non-generic) words of one form all
    within another ("Houthi" in "Military Forces of Yemen (2017-) Houthi",
    "FARC" in "Revolutionary Armed Forces of Colombia (FARC)"), or a gold name
    of a state's service alone ("SALVADORAN ARMY") and that state's forces.
    """
    for p in actor_forms(predicted):
        for g in actor_forms(gold):
            if p == g:
                return True
            small, large = (p, g) if len(p) <= len(g) else (g, p)
            distinctive = small - GENERIC_ACTOR_WORDS
            if distinctive and distinctive <= large:
                return True
    if predicted and gold and predicted.startswith(tuple(STATE_SERVICE_WORDS)):
        return any(_state_forces_match(predicted, g) for g in actor_forms(gold))
    return False


def event_actors(event: dict[str, Any]) -> list[str]:
    """Names of a predicted event's actors (actor1, actor2, claimed_by)."""
    names = [(event.get(k) or {}).get("name") for k in ("actor1", "actor2")]
    names.append(event.get("claimed_by"))
    return [n for n in names if isinstance(n, str) and n]


def place_core(name: str | None) -> str:
    """A gold place name without GED's kind word ("Xoxocotla town" -> "xoxocotla")."""
    words = normalise(name).split()
    while words and words[-1] in PLACE_KIND_WORDS:
        words.pop()
    return " ".join(words)


def stated(name: str | None, text_key: str) -> bool:
    """True if the place *name* is written in the text (``text_key`` = normalised text)."""
    core = place_core(name)
    return bool(core) and f" {core} " in f" {text_key} "


def same_place(location: dict[str, Any], gold_name: str | None) -> bool:
    """True if the predicted place (its name, admin2 or admin1) is the gold place."""
    core = place_core(gold_name)
    if not core or not location:
        return False
    names = (location.get(k) for k in ("name", "admin2", "admin1"))
    return any(isinstance(n, str) and place_core(n) == core for n in names)


def align(
    gold: list[dict[str, Any]],
    predicted: list[dict[str, Any]],
    score: Callable[[dict[str, Any], dict[str, Any]], float | None],
) -> dict[int, int]:
    """Gold index -> predicted index, one-to-one, best pairs first.

    *score(gold_event, predicted_event)* says how well a predicted event fits a
    gold one (None: it cannot stand for it). Ties go to the earlier predicted
    event, so a note's first event is its main one when nothing tells them apart.
    """
    pairs: list[tuple[float, int, int]] = []
    for g, gold_event in enumerate(gold):
        for p, event in enumerate(predicted):
            fit = score(gold_event, event)
            if fit is not None:
                pairs.append((-fit, p, g))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _fit, p, g in sorted(pairs):
        if g not in out and p not in used:
            out[g] = p
            used.add(p)
    return out
