"""Session 11 (issue 12): armed groups' home countries as the last fall-back,
units the index held only under local names, and adjectives that are no place.
Texts written here."""

from __future__ import annotations

from blotter.geo.cues import find_cues
from blotter.geo.gazetteer import Gazetteer
from blotter.geo.mentions import find_places
from blotter.geo.resolve import evidence_votes, locate, main_country
from blotter.geo.tests.places import place_of


def test_a_group_named_alone_gives_its_home_country(gaz: Gazetteer) -> None:
    found = place_of("Two mortar shells hit a farm. The military wing of Hamas claimed it.", gaz)
    assert found is not None and found.place.kind == "country"
    assert found.place.country_code == "PS"
    found = place_of("A bank office was bombed overnight and ETA was blamed.", gaz)
    assert found is not None and found.place.country_code == "ES"


def test_a_home_country_casts_no_vote(gaz: Gazetteer) -> None:
    text = "ETA members were blamed for a bomb in Perpignan, an ETA target before."
    places, _ = locate(text, gaz)
    assert places.home_countries == {"ES": text.index("ETA")}
    assert all(not cue.home for _, cue in places.cues)
    assert "ES" not in evidence_votes(places)
    found = place_of(text, gaz)
    assert found is not None and found.place.country_code == "FR"


def test_a_people_named_comes_before_a_home_country(gaz: Gazetteer) -> None:
    found = place_of("Hamas gunmen fired at Israeli farmers.", gaz)
    assert found is not None and found.place.country_code == "IL"


def test_rockets_of_gaza_land_in_israel(gaz: Gazetteer) -> None:
    assert {c.country_code for _, c in find_cues("Two Qassam rockets hit a field.")} == {"IL"}
    found = place_of("Two Qassam rockets hit an open field.", gaz)
    assert found is not None and found.place.country_code == "IL"


def test_units_named_in_english(gaz: Gazetteer) -> None:
    for text, code in [
        ("A police post was attacked in Ingushetia.", "RU"),
        ("A rocket landed in the western Negev.", "IL"),
        ("Gunmen shot a party official in the North Aceh district.", "ID"),
        ("A car bomb exploded in Ulster.", "GB"),
    ]:
        found = place_of(text, gaz)
        assert found is not None and found.place.country_code == code, text
    # Iraq's Kurdistan Region beside Iran's Kurdistan province: the larger unit
    # alone, and Iran's where the text names Iran
    found = place_of("Gunmen attacked an office in Kurdistan.", gaz)
    assert found is not None and found.place.country_code == "IQ"
    found = place_of("Gunmen attacked an office in Kurdistan province, Iran.", gaz)
    assert found is not None and found.place.country_code == "IR"


def test_jewish_is_no_place(gaz: Gazetteer) -> None:
    places = find_places("Shots were fired at a Jewish school.", gaz)
    assert [m.surface for m in places.mentions] == []
    assert main_country(places.mentions) is None
