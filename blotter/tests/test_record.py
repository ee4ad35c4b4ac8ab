"""The event record's vocabulary is ACLED's and GTD's."""

from __future__ import annotations

import pytest

from blotter.fields.attributes import attribute_lexicons
from blotter.record import Event
from blotter.taxonomy import CLAIM_MODES, EVENT_TYPES, SUB_EVENT_TYPES


def test_taxonomy_has_acled_six_types_and_twenty_five_sub_types() -> None:
    assert len(EVENT_TYPES) == 6 and len(SUB_EVENT_TYPES) == 25


def test_claim_modes_written_by_the_lexicon_are_gtd_modes() -> None:
    assert set(attribute_lexicons().claim_modes.groups) <= set(CLAIM_MODES)


def test_record_refuses_a_sub_type_of_another_type() -> None:
    with pytest.raises(ValueError):
        Event(event_type="Protests", sub_event_type="Armed clash")
    assert Event("Battles", "Armed clash").to_dict()["fatalities"] == {
        "best": None,
        "low": None,
        "high": None,
    }


def test_to_dict_is_asdict_without_sharing_lists() -> None:
    """The JSON form has every field, nested records as dicts, in field order; editing
    it leaves the event alone."""
    from dataclasses import asdict

    from blotter.record import Actor, Event

    event = Event("Violence against civilians", "Attack", actor1=Actor("Sinaloa Cartel", 2))
    event.add_evidence("actor1", "by the Sinaloa Cartel", 7, 21)
    event.weapons.append("firearms")
    out = event.to_dict()
    assert out == asdict(event) and list(out) == list(asdict(event))
    out["weapons"].append("explosives")
    out["evidence"][0]["text"] = "edited"
    assert event.weapons == ["firearms"] and event.evidence[0].text == "Sinaloa Cartel"
