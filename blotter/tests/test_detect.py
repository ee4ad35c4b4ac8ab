"""Detection: what is an event, what is background, how it is typed."""

from __future__ import annotations

from typing import Any

import pytest

from blotter.document import Article
from blotter.pipeline import Pipeline
from blotter.settings import Settings
from blotter.stages.detect import classify


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings({"geocode": False}))


def extract(
    pipeline: Pipeline, text: str, published: str | None = "2024-03-12"
) -> list[dict[str, Any]]:
    from blotter.io.records import parse_published

    article = Article("t", text, parse_published(published)[0])
    (result,) = pipeline.extract_articles([article])
    assert result.error is None
    return result.events


@pytest.mark.parametrize(
    "text",
    [
        "These kinds of killings take place every day, at all hours, in all places in the country.",
        "The rebels threatened to attack the town if the army did not withdraw.",
        "Will the militants attack again?",
        "The council approved the budget after a long debate on Monday.",
    ],
)
def test_generic_hypothetical_and_unrelated_statements_are_not_events(
    pipeline: Pipeline, text: str
) -> None:
    assert extract(pipeline, text) == []


def test_background_incident_keeps_its_own_date(pipeline: Pipeline) -> None:
    text = (
        "Gunmen killed four farmers in the village on Sunday, police said.\n\n"
        "In 2015, the same group killed 15 officers in a similar ambush."
    )
    events = extract(pipeline, text)
    current = [e for e in events if not e["is_background"]]
    background = [e for e in events if e["is_background"]]
    assert current[0]["event_date"] == "2024-03-10" and current[0]["fatalities"]["best"] == 4
    assert background[0]["event_date"] == "2015-01-01" and background[0]["fatalities"]["best"] == 15


def test_separate_incidents_in_one_report_stay_apart(pipeline: Pipeline) -> None:
    text = (
        "Warplanes carried out airstrikes on villages on Sunday, killing a civilian.\n\n"
        "Separately, government forces and rebels clashed near the town; four fighters were killed."
    )
    types = [e["sub_event_type"] for e in extract(pipeline, text)]
    assert types == ["Air/drone strike", "Armed clash"]


@pytest.mark.parametrize(
    ("groups", "civ", "forces", "expected"),
    [
        ({"protest"}, False, False, "Peaceful protest"),
        ({"protest", "intervention"}, False, False, "Protest with intervention"),
        ({"protest", "riot"}, False, False, "Violent demonstration"),
        ({"shelling", "fight"}, False, True, "Armed clash"),
        ({"shelling"}, False, True, "Shelling/artillery/missile attack"),
        ({"attack"}, True, False, "Attack"),
        ({"attack"}, False, True, "Armed clash"),
        ({"ied", "blast"}, True, False, "Remote explosive/landmine/IED"),
        ({"ied", "disrupt"}, False, False, "Disrupted weapons use"),
        ({"kidnap", "attack"}, False, True, "Abduction/forced disappearance"),
    ],
)
def test_decision_list(groups: set[str], civ: bool, forces: bool, expected: str) -> None:
    assert classify(groups, None, civ, forces) == expected


@pytest.mark.parametrize(
    "text",
    [
        # my own match, market and product reports, written for this test
        "Middlesbrough beat Manchester City 3-2 on Saturday. Their striker scored twice as the "
        "league leaders extended their unbeaten season.",
        "Treasuries slipped as stocks rally on Wall Street, while investors waited for earnings.",
        "The battle over home networking software is heating up, and the download figures show it.",
        "Rival chipmakers clash over patents as the new console software ships.",
        "Robert Mobley, a shell collector from Killarney, opened a mobile shop.",
    ],
)
def test_sport_market_and_product_texts_report_no_event(pipeline: Pipeline, text: str) -> None:
    assert [e for e in extract(pipeline, text) if not e["is_background"]] == []


def test_a_real_act_in_a_sport_text_is_still_an_event(pipeline: Pipeline) -> None:
    text = (
        "Football fans threw stones at police after the league match on Sunday, injuring two "
        "officers. The coach of the home team condemned the violence; the season resumes Friday."
    )
    events = [e for e in extract(pipeline, text) if not e["is_background"]]
    assert [e["event_type"] for e in events] == ["Riots"]


#: Filler that makes a report longer than a brief (detect's SHORT_REPORT_CHARS),
#: where a sentence of another kind of act starts a new incident.
_LONG_FILLER = (
    "The interior minister told reporters that the government would not give in to "
    "pressure and that the security forces had been put on alert across the region. "
    "Officials said the investigation was continuing and that more details would be "
    "released when the inquiry had made progress. " * 2
)


def test_murder_told_after_a_bombing_is_its_own_incident(pipeline: Pipeline) -> None:
    text = (
        "A bomb exploded at the power station in the capital on Monday night, "
        "destroying two transformers.\n\n"
        "On Tuesday, gunmen murdered the town's mayor outside his home.\n\n" + _LONG_FILLER
    )
    subs = [e["sub_event_type"] for e in extract(pipeline, text) if not e["is_background"]]
    assert "Remote explosive/landmine/IED" in subs and "Attack" in subs


def test_bomb_named_after_a_murder_does_not_split_it(pipeline: Pipeline) -> None:
    text = (
        "Gunmen murdered the town's mayor outside his home on Tuesday.\n\n"
        "The mayor had received threats and his house was damaged by a bomb.\n\n"
        "Neighbours said the gunmen escaped in a car.\n\n" + _LONG_FILLER
    )
    current = [e for e in extract(pipeline, text) if not e["is_background"]]
    assert len(current) == 1  # one incident: the bomb is no new one



def test_explosion_told_after_a_murder_is_its_weapon(pipeline: Pipeline) -> None:
    text = (
        "A trade union leader was assassinated in the port city on Tuesday.\n\n"
        "He died at once when a bomb fixed under his car exploded as he drove to work.\n\n"
        + _LONG_FILLER
    )
    current = [e for e in extract(pipeline, text) if not e["is_background"]]
    assert len(current) == 1


def test_hostage_murdered_after_a_kidnapping_is_one_incident(pipeline: Pipeline) -> None:
    text = (
        "Rebels kidnapped two engineers from the dam site on Monday.\n\n"
        "Their captors murdered one of the engineers on Thursday.\n\n"
        + _LONG_FILLER
    )
    current = [e for e in extract(pipeline, text) if not e["is_background"]]
    assert [e["sub_event_type"] for e in current] == ["Abduction/forced disappearance"]



def test_machine_gun_of_a_murder_is_gunfire(pipeline: Pipeline) -> None:
    murder = "Two students were murdered by machinegun fire as they walked home on Wednesday."
    (event,) = extract(pipeline, murder)
    assert event["sub_event_type"] == "Attack"
    shelling = "On 9 May, rebel forces fired heavy machine guns at army positions near the town."
    (event,) = extract(pipeline, shelling)
    assert event["sub_event_type"] == "Shelling/artillery/missile attack"


def test_count_of_the_first_clause_after_a_wire_dateline(pipeline: Pipeline) -> None:
    text = (
        "LIMA, 12 MAR 24 (EFE) -- [TEXT] TWO POLICEMEN GUARDING THE BRAZILIAN EMBASSY IN "
        "THE CAPITAL WERE KILLED TODAY BY UNIDENTIFIED GUNMEN, THE POLICE REPORTED."
    )
    (event,) = extract(pipeline, text)
    assert event["fatalities"]["best"] == 2
