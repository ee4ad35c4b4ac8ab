"""Rows in UCDP's Georeferenced Event Dataset (GED) columns (codebook 23.1/24.1).

GED records organised violence with at least one death: state-based (1),
non-state (2) and one-sided violence (3).  Events of other kinds (protests,
riots, strategic developments) or without a reported death are not GED events
and are left out (the exporter counts them).  Columns Blotter cannot know
(UCDP's conflict, dyad and actor ids, Gleditsch-Ward codes) are empty.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from typing import Any

from blotter.fields.dates import shift_days
from blotter.store.acled import (
    MONTH_PRECISION,
    ExportItem,
    by_publication,
    country_codes,
    is_year_only,
    outlets,
    time_precision,
)
from blotter.store.acled_regions import acled_region
from blotter.taxonomy import CIVILIANS, STATE_SIDE

GED_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
    "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
    "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low", "gwnoa", "gwnob",
]
GED_INTEGER_COLUMNS = frozenset({
    "id", "year", "type_of_violence", "number_of_sources", "where_prec", "priogrid_gid",
    "event_clarity", "date_prec", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low",
})
GED_FLOAT_COLUMNS = frozenset({"latitude", "longitude"})
#: Event types that are organised violence in UCDP's sense.
ORGANISED_VIOLENCE = frozenset({"Battles", "Explosions/Remote violence",
                                "Violence against civilians"})
STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3
#: ACLED geo_precision -> UCDP where_prec when the geocoder gave none
#: (1 exact place, 2 near it, 3 only a region: UCDP's first-order admin unit).
WHERE_PREC_FROM_GEO = {1: 1, 2: 2, 3: 4}
#: ACLED time_precision -> UCDP date_prec (1 day, 2 a week: 3, 3 a month: 4); a year is 5.
DATE_PREC_FROM_TIME = {1: 1, 2: 3, 3: 4}
YEAR_DATE_PREC = 5
#: UCDP's region for ACLED's, except the Caucasus (UCDP: Europe).
UCDP_REGION = {
    "Western Africa": "Africa", "Middle Africa": "Africa", "Eastern Africa": "Africa",
    "Southern Africa": "Africa", "Northern Africa": "Africa", "Middle East": "Middle East",
    "Caucasus and Central Asia": "Asia", "South Asia": "Asia", "Southeast Asia": "Asia",
    "East Asia": "Asia", "Oceania": "Asia", "Europe": "Europe", "Central America": "Americas",
    "Caribbean": "Americas", "South America": "Americas", "North America": "Americas",
}
CAUCASUS = frozenset({"AM", "AZ", "GE"})
#: PRIO-GRID cells are 0.5 degrees; gid counts from (-90, -180), 720 cells a row.
PRIOGRID_CELL, PRIOGRID_ROW = 0.5, 720


def violence_type(record: dict[str, Any]) -> int | None:
    """UCDP type of violence for an event record, None when it is not organised violence."""
    if record.get("event_type") not in ORGANISED_VIOLENCE:
        return None
    inter1 = (record.get("actor1") or {}).get("inter")
    inter2 = (record.get("actor2") or {}).get("inter")
    if record.get("event_type") == "Violence against civilians" or inter2 == CIVILIANS:
        return ONE_SIDED
    if inter1 in STATE_SIDE or inter2 in STATE_SIDE:
        return STATE_BASED
    return NON_STATE


def is_ged_event(item: ExportItem) -> bool:
    """Organised violence with at least one reported death."""
    best = (item.record.get("fatalities") or {}).get("best")
    return violence_type(item.record) is not None and best is not None and best >= 1


def priogrid_gid(latitude: float | None, longitude: float | None) -> int | None:
    """The PRIO-GRID cell id of a point."""
    if latitude is None or longitude is None:
        return None
    row = min(int((latitude + 90) / PRIOGRID_CELL), 359)
    col = min(int((longitude + 180) / PRIOGRID_CELL), PRIOGRID_ROW - 1)
    return row * PRIOGRID_ROW + col + 1


def date_range(item: ExportItem) -> tuple[int | None, date | None, date | None]:
    """(date_prec, date_start, date_end) of the event."""
    value = item.record.get("event_date")
    if not value:
        return None, None, None
    day = date.fromisoformat(value[:10])
    if is_year_only(item):
        return YEAR_DATE_PREC, date(day.year, 1, 1), date(day.year, 12, 31)
    precision = time_precision(item)
    if precision == MONTH_PRECISION:
        last = calendar.monthrange(day.year, day.month)[1]
        return DATE_PREC_FROM_TIME[precision], day.replace(day=1), day.replace(day=last)
    if precision == 2:
        # a week of 9999-12-31 ends with the calendar
        return DATE_PREC_FROM_TIME[precision], day, shift_days(day, 6) or date.max
    return 1, day, day


def _sides(record: dict[str, Any], kind: int) -> tuple[str, str]:
    """(side_a, side_b): the state first in state-based violence, civilians as side b."""
    a = (record.get("actor1") or {})
    b = (record.get("actor2") or {})
    if kind == STATE_BASED and a.get("inter") not in STATE_SIDE:
        a, b = b, a
    side_b = b.get("name") or ""
    if kind == ONE_SIDED:
        side_b = "Civilians"
    return a.get("name") or "", side_b


def _joined(values: Iterable[str | None]) -> str:
    """Per-source values "; "-joined in source order ('' when none is known)."""
    listed = [v or "" for v in values]
    return "; ".join(listed) if any(listed) else ""


def ged_row(item: ExportItem) -> dict[str, Any]:
    """One GED row (call only for :func:`is_ged_event` items)."""
    r = item.record
    kind = violence_type(r) or NON_STATE
    loc = r.get("location") or {}
    alpha2, iso3, _iso = country_codes(loc.get("country_code"), loc.get("country"))
    side_a, side_b = _sides(r, kind)
    prec, start, end = date_range(item)
    deaths = r.get("fatalities") or {}
    best = deaths.get("best")
    region = "Europe" if alpha2 in CAUCASUS else UCDP_REGION.get(acled_region(alpha2), "")
    lat, lon = loc.get("latitude"), loc.get("longitude")
    where_prec = loc.get("where_prec") or WHERE_PREC_FROM_GEO.get(loc.get("geo_precision") or 0)
    members = by_publication(item.members)
    place = ", ".join(str(p) for p in (loc.get("name"), loc.get("admin2"), loc.get("admin1"))
                      if p)
    return {
        "id": item.number,
        "relid": f"{iso3 or 'XXX'}-{start.year if start else 0}-{item.number}",
        "year": start.year if start else None,
        "active_year": "",
        "code_status": "",
        "type_of_violence": kind,
        "conflict_dset_id": "", "conflict_new_id": "", "conflict_name": "",
        "dyad_dset_id": "", "dyad_new_id": "",
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else side_a or side_b,
        "side_a_dset_id": "", "side_a_new_id": "", "side_a": side_a,
        "side_b_dset_id": "", "side_b_new_id": "", "side_b": side_b,
        "number_of_sources": item.reports,
        "source_article": _joined(m.url for m in members),
        "source_office": outlets(item),
        "source_date": _joined(m.published.isoformat() if m.published else None
                               for m in members),
        "source_headline": _joined(m.title for m in members),
        "source_original": "",
        "where_prec": where_prec,
        "where_coordinates": place,
        "where_description": place,
        "adm_1": loc.get("admin1") or "",
        "adm_2": loc.get("admin2") or "",
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
        "priogrid_gid": priogrid_gid(lat, lon),
        "country": loc.get("country") or "",
        "country_id": "",
        "region": region,
        "event_clarity": 1,
        "date_prec": prec,
        "date_start": start.isoformat() if start else "",
        "date_end": end.isoformat() if end else "",
        "deaths_a": None, "deaths_b": None,
        "deaths_civilians": best if kind == ONE_SIDED else None,
        "deaths_unknown": None if kind == ONE_SIDED else best,
        "best": best,
        "high": deaths.get("high", best),
        "low": deaths.get("low", best),
        "gwnoa": "", "gwnob": "",
    }
