"""The place-cue words and patterns of a language pack, compiled once per pack.

What :mod:`blotter.geo.mentions` reads around a name (``words.toml`` and
``patterns.toml [places]`` of each pack, and ``data/name_context.toml``):
locatives, titles, demonyms, organisation heads, compass words...
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import zipf_frequency

from blotter.geo.names import ADMIN_WORDS
from blotter.lang import Locale, default_locale


@dataclass(frozen=True)
class PlaceWords:
    """One pack's place-cue words and patterns (``words.toml``/``patterns.toml [places]``)."""

    code: str
    stop_words: frozenset[str]
    word_frequency: str | None
    demonyms: dict[str, str]
    governor: frozenset[str]
    country_modifier_next: frozenset[str]
    country_body: frozenset[str]
    country_modifier_prev: frozenset[str]
    always_modifier: frozenset[str]
    calendar: frozenset[str]
    weekdays: frozenset[str]  # session 13: "in Nairobi Monday" tells when, not a name
    locative: frozenset[str]
    near: frozenset[str]
    near_after: frozenset[str]
    near_before_all: frozenset[str]
    compass_link: frozenset[str]
    admin_before: frozenset[str]
    countryside: frozenset[str]
    titles: frozenset[str]
    org_heads: frozenset[str]
    not_places: frozenset[str]
    compass: frozenset[str]
    article_words: frozenset[str]
    not_place_next: frozenset[str]
    landmark_next: frozenset[str]
    surname_countries: frozenset[str]
    person_verbs: frozenset[str]
    wire_person_verbs: frozenset[str]
    #: Session 10: words after "Given Surname" that make it a person ("was", "has").
    surname_next: frozenset[str]
    city: frozenset[str]
    unit_words: tuple[str, ...]
    stance_prefixes: frozenset[str]
    demonym_agent_suffixes: frozenset[str]
    possessives: tuple[str, ...]
    bearings: dict[str, float]
    countryside_before: re.Pattern[str]
    countryside_after: re.Pattern[str]
    east_jerusalem: re.Pattern[str]
    container_gap: re.Pattern[str]
    #: Text between the last two names of a list ("Guerrero y Chihuahua").
    list_gap: re.Pattern[str]
    #: The pack's own dateline form (case-sensitive, holding a comma), read
    #: besides the wire form of DATELINE_RE: "CULIACÁN, Sin.-".
    dateline: re.Pattern[str]
    #: Text right before a name that makes it part of an organisation's name, the
    #: head first: "cárteles de Juárez y Sinaloa" (never matches in English).
    org_before: re.Pattern[str] = re.compile(r"(?!)")
    #: The head words of *org_before* alone, searched once per text (CPU).
    org_head: re.Pattern[str] = re.compile(r"(?!)")
    #: Session 13: one compass word of the pack ("southern", "Southwestern"), a
    #: bearing before a name and not the first word of a longer proper name.
    compass_word: re.Pattern[str] = re.compile(r"(?!)")
    # issue 12: words of geo/data/name_context.toml for the pack's language
    #: "Maseno University": a capitalised word after the name that keeps it a place.
    institution_next: frozenset[str] = frozenset()
    #: Session 15: "Kericho West subcounty": a word after the name that, before a
    #: unit word, names a part of the place (the name stays a place, near it).
    part_next: frozenset[str] = frozenset()
    #: "Lake Naivasha": a capitalised word before the name that keeps it a place.
    feature_prev: frozenset[str] = frozenset()
    #: "Kenyan police": a demonym before one of these is a cue of its country.
    domestic_next: frozenset[str] = frozenset()
    #: "Kenyan villagers", "Kenyan border town": a demonym before one of these
    #: (or one lower-case word before one) says the event's country (session 14).
    local_next: frozenset[str] = frozenset()
    #: Session 14: "the capital", "Kenya's capital": the country's capital
    #: (places.capital_words after capital_prev, a demonym or a country's
    #: possessive, not before capital_not_next).
    capital_words: frozenset[str] = frozenset()
    capital_prev: frozenset[str] = frozenset()
    capital_not_next: frozenset[str] = frozenset()
    #: "fired from the Gaza Strip": a word before the article that makes the place an origin.
    origin_prev: frozenset[str] = frozenset()
    #: "the Santa Cecilia neighborhood": a part of a city, named as a landmark.
    city_part_next: frozenset[str] = frozenset()
    #: "the Eldoret-based weekly": a hyphened word after a name that places a thing there.
    located_suffixes: frozenset[str] = frozenset()
    #: Session 9: capitalised heads of neighbourhood names ("Villas de San Juan",
    #: "Lomas del Pedregal"): the name after the head and a joint is part of it.
    neighbourhood_heads: frozenset[str] = frozenset()
    #: The lower-case words joining a name's parts ("de", "del"): places.name_joints.
    name_joints: frozenset[str] = frozenset()
    #: Words a capitalised word before a name cannot be if it is a given name
    #: ("Trevor Kell", mentions._drop_surnames): stop, locative, title, feature,
    #: compass, demonym, calendar and unit words. Derived, once per pack.
    not_given_names: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        derived = (
            self.stop_words | self.locative | self.titles | self.feature_prev | self.compass
            | frozenset(self.demonyms) | self.calendar | ADMIN_WORDS
        )
        object.__setattr__(self, "not_given_names", derived)

    def zipf(self, word: str) -> float:
        """How common *word* is in the pack's language (wordfreq zipf; 0 if unknown)."""
        return zipf_frequency(word, self.word_frequency) if self.word_frequency else 0.0


def place_words(locale: Locale | None = None) -> PlaceWords:
    """The compiled place-cue words of *locale* (default pack if None)."""
    return _place_words(locale or default_locale())


@lru_cache(maxsize=8)
def _place_words(loc: Locale) -> PlaceWords:
    w = loc.word_set
    compass = loc.pattern("places.compass")
    return PlaceWords(
        code=loc.code,
        stop_words=loc.stop_words,
        word_frequency=loc.word_frequency,
        demonyms=dict(loc.demonyms),
        governor=w("places.governor_words"),
        country_modifier_next=w("places.country_modifier_next"),
        country_body=w("places.country_modifier_next") | w("places.national_bodies"),
        country_modifier_prev=w("places.country_modifier_prev"),
        always_modifier=w("places.always_modifier"),
        calendar=w("places.calendar_words"),
        weekdays=w("places.weekday_words"),
        capital_words=w("places.capital_words"),
        capital_prev=w("places.capital_prev"),
        capital_not_next=w("places.capital_not_next"),
        locative=w("places.locative"),
        near=w("places.near_words"),
        near_after=w("places.near_after"),
        near_before_all=w("places.near_before_all"),
        compass_link=w("places.compass_link"),
        admin_before=w("places.admin_before"),
        countryside=w("places.countryside_words"),
        titles=w("places.titles"),
        org_heads=w("places.org_heads"),
        not_places=w("places.not_places"),
        compass=w("places.compass_words"),
        article_words=w("places.article_words"),
        not_place_next=w("places.not_place_next"),
        landmark_next=w("places.landmark_next"),
        surname_countries=w("places.surname_countries"),
        person_verbs=w("places.person_verbs"),
        wire_person_verbs=w("places.wire_person_verbs"),
        surname_next=w("places.surname_next") | w("places.person_verbs"),
        city=w("places.city_words"),
        unit_words=tuple(loc.word_list("places.unit_words")),
        stance_prefixes=w("places.stance_prefixes"),
        demonym_agent_suffixes=w("places.demonym_agent_suffixes"),
        possessives=tuple(loc.word_list("places.possessives")),
        bearings={str(k): float(v) for k, v in loc.table("places.bearings").items()},
        countryside_before=re.compile(
            loc.pattern("places.countryside_before").replace("{compass}", compass), re.IGNORECASE
        ),
        countryside_after=re.compile(
            loc.pattern("places.countryside_after").replace("{compass}", compass), re.IGNORECASE
        ),
        east_jerusalem=re.compile(loc.pattern("places.east_jerusalem"), re.IGNORECASE),
        container_gap=re.compile(loc.pattern("places.container_gap"), re.IGNORECASE),
        list_gap=re.compile(loc.pattern("places.list_gap"), re.IGNORECASE),
        dateline=re.compile(loc.pattern("places.dateline")),
        org_before=re.compile(loc.pattern("places.org_before")),
        org_head=re.compile(loc.pattern("places.org_head")),
        compass_word=re.compile(compass, re.IGNORECASE),
        institution_next=_name_context(loc.code, "institution_next"),
        feature_prev=_name_context(loc.code, "feature_prev"),
        part_next=_name_context(loc.code, "part_next"),
        domestic_next=_name_context(loc.code, "domestic_next"),
        local_next=_name_context(loc.code, "local_next"),
        city_part_next=_name_context(loc.code, "city_part_next"),
        located_suffixes=_name_context(loc.code, "located_suffixes"),
        origin_prev=w("places.origin_prev"),
        neighbourhood_heads=w("places.neighbourhood_heads"),
        name_joints=w("places.name_joints"),
    )


#: Words around a name that keep it a place (per language code; issue 12).
NAME_CONTEXT_FILE = "name_context.toml"


def _name_context(code: str, key: str) -> frozenset[str]:
    """One word set of ``data/name_context.toml`` for language *code* (empty if absent)."""
    import tomllib

    from blotter.geo.rules import data_file

    table = tomllib.loads(data_file(NAME_CONTEXT_FILE).read_text("utf-8")).get(code, {})
    return frozenset(str(x).lower() for x in table.get(key, ()))
