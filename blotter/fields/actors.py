"""Actors: find named and generic actors in text and decide who did what to whom."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from blotter.lang import Locale, default_locale, per_locale
from blotter.lang.lexicon import fold, phrase_pattern
from blotter.record import Actor
from blotter.taxonomy import GENERIC_ACTORS, IDENTITY_MILITIAS


@dataclass(frozen=True)
class ActorPatterns:
    """One pack's context patterns for actors (``patterns.toml [actors]``), compiled."""

    agent_before: re.Pattern[str]
    agent_after: re.Pattern[str]
    victim_before: re.Pattern[str]
    victim_after: re.Pattern[str]
    source_after: re.Pattern[str]
    source_before: re.Pattern[str]
    source_trailing: re.Pattern[str]
    responder_after: re.Pattern[str]
    responder_before: re.Pattern[str]
    conjoined_between: re.Pattern[str]
    state_forces: re.Pattern[str]
    police_kinds: tuple[str, ...]
    coordinated: re.Pattern[str]
    coordinated_kinds: tuple[str, ...]
    coordinated_form: str
    theatres: tuple[tuple[re.Pattern[str], tuple[str, int], tuple[str, int]], ...]


@per_locale
def actor_patterns(loc: Locale) -> ActorPatterns:
    """The compiled actor context patterns of *loc* (default pack if None)."""
    p = loc.pattern
    return ActorPatterns(
        agent_before=re.compile(p("actors.agent_before"), re.IGNORECASE),
        agent_after=re.compile(p("actors.agent_after"), re.IGNORECASE),
        victim_before=re.compile(p("actors.victim_before"), re.IGNORECASE),
        victim_after=re.compile(p("actors.victim_after"), re.IGNORECASE),
        source_after=re.compile(p("actors.source_after"), re.IGNORECASE),
        source_before=re.compile(p("actors.source_before"), re.IGNORECASE),
        source_trailing=re.compile(p("actors.source_trailing"), re.IGNORECASE),
        responder_after=re.compile(p("actors.responder_after"), re.IGNORECASE),
        responder_before=re.compile(p("actors.responder_before"), re.IGNORECASE),
        conjoined_between=re.compile(p("actors.conjoined_between"), re.IGNORECASE),
        state_forces=re.compile(p("actors.state_forces")),  # case-sensitive: "[A-Z][a-z]+"
        police_kinds=tuple(loc.word_list("actors.police_kinds")),
        coordinated=re.compile(p("actors.coordinated")),  # case-sensitive: names are capitalised
        coordinated_kinds=tuple(loc.word_list("actors.coordinated_kinds")),
        coordinated_form=str(loc.table("actors.coordinated").get("form", "")),
        theatres=tuple(
            (
                re.compile(t["pattern"], re.IGNORECASE),
                (str(t["side1"]), int(t["inter1"])),
                (str(t["side2"]), int(t["inter2"])),
            )
            for t in loc.table("actors.theatres").values()
        ),
    )


@dataclass(frozen=True)
class ActorEntry:
    """One row of the actor dictionary."""

    pattern: str
    name: str
    inter: int
    named: bool


@dataclass(frozen=True)
class ActorMention:
    """An actor dictionary entry found in text."""

    entry: ActorEntry
    start: int
    end: int


#: Dictionary rows this short and all letters are acronyms ("naf", "stc", "ops"):
#: they match only as written in capitals, not as ordinary lower-case words.
SHORT_ACRONYM = 4


class ActorDictionary:
    """The actor dictionary compiled to one regular expression.

    One alternation for all rows (a regex group per row is ten times slower);
    the row of a match is found again by its exact text or, for stem patterns
    ("houthi*"), by the longest stem it starts with.
    """

    def __init__(self, entries: list[ActorEntry]) -> None:
        # Rows in lower case against the case-folded text (``lexicon.fold`` keeps the
        # length, so spans hold): IGNORECASE compares accented letters slowly.  The
        # lookahead on the rows' first letters lets the engine skip positions no row
        # starts at.
        firsts = sorted({e.pattern[:1].lower() for e in entries if e.pattern})
        prefix = "(?=[" + "".join(re.escape(c) for c in firsts) + "])" if firsts else ""
        self.pattern = re.compile(prefix + phrase_pattern([e.pattern.lower() for e in entries]))
        self.exact: dict[str, ActorEntry] = {}
        stems: dict[str, ActorEntry] = {}
        for e in entries:
            if e.pattern.endswith("*"):
                stems.setdefault(e.pattern[:-1], e)
            else:
                self.exact.setdefault(e.pattern, e)
        self.stems = sorted(stems.items(), key=lambda kv: len(kv[0]), reverse=True)

    def entry(self, matched: str) -> ActorEntry | None:
        """The dictionary row a matched text came from."""
        key = " ".join(matched.lower().split())
        found = self.exact.get(key)
        if found is not None:
            return found
        return next((e for stem, e in self.stems if key.startswith(stem)), None)


@per_locale
def actor_dictionary(loc: Locale) -> ActorDictionary:
    """The actor dictionary of *loc*'s pack (``actors.tsv``), compiled once."""
    return ActorDictionary([ActorEntry(r.pattern, r.name, r.inter, r.named) for r in loc.actors])


@lru_cache(maxsize=8)
def _demonyms(loc: Locale) -> dict[str, str]:
    """Demonym (lower case) -> ACLED country name."""
    import pycountry

    from blotter.geo.countries import ACLED_COUNTRY_NAMES

    out = {}
    for demonym, code in loc.demonyms.items():
        name = ACLED_COUNTRY_NAMES.get(code)
        if not isinstance(name, str):
            country = pycountry.countries.get(alpha_2=code)
            name = getattr(country, "common_name", None) or getattr(country, "name", None)
        if name:
            out[demonym] = name
    return out


def state_forces(text: str, offset: int = 0, locale: Locale | None = None) -> list[ActorMention]:
    """State forces named with their country ("Turkish forces" -> Military Forces of Turkey)."""
    loc = locale or default_locale()
    pats = actor_patterns(loc)
    found = []
    for m in pats.state_forces.finditer(text):
        if m["dem"]:
            country = _demonyms(loc).get(m["dem"].lower())
            kind = m["kind"].lower()
        else:
            country = m["country"]
            kind = m["kind2"].lower()
        if not country:
            continue
        body = "police" if pats.police_kinds and kind.startswith(pats.police_kinds) else "military"
        name = GENERIC_ACTORS[body].format(country=country)
        entry = ActorEntry(m.group(0).lower(), name, 1, True)
        found.append(ActorMention(entry, m.start() + offset, m.end() + offset))
    return found


#: ACLED's name of an ethnic or clan militia and its actor type (communal militia).
COMMUNAL_NAME = "{people} {kind} Militia ({{country}})"
COMMUNAL_INTER = IDENTITY_MILITIAS


#: A capitalised word of a text (a people's name is written so).
CAPITALISED = re.compile(r"\b[A-Z][\w]*")


@dataclass(frozen=True)
class CommunalPatterns:
    """One pack's communal-militia patterns, its clan words and its peoples' first words."""

    patterns: tuple[re.Pattern[str], ...]
    clan_kinds: frozenset[str]
    first_words: frozenset[str]


@per_locale
def communal_patterns(loc: Locale) -> CommunalPatterns:
    """The pack's communal-militia patterns with its peoples filled in, and its clan words."""
    peoples = sorted(loc.word_list("actors.ethnic_groups"), key=len, reverse=True)
    alternation = "|".join(re.escape(p) for p in peoples) or r"(?!)"
    keys = ("actors.communal_head", "actors.communal_pair", "actors.communal_subject")
    compiled = tuple(
        re.compile(loc.pattern(k).replace("{ethnic}", alternation), re.IGNORECASE) for k in keys
    )
    firsts = frozenset(re.split(r"[\s-]", p)[0] for p in peoples)
    return CommunalPatterns(compiled, loc.word_set("actors.clan_kinds"), firsts)


def communal_militias(
    text: str, offset: int = 0, locale: Locale | None = None
) -> list[ActorMention]:
    """Ethnic and clan militias ("Pokot raiders" -> Pokot Ethnic Militia, inter 4).

    A people's name counts only as written capitalised ("Turkana raiders",
    not a county's name in lower case), and only beside a word that makes
    armed men of it (the pack's ``actors.communal_*`` patterns).
    """
    loc = locale or default_locale()
    compiled = communal_patterns(loc)
    # most texts name no people: one scan of capitalised words rules them out
    words = {w.lower() for w in CAPITALISED.findall(text)}
    words |= {w[:-1] for w in words if w.endswith("s")}  # "the Maasais"
    if not words & compiled.first_words:
        return []
    patterns, clan_kinds = compiled.patterns, compiled.clan_kinds
    found: list[ActorMention] = []
    head = patterns[0]
    for pattern in patterns:
        for m in pattern.finditer(text):
            kinds = [m[k] for k in ("kind", "kind2") if k in m.re.groupindex and m[k]]
            clan = any(k.lower().split()[0] in clan_kinds for k in kinds)
            for group in ("eth", "eth2", "eth3", "eth4"):
                if group not in m.re.groupindex or not m[group] or not m[group][0].isupper():
                    continue
                people = m[group]  # as written: capitalised (checked above)
                name = COMMUNAL_NAME.format(people=people, kind="Clan" if clan else "Ethnic")
                # "Pokot raiders" is one mention; the verb after "Degodia" and the
                # other side of a pair are not part of it
                end = m.end() if pattern is head else m.end(group)
                entry = ActorEntry(m[group].lower(), name, COMMUNAL_INTER, False)
                found.append(ActorMention(entry, m.start(group) + offset, end + offset))
    found.sort(key=lambda a: (a.start, -a.end))
    kept: list[ActorMention] = []
    for a in found:
        if not kept or a.start >= kept[-1].end:
            kept.append(a)
    return kept


def coordinated_groups(
    text: str, folded: str, covered: list[tuple[int, int]], offset: int, loc: Locale
) -> list[ActorMention]:
    """Groups named together under one kind word ("los cárteles de Juárez y
    Sinaloa", "the Sinaloa and Tijuana cartels"): each name, written in the
    pack's ``actors.coordinated_form`` ("cártel de {name}"), that is a dictionary row."""
    pats = actor_patterns(loc)
    if not pats.coordinated_form or not any(k in folded for k in pats.coordinated_kinds):
        return []  # most sentences have no plural kind word: no scan
    dictionary = actor_dictionary(loc)
    found = []
    for m in pats.coordinated.finditer(text):
        for group in ("a", "b"):
            start, end = m.start(group) + offset, m.end(group) + offset
            if any(a <= start < b for a, b in covered):
                continue  # already a row's ("cárteles de juárez")
            phrase = fold(pats.coordinated_form.format(name=m[group]))
            entry = dictionary.exact.get(" ".join(phrase.split()))
            if entry is not None and entry.named:
                found.append(ActorMention(entry, start, end))
    return found


def find_actors(text: str, offset: int = 0, locale: Locale | None = None) -> list[ActorMention]:
    """Actor mentions in *text*, longest match first, in text order."""
    dictionary = actor_dictionary(locale)
    found = state_forces(text, offset, locale)
    found += communal_militias(text, offset, locale)
    covered = [(m.start, m.end) for m in found]
    folded = fold(text)
    for m in dictionary.pattern.finditer(folded):  # rows are lower case (ActorDictionary)
        entry = dictionary.entry(m.group(0))
        if entry is None or any(a <= m.start() + offset < b for a, b in covered):
            continue
        written = text[m.start() : m.end()]
        if entry.pattern.isalpha() and len(entry.pattern) <= SHORT_ACRONYM and written.islower():
            continue  # short acronyms ("naf", "stc") only as written in capitals
        found.append(ActorMention(entry, m.start() + offset, m.end() + offset))
    covered = [(m.start, m.end) for m in found]
    found += coordinated_groups(text, folded, covered, offset, locale or default_locale())
    found.sort(key=lambda a: a.start)
    return found


def is_agent(
    text: str, mention: ActorMention, offset: int = 0, locale: Locale | None = None
) -> bool:
    """True if the context marks the mention as the one doing the act."""
    pats = actor_patterns(locale)
    before = text[max(0, mention.start - offset - 60) : mention.start - offset]
    after = text[mention.end - offset : mention.end - offset + 80]
    return bool(pats.agent_before.search(before) or pats.agent_after.search(after))


def conjoined_agent(
    text: str,
    mention: ActorMention,
    mentions: Sequence[ActorMention],
    locale: Locale | None = None,
) -> bool:
    """True if *mention* is the first of two actors joined as one subject whose
    second the context makes the doer ("FARC and the ELN launched a joint
    attack"): the first shares the act, and as the one named first it leads."""
    pats = actor_patterns(locale)
    after = [m for m in mentions if m.start >= mention.end]
    if not after:
        return False
    nxt = min(after, key=lambda m: m.start)
    return bool(pats.conjoined_between.match(text[mention.end : nxt.start])) and is_agent(
        text, nxt, locale=locale
    )


def is_victim(
    text: str, mention: ActorMention, offset: int = 0, locale: Locale | None = None
) -> bool:
    """True if the context marks the mention as the target."""
    pats = actor_patterns(locale)
    before = text[max(0, mention.start - offset - 50) : mention.start - offset]
    after = text[mention.end - offset : mention.end - offset + 40]
    return bool(pats.victim_before.search(before) or pats.victim_after.match(after))


#: A clause after a comma, its source's lower-case words before it (", the
#: state police said"): punctuation, not words, so it holds in every language.
TRAILING_CLAUSE = re.compile(r",\s*(?:[^\W\d_A-Z]+\s+){0,2}$")
#: How far after a mention its trailing reporting clause is read: two words,
#: the verb and 40 characters to the sentence's end fit well inside, so the
#: pattern's end of text is the text's, not this window's.
SOURCE_AFTER_CHARS = 120
#: How far before a mention its reporting verb may stand ("según la Secretaría
#: de": the verb, "according to", an article or two).
SOURCE_BEFORE_CHARS = 40


def is_source(text: str, mention: ActorMention, locale: Locale | None = None) -> bool:
    """True if the mention is who reports the event ("police said", "informó la
    Fiscalía"), not a party to it."""
    pats = actor_patterns(locale)
    return bool(
        pats.source_after.match(text[mention.end : mention.end + 40])
        or follows_reporting_verb(text, mention, locale)
    )


#: How far after a mention its responder clause is read: the arrest verb, its
#: object and the "after" that ties it to another act.
RESPONDER_AFTER_CHARS = 100
#: How far before a mention its passive arrest ("was later arrested by the") is
#: read: the verb, one adverb, "by" and an article.
RESPONDER_BEFORE_CHARS = 50


def is_responder(text: str, mention: ActorMention, locale: Locale | None = None) -> bool:
    """True if the mention made an arrest after, or over, another act ("Police
    arrested three suspects after a shooting"), or is told as the arrester in the
    passive ("who was later arrested by the police"): a responder to that act,
    never its doer or its target."""
    pats = actor_patterns(locale)
    before = text[max(0, mention.start - RESPONDER_BEFORE_CHARS) : mention.start]
    return bool(
        pats.responder_after.match(text[mention.end : mention.end + RESPONDER_AFTER_CHARS])
        or pats.responder_before.search(before)
    )


def follows_reporting_verb(text: str, mention: ActorMention, locale: Locale | None = None) -> bool:
    """True if the mention is told as the report's source, never its doer: right
    after a reporting verb (", informó la Fiscalía", "according to police"), or
    before one in a clause that trails the act after a comma ("..., police
    said").  A source leading its sentence ("police said", "Houthi forces
    reportedly shelled") names the doer as often, so it does not rank agents."""
    pats = actor_patterns(locale)
    before = text[max(0, mention.start - SOURCE_BEFORE_CHARS) : mention.start]
    if pats.source_before.search(before):
        return True
    return bool(
        TRAILING_CLAUSE.search(before)
        and pats.source_trailing.match(text[mention.end : mention.end + SOURCE_AFTER_CHARS])
    )


def theatre_actors(
    text: str, locale: Locale | None = None
) -> tuple[tuple[str, int], tuple[str, int]] | None:
    """The two sides of the conflict a single-theatre source reports on, if named.

    Sources that report one conflict only (the pack's ``actors.theatres``):
    ceasefire violations logged by the OSCE Special Monitoring Mission in
    Donbas are between Ukraine's forces and the NAF.  The first side stands in
    when the text names no actor (ACLED codes such notes to Ukraine's forces;
    the second side is not implied: on the dev set, adding it made actor2 worse).
    """
    for pattern, side1, side2 in actor_patterns(locale).theatres:
        if pattern.search(text):
            return side1, side2
    return None


#: Any ``{slot}`` of a generic name, with the words that only stand with it:
#: "Civilians ({country})" -> "Civilians", "Military Forces of {country}" ->
#: "Military Forces" (ACLED's form of the name without a country).
_UNFILLED = re.compile(r"\s*\(\{\w*\}\)|\s+of\s+\{\w*\}|\s*\{\w*\}")


def fill_country(name: str, country: str | None) -> str:
    """Fill the ``{country}`` slot of a generic actor name; drop it (and any
    other ``{slot}``) when the country is unknown, so no placeholder is output."""
    if "{" not in name:
        return name
    if country:
        name = name.replace("{country}", country)
    return _UNFILLED.sub("", name).strip() or name.replace("{", "").replace("}", "")


#: The slots of ``COMMUNAL_NAME`` as placeholders no name holds.
_PEOPLE_SLOT, _KIND_SLOT = "\x00", "\x01"


@lru_cache(maxsize=1)
def _country_templates() -> tuple[dict[str, str], re.Pattern[str]]:
    """Names written without their ``{country}`` -> their template, over every
    pack's dictionary and the generic actors; and the communal militias' form."""
    from blotter.lang import available_languages, load_locale

    templates = [*GENERIC_ACTORS.values()]
    plain: list[str] = []
    for code in available_languages():
        for row in load_locale(code).actors:
            (templates if "{country}" in row.name else plain).append(row.name)
    bare: dict[str, str] = {}
    for t in templates:
        name = fill_country(t, None)
        if name not in plain:
            bare.setdefault(name, t)
    communal = fill_country(COMMUNAL_NAME.format(people=_PEOPLE_SLOT, kind=_KIND_SLOT), None)
    shape = re.escape(communal).replace(_PEOPLE_SLOT, r"(?P<people>.+)")
    return bare, re.compile(shape.replace(_KIND_SLOT, r"(?P<kind>\S+)") + "$")


def country_template(name: str) -> str | None:
    """The ``{country}`` template an actor name was written from when its
    country was unknown ("Civilians" -> "Civilians ({country})"), or None."""
    bare, communal = _country_templates()
    if name in bare:
        return bare[name]
    m = communal.match(name)
    if m is None:
        return None
    return COMMUNAL_NAME.format(people=m["people"], kind=m["kind"])


def to_actor(mention: ActorMention) -> Actor:
    """The record's actor for a dictionary mention (``{country}`` filled by ``fuse``)."""
    return Actor(mention.entry.name, mention.entry.inter)
