"""Spanish place evidence: Mexican cities a place abroad outranks in the gazetteer."""

from __future__ import annotations

import pytest

from blotter.document import Article
from blotter.io.records import InputRecord
from blotter.pipeline import Pipeline


def place(pipeline: Pipeline, text: str) -> tuple[str | None, str | None]:
    """(country code, admin1) of the first current event of *text*."""
    (result,) = list(pipeline.run([InputRecord("t", Article("t", text, None))]))
    (event, *_) = [e for e in result.events if not e["is_background"]]
    return event["location"]["country_code"], event["location"]["admin1"]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Ejecutan a hombre en Santa Catarina", "Nuevo Leon"),  # not Brazil's state
        ("Asesinan a dos personas en fraccionamiento de Cancún", "Quintana Roo"),
    ],
)
def test_mexican_city_not_its_namesake_abroad(pipeline: Pipeline, text: str, admin1: str) -> None:
    assert place(pipeline, text) == ("MX", admin1)
