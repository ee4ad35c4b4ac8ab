"""The owner of the place an act strikes is its target, never its doer (session
14, docs/actors.md): "blew himself up near a police checkpoint" is no police
bombing; the agent after "by" stays the agent."""

from __future__ import annotations

import pytest

from blotter.fields.tests.reports import only
from blotter.pipeline import Pipeline


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "A suicide bomber blew himself up near a police checkpoint on Thursday, "
            "killing seven people.",
            "Police Forces",
        ),
        ("A car bomb detonated outside a police station in the city.", "Police Forces"),
        (
            "Un coche bomba explotó frente a la comandancia de la Policía Municipal "
            "la madrugada del jueves.",
            "Police Forces",
        ),
    ],
)
def test_the_owner_of_the_place_struck_is_the_target(
    pipeline: Pipeline, text: str, target: str
) -> None:
    event = only(pipeline, text)
    assert event["actor1"]["name"].startswith("Unidentified Armed Group")
    assert event["actor2"]["name"].startswith(target)


def test_the_agent_after_by_is_still_the_agent(pipeline: Pipeline) -> None:
    event = only(
        pipeline, "A diplomat was shot dead outside his home by gunmen of the Red Brigades."
    )
    assert event["actor2"] is None or not event["actor2"]["name"].startswith("Unidentified")
