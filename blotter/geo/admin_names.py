"""Whether two first-level unit names denote the same unit (transliteration-aware).

ACLED and GeoNames spell first-level units differently ("Idleb" / "Idlib",
"Al-Hasakeh" / "Al Hasakah", "Dar'a" / "Daraa"); scoring and matching compare
them through the gazetteer's aliases and spelling-tolerant keys, within one
country. A different unit still compares unequal.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from blotter.geo.gazetteer import Gazetteer, current_gazetteer
from blotter.geo.names import fuzzy_key, normalise

# ACLED groups some countries' GeoNames first-level units into larger regions;
# (ISO code, GeoNames unit key) -> ACLED's region key. Serbia: ACLED codes
# "Vojvodina", "Belgrade" and "Central Serbia" where GeoNames has 25 districts.
VOJVODINA_DISTRICTS = (
    "severnobacki okrug",
    "srednjebanatski okrug",
    "severnobanatski okrug",
    "juznobanatski okrug",
    "zapadnobacki okrug",
    "juznobacki okrug",
    "sremski okrug",
)
KOSOVO_DISTRICTS = (
    "kosovski okrug",
    "pecki okrug",
    "prizrenski okrug",
    "kosovsko mitrovacki okrug",
    "kosovsko pomoravski okrug",
)
ACLED_REGIONS: dict[tuple[str, str], str] = {
    **{("RS", d): "vojvodina" for d in VOJVODINA_DISTRICTS},
    **{("RS", d): "kosovo" for d in KOSOVO_DISTRICTS},
    ("RS", "beograd"): "belgrade",
    ("RS", "vojvodina"): "vojvodina",
    ("RS", "kosovo metohija"): "kosovo",
}
# Palestine: ACLED codes "West Bank" and "Gaza Strip", GeoNames the governorates.
WEST_BANK = (
    "west bank",
    "jenin",
    "bethlehem",
    "nablus",
    "tulkarm",
    "tubas",
    "qalqilya",
    "salfit",
    "jericho",
    "quds",
    "ramallah and al bireh",
    "hebron",
)
GAZA_STRIP = ("gaza strip", "rafah", "north gaza", "deir al balah", "khan yunis", "gaza")
ACLED_REGIONS.update({("PS", g): "west bank" for g in WEST_BANK})
ACLED_REGIONS.update({("PS", g): "gaza strip" for g in GAZA_STRIP})
ACLED_REGION_DEFAULT = {"RS": "central serbia"}
# Other names of one first-level unit that neither the gazetteer's aliases nor
# the spelling-tolerant key relate: (ISO code, name key) -> GeoNames name key.
UNIT_ALIASES: dict[tuple[str, str], str] = {
    ("MK", "city of skopje"): "grad skopje",
    ("IN", "nct of delhi"): "delhi",
    ("PH", "bangsamoro autonomous region in muslim mindanao"): "autonomous in muslim mindanao",
    ("RU", "republic of sakha"): "saha respublika",
    ("GE", "lower kartli"): "kvemo kartli",
    ("GE", "inner kartli"): "shida kartli",
    ("KG", "chui"): "chuy",
    ("SL", "western"): "western area",
}
# GeoNames first-level units that ACLED splits into their second-level units
# (Iraqi Kurdistan: ACLED codes the governorates Duhok, Erbil, Sulaymaniyah).
SPLIT_ADMIN1 = frozenset([("IQ", "iqlim kurdistan")])
SPLIT_COUNTRIES = frozenset(code for code, _ in SPLIT_ADMIN1)


def output_admin1(country_code: str, admin1: str | None, admin2: str | None) -> str | None:
    """The admin1 name to output: ACLED's unit where it splits a GeoNames unit."""
    if admin1 and admin2 and (country_code, normalise(admin1)) in SPLIT_ADMIN1:
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


def _acled_region(country_code: str, name: str) -> str | None:
    """ACLED's grouping region for a GeoNames unit name, where ACLED groups units."""
    found = ACLED_REGIONS.get((country_code, normalise(name)))
    return found if found is not None else ACLED_REGION_DEFAULT.get(country_code)


@lru_cache(maxsize=20_000)
def _same(
    predicted: str, country_code: str, gold: str, path: str | None, kind: str = "admin1"
) -> bool:
    """Cached core of :func:`same_admin1`."""
    a, b = normalise(predicted), normalise(gold)
    a = UNIT_ALIASES.get((country_code, a), a)
    b = UNIT_ALIASES.get((country_code, b), b)
    if a == b:
        return True
    if country_code and _acled_region(country_code, predicted) == b:
        return True
    fa, fb = fuzzy_key(a), fuzzy_key(b)
    if fa and fa == fb:
        return True
    if not country_code:
        return False
    gaz = current_gazetteer(path)
    return bool(
        _unit_ids(gaz, predicted, country_code, kind) & _unit_ids(gaz, gold, country_code, kind)
    )


def same_admin1(
    predicted_location: Mapping[str, object],
    gold_admin1: str,
    gold_country: str = "",
    gazetteer_path: str | None = None,
) -> bool:
    """True if the predicted location's ``admin1`` and *gold_admin1* name the same
    first-level unit: equal names, or names of one unit of the predicted country
    per the gazetteer's aliases or spelling-tolerant keys ("Idleb" = "Idlib").

    *gold_country* is accepted for symmetry; the unit is looked up within the
    predicted ``country_code`` (a wrong country is a wrong unit anyway).
    """
    predicted = predicted_location.get("admin1")
    if not isinstance(predicted, str) or not predicted or not gold_admin1:
        return False
    code = predicted_location.get("country_code")
    admin2 = predicted_location.get("admin2")
    kind = "admin1"
    if isinstance(admin2, str) and admin2:
        split = (code, normalise(predicted)) in SPLIT_ADMIN1
        # the pipeline already writes the governorate as admin1 there ("Erbil")
        if split or (code in SPLIT_COUNTRIES and normalise(admin2) == normalise(predicted)):
            predicted, kind = admin2, "admin2"
    return _same(
        predicted, code if isinstance(code, str) else "", gold_admin1, gazetteer_path, kind
    )
