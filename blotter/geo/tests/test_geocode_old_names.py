"""Session 13: a province under its old name ("North West Frontier Province"),
and words that are only hamlets' keys ("Frontier", "Southern Baptist").
Texts written here."""

from __future__ import annotations

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.resolve import locate
from blotter.geo.tests.places import place_of


def test_north_west_frontier_province_is_khyber_pakhtunkhwa(gaz: Gazetteer) -> None:
    found = place_of("A bomb was thrown at a school in the North West Frontier Province.", gaz)
    assert found is not None and found.place.country_code == "PK"
    assert found.place.kind == "admin1"


def test_words_that_are_only_hamlets_name_no_place(gaz: Gazetteer) -> None:
    text = "Two Southern Baptist missionaries were shot at the frontier post."
    places, _ = locate(text, gaz)
    named = {text[m.start : m.end].lower() for m in places.mentions}
    assert not named & {"baptist", "frontier"}


def test_adjectives_of_nations_are_no_places(gaz: Gazetteer) -> None:
    text = "An American diplomat and an English teacher were hurt at a Spanish bank."
    places, _ = locate(text, gaz)
    named = {text[m.start : m.end] for m in places.mentions}
    assert not named & {"American", "English", "Spanish"}
