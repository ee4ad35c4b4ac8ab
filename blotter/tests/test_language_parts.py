"""Headline bundles in two languages: each line read with its own pack.

Fixtures are written here, not taken from any dev set.
"""

from __future__ import annotations

from datetime import date

import pytest

from blotter.document import Article
from blotter.pipeline import Pipeline
from blotter.settings import Settings
from blotter.stages.language_parts import (
    MAX_BUNDLE_CHARS,
    line_languages,
    split_by_language,
)

BUNDLE = (
    "Secuestran a un empresario a la salida de su negocio en el centro\n"
    "Gunmen shoot dead two soldiers at a checkpoint near the border"
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings({"geocode": False}))


def test_lines_of_two_languages_are_named_each() -> None:
    assert [code for _a, _b, code in line_languages(BUNDLE)] == ["es", "en"]


def test_an_undecided_line_goes_with_the_line_before() -> None:
    text = BUNDLE.replace("\n", "\nayer fueron 2\n")
    assert [code for _a, _b, code in line_languages(text)] == ["es", "es", "en"]


def test_one_language_and_long_texts_are_not_split() -> None:
    spanish = "Secuestran a un empresario en el centro\nHallan los cuerpos de tres hombres"
    assert line_languages(spanish) == []
    long_text = BUNDLE + "\n" + "Otra nota más sobre la violencia en la región. " * 40
    assert len(long_text) > MAX_BUNDLE_CHARS
    assert line_languages(long_text) == []
    assert line_languages(BUNDLE.upper()) == []  # capitals: names not told from grammar


def test_views_keep_offsets_and_blank_the_other_lines() -> None:
    article = Article("t", BUNDLE, date(2024, 3, 1))
    views = split_by_language(article)
    assert [v.language for v in views] == ["es", "en"]
    assert all(len(v.text) == len(BUNDLE) for v in views)
    spanish, english = (v.text for v in views)
    assert spanish.startswith("Secuestran") and "Gunmen" not in spanish
    assert english.strip().startswith("Gunmen") and english.index("Gunmen") == BUNDLE.index(
        "Gunmen"
    )
    assert split_by_language(Article("u", "Gunmen kill two soldiers", None)) == [
        Article("u", "Gunmen kill two soldiers", None)
    ]


def test_each_line_is_read_in_its_language(pipeline: Pipeline) -> None:
    """Both lines give their cues (read with one pack, one line gave none); told
    of no other state, they are one story, so one event holds both."""
    (result,) = pipeline.extract_articles([Article("t", BUNDLE, date(2024, 3, 1))])
    assert result.error is None
    (event,) = result.events
    told = [s["text"] for s in event["evidence"] if s["field"] == "sentence"]
    assert told == BUNDLE.splitlines()
    assert event["fatalities"]["best"] == 2
    assert event["sub_event_type"] == "Armed clash"  # the clash stands over the abduction
    for span in event["evidence"]:  # evidence spans index the whole text as given
        assert BUNDLE[span["start"] : span["end"]] == span["text"]


def test_one_story_told_in_both_languages_is_one_event(pipeline: Pipeline) -> None:
    text = (
        "Enfrentamiento entre bandas deja doce muertos en la sierra\n"
        "Gang shootout in the mountains leaves 12 people dead, police say"
    )
    (result,) = pipeline.extract_articles([Article("t", text, date(2024, 3, 1))])
    current = [e for e in result.events if not e["is_background"]]
    assert len(current) == 1
    assert current[0]["fatalities"]["best"] == 12


def test_a_count_in_another_state_is_its_own_event() -> None:
    from blotter.record import Count, Event
    from blotter.stages.language_parts import retold

    a, b = Event("Battles", "Armed clash"), Event("Battles", "Armed clash")
    a.location.admin1, b.location.admin1 = "Sinaloa", "Sonora"
    assert retold(a, b)  # no counts: the other line retells the story
    a.fatalities, b.fatalities = Count(best=3), Count(best=2)
    assert not retold(a, b)
    b.location.admin1 = "Sinaloa"
    assert retold(a, b)
