"""Counts of session 15 (docs/arguments.md, "Session 15"): a toll told over a list of
places is shared out over them, a killing told as the motive is no toll, and a note's
"In another event" adds its victims."""

from __future__ import annotations

import pytest

from blotter.fields.casualties import find_counts, listed_toll
from blotter.fields.tests.reports import only
from blotter.pipeline import Pipeline

#: Invented notes in the form of ACLED's front-line notes (no dev record copied).
PLAIN = "190 Northern servicemen were killed near Alvena, Borsk, Cattow, Dunmere, Eskby and Fenn."
COMBINED = ("According to Southern sources, the Northern military lost 88 soldiers as killed and "
            "wounded (fatalities estimated as 44), 2 tanks were destroyed near Alvena and Borsk (")
HALVED = ("200 Northern soldiers were killed and injured in the area of Alvena, Borsk, Cattow, "
          "Dunmere, Eskby, Fenn and Gort.")


def test_a_plain_toll_over_places_is_shared_by_the_order_of_the_list() -> None:
    toll = listed_toll(PLAIN)
    assert toll is not None and toll.total == 190 and len(toll.places) == 6
    # 190 over six places: 32 for the first four, 31 for the last two
    assert toll.share("Northern forces attacked near Alvena. " + PLAIN) == 32
    assert toll.share("Northern forces attacked near Eskby. " + PLAIN) == 31


def test_a_combined_count_is_shared_at_acleds_estimate() -> None:
    toll = listed_toll(COMBINED)
    assert toll is not None and toll.total == 44 and toll.places == ("Alvena", "Borsk")
    assert toll.share(COMBINED) == 22


def test_a_combined_count_without_an_estimate_is_halved_and_shared_evenly() -> None:
    toll = listed_toll(HALVED)
    assert toll is not None and toll.total == 100
    # 100 over seven places, rounded: 14 each, whatever the place
    assert toll.share("Clashes near Gort. " + HALVED) == 14
    assert toll.share("Clashes near Alvena. " + HALVED) == 14


def test_one_place_or_places_in_lower_case_are_no_list() -> None:
    assert listed_toll("190 Northern servicemen were killed near Alvena.") is None
    assert listed_toll("12 soldiers were killed near the river and the bridge.") is None


def test_the_event_carries_the_share(pipeline: Pipeline) -> None:
    event = only(pipeline, "On 16 June 2024, Northern forces attacked near Borsk. " + PLAIN)
    assert event["fatalities"]["best"] == 32


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the killing the lynched men were accused of is their motive, not the toll
        ("Residents of Kanyo lynched two alleged robbers, who were accused of killing three "
         "people.", 2),
        ("A man was shot dead and two other people injured as police battled villagers "
         "protesting the killing of two guards.", 1),
    ],
)
def test_a_killing_told_as_motive_is_no_toll(pipeline: Pipeline, text: str, expected: int) -> None:
    assert only(pipeline, text)["fatalities"]["best"] == expected


def test_another_event_of_the_note_adds_its_victims(pipeline: Pipeline) -> None:
    event = only(pipeline, "On 17 June 2024, in Tolsa, armed men shot and killed a woman in a "
                           "drive-by. In another event, armed men on a motorcycle shot and "
                           "killed a man in colonia Centro.")
    assert event["fatalities"]["best"] == 2


def test_a_count_before_two_verbs_and_an_object_is_the_killers() -> None:
    text = "Two members of a gang killed and decapitated a woman in Tolsa."
    assert [c.value for c in find_counts(text) if c.kind == "killed"] == [1]


def test_a_body_dumped_is_one_killed() -> None:
    text = "An unidentified armed group killed and dumped the body of a party member near Alvena."
    assert [c.value for c in find_counts(text) if c.kind == "killed"] == [1]
