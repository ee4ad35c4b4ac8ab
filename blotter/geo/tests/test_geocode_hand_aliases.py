"""Session 13: a name the supplement gives a place by hand is the place's own
name to the ranker, not a GeoNames alternate ("Londonderry" of Derry, which
New Hampshire's Londonderry outranked). Texts written here."""

from __future__ import annotations

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.resolve import bears_name
from blotter.geo.tests.places import place_of


def test_a_hand_alias_is_an_own_name(gaz: Gazetteer) -> None:
    derry = next(p for p in gaz.candidates("londonderry") if p.country_code == "GB")
    assert bears_name(derry, "londonderry")
    changchun = next(p for p in gaz.candidates("cancun") if p.country_code == "CN")
    assert not bears_name(changchun, "cancun")  # a GeoNames alternate stays one


def test_londonderry_alone_is_derry(gaz: Gazetteer) -> None:
    found = place_of("A petrol bomb was thrown at a police car in Londonderry.", gaz)
    assert found is not None and found.place.country_code == "GB"
    found = place_of("A pipe bomb went off in Londonderry, New Hampshire.", gaz)
    assert found is not None and found.place.country_code == "US"
