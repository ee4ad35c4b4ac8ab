"""Find place mentions in text: gazetteer n-gram look-up with filters.

Works on mixed-case and ALL-UPPER-CASE text alike: every token n-gram is one
dict look-up; capitalisation is used only where the text has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.fuzz import ratio
from wordfreq import zipf_frequency

from blotter.geo.cues import Cue, cue_spans, find_cues
from blotter.geo.gazetteer import Gazetteer, Place
from blotter.geo.names import ADMIN_WORDS, ARTICLES, normalise, tokens, upper_share
from blotter.lang import Locale, default_locale

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
# In ALL-CAPS text a one-word name at least this frequent in English ("COUNTRY",
# "UNITY") is never taken as a place, whatever it names.
UPPER_NEVER_ZIPF = 5.0
# A name common only in the text's language (Spanish zipf: "morelia" 3.6,
# "tijuana" 3.8, "roban" 3.3) is still a place when a town this large bears it.
PACK_WORD_PLACE_POPULATION = 250_000
# A word this common ("car" 5.45, "american" 5.49; "california" 5.0) names a
# country or first-level unit only as its own name, not as an alternate of one
# ("Car bomb explodes": the Central African Republic's "CAR"; "American family").
ALIAS_WORD_ZIPF = 5.25
# A one-word name known only as a postal-code village must be rarer than this
# in English (wordfreq zipf): such villages are countless, and a capitalised word
# ("Colony", "Victory") is rather the word than a hamlet.
POSTAL_MAX_ZIPF = 3.0
# An all-caps word this short in mixed-case text is an acronym, not a place.
MAX_ACRONYM_CHARS = 5
# Share of upper-case letters above which a text is treated as ALL CAPS (wire copy).
UPPER_TEXT_SHARE = 0.8

# A second-chance (spelling-tolerant) match must also be this similar (rapidfuzz
# ratio, 0-100, articles removed) to the gazetteer name: the tolerant key alone
# folds too much for short names ("Dhale" ~ "Delhi").
FUZZY_MIN_RATIO = 75.0
# A one-word name tried spelling-tolerantly must be rarer than this in English
# (wordfreq zipf), so ordinary capitalised words do not turn into places.
FUZZY_MAX_ZIPF = 2.5
# The language of the word frequencies the gazetteer stores per name
# (gazetteer_build.py); a pack of another language also asks its own list.
GAZETTEER_FREQUENCY_LANGUAGE = "en"
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
#: A city this large named after "in" is a place even before a capitalised word
#: ("in Nairobi Anna Tibaijuka's convoy was stopped"): such names rarely start another.
BIG_LOCATIVE_POPULATION = 500_000
#: What may part a town from its state's abbreviation ("Tijuana BC", "La Paz, BCS").
AFTER_TOWN_GAPS = (" ", ", ")
#: Longest unit or town name, in words, read beside another ("Los Reyes Michoacán").
JUXTAPOSED_UNIT_WORDS = 3
#: Characters before a name searched for an organisation's head ("cártel de").
ORG_BEFORE_CHARS = 60
#: Characters around a name searched for "southern countryside of".
COUNTRYSIDE_CONTEXT_CHARS = 40


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
    locative: frozenset[str]
    near: frozenset[str]
    near_after: frozenset[str]
    near_before_all: frozenset[str]
    compass_link: frozenset[str]
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
    #: The pack's own dateline form (case-sensitive, holding a comma), read
    #: besides the wire form of DATELINE_RE: "CULIACÁN, Sin.-".
    dateline: re.Pattern[str]
    #: Text right before a name that makes it part of an organisation's name, the
    #: head first: "cárteles de Juárez y Sinaloa" (never matches in English).
    org_before: re.Pattern[str] = re.compile(r"(?!)")
    #: The head words of *org_before* alone, searched once per text (CPU).
    org_head: re.Pattern[str] = re.compile(r"(?!)")
    # issue 12: words of geo/data/name_context.toml for the pack's language
    #: "Maseno University": a capitalised word after the name that keeps it a place.
    institution_next: frozenset[str] = frozenset()
    #: "Lake Naivasha": a capitalised word before the name that keeps it a place.
    feature_prev: frozenset[str] = frozenset()
    #: "Kenyan police": a demonym before one of these is a cue of its country.
    domestic_next: frozenset[str] = frozenset()
    #: "fired from the Gaza Strip": a word before the article that makes the place an origin.
    origin_prev: frozenset[str] = frozenset()
    #: "the Santa Cecilia neighborhood": a part of a city, named as a landmark.
    city_part_next: frozenset[str] = frozenset()
    #: "the Eldoret-based weekly": a hyphened word after a name that places a thing there.
    located_suffixes: frozenset[str] = frozenset()

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
        locative=w("places.locative"),
        near=w("places.near_words"),
        near_after=w("places.near_after"),
        near_before_all=w("places.near_before_all"),
        compass_link=w("places.compass_link"),
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
        dateline=re.compile(loc.pattern("places.dateline")),
        org_before=re.compile(loc.pattern("places.org_before")),
        org_head=re.compile(loc.pattern("places.org_head")),
        institution_next=_name_context(loc.code, "institution_next"),
        feature_prev=_name_context(loc.code, "feature_prev"),
        domestic_next=_name_context(loc.code, "domestic_next"),
        city_part_next=_name_context(loc.code, "city_part_next"),
        located_suffixes=_name_context(loc.code, "located_suffixes"),
        origin_prev=w("places.origin_prev"),
    )


#: Words around a name that keep it a place (per language code; issue 12).
NAME_CONTEXT_FILE = "name_context.toml"


def _name_context(code: str, key: str) -> frozenset[str]:
    """One word set of ``data/name_context.toml`` for language *code* (empty if absent)."""
    import tomllib

    from blotter.geo.rules import data_file

    table = tomllib.loads(data_file(NAME_CONTEXT_FILE).read_text("utf-8")).get(code, {})
    return frozenset(str(x).lower() for x in table.get(key, ()))


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
    cues: list[tuple[int, Cue]] = field(default_factory=list)  # actor cues, text order
    gazetteer: Gazetteer | None = None
    east_jerusalem: bool = False  # the text says "east(ern) Jerusalem"
    words: PlaceWords | None = None  # the language pack's place cues the text was read with
    heading: bool = False  # the text opens with a country heading ("PERU.  A bomb ...")


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
    out = TextPlaces(
        upper=upper,
        cues=find_cues(text, locale),
        gazetteer=gaz,
        east_jerusalem=w.east_jerusalem.search(text) is not None,
        words=w,
    )
    heading = None if upper else _country_heading(text, gaz)
    if heading is not None:
        out.mentions.append(heading)
        out.heading = True
    chain = _chains(text, toks)
    titles = [] if upper else title_lines(text)
    domestic: dict[str, tuple[int, str]] = {}  # code -> (offset, "Kenyan police")
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
        nxt = _next(toks, i + 1)
        if nxt and text[toks[i][2] : nxt[1]] == "-" and nxt[0] in w.demonym_agent_suffixes:
            code = None  # "Saudi-led coalition": says who, not where
        if code and (upper or toks[i][3][0].isupper()):
            out.demonym_countries.setdefault(code, toks[i][1])
            if nxt and nxt[0] in w.domestic_next and code not in domestic:
                # issue 12: "Kenyan police" act at home: a cue of the country
                domestic[code] = (toks[i][1], toks[i][3] + " " + nxt[3])
        i += 1
    if domestic:
        found_cues = [
            (at, Cue(re.escape(name), code, domestic=True)) for code, (at, name) in domestic.items()
        ]
        out.cues = sorted(out.cues + found_cues, key=lambda oc: oc[0])
    if out.cues:
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
        _mark_containers(text, out.mentions, w)
    return out


Token = tuple[str, int, int, str]


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
        if key in gaz.keys and _acceptable(text, toks, i, n, key, gaz, upper, w, title):
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
        if title and not (i > 0 and toks[i - 1][0] in w.locative):
            continue  # title case capitalises every word: "Rebels Stall Cano Limon" is no Kano
        core = " ".join(w for w in key.split() if w not in ARTICLES)
        if n == 1 and (
            key in w.stop_words
            or key in w.calendar
            or w.zipf(key) >= FUZZY_MAX_ZIPF
            or words[0][3].isupper()
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
        if similar in ([], [key]) or not _acceptable(
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


def _compass_of(toks: list[Token], i: int, w: PlaceWords) -> bool:
    """True after "south of", "north-west of"...: near the place, not in it."""
    return i >= 2 and toks[i - 1][0] in w.compass_link and toks[i - 2][0] in w.compass


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


def _names_country(key: str, gaz: Gazetteer) -> bool:
    """True if *key* names a country."""
    return any(c.kind == "country" for c in gaz.candidates(key))


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
    text: str,
    toks: list[Token],
    i: int,
    n: int,
    key: str,
    gaz: Gazetteer,
    upper: bool,
    w: PlaceWords,
    title: bool = False,
) -> bool:
    """Filters against common words, people and organisation names (*title*: the
    name stands in a title-case line, whose capitals say nothing of names)."""
    first, last = toks[i], toks[i + n - 1]
    nxt = _next(toks, i + n)
    # "Maseno University", "Nyeri Prison": an institution in the named place (issue 12)
    institution = nxt is not None and nxt[0] in w.institution_next and _adjacent(text, last, nxt)
    if len(key) < 3 or (
        n == 1
        and (
            key in w.stop_words
            or key in w.calendar
            or key in w.not_places
            or (key in w.demonyms and not (nxt and nxt[0] in ADMIN_WORDS))
        )
    ):
        return False  # a demonym ("Somali resident") is counted as one; "Somali region" is a place
    if _has_org_head(text, w) and w.org_before.search(
        text, max(0, first[1] - ORG_BEFORE_CHARS), first[1]
    ):
        return False  # "el Cártel de Sinaloa": an organisation named after the state
    head = toks[i + 1] if n > 1 and first[0] in ARTICLES else first  # "al-Bukamal"
    if not upper and not (head[3][0].isupper() and last[3][0].isupper()):
        return False
    if (
        not upper
        and n == 1
        and first[3].isupper()
        and len(first[3]) <= MAX_ACRONYM_CHARS
        and not _town_before(text, toks, i, key, gaz, AFTER_TOWN_GAPS)  # "La Paz, BCS"
    ):
        return False  # "GNA", "OPS": acronyms in mixed-case text
    prev = _prev(toks, i)
    if prev and prev[0] in w.stance_prefixes and text[prev[2] : first[1]] == "-":
        return False  # "pro-Hadi forces"
    if (
        nxt
        and text[last[2] : nxt[1]] == "-"
        and nxt[3].islower()
        and nxt[0] not in w.located_suffixes  # "the Eldoret-based weekly": a place
    ):
        return False  # "Saudi-led coalition", "Taliban-planted"
    if prev and prev[0] in w.titles and _adjacent(text, prev, first):
        return False  # "President Lázaro Cárdenas", "Queen Victoria"
    if nxt and (nxt[0] in w.not_place_next or (upper and nxt[0] in w.landmark_next)):
        return False  # "Molotov cocktail", "SAN MARTIN STREET"
    if nxt and _adjacent(text, last, nxt) and nxt[0] in w.org_heads and not institution:
        return False  # "Jalisco New Generation Cartel" is handled below; "Gaza Post"
    if not upper and not title:
        if (
            prev
            and _adjacent(text, prev, first)
            and prev[3][0].isupper()
            and prev[0] not in w.stop_words
            and prev[0] not in w.locative
            and prev[0] not in w.feature_prev  # "Lake Naivasha"
            and not _sentence_initial(text, prev[1])
            and not _town_before(text, toks, i, key, gaz)  # "Celaya Guanajuato"
        ):
            return False  # "Octavio Paz": the end of a longer proper name
        before = _prev(toks, i - 1)
        if (
            prev
            and before
            and prev[0] in ARTICLES
            and prev[3].islower()
            and _adjacent(text, prev, first)
            and _adjacent(text, before, prev)
            and before[3][0].isupper()
            and not _sentence_initial(text, before[1])
        ):
            return False  # "Ahrar al Sharqiyah", "Asaib ahl al Haq": an organisation
        if (
            nxt
            and _adjacent(text, last, nxt)
            and nxt[3][0].isupper()
            and nxt[0] not in ADMIN_WORDS
            and nxt[0] not in w.governor
            and nxt[0] not in w.city
            and nxt[0] not in w.stop_words
            and nxt[0] not in w.landmark_next  # "Hama Airbase", "Saadnayel Road"
            and not (nxt[0] in w.country_body and _names_country(key, gaz))
            and not institution
            and not _unit_after(text, toks, i + n, key, gaz)  # "Mier Tamaulipas"
            and not (  # "the UN office in Nairobi Anna Tibaijuka's convoy"
                prev is not None and prev[0] in w.locative and _big_place(key, gaz)
            )
        ):
            return False  # "Jalisco New Generation Cartel", "Luhansk People's Militia"
    elif upper:
        window = toks[i + n : i + n + 3]
        if any(t[0] in w.org_heads for t in window):
            return False
    locative = prev is not None and prev[0] in w.locative
    person_verb = (
        nxt is not None
        and nxt[0] in w.person_verbs
        and not (nxt[0] in w.wire_person_verbs and upper)
    )
    if (
        person_verb
        and not locative
        and not any(c.kind in ("country", "admin1") for c in gaz.candidates(key))
    ):
        return False  # "Victoria said", "Paz, who"
    if n == 1 and upper and locative and gaz.keys.get(key, 0.0) >= COMMON_ZIPF:
        locative = False  # "IN WAR", "IN JUSTICE": a preposition proves little in ALL CAPS
    if n == 1 and upper and gaz.keys.get(key, 0.0) >= UPPER_NEVER_ZIPF:
        return False
    if (
        upper
        and key in w.surname_countries
        and not (prev and (prev[0] in w.stop_words or prev[0] in w.locative))
    ):
        return False
    if gaz.postal_only(key) and (upper or (n == 1 and gaz.keys.get(key, 0.0) >= POSTAL_MAX_ZIPF)):
        return False  # postal-only villages: see resolve._postal_admitted
    if n == 1 and not locative:
        unmarked = upper or title or _sentence_initial(text, first[1])
        zipf = english = gaz.keys.get(key, 0.0)
        if w.word_frequency not in (None, GAZETTEER_FREQUENCY_LANGUAGE):
            zipf = max(zipf, w.zipf(key))  # "Roban", "Metro": common in the text's language
        threshold = UNMARKED_COMMON_ZIPF if unmarked else COMMON_ZIPF
        if zipf >= threshold:
            # common only in the text's language: as likely the city its news names
            # often ("Morelia: 3 muertos") as a word
            size = BIG_PLACE_POPULATION if english >= threshold else PACK_WORD_PLACE_POPULATION
            big = any(
                (c.kind in ("country", "admin1") and (zipf < ALIAS_WORD_ZIPF or _own_name(c, key)))
                or (c.population >= size and _own_name(c, key))
                for c in gaz.candidates(key)
            )
            if not big:
                return False
    return True


def _juxtaposed_key(text: str, toks: list[Token], start: int, stop: int) -> str | None:
    """The key of tokens [start, stop) if they are capitalised words one space apart."""
    if start < 0 or stop > len(toks) or start >= stop:
        return None
    words = toks[start:stop]
    if not all(t[3][:1].isupper() for t in words):
        return None
    if any(not _adjacent(text, a, b) for a, b in pairwise(words)):
        return None
    return " ".join(t[0] for t in words)


def _unit_after(text: str, toks: list[Token], j: int, key: str, gaz: Gazetteer) -> bool:
    """True if the capitalised words from token *j* name a unit holding a place of
    *key*: "Mier Tamaulipas", "Los Reyes Michoacán" (a town, then its state)."""
    for stop in range(j + 1, min(j + JUXTAPOSED_UNIT_WORDS, len(toks)) + 1):
        unit_key = _juxtaposed_key(text, toks, j, stop)
        if unit_key is None or unit_key not in gaz.keys:
            continue
        units = {u.id for u in gaz.candidates(unit_key) if u.kind in ("admin1", "admin2")}
        if units and any(
            c.admin1_id in units or c.admin2_id in units for c in gaz.candidates(key)
        ):
            return True
    return False


def _town_before(
    text: str,
    toks: list[Token],
    i: int,
    key: str,
    gaz: Gazetteer,
    gaps: tuple[str, ...] = (" ",),
) -> bool:
    """True if the capitalised words before token *i*, one of *gaps* before it, name
    a place inside a unit of *key*: the state of "Celaya Guanajuato", "La Paz, BCS"."""
    if i < 1 or text[toks[i - 1][2] : toks[i][1]] not in gaps:
        return False
    units = {u.id for u in gaz.candidates(key) if u.kind in ("admin1", "admin2")}
    if not units:
        return False
    for start in range(i - 1, max(-1, i - 1 - JUXTAPOSED_UNIT_WORDS), -1):
        town_key = _juxtaposed_key(text, toks, start, i)
        if town_key is None:
            break
        if town_key in gaz.keys and any(
            c.admin1_id in units or c.admin2_id in units for c in gaz.candidates(town_key)
        ):
            return True
    return False


def _has_org_head(text: str, w: PlaceWords) -> bool:
    """True if *text* holds the head word of an organisation name before a place
    (``places.org_head``): the per-name look-back is skipped in every other text."""
    return _head_found(text, w.org_head)


@lru_cache(maxsize=4)
def _head_found(text: str, head: re.Pattern[str]) -> bool:
    """Cached search of *head* in *text* (the texts being read, a few at a time)."""
    return head.search(text) is not None


def _big_place(key: str, gaz: Gazetteer) -> bool:
    """True if a city of BIG_LOCATIVE_POPULATION or more bears *key* as its own name."""
    return any(
        c.kind == "city" and c.population >= BIG_LOCATIVE_POPULATION and _own_name(c, key)
        for c in gaz.candidates(key)
    )


def _own_name(p: Place, key: str) -> bool:
    """True if *key* is *p*'s own name or label, not one of its alternates (issue 12:
    "Man killed ..." is not Amman, whose alternates include "Man")."""
    return normalise(p.name) == key or normalise(p.label) == key


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
    after = _next(toks, i + n)
    after_word = after[0] if after and after[1] - end <= 2 else ""
    prev = _prev(toks, i)
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
            and (pp := _prev(toks, i - 1)) is not None
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
        or after_word in w.near_after
        or landmark_next
        or bool(w.near_before_all and w.near_before_all <= before),
        dateline=any(s <= start < e for s, e in datelines),
        admin_word=after_word in ADMIN_WORDS
        or after_word in w.governor
        or after_word in w.countryside,
        city_word=after_word in w.city,
        in_parens=in_parens,
        paren_after=paren_after,
        modifier=modifier,
        locative=prev is not None
        and (
            prev[0] in w.locative
            or (
                prev[0] in ARTICLES
                and (pp := _prev(toks, i - 1)) is not None
                and pp[0] in w.locative
            )
        ),
        words=n,
    )
