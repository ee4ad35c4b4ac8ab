"""Third-pass geocoding behaviours: ACLED-style output names, homonym voting
(Lebanon's Tripoli), contact-line villages, and the scorer's reuse of the
pipeline's index (hand-written sentences)."""

from __future__ import annotations

from blotter.document import Article, Document
from blotter.geo.admin_names import same_admin1
from blotter.geo.gazetteer import Gazetteer, Place
from blotter.geo.names import normalise
from blotter.geo.tests.test_geocode_accuracy import place_of
from blotter.record import Event
from blotter.settings import Settings
from blotter.stages.geocode import GeocodeStage, output_units


def town(gaz: Gazetteer, name: str, country_code: str) -> Place:
    """The largest town of this name in a country."""
    found = [
        p
        for p in gaz.candidates(normalise(name))
        if p.kind == "city" and p.country_code == country_code
    ]
    assert found, name
    return max(found, key=lambda p: p.population)


def geocoded_location(text: str, gaz: Gazetteer) -> dict[str, object]:
    """Run the geocode stage on a one-event document spanning *text*."""
    doc = Document(Article("t1", text))
    event = Event("Protests", "Peaceful protest")
    event.add_evidence("sentence", text, 0, len(text))
    doc.events = [event]
    GeocodeStage(Settings(), gazetteer=gaz).process([doc])
    return event.location.__dict__


def test_output_names_use_english_unit_names(gaz: Gazetteer) -> None:
    # GeoNames calls these units "Tarabulus", "Bayrut", "Beograd", "Gomelskaya"
    assert output_units(gaz, town(gaz, "Tripoli", "LY"))[0] == "Tripoli"
    assert output_units(gaz, town(gaz, "Beirut", "LB"))[0] == "Beirut"
    assert output_units(gaz, town(gaz, "Belgrade", "RS"))[0] == "Belgrade"
    assert output_units(gaz, town(gaz, "Gomel", "BY"))[0] == "Gomel"
    # a unit whose GeoNames name is already the English one keeps it
    assert output_units(gaz, town(gaz, "Mogilev", "BY"))[0] == "Mogilev"


def test_iraqi_kurdistan_is_written_as_its_governorate(gaz: Gazetteer) -> None:
    admin1, admin2 = output_units(gaz, town(gaz, "Erbil", "IQ"))
    assert admin1 == admin2 and admin1 is not None
    assert normalise(admin1) != "iqlim kurdistan"
    loc = {"admin1": admin1, "admin2": admin2, "country_code": "IQ"}
    assert same_admin1(loc, "Erbil", gaz)
    assert not same_admin1(loc, "Dahuk", gaz)


def test_scorer_compares_output_names_by_unit(gaz: Gazetteer) -> None:
    loc = geocoded_location("Protesters gathered in Benghazi on Friday.", gaz)
    assert loc["country_code"] == "LY"
    assert loc["admin1"] == "Benghazi"  # GeoNames: "Banghazi"
    assert same_admin1(loc, "Benghazi", gaz)
    assert same_admin1({"admin1": "Tripoli", "country_code": "LY"}, "Tarabulus", gaz)
    assert not same_admin1({"admin1": "Tripoli", "country_code": "LY"}, "Misrata", gaz)
    loc = {"admin1": "Gomel", "country_code": "BY"}
    assert same_admin1(loc, "Gomelskaya", gaz)
    assert not same_admin1(loc, "Brest", gaz)


def test_lebanese_tripoli_with_lebanese_context(gaz: Gazetteer) -> None:
    text = "A car convoy set out from Beirut to Tripoli to protest against living conditions."
    found = place_of(text, gaz)
    assert found is not None and found.place.country_code == "LB"
    found = place_of("Hezbollah supporters gathered in Tripoli on Monday.", gaz)
    assert found is not None and found.place.country_code == "LB"
    found = place_of("Protesters gathered outside the Banque du Liban branch in Sidon.", gaz)
    assert found is not None and found.place.country_code == "LB"
    # no Lebanese context: the larger Tripoli
    found = place_of("Protesters gathered in Tripoli on Monday.", gaz)
    assert found is not None and found.place.country_code == "LY"


def test_osce_note_naming_a_luhansk_village(gaz: Gazetteer) -> None:
    found = place_of("The OSCE SMM observed 3 explosions near Sokilnyky.", gaz)
    assert found is not None and found.place.country_code == "UA"
    assert normalise(found.place.name) == "luhansk"
    found = place_of("The OSCE SMM observed 3 explosions near Novaya Nekhtovka.", gaz)
    assert found is not None and normalise(found.place.name) == "donetsk"


def test_hand_written_lebanese_towns(gaz: Gazetteer) -> None:
    # GeoNames lists these with population 0: only the supplement table has them
    found = place_of("Protesters blocked the Saadnayel highway in both directions.", gaz)
    assert found is not None and found.place.country_code == "LB"
    assert found.place.kind == "city" and found.place.id < 0
    assert output_units(gaz, found.place)[0] == "Bekaa"


def test_indian_state_abbreviation_in_parentheses(gaz: Gazetteer) -> None:
    found = place_of("A mob attacked the police in Nigohan (UP) over lockdown rules.", gaz)
    assert found is not None and found.place.country_code == "IN"
    # the village itself (postal-code data), else the state
    assert found.place.admin1 is not None and normalise(found.place.admin1) == "uttar pradesh"
    # not in ALL-CAPS wire copy, where "(UP)" is Colombia's Patriotic Union
    found = place_of("MEMBERS OF THE PATRIOTIC UNION (UP) WERE KILLED IN MEDELLIN.", gaz)
    assert found is not None and found.place.country_code == "CO"


def test_actor_and_authority_cues(gaz: Gazetteer) -> None:
    found = place_of("Gunmen abducted 4 people along the road (Rafi LGA, Niger).", gaz)
    assert found is not None and found.place.country_code == "NG"
    found = place_of("On 8 May, Van Governor's Office extended the ban on protests.", gaz)
    assert found is not None and found.place.country_code == "TR"
    found = place_of("IS militants attacked a PMF checkpoint near an unnamed village.", gaz)
    assert found is not None and found.place.country_code == "IQ"
    found = place_of("An attack on the Saladin province police left 3 dead.", gaz)
    assert found is not None and found.place.country_code == "IQ"
    assert found.place.kind == "admin1"


def test_wadi_is_the_head_of_a_longer_name(gaz: Gazetteer) -> None:
    found = place_of("GNA and LNA forces clashed in Wadi al-Rabi (Aljfara).", gaz)
    assert found is not None and found.place.country_code == "LY"


def test_donbas_fallback_is_on_the_contact_line(gaz: Gazetteer) -> None:
    found = place_of("The OSCE SMM observed 3 explosions near Sokilnyky.", gaz)
    assert found is not None and found.place.longitude is not None
    luhansk_city = town(gaz, "Luhansk", "UA")
    assert luhansk_city.longitude is not None
    # west of Luhansk city (39.3 E), where the line runs; not the city itself
    assert found.place.longitude < luhansk_city.longitude - 0.5
    # a province named without such a cue keeps its usual point
    found = place_of("Protesters gathered somewhere in Luhansk oblast.", gaz)
    assert found is not None and found.place.kind == "admin1"
    assert found.place.longitude == gaz.place(found.place.id).longitude  # type: ignore[union-attr]
