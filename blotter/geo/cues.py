"""Country cues from well-known actor and outlet names.

Some reports name no place that the gazetteer knows ("the OSCE SMM observed 8
explosions near Novozvanivka", a village of 300 people) but name an actor that
operates in one country only. These cues count as weak country evidence (like a
demonym) and as the fall-back place when nothing else is found. The names are
the language pack's (``country_cues.tsv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from blotter.geo.names import upper_share
from blotter.geo.rules import data_file, regional_rules
from blotter.lang import Locale, default_locale


@dataclass(frozen=True)
class Cue:
    """A pattern, the country it implies and, optionally, its first-level units."""

    pattern: str
    country_code: str
    admin1: tuple[str, ...] = ()
    acronym: bool = False  # match case-sensitively (an acronym)
    domestic: bool = False  # a demonym before a body acting at home ("Kenyan police")


# Indian state abbreviations as ACLED's India notes write them after a place:
# "Nigohan (UP)", "Damaracherla village (Nalgonda, TS)" (data/regional_rules.toml).
# Only in parentheses, at their end, so "UP" or "MP" elsewhere mean nothing.
INDIAN_STATES: dict[str, str] = regional_rules().state_codes["IN"]
STATE_CUES: dict[str, Cue] = {
    a: Cue(re.escape(a), "IN", (state,), acronym=True) for a, state in INDIAN_STATES.items()
}
_STATE_RE = re.compile(r"(?:\(|, )(" + "|".join(map(re.escape, INDIAN_STATES)) + r")\)")

# Share of upper-case letters above which a text is ALL-CAPS wire copy.
ALL_CAPS_SHARE = 0.8


def pack_cues(locale: Locale | None = None) -> tuple[tuple[Cue, ...], re.Pattern[str]]:
    """*locale*'s country cues and the one-pass pattern over them (default pack if None)."""
    return _pack_cues(locale or default_locale())


@lru_cache(maxsize=8)
def _pack_cues(loc: Locale) -> tuple[tuple[Cue, ...], re.Pattern[str]]:
    cues = tuple(Cue(r.pattern, r.country_code, r.admin1, r.acronym) for r in loc.country_cues)
    cues += data_cues()  # names of any language (parties, forces, peoples): geo/data
    # One pass over the text: every cue is a named group (acronyms case-sensitive).
    alternation = "|".join(
        f"(?P<c{i}>{c.pattern})" if c.acronym else f"(?P<c{i}>(?i:{c.pattern}))"
        for i, c in enumerate(cues)
    )
    return cues, re.compile(r"\b(?:" + (alternation or r"(?!)") + r")\b")


# --- Country cues of any language (issue 12): actor, party and people names
# confined to one country, read from geo/data so that every language pack shares
# them (a Kenyan party is named so in English and Swahili reports alike).
DATA_CUES_FILE = "country_cues.tsv"
#: Columns of a cue row: pattern, country code, admin1 names (;), acronym|any.
CUE_COLUMNS = 4


class CueFileError(ValueError):
    """A malformed cue file; the message names the file and line."""


@lru_cache(maxsize=1)
def data_cues() -> tuple[Cue, ...]:
    """The cues of ``geo/data/country_cues.tsv`` (the pack file's format)."""
    return read_cues(data_file(DATA_CUES_FILE))


def read_cues(path: Path) -> tuple[Cue, ...]:
    """The cue rows of one file (none if it is missing); :class:`CueFileError` names
    the file and line of a malformed row."""
    if not path.is_file():
        return ()
    out: list[Cue] = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        if len(row) != CUE_COLUMNS:
            raise CueFileError(f"{path}:{n}: expected {CUE_COLUMNS} tab-separated columns")
        try:
            re.compile(row[0])
        except re.error as exc:
            raise CueFileError(f"{path}:{n}: bad pattern: {exc}") from exc
        admin1 = tuple(a for a in row[2].split(";") if a)
        out.append(Cue(row[0], row[1], admin1, row[3] == "acronym"))
    return tuple(out)


# --- end of the country cues of any language


def find_cues(text: str, locale: Locale | None = None) -> list[tuple[int, Cue]]:
    """Every cue in *text* with the offset of its first occurrence, in text order."""
    cues, _ = pack_cues(locale)
    first: dict[int, int] = {}
    for start, _end, i in _matches(text, locale):
        first.setdefault(i, start)
    found = [(start, cues[i]) for i, start in first.items()]
    states: dict[str, int] = {}
    for m in _STATE_RE.finditer(text):
        states.setdefault(m.group(1), m.start(1))
    if states and not _all_caps(text):  # "(UP)" in wire copy: Colombia's Patriotic Union
        found.extend((start, STATE_CUES[a]) for a, start in states.items())
    return sorted(found, key=lambda fc: fc[0])


def cue_spans(text: str, locale: Locale | None = None) -> list[tuple[int, int, Cue]]:
    """Every actor-cue match in *text*: (start, end, cue)."""
    cues, _ = pack_cues(locale)
    return [(start, end, cues[i]) for start, end, i in _matches(text, locale)]


#: Texts whose cue matches are kept: find_places asks for the first offsets and
#: then for the spans of the same text; one scan serves both (issue 12: CPU).
MATCH_CACHE_SIZE = 4


@lru_cache(maxsize=MATCH_CACHE_SIZE)
def _matches(text: str, locale: Locale | None) -> tuple[tuple[int, int, int], ...]:
    """Every cue match of *text*: (start, end, index of the cue)."""
    _, pattern = pack_cues(locale)
    return tuple(
        (m.start(), m.end(), int(m.lastgroup[1:])) for m in pattern.finditer(text) if m.lastgroup
    )


def _all_caps(text: str) -> bool:
    """True for ALL-CAPS wire copy (most letters upper case)."""
    return upper_share(text) > ALL_CAPS_SHARE
