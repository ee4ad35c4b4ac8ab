"""Actors: find named and generic actors in text and decide who did what to whom."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from blotter.lexicon import phrase_pattern
from blotter.record import Actor

#: Words before an actor that make it the perpetrator ("an attack by X").
AGENT_BEFORE = re.compile(
    r"(?:\bby|\bblamed\s+on|\bbelonging\s+to|\bclaimed\s+by|\bcarried\s+out\s+by|\bof\s+the|\bfrom\s+the|"
    r"\bpinpointed)\s+(?:(?:the|a|an|suspected|alleged|some|several|armed|heavily|unidentified|"
    r"[\d,]+|one|two|three|four|five|[a-z]+-?\w*)\s+){0,3}$",
    re.IGNORECASE,
)
#: Words after an actor that make it the perpetrator ("X attacked", "X is to blame").
AGENT_AFTER = re.compile(
    r"^\s*(?:\([^)]{0,40}\)\s*)?(?:,[^,]{0,60},\s*)?(?:reportedly\s+|allegedly\s+|also\s+)?"
    r"(?:attack|ambush|kill|shot|shoot|open|fire|launch|carr|abduct|kidnap|raid|storm|torch|burn|loot|"
    r"arrest|detain|clash|seiz|capture|bomb|shell|target|stop|planted|threw|hurl|lobb|set|assault|beat|"
    r"execut|behead|rap|disperse|intervene|use|fought|engag|is\s+to\s+blame|are\s+to\s+blame|"
    r"as\s+the\s+culprit|took|claimed|left|struck|hit|fir)",
    re.IGNORECASE,
)
VICTIM_BEFORE = re.compile(
    r"(?:attack(?:ed|ing)?|ambush(?:ed)?|kill(?:ed|ing)|shot|target(?:ed|ing)|on|against|abduct(?:ed|ing)|"
    r"kidnapp?(?:ed|ing)|at|wound(?:ed|ing)|injur(?:ed|ing)|arrest(?:ed|ing)|detain(?:ed|ing))\s+"
    r"(?:(?:the|a|an|\d+|one|two|three|four|five|six|seven|eight|nine|ten|[a-z]+)\s+){0,3}$",
    re.IGNORECASE,
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
        self.pattern = re.compile(phrase_pattern([e.pattern for e in entries]), re.IGNORECASE)
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


@lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    """Load ``actors.tsv`` once."""
    entries = []
    text = resources.files("blotter.lexicon").joinpath("actors.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, name, inter, kind = line.split("\t")
        entries.append(ActorEntry(pattern, name, int(inter), kind == "named"))
    return ActorDictionary(entries)


#: State forces named by demonym or country: "Turkish forces", "Afghan police",
#: "military forces of Armenia".
STATE_FORCES = re.compile(
    r"\b(?:(?P<dem>[A-Z][a-z]+)(?:\s+(?:government|security|armed|national|special|border))?\s+"
    r"(?P<kind>forces|army|soldiers|troops|military|police|policemen|navy|air\s+force|border\s+guards)"
    r"|(?P<kind2>military|armed|security|police)\s+forces\s+of\s+(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))\b",
)


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Demonym (lower case) -> ACLED country name."""
    import pycountry

    from blotter.geo.countries import ACLED_COUNTRY_NAMES, DEMONYMS

    out = {}
    for demonym, code in DEMONYMS.items():
        name = ACLED_COUNTRY_NAMES.get(code)
        if not isinstance(name, str):
            country = pycountry.countries.get(alpha_2=code)
            name = getattr(country, "common_name", None) or getattr(country, "name", None)
        if name:
            out[demonym] = name
    return out


def state_forces(text: str, offset: int = 0) -> list[ActorMention]:
    """State forces named with their country ("Turkish forces" -> Military Forces of Turkey)."""
    found = []
    for m in STATE_FORCES.finditer(text):
        if m["dem"]:
            country = _demonyms().get(m["dem"].lower())
            kind = m["kind"].lower()
        else:
            country = m["country"]
            kind = m["kind2"].lower()
        if not country:
            continue
        body = "Police Forces" if kind.startswith("police") else "Military Forces"
        entry = ActorEntry(m.group(0).lower(), f"{body} of {country}", 1, True)
        found.append(ActorMention(entry, m.start() + offset, m.end() + offset))
    return found


def find_actors(text: str, offset: int = 0) -> list[ActorMention]:
    """Actor mentions in *text*, longest match first, in text order."""
    dictionary = actor_dictionary()
    found = state_forces(text, offset)
    covered = [(m.start, m.end) for m in found]
    for m in dictionary.pattern.finditer(text):
        entry = dictionary.entry(m.group(0))
        if entry is None or any(a <= m.start() + offset < b for a, b in covered):
            continue
        if entry.pattern.isalpha() and len(entry.pattern) <= SHORT_ACRONYM and m.group(0).islower():
            continue  # short acronyms ("naf", "stc") only as written in capitals
        found.append(ActorMention(entry, m.start() + offset, m.end() + offset))
    found.sort(key=lambda a: a.start)
    return found


def is_agent(text: str, mention: ActorMention, offset: int = 0) -> bool:
    """True if the context marks the mention as the one doing the act."""
    before = text[max(0, mention.start - offset - 60) : mention.start - offset]
    after = text[mention.end - offset : mention.end - offset + 80]
    return bool(AGENT_BEFORE.search(before) or AGENT_AFTER.search(after))


def is_victim(text: str, mention: ActorMention, offset: int = 0) -> bool:
    """True if the context marks the mention as the target."""
    before = text[max(0, mention.start - offset - 50) : mention.start - offset]
    after = text[mention.end - offset : mention.end - offset + 40]
    passive = re.match(
        r"^\s*(?:\w+\s+){0,2}(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+){0,2}"
        r"(?:killed|murdered|wounded|injured|shot|attacked|ambushed|abducted|kidnapped|arrested|targeted|dead)",
        after,
        re.IGNORECASE,
    )
    return bool(VICTIM_BEFORE.search(before) or passive)


SOURCE_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}(?:said|say|says|told|reported|claimed|confirmed|stated|announced|believe)",
    re.IGNORECASE,
)


def is_source(text: str, mention: ActorMention) -> bool:
    """True if the mention is who reports the event ("police said"), not a party to it."""
    return bool(SOURCE_AFTER.match(text[mention.end : mention.end + 40]))


#: Sources that report one conflict only, and its two sides: ceasefire
#: violations logged by the OSCE Special Monitoring Mission in Donbas are
#: between Ukraine's forces and the NAF.  The first side stands in when the
#: text names no actor (ACLED codes such notes to Ukraine's forces; the second
#: side is not implied: on the dev set, adding it made actor2 worse).
THEATRES: tuple[tuple[re.Pattern[str], tuple[str, int], tuple[str, int]], ...] = (
    (
        re.compile(r"\bOSCE\s+SMM\b|Special\s+Monitoring\s+Mission", re.IGNORECASE),
        ("Military Forces of Ukraine (2019-)", 1),
        ("NAF: United Armed Forces of Novorossiya", 2),
    ),
)


def theatre_actors(text: str) -> tuple[tuple[str, int], tuple[str, int]] | None:
    """The two sides of the conflict a single-theatre source reports on, if named."""
    for pattern, side1, side2 in THEATRES:
        if pattern.search(text):
            return side1, side2
    return None


def fill_country(name: str, country: str | None) -> str:
    """Fill the ``{country}`` slot of a generic actor name."""
    if "{country}" not in name:
        return name
    if country:
        return name.replace("{country}", country)
    return re.sub(r"\s*\(\{country\}\)|\s+of\s+\{country\}", "", name)


def to_actor(mention: ActorMention) -> Actor:
    """The record's actor for a dictionary mention (``{country}`` filled by ``fuse``)."""
    return Actor(mention.entry.name, mention.entry.inter)
