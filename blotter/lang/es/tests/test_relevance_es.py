"""Spanish relevance: what Argentine local news reports as an act and what it
does not (seizures told with "secuestrar", announced marches, chemistry's
"concentraciones", sport and market figures of speech)."""

from __future__ import annotations

import pytest

from blotter.document import Article
from blotter.io.records import InputRecord
from blotter.pipeline import Pipeline


def sub_events(pipeline: Pipeline, text: str) -> list[str]:
    """Sub-event types of the current events of *text*."""
    (result,) = list(pipeline.run([InputRecord("t", Article("t", text, None))]))
    return [e["sub_event_type"] for e in result.events if not e["is_background"]]


@pytest.mark.parametrize(
    "text",
    [
        # Argentine police news: "secuestrar" is to seize goods
        "En el operativo se secuestraron unos tres kilos de cocaína y dos balanzas en Belgrano.",
        "La Subsecretaría de Tránsito secuestró 50 autos que trabajaban sin habilitación.",
        # a march announced, not held
        "El domingo desde las 15 será la marcha en la ciudad para pedir justicia.",
        # chemistry
        "Los investigadores midieron concentraciones de plata de entre 5 y 30 nanómetros.",
        # sport: the acts are figures of speech
        "En el partido del torneo local las jugadoras de la unidad penal se enfrentaron con el "
        "club Talleres y la entrenadora celebró los goles.",
    ],
)
def test_no_event(pipeline: Pipeline, text: str) -> None:
    assert sub_events(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Hombres armados secuestraron a un empresario en Culiacán el lunes.",
         "Abduction/forced disappearance"),
        ("El lunes los trabajadores hicieron una concentración frente a la municipalidad.",
         "Peaceful protest"),
        ("Los docentes realizaron un paro y una marcha hasta la plaza este martes.",
         "Peaceful protest"),
    ],
)
def test_event(pipeline: Pipeline, text: str, sub: str) -> None:
    assert sub in sub_events(pipeline, text)
