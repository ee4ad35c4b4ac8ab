"""Issue 12: the document's own country evidence in terse notes (cues of any
language, institutions named after their town, bare possessives, national-table
areas where no country is named, country modifiers). Texts written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from blotter.geo.cues import CueFileError, data_cues, find_cues, read_cues
from blotter.geo.gazetteer import Gazetteer
from blotter.geo.mentions import find_places
from blotter.geo.tests.places import place_of


def test_data_cues_are_read_with_every_pack() -> None:
    assert data_cues(), "geo/data/country_cues.tsv holds rows"
    codes = {c.country_code for _, c in find_cues("Kipsigis and Tugen youths clashed")}
    assert codes == {"KE"}


def test_a_malformed_cue_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cues.tsv"
    path.write_text("# comment\nGood\tKE\t\tany\nBad row\tKE\n", "utf-8")
    with pytest.raises(CueFileError, match=r"cues.tsv:3"):
        read_cues(path)
    path.write_text("(unclosed\tKE\t\tany\n", "utf-8")
    with pytest.raises(CueFileError, match="bad pattern"):
        read_cues(path)
    assert read_cues(tmp_path / "missing.tsv") == ()


def test_a_note_naming_only_peoples_gets_their_country(gaz: Gazetteer) -> None:
    found = place_of("Kipsigis and Tugen youths clashed over land.", gaz)
    assert found is not None and found.place.kind == "country"
    assert found.place.country_code == "KE" and found.geo_precision == 3


def test_an_institution_named_after_its_town_places_the_event(gaz: Gazetteer) -> None:
    found = place_of("Maseno University students rioted over fees.", gaz)
    assert found is not None
    assert (found.place.name, found.place.country_code) == ("Maseno", "KE")
    mentions = find_places("Farmers clashed near Lake Naivasha on Sunday.", gaz).mentions
    assert "Naivasha" in [m.surface for m in mentions]


def test_another_place_outranks_an_institutions_name(gaz: Gazetteer) -> None:
    text = "Students of Panjab University protested in Chandigarh city."
    found = place_of(text, gaz)
    assert found is not None and found.place.name == "Chandigarh"
    # an institution word after a sentence break is no institution
    mentions = find_places("Residents protested in Soba. Police came.", gaz).mentions
    mention = next(m for m in mentions if m.surface == "Soba")
    assert not mention.landmark


def test_a_possessive_without_apostrophe_is_the_place(gaz: Gazetteer) -> None:
    found = place_of("Hawkers clashed with police in Nairobis central business district.", gaz)
    assert found is not None and (found.place.name, found.place.country_code) == ("Nairobi", "KE")
    # a word, not a place + "s"
    assert "Marine" not in [m.surface for m in find_places("Marines patrolled.", gaz).mentions]


def test_a_modifier_country_gives_way_to_the_texts_demonym(gaz: Gazetteer) -> None:
    text = "Gunmen killed a Kenyan police officer near the border with Somalia."
    found = place_of(text, gaz)
    assert found is not None and found.place.country_code == "KE"
    alone = place_of("Gunmen killed a police officer near the border with Somalia.", gaz)
    assert alone is not None and alone.place.country_code == "SO"  # nothing better said


def test_settlements_of_the_supplement_are_found(gaz: Gazetteer) -> None:
    found = place_of("Police clash with rioters in Kibera", gaz)
    assert found is not None
    assert (found.place.name, found.place.admin1) == ("Kibera", "Nairobi")


def test_a_demonym_before_a_home_body_is_a_cue(gaz: Gazetteer) -> None:
    text = "Kenyan police arrest 50 al Shabaab suspects in the northeast."
    places = find_places(text, gaz)
    assert any(cue.domestic and cue.country_code == "KE" for _, cue in places.cues)
    found = place_of(text, gaz)
    assert found is not None and found.place.country_code == "KE"
    # session 13: al-Shabaab's home country is only the last fall-back (a
    # "home" cue, as Hamas's), so the victims' demonym comes first, as in "Hamas
    # gunmen fired at Israeli farmers"; with no other word the group's home stands
    found = place_of("Al Shabaab members kill three Kenyan soldiers.", gaz)
    assert found is not None and found.place.country_code == "KE"
    found = place_of("Al Shabaab members killed three soldiers.", gaz)
    assert found is not None and found.place.country_code == "SO"
