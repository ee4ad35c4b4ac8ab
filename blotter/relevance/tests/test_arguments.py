"""Agent/patient checks: violent words of companies, markets and products are no events."""

from __future__ import annotations

from typing import Any

import pytest

from blotter.document import Article
from blotter.lang import default_locale
from blotter.lang.lexicon import STRONG_GROUPS, cue_lexicon
from blotter.pipeline import Pipeline
from blotter.relevance.arguments import abstract_sentence, is_abstract_act
from blotter.settings import Settings


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings({"geocode": False}))


def extract(pipeline: Pipeline, text: str) -> list[dict[str, Any]]:
    from datetime import date

    (result,) = pipeline.extract_articles([Article("t", text, date(2024, 3, 12))])
    assert result.error is None
    return [e for e in result.events if not e["is_background"]]


def _abstract(text: str) -> bool:
    hits = cue_lexicon().find(text)
    acts = [h for g in STRONG_GROUPS for h in hits.get(g, [])]
    return abstract_sentence(text, 0, acts, hits, has_casualties=False)


@pytest.mark.parametrize(
    "text",
    [
        "Phone makers clash over the market.",
        "Stocks plunge after attack on rates.",
        "Microsoft battles Google for search advertising.",
        "The two software companies fought over the patent.",
        "Carmakers attack the new emissions tariffs.",
    ],
)
def test_acts_of_companies_products_and_markets_are_no_events(
    pipeline: Pipeline, text: str
) -> None:
    assert _abstract(text)
    assert extract(pipeline, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Protesters clashed over the market in Nairobi on Monday.",
        "A bomb attack on a market killed five people in Kabul on Monday.",
        "Gunmen attacked the offices of a phone company, killing two guards.",
        "Police clashed with workers of the company outside the factory.",
        "Rebels attacked the army base near Goma.",
        "Workers of Faruj Gas Company held a protest in Faruj against the company management.",
        "Journalists held a rally outside the press club in Sukkur.",
    ],
)
def test_acts_with_people_or_forces_on_a_side_stay_events(pipeline: Pipeline, text: str) -> None:
    assert not _abstract(text)
    assert extract(pipeline, text)


def test_a_topic_preposition_is_not_the_patient() -> None:
    loc = default_locale()
    patient = loc.word_set("arguments.patient_prepositions")
    topic = loc.word_set("arguments.topic_prepositions")
    assert "over" in topic and "on" in patient
    text = "Phone makers clash over the market."
    hits = cue_lexicon().find(text)
    clash = next(h for g in STRONG_GROUPS for h in hits.get(g, []))
    # the agent ("phone makers") is abstract; "the market" is what they clash over
    assert is_abstract_act(text, 0, clash, hits, patient, topic)
    people = "Traders clash over the market."
    hits = cue_lexicon().find(people)
    clash = next(h for g in STRONG_GROUPS for h in hits.get(g, []))
    assert not is_abstract_act(people, 0, clash, hits, patient, topic)


def test_a_casualty_count_keeps_the_sentence() -> None:
    text = "Stocks plunge after attack on rates."
    hits = cue_lexicon().find(text)
    acts = [h for g in STRONG_GROUPS for h in hits.get(g, [])]
    assert not abstract_sentence(text, 0, acts, hits, has_casualties=True)
