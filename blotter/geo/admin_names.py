"""Whether two first-level unit names denote the same unit (transliteration-aware).

ACLED and GeoNames spell first-level units differently ("Idleb" / "Idlib",
"Al-Hasakeh" / "Al Hasakah", "Dar'a" / "Daraa"); scoring and matching compare
them through the gazetteer's aliases and spelling-tolerant keys, within one
country. A different unit still compares unequal.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.names import fuzzy_key, normalise
from blotter.geo.rules import AcledUnits, acled_units

# ACLED's unit groupings, split units and unit aliases: data/acled_units.toml.


def output_admin1(
    country_code: str, admin1: str | None, admin2: str | None, units: AcledUnits | None = None
) -> str | None:
    """The admin1 name to output: ACLED's unit where it splits a GeoNames unit."""
    units = units or acled_units()
    if admin1 and admin2 and (country_code, normalise(admin1)) in units.split:
        return admin2
    return admin1


def _unit_ids(gaz: Gazetteer, name: str, country_code: str, kind: str = "admin1") -> set[int]:
    """Ids of the country's units of *kind* known by *name* (exactly or by spelling)."""
    key = normalise(name)
    keys = (key, *gaz.fuzzy_matches(key))
    labelled = (gaz.place(i) for i in gaz.unit_labels.get(key, ()))  # "Tripoli" = Tarabulus
    return {
        p.id
        for k in keys
        for p in gaz.candidates(k)
        if p.kind == kind and p.country_code == country_code
    } | {
        p.id
        for p in labelled
        if p is not None and p.kind == kind and p.country_code == country_code
    }


@lru_cache(maxsize=20_000)
def _same(
    predicted: str,
    country_code: str,
    gold: str,
    gaz: Gazetteer,
    units: AcledUnits,
    kind: str = "admin1",
) -> bool:
    """Cached core of :func:`same_admin1`."""
    a, b = normalise(predicted), normalise(gold)
    a, b = units.alias(country_code, a), units.alias(country_code, b)
    if a == b:
        return True
    if country_code and units.region(country_code, normalise(predicted)) == b:
        return True
    fa, fb = fuzzy_key(a), fuzzy_key(b)
    if fa and fa == fb:
        return True
    if not country_code:
        return False
    return bool(
        _unit_ids(gaz, predicted, country_code, kind) & _unit_ids(gaz, gold, country_code, kind)
    )


def same_admin1(
    predicted_location: Mapping[str, object],
    gold_admin1: str,
    gaz: Gazetteer,
    units: AcledUnits | None = None,
) -> bool:
    """True if the predicted location's ``admin1`` and *gold_admin1* name the same
    first-level unit: equal names, or names of one unit of the predicted country
    per the gazetteer's aliases or spelling-tolerant keys ("Idleb" = "Idlib").

    The unit is looked up in *gaz* within the predicted ``country_code`` (a
    wrong country is a wrong unit anyway); *units*: ACLED's unit conventions
    (default: the packaged ``acled_units.toml``).
    """
    predicted = predicted_location.get("admin1")
    if not isinstance(predicted, str) or not predicted or not gold_admin1:
        return False
    units = units or acled_units()
    code = predicted_location.get("country_code")
    admin2 = predicted_location.get("admin2")
    kind = "admin1"
    if isinstance(admin2, str) and admin2:
        split = (code, normalise(predicted)) in units.split
        # the pipeline already writes the governorate as admin1 there ("Erbil")
        if split or (code in units.split_countries and normalise(admin2) == normalise(predicted)):
            predicted, kind = admin2, "admin2"
    return _same(predicted, code if isinstance(code, str) else "", gold_admin1, gaz, units, kind)
