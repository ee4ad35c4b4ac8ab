"""Distances on the Earth, shared by the geocoder, the gazetteer build, the fuser
and the scorer: one great-circle distance, and the two helpers built on it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

#: Mean Earth radius.
EARTH_RADIUS_KM = 6371.0
#: Kilometres per degree of latitude (and of longitude at the equator).
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180.0
#: A destination point's longitude step is divided by cos(latitude); near the
#: poles that vanishes, so it is held at least this.
MIN_COS_LATITUDE = 0.01


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def polyline_km(
    lat: float, lon: float, line: Sequence[tuple[float, float]], projection_latitude: float
) -> float:
    """Distance in km from a point to a line of (lat, lon) points, in the flat
    (equirectangular) projection about *projection_latitude*: exact enough for a
    line a few hundred km long, and the same for every point measured against it."""
    scale = math.cos(math.radians(projection_latitude)) * KM_PER_DEGREE
    px, py = lon * scale, lat * KM_PER_DEGREE
    if len(line) == 1:
        return math.hypot(px - line[0][1] * scale, py - line[0][0] * KM_PER_DEGREE)
    best = math.inf
    for (a_lat, a_lon), (b_lat, b_lon) in pairwise(line):
        ax, ay, bx, by = a_lon * scale, a_lat * KM_PER_DEGREE, b_lon * scale, b_lat * KM_PER_DEGREE
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length)) if length else 0.0
        best = min(best, math.hypot(px - (ax + t * dx), py - (ay + t * dy)))
    return best


def moved(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point *km* from (lat, lon) towards *bearing* (degrees from north), for
    the tens of km it is used for (a flat step, rounded to 4 decimals, ~10 m)."""
    rad = math.radians(bearing)
    dlat = km / KM_PER_DEGREE * math.cos(rad)
    dlon = km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), MIN_COS_LATITUDE)) * math.sin(rad)
    return round(lat + dlat, 4), round(lon + dlon, 4)
