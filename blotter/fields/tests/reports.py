"""Extract one self-written report and return its current events (test helper)."""

from __future__ import annotations

from typing import Any

from blotter.document import Article
from blotter.io.records import parse_published
from blotter.pipeline import Pipeline

#: The report's date unless a test gives one.
PUBLISHED = "2019-06-12"


def current_events(
    pipeline: Pipeline, text: str, published: str = PUBLISHED
) -> list[dict[str, Any]]:
    """The events of *text*, published on *published*, that are not background."""
    article = Article("t", text, parse_published(published)[0])
    (result,) = pipeline.extract_articles([article])
    assert result.error is None
    return [e for e in result.events if not e["is_background"]]


def only(pipeline: Pipeline, text: str, published: str = PUBLISHED) -> dict[str, Any]:
    """The one current event of *text* (the test fails if there are more or none)."""
    found = current_events(pipeline, text, published)
    assert len(found) == 1, found
    return found[0]
