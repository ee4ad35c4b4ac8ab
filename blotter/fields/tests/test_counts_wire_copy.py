"""Counts and cues of session 15 (docs/relevance-news.md, "Session 15"): a measure
after a number is no count, a war's toll is no event's count, a named victim told
with an apposition before "died" is one death; a bulletin is no firearm and a
mining site no land mine."""

from __future__ import annotations

import pytest

from blotter.fields.attributes import attribute_lexicons
from blotter.fields.casualties import find_counts
from blotter.lang.lexicon import cue_lexicon


def killed(text: str) -> list[int]:
    """The killed counts read from one sentence."""
    return [c.value for c in find_counts(text) if c.kind == "killed"]


@pytest.mark.parametrize(
    "text",
    [
        "Smith was killed some 50 metres from his home.",
        "Police said he was killed about 200 meters from the market.",
        "THE OFFICER WAS KILLED SOME 50 METERS FROM THE PROMENADE.",
    ],
)
def test_a_distance_after_the_number_is_no_count(text: str) -> None:
    assert killed(text) == [1]


def test_a_share_is_no_count() -> None:
    assert killed("Thefts rose 83 percent and murders 67 percent.") == []
    assert killed("The attack killed 5 people 2 km from the border.") == [5]


@pytest.mark.parametrize(
    "text",
    [
        "The country has been enduring a civil war in which more than 70,000 people have died.",
        "The decade-long war has killed more than 70,000 people.",
        "The war has claimed the lives of more than 10,000 people.",
    ],
)
def test_a_wars_toll_is_no_events_count(text: str) -> None:
    assert killed(text) == []


def test_a_fight_in_which_people_died_keeps_its_count() -> None:
    local = "Families fled for fear of attacks in a conflict that has left two people dead."
    assert 2 in killed(local)
    assert killed("The fighting, in which 12 people died, lasted two hours.") == [12]
    assert killed("War planes killed 12 people in the village.") == [12]


@pytest.mark.parametrize(
    "text",
    [
        "Luis Ortega, a senator and presidential hopeful, died tonight after being shot.",
        "POLICE SAID THAT ZORAN VUKSIC, 28, LEADER OF THE PARTY, DIED INSTANTLY.",
        "John Smith, 28, died instantly.",
    ],
)
def test_a_named_victim_with_an_apposition_who_died_is_one_death(text: str) -> None:
    assert killed(text) == [1]


def test_an_apposition_that_reports_speech_or_a_group_is_no_one_death() -> None:
    assert killed("Ortega, in a statement to reporters, said hopes for peace died.") == []
    assert 1 not in killed("Ortega, Perez and Molina, the three leaders, died.")
    # a place and what the victims were doing there: the count is elsewhere
    assert killed("Officers from a camp in Garissa County, on patrol near the border, died.") == []


def test_a_bulletin_is_no_firearm() -> None:
    weapons = attribute_lexicons().weapons
    assert "firearms" not in weapons.find("The army said in a bulletin that rebels attacked.")
    assert "firearms" in weapons.find("He was hit by 12 bullets.")
    assert "firearms" in weapons.find("A bullet-riddled car was found.")


def test_a_mining_site_or_its_minister_is_no_land_mine() -> None:
    cues = cue_lexicon()
    assert "ied" not in cues.find("The rebels demand the dismissal of the Mines Minister.")
    assert "ied" not in cues.find("Gunmen stormed a gold mine and killed three workers.")
    assert "ied" in cues.find("A mine exploded under the truck.")
