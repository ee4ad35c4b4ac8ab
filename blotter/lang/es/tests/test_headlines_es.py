"""Spanish headlines of bodies found: the impersonal plural with no auxiliary
("Encuentran sin vida a ...", "Localizan muerto a ..."), a person found "sin
vida"; not "sin vida" alone (an animal, a death with no violence)."""

from __future__ import annotations

import pytest

from blotter.document import Article
from blotter.pipeline import Pipeline


def sub_events(pipeline: Pipeline, text: str) -> list[str]:
    """Sub-event types of the events of *text*, read with the Spanish pack."""
    (result,) = pipeline.extract_articles([Article("t", text, None, language="es")])
    assert result.error is None
    return [e["sub_event_type"] for e in result.events]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Encuentran sin vida a comerciante en Tepic", True),
        ("Localizan muerto a taxista en la carretera a Tequila", True),
        ("Hallan a mujer sin vida dentro de una casa en Zapopan", True),
        ("Localizan restos en un predio de Tlaquepaque", True),
        # no finding verb and no person: an animal, or no violence
        ("Un pingüino sin vida apareció en la playa de Puerto Madryn", False),
    ],
)
def test_spanish_headlines_of_bodies_found(
    pipeline: Pipeline, text: str, found: bool
) -> None:
    assert bool(sub_events(pipeline, text)) is found
