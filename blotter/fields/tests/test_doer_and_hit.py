"""Typing by who does and who is hit, session 8 (issue 12, docs/acled-typing.md):
an armed party told as the doer is no target, a named armed group told as hit
makes a battle, a suspected member killed is the victim, not the perpetrator."""

from __future__ import annotations

import pytest

from blotter.document import Sentence
from blotter.fields.claims import Role, find_perpetrators
from blotter.fields.tests.reports import only
from blotter.lang.lexicon import cue_lexicon
from blotter.pipeline import Pipeline
from blotter.stages.detect import detect_patterns, targeted_forces
from blotter.stages.incident import SentenceCues

#: The report date these tests were written against.
PUBLISHED = "2021-03-04"


def cues(text: str) -> SentenceCues:
    return SentenceCues(Sentence(0, 0, len(text), text), cue_lexicon(None).find(text, 0), [], [])


@pytest.mark.parametrize(
    ("text", "targeted"),
    [
        ("Two traders were beheaded by the militants near the market.", False),
        ("Rebel fighters ambushed a bus on the highway.", False),
        ("Relatives accused the police of shooting the boy.", False),
        ("A farmer was shot dead, suspected to be the work of rebels.", False),
        ("Gunmen opened fire on a police patrol.", True),
        ("Two soldiers killed while on patrol.", True),
        ("An officer shot dead by unknown attackers.", True),
    ],
)
def test_an_armed_word_told_as_the_doer_is_no_target(text: str, targeted: bool) -> None:
    assert targeted_forces(cues(text), detect_patterns(None)) is targeted


@pytest.mark.parametrize(
    "text",
    [
        "A shopkeeper was shot dead by police officers in the town on Monday.",
        "Four farmers have been beheaded by militants near the river.",
    ],
)
def test_armed_doer_and_unarmed_victims_is_an_attack(pipeline: Pipeline, text: str) -> None:
    event = only(pipeline, text, PUBLISHED)
    assert event["sub_event_type"] == "Attack"


def test_a_named_armed_group_told_as_hit_is_a_battle(pipeline: Pipeline) -> None:
    event = only(
        pipeline, "Two Mungiki suspects killed by police in the town on Monday.", PUBLISHED
    )
    assert event["sub_event_type"] == "Armed clash"


def test_a_suspected_member_killed_is_the_victim_not_the_perpetrator(pipeline: Pipeline) -> None:
    text = (
        "A suspected Al Shabaab returnee was killed in the town. "
        "His family accused the police of killing him."
    )
    event = only(pipeline, text, PUBLISHED)
    assert event["sub_event_type"] == "Attack"
    assert event["actor1"]["inter"] == 1


def test_suspected_before_a_killed_member_binds_no_attribution() -> None:
    text = "A suspected Al Shabaab returnee was killed in the town."
    assert not [p for p in find_perpetrators(text) if p.role is Role.ATTRIBUTION]
    assert [p.role for p in find_perpetrators("Suspected Al Shabaab militants attacked a bus.")]


@pytest.mark.parametrize(
    "text",
    [
        "Two herders were injured during a night raid and 200 animals stolen.",
        "Four people died in community clashes near the river on Sunday.",
    ],
)
def test_unnamed_raiders_and_community_clashes_are_a_communal_militia(
    pipeline: Pipeline, text: str
) -> None:
    event = only(pipeline, text, PUBLISHED)
    assert event["actor1"]["inter"] == 4
    assert event["actor1"]["name"].startswith("Unidentified Communal Militia")
