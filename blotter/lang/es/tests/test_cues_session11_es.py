"""Session 11: a deployment of the forces is no march; "multihomicide" (the
calque of "multihomicidio" in translated Mexican headlines) is a killing."""

from __future__ import annotations

from datetime import date

import pytest

from blotter.document import Article
from blotter.fields.actors import find_actors
from blotter.lang import load_locale
from blotter.pipeline import Pipeline
from blotter.settings import Settings


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings({"geocode": False}))


def types(pipeline: Pipeline, text: str, code: str) -> list[str]:
    (result,) = pipeline.extract_articles([Article("t", text, date(2024, 3, 1), language=code)])
    assert result.error is None
    return [e["sub_event_type"] for e in result.events]


def test_police_deployment_is_no_protest(pipeline: Pipeline) -> None:
    text = "Un olor fétido genera fuerte movilización policial en un fraccionamiento"
    assert "Peaceful protest" not in types(pipeline, text, "es")
    assert types(pipeline, "Vecinos realizan una movilización contra el alcalde", "es")


def test_multihomicide_is_a_killing(pipeline: Pipeline) -> None:
    assert types(pipeline, "Authorities investigate a multihomicide at a ranch", "en") == [
        "Attack"
    ]


@pytest.mark.parametrize("text", ["They shoot five in a market district", "Gunmen Hang One"])
def test_a_number_word_is_a_person_object(pipeline: Pipeline, text: str) -> None:
    assert types(pipeline, text, "en") == ["Attack"]


def test_a_number_word_of_things_after_another_noun_is_no_person(pipeline: Pipeline) -> None:
    assert types(pipeline, "The crew will shoot scenes over the next two weeks", "en") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Santa Rosa de Lima Cartel Leaves A Message", "Santa Rosa de Lima Cartel"),
        ("La Unión Tepito Gang Recruits Minors", "La Union Tepito"),
    ],
)
def test_a_name_with_its_kind_word_is_one_mention(text: str, name: str) -> None:
    """"Santa Rosa de Lima Cartel" is one group, not the group and a generic
    "cartel" (which made an unidentified armed group the target)."""
    found = [m.entry.name for m in find_actors(text, 0, load_locale("en"))]
    assert found == [name]
