"""Spanish tallies (blotter/stages/tally.py): waves, digests and running tolls
give one low-confidence event with their place and no count; a sentence that
tells an event of its own beside them stays that event."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from blotter.document import Article
from blotter.pipeline import Pipeline
from blotter.relevance.confidence import TALLY_CONFIDENCE

REPORT = date(2021, 9, 2)


def events(pipeline: Pipeline, text: str) -> list[dict[str, Any]]:
    """Events of *text*, a Spanish report of REPORT."""
    (result,) = pipeline.extract_articles([Article("t", text, REPORT, language="es")])
    assert result.error is None
    return result.events


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Vive Zacatecas otra ola de asesinatos", "Zacatecas"),
        ("Se recrudece la violencia en Cuernavaca", "Morelos"),
        ("Resumen de las notas policiacas del día en Hermosillo", "Sonora"),
        # a month's toll told as the month closes, and a year's running toll
        ("Más de 90 homicidios en Culiacán durante agosto", "Sinaloa"),
        ("En Acapulco ya superan los 400 asesinatos en lo que va del año", "Guerrero"),
    ],
)
def test_a_tally_is_a_low_confidence_event_with_its_place_and_no_count(
    pipeline: Pipeline, text: str, admin1: str
) -> None:
    (event,) = events(pipeline, text)
    assert event["confidence"] == TALLY_CONFIDENCE < 0.5
    assert not event["is_background"]
    assert event["location"]["admin1"] == admin1
    assert event["fatalities"]["best"] is None


def test_an_event_told_beside_a_wave_keeps_its_own_count(pipeline: Pipeline) -> None:
    (event,) = events(pipeline, "En plena ola de violencia, matan a tres hombres en Celaya")
    assert event["confidence"] > 0.5
    assert event["fatalities"]["best"] == 3


@pytest.mark.parametrize(
    "text",
    [
        # a sport's running tally tells no violence
        "Los Tigres suman cinco victorias en lo que va del torneo",
        # an old year's toll is history, not the report's
        "Durante marzo de 2015 hubo 80 homicidios en Culiacán",
        # a wave told in the past
        "Hace años, una ola de violencia sacudió Tampico",
    ],
)
def test_no_tally_without_violence_or_for_an_old_period(pipeline: Pipeline, text: str) -> None:
    assert all(e["is_background"] for e in events(pipeline, text))


def test_a_tally_beside_an_event_of_the_report_is_only_its_context(pipeline: Pipeline) -> None:
    text = ("Asesinan a dos policías en Zamora. Con ellos, la ola de violencia en Uruapan "
            "suma 40 muertos en lo que va del año.")
    (event,) = events(pipeline, text)
    assert event["confidence"] > 0.5
    assert event["fatalities"]["best"] == 2
