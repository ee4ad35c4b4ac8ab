"""ACLED typing by the parties, session 6 (issue 12, docs/acled-typing.md):
one-sided violence, a protest's grievance, crowds of supporters, unnamed
identity militias."""

from __future__ import annotations

import pytest

from blotter.fields.roles import role_patterns
from blotter.fields.tests.reports import only
from blotter.pipeline import Pipeline
from blotter.taxonomy import CONTEXT_PERPETRATOR, DEFAULT_PERPETRATOR, default_perpetrator


@pytest.mark.parametrize(
    "text",
    [
        "A policeman has been apprehended after shooting dead Mwenda Itaeba, a local politician.",
        "Police raid two mosques in Kisauni and arrest 250 suspects. One death was reported.",
    ],
)
def test_one_armed_party_not_hit_is_an_attack_not_a_clash(pipeline: Pipeline, text: str) -> None:
    event = only(pipeline, text)
    assert (event["event_type"], event["sub_event_type"]) == (
        "Violence against civilians",
        "Attack",
    )
    assert event["actor1"]["inter"] == 1


def test_an_armed_force_named_as_the_target_keeps_the_clash(pipeline: Pipeline) -> None:
    event = only(
        pipeline, "The NAF rebel forces fired small arms at the governmental positions near Slavne."
    )
    assert event["event_type"] == "Battles"


@pytest.mark.parametrize(
    "text",
    [
        "Residents protested the burning of two villages by prisoners and prison guards.",
        "Farmers protested outside the office, demanding aid after their crops were destroyed "
        "by a hail storm.",
        "Party members staged a protest and burned an effigy of the education minister.",
        "Reports of pro-opposition protests in Mombasa. No reports of violence or clashes "
        "with police.",
        "Protesters gathered against the detention of two activists accused of vandalising a bank.",
    ],
)
def test_violence_a_protest_is_about_does_not_make_it_a_riot(
    pipeline: Pipeline, text: str
) -> None:
    event = only(pipeline, text)
    assert event["event_type"] == "Protests", event["sub_event_type"]
    assert event["actor1"]["inter"] == 6


@pytest.mark.parametrize(
    "text",
    [
        "Police clash with students protesting the death of a colleague.",
        "Youth in Homa Bay protest against police violence by setting fire to market stalls.",
        "Traders protest the killing of a colleague. Some protesters set his motorbike alight.",
    ],
)
def test_the_protesters_own_violence_makes_a_violent_demonstration(
    pipeline: Pipeline, text: str
) -> None:
    event = only(pipeline, text)
    assert (event["event_type"], event["sub_event_type"]) == ("Riots", "Violent demonstration")
    assert event["actor1"]["inter"] == 5


def test_rival_supporters_clashing_is_mob_violence(pipeline: Pipeline) -> None:
    event = only(
        pipeline,
        "One is dead after supporters of Senator Ongoro and MP Kajwang clash in Mathare.",
    )
    assert (event["event_type"], event["sub_event_type"]) == ("Riots", "Mob violence")
    assert event["actor1"]["inter"] == 5


def test_residents_killing_a_suspect_is_mob_violence(pipeline: Pipeline) -> None:
    event = only(pipeline, "Residents of Kisumu attack and kill a man they suspected of murder.")
    assert event["sub_event_type"] == "Mob violence"
    assert event["actor1"]["inter"] == 5


def test_crowd_agent_is_not_an_armed_crowd_nor_a_victim() -> None:
    pats = role_patterns(None)
    assert pats.crowd_agent.search("supporters of the governor and of the MP clashed")
    assert not pats.crowd_agent.search("armed youths attacked the village")
    assert not pats.crowd_agent.search("supporters of the opposition were assaulted by men")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Seventeen are killed in ongoing ethnic clashes in Butiye village.",
         "Unidentified Ethnic Militia"),
        ("At least one person was killed during inter-clan clashes in the Salahad area.",
         "Unidentified Clan Militia"),
        ("Two herders were shot dead during a cattle raid in Marti.",
         "Unidentified Communal Militia"),
    ],
)
def test_an_unnamed_perpetrator_of_identity_violence_is_an_identity_militia(
    pipeline: Pipeline, text: str, name: str
) -> None:
    event = only(pipeline, text)
    assert event["actor1"]["name"].startswith(name)
    assert event["actor1"]["inter"] == 4


def test_an_unnamed_perpetrator_elsewhere_stays_an_armed_group(pipeline: Pipeline) -> None:
    event = only(pipeline, "Two people were shot dead in Mandera on Sunday night.")
    assert event["actor1"]["name"].startswith("Unidentified Armed Group")
    assert event["actor1"]["inter"] == 3


def test_default_perpetrator_follows_the_table() -> None:
    assert set(CONTEXT_PERPETRATOR) == {"ethnic_violence", "clan_violence", "communal_violence"}
    assert default_perpetrator("Attack", set()) == DEFAULT_PERPETRATOR["Attack"]
    assert default_perpetrator("Attack", {"attack", "clan_violence"})[1] == 4
    with pytest.raises(KeyError):
        default_perpetrator("Peaceful protest", {"clan_violence"})


@pytest.mark.parametrize(
    "text",
    [
        "Al Shabaab militants shot and killed a police officer (assumed off-duty) in Baidoa.",
        "Soldiers summarily executed two members of the Fulani community near Tokabangou.",
    ],
)
def test_off_duty_victims_torture_and_executions_are_attacks(
    pipeline: Pipeline, text: str
) -> None:
    event = only(pipeline, text)
    assert (event["event_type"], event["sub_event_type"]) == (
        "Violence against civilians",
        "Attack",
    )


@pytest.mark.parametrize(
    "text",
    [
        # a rebel raid naming no victim: part of a battle in state-based conflict data
        "Colombian rebels attack two towns, killing eight.",
        # the police found the bodies: no doer of a one-sided attack
        "Police find 8 bodies in western Mexico.",
        # fighting each other goes both ways
        "Colombian troops attack each other, kill seven.",
    ],
)
def test_no_one_sided_attack_without_the_state_as_the_doer(pipeline: Pipeline, text: str) -> None:
    event = only(pipeline, text)
    assert (event["event_type"], event["sub_event_type"]) == ("Battles", "Armed clash")


def test_a_headline_passive_is_the_party_hit() -> None:
    pats = role_patterns(None)
    assert pats.hit_after.match(" KILLED.")
    assert pats.hit_after.match(" killed in Bogota attack")
    assert not pats.hit_after.match(" killed two suspects")
    assert pats.finder_after.match(" find 8 bodies")
