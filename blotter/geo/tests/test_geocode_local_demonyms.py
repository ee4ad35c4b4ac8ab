"""Session 14 (issue 12): the demonym of a place or of people attacked where
they live ("Ethiopian raiders attack Kenyan villagers") is the country of a text
naming no place. Texts written here."""

from __future__ import annotations

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.resolve import locate
from blotter.geo.tests.places import place_of


def test_the_victims_demonym_beats_the_raiders(gaz: Gazetteer) -> None:
    for text in (
        "Ugandan raiders attacked Kenyan herders and stole cattle.",
        "Armed Sudanese tribesmen raided a Kenyan border town at night.",
    ):
        places, _ = locate(text, gaz)
        assert "KE" in places.local_countries, text
        found = place_of(text, gaz)
        assert found is not None and found.place.country_code == "KE", text


def test_a_demonym_alone_still_gives_its_country(gaz: Gazetteer) -> None:
    # no place or local people named: the raiders' country, as before
    found = place_of("Ugandan raiders stole two hundred cattle.", gaz)
    assert found is not None and found.place.country_code == "UG"
    # "Kenyan soldiers" are no local people: they also serve abroad
    places, _ = locate("Ethiopian gunmen ambushed Kenyan soldiers.", gaz)
    assert "KE" not in places.local_countries
