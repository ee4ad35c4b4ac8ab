"""Session 14 (issue 12): "the capital", "Kenya's capital", "the Kenyan capital"
place an event the text places only in a country in that country's capital.
Texts written here."""

from __future__ import annotations

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.tests.places import place_of


def test_the_capital_of_a_country_level_event(gaz: Gazetteer) -> None:
    for text in (
        "Hundreds of traders marched in Kenya's capital to protest new taxes.",
        "Two Kenyan police officers were shot dead in the Kenyan capital on Friday.",
    ):
        found = place_of(text, gaz)
        assert found is not None and found.place.kind == "city", text
        assert found.place.admin1 == "Nairobi" and found.geo_precision == 1, text


def test_capital_as_a_modifier_or_a_province_is_no_capital(gaz: Gazetteer) -> None:
    for text in (
        "Kenyan police arrested a man wanted on capital murder charges.",
        "Kenyan police clashed with protesters in the provincial capital.",
    ):
        found = place_of(text, gaz)
        assert found is not None and found.place.kind == "country", text


def test_the_capital_of_the_country_written_before_it(gaz: Gazetteer) -> None:
    text = "Journalists protested in Kenya's capital over reporters jailed in Egypt."
    found = place_of(text, gaz)
    assert found is not None and found.place.country_code == "KE"
    assert found.place.admin1 == "Nairobi"


def test_near_the_capital_is_near_it(gaz: Gazetteer) -> None:
    found = place_of("Gunmen killed two Kenyan police officers outside the capital.", gaz)
    assert found is not None and found.place.admin1 == "Nairobi"
    assert (found.geo_precision, found.where_prec) == (2, 2)
