"""Session 13: "la ejecución de" a person is a killing (``person_act``), and a
seat of government ("Palacio de Gobierno") is no town (hand-written texts)."""

from __future__ import annotations

from typing import Any

from blotter.document import Article
from blotter.pipeline import Pipeline


def events(pipeline: Pipeline, text: str) -> list[dict[str, Any]]:
    (result,) = pipeline.extract_articles([Article("t", text, None, language="es")])
    assert result.error is None
    return result.events


def test_the_execution_of_a_person_is_a_killing(pipeline: Pipeline) -> None:
    (event,) = events(pipeline, "Difunden la ejecución de policía municipal de Tecomán")
    assert event["sub_event_type"] == "Attack"
    assert event["location"]["admin1"] == "Colima"
    # works carried out are no killing
    assert events(pipeline, "Avanza la ejecución de obras en Tecomán") == []


def test_a_palace_of_government_is_no_town(pipeline: Pipeline) -> None:
    text = ("Dejan tres cuerpos afuera de Palacio de Gobierno. Los cuerpos fueron "
            "abandonados frente a Palacio de Gobierno en Zacatecas.")
    (event,) = events(pipeline, text)
    assert (event["location"]["country_code"], event["location"]["admin1"]) == ("MX", "Zacatecas")
