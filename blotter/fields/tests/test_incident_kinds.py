"""Incidents of one longer report told apart by their kind of act, and fighting
named in passing beside a bombing (session 11, issue 12; docs/relevance-news.md)."""

from __future__ import annotations

from blotter.fields.tests.reports import current_events, only
from blotter.pipeline import Pipeline
from blotter.stages.detect import SHORT_REPORT_CHARS
from blotter.stages.incident import act_kinds

#: A report longer than a brief: a bombing, then a kidnapping of other victims.
BOMBING_THEN_KIDNAPPING = (
    "PORT ELLEN, 11 June 2019 -- A bomb exploded on Tuesday outside the offices of the "
    "regional electricity company in Port Ellen, destroying the front of the building. "
    "The explosive device had been left in a parked car, the police said, and the blast "
    "was heard across the town. Firefighters worked for two hours to put out the fire, and the "
    "street stayed closed to traffic for the rest of the day while investigators searched "
    "the area around the building.\n\n"
    "Gunmen kidnapped two engineers of the same company on the road to "
    "Bowmore. The kidnappers took the engineers away in a white van, witnesses said. No "
    "group has said that it holds them."
)


def test_a_kidnapping_told_after_a_bombing_is_its_own_incident(pipeline: Pipeline) -> None:
    assert len(BOMBING_THEN_KIDNAPPING) > SHORT_REPORT_CHARS
    subs = {e["sub_event_type"] for e in current_events(pipeline, BOMBING_THEN_KIDNAPPING)}
    assert "Remote explosive/landmine/IED" in subs
    assert "Abduction/forced disappearance" in subs


def test_a_brief_keeps_its_acts_in_one_incident(pipeline: Pipeline) -> None:
    text = "A bomb exploded in Port Ellen. Gunmen kidnapped two engineers nearby."
    assert len(current_events(pipeline, text)) == 1


def test_generic_and_fighting_words_are_no_kind() -> None:
    assert act_kinds({"attack", "clash", "fight", "gunfire"}) == set()
    assert act_kinds({"ied", "kidnap"}) == {"explosive", "kidnap"}


def test_fighting_named_in_passing_does_not_retype_a_bombing(pipeline: Pipeline) -> None:
    text = (
        "A powerful bomb exploded on Tuesday in the lobby of a hotel in Port Ellen, killing "
        "two guests. The explosive device had been left in a suitcase near the desk. "
        "The blast destroyed the front of the building. The bombing came a day after a "
        "shootout between two gangs in the harbour district."
    )
    assert only(pipeline, text)["sub_event_type"] == "Remote explosive/landmine/IED"
