"""Session 13: a capitalised compass word before a name is a bearing, not the
first word of a longer proper name ("Southwestern Aceh", "North Belfast").
Texts written here."""

from __future__ import annotations

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.tests.places import place_of


def test_capitalised_compass_words_are_bearings(gaz: Gazetteer) -> None:
    for text, code in [
        ("Three aid workers were kidnapped while travelling in Southwestern Aceh.", "ID"),
        ("A family escaped injury when a pipe bomb exploded at their home in North Belfast.", "GB"),
        ("A car bomb went off in a market in Eastern Baghdad.", "IQ"),
    ]:
        found = place_of(text, gaz)
        assert found is not None and found.place.country_code == code, text


def test_a_capitalised_name_before_a_place_still_ends_a_proper_name(gaz: Gazetteer) -> None:
    found = place_of("Relatives of Octavio Paz gathered at a church.", gaz)
    assert found is None or found.place.name != "La Paz"
