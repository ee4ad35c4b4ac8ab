"""Session 13 (issue 12): ACLED Kenya's place words — al-Shabaab's home country
as a fall-back only, Kenyan unit words after a name, ward names of two parts.
Texts written here."""

from __future__ import annotations

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.resolve import locate
from blotter.geo.tests.places import place_of


def test_al_shabaab_alone_gives_somalia(gaz: Gazetteer) -> None:
    found = place_of("Suspected al-Shabaab militants ambushed a convoy.", gaz)
    assert found is not None and found.place.country_code == "SO"


def test_al_shabaab_casts_no_vote_against_a_kenyan_town(gaz: Gazetteer) -> None:
    places, _ = locate("Al Shabaab fighters set fire to two police camps in Ijara.", gaz)
    assert "SO" in places.home_countries
    found = place_of("Al Shabaab fighters set fire to two police camps in Ijara.", gaz)
    assert found is not None and found.place.country_code == "KE"


def test_a_kenyan_unit_word_after_a_name(gaz: Gazetteer) -> None:
    for text, admin1 in [
        ("Residents stormed a school in Kipchebor Ward after two men were killed.", "Kericho"),
        ("Pupils in Samburu West Sub County attacked their teachers.", "Samburu"),
    ]:
        found = place_of(text, gaz)
        assert found is not None and found.place.country_code == "KE", text
        assert found.place.admin1 == admin1, text


def test_a_ward_spelled_as_written_beats_a_tolerant_namesake(gaz: Gazetteer) -> None:
    # "Njiru" (a Nairobi ward) is also read by tolerant key as Uganda's Njeru
    found = place_of("Residents of Njiru held a violent demonstration over evictions.", gaz)
    assert found is not None and found.place.country_code == "KE"
    assert found.place.admin1 == "Nairobi"


def test_either_place_of_a_two_place_ward(gaz: Gazetteer) -> None:
    # the IEBC list names the ward "Kapedo/Napeitom"
    found = place_of("Suspected tribesmen attacked a police post in Kapedo.", gaz)
    assert found is not None and found.place.country_code == "KE"


def test_a_constituency_before_its_member(gaz: Gazetteer) -> None:
    # "Kapseret MP" was read as the start of a longer proper name
    found = place_of("The Kapseret MP was slapped and pushed to the ground.", gaz)
    assert found is not None and found.place.admin1 == "Uasin Gishu"
    # the member's place is outranked by the place of the event
    found = place_of("Makueni MP and his wife were attacked at their home in Kisauni.", gaz)
    assert found is not None and found.place.admin1 == "Mombasa"


def test_a_party_and_a_faith_are_no_places(gaz: Gazetteer) -> None:
    for text in ("Jubilee youths were dispersed by police.", "Christian students protested."):
        found = place_of(text, gaz)
        assert found is None or found.place.country_code not in ("CA", "US"), text


def test_kenyan_cues_of_session_13(gaz: Gazetteer) -> None:
    for text in (
        "Kenyatta University students rioted over fees.",
        "Armed members of the MRC attacked police officers.",
        "MRC attacks civilians ahead of the vote.",
        "Two National Police Reservists were shot and wounded.",
    ):
        found = place_of(text, gaz)
        assert found is not None and found.place.country_code == "KE", text
    # a council of medical research is no Kenyan separatist
    places, _ = locate("The MRC funded a study of malaria.", gaz)
    assert not places.cues


def test_a_weekday_after_a_name_is_no_part_of_it(gaz: Gazetteer) -> None:
    # "Nairobi Monday" was read as a longer proper name once "central" stood before it
    found = place_of("A bomb exploded on a bus in central Nairobi Monday.", gaz)
    assert found is not None and found.place.admin1 == "Nairobi"


def test_a_ward_named_beside_its_own_countrys_demonym(gaz: Gazetteer) -> None:
    # "Liboi" is known only as a Kenyan ward; "Kenyan" says nothing against it
    found = place_of("Five Kenyan paramilitary officers were killed by a landmine in Liboi.", gaz)
    assert found is not None and found.place.admin1 == "Garissa"
