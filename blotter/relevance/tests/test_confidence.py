"""``confidence``: a documented logistic of an event's evidence, low for figures of speech."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from typing import Any

import pytest

from blotter.document import Article
from blotter.pipeline import Pipeline
from blotter.relevance.confidence import (
    CEILING,
    FLOOR,
    UNWEIGHTED,
    WEIGHTS,
    Evidence,
    is_headline,
    score,
)
from blotter.settings import Settings

#: The shipped default cut-off (blotter/defaults.toml).
DEFAULT_CUT = Settings()["min_confidence"]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings({"geocode": False}))


def confidences(pipeline: Pipeline, text: str, published: date = date(2020, 3, 4)) -> list[float]:
    (result,) = pipeline.extract_articles([Article("t", text, published)])
    assert result.error is None
    return [e["confidence"] for e in result.events if not e["is_background"]]


def test_every_piece_of_evidence_has_a_weight() -> None:
    assert set(WEIGHTS) == {f.name for f in fields(Evidence)} - UNWEIGHTED


def test_evidence_moves_the_score_the_way_its_weight_says() -> None:
    bare = Evidence()
    for name, weight in WEIGHTS.items():
        current = getattr(bare, name)
        more = replace(bare, **{name: True if isinstance(current, bool) else current + 2})
        if weight > 0:
            assert score(more) > score(bare), name
        elif weight < 0:
            assert score(more) < score(bare), name


def test_the_score_stays_inside_its_bounds() -> None:
    values: dict[str, Any] = {
        f.name: (True if isinstance(getattr(Evidence(), f.name), bool) else 10)
        for f in fields(Evidence) if WEIGHTS.get(f.name, 0) > 0
    }
    everything = Evidence(**values)
    nothing = Evidence(genre_words=10, headline_only=True, hedged=True, weak_only=True)
    assert score(everything) == CEILING and score(nothing) == FLOOR


def test_headlines_are_title_case_lines_not_capitals_or_sentences() -> None:
    assert is_headline("GM Protests Spread Across Europe")
    assert not is_headline("Victims of a bank heist protest in Nairobi.")
    assert not is_headline("SIX FEARED KILLED IN GUERRILLA ASSAULT ON COLOMBIAN TOWN.")


def test_a_report_of_violence_clears_the_default_cut(pipeline: Pipeline) -> None:
    text = ("Gunmen attacked a police post in Garissa on Monday, killing three officers and "
            "wounding two civilians, police said. The attackers fled towards the border.")
    found = confidences(pipeline, text)
    assert found and max(found) >= DEFAULT_CUT
    note = "On 3 March 2020, boda boda riders protested in Kisumu over police harassment."
    assert max(confidences(pipeline, note)) >= DEFAULT_CUT


@pytest.mark.parametrize(
    "text",
    [
        "The striker scored twice as the home side beat their rivals in the league, and the "
        "coach praised the players for the comeback in the second half of the season.",
        "Shares of the chipmaker rallied after investors cheered quarterly earnings, and "
        "analysts said the company had won the battle for market share.",
    ],
)
def test_figures_of_sport_and_markets_fall_under_it(pipeline: Pipeline, text: str) -> None:
    assert all(c < DEFAULT_CUT for c in confidences(pipeline, text))
