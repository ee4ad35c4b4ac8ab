"""Session 15 (issue 12): a unit named as a part of a place ("Kericho West
subcounty", "Embu West District"): the place is read, near it. Texts written here."""

from __future__ import annotations

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.tests.places import place_of


def test_a_part_word_and_a_unit_word_after_a_name(gaz: Gazetteer) -> None:
    for text, admin1 in [
        ("Two suspects were lynched in Kiptule area of Kericho West subcounty.", "Kericho"),
        ("Residents of Kiarango Village in Embu West District lynched a thief.", "Embu"),
        ("Tea workers in Nyamira North district held a demonstration.", "Nyamira"),
        ("Residents of Kirimon in Samburu Central Sub-County protested.", "Samburu"),
    ]:
        found = place_of(text, gaz)
        assert found is not None and found.place.country_code == "KE", text
        assert found.place.admin1 == admin1, text


def test_a_part_of_a_place_is_near_it(gaz: Gazetteer) -> None:
    found = place_of("Two suspects were lynched in Kiptule area of Kericho West subcounty.", gaz)
    assert found is not None and found.geo_precision == 2


def test_a_part_word_alone_still_makes_a_longer_name(gaz: Gazetteer) -> None:
    # without a unit word after it, "Nyamira West" stays the start of a longer name
    found = place_of("Players of Nyamira West Stars were attacked by fans.", gaz)
    assert found is None or found.place.admin1 != "Nyamira"


def test_a_possessive_without_its_apostrophe_owns_the_next_name(gaz: Gazetteer) -> None:
    # "Nairobis Korogocho", "Kenyas Lamu": the possessive and the place it owns, not
    # one longer proper name (both were dropped)
    found = place_of("Two men were shot in Nairobis Korogocho slum area.", gaz)
    assert found is not None and found.place.admin1 == "Nairobi"
    found = place_of("Gunmen killed 21 people in Kenyas Lamu coastal region.", gaz)
    assert found is not None and found.place.admin1 == "Lamu"
    found = place_of("A church rally was held in Nairobis Uhuru Park.", gaz)
    assert found is not None and found.place.admin1 == "Nairobi"


def test_a_part_of_a_district_is_not_read_into_it(gaz: Gazetteer) -> None:
    # Twic East county lies in Jonglei, beside Twic county of Warrap: only a
    # first-level unit's parts are read as lying in it
    found = place_of("Raiders attacked soldiers in Twic East county (Jonglei state).", gaz)
    assert found is not None and found.place.admin1 == "Jonglei"


def test_kenyas_former_districts(gaz: Gazetteer) -> None:
    # session 15: districts of 2007-2013 that neither GeoNames nor the IEBC list
    # holds (data/supplement_aliases.tsv)
    for text, admin1 in [
        ("Gunmen attacked a village in Tana Delta sub county.", "Tana River"),
        ("Four were killed by raiders in a grazing area, Chalbi District.", "Marsabit"),
        ("Herders clashed with police in Mukogodo division.", "Laikipia"),
        ("Raiders torched houses in Kuresoi.", "Nakuru"),
    ]:
        found = place_of(text, gaz)
        assert found is not None and found.place.country_code == "KE", text
        assert found.place.admin1 == admin1, text


def test_an_island_named_after_its_town(gaz: Gazetteer) -> None:
    # "Lamu Island" was read as a longer proper name and dropped
    found = place_of("Muslims demonstrated against the curfew on Lamu Island.", gaz)
    assert found is not None and found.place.admin1 == "Lamu"
