"""Headlines: killings and bodies found told the way headlines tell them.

Headlines drop auxiliaries and often name the body or the state it was found
in rather than the act ("Man found slain", "Body found inside a car"); wire
copy translated from Spanish keeps the impersonal plural ("They shoot a man
...").  Verbs such as "shoot" and "execute" are acts only with a person as
their object.  Fixtures are written here, not taken from any dev set.
"""

from __future__ import annotations

import pytest

from blotter.document import Article
from blotter.pipeline import Pipeline
from blotter.settings import Settings


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings({"geocode": False}))


def sub_events(pipeline: Pipeline, text: str) -> list[str]:
    """Sub-event types of the events of *text*, read with the English pack."""
    (result,) = pipeline.extract_articles([Article("t", text, None, language="en")])
    assert result.error is None
    return [e["sub_event_type"] for e in result.events]


@pytest.mark.parametrize(
    "text",
    [
        "Shopkeeper Found Slain In His Store In Riverside",
        "Body found inside abandoned car near the port",
        "Decapitated Man Left Under Overpass In Northern City",
        "Gang Leaves Dismembered Corpse Outside Police Station",
        "They locate a lifeless man on the coastal highway",
        "Two men deprived of life in the eastern district",
        "Clandestine grave found behind a ranch",
        "They shoot a man outside his home",
        "Gunmen shoot him as he leaves the market",
        "Cartel executes 45 year old woman in the town square",
        "Gang hangs two men from a bridge over the highway",
        "They leave a body outside the bus station",
    ],
)
def test_headline_killings_are_events(pipeline: Pipeline, text: str) -> None:
    assert sub_events(pipeline, text)


@pytest.mark.parametrize(
    "text",
    [
        # "shoot" and "execute" without a person as their object
        "The director will shoot a film with the children of the village next spring",
        "The quarterback executes a play in the final seconds of the game",
        "Photographers shoot the new collection in Milan",
        "Fans hang banners for the team outside the stadium",
        # dead animals
        "Decaying pig corpses reveal forensic secrets to scientists",
    ],
)
def test_other_senses_are_no_attacks(pipeline: Pipeline, text: str) -> None:
    assert "Attack" not in sub_events(pipeline, text)


@pytest.mark.parametrize(
    "text", ["Cartel executes three members of a rival gang", "Gang Executes a Rival Member"]
)
def test_an_execution_of_a_groups_members_is_an_attack(pipeline: Pipeline, text: str) -> None:
    assert sub_events(pipeline, text) == ["Attack"]


def test_lifeless_is_a_figure_in_a_match_report(pipeline: Pipeline) -> None:
    text = (
        "The home side gave a lifeless performance in the league match. "
        "The coach said the players had no answer after the first goal."
    )
    assert sub_events(pipeline, text) == []
