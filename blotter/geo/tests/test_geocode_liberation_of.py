"""Session 13: the land a group's name says it fights to free is no place of
the act ("... Front for the Liberation of Palestine fired a rocket at Sderot"),
and "Liberation" is no place. Texts written here."""

from __future__ import annotations

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.resolve import locate
from blotter.geo.tests.places import place_of


def test_the_land_after_liberation_of_is_no_place(gaz: Gazetteer) -> None:
    text = "The Popular Front for the Liberation of Palestine said it fired a rocket at Sderot."
    places, _ = locate(text, gaz)
    assert all(text[m.start : m.end] not in ("Palestine", "Liberation") for m in places.mentions)
    found = place_of(text, gaz)
    assert found is not None and found.place.country_code == "IL"


def test_the_land_named_otherwise_is_still_a_place(gaz: Gazetteer) -> None:
    found = place_of("A bomb went off in a market in Palestine's north.", gaz)
    assert found is not None and found.place.country_code == "PS"
    found = place_of("A bomb exploded near the Armenian embassy in Paris, France.", gaz)
    assert found is not None and found.place.country_code == "FR"
