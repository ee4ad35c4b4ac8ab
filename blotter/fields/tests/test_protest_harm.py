"""A protest's type by what was done to it, session 10 (issue 12,
docs/acled-typing.md): harm done at the protest is excessive force, harm that
is its grievance is not; warning shots and tear gas are an intervention."""

from __future__ import annotations

import pytest

from blotter.fields.tests.reports import only
from blotter.pipeline import Pipeline


@pytest.mark.parametrize(
    "text",
    [
        "Two marchers were shot and injured by police during a protest against high fuel prices.",
        "Traders protested over new market fees. Police opened fire, injuring three of them.",
        "A student was shot dead during demonstrations over fees at a college in the town.",
    ],
)
def test_people_hurt_at_a_protest_make_excessive_force(pipeline: Pipeline, text: str) -> None:
    event = only(pipeline, text)
    assert event["sub_event_type"] == "Excessive force against protesters"
    assert event["actor1"] is not None  # the crowd when no doer is named


@pytest.mark.parametrize(
    "text",
    [
        "Residents protested the killing of a shopkeeper who was shot dead by robbers.",
        "Nurses held a protest after a colleague was killed by a patient.",
        "Hundreds marched carrying the coffins of those killed in the protest movement.",
    ],
)
def test_harm_that_is_the_grievance_is_no_excessive_force(pipeline: Pipeline, text: str) -> None:
    event = only(pipeline, text)
    assert event["sub_event_type"] != "Excessive force against protesters"


@pytest.mark.parametrize(
    "text",
    [
        "Teachers protesting over pay outside the ministry were teargassed by police.",
        "Riders protested a new levy outside the county offices; police fired in the air.",
    ],
)
def test_tear_gas_and_warning_shots_are_an_intervention(pipeline: Pipeline, text: str) -> None:
    assert only(pipeline, text)["sub_event_type"] == "Protest with intervention"


def test_a_call_to_intervene_is_no_intervention(pipeline: Pipeline) -> None:
    text = "Workers protested outside the firm, urging the authorities to intervene in their case."
    assert only(pipeline, text)["sub_event_type"] == "Peaceful protest"


@pytest.mark.parametrize(
    "text",
    [
        "Youths threw stones at the minister's motorcade during a campaign rally in the town.",
        "Rival supporters hurled stones at each other; police used tear gas to disperse the crowd.",
    ],
)
def test_a_dispersed_or_rally_facing_crowd_is_mob_violence(pipeline: Pipeline, text: str) -> None:
    assert only(pipeline, text)["sub_event_type"] == "Mob violence"


def test_a_crowd_that_rioted_or_blocked_roads_stays_a_demonstration(pipeline: Pipeline) -> None:
    text = "Students rioted and blocked the highway; police used tear gas to disperse them."
    assert only(pipeline, text)["sub_event_type"] == "Violent demonstration"
