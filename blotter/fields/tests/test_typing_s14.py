"""Typing by roles, session 14 (issue 12, docs/acled-typing.md)."""

from __future__ import annotations

from blotter.fields.tests.reports import current_events, only
from blotter.pipeline import Pipeline


def test_a_clash_told_as_a_riot_is_a_violent_demonstration(pipeline: Pipeline) -> None:
    text = "Two people die in riots and clashes with police in Kawangware."
    event = only(pipeline, text)
    assert event["sub_event_type"] == "Violent demonstration"
    assert event["actor1"]["inter"] == 5


def test_riot_police_fighting_an_armed_group_stay_a_clash(pipeline: Pipeline) -> None:
    text = "Riot police clashed with Al Shabaab militants near Mandera, killing two."
    assert only(pipeline, text)["sub_event_type"] == "Armed clash"


def test_a_protest_against_a_spate_of_crimes_is_a_protest(pipeline: Pipeline) -> None:
    text = "Residents of Kainuk protest insecurity after a spate of robberies."
    assert only(pipeline, text)["sub_event_type"] == "Peaceful protest"


def test_nurses_demonstrating_across_the_country_is_a_protest(pipeline: Pipeline) -> None:
    text = "Kenyan nurses held demonstrations across the country."
    assert only(pipeline, text)["sub_event_type"] == "Peaceful protest"


def test_a_wave_of_protests_still_generalises(pipeline: Pipeline) -> None:
    text = "A wave of protests has swept the country in recent years."
    assert current_events(pipeline, text) == []


def test_protesters_arrested_in_a_headline_is_an_intervention(pipeline: Pipeline) -> None:
    text = "Matatu operators stage protest over fuel prices; police arrest several protesters."
    assert only(pipeline, text)["sub_event_type"] == "Protest with intervention"
