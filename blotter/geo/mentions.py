"""Find place mentions in text: gazetteer n-gram look-up with filters.

Works on mixed-case and ALL-UPPER-CASE text alike: every token n-gram is one
dict look-up; capitalisation is used only where the text has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from blotter.geo.countries import DEMONYMS
from blotter.geo.gazetteer import Gazetteer, Place
from blotter.geo.names import ADMIN_WORDS, tokens

# Longest place name looked up, in words ("Bonifacio Moreno El Aguaje" is 4).
MAX_NGRAM = 6
# A one-word name at least this frequent in English (wordfreq zipf; "victoria"
# 4.4, "mobile" 4.9, "may" 6.0; "kabul" 3.4) is also a common word: accepted
# only after a locative preposition or when a large place carries it.
COMMON_ZIPF = 4.0
# Stricter threshold for a word at the start of a sentence or in ALL-CAPS text,
# where capitalisation says nothing ("Convoy of 14 officers", "CLASHES").
UNMARKED_COMMON_ZIPF = 3.0
# A common-word name is still taken as a place when a candidate is this large
# (Paris, London) or is a country / first-level unit.
BIG_PLACE_POPULATION = 1_000_000
# An all-caps word this short in mixed-case text is an acronym, not a place.
MAX_ACRONYM_CHARS = 5
# Share of upper-case letters above which a text is treated as ALL CAPS (wire copy).
UPPER_TEXT_SHARE = 0.8

CALENDAR_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
    ]
)
LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "of",
        "from",
        "to",
        "outside",
        "around",
        "into",
        "towards",
        "toward",
        "across",
        "inside",
        "through",
        "between",
        "nearby",
    ]
)
NEAR_WORDS = frozenset(
    [
        "near",
        "outside",
        "outskirts",
        "around",
        "vicinity",
        "nearby",
        "km",
        "kilometres",
        "kilometers",
        "miles",
    ]
)
TITLES = frozenset(
    [
        "president",
        "presidents",
        "gen",
        "general",
        "minister",
        "mr",
        "mrs",
        "ms",
        "dr",
        "colonel",
        "col",
        "captain",
        "capt",
        "senator",
        "judge",
        "father",
        "mayor",
        "governor",
        "sgt",
        "sergeant",
        "lt",
        "lieutenant",
        "commander",
        "king",
        "queen",
        "saint",
        "st",
        "pope",
        "bishop",
        "sheikh",
        "prince",
    ]
)
ORG_HEADS = frozenset(
    [
        "cartel",
        "army",
        "front",
        "brigade",
        "brigades",
        "militia",
        "militias",
        "movement",
        "party",
        "liberation",
        "battalion",
        "regiment",
        "times",
        "post",
        "herald",
        "tribune",
        "journal",
        "gazette",
        "university",
        "airlines",
        "airways",
        "bank",
        "club",
        "fc",
        "united",
        "peoples",
        "guard",
        "guards",
        "council",
        "committee",
        "network",
    ]
)
PERSON_VERBS = frozenset(["said", "says", "told", "stated", "added", "announced", "who", "whose"])
CITY_WORDS = frozenset(["city", "town", "village", "township"])
JOINERS_RE = re.compile(r"^(?: |-| - |\. ?)$")
DATELINE_RE = re.compile(r"(?m)^[^\S\n]*[A-Z][A-Z .'’-]{2,40},[^\n]{0,80}?(?:--|–|—)")


@dataclass
class PlaceMention:
    """A span of text that names a place, with its gazetteer candidates."""

    start: int
    end: int
    surface: str
    key: str
    candidates: tuple[Place, ...]
    near: bool = False
    dateline: bool = False
    admin_word: bool = False
    city_word: bool = False
    best: Place | None = None
    score: float = 0.0


@dataclass
class TextPlaces:
    """Everything place-related found in one text."""

    mentions: list[PlaceMention] = field(default_factory=list)
    demonym_countries: dict[str, int] = field(default_factory=dict)  # code -> first offset


def is_upper_text(text: str) -> bool:
    """True if the text is (nearly) ALL UPPER CASE."""
    letters = [c for c in text[:5000] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= UPPER_TEXT_SHARE


def find_places(text: str, gaz: Gazetteer) -> TextPlaces:
    """Find the place mentions and demonyms of *text*."""
    toks = list(_split_possessives(tokens(text)))
    upper = is_upper_text(text)
    datelines = [m.span() for m in DATELINE_RE.finditer(text)]
    out = TextPlaces()
    i = 0
    while i < len(toks):
        matched = 0
        for n in range(min(MAX_NGRAM, len(toks) - i), 0, -1):
            if n > 1 and not _joined(text, toks, i, n):
                continue
            key = " ".join(t[0] for t in toks[i : i + n])
            if key not in gaz.keys:
                continue
            if _acceptable(text, toks, i, n, key, gaz, upper):
                start, end = toks[i][1], toks[i + n - 1][2]
                out.mentions.append(_mention(text, toks, i, n, key, gaz, start, end, datelines))
                matched = n
                break
        if matched:
            i += matched
            continue
        code = DEMONYMS.get(toks[i][0])
        if code and (upper or toks[i][3][0].isupper()):
            out.demonym_countries.setdefault(code, toks[i][1])
        i += 1
    return out


Token = tuple[str, int, int, str]


def _split_possessives(toks: object) -> list[Token]:
    """Turn "Mexico's" into "Mexico" (the possessive is not part of the name)."""
    out: list[Token] = []
    for norm, start, end, surface in toks:  # type: ignore[attr-defined]
        if len(surface) > 3 and surface[-2] in "'’" and surface[-1] in "sS":
            out.append((norm[:-1], start, end - 2, surface[:-2]))
        else:
            out.append((norm, start, end, surface))
    return out


def _joined(text: str, toks: list[Token], i: int, n: int) -> bool:
    """True if tokens i..i+n-1 are separated only by a space or hyphen (one name)."""
    return all(JOINERS_RE.match(text[toks[j][2] : toks[j + 1][1]]) for j in range(i, i + n - 1))


def _prev(toks: list[Token], i: int) -> Token | None:
    return toks[i - 1] if i > 0 else None


def _next(toks: list[Token], i: int) -> Token | None:
    return toks[i] if i < len(toks) else None


def _adjacent(text: str, a: Token, b: Token) -> bool:
    """True if token *b* follows *a* after a single space (same phrase)."""
    return text[a[2] : b[1]] == " "


def _sentence_initial(text: str, start: int) -> bool:
    """True if nothing but sentence punctuation or a line break precedes *start*."""
    before = text[max(0, start - 3) : start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n:;"


def _acceptable(
    text: str, toks: list[Token], i: int, n: int, key: str, gaz: Gazetteer, upper: bool
) -> bool:
    """Filters against common words, people and organisation names."""
    first, last = toks[i], toks[i + n - 1]
    if len(key) < 3 or (n == 1 and (key in STOP_WORDS or key in CALENDAR_WORDS)):
        return False
    if not upper and not (first[3][0].isupper() and last[3][0].isupper()):
        return False
    if not upper and n == 1 and first[3].isupper() and len(first[3]) <= MAX_ACRONYM_CHARS:
        return False  # "GNA", "OPS": acronyms in mixed-case text
    prev, nxt = _prev(toks, i), _next(toks, i + n)
    if prev and prev[0] in ("pro", "anti") and text[prev[2] : first[1]] == "-":
        return False  # "pro-Hadi forces"
    after = _next(toks, i + n)
    if after and text[last[2] : after[1]] == "-" and after[3].islower():
        return False  # "Saudi-led coalition", "Taliban-planted"
    if prev and prev[0] in TITLES and _adjacent(text, prev, first):
        return False  # "President Lázaro Cárdenas", "Queen Victoria"
    if nxt and _adjacent(text, last, nxt) and nxt[0] in ORG_HEADS:
        return False  # "Jalisco New Generation Cartel" is handled below; "Gaza Post"
    if not upper:
        if (
            prev
            and _adjacent(text, prev, first)
            and prev[3][0].isupper()
            and prev[0] not in STOP_WORDS
            and prev[0] not in LOCATIVE
            and not _sentence_initial(text, prev[1])
        ):
            return False  # "Octavio Paz": the end of a longer proper name
        if (
            nxt
            and _adjacent(text, last, nxt)
            and nxt[3][0].isupper()
            and nxt[0] not in ADMIN_WORDS
            and nxt[0] not in CITY_WORDS
            and nxt[0] not in STOP_WORDS
        ):
            return False  # "Jalisco New Generation Cartel", "Luhansk People's Militia"
    else:
        window = toks[i + n : i + n + 3]
        if any(t[0] in ORG_HEADS for t in window):
            return False
    locative = prev is not None and prev[0] in LOCATIVE
    person_verb = nxt is not None and nxt[0] in PERSON_VERBS and not (nxt[0] == "said" and upper)
    if (
        person_verb
        and not locative
        and not any(c.kind in ("country", "admin1") for c in gaz.candidates(key))
    ):
        return False  # "Victoria said", "Paz, who"
    if n == 1 and upper and locative and gaz.keys.get(key, 0.0) >= COMMON_ZIPF:
        locative = False  # "IN WAR", "IN JUSTICE": a preposition proves little in ALL CAPS
    if n == 1 and not locative:
        unmarked = upper or _sentence_initial(text, first[1])
        zipf = gaz.keys.get(key, 0.0)
        if zipf >= (UNMARKED_COMMON_ZIPF if unmarked else COMMON_ZIPF):
            big = any(
                c.kind in ("country", "admin1") or c.population >= BIG_PLACE_POPULATION
                for c in gaz.candidates(key)
            )
            if not big:
                return False
    return True


def _mention(
    text: str,
    toks: list[Token],
    i: int,
    n: int,
    key: str,
    gaz: Gazetteer,
    start: int,
    end: int,
    datelines: list[tuple[int, int]],
) -> PlaceMention:
    """Build a mention with the cues around it."""
    before = {t[0] for t in toks[max(0, i - 3) : i]}
    after = _next(toks, i + n)
    after_word = after[0] if after and after[1] - end <= 2 else ""
    return PlaceMention(
        start,
        end,
        text[start:end],
        key,
        gaz.candidates(key),
        near=bool(before & NEAR_WORDS)
        or after_word in ("area", "outskirts", "vicinity")
        or ("area" in before and "of" in before),
        dateline=any(s <= start < e for s, e in datelines),
        admin_word=after_word in ADMIN_WORDS,
        city_word=after_word in CITY_WORDS,
    )
