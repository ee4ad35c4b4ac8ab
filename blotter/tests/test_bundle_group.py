"""A headline bundle's group: a line that tells no event names the story's group,
also when it is written in the other language of the bundle.

Fixtures are written here, not taken from any dev set.
"""

from __future__ import annotations

from datetime import date

import pytest

from blotter.document import Article
from blotter.pipeline import Pipeline
from blotter.settings import Settings


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings({"geocode": False}))


def actor1(pipeline: Pipeline, text: str) -> list[str | None]:
    (result,) = pipeline.extract_articles([Article("t", text, date(2024, 3, 1))])
    assert result.error is None
    assert result.events
    return [(e.get("actor1") or {}).get("name") for e in result.events]


BODIES = "Three bodies found dumped beside a highway near the city"
GROUP = "\nCrece la presencia del Cártel de Sinaloa en la región"


def test_the_other_line_names_the_group(pipeline: Pipeline) -> None:
    assert actor1(pipeline, BODIES + GROUP) == ["Sinaloa Cartel"]


def test_two_groups_name_none(pipeline: Pipeline) -> None:
    text = BODIES + GROUP.replace("Sinaloa", "Sinaloa y del CJNG")
    assert "Sinaloa Cartel" not in actor1(pipeline, text)


def test_a_long_text_is_no_bundle(pipeline: Pipeline) -> None:
    long_text = BODIES + "\n" + "Police patrolled the area for hours. " * 20 + GROUP
    assert "Sinaloa Cartel" not in actor1(pipeline, long_text)

