"""Whether a gazetteer name found in text is a place there.

The filters :func:`acceptable` applies to each indexed n-gram the place finder
(:mod:`blotter.geo.mentions`) meets: common words, people's names, acronyms,
organisation names built on a place ("Cártel de Sinaloa", "Gaza Post"), postal
villages that are words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from blotter.geo.gazetteer import Gazetteer, Place
from blotter.geo.names import ADMIN_WORDS, ARTICLES, normalise
from blotter.geo.place_words import PlaceWords

#: A word as :func:`blotter.geo.names.tokens` yields it: (normalised, start, end,
#: surface). (The token helpers live here, not in names.py: that module is in the
#: gazetteer's build checksum, and an edit to it rebuilds every cached index.)
Token = tuple[str, int, int, str]


def prev_token(toks: list[Token], i: int) -> Token | None:
    """The token before index *i*, or None at the start."""
    return toks[i - 1] if i > 0 else None


def next_token(toks: list[Token], i: int) -> Token | None:
    """The token at index *i*, or None past the end."""
    return toks[i] if i < len(toks) else None


def adjacent(text: str, a: Token, b: Token) -> bool:
    """True if token *b* follows *a* after a single space (same phrase)."""
    return text[a[2] : b[1]] == " "


def unit_part_after(
    text: str, toks: list[Token], j: int, key: str, gaz: Gazetteer, w: PlaceWords
) -> bool:
    """True if tokens *j*, *j* + 1 are a part word and a unit word after the name
    *key* before *j* ("Kericho West subcounty", "Samburu Central Sub-County", "Embu
    West District"): a unit named as a part of the place (issue 12, session 15).
    Only after a first-level unit's name: a part of a district may lie beside it
    ("Twic East county" of Jonglei is not in Twic county of Warrap)."""
    part, unit = next_token(toks, j), next_token(toks, j + 1)
    return (
        part is not None
        and unit is not None
        and j > 0
        and adjacent(text, toks[j - 1], part)
        and part[0] in w.part_next
        and (unit[0] in ADMIN_WORDS or unit[0] in w.city)
        and any(c.kind == "admin1" for c in gaz.candidates(key))
    )


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
# The language of the word frequencies the gazetteer stores per name
# (gazetteer_build.py); a pack of another language also asks its own list.
GAZETTEER_FREQUENCY_LANGUAGE = "en"
#: A city this large named after "in" is a place even before a capitalised word
#: ("in Nairobi Anna Tibaijuka's convoy was stopped"): such names rarely start another.
BIG_LOCATIVE_POPULATION = 500_000
#: What may part a town from its state's abbreviation ("Tijuana BC", "La Paz, BCS").
AFTER_TOWN_GAPS = (" ", ", ")
#: Longest unit or town name, in words, read beside another ("Los Reyes Michoacán").
JUXTAPOSED_UNIT_WORDS = 3
#: Characters before a name searched for an organisation's head ("cártel de").
ORG_BEFORE_CHARS = 60


def _after_neighbourhood_head(text: str, toks: list[Token], i: int, w: PlaceWords) -> bool:
    """True if the joint before token *i* follows a capitalised neighbourhood head
    ("Villas de", "Lomas del"): the name is the rest of the neighbourhood's name,
    which the index rarely holds (its namesakes lie elsewhere)."""
    joint, head = toks[i - 1], prev_token(toks, i - 1)
    return (
        head is not None
        and head[0] in w.neighbourhood_heads
        and head[3][:1].isupper()
        and adjacent(text, head, joint)
        and adjacent(text, joint, toks[i])
    )


def _sentence_initial(text: str, start: int) -> bool:
    """True if nothing but sentence punctuation or a line break precedes *start*."""
    before = text[max(0, start - 3) : start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n:;"


def acceptable(
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
    nxt = next_token(toks, i + n)
    # "Maseno University", "Nyeri Prison": an institution in the named place (issue 12)
    institution = nxt is not None and nxt[0] in w.institution_next and adjacent(text, last, nxt)
    if len(key) < 3 or key in w.not_places or (  # a pack may list names of several words
        n == 1
        and (
            key in w.stop_words
            or key in w.calendar
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
    prev = prev_token(toks, i)
    if prev and prev[0] in w.stance_prefixes and text[prev[2] : first[1]] == "-":
        return False  # "pro-Hadi forces"
    if (
        nxt
        and text[last[2] : nxt[1]] == "-"
        and nxt[3].islower()
        and nxt[0] not in w.located_suffixes  # "the Eldoret-based weekly": a place
    ):
        return False  # "Saudi-led coalition", "Taliban-planted"
    if prev and prev[0] in w.titles and adjacent(text, prev, first):
        return False  # "President Lázaro Cárdenas", "Queen Victoria"
    if prev and prev[0] in w.name_joints and _after_neighbourhood_head(text, toks, i, w):
        return False  # "Villas de San Juan": a neighbourhood's name, not the town San Juan
    if nxt and (nxt[0] in w.not_place_next or (upper and nxt[0] in w.landmark_next)):
        return False  # "Molotov cocktail", "SAN MARTIN STREET"
    if nxt and adjacent(text, last, nxt) and nxt[0] in w.org_heads and not institution:
        return False  # "Jalisco New Generation Cartel" is handled below; "Gaza Post"
    if not upper and not title:
        if (
            prev
            and adjacent(text, prev, first)
            and prev[3][0].isupper()
            and prev[0] not in w.stop_words
            and prev[0] not in w.locative
            and prev[0] not in w.feature_prev  # "Lake Naivasha"
            and not w.compass_word.fullmatch(prev[0])  # "Southern Aceh", "North Belfast"
            and not _sentence_initial(text, prev[1])
            and not _town_before(text, toks, i, key, gaz)  # "Celaya Guanajuato"
            and not bare_possessive(prev, gaz)  # "Kenyas Lamu coastal region"
        ):
            return False  # "Octavio Paz": the end of a longer proper name
        before = prev_token(toks, i - 1)
        if (
            prev
            and before
            and prev[0] in ARTICLES
            and prev[3].islower()
            and adjacent(text, prev, first)
            and adjacent(text, before, prev)
            and before[3][0].isupper()
            and not _sentence_initial(text, before[1])
        ):
            return False  # "Ahrar al Sharqiyah", "Asaib ahl al Haq": an organisation
        if (
            nxt
            and adjacent(text, last, nxt)
            and nxt[3][0].isupper()
            and nxt[0] not in ADMIN_WORDS
            and nxt[0] not in w.governor
            and nxt[0] not in w.city
            and nxt[0] not in w.stop_words
            and nxt[0] not in w.weekdays  # session 13: "in central Nairobi Monday"
            and nxt[0] not in w.landmark_next  # "Hama Airbase", "Saadnayel Road"
            and not (nxt[0] in w.country_body and _names_country(key, gaz))
            and not institution
            and not (n == 1 and bare_possessive(last, gaz))  # "Nairobis Korogocho slum"
            and not _unit_after(text, toks, i + n, key, gaz)  # "Mier Tamaulipas"
            and not unit_part_after(text, toks, i + n, key, gaz, w)  # "Kericho West subcounty"
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


def _names_country(key: str, gaz: Gazetteer) -> bool:
    """True if *key* names a country."""
    return any(c.kind == "country" for c in gaz.candidates(key))


def _juxtaposed_key(text: str, toks: list[Token], start: int, stop: int) -> str | None:
    """The key of tokens [start, stop) if they are capitalised words one space apart."""
    if start < 0 or stop > len(toks) or start >= stop:
        return None
    words = toks[start:stop]
    if not all(t[3][:1].isupper() for t in words):
        return None
    if any(not adjacent(text, a, b) for a, b in pairwise(words)):
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


#: Session 15: shortest possessive written without its apostrophe ("Kenyas",
#: "Nairobis"; as mentions.BARE_POSSESSIVE_MIN_CHARS): shorter ones are plurals.
BARE_POSSESSIVE_CHARS = 6
#: ... and the stem must name a unit or a town at least this large (as
#: mentions.BARE_POSSESSIVE_MIN_POPULATION: a village's name plus "s" is as
#: likely a surname or a plural).
BARE_POSSESSIVE_POPULATION = 5_000


def bare_possessive(tok: Token, gaz: Gazetteer) -> bool:
    """True if *tok* is a place's possessive written without the apostrophe
    ("Kenyas Lamu coastal region", "Nairobis Korogocho slum", as ACLED's Kenya
    notes write them; issue 12, session 15): the capitalised word after it is
    the place it owns, not the rest of a longer proper name."""
    norm, surface = tok[0], tok[3]
    if (
        len(surface) < BARE_POSSESSIVE_CHARS
        or norm[-1:] != "s"
        or not surface[:1].isupper()
        or surface.isupper()
    ):
        return False
    stem = norm[:-1]
    if stem not in gaz.keys:
        return False
    owners = [
        c
        for c in gaz.candidates(stem)
        if (c.kind in ("country", "admin1") or c.population >= BARE_POSSESSIVE_POPULATION)
        and _own_name(c, stem)
    ]
    # a word the index holds as another place is that place ("Villas Cancun" is no
    # possessive of a Villa); "Nairobis" is an alternate of Nairobi itself
    written = {c.id for c in gaz.candidates(norm)}
    return bool(owners) and (not written or any(c.id in written for c in owners))


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
