"""What flows through the pipeline: an article and, stage by stage, its analysis.

Offsets are always into ``Article.text`` as given: cleaning marks spans as
boilerplate instead of cutting them, so evidence spans stay checkable against
the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from blotter.record import Event


class RecordError(ValueError):
    """An input record that cannot be processed; the message is shown to the user."""


@dataclass
class Article:
    """One input record: an article's text and what is known about it."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source_name: str | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Sentence:
    """A sentence of the article, with offsets into ``Article.text``."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass
class Mention:
    """An event mention found by ``detect``: a trigger in one sentence."""

    sentence: int
    sub_event_type: str
    trigger_start: int
    trigger_end: int
    score: float


@dataclass
class Document:
    """An article plus what the stages found in it."""

    article: Article
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    parses: dict[int, Doc] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The article's text, as given."""
        return self.article.text
