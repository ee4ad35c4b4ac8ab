"""Typing by roles and ACLED's actor names (issues 11 and 12, docs/acled-typing.md)."""

from __future__ import annotations

import pytest

from blotter.fields.actors import find_actors
from blotter.fields.casualties import combine, find_counts
from blotter.fields.roles import role_patterns
from blotter.fields.tests.reports import current_events, only
from blotter.pipeline import Pipeline


@pytest.mark.parametrize(
    ("text", "name", "said"),
    [
        ("Pokot raiders killed three herders.", "Pokot Ethnic Militia ({country})",
         "Pokot raiders"),
        ("They were attacked by Garre clan militia.", "Garre Clan Militia ({country})",
         "Garre clan militia"),
        ("Degodia attack Garre civilians near the well.", "Degodia Ethnic Militia ({country})",
         "Degodia"),
    ],
)
def test_a_communal_militia_is_named_as_acled_does_with_inter_4(
    text: str, name: str, said: str
) -> None:
    (first, *_) = find_actors(text)
    assert (first.entry.name, first.entry.inter) == (name, 4)
    assert text[first.start : first.end] == said


def test_both_sides_of_a_communal_clash_are_militias() -> None:
    text = "Clashes between the Kipsigis and Maasai communities escalated."
    names = [m.entry.name for m in find_actors(text)]
    assert names == ["Kipsigis Ethnic Militia ({country})", "Maasai Ethnic Militia ({country})"]


def test_a_place_named_for_a_people_is_no_militia() -> None:
    # "Turkana" is also a county: in lower case and without an armed noun it is a place
    lower = find_actors("Two men were killed near turkana raiders camp")
    assert [m.entry.name for m in lower] == ["Unidentified Ethnic Militia ({country})"]
    assert not any(m.entry.inter == 4 for m in find_actors("Three were killed in Turkana."))


def test_unnamed_raiders_are_an_ethnic_militia(pipeline: Pipeline) -> None:
    event = only(pipeline, "Raiders killed two herders and stole 300 goats in Baragoi.")
    assert event["actor1"]["inter"] == 4
    assert event["actor1"]["name"].startswith("Unidentified Ethnic Militia")


def test_an_armed_victim_makes_an_armed_clash(pipeline: Pipeline) -> None:
    event = only(pipeline, "Gunmen attacked a police patrol in Mandera, killing two officers.")
    assert (event["event_type"], event["sub_event_type"]) == ("Battles", "Armed clash")
    assert event["actor2"]["inter"] == 1


def test_an_unarmed_victim_makes_an_attack(pipeline: Pipeline) -> None:
    event = only(pipeline, "Pokot militia killed three herders in Turkana.")
    assert (event["event_type"], event["sub_event_type"]) == (
        "Violence against civilians",
        "Attack",
    )
    assert event["actor1"]["name"].startswith("Pokot Ethnic Militia")


@pytest.mark.parametrize(
    "text",
    [
        "A mob lynched a suspected thief in Kisumu.",
        "Residents set ablaze a man suspected of stealing a motorcycle.",
        "A vigilante mob lynches a woman they accused of witchcraft.",
    ],
)
def test_a_mob_burning_or_lynching_a_suspect_is_mob_violence(pipeline: Pipeline, text: str) -> None:
    event = only(pipeline, text)
    assert event["sub_event_type"] == "Mob violence"
    assert (event["actor1"]["name"], event["actor1"]["inter"]) == ("Rioters", 5)


def test_protesters_own_violence_makes_a_violent_demonstration(pipeline: Pipeline) -> None:
    event = only(
        pipeline,
        "Traders protesting new levies lit bonfires and engaged police in running battles.",
    )
    assert (event["event_type"], event["sub_event_type"]) == ("Riots", "Violent demonstration")
    assert event["actor1"]["inter"] == 5
    assert event["actor2"]["inter"] == 1


def test_a_peaceful_protest_stays_a_protest(pipeline: Pipeline) -> None:
    event = only(pipeline, "Hundreds of residents marched peacefully to protest the evictions.")
    assert event["sub_event_type"] == "Peaceful protest"


def test_a_crowd_fighting_police_is_a_riot_not_an_armed_clash(pipeline: Pipeline) -> None:
    event = only(pipeline, "Students clashed with police at the university.")
    assert event["event_type"] == "Riots"
    assert event["actor1"]["inter"] == 5


def test_a_protest_against_a_trial_is_still_a_protest(pipeline: Pipeline) -> None:
    event = only(pipeline, "Residents protest the release of a man accused of rape.")
    assert event["event_type"] == "Protests"


def test_a_surname_is_no_lynching(pipeline: Pipeline) -> None:
    text = "Money managers are pessimistic, according to a survey by Merrill Lynch."
    assert not any(e["event_type"] == "Riots" for e in current_events(pipeline, text))


def test_crowd_agent_needs_the_crowd_to_act() -> None:
    pats = role_patterns(None)
    assert pats.crowd_agent.search("angry residents attacked the suspect")
    assert pats.crowd_agent.search("the driver was attacked by rioting youth")
    assert not pats.crowd_agent.search("gunmen attacked the residents")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 13-year-old boy is shot and killed by raiders.", 1),
        ("A man is killed in Taveta following a land dispute.", 1),
        ("Nobody is killed in the attack on the village.", None),
        ("Nobody was killed in the attack on the village.", None),
    ],
)
def test_one_victim_told_in_the_present_tense(text: str, expected: int | None) -> None:
    assert combine(find_counts(text), "killed").best == expected
