"""ACLED's ``region`` for a country (ISO 3166 alpha-2), as in ACLED's exports.

ACLED's regions follow the UN M49 sub-regions with ACLED's own groupings:
Mexico is in Central America, Egypt and Sudan in Northern Africa, Turkey and
Iran in the Middle East, the Caucasus with Central Asia, Russia in Europe.
"""

from __future__ import annotations

_REGIONS: dict[str, str] = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF BD BT IN MV NP PK LK IO",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK MO TW JP MN KP KR",
    "Europe": (
        "AL AD AT BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR HU IS IE IM IT XK LV LI LT "
        "LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB VA JE GG AX SJ GL"
    ),
    "Central America": "MX BZ GT HN SV NI CR PA",
    "Caribbean": (
        "AI AG AW BS BB BQ KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VG VI"
    ),
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE GS",
    "North America": "US CA BM PM",
    "Oceania": (
        "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF CX CC"
    ),
    "Antarctica": "AQ BV HM TF",
}
#: alpha-2 country code -> ACLED region.
REGION_OF: dict[str, str] = {
    code: region for region, codes in _REGIONS.items() for code in codes.split()
}


def acled_region(alpha2: str | None) -> str:
    """ACLED's region name for an alpha-2 country code ('' when unknown)."""
    return REGION_OF.get((alpha2 or "").upper(), "")
