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
from blotter.lang.caseless import folds


@dataclass(frozen=True)
class Cue:
    """A pattern, the country it implies and, optionally, its first-level units."""

    pattern: str
    country_code: str
    admin1: tuple[str, ...] = ()
    acronym: bool = False  # match case-sensitively (an acronym)
    domestic: bool = False  # a demonym before a body acting at home ("Kenyan police")
    home: bool = False  # an armed group's home country: a text's last fall-back only


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


def pack_cues(locale: Locale | None = None) -> tuple[tuple[Cue, ...], CueScanner]:
    """*locale*'s country cues and the scanner over them (default pack if None)."""
    return _pack_cues(locale or default_locale())


@dataclass(frozen=True)
class CueScanner:
    """Every cue in one left-to-right pass, as one alternation of all cues would
    find them, but with two patterns: the acronyms (case-sensitive) and the rest
    under a pattern-wide IGNORECASE.  One alternation needs an inline ``(?i:)``
    per cue, which defeats the regex engine's literal fast paths and cost twice
    as much (issue 10)."""

    acronyms: re.Pattern[str]
    names: re.Pattern[str]
    #: The names' pattern lower-cased, for ASCII text lower-cased (offsets kept):
    #: a case-sensitive scan is faster still; None if lower-casing would change
    #: what a name pattern means (see ``blotter.lang.caseless.folds``).
    folded_names: re.Pattern[str] | None = None

    @classmethod
    def of(cls, cues: tuple[Cue, ...]) -> CueScanner:
        """The scanner of *cues*: each a named group ``c<i>``, i its index in *cues*."""

        def alternation(acronym: bool, fold: bool = False) -> str:
            alt = "|".join(
                f"(?P<c{i}>{c.pattern.lower() if fold else c.pattern})"
                for i, c in enumerate(cues)
                if c.acronym is acronym
            )
            return r"\b(?:" + (alt or r"(?!)") + r")\b"

        foldable = all(folds(c.pattern) for c in cues if not c.acronym)
        return cls(
            re.compile(alternation(True)),
            re.compile(alternation(False), re.I),
            re.compile(alternation(False, fold=True)) if foldable else None,
        )

    def matches(self, text: str) -> tuple[tuple[int, int, int], ...]:
        """(start, end, cue index) of each match, non-overlapping, leftmost first;
        where both patterns match at one offset the lower cue index wins."""
        out: list[tuple[int, int, int]] = []
        pos = 0
        names, names_text = self.names, text
        if self.folded_names is not None and text.isascii():
            names, names_text = self.folded_names, text.lower()
        nxt = [self.acronyms.search(text), names.search(names_text)]
        while True:
            for k, (pattern, scanned) in enumerate(((self.acronyms, text), (names, names_text))):
                m = nxt[k]
                if m is not None and m.start() < pos:  # overlapped by the last match taken
                    nxt[k] = pattern.search(scanned, pos)
            live = [m for m in nxt if m is not None]
            if not live:
                return tuple(out)
            m = min(live, key=lambda m: (m.start(), _cue_index(m)))
            if m.lastgroup:
                out.append((m.start(), m.end(), _cue_index(m)))
            pos = max(m.end(), m.start() + 1)


def _cue_index(m: re.Match[str]) -> int:
    """The cue a match is of (its named group ``c<i>``); -1 for none."""
    return int(m.lastgroup[1:]) if m.lastgroup else -1


@lru_cache(maxsize=8)
def _pack_cues(loc: Locale) -> tuple[tuple[Cue, ...], CueScanner]:
    cues = tuple(
        Cue(r.pattern, r.country_code, r.admin1, r.acronym, home=r.home) for r in loc.country_cues
    )
    cues += data_cues()  # names of any language (parties, forces, peoples): geo/data
    return cues, CueScanner.of(cues)


# --- Country cues of any language (issue 12): actor, party and people names
# confined to one country, read from geo/data so that every language pack shares
# them (a Kenyan party is named so in English and Swahili reports alike).
DATA_CUES_FILE = "country_cues.tsv"
#: Columns of a cue row: pattern, country code, admin1 names (;), acronym|any
#: (followed by " home" for an armed group's home country: see Cue.home).
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
        kind = row[3].split()
        out.append(Cue(row[0], row[1], admin1, "acronym" in kind, home="home" in kind))
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
    _, scanner = pack_cues(locale)
    return scanner.matches(text)


def _all_caps(text: str) -> bool:
    """True for ALL-CAPS wire copy (most letters upper case)."""
    return upper_share(text) > ALL_CAPS_SHARE
