"""Who arrested after an act responded to it: never its doer nor its target
(session 14, docs/actors.md); the arrested, told in the passive, still can be."""

from __future__ import annotations

import pytest

from blotter.fields.actors import find_actors, is_responder
from blotter.fields.tests.reports import only
from blotter.lang import load_locale
from blotter.pipeline import Pipeline


@pytest.mark.parametrize(
    ("text", "code", "responder"),
    [
        ("Police arrested three suspects on Saturday after a shooting at a bar.", "en", True),
        ("Police arrested four men and a woman in connection with the blast.", "en", True),
        ("La policía detuvo a tres sospechosos tras el ataque.", "es", True),
        ("A policeman has been apprehended after shooting dead a politician.", "en", False),
        ("EIGHT POLICE ARRESTED FOLLOWING ELECTION CLASH.", "en", False),
        ("Three JDL members were arrested in connection with this attack.", "en", False),
        ("Police arrested three protesters outside parliament.", "en", False),
        ("Un policía fue detenido tras disparar contra un joven.", "es", False),
    ],
)
def test_an_arrest_made_after_another_act_is_a_response(
    text: str, code: str, responder: bool
) -> None:
    locale = load_locale(code)
    first = find_actors(text, 0, locale)[0]
    assert is_responder(text, first, locale) is responder


def test_the_responder_is_not_the_bombing_s_actor1(pipeline: Pipeline) -> None:
    event = only(
        pipeline,
        "A car bomb exploded in a market, killing seventeen people. "
        "Police arrested four men and a woman in connection with the blast.",
    )
    assert event["actor1"]["name"].startswith("Unidentified Armed Group")
