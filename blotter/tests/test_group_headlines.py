"""Headlines about named armed groups: their wars, their members' arrests, their acts.

Session 11 (issue 12).  A war between two named non-state groups told in
progress is fighting between them; a brief's undated arrest of a named
group's member is the report's news, with the group as the arrested party;
a face flayed is an attack.  Fixtures are written here, not taken from any
dev set.
"""

from __future__ import annotations

from typing import Any

import pytest

from blotter.document import Article
from blotter.io.records import parse_published
from blotter.pipeline import Pipeline
from blotter.settings import Settings


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings({"geocode": False}))


def events(pipeline: Pipeline, text: str) -> list[dict[str, Any]]:
    """The current events of *text* (English pack, published 12 June 2019)."""
    article = Article("t", text, parse_published("2019-06-12")[0], language="en")
    (result,) = pipeline.extract_articles([article])
    assert result.error is None
    return [e for e in result.events if not e["is_background"]]


def actors(event: dict[str, Any]) -> list[str | None]:
    return [(event.get(k) or {}).get("name") for k in ("actor1", "actor2")]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Town caught in a war between the Gulf Cartel and Los Zetas",
         {"Gulf Cartel", "Los Zetas"}),
        ("Sinaloa Cartel vs CJNG: the battleground moves to the coast",
         {"Sinaloa Cartel", "Jalisco New Generation Cartel"}),
        ("Los Zetas and the Gulf Cartel fight for the border crossings",
         {"Gulf Cartel", "Los Zetas"}),
    ],
)
def test_a_war_between_two_named_groups_is_a_clash(
    pipeline: Pipeline, text: str, sides: set[str]
) -> None:
    (event,) = events(pipeline, text)
    assert event["sub_event_type"] == "Armed clash"
    assert set(actors(event)) == sides


@pytest.mark.parametrize(
    "text",
    [
        "Arsenal vs Chelsea: the battleground of the title race",
        "A trade war between the two largest economies worries markets",
        "The Sinaloa Cartel fights for market share in the meth trade",  # one group: no war
        "The Gulf Cartel and Los Zetas declare war against each other",  # intent, no fighting
    ],
)
def test_wars_without_two_named_groups_fighting_are_no_events(
    pipeline: Pipeline, text: str
) -> None:
    assert not [e for e in events(pipeline, text) if e["sub_event_type"] == "Armed clash"]


@pytest.mark.parametrize(
    "text",
    [
        "A Gulf Cartel plaza boss arrested in the port",
        "Police arrest CJNG leader in the state capital",
        "Sinaloa Cartel's accountant arrested at the airport",
    ],
)
def test_a_brief_undated_arrest_of_a_named_groups_member(pipeline: Pipeline, text: str) -> None:
    (event,) = events(pipeline, text)
    assert event["sub_event_type"] == "Arrests"
    first, second = actors(event)
    assert first is not None and first.startswith("Police Forces")
    assert second in {"Gulf Cartel", "Jalisco New Generation Cartel", "Sinaloa Cartel"}


def test_an_undated_arrest_naming_no_group_is_still_no_event(pipeline: Pipeline) -> None:
    assert events(pipeline, "Police arrest three men in the state capital") == []


def test_an_arrest_asked_for_is_no_arrest(pipeline: Pipeline) -> None:
    assert events(pipeline, "Rivals demand the arrest of two Gulf Cartel leaders") == []


def test_a_group_detaining_people_stays_the_arrester(pipeline: Pipeline) -> None:
    (event,) = events(
        pipeline, "On 10 June 2019, Al Shabaab militants detained two women in a village."
    )
    assert event["sub_event_type"] == "Arrests"
    assert actors(event)[0] == "Al Shabaab"


def test_a_flayed_face_is_an_attack_and_flaying_words_are_not(pipeline: Pipeline) -> None:
    (event,) = events(pipeline, "Gang leaves the flayed face of a man on a highway")
    assert event["event_type"] == "Violence against civilians"
    assert events(pipeline, "Opposition flays the government over the budget") == []


def test_the_probable_authors_named_after_the_act(pipeline: Pipeline) -> None:
    (event,) = events(
        pipeline, "Five bodies left on a rural road\nLos Zetas, the probable authors"
    )
    assert "Los Zetas" in actors(event)


@pytest.mark.parametrize(
    "text",
    [
        "FARC rebels captured in the jungle",
        "Two Los Zetas members arrested by police in the port",
    ],
)
def test_a_headline_passive_arrest_makes_the_group_the_arrested(
    pipeline: Pipeline, text: str
) -> None:
    (event,) = events(pipeline, text)
    assert event["sub_event_type"] == "Arrests"
    first, second = actors(event)
    assert first is not None and first.startswith("Police Forces")
    assert second is not None and not second.startswith("Police Forces")


def test_a_digest_titles_issue_date_dates_no_act_beside_it(pipeline: Pipeline) -> None:
    # joined to another outlet's headline, the digest's date (weeks before the
    # report) made the gang war background
    text = (
        "Rival gangs clash in the port city, five reported dead\n"
        "Weekly security update 3 May 2019"
    )
    (event,) = events(pipeline, text)
    assert event["fatalities"]["best"] == 5
