"""Typing by roles, session 15 (issue 12, docs/acled-typing.md): responders and
finders make no clash; "post" of "post-election" is no military post; "shot by
police" names the doer; "Police Forces" is one actor."""

from __future__ import annotations

import pytest

from blotter.fields.actors import find_actors, is_responder, is_victim
from blotter.fields.tests.reports import only
from blotter.lang import load_locale
from blotter.lang.lexicon import cue_lexicon
from blotter.pipeline import Pipeline


def test_police_who_arrested_after_a_shooting_make_no_clash(pipeline: Pipeline) -> None:
    text = "Police arrested three suspects after a shooting at a bar left two dead."
    event = only(pipeline, text)
    assert event["sub_event_type"] == "Attack"
    assert event["actor1"]["inter"] != 1


def test_the_arrester_in_the_passive_makes_no_clash(pipeline: Pipeline) -> None:
    text = "Two men were shot dead at a bar in Kisumu. Three suspects were arrested by police."
    assert only(pipeline, text)["sub_event_type"] == "Attack"


def test_a_shootout_with_arrests_after_it_stays_a_clash(pipeline: Pipeline) -> None:
    text = "Police arrested two suspects after a shootout with robbers in Kisumu left one dead."
    assert only(pipeline, text)["sub_event_type"] == "Armed clash"


def test_post_election_violence_names_no_armed_force(pipeline: Pipeline) -> None:
    text = "One man was killed by an arrow in post-election violence in Molo."
    assert only(pipeline, text)["sub_event_type"] == "Attack"
    hits = cue_lexicon().find("post-election violence in Molo")
    assert "forces_target" not in hits


def test_a_military_post_is_still_a_forces_word() -> None:
    assert "forces_target" in cue_lexicon().find("militants attacked a military post")


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("A nine-year-old was allegedly shot by police on the balcony.", False),
        ("A vendor was shot dead by the police near an armory.", False),
        ("Gunmen shot two police officers in Mandera.", True),
    ],
)
def test_shot_by_names_the_doer(text: str, victim: bool) -> None:
    locale = load_locale("en")
    mention = next(m for m in find_actors(text, 0, locale) if m.entry.inter == 1)
    assert is_victim(text, mention, locale=locale) is victim


def test_a_child_shot_by_police_is_their_attack(pipeline: Pipeline) -> None:
    event = only(pipeline, "A nine-year-old was allegedly shot by police in Mathare on Sunday.")
    assert event["sub_event_type"] == "Attack"
    assert event["actor1"]["inter"] == 1


def test_arrested_by_police_is_a_responder() -> None:
    locale = load_locale("en")
    text = "The residents assaulted the suspect, who was later arrested by the police."
    mention = next(m for m in find_actors(text, 0, locale) if m.entry.inter == 1)
    assert is_responder(text, mention, locale)


def test_residents_beating_a_suspect_later_arrested_is_mob_violence(pipeline: Pipeline) -> None:
    text = (
        "Local residents beat up a suspect of theft in Maceio. The residents assaulted "
        "the suspect, who was later arrested by the police."
    )
    assert only(pipeline, text)["sub_event_type"] == "Mob violence"


def test_police_forces_is_one_actor_and_the_doer() -> None:
    text = "In Isiolo, Police Forces allegedly beat a man to death."
    (mention,) = find_actors(text, 0, load_locale("en"))
    assert text[mention.start : mention.end] == "Police Forces"


@pytest.mark.parametrize(
    "text",
    [
        "Supporters of Governor Isaac Rutto (CCM) and Deputy Speaker Joyce Laboso "
        "(Jubilee) clashed at a funeral in Olbutyo. One man was seriously injured.",
        "Political parties clashed in Thika. One person was injured.",
        "Members of Jubilee and NASA parties clash during a political convention.",
    ],
)
def test_crowds_of_supporters_clashing_are_mob_violence(pipeline: Pipeline, text: str) -> None:
    event = only(pipeline, text)
    assert event["sub_event_type"] == "Mob violence"
    assert event["actor1"]["inter"] == 5


def test_supporters_of_an_armed_group_clashing_with_troops_stay_a_clash(
    pipeline: Pipeline,
) -> None:
    text = "Supporters of Al Shabaab clashed with Kenyan soldiers near Mandera, killing two."
    assert only(pipeline, text)["sub_event_type"] == "Armed clash"


def test_merrile_raiders_are_an_ethnic_militia() -> None:
    text = "Four fishermen were killed by Merrile raiders at Todonyang."
    (mention,) = find_actors(text, 0, load_locale("en"))
    assert mention.entry.inter == 4
    assert mention.entry.name.startswith("Merrile")
