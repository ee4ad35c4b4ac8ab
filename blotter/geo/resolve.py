"""Toponym resolution in context: the best candidate of every place mention.

Ranking: a country or first-level unit named in the same text (or implied by a
demonym, or by the other places of the text) puts candidates inside it first;
then feature type and population. The event's place among the resolved
mentions is :mod:`blotter.geo.event_place`'s choice.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from blotter.geo.gazetteer import Gazetteer, Place
from blotter.geo.mentions import FUZZY_MIN_RATIO, PlaceMention, TextPlaces, find_places
from blotter.geo.names import ARTICLES, normalise
from blotter.geo.rules import NO_RULES, RegionalRules, TextRules, regional_rules
from blotter.geo.supplement import load_supplement
from blotter.lang import Locale

# Score bonuses (in units of log10 population, so 4 outweighs a 10 000-fold
# difference in size): a named country / admin1 / admin2 decides between
# same-name places before population does.
COUNTRY_CONTEXT_BONUS = 4.0
# A demonym ("Turkish forces" in Syria) is weaker evidence of the place's country.
DEMONYM_CONTEXT_BONUS = 3.0
ADMIN1_CONTEXT_BONUS = 4.0
ADMIN2_CONTEXT_BONUS = 3.0
# "Hajjah governorate" / "Haifa city": the word after the name says the type.
TYPE_WORD_BONUS = 6.0
# A country's population is national; this keeps "Mexico" a country but lets a
# same-name town win when context points to it.
KIND_BONUS = {"country": 2.0, "admin1": 1.0, "admin2": -1.5, "city": 0.0}
# Votes for the text's main country: a named unit says more than a town name
# that many countries share.
VOTE_WEIGHT = {"country": 2.0, "admin1": 2.0, "admin2": 1.0, "city": 1.0}
# A unit that contains another mention's candidate ("Punjab" with "Ludhiana"
# named: the Indian Punjab) is as likely as one named around a town.
CONTAINS_BONUS = 3.0
# A spelling-tolerant match is weaker evidence than an exact one.
FUZZY_PENALTY = 1.0
# A candidate known by the name only as an alternate (GeoNames lists "Cancun" among
# Changchun's names, "El Cabo" among Cape Town's) ranks this much lower when another
# candidate bears the name in its own ("Cancún"): more than the 6-fold size gap of
# Changchun and Cancún, far less than the 1000-fold one of Mumbai and a "Bombay" hamlet.
ALTERNATE_PENALTY = 1.0
# A country used as a modifier ("Burundi troops", "migrants from Afghanistan")
# votes this much for the text's main country instead of VOTE_WEIGHT["country"].
MODIFIER_VOTE = 0.3
# In ALL-CAPS wire copy the dateline ("LIMA, 30 MAR 89 --") says where the
# report comes from: its place votes this much for the main country.
DATELINE_VOTE = 3.0
# Main-country votes of an actor cue ("RADIO VENCEREMOS", "OSCE SMM") and, in
# wire copy, of a demonym ("SALVADORAN"): a cue is as telling as a named unit.
CUE_VOTE = 2.0
DEMONYM_VOTE = 1.0
# Extra vote of a place named as the container of another ("Bara in Idleb"):
# breaks ties between a town's homonym abroad and its province at home.
CONTAINER_VOTE = 0.5
# A same-name place abroad at least this share of the largest one's population
# makes the name ambiguous for voting ("Tripoli": Libya 1.1 M, Lebanon 0.23 M).
RIVAL_SIZE_SHARE = 0.1
# Share of its vote a name keeps when it is half of a hyphenated name ("Pobe" of
# the Burkinabe department "Pobe-Mengao" is also a town in Benin).
COMPOUND_VOTE_SHARE = 0.5
# Added to the vote of an ambiguous name's best candidate: alone it decides,
# but any other place of the text outweighs it.
RIVAL_TIE_BREAK = 0.01
# (name, country) pairs whose spelling variants are kept in memory.
RESPELL_CACHE_SIZE = 20_000


def _score(
    p: Place,
    m: PlaceMention,
    countries: dict[str, float],
    admin1: set[int],
    admin2: set[int],
    contained: frozenset[int] = frozenset(),
    regional: TextRules = NO_RULES,
) -> float:
    """Rank one candidate of mention *m* given the text's context (*regional*: the
    regional rules that apply to the text add their bonus)."""
    kind = p.kind
    if kind == "admin1" and m.locative and not (m.admin_word or m.in_parens):
        kind = "city"  # "en León": a unit named after "in" stands for its namesake town
    s = math.log10(p.population + 10) + KIND_BONUS[kind] + countries.get(p.country_code, 0.0)
    if p.kind in ("city", "admin2") and p.admin1_id in admin1:
        s += ADMIN1_CONTEXT_BONUS
    if p.kind == "city" and p.admin2_id in admin2:
        s += ADMIN2_CONTEXT_BONUS
    if p.kind in ("admin1", "admin2") and p.id in contained:
        s += CONTAINS_BONUS
    if m.fuzzy:
        s -= FUZZY_PENALTY
    s += regional.bonus(p)
    if (m.admin_word or m.in_parens) and p.kind in ("admin1", "admin2"):
        s += TYPE_WORD_BONUS
    if (m.city_word or m.dateline) and p.kind == "city":  # a dateline names a town
        s += TYPE_WORD_BONUS
    return s


def _containers(mentions: list[PlaceMention]) -> list[frozenset[int]]:
    """For each mention, the admin units that contain a candidate of a mention of
    *another* name (a repeated name supports nothing new)."""
    by_key: dict[str, set[int]] = {}
    for m in mentions:
        units = by_key.setdefault(m.key, set())
        for c in m.candidates:
            if c.kind in ("city", "admin2"):
                units.update(u for u in (c.admin1_id, c.admin2_id) if u is not None)
    counts: Counter[int] = Counter(u for units in by_key.values() for u in units)
    return [
        frozenset(u for u, n in counts.items() if n > (1 if u in by_key[m.key] else 0))
        for m in mentions
    ]


def _seat_sizes(m: PlaceMention, countries: frozenset[str]) -> dict[int, float]:
    """Per town candidate of *m* in one of *countries* (the regional rules'
    ``municipal_seats``) that lies in a municipality (admin2) candidate of the
    same name, what ranking it by the municipality's population adds: such a
    seat (the municipality's largest town of the name) is known by its
    municipality's name and size, not by the town proper's."""
    if not countries:
        return {}
    units = {
        c.id: c.population for c in m.candidates
        if c.kind == "admin2" and c.country_code in countries
    }
    if not units:
        return {}
    seat: dict[int, Place] = {}  # the municipality's largest town of the name is its seat
    for c in m.candidates:
        if c.kind == "city" and c.admin2_id in units:
            held = seat.get(c.admin2_id)
            if held is None or c.population > held.population:
                seat[c.admin2_id] = c
    return {
        c.id: math.log10(units[unit] + 10) - math.log10(c.population + 10)
        for unit, c in seat.items()
        if units[unit] > c.population
    }


def _admin_contexts(mentions: list[PlaceMention]) -> list[tuple[set[int], set[int]]]:
    """For each mention, the admin1 and admin2 units named by mentions of *other*
    names (a repeated "LA PAZ" does not name its own department)."""
    by_key: dict[str, set[int]] = {}
    kinds: dict[int, str] = {}
    for m in mentions:
        ids = by_key.setdefault(m.key, set())
        for c in m.candidates:
            if c.kind in ("admin1", "admin2"):
                ids.add(c.id)
                kinds[c.id] = c.kind
            elif c.kind == "city":  # "Ariha in Idleb": a province's namesake town names it
                for unit_id, unit_name, kind in (
                    (c.admin1_id, c.admin1, "admin1"),
                    (c.admin2_id, c.admin2, "admin2"),
                ):
                    if unit_id is not None and namesake(c, unit_name):
                        ids.add(unit_id)
                        kinds[unit_id] = kind
    counts: Counter[int] = Counter(i for ids in by_key.values() for i in ids)
    # the items of a list of places are siblings, not each other's context
    # ("en Guerrero y Chihuahua": the state of Guerrero, not Chihuahua's Guerrero)
    # (a name also written outside the list still names its unit)
    lists: dict[int, set[str]] = {}
    for m in mentions:
        if m.in_list is not None:
            lists.setdefault(m.in_list, set()).add(m.key)
    outside = {m.key for m in mentions if m.in_list is None}
    for keys in lists.values():
        keys -= outside
    out = []
    for m in mentions:
        ids = by_key[m.key]
        here = counts
        if m.in_list is not None:
            here = counts.copy()
            here.subtract(i for k in lists[m.in_list] - {m.key} for i in by_key[k])
        named = {i for i, n in here.items() if n > (1 if i in ids else 0)}
        out.append(
            ({i for i in named if kinds[i] == "admin1"}, {i for i in named if kinds[i] == "admin2"})
        )
    return out


def locate(
    text: str, gaz: Gazetteer, rules: RegionalRules | None = None, locale: Locale | None = None
) -> tuple[TextPlaces, TextRules]:
    """Find and resolve the places of *text* (read with *locale*'s place words),
    with the regional rules (default: the packaged ones) that apply to it; pass
    both to :func:`choose_place`."""
    places = find_places(text, gaz, locale)
    regional = (rules or regional_rules()).for_text(text, places)
    resolve_text(places, regional)
    return places, regional


def resolve_text(places: TextPlaces, regional: TextRules = NO_RULES) -> None:
    """Pick the best candidate of every mention (sets ``best`` and ``score``)."""
    mentions = places.mentions
    cue_units = _cue_admin1_ids(places)
    named_units = _admin_contexts(mentions)
    contexts = [(a1 | cue_units, a2) for a1, a2 in named_units]
    single_cue = single_cue_unit_ids(places) if places.cues else set()
    contained = _containers(mentions)

    dateline_ctx = _dateline_countries(places)
    # per mention, the candidates bearing its name as their own (see ALTERNATE_PENALTY)
    # (a tolerant match's key is one of its spellings, not the text's: no penalty)
    owned = [
        set()
        if m.fuzzy or len(m.candidates) < 2  # a lone candidate has no rival to rank below
        else {c.id for c in m.candidates if bears_name(c, m.key)}
        for m in mentions
    ]

    seats = [_seat_sizes(m, regional.seat_countries) for m in mentions]

    def rank(countries: dict[str, float], main: str | None = None) -> None:
        for m, (a1, a2), inside, (named, _), owners, seat in zip(
            mentions, contexts, contained, named_units, owned, seats, strict=True
        ):
            # a wire dateline is read on its own ("BOGOTA" of a story about the U.S.)
            ctx = dateline_ctx if m.dateline and places.upper else countries
            admitted = [
                c
                for c in m.candidates
                if c.postal
                and _postal_admitted(c, places, main, named, single_cue, cue_units, regional)
            ]
            if len({c.admin1_id for c in admitted}) > 1 and not named & {
                c.admin1_id for c in admitted
            }:
                admitted = []  # namesakes in several provinces and none named: no guess
            # session 13: a national table's area spelled as written beats the other
            # spellings a tolerant match brings in ("Njiru" is the Nairobi ward, not
            # Uganda's Njeru)
            written = [c for c in admitted if m.fuzzy and _as_written(c, m)]
            scored = [
                (
                    _score(c, m, ctx, a1, a2, inside, regional)
                    - (ALTERNATE_PENALTY if owners and c.id not in owners else 0.0)
                    + seat.get(c.id, 0.0),
                    c,
                )
                for c in (written or m.candidates)
                if not c.postal or c in admitted
            ]
            m.score, m.best = (
                max(scored, key=lambda sc: (sc[0], -sc[1].id)) if scored else (0.0, None)
            )

    rank(_named_countries(places))
    final = _context_countries(places)
    rank(final)
    if any(c.postal for m in mentions for c in m.candidates):
        # provinces of the towns resolved so far count as named for postal villages
        towns = [m.best.admin1_id if m.best is not None else None for m in mentions]
        named_units = [
            (a1 | {u for j, u in enumerate(towns) if j != i and u is not None}, a2)
            for i, (a1, a2) in enumerate(named_units)
        ]
        rank(final, main_country(mentions, evidence_votes(places)))
    _respell_outliers(places, final, contexts, contained)
    strong = _strong_countries(places)
    # countries the text names (by name, demonym or cue), for title-case lines
    named = set(places.demonym_countries) | {cue.country_code for _, cue in places.cues} | {
        m.best.country_code
        for m in mentions
        if m.best is not None and m.best.kind == "country" and not m.title
    }
    # nothing else in the text says where: a tolerant match of one country stands
    # ("in Kafr Qaseem" for Kafr Qasim)
    lone = (
        not final
        and not places.upper
        and not places.demonym_countries
        and all(m.fuzzy for m in mentions)
    )
    for m in mentions:
        if m.best is None:
            continue
        if (
            m.best.kind in ("admin1", "admin2") and m.locative and not (m.admin_word or m.in_parens)
        ):  # "protest in Fier": the town, not the county named after it
            town = [
                c
                for c in m.candidates
                if c.kind == "city" and m.best.id in (c.admin1_id, c.admin2_id)
            ]
            if town:
                m.best = max(town, key=lambda c: c.population)
        if (
            m.fuzzy
            and m.best.country_code not in final
            and m.best.kind not in ("admin1", "admin2")
            and not (lone and len({c.country_code for c in m.candidates}) == 1)
            # issue 12: a national table's area spelled as written is no tolerant match
            and not (m.best.national_area and normalise(m.best.name) == normalise(m.surface))
        ):
            m.best = None  # a tolerant match must agree with the text's countries
        elif (
            places.upper
            and m.words == 1
            and not m.locative
            and not m.dateline
            and m.best.kind != "country"
            and m.best.country_code not in strong
        ):
            m.best = None  # "VARGAS", "PONCE": in ALL CAPS a lone word may be a surname
        elif (
            m.title
            and m.words == 1
            and not m.locative
            and m.best.kind != "country"
            and named
            and m.best.country_code not in named
        ):  # "Colombian Rebels Stall Cano Limon Oil Pipeline": title case as ALL CAPS
            m.best = None


def bears_name(p: Place, key: str) -> bool:
    """True if every word of *key* is a word of *p*'s own name or label ("matamoros"
    of "Heroica Matamoros"), not only of an alternate name ("cancun" of Changchun),
    or if *key* is a name the supplement gives *p* by hand ("Londonderry" of Derry:
    an alias written for the place, not one of GeoNames' alternates)."""
    words = key.split()
    if not words:
        return False
    own = _name_words(p.name)
    if all(x in own for x in words):
        return True
    if p.label != p.name and all(x in _name_words(p.label) for x in words):
        return True
    return (p.country_code, normalise(p.name), key) in _hand_names()


@lru_cache(maxsize=1)
def _hand_names() -> frozenset[tuple[str, str, str]]:
    """(ISO code, index name, other name) of the packaged supplement's aliases, normalised."""
    return frozenset(
        (code, normalise(name), normalise(alias))
        for code, _kind, name, alias in load_supplement().aliases
    )


@lru_cache(maxsize=200_000)
def _name_words(name: str) -> frozenset[str]:
    """The normalised words of a name."""
    return frozenset(normalise(name).split())


def _postal_admitted(
    c: Place,
    places: TextPlaces,
    main: str | None,
    named: set[int],
    cued: set[int],
    cue_units: set[int],
    regional: TextRules,
) -> bool:
    """A village known only from postal data (~190 000 names, many of them words
    or names elsewhere, and most repeated across provinces) is a candidate only
    in mixed-case text: inside a province the text names (or a one-province
    actor cue implies) if it names provinces of the village's country; where a
    regional rule admits it (near a line of contact) if a several-province cue
    (OSCE SMM) is all there is; else anywhere in the text's main country,
    unless a cue of that country binds it to other units (a whole-country cue,
    "Mungiki", does not)."""
    if places.upper:
        return False
    gaz = places.gazetteer
    units = {
        u
        for u in named | cued
        if gaz is None or ((p := gaz.place(u)) is not None and p.country_code == c.country_code)
    }
    if c.admin1_id in units:
        return True
    cues = [cue for _, cue in places.cues if cue.country_code == c.country_code]
    if not units and cues and c.admin1_id in cue_units:
        return regional.admits_postal(c)
    # a cue bound to units (OSCE SMM: Donetsk, Luhansk) keeps villages to them;
    # a cue of the whole country ("Mungiki") is evidence of the main country only
    bound = any(cue.admin1 for cue in cues)
    if main is None and not units and set(places.demonym_countries) <= {c.country_code}:
        # issue 12: nothing in the text says which country ("clashes with police
        # in Dandora"), or only a demonym of the area's own ("Kenyan police were
        # killed ... in Liboi", session 13): a national table's area whose name no
        # other country bears stands (post-office villages, repeated and full of
        # words, do not)
        return c.national_area and _one_country_name(places, c)
    return not units and not bound and c.country_code == main


def _as_written(c: Place, m: PlaceMention) -> bool:
    """True if *c* is a national table's area whose name is *m* as the text spells it."""
    return c.national_area and normalise(c.name) == normalise(m.surface)


def _one_country_name(places: TextPlaces, c: Place) -> bool:
    """True if every place spelled like postal place *c* in the text lies in its
    country (candidates under other spellings, "Dandera" for "Dandora", aside)."""
    return all(
        p.country_code == c.country_code
        for m in places.mentions
        if c in m.candidates
        for p in m.candidates
        if normalise(p.name) == normalise(m.surface)  # the key may be a variant's
    )


def _respell_outliers(
    places: TextPlaces,
    countries: dict[str, float],
    contexts: list[tuple[set[int], set[int]]],
    contained: list[frozenset[int]],
) -> None:
    """A name resolved outside the text's main country ("Chui" in Brazil in a
    Kyrgyz story) is re-read by its spelling-tolerant key inside that country
    ("Chuy"), if such a place exists."""
    gaz = places.gazetteer
    top = main_country(places.mentions, evidence_votes(places))
    if gaz is None or top is None or places.upper:
        return
    for m, (a1, a2), inside in zip(places.mentions, contexts, contained, strict=True):
        if m.best is None or m.fuzzy or m.best.country_code == top or m.best.kind == "country":
            continue
        alternatives = _respellings(gaz, m.key, top)
        if alternatives:
            m.best = max(alternatives, key=lambda c: _score(c, m, countries, a1, a2, inside))
            m.fuzzy = True


@lru_cache(maxsize=RESPELL_CACHE_SIZE)
def _respellings(gaz: Gazetteer, key: str, country_code: str) -> tuple[Place, ...]:
    """Places of one country whose names are spelling variants of *key*."""
    core = " ".join(w for w in key.split() if w not in ARTICLES)
    return tuple(
        p
        for k in gaz.fuzzy_matches(key)
        if k != key
        and ratio(core, " ".join(w for w in k.split() if w not in ARTICLES)) >= FUZZY_MIN_RATIO
        for p in gaz.candidates(k)
        if p.country_code == country_code
    )


def _cue_admin1_ids(places: TextPlaces) -> set[int]:
    """Ids of the first-level units implied by the text's actor cues."""
    if not places.cues or places.gazetteer is None:
        return set()
    return {p.id for p in cued_units(places)}


def cued_units(places: TextPlaces, after: int = 0) -> list[Place]:
    """The first-level units implied by the text's actor cues (those at or after
    offset *after*), in cue order."""
    gaz = places.gazetteer
    out: list[Place] = []
    if gaz is None:
        return out
    for at, cue in places.cues:
        if at < after:
            continue
        for name in cue.admin1:
            out.extend(
                p
                for p in gaz.candidates(normalise(name))
                if p.kind == "admin1" and p.country_code == cue.country_code and p not in out
            )
    return out


def single_cue_unit_ids(places: TextPlaces) -> set[int]:
    """Ids of units implied by cues that name exactly one unit (a village list)."""
    names = {
        (cue.country_code, normalise(cue.admin1[0]))
        for _, cue in places.cues
        if len(cue.admin1) == 1
    }
    return {u.id for u in cued_units(places) if (u.country_code, normalise(u.name)) in names}


def _strong_countries(places: TextPlaces) -> set[str]:
    """Countries named outright (not as modifiers) or by the dateline."""
    out = {cue.country_code for _, cue in places.cues} | {
        m.best.country_code
        for m in places.mentions
        if m.best is not None and (m.dateline or (m.best.kind == "country" and not m.modifier))
    }
    top = main_country(places.mentions, evidence_votes(places))
    if top:
        out.add(top)
    return out


def _named_countries(places: TextPlaces) -> dict[str, float]:
    """Bonus per country named in the text (by name, or weaker, by demonym)."""
    bonus = {code: DEMONYM_CONTEXT_BONUS for code in places.demonym_countries}
    for _, cue in places.cues:
        bonus[cue.country_code] = DEMONYM_CONTEXT_BONUS
    for m in places.mentions:
        for c in m.candidates:
            if c.kind == "country" and (m.best is None or m.best.kind == "country"):
                weight = DEMONYM_CONTEXT_BONUS if m.modifier else COUNTRY_CONTEXT_BONUS
                bonus[c.country_code] = max(bonus.get(c.country_code, 0.0), weight)
    return bonus


def _dateline_countries(places: TextPlaces) -> dict[str, float]:
    """Context for reading a dateline: the countries it names itself
    ("SAN JOSE (COSTA RICA)"), and the text's actor cues."""
    ctx = {cue.country_code: DEMONYM_CONTEXT_BONUS for _, cue in places.cues}
    for m in places.mentions:
        if m.dateline:
            for c in m.candidates:
                if c.kind == "country":
                    ctx[c.country_code] = COUNTRY_CONTEXT_BONUS
    return ctx


def evidence_votes(places: TextPlaces) -> dict[str, float]:
    """Main-country votes from actor cues (any text) and demonyms (wire copy only,
    where "SALVADORAN" is the story's country far more often than a foreign actor)."""
    votes: dict[str, float] = {}
    for _, cue in places.cues:
        votes[cue.country_code] = votes.get(cue.country_code, 0.0) + CUE_VOTE
    if places.upper:
        for code in places.demonym_countries:
            votes[code] = votes.get(code, 0.0) + DEMONYM_VOTE
    return votes


def main_country(
    mentions: list[PlaceMention], extra: dict[str, float] | None = None
) -> str | None:
    """The country most of the mentions resolve to (named units weigh double)."""
    votes: dict[str, float] = dict(extra or {})
    seen: set[str] = set()
    # wire copy repeats surnames that are also towns ("PONCE"): a name votes once there
    dedupe = any(m.dateline for m in mentions)
    for m in mentions:
        if (
            m.best is not None
            and not m.fuzzy
            and not m.landmark
            and not m.city_part  # a part of some town says little of the country
            and (m.key not in seen or m.dateline or not dedupe)
        ):
            seen.add(m.key)
            code = m.best.country_code
            # "Idleb" is a town and a governorate: it names a unit of its country
            weight = max(VOTE_WEIGHT[c.kind] for c in m.candidates if c.country_code == code)
            if m.admin_word and not any(c.kind in ("admin1", "admin2") for c in m.candidates):
                weight = MODIFIER_VOTE  # "El Gazira state" found only as a town elsewhere
            if m.best.kind == "country" and m.modifier:
                weight = MODIFIER_VOTE
            if m.container:
                weight += CONTAINER_VOTE
            if m.compound:  # "Pobe" of "(Pobe-Mengao, Soum)": maybe another place's name
                weight *= COMPOUND_VOTE_SHARE
            rivals = [code]
            if not m.surface.isupper() and not m.dateline:  # ALL-CAPS wire copy: names vote whole
                # "Tripoli" supports Libya and Lebanon alike; a Lebanese place decides
                rivals = sorted(_rival_countries(m) | {code})
            if m.dateline:
                weight = DATELINE_VOTE
            for rival in rivals:
                votes[rival] = votes.get(rival, 0.0) + weight / len(rivals)
            if len(rivals) > 1:
                votes[code] += RIVAL_TIE_BREAK
    return max(votes, key=votes.__getitem__) if votes else None


def _rival_countries(m: PlaceMention) -> set[str]:
    """The countries that hold a place of this name of comparable size ("Tripoli":
    Libya's and Lebanon's); such a name votes for each, a share each."""
    sizes: dict[str, int] = {}
    for c in m.candidates:
        if c.kind != "country":
            sizes[c.country_code] = max(sizes.get(c.country_code, 0), c.population)
    top = max(sizes.values(), default=0)
    return {code for code, n in sizes.items() if top and n >= RIVAL_SIZE_SHARE * top}


def _context_countries(places: TextPlaces) -> dict[str, float]:
    """Named countries, plus the country most of the text's places resolve to."""
    bonus = _named_countries(places)
    top = main_country(places.mentions, evidence_votes(places))
    if top:
        bonus[top] = max(bonus.get(top, 0.0), COUNTRY_CONTEXT_BONUS)
    return bonus


def namesake(town: Place, unit_name: str | None) -> bool:
    """True if *town* bears the name of its unit *unit_name* ("Idlib" in Idlib)."""
    return unit_name is not None and normalise(unit_name) == normalise(town.name)


def geocode_text(text: str, gaz: Gazetteer) -> list[tuple[PlaceMention, list[tuple[float, Place]]]]:
    """Every place mention of *text* with its ranked candidates (for the CLI)."""
    places, regional = locate(text, gaz)
    countries = _context_countries(places)
    out = []
    contexts = zip(
        places.mentions, _admin_contexts(places.mentions), _containers(places.mentions), strict=True
    )
    for m, (a1, a2), inside in contexts:
        ranked = sorted(
            ((_score(c, m, countries, a1, a2, inside, regional), c) for c in m.candidates),
            key=lambda sc: -sc[0],
        )
        out.append((m, ranked))
    return out


