"""What flows through the pipeline: an article and, stage by stage, its layers.

A ``Document`` holds the article as given and one attribute per *layer* of
analysis.  Each layer is written by exactly one stage, which declares it in
its ``assigns``; a stage names the layers it reads in ``requires``, and the
pipeline checks the order when it is built (:mod:`blotter.contract`).  The
layers and their writers are listed in ``docs/architecture.md``.

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

    from blotter.fields.dates import DateRef
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


#: Every layer a stage can write or read, with what it holds.  ``article`` is
#: the input itself; the names after a dot are parts of the ``events`` records
#: that a later stage fills (as spaCy's ``assigns=["token.pos"]``).
LAYERS: dict[str, str] = {
    "article": "the input record (text, publication date, title, language)",
    "paragraphs": "paragraph spans of the text, single-newline page text included",
    "boilerplate": "spans of site chrome, ads and repeated headlines (masked text)",
    "sentences": "sentences outside the boilerplate, with their paragraph",
    "parses": "spaCy parses of the sentences that can report an event",
    "header_date": "the report's own dateline or header date, read when it has no publication date",
    "mentions": "event triggers, one per event sentence",
    "incidents": "event sentences grouped into incidents, with their cues",
    "events": "one record per incident: type, background flag, confidence",
    "events.arguments": "date, counts, actors, weapons, claim and certainty of each event",
    "places": "place mentions of the text, resolved against the gazetteer",
    "events.location": "each event's place",
    "events.merged": "repeated incidents folded into one record; actor names completed",
}


@dataclass
class Document:
    """An article plus the layers the stages wrote (see ``LAYERS``)."""

    article: Article
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    parses: dict[int, Doc] = field(default_factory=dict)
    #: The dateline or header date of an article without a publication date.
    header_date: DateRef | None = None
    mentions: list[Mention] = field(default_factory=list)
    #: ``blotter.stages.detect.Incident`` objects, parallel to ``events``.
    incidents: list[Any] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)
    #: For a bilingual bundle read as language views (``blotter.stages.language_parts``):
    #: ``id(event)`` -> the index of the view the event was read in; empty otherwise.
    view_of: dict[int, int] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The article's text, as given."""
        return self.article.text

    @property
    def report_date(self) -> date | None:
        """The report's date: its publication date, else (no metadata) the date of
        its own dateline or header (layer ``header_date``)."""
        if self.article.published is not None:
            return self.article.published
        return self.header_date.value if self.header_date is not None else None

    def is_masked(self, offset: int) -> bool:
        """True if the character at *offset* lies in boilerplate."""
        return any(start <= offset < end for start, end in self.boilerplate)
