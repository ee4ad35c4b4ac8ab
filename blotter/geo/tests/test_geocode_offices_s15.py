"""Session 15 (issue 12, docs/rdwti.md): an office or official named after its
town ("the Odessa Customs post", "Pyatigorsk Mayor") is read as that town, a
landmark any other place outranks. Texts written here."""

from __future__ import annotations

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.tests.places import place_of


def test_an_office_named_after_its_town_places_the_event(gaz: Gazetteer) -> None:
    for text, code in [
        ("A parcel bomb damaged the Siauliai Customs post on Monday.", "LT"),
        ("A bomb damaged the Ajaccio Education Inspectorate at night.", "FR"),
        ("A grenade was thrown at the home of Pyatigorsk Mayor Ivan Petrov.", "RU"),
        ("A bomb went off outside Kotri Railway Station, damaging the tracks.", "PK"),
        ("Gunmen wounded a clerk of the Kandahar Refugees Department.", "AF"),
    ]:
        found = place_of(text, gaz)
        assert found is not None and found.place.country_code == code, text


def test_another_place_outranks_the_office(gaz: Gazetteer) -> None:
    found = place_of("The Ankara Customs chief was shot dead in Izmir on Friday.", gaz)
    assert found is not None and found.place.admin1 == "İzmir"
