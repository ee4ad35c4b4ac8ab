"""Country cues from well-known actor and outlet names.

Some reports name no place that the gazetteer knows ("the OSCE SMM observed 8
explosions near Novozvanivka", a village of 300 people) but name an actor that
operates in one country only. These cues count as weak country evidence (like a
demonym) and as the fall-back place when nothing else is found. Hand-written;
extend with care: only actors confined to one country (and, for a few, to
particular first-level units).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from blotter.geo.rules import regional_rules


@dataclass(frozen=True)
class Cue:
    """A pattern, the country it implies and, optionally, its first-level units."""

    pattern: str
    country_code: str
    admin1: tuple[str, ...] = ()
    acronym: bool = False  # match case-sensitively (an acronym)


CUES: tuple[Cue, ...] = (
    # OSCE Special Monitoring Mission and the Donbas armed groups
    Cue(r"OSCE SMM|SMM", "UA", ("Donetsk", "Luhansk"), acronym=True),
    Cue(r"Donbass? People'?s Militia|Donetsk People'?s Republic", "UA", ("Donetsk",)),
    Cue(r"Luhansk People'?s (?:Militia|Republic)", "UA", ("Luhansk",)),
    Cue(r"NAF rebel", "UA", ("Donetsk", "Luhansk"), acronym=True),
    Cue(r"Donbass?", "UA"),  # the region, named in reports from elsewhere in Ukraine too
    # Contact-line settlements of Luhansk oblast that GeoNames lists with fewer
    # than 500 people (so not in the index) and OSCE reports name without their
    # oblast; without them an OSCE note falls back to Donetsk.
    Cue(
        r"Sokilnyky|Muratove|Bolotene|Molodizhne|Khutir Vilnyi?|Holubivske|Zholobok"
        r"|Novozvanivka|Bohuslavske|Oleksandropillia|Znamianka|Znamyanka|Kamyshevakha"
        r"|Lobacheve|Lopaskyne|Krymske|Orikhove-Donetske|Pryshyb|Valuiske|Vesela Hora"
        r"|Zhovte|Kalynove|Sentianivka|Obozne|Kruhlyk|Shchastia"
        r"|Stanytsia Luhanska|Zolote|Hirske|Popasna|Pervomaisk|Prymorske-Luhanske",
        "UA",
        ("Luhansk",),
        acronym=True,
    ),
    # Syria, Libya, Yemen, Afghanistan, Somalia
    Cue(r"QSD|SDF|HTS|SAA", "SY", acronym=True),
    Cue(r"Hay'?at Tahrir al[- ]Sham|Syrian Democratic Forces", "SY"),
    Cue(r"LNA|GNA", "LY", acronym=True),
    Cue(r"Libyan National Army|Government of National Accord", "LY"),
    Cue(r"Houthis?|Hadi", "YE"),
    Cue(
        r"regime forces|regime soldiers?", "SY", acronym=True
    ),  # ACLED: Syria's army (case-sensitive)
    Cue(r"PMF|TMF", "IQ", acronym=True),  # Popular / Tribal Mobilization Forces
    Cue(r"Popular Mobili[sz]ation (?:Forces|Units)|Hashd al[- ]Shaabi", "IQ"),
    Cue(r"LGA", "NG", acronym=True),  # Local Government Area: Nigeria's districts
    Cue(r"Taliban", "AF"),
    # Lebanon: Hezbollah, and the Lebanese institutions protests target
    Cue(r"Hezbollah|Hizbollah|Hizballah|Amal Movement|Banque du Liban", "LB"),
    Cue(r"Lebanese (?:Army|Armed Forces|pound|University|Forces|Trade Bank)", "LB"),
    Cue(r"Al[- ]Shabaa?b", "SO"),
    # Philippines: the communist and Moro armed groups, and its villages' name
    Cue(r"NPA|MILF|BIFF", "PH", acronym=True),
    Cue(r"New People'?s Army|Abu Sayyaf|Barangays?", "PH"),
    Cue(r"UPDF", "UG", acronym=True),  # Uganda People's Defence Force
    Cue(r"Dan Na Ambassagou", "ML"),  # Dogon militia of central Mali
    Cue(r"BJP", "IN", acronym=True),  # Bharatiya Janata Party
    Cue(r"AJK", "PK", acronym=True),  # Azad Jammu and Kashmir, Pakistan's side of the LoC
    # Latin America, 1980s-90s (MUC-4 era wire copy)
    Cue(r"RADIO VENCEREMOS|FMLN|FARABUNDO MARTI", "SV"),
    Cue(r"SHINING PATH|SENDERO LUMINOSO|MRTA|TUPAC AMARU", "PE"),
    Cue(r"FARC|EXTRADITABLES|MEDELLIN CARTEL|ARMED FORCES OF COLOMBIA", "CO"),
    Cue(r"URNG", "GT"),
    Cue(r"CINCHONEROS|MORAZANIST", "HN"),
    Cue(r"ZARATE WILLKA", "BO"),
    Cue(r"MANUEL RODRIGUEZ PATRIOTIC FRONT|FPMR", "CL"),
)

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

# One pass over the text: every cue is a named group (acronyms case-sensitive).
_CUES_RE = re.compile(
    r"\b(?:"
    + "|".join(
        f"(?P<c{i}>{c.pattern})" if c.acronym else f"(?P<c{i}>(?i:{c.pattern}))"
        for i, c in enumerate(CUES)
    )
    + r")\b"
)


def find_cues(text: str) -> list[tuple[int, Cue]]:
    """Every cue in *text* with the offset of its first occurrence, in text order."""
    first: dict[int, int] = {}
    for m in _CUES_RE.finditer(text):
        group = m.lastgroup
        if group is not None:
            first.setdefault(int(group[1:]), m.start())
    found = [(start, CUES[i]) for i, start in first.items()]
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
