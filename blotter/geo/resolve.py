"""Toponym resolution in context, and the choice of an event's place.

Ranking: a country or first-level unit named in the same text (or implied by a
demonym, or by the other places of the text) puts candidates inside it first;
then feature type and population.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from blotter.geo.gazetteer import Gazetteer, Place
from blotter.geo.mentions import PlaceMention, TextPlaces, find_places

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
# How specific each kind is, for choosing among an event's mentions.
SPECIFICITY = {"city": 3, "admin2": 2, "admin1": 1, "country": 0}


@dataclass
class Resolution:
    """The place chosen for an event, with how it was found."""

    place: Place
    mention: PlaceMention | None
    geo_precision: int
    where_prec: int
    conflict: str | None = None


def _score(
    p: Place, m: PlaceMention, countries: dict[str, float], admin1: set[int], admin2: set[int]
) -> float:
    """Rank one candidate of mention *m* given the text's context."""
    s = math.log10(p.population + 10) + KIND_BONUS[p.kind] + countries.get(p.country_code, 0.0)
    if p.kind in ("city", "admin2") and p.admin1_id in admin1:
        s += ADMIN1_CONTEXT_BONUS
    if p.kind == "city" and p.admin2_id in admin2:
        s += ADMIN2_CONTEXT_BONUS
    if m.admin_word and p.kind in ("admin1", "admin2"):
        s += TYPE_WORD_BONUS
    if m.city_word and p.kind == "city":
        s += TYPE_WORD_BONUS
    return s


def _admin_contexts(mentions: list[PlaceMention]) -> list[tuple[set[int], set[int]]]:
    """For each mention, the admin1 and admin2 units named by the *other* mentions."""
    counts: Counter[int] = Counter()
    own: list[set[int]] = []
    for m in mentions:
        ids = {c.id for c in m.candidates if c.kind in ("admin1", "admin2")}
        own.append(ids)
        counts.update(ids)
    kinds = {c.id: c.kind for m in mentions for c in m.candidates if c.kind in ("admin1", "admin2")}
    out = []
    for ids in own:
        named = {i for i, n in counts.items() if n > (1 if i in ids else 0)}
        out.append(
            ({i for i in named if kinds[i] == "admin1"}, {i for i in named if kinds[i] == "admin2"})
        )
    return out


def resolve_text(places: TextPlaces) -> None:
    """Pick the best candidate of every mention (sets ``best`` and ``score``)."""
    mentions = places.mentions
    contexts = _admin_contexts(mentions)

    def rank(countries: dict[str, float]) -> None:
        for m, (a1, a2) in zip(mentions, contexts, strict=True):
            scored = [(_score(c, m, countries, a1, a2), c) for c in m.candidates]
            m.score, m.best = (
                max(scored, key=lambda sc: (sc[0], -sc[1].id)) if scored else (0.0, None)
            )

    rank(_named_countries(places))
    rank(_context_countries(places))


def _named_countries(places: TextPlaces) -> dict[str, float]:
    """Bonus per country named in the text (by name, or weaker, by demonym)."""
    bonus = {code: DEMONYM_CONTEXT_BONUS for code in places.demonym_countries}
    for m in places.mentions:
        for c in m.candidates:
            if c.kind == "country" and (m.best is None or m.best.kind == "country"):
                bonus[c.country_code] = COUNTRY_CONTEXT_BONUS
    return bonus


def _main_country(mentions: list[PlaceMention]) -> str | None:
    """The country most of the mentions resolve to (named units weigh double)."""
    votes: dict[str, float] = {}
    for m in mentions:
        if m.best is not None:
            code = m.best.country_code
            votes[code] = votes.get(code, 0.0) + VOTE_WEIGHT[m.best.kind]
    return max(votes, key=votes.__getitem__) if votes else None


def _context_countries(places: TextPlaces) -> dict[str, float]:
    """Named countries, plus the country most of the text's places resolve to."""
    bonus = _named_countries(places)
    top = _main_country(places.mentions)
    if top:
        bonus[top] = max(bonus.get(top, 0.0), COUNTRY_CONTEXT_BONUS)
    return bonus


def _precision(m: PlaceMention | None, p: Place) -> tuple[int, int]:
    """ACLED geo_precision and UCDP where_prec for a place found via mention *m*."""
    if p.kind == "city":
        return (2, 2) if m is not None and m.near else (1, 1)
    if p.kind == "admin2":
        return 2, 3
    if p.kind == "admin1":
        return 3, 4
    return 3, 6


def _pick(mentions: list[PlaceMention]) -> PlaceMention | None:
    """The most specific mention; among equals the most repeated place, then the earliest."""
    usable = [m for m in mentions if m.best is not None]
    if not usable:
        return None
    repeats = Counter(m.best.id for m in usable)  # type: ignore[union-attr]
    return max(
        usable,
        key=lambda m: (SPECIFICITY[m.best.kind], repeats[m.best.id], -m.start),  # type: ignore[union-attr]
    )


def choose_place(
    places: TextPlaces,
    spans: list[tuple[int, int]],
    gaz: Gazetteer,
) -> Resolution | None:
    """Choose the event's place: a mention inside its own sentences (*spans*),
    never the dateline; else the text's most specific place; else a country.

    When the event's sentence repeats the dateline's place while the rest of
    the text names another specific place, the latter is chosen and the
    contradiction is flagged in ``conflict``.
    """
    body = [m for m in places.mentions if not m.dateline and m.best is not None]
    top = _main_country(body)
    if top:  # places that agree with the text's main country come first
        body = [m for m in body if m.best is not None and m.best.country_code == top] or body
    own = [m for m in body if any(s <= m.start < e for s, e in spans)]
    chosen = _pick(own) or _pick(body)
    conflict = None
    dateline_ids = {m.best.id for m in places.mentions if m.dateline and m.best is not None}
    dateline_keys = {m.key for m in places.mentions if m.dateline}
    if (
        own
        and chosen is not None
        and chosen.best is not None
        and (chosen.best.id in dateline_ids or chosen.key in dateline_keys)
    ):
        named_admin1 = {m.best.id for m in body if m.best is not None and m.best.kind == "admin1"}
        others = [
            m
            for m in body
            if m.best is not None
            and m.best.kind in ("city", "admin2")
            and m.key != chosen.key
            and m.best.id != chosen.best.id
        ]
        others.sort(key=lambda m: (m.best is None or m.best.admin1_id not in named_admin1, m.start))
        if others:
            conflict = (
                f"event sentence names {chosen.best.name} (as does the dateline); "
                f"the text also places it in {others[0].best.name}"  # type: ignore[union-attr]
            )
            chosen = others[0]
    if chosen is None or chosen.best is None:
        dateline = [m for m in places.mentions if m.dateline and m.best is not None]
        if dateline:
            chosen = dateline[0]
        elif places.demonym_countries:
            code = min(places.demonym_countries, key=places.demonym_countries.__getitem__)
            country = gaz.country(code)
            if country is None:
                return None
            return Resolution(country, None, 3, 6)
        else:
            return None
    assert chosen.best is not None
    geo, where = _precision(chosen, chosen.best)
    return Resolution(chosen.best, chosen, geo, where, conflict)


def geocode_text(text: str, gaz: Gazetteer) -> list[tuple[PlaceMention, list[tuple[float, Place]]]]:
    """Every place mention of *text* with its ranked candidates (for the CLI)."""
    places = find_places(text, gaz)
    resolve_text(places)
    countries = _context_countries(places)
    out = []
    for m, (a1, a2) in zip(places.mentions, _admin_contexts(places.mentions), strict=True):
        ranked = sorted(
            ((_score(c, m, countries, a1, a2), c) for c in m.candidates), key=lambda sc: -sc[0]
        )
        out.append((m, ranked))
    return out
