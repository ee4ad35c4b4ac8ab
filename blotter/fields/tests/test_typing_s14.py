"""Typing by roles, session 14 (issue 12, docs/acled-typing.md)."""

from __future__ import annotations

from blotter.fields.tests.reports import only
from blotter.pipeline import Pipeline


def test_a_clash_told_as_a_riot_is_a_violent_demonstration(pipeline: Pipeline) -> None:
    text = "Two people die in riots and clashes with police in Kawangware."
    event = only(pipeline, text)
    assert event["sub_event_type"] == "Violent demonstration"
    assert event["actor1"]["inter"] == 5


def test_riot_police_fighting_an_armed_group_stay_a_clash(pipeline: Pipeline) -> None:
    text = "Riot police clashed with Al Shabaab militants near Mandera, killing two."
    assert only(pipeline, text)["sub_event_type"] == "Armed clash"
