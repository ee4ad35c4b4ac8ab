"""Country names as ACLED writes them, and demonyms that give country context."""

from __future__ import annotations

# ISO alpha-2 -> ACLED's country name where it differs from GeoNames/pycountry's
# common name (the fuse stage builds actor names such as "Police Forces of {country}").
ACLED_COUNTRY_NAMES: dict[str, str] = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "PS": "Palestine",
    "CI": "Ivory Coast",
    "SY": "Syria",
    "IR": "Iran",
    "RU": "Russia",
    "KR": "South Korea",
    "KP": "North Korea",
    "LA": "Laos",
    "VN": "Vietnam",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "TW": "Taiwan",
    "BN": "Brunei",
    "CZ": "Czech Republic",
    "MK": "North Macedonia",
    "SZ": "eSwatini",
    "CV": "Cape Verde",
    "TL": "East Timor",
    "GM": "Gambia",
    "BS": "Bahamas",
    "VA": "Vatican City",
    "FM": "Micronesia",
    "US": "United States",
    "GB": "United Kingdom",
    "XK": "Kosovo",
    "TR": "Turkey",
    "MM": "Myanmar",
    "BA": "Bosnia and Herzegovina",
}

# Extra names under which countries appear in news text.
COUNTRY_ALIASES: dict[str, list[str]] = {
    "CD": ["DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Republic of the Congo"],
    "PS": ["Palestine", "Gaza Strip", "West Bank", "Palestinian Territories"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "US": ["United States", "USA", "U.S.", "United States of America"],
    "GB": ["United Kingdom", "Britain", "Great Britain", "UK"],
    "MM": ["Burma", "Myanmar"],
    "TR": ["Turkey", "Turkiye"],
    "SZ": ["Swaziland", "eSwatini"],
    "CZ": ["Czech Republic", "Czechia"],
    "XK": ["Kosovo"],
    "LB": ["Lebanon", "Liban"],  # French name: "Banque du Liban" (not the Czech village)
    "SV": ["El Salvador"],
}

