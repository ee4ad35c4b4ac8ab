"""Country cues from well-known actor and outlet names.

Some reports name no place that the gazetteer knows ("the OSCE SMM observed 8
explosions near Novozvanivka", a village of 300 people) but name an actor that
operates in one country only. These cues count as weak country evidence (like a
demonym) and as the fall-back place when nothing else is found. The names are
the language pack's (``country_cues.tsv``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from blotter.lang import Locale, default_locale

# Kilometres per degree of latitude.
KM_PER_DEGREE = 111.2


@dataclass(frozen=True)
class Cue:
    """A pattern, the country it implies and, optionally, its first-level units."""

    pattern: str
    country_code: str
    admin1: tuple[str, ...] = ()
    acronym: bool = False  # match case-sensitively (an acronym)


# Where a Donbas report (OSCE SMM, NAF, DPR/LPR militia) that names no known
# place is put when it falls back to its oblast: on the line of contact, where
# these reports observe fire, not at the oblast's largest town (Luhansk city is
# 30-40 km behind the line). Points: the Zolote-Pervomaisk stretch (Luhansk) and
# Yasynuvata by Avdiivka (Donetsk), approximate, from general geography.
CONTACT_LINE_POINTS: dict[tuple[str, str], tuple[float, float]] = {
    ("UA", "luhansk"): (48.66, 38.53),
    ("UA", "donetsk"): (48.13, 37.85),
}

# The 2015-2022 line of contact in Donbas, north to south (approximate points from
# general geography: Stanytsia Luhanska, Shchastia, Zolote, Popasna, Svitlodarsk,
# Horlivka, Avdiivka, Marinka, Vuhledar, Novotroitske, Hnutove, Shyrokyne). OSCE and
# militia reports are about fire along it: of several same-name villages in an
# oblast, the one near the line is meant.
CONTACT_LINE: tuple[tuple[float, float], ...] = (
    (48.68, 39.50),
    (48.74, 39.23),
    (48.70, 38.85),
    (48.69, 38.52),
    (48.63, 38.38),
    (48.44, 38.24),
    (48.33, 38.00),
    (48.25, 37.85),
    (48.14, 37.75),
    (48.00, 37.55),
    (47.92, 37.48),
    (47.78, 37.25),
    (47.70, 37.52),
    (47.45, 37.70),
    (47.18, 37.74),
    (47.08, 37.80),
)


def contact_line_km(lat: float, lon: float) -> float:
    """Distance from a point to the Donbas line of contact (flat-earth projection)."""
    scale = math.cos(math.radians(48.0)) * KM_PER_DEGREE
    px, py = lon * scale, lat * KM_PER_DEGREE
    best = math.inf
    for (a_lat, a_lon), (b_lat, b_lon) in pairwise(CONTACT_LINE):
        ax, ay, bx, by = a_lon * scale, a_lat * KM_PER_DEGREE, b_lon * scale, b_lat * KM_PER_DEGREE
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(px - (ax + t * dx), py - (ay + t * dy)))
    return best


# Indian state abbreviations as ACLED's India notes write them after a place:
# "Nigohan (UP)", "Damaracherla village (Nalgonda, TS)". Only in parentheses,
# at their end, so "UP" or "MP" elsewhere mean nothing.
INDIAN_STATES: dict[str, str] = {
    "UP": "Uttar Pradesh",
    "MP": "Madhya Pradesh",
    "HP": "Himachal Pradesh",
    "AP": "Andhra Pradesh",
    "TS": "Telangana",
    "TN": "Tamil Nadu",
    "WB": "West Bengal",
    "MH": "Maharashtra",
    "KA": "Karnataka",
    "KL": "Kerala",
    "RJ": "Rajasthan",
    "GJ": "Gujarat",
    "PB": "Punjab",
    "HR": "Haryana",
    "OD": "Odisha",
    "JH": "Jharkhand",
    "CG": "Chhattisgarh",
    "BR": "Bihar",
    "J&K": "Jammu and Kashmir",
    "JK": "Jammu and Kashmir",
    "MN": "Manipur",
    "ML": "Meghalaya",
    "NL": "Nagaland",
    "MZ": "Mizoram",
    "AR": "Arunachal Pradesh",
}
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
    # One pass over the text: every cue is a named group (acronyms case-sensitive).
    alternation = "|".join(
        f"(?P<c{i}>{c.pattern})" if c.acronym else f"(?P<c{i}>(?i:{c.pattern}))"
        for i, c in enumerate(cues)
    )
    return cues, re.compile(r"\b(?:" + (alternation or r"(?!)") + r")\b")


def find_cues(text: str, locale: Locale | None = None) -> list[tuple[int, Cue]]:
    """Every cue in *text* with the offset of its first occurrence, in text order."""
    cues, pattern = pack_cues(locale)
    first: dict[int, int] = {}
    for m in pattern.finditer(text):
        group = m.lastgroup
        if group is not None:
            first.setdefault(int(group[1:]), m.start())
    found = [(start, cues[i]) for i, start in first.items()]
    states: dict[str, int] = {}
    for m in _STATE_RE.finditer(text):
        states.setdefault(m.group(1), m.start(1))
    if states and not _all_caps(text):  # "(UP)" in wire copy: Colombia's Patriotic Union
        found.extend((start, STATE_CUES[a]) for a, start in states.items())
    return sorted(found, key=lambda fc: fc[0])


def _all_caps(text: str) -> bool:
    """True for ALL-CAPS wire copy (most letters upper case)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > ALL_CAPS_SHARE * len(letters)
