"""The extraction pipeline: stages in order over batches of documents.

    pipeline = Pipeline.from_settings(load_settings())
    for result in pipeline.run(records): ...

Each stage has ``name``, the layers it ``requires`` and ``assigns`` (see
``blotter.document.LAYERS``) and ``process(docs) -> docs``.  The pipeline
checks the stage order when it is built: a stage reading a layer no earlier
stage wrote, or two stages writing one layer, is a ``PipelineError``.  The
stages come from the ``pipeline`` setting, by name from ``blotter.registry``.
A document that makes a stage raise is retried alone so that one bad article
costs only itself.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from blotter import __version__
from blotter.document import LAYERS, Article, Document
from blotter.io.records import InputRecord
from blotter.settings import Settings
from blotter.stages.language_parts import join_views, split_by_language

log = logging.getLogger(__name__)


#: Layers a pipeline starts with: the input record itself.
GIVEN_LAYERS = frozenset({"article"})


class PipelineError(ValueError):
    """A pipeline whose stages cannot run in the order given; the message says why."""


class Stage(Protocol):
    """One step of the pipeline: reads ``requires`` layers, writes ``assigns`` layers.

    A stage with ``per_language = True`` reads one language at a time: run
    first, it sees each language view of a bilingual headline bundle as a
    document of its own (``blotter.stages.language_parts``); the views are
    joined before the first stage without it.
    """

    name: str

    @property
    def requires(self) -> tuple[str, ...]:
        """Layers this stage reads (written by an earlier stage)."""
        ...

    @property
    def assigns(self) -> tuple[str, ...]:
        """Layers this stage writes (and no other stage does)."""
        ...

    def process(self, docs: list[Document]) -> list[Document]:
        """Work on a batch of documents and return them."""
        ...


class Extractor(Protocol):
    """Anything that extracts events from a batch of articles, results in order."""

    def extract_articles(self, articles: list[Article]) -> list[Result]:
        """One ``Result`` per article, in the articles' order."""
        ...


@dataclass
class Result:
    """What extraction gives for one input record: events, or an error."""

    id: str
    events: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The output JSONL line for this record."""
        out: dict[str, Any] = {"id": self.id, "events": self.events, "error": self.error}
        if self.warnings:
            out["warnings"] = self.warnings
        return out


def build_stages(settings: Settings) -> list[Stage]:
    """The stages the ``pipeline`` setting names, in order (``geocode = false`` drops one)."""
    from blotter.registry import STAGES

    names = [n for n in settings["pipeline"] if settings["geocode"] or n != "geocode"]
    return [STAGES.get(name)(settings) for name in names]


def check_contract(stages: list[Stage]) -> None:
    """Raise ``PipelineError`` unless every layer a stage reads was written before it,
    by exactly one stage, and every declared layer is a known one."""
    written: dict[str, str] = dict.fromkeys(GIVEN_LAYERS, "the input")
    for stage in stages:
        for layer in (*stage.requires, *stage.assigns):
            if layer not in LAYERS:
                raise PipelineError(f"stage {stage.name!r} declares unknown layer {layer!r}")
        missing = [layer for layer in stage.requires if layer not in written]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} reads {', '.join(missing)}, which no earlier stage writes"
            )
        for layer in stage.assigns:
            if layer in written:
                raise PipelineError(
                    f"stages {written[layer]!r} and {stage.name!r} both write {layer!r}"
                )
            written[layer] = stage.name


class Pipeline:
    """Run the stages over input records, batch by batch, in input order."""

    def __init__(
        self,
        stages: list[Stage],
        batch_size: int = 64,
        intermediate: Callable[[str, list[Document]], None] | None = None,
    ) -> None:
        check_contract(stages)
        self.stages = stages
        self.batch_size = batch_size
        self.intermediate = intermediate

    @classmethod
    def from_settings(cls, settings: Settings, **kwargs: Any) -> Pipeline:
        """A pipeline with the stages the settings name."""
        return cls(build_stages(settings), settings["batch_size"], **kwargs)

    def extract_articles(self, articles: list[Article]) -> list[Result]:
        """Extract events from articles; errors are caught per article."""
        try:
            return [self._result(d) for d in self._run_stages(articles)]
        except Exception as exc:
            if len(articles) == 1:  # alone in its batch: its own error, not the caller's crash
                log.exception("extraction failed for %s", articles[0].id)
                return [Result(articles[0].id,
                               error=f"extraction failed: {type(exc).__name__}: {exc}")]
            return [self._one(a) for a in articles]

    def _one(self, article: Article) -> Result:
        """Run one article alone, turning a crash into a per-record error."""
        try:
            return self._result(self._run_stages([article])[0])
        except Exception as exc:
            log.exception("extraction failed for %s", article.id)
            return Result(article.id, error=f"extraction failed: {type(exc).__name__}: {exc}")

    def _run_stages(self, articles: list[Article]) -> list[Document]:
        """The stages over one batch. A headline bundle whose lines are in two
        languages is read by the leading ``per_language`` stages as one view
        per language (``blotter.stages.language_parts``), joined into one
        document before the first stage that reads the whole text."""
        views = [split_by_language(a) for a in articles]
        docs = [Document(v) for vs in views for v in vs]
        joined = False
        for stage in self.stages:
            if not joined and not getattr(stage, "per_language", False):
                docs, joined = self._join(articles, views, docs), True
            docs = stage.process(docs)
            if self.intermediate:
                self.intermediate(stage.name, docs)
        return docs if joined else self._join(articles, views, docs)

    @staticmethod
    def _join(
        articles: list[Article], views: list[list[Article]], docs: list[Document]
    ) -> list[Document]:
        """One document per article from its views' documents (in order)."""
        done = iter(docs)
        return [
            join_views(a, [next(done) for _ in vs]) for a, vs in zip(articles, views, strict=True)
        ]

    @staticmethod
    def _result(doc: Document) -> Result:
        return Result(
            doc.article.id,
            [e.to_dict() for e in doc.events],
            warnings=list(doc.article.warnings),
        )

    def run(self, records: Iterable[InputRecord]) -> Iterator[Result]:
        """Yield one ``Result`` per input record, in input order."""
        batch: list[InputRecord] = []
        for record in records:
            batch.append(record)
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[InputRecord]) -> Iterator[Result]:
        articles = [r.article for r in batch if r.article is not None]
        results = iter(self.extract_articles(articles)) if articles else iter(())
        for record in batch:
            if record.article is None:
                yield Result(record.id, error=record.error)
            else:
                yield next(results)


def intermediate_writer(directory: Path) -> Callable[[str, list[Document]], None]:
    """A hook that appends each stage's output to ``DIR/NN-stage.jsonl``."""
    directory.mkdir(parents=True, exist_ok=True)
    order: dict[str, int] = {}

    def write(stage: str, docs: list[Document]) -> None:
        index = order.setdefault(stage, len(order) + 1)
        with (directory / f"{index:02d}-{stage}.jsonl").open("a", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(_debug(d), ensure_ascii=False, default=str) + "\n")

    return write


def _debug(doc: Document) -> dict[str, Any]:
    """A JSON-ready snapshot of what the stages have found so far."""
    return {
        "id": doc.article.id,
        "boilerplate": doc.boilerplate,
        "sentences": [asdict(s) for s in doc.sentences],
        "paragraphs": doc.paragraphs,
        "mentions": [asdict(m) for m in doc.mentions],
        "events": [e.to_dict() for e in doc.events],
        "extractor": __version__,
    }
