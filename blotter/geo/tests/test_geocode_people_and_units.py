"""Issue 12, session 8: the country of a people ("Kenyans"), of a possessive
without its apostrophe ("Kenyas"), of a body named after it ("Kenya Power"),
and a unit named with its unit word ("Lamu County"). Texts written here."""

from __future__ import annotations

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.mentions import find_places
from blotter.geo.tests.places import place_of


def test_a_plural_demonym_names_its_country(gaz: Gazetteer) -> None:
    found = place_of("Hundreds of Kenyans marched against the new tax.", gaz)
    assert found is not None and found.place.country_code == "KE"
    assert found.place.kind == "country" and found.geo_precision == 3
    # lower case is a word, not a people
    assert find_places("the kenyans marched", gaz).demonym_countries == {}


def test_a_possessive_without_apostrophe_is_whose_not_where(gaz: Gazetteer) -> None:
    text = "Lawyers protested the reform of Kenyas judiciary."
    places = find_places(text, gaz)
    assert places.demonym_countries == {"KE": text.index("Kenyas")}
    assert not places.mentions  # no tolerant reading as some other place
    found = place_of(text, gaz)
    assert found is not None and found.place.country_code == "KE"


def test_a_country_in_a_bodys_name_is_the_last_fallback(gaz: Gazetteer) -> None:
    text = "Workers of the Kenya Electricity Generating Company went on strike."
    places = find_places(text, gaz)
    assert "KE" in places.name_countries and not places.demonym_countries
    found = place_of(text, gaz)
    assert found is not None and found.place.country_code == "KE"
    # a town of the text still wins over the body's country
    town = place_of("Kenya Electricity Generating Company workers struck in Kampala.", gaz)
    assert town is not None and town.place.country_code == "UG"


def test_a_county_with_its_unit_word_is_that_county(gaz: Gazetteer) -> None:
    found = place_of("Gunmen attacked a camp at a village of Lamu County.", gaz)
    assert found is not None
    assert found.place.country_code == "KE" and found.place.name == "Lamu"


def test_a_possessive_is_spelled_as_the_country(gaz: Gazetteer) -> None:
    # Spanish "Francés", "Cañadas" normalise to "frances", "canadas": not possessives
    assert find_places("Comandante Francés deja una manta", gaz).demonym_countries == {}
    assert find_places("Asesinan a un hombre en Cañadas", gaz).demonym_countries == {}
