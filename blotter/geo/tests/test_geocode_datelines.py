"""Datelines and unit words.  The wire's comma-less dateline ("NAIROBI - ",
"MEXICO CITY (Reuters) -") is the place of filing, not the event's; a
dateline's town stands in for an event the text places only in that town's
province; "the state of X" names the state (hand-written texts)."""

from __future__ import annotations

from blotter.geo.event_place import DATELINE_TOWN_PRECISION
from blotter.geo.gazetteer import Gazetteer
from blotter.geo.tests.places import place_of


def test_a_bare_dateline_does_not_outvote_the_town_of_the_event(gaz: Gazetteer) -> None:
    found = place_of(
        "NAIROBI - Protesters blocked roads and burned tyres in Kisumu on Tuesday.", gaz
    )
    assert found is not None and found.place.name == "Kisumu"


def test_a_dateline_with_the_agency_in_brackets(gaz: Gazetteer) -> None:
    found = place_of("MEXICO CITY (Reuters) - Gunmen killed five people in Celaya.", gaz)
    assert found is not None and found.place.name == "Celaya"


def test_a_capitalised_first_word_alone_is_still_read_as_a_place(gaz: Gazetteer) -> None:
    # no dash after it: no dateline, the town is the event's
    found = place_of("NAIROBI police shot two men on Sunday.", gaz)
    assert found is not None and found.place.name == "Nairobi"


def test_the_dateline_town_refines_a_province(gaz: Gazetteer) -> None:
    text = ("CULIACÁN, Sin.- Un hombre fue asesinado en la colonia Las Quintas, informó "
            "la Fiscalía General del Estado de Sinaloa.")
    found = place_of(text, gaz, lang="es")
    assert found is not None
    assert (found.place.name, found.place.admin1) == ("Culiacán", "Sinaloa")
    assert (found.geo_precision, found.where_prec) == DATELINE_TOWN_PRECISION


def test_a_dateline_town_in_another_province_is_not_taken(gaz: Gazetteer) -> None:
    text = "MORELIA, Mich.- Un hombre fue asesinado en el estado de Guanajuato."
    found = place_of(text, gaz, lang="es")
    assert found is not None and found.place.kind == "admin1"
    assert found.place.admin1 == "Guanajuato"


def test_a_unit_word_before_the_name_makes_it_the_unit(gaz: Gazetteer) -> None:
    """"el estado de Guanajuato", "the state of Guanajuato": the state, not its
    namesake capital."""
    for text, lang in [
        ("Un hombre fue asesinado en el estado de Guanajuato.", "es"),
        ("A man was killed in the state of Guanajuato.", "en"),
    ]:
        found = place_of(text, gaz, lang=lang)
        assert found is not None and found.place.kind == "admin1", text
    found = place_of("Un hombre fue asesinado en Guanajuato.", gaz, lang="es")
    assert found is not None and found.place.kind == "city"
