"""Firebombings, hijackings and property blown up are acts (lang/en/cues.toml riot,
kidnap and ied groups); "blew up" in a genre text is a figure. Texts written here."""

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


def current(pipeline: Pipeline, text: str) -> list[dict[str, Any]]:
    article = Article("t", text, parse_published("1990-05-02")[0])
    (result,) = pipeline.extract_articles([article])
    assert result.error is None
    return [e for e in result.events if not e.get("is_background")]


@pytest.mark.parametrize(
    "text",
    [
        "A community centre in the old town was firebombed overnight by extremists.",
        "Members of a little-known group claimed credit for the early morning firebombing "
        "of an embassy.",
        "Two men threw fire bombs at the offices of a newspaper.",
        "Three gunmen hijacked a domestic airliner shortly after take-off.",
        "A man armed with a knife attempted to hijack the plane and was overpowered.",
    ],
)
def test_firebombing_and_hijacking_are_events(pipeline: Pipeline, text: str) -> None:
    assert current(pipeline, text)


def test_a_program_that_hijacks_a_modem_is_no_event(pipeline: Pipeline) -> None:
    text = "Regulators moved against rogue programs that hijack their modems and run up bills."
    assert not current(pipeline, text)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels blew up a power pylon near the dam on Tuesday.",
        "A bridge on the main road was blown up overnight.",
        "Guerrillas dynamited two electrical towers in the province.",
    ],
)
def test_property_blown_up_is_an_event(pipeline: Pipeline, text: str) -> None:
    assert current(pipeline, text)


def test_a_row_that_blew_up_in_a_music_story_is_no_event(pipeline: Pipeline) -> None:
    text = (
        "The row blew up when the rapper threw the singer out of his crew. "
        "His new album tops the charts this season, and the tour film opens soon."
    )
    assert not current(pipeline, text)
