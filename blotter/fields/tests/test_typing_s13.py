"""Typing by roles, session 13 (issue 12, docs/acled-typing.md)."""

from __future__ import annotations

from blotter.fields.tests.reports import only
from blotter.pipeline import Pipeline


def test_one_identity_militia_striking_herders_is_an_attack(pipeline: Pipeline) -> None:
    text = "Toposa ethnic militia attacks Turkana herdsmen, killing four."
    event = only(pipeline, text)
    assert event["sub_event_type"] == "Attack"
    assert event["actor2"]["name"].startswith("Civilians")


def test_two_militias_fighting_stay_a_clash(pipeline: Pipeline) -> None:
    text = "Toposa and Turkana ethnic militias fought each other, killing four."
    assert only(pipeline, text)["sub_event_type"] == "Armed clash"


def test_unnamed_attackers_of_herders_are_a_communal_militia(pipeline: Pipeline) -> None:
    text = "Two herdsmen were shot dead by unknown gunmen near a borehole."
    event = only(pipeline, text)
    assert event["actor1"]["inter"] == 4
    assert "Communal Militia" in event["actor1"]["name"]
