"""Find place mentions in text: gazetteer n-gram look-up with filters.

Works on mixed-case and ALL-UPPER-CASE text alike: every token n-gram is one
dict look-up; capitalisation is used only where the text has it. Whether an
indexed name is a place where it stands is :mod:`blotter.geo.place_filter`'s
call; the words read around names are the pack's (:mod:`blotter.geo.place_words`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz.fuzz import ratio

from blotter.geo.cues import Cue, cue_spans, find_cues
from blotter.geo.gazetteer import Gazetteer, Place
from blotter.geo.names import ADMIN_WORDS, ARTICLES, normalise, tokens, upper_share
from blotter.geo.place_filter import (
    Token,
    acceptable,
    adjacent,
    next_token,
    prev_token,
    unit_part_after,
)
from blotter.geo.place_words import PlaceWords, place_words
from blotter.lang import Locale

# Longest place name looked up, in words ("Bonifacio Moreno El Aguaje" is 4).
MAX_NGRAM = 6
# Share of upper-case letters above which a text is treated as ALL CAPS (wire copy).
UPPER_TEXT_SHARE = 0.8

# A second-chance (spelling-tolerant) match must also be this similar (rapidfuzz
# ratio, 0-100, articles removed) to the gazetteer name: the tolerant key alone
# folds too much for short names ("Dhale" ~ "Delhi").
FUZZY_MIN_RATIO = 75.0
# A one-word name tried spelling-tolerantly must be rarer than this in English
# (wordfreq zipf), so ordinary capitalised words do not turn into places.
FUZZY_MAX_ZIPF = 2.5
# Longest text between a place and the unit named as its container.
CONTAINER_GAP_CHARS = 50
# A line is a title-case headline ("Prison Riot in Matamoros Kills 20") when at
# least this share of its words of TITLE_WORD_CHARS letters or more, and at least
# TITLE_MIN_WORDS of them, are capitalised: capitals there say nothing of names.
TITLE_SHARE = 0.75
TITLE_WORD_CHARS = 4
TITLE_MIN_WORDS = 3
WORD_RE = re.compile(r"[^\W\d_]+")
JOINERS_RE = re.compile(r"^(?: |-| - |\. ?)$")
# A country heading at the start of a text, in capitals before a full stop
# ("CHILE.  A bomb exploded ...", "UNITED STATES.  Members of ..."): where the
# report's event took place, read like a dateline.
HEADING_RE = re.compile(r"\A[^\S\n]*([A-Z][A-Z '’-]{2,40}[A-Z])\.(?=\s)")
DATELINE_RE = re.compile(r"(?m)^[^\S\n]*[A-Z][A-Z .'’-]{2,40},[^\n]{0,80}?(?:--|–|—)")
# A dateline without a comma at the very start of a text, the wire's other
# style: "NAIROBI - ", "MEXICO CITY (Reuters) - ".  Group 1 is the place; at
# most four words in capitals, so a capitalised headline is not one.
BARE_DATELINE_RE = re.compile(
    r"\A[^\S\n]*([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:\s*\([^)\n]{1,40}\))?\s+(?:--|–|—|-)\s"
)
#: Characters around a name searched for "southern countryside of".
COUNTRYSIDE_CONTEXT_CHARS = 40
# Session 10 (issue 12): a name the text writes as a person's surname ("Trevor
# Kell, a taxi driver ...", "Adnan Zerka was shot") is that person's wherever it
# stands alone but after a locative word. Only for names of small places: a
# country, a first-level unit or a town this large behind a capitalised word is
# more often an organisation's base ("Hamas Gaza chief") than a surname.
SURNAME_MAX_POPULATION = 100_000
# An apposition after a name pair ("Trevor Kell, a taxi driver"): a comma and
# a lower-case word; without the comma the word must be one of the pack's
# surname_next verbs ("Adnan Zerka was shot", not "Aadayseh Marjayoun town").
APPOSITION_GAP = ", "


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
    fuzzy: bool = False  # found by the spelling-tolerant second chance
    in_parens: bool = False  # "(District, Province)": names an admin unit
    paren_after: tuple[int, int] | None = None  # span of a "(...)" right after it
    modifier: bool = False  # a country used as a modifier ("Burundi troops")
    locative: bool = False  # after "in", "near", "at"...
    container: bool = False  # names the unit around the previous place ("Bara in Idleb")
    comma_container: bool = False  # a container after a comma ("La Concha, Morelia")
    #: Index of the list of places it is one item of ("Michoacán, Guanajuato y
    #: Guerrero"; :func:`_mark_lists`), None outside one.
    in_list: int | None = None
    words: int = 1
    # compass bearing of "the southern countryside of Idleb" (180), else None
    countryside: float | None = None
    landmark: bool = False  # names a road, bridge or square ("the Saadnayel road")
    compound: bool = False  # half of a hyphenated name ("Pobe" of "Pobe-Mengao")
    city_part: bool = False  # "the Santa Cecilia neighborhood": a part of some town
    title: bool = False  # in a title-case line, whose capitals say nothing
    best: Place | None = None
    score: float = 0.0


@dataclass
class TextPlaces:
    """Everything place-related found in one text."""

    mentions: list[PlaceMention] = field(default_factory=list)
    upper: bool = False  # ALL-CAPS wire text
    demonym_countries: dict[str, int] = field(default_factory=dict)  # code -> first offset
    # countries named only inside a longer proper name ("Kenya Electricity Generating
    # Company"): the fall-back of a text with no place, no cue and no demonym
    name_countries: dict[str, int] = field(default_factory=dict)  # code -> first offset
    cues: list[tuple[int, Cue]] = field(default_factory=list)  # actor cues, text order
    # session 11: armed groups' home countries ("Hamas", "ETA"): the fall-back of a
    # text with no place, cue or demonym; no vote, no ranking context (they act abroad)
    home_countries: dict[str, int] = field(default_factory=dict)  # code -> first offset
    # session 14: demonyms of a place or of people attacked at home ("Ethiopian raiders
    # attack Kenyan villagers"): a text with no place is in that country first
    local_countries: dict[str, int] = field(default_factory=dict)  # code -> first offset
    # session 14: "the capital", "Kenya's capital": (offset, the country if written,
    # a near word among the three words before: "outside the capital")
    capital_at: list[tuple[int, str | None, bool]] = field(default_factory=list)
    gazetteer: Gazetteer | None = None
    east_jerusalem: bool = False  # the text says "east(ern) Jerusalem"
    words: PlaceWords | None = None  # the language pack's place cues the text was read with
    heading: bool = False  # the text opens with a country heading ("PERU.  A bomb ...")
    # where the text's datelines end ("MORELIA, Mich.- "): cues before it name the
    # place of filing (a state's abbreviation), not the event's
    dateline_end: int = 0


def is_upper_text(text: str) -> bool:
    """True if the text is (nearly) ALL UPPER CASE."""
    return upper_share(text[:5000]) >= UPPER_TEXT_SHARE


def find_places(text: str, gaz: Gazetteer, locale: Locale | None = None) -> TextPlaces:
    """Find the place mentions and demonyms of *text* (read with *locale*'s place cues)."""
    w = place_words(locale)
    upper = is_upper_text(text)
    toks = list(_split_possessives(tokens(text), w))
    if not upper:
        toks = _bare_possessives(toks, gaz, w)
    # the place part of each dateline: up to its first comma ("SAN JOSE (COSTA RICA),")
    found = list(DATELINE_RE.finditer(text))
    starts = {m.start() for m in found}
    found += [m for m in w.dateline.finditer(text) if m.start() not in starts]
    datelines = [(m.start(), text.index(",", m.start())) for m in found]
    sources = [(text.index(",", m.start()), m.end()) for m in found]
    bare = None if found or upper else BARE_DATELINE_RE.match(text)
    if bare is not None:
        datelines.append((bare.start(1), bare.end(1)))
        sources.append((bare.end(1), bare.end()))
    cues = find_cues(text, locale)
    out = TextPlaces(
        dateline_end=max((e for _, e in sources), default=0),
        upper=upper,
        cues=[(at, cue) for at, cue in cues if not cue.home],
        gazetteer=gaz,
        east_jerusalem=w.east_jerusalem.search(text) is not None,
        words=w,
    )
    for at, cue in cues:
        if cue.home:
            out.home_countries.setdefault(cue.country_code, at)
    heading = None if upper else _country_heading(text, gaz)
    if heading is not None:
        out.mentions.append(heading)
        out.heading = True
    chain = _chains(text, toks)
    titles = [] if upper else title_lines(text)
    domestic: dict[str, tuple[int, str]] = {}  # code -> (offset, "Kenyan police")
    countries = gaz.country_keys
    i = 0
    while i < len(toks):
        if heading is not None and toks[i][1] < heading.end:
            i += 1
            continue
        matched = 0
        longest = min(MAX_NGRAM, chain[i])
        title = any(s <= toks[i][1] < e for s, e in titles)
        exact_n, exact_key = _exact_match(text, toks, i, longest, gaz, upper, w, title)
        if not upper:  # a longer name spelled differently beats a shorter exact one
            # (a postal village only: "Marinka" is also read as the town "Mar'yinka")
            postal_only = exact_n > 0 and gaz.postal_only(exact_key)
            shortest = exact_n if postal_only else exact_n + 1
            matched = _fuzzy_match(
                text, toks, i, longest, gaz, datelines, out, w, shortest, title
            )
        if not matched and exact_n and any(s <= toks[i][1] < e for s, e in sources):
            matched = exact_n  # "(RADIO VENCEREMOS) --": the source, not a place
        elif not matched and exact_n:
            start, end = toks[i][1], toks[i + exact_n - 1][2]
            out.mentions.append(
                _mention(text, toks, i, exact_n, exact_key, gaz, start, end, datelines, w)
            )
            out.mentions[-1].title = title
            matched = exact_n
        if matched:
            i += matched
            continue
        code = w.demonyms.get(toks[i][0])
        if code is None and toks[i][0][-1:] == "s" and (upper or toks[i][3][:1].isupper()):
            code = _people(toks[i], gaz, w, upper)  # gated: this runs for every word
        if code is None and not upper and toks[i][3][:1].isupper() and toks[i][0] in countries:
            # "Kenya Power", "Narc Kenya": a country's name not read as a place
            out.name_countries.setdefault(countries[toks[i][0]], toks[i][1])
        nxt = next_token(toks, i + 1)
        if nxt and text[toks[i][2] : nxt[1]] == "-" and nxt[0] in w.demonym_agent_suffixes:
            code = None  # "Saudi-led coalition": says who, not where
        if code and (upper or toks[i][3][0].isupper()):
            out.demonym_countries.setdefault(code, toks[i][1])
            if nxt and nxt[0] in w.domestic_next and code not in domestic:
                # issue 12: "Kenyan police" act at home: a cue of the country
                domestic[code] = (toks[i][1], toks[i][3] + " " + nxt[3])
            if _local_demonym(text, toks, i, w):
                out.local_countries.setdefault(code, toks[i][1])
        i += 1
    if not upper:
        out.capital_at = _capital_words(toks, w, countries)
    if domestic:
        found_cues = [
            (at, Cue(re.escape(name), code, domestic=True)) for code, (at, name) in domestic.items()
        ]
        out.cues = sorted(out.cues + found_cues, key=lambda oc: oc[0])
    if out.cues or out.home_countries:
        # words inside an actor's name ("al-Shabab") name no place, unless one of
        # the cue's own country ("Donbas", the Luhansk villages' row)
        spans = cue_spans(text, locale)
        out.mentions = [
            m
            for m in out.mentions
            if not any(
                s < m.end
                and m.start < e
                and all(c.country_code != cue.country_code for c in m.candidates)
                for s, e, cue in spans
            )
        ]
    if not upper:
        _drop_surnames(text, toks, out, gaz, w, titles)
        _mark_containers(text, out.mentions, w)
        _mark_lists(text, out.mentions, w)
    return out


def _small_places(candidates: tuple[Place, ...]) -> bool:
    """True if no candidate is a country, a first-level unit or a town of
    SURNAME_MAX_POPULATION people or more."""
    return all(
        c.kind not in ("country", "admin1") and c.population < SURNAME_MAX_POPULATION
        for c in candidates
    )


def _drop_surnames(
    text: str,
    toks: list[Token],
    out: TextPlaces,
    gaz: Gazetteer,
    w: PlaceWords,
    titles: list[tuple[int, int]],
) -> None:
    """Drop the one-word mentions, not after a locative word, of a name the text
    writes as a person's surname: after a capitalised word that names no place
    or only small ones (a given name: "Trevor Kell", "Alfonso Ucar") and before an apposition or a
    verb (", a", " was"). See SURNAME_MAX_POPULATION."""
    keys = {
        m.key
        for m in out.mentions
        if m.words == 1
        and not m.locative
        and not m.dateline
        and not m.title
        and _small_places(m.candidates)
    }
    if not keys:
        return
    surnames = set()
    for j in range(1, len(toks)):
        tok = toks[j]
        if tok[0] not in keys or tok[0] in surnames:
            continue
        given, nxt = toks[j - 1], next_token(toks, j + 1)
        if not (
            given[3][:1].isupper()
            and not given[3].isupper()
            and given[3].isalpha()
            and adjacent(text, given, tok)
            and (given[0] not in gaz.keys or _small_places(gaz.candidates(given[0])))
            and given[0] not in w.not_given_names
            and not any(s <= tok[1] < e for s, e in titles)
        ):
            continue
        if nxt is None or not nxt[3][:1].islower():
            continue
        gap = text[tok[2] : nxt[1]]
        if gap == APPOSITION_GAP or (gap == " " and nxt[0] in w.surname_next):
            surnames.add(tok[0])  # "Trevor Kell, a ...", "Adnan Zerka was shot"
    if surnames:
        out.mentions = [
            m for m in out.mentions if not (m.key in surnames and m.words == 1 and not m.locative)
        ]


#: A comma between two items of a list of places.
LIST_COMMA = re.compile(r"^\s*,\s*$")


def _mark_lists(text: str, mentions: list[PlaceMention], w: PlaceWords) -> None:
    """Mark the items of each list of places: names joined by commas whose last
    two the pack's ``places.list_gap`` joins ("Michoacán, Guanajuato, BC y
    Guerrero", "Guerrero y Chihuahua"): siblings, none the context of another
    (:func:`blotter.geo.resolve._admin_contexts`)."""
    run: list[PlaceMention] = []
    lists = 0
    for a, b in pairwise(mentions):
        gap = text[a.end : b.start]
        if len(gap) > CONTAINER_GAP_CHARS:
            run = []
        elif LIST_COMMA.match(gap):
            run = (run or [a]) + [b]
        elif w.list_gap.match(gap):
            for m in (run or [a]) + [b]:
                m.in_list = lists
            lists += 1
            run = []
        else:
            run = []


def _mark_containers(text: str, mentions: list[PlaceMention], w: PlaceWords) -> None:
    """Flag each mention that names the unit around the mention before it
    ("Bara in Idleb": the pack's ``places.container_gap``)."""
    for a, b in pairwise(mentions):
        gap = text[a.end : b.start]
        if len(gap) <= CONTAINER_GAP_CHARS and w.container_gap.match(gap):
            b.container = True
            b.comma_container = gap.lstrip().startswith(",")


def _country_heading(text: str, gaz: Gazetteer) -> PlaceMention | None:
    """The country heading that opens *text* (HEADING_RE), as a dateline mention."""
    found = HEADING_RE.match(text)
    if found is None:
        return None
    key = normalise(found.group(1))
    countries = tuple(c for c in gaz.candidates(key) if c.kind == "country")
    if not countries:
        return None
    start, end = found.span(1)
    return PlaceMention(
        start, end, found.group(1), key, countries, dateline=True, words=len(key.split())
    )


def title_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of *text* written in title case (see TITLE_SHARE)."""
    out = []
    start = 0
    for line in text.split("\n"):
        long_words = [x for x in WORD_RE.findall(line) if len(x) >= TITLE_WORD_CHARS]
        capitalised = sum(x[0].isupper() for x in long_words)
        if len(long_words) >= TITLE_MIN_WORDS and capitalised >= TITLE_SHARE * len(long_words):
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _exact_match(
    text: str,
    toks: list[Token],
    i: int,
    longest: int,
    gaz: Gazetteer,
    upper: bool,
    w: PlaceWords,
    title: bool = False,
) -> tuple[int, str]:
    """The longest acceptable indexed name starting at token *i*: (words, key), or (0, "")."""
    # No key is longer than the words that still start one (at *i*, or after an article)
    reach = _reach(toks, i, longest, gaz)
    if reach < longest and not upper and i + 1 < len(toks) and _article(text, toks, i, w):
        reach = max(reach, _reach(toks, i + 1, longest - 1, gaz) + 1)
    for n in range(min(longest, reach), 0, -1):
        key = " ".join(t[0] for t in toks[i : i + n])
        if key not in gaz.keys and n > 1 and not upper and _article(text, toks, i, w):
            key = key.split(" ", 1)[1]  # "Ar-Raqqa" -> "raqqa"
        if key in gaz.keys and acceptable(text, toks, i, n, key, gaz, upper, w, title):
            return n, key
    return 0, ""


def _reach(toks: list[Token], i: int, longest: int, gaz: Gazetteer) -> int:
    """How many words from token *i* (at most *longest*) still spell a key or its start."""
    words = ""
    for n in range(1, longest + 1):
        words = toks[i][0] if n == 1 else f"{words} {toks[i + n - 1][0]}"
        if not gaz.known_start(words):
            return n - 1
    return longest


def _fuzzy_match(
    text: str,
    toks: list[Token],
    i: int,
    longest: int,
    gaz: Gazetteer,
    datelines: list[tuple[int, int]],
    out: TextPlaces,
    w: PlaceWords,
    min_n: int = 1,
    title: bool = False,
) -> int:
    """Second chance for a capitalised name absent from the index: look it up by
    its spelling-tolerant key ("Al-Hasakeh" -> "Al Hasakah"); returns words used."""
    for n in range(longest, min_n - 1, -1):
        words = toks[i : i + n]
        if not (words[0][3][0].isupper() and words[-1][3][0].isupper()):
            continue
        key = " ".join(t[0] for t in words)
        if key in gaz.keys and not gaz.postal_only(key):
            continue  # indexed as spelled (but not acceptable here)
        if _hyphen_joined(text, toks, i - 1, i) or _hyphen_joined(text, toks, i + n - 1, i + n):
            continue  # "Mbuji-Mayi Kasai-Oriental": not "Mayi Kasai"
        if n > 1 and _crosses_stop(text, words):
            continue  # "in Lima. A car...": a sentence ends inside the span
        if n > 1 and words[-1][0] in ADMIN_WORDS and _names_unit(key.rsplit(" ", 1)[0], gaz):
            continue  # "Lamu County" is the county Lamu, not "Lemhi County"
        if title and not (i > 0 and toks[i - 1][0] in w.locative):
            continue  # title case capitalises every word: "Rebels Stall Cano Limon" is no Kano
        core = " ".join(w for w in key.split() if w not in ARTICLES)
        if n == 1 and (
            key in w.stop_words
            or key in w.calendar
            or w.zipf(key) >= FUZZY_MAX_ZIPF
            or words[0][3].isupper()
            or (key[-1:] == "s" and _people(words[0], gaz, w, False) is not None)  # "Kenyas"
        ):
            continue
        similar = [
            k
            for k in gaz.fuzzy_matches(key)
            if ratio(core, " ".join(w for w in k.split() if w not in ARTICLES)) >= FUZZY_MIN_RATIO
            # postal villages: one-word names only ("Chenpur" ~ "Chainpur"); a longer
            # span reads across words ("Dar'a. The", "Mansura in Ar")
            and (n == 1 or k == key or not gaz.postal_only(k))
        ]
        if similar in ([], [key]) or not acceptable(
            text, toks, i, n, similar[0], gaz, False, w, title
        ):
            continue
        start, end = words[0][1], words[-1][2]
        m = _mention(text, toks, i, n, similar[0], gaz, start, end, datelines, w)
        seen: dict[int, Place] = {}
        for k in similar:
            seen.update((p.id, p) for p in gaz.candidates(k) if n == 1 or k == key or not p.postal)
        m.candidates = tuple(seen.values())
        m.fuzzy = True
        m.title = title
        out.mentions.append(m)
        return n
    return 0


def _article(text: str, toks: list[Token], i: int, w: PlaceWords) -> bool:
    """True if token *i* is an Arabic article before a name: "al"/"el" in any
    case, "at", "as", "an"... (also English words) only capitalised or hyphened."""
    word, surface = toks[i][0], toks[i][3]
    if word not in ARTICLES:
        return False
    if word in w.article_words:
        return surface[:1].isupper() or _hyphen_joined(text, toks, i, i + 1)
    return True


def _word_of(toks: list[Token], i: int, heads: frozenset[str], w: PlaceWords) -> bool:
    """True if token *i* follows one of *heads* and the pack's link word ("south
    of X", "the state of X", "el estado de X")."""
    return i >= 2 and toks[i - 1][0] in w.compass_link and toks[i - 2][0] in heads


def _compass_of(toks: list[Token], i: int, w: PlaceWords) -> bool:
    """True after "south of", "north-west of"...: near the place, not in it."""
    return _word_of(toks, i, w.compass, w)


def _compound_part(text: str, toks: list[Token], i: int, n: int) -> bool:
    """True if tokens i..i+n-1 are hyphen-joined to a capitalised word before or
    after them: part of a compound name ("Pobe" of "Pobe-Mengao")."""
    return (i > 0 and _hyphen_joined(text, toks, i - 1, i) and toks[i - 1][3][:1].isupper()) or (
        i + n < len(toks)
        and _hyphen_joined(text, toks, i + n - 1, i + n)
        and toks[i + n][3][:1].isupper()
    )


def _crosses_stop(text: str, words: list[Token]) -> bool:
    """True if a full stop and a space part two of *words* ("Lima. A", "Baghdad. At"):
    a spelling-tolerant span never reads across a sentence end."""
    return any(text[a[2] : b[1]] == ". " for a, b in pairwise(words))


def _hyphen_joined(text: str, toks: list[Token], a: int, b: int) -> bool:
    """True if tokens *a* and *b* are two halves of one hyphenated word."""
    if a < 0 or b >= len(toks):
        return False
    return text[toks[a][2] : toks[b][1]] == "-"


def _countryside(text: str, start: int, end: int, after_word: str, w: PlaceWords) -> float | None:
    """Bearing of the part of a place's countryside the text names around it."""
    before = w.countryside_before.search(text[max(0, start - COUNTRYSIDE_CONTEXT_CHARS) : start])
    if before is not None:
        groups = before.groups()
        # "southern Idleb countryside" needs the word after; "... countryside of Idleb" not
        if groups[0] is None and after_word not in w.countryside:
            return None
        main, minor = (groups[0], groups[1]) if groups[0] is not None else (groups[2], groups[3])
    else:
        after = w.countryside_after.match(text[end : end + COUNTRYSIDE_CONTEXT_CHARS])
        if after is None:
            return None
        main, minor = after.group(1), after.group(2)
    bearing = w.bearings[main.lower()]
    if minor:  # "north-western": halfway between north and west
        other = w.bearings[minor.lower()]
        if bearing == 0.0 and other == 270.0:
            return 315.0
        return (bearing + other) / 2
    return bearing


def _split_possessives(toks: object, w: PlaceWords) -> list[Token]:
    """Turn "Mexico's" into "Mexico" (the possessive is not part of the name)."""
    out: list[Token] = []
    ends = w.possessives
    for norm, start, end, surface in toks:  # type: ignore[attr-defined]
        low = surface.lower()
        # one C-level test per word; which suffix only for the few that have one
        suffix = next((x for x in ends if low.endswith(x)), None) if low.endswith(ends) else None
        if suffix and len(surface) > len(suffix) + 1:
            cut = len(suffix)
            out.append((norm[: -(cut - 1)], start, end - cut, surface[:-cut]))
        else:
            out.append((norm, start, end, surface))
    return out


# --- issue 12: possessives written without the apostrophe ("Nairobis CBD",
# "Manderas main market", as ACLED's Kenya notes and hurried copy write them).
#: Shortest such word ("Nakurus"): shorter ones are plural words or names.
BARE_POSSESSIVE_MIN_CHARS = 6
#: A stem this common in English is a word, not a place ("Marines", "Kurds").
BARE_POSSESSIVE_MAX_ZIPF = 3.0
#: The stem must name a unit or a town at least this large (a village's name
#: plus "s" is as likely a surname or a plural).
BARE_POSSESSIVE_MIN_POPULATION = 5_000


# issue 12 (session 8): the shortest plural of a demonym read as its people
# ("Kenyans", "Iraqis"); shorter words ending in "s" are not plurals of one.
PLURAL_DEMONYM_MIN_CHARS = 5


def _capital_words(
    toks: list[Token], w: PlaceWords, countries: Mapping[str, str]
) -> list[tuple[int, str | None, bool]]:
    """Offsets of the pack's capital words written in lower case after one of
    ``capital_prev``, a demonym or a country's possessive ("Kenya's capital", "the
    Kenyan capital": with that country's code), and not before a noun they modify
    ("capital punishment"); with whether a near word is among the three words
    before it ("outside the capital", "the outskirts of the capital")."""
    out: list[tuple[int, str | None, bool]] = []
    for j in range(1, len(toks)):
        norm, start, _, surface = toks[j]
        if norm not in w.capital_words or not surface.islower():
            continue
        prev, nxt = toks[j - 1][0], next_token(toks, j + 1)
        if nxt is not None and nxt[0] in w.capital_not_next:
            continue
        near = any(t[0] in w.near for t in toks[max(0, j - 4) : j - 1])
        if prev in w.capital_prev:
            out.append((start, None, near))
        elif prev in w.demonyms:
            out.append((start, w.demonyms[prev], near))
        elif prev in countries:  # "Kenya's capital" (the possessive split off)
            out.append((start, countries[prev], near))
        elif prev[-1:] == "s" and prev[:-1] in countries:  # "Kenyas capital"
            out.append((start, countries[prev[:-1]], near))
    return out


def _local_demonym(text: str, toks: list[Token], i: int, w: PlaceWords) -> bool:
    """True if the demonym at token *i* stands before a word of ``local_next``, or
    before one lower-case word and then one ("a Kenyan border town")."""
    nxt = next_token(toks, i + 1)
    if nxt is None or not adjacent(text, toks[i], nxt):
        return False
    if nxt[0] in w.local_next:
        return True
    after = next_token(toks, i + 2)
    return (
        after is not None
        and nxt[3].islower()
        and adjacent(text, nxt, after)
        and after[0] in w.local_next
    )


def _names_unit(key: str, gaz: Gazetteer) -> bool:
    """True if *key*, as spelled, names a first- or second-level unit."""
    return key in gaz.keys and any(c.kind in ("admin1", "admin2") for c in gaz.candidates(key))


def _people(tok: Token, gaz: Gazetteer, w: PlaceWords, upper: bool) -> str | None:
    """The country a capitalised plural or possessive not read as a place tells,
    as a demonym does: a people ("Kenyans take to the streets", "wounding three
    Iraqis") or a country's possessive written without its apostrophe ("Kenyas
    judiciary", "Somalias al-Shabaab": whose, not where)."""
    norm, surface = tok[0], tok[3]
    if norm[-1:] != "s" or len(norm) < PLURAL_DEMONYM_MIN_CHARS:
        return None
    if not (upper or surface[:1].isupper()):
        return None
    code = w.demonyms.get(norm[:-1])
    if code is not None:
        return code
    code = gaz.country_keys.get(norm[:-1])
    country = gaz.country(code) if code is not None else None
    # spelled as the country is, accents included: "Francés", "Cañadas" are no possessives
    return code if country is not None and surface[:-1] == country.name else None



def _bare_possessives(toks: list[Token], gaz: Gazetteer, w: PlaceWords) -> list[Token]:
    """Read "Nairobis" as "Nairobi": a capitalised word ending in "s" that no
    key spells, whose stem names a rare-word unit or sizeable town."""
    out = toks
    keys = gaz.keys
    # a comprehension first: this runs over every token of every text
    hits = [
        j
        for j, t in enumerate(toks)
        if t[0][-1:] == "s" and t[0][:-1] in keys and t[0] not in keys
    ]
    for j in hits:
        norm, start, end, surface = toks[j]
        if (
            len(surface) < BARE_POSSESSIVE_MIN_CHARS
            or not surface[0].isupper()
            or surface.isupper()
        ):
            continue
        stem = norm[:-1]
        if gaz.keys[stem] >= BARE_POSSESSIVE_MAX_ZIPF or w.zipf(norm) >= BARE_POSSESSIVE_MAX_ZIPF:
            continue
        if stem in w.demonyms or not any(
            c.kind in ("admin1", "admin2") or c.population >= BARE_POSSESSIVE_MIN_POPULATION
            for c in gaz.candidates(stem)
        ):
            continue
        if out is toks:
            out = list(toks)
        out[j] = (stem, start, end - 1, surface[:-1])
    return out


# --- end of bare possessives


def _chains(text: str, toks: list[Token]) -> list[int]:
    """For each token, how many tokens from it on are joined into one possible name."""
    chain = [1] * len(toks)
    for j in range(len(toks) - 2, -1, -1):
        if JOINERS_RE.match(text[toks[j][2] : toks[j + 1][1]]):
            chain[j] = chain[j + 1] + 1
    return chain


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
    w: PlaceWords,
) -> PlaceMention:
    """Build a mention with the cues around it."""
    before = {t[0] for t in toks[max(0, i - 3) : i]}
    after = next_token(toks, i + n)
    after_word = after[0] if after and after[1] - end <= 2 else ""
    prev = prev_token(toks, i)
    opened = text.rfind("(", 0, start)
    in_parens = opened >= 0 and text.find(")", opened) >= end and "\n" not in text[opened:start]
    paren_after = None
    rest = text[end : end + 30]
    for word in w.unit_words:
        if rest.lower().startswith(" " + word):
            rest = rest[len(word) + 1 :]
            break
    if rest.startswith(" (") and ")" in text[end : end + 120]:
        p_start = end + text[end:].index("(")
        paren_after = (p_start, text.index(")", p_start))
    landmark_next = after_word in w.landmark_next  # "on the Damboa road": near Damboa
    # "the Eldoret-based Mirror Weekly": where a thing is based, outranked by any place
    based = after is not None and after[0] in w.located_suffixes and text[end : after[1]] == "-"
    # "Maseno University" (issue 12): named after a place, maybe after a person
    # ("McGill University"): a landmark, which any other place of the text outranks
    institution = (
        after is not None
        and after[0] in w.institution_next
        and text[end : after[1]] == " "
        and after[3][:1].isupper()
    )
    # session 6: "in the Las Cumbres neighborhood" names a part of a town the index
    # rarely holds (its namesakes lie elsewhere): a town of the text outranks it
    city_part = after_word in w.city_part_next
    modifier = (
        (after is not None and after[0] in w.country_modifier_next)
        or (prev is not None and prev[0] in w.country_modifier_prev)
        or (  # "fired from the Gaza Strip at Sderot": an origin, after a stop word ("the")
            prev is not None
            and prev[0] in w.stop_words
            and (pp := prev_token(toks, i - 1)) is not None
            and pp[0] in w.origin_prev
        )
        or key in w.always_modifier
        or (prev is not None and text[prev[2] : start] == "-" and prev[0] in w.demonyms)
    )  # "Yemeni-Saudi border"
    return PlaceMention(
        start,
        end,
        text[start:end],
        key,
        gaz.candidates(key),
        countryside=_countryside(text, start, end, after_word, w),
        landmark=landmark_next or institution or based,
        city_part=city_part,
        compound=_compound_part(text, toks, i, n),
        near=bool(before & w.near)
        or _compass_of(toks, i, w)
        or unit_part_after(text, toks, i + n, key, gaz, w)  # "Kericho West subcounty"
        or after_word in w.near_after
        or landmark_next
        or bool(w.near_before_all and w.near_before_all <= before),
        dateline=any(s <= start < e for s, e in datelines),
        admin_word=after_word in ADMIN_WORDS
        or after_word in w.governor
        or after_word in w.countryside
        or _word_of(toks, i, w.admin_before, w),  # "the state of X": the unit
        city_word=after_word in w.city,
        in_parens=in_parens,
        paren_after=paren_after,
        modifier=modifier,
        locative=prev is not None
        and (
            prev[0] in w.locative
            or (
                prev[0] in ARTICLES
                and (pp := prev_token(toks, i - 1)) is not None
                and pp[0] in w.locative
            )
        ),
        words=n,
    )
