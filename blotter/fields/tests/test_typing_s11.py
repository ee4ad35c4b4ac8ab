"""Typing by roles and inter codes, session 11 (issue 12, docs/acled-typing.md)."""

from __future__ import annotations

import pytest

from blotter.fields.tests.reports import only
from blotter.pipeline import Pipeline


def test_fighting_between_communities_is_an_armed_clash(pipeline: Pipeline) -> None:
    text = "Two men died after a fight between two rival communities over grazing land."
    assert only(pipeline, text)["sub_event_type"] == "Armed clash"


def test_a_mob_punishing_a_cattle_thief_stays_mob_violence(pipeline: Pipeline) -> None:
    text = "An angry mob killed a suspected cattle thief at the market."
    assert only(pipeline, text)["sub_event_type"] == "Mob violence"


@pytest.mark.parametrize(
    "text",
    [
        "Students protesting over fees battle police outside the college gates.",
        "Residents protested over insecurity and broke into the chief's office.",
    ],
)
def test_protesters_fighting_or_breaking_in_make_a_violent_demonstration(
    pipeline: Pipeline, text: str
) -> None:
    assert only(pipeline, text)["sub_event_type"] == "Violent demonstration"


def test_a_dispute_is_a_grievance_not_a_crowd(pipeline: Pipeline) -> None:
    text = "A man hacked his neighbour to death in a land dispute in the village."
    assert only(pipeline, text)["sub_event_type"] == "Attack"


@pytest.mark.parametrize(
    "text",
    [
        "Bandits raided a village, shot dead two herders and stole 300 goats.",
        "Two people were killed when the Abakar and Olmeru clans fought over a water point.",
    ],
)
def test_unnamed_raiders_of_communities_are_an_identity_militia(
    pipeline: Pipeline, text: str
) -> None:
    actor1 = only(pipeline, text)["actor1"]
    assert actor1 is not None and actor1["inter"] == 4


def test_unnamed_gunmen_elsewhere_stay_an_armed_group(pipeline: Pipeline) -> None:
    actor1 = only(pipeline, "Gunmen shot dead a shopkeeper in the town centre.")["actor1"]
    assert actor1 is not None and actor1["inter"] == 3


def test_an_attack_told_as_rioting_is_a_riot(pipeline: Pipeline) -> None:
    text = "Three people were killed in a riot over a disputed market stall in the town."
    event = only(pipeline, text)
    assert event["event_type"] == "Riots"


def test_riot_police_make_no_riot(pipeline: Pipeline) -> None:
    text = "Gunmen shot dead a shopkeeper as riot police patrolled the town centre."
    assert only(pipeline, text)["event_type"] != "Riots"
