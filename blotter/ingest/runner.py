"""Ingest raw items into the store, batch by batch, and extract events from new articles.

Each batch is one transaction: its articles, duplicates links, events, evidence
and quarantine entries are committed together or not at all.  Items whose
locator is already stored are skipped, so a re-run (after a crash or on the same
input) adds exactly what is missing.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from blotter.document import Article as DocArticle
from blotter.document import RecordError
from blotter.fusion.fuser import FusionConfig
from blotter.fusion.store_index import StoreFusion
from blotter.ingest.cleaning import clean_text
from blotter.ingest.dedup import DuplicateIndex, from_bytes, minhash, text_hash, to_bytes
from blotter.ingest.items import RawItem
from blotter.ingest.language import is_extractable, resolve_language
from blotter.io.records import check_text
from blotter.lang import base_code, no_pack_warning
from blotter.pipeline import Extractor, Pipeline, Result
from blotter.settings import Settings
from blotter.store import repository as repo
from blotter.store.models import Article, Event, Failure, Source

log = logging.getLogger(__name__)

#: Test hook: SIGKILL the process in the middle of this (1-based) batch, after its rows
#: are flushed and its events extracted but before the commit.
KILL_IN_BATCH_ENV = "BLOTTER_INGEST_KILL_IN_BATCH"


@dataclass
class IngestCounts:
    """What an ingest run did."""

    items: int = 0
    articles: int = 0
    already_stored: int = 0
    duplicates: int = 0
    not_english: int = 0
    extracted: int = 0
    events: int = 0
    failures: int = 0
    fused_created: int = 0
    fused_joined: int = 0
    fused_unattached: int = 0

    def as_dict(self) -> dict[str, int]:
        """Plain dict (stored with the run)."""
        return asdict(self)


def _batches(items: Iterable[RawItem], size: int) -> Iterator[list[RawItem]]:
    """Consecutive lists of at most *size* items."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _doc_article(row: Article) -> DocArticle:
    """The pipeline's view of a stored article (id = database id)."""
    return DocArticle(
        id=str(row.id), text=row.text, published=row.published, title=row.title, url=row.url,
        source_name=row.source.name if row.source else None, language=row.language,
    )


@dataclass
class Ingestor:
    """Stores items and extracts events; one instance per run."""

    engine: Engine
    settings: Settings
    run_id: int
    pipeline_factory: Callable[[Settings], Extractor] = Pipeline.from_settings
    counts: IngestCounts = field(default_factory=IngestCounts)
    failed_origins: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._pipeline: Extractor | None = None
        self._sources: dict[str, Source] = {}
        self._canonical_ids: dict[str, int] = {}
        self._batch_no = 0
        kill = os.environ.get(KILL_IN_BATCH_ENV, "")
        self._kill_in_batch = int(kill) if kill.isdigit() else 0
        self._load_index()

    @property
    def pipeline(self) -> Extractor:
        """The extraction pipeline, built on first use."""
        if self._pipeline is None:
            self._pipeline = self.pipeline_factory(self.settings)
        return self._pipeline

    def _load_index(self) -> None:
        """Rebuild the duplicate index from the canonical articles in the store."""
        self._fusion: StoreFusion | None = None  # rebuilt from the store on next use
        self.index = DuplicateIndex(float(self.settings["near_duplicate_threshold"]))
        self._canonical_ids = {}
        self._sources = {}
        with Session(self.engine) as session:
            rows = session.execute(
                select(Article.id, Article.text_hash, Article.minhash).where(
                    Article.canonical_id.is_(None)
                )
            )
            for article_id, digest, signature in rows:
                if signature is not None:
                    self.index.add(digest, from_bytes(signature))
                    self._canonical_ids[digest] = article_id

    def ingest(self, items: Iterable[RawItem]) -> IngestCounts:
        """Store every item (batch by batch) and extract events from new canonical articles."""
        for batch in _batches(items, int(self.settings["batch_size"])):
            self._batch_no += 1
            try:
                self._store_batch(batch)
            except Exception:
                self._load_index()  # the batch was rolled back: forget what it added
                raise
        return self.counts

    def _store_batch(self, batch: list[RawItem]) -> None:
        """Write one batch in one transaction."""
        limits = int(self.settings["max_text_chars"]), int(self.settings["min_text_chars"])
        with Session(self.engine) as session, session.begin():
            known = repo.existing_locators(session, (i.locator for i in batch))
            pending: dict[str, Article] = {}
            stored: list[str] = []
            to_extract: list[Article] = []
            for item in batch:
                self.counts.items += 1
                if item.locator in known:
                    self.counts.already_stored += 1
                    continue
                known.add(item.locator)
                row = self._article_row(session, item, limits, pending)
                if row is None:
                    continue
                session.add(row)
                stored.append(item.locator)
                if row.status == "extracted":
                    to_extract.append(row)
            session.flush()
            repo.resolve_failures(session, stored)
            self._extract_into(session, to_extract)
            for digest, row in pending.items():
                self._canonical_ids[digest] = row.id
            if self._batch_no == self._kill_in_batch:
                os.kill(os.getpid(), signal.SIGKILL)

    def _fail(self, session: Session, item: RawItem, stage: str, error: str) -> None:
        """Quarantine an item that could not be stored."""
        log.warning("%s: %s", item.locator, error)
        repo.upsert_failure(session, item.locator, item.origin, stage, error, self.run_id)
        self.failed_origins.add(item.origin)
        self.counts.failures += 1

    def _article_row(
        self, session: Session, item: RawItem, limits: tuple[int, int],
        pending: dict[str, Article],
    ) -> Article | None:
        """The article row for *item*, linked to its canonical copy; None if it failed."""
        if item.error is not None or item.text is None:
            self._fail(session, item, item.stage, item.error or "no text")
            return None
        try:
            text = check_text(clean_text(item.text), *limits)
        except RecordError as exc:
            self._fail(session, item, "read", str(exc))
            return None
        digest, signature = text_hash(text), minhash(text)
        language = resolve_language(item.language, text)
        domain = item.url.split("/")[2] if item.url and "://" in item.url else None
        row = Article(
            locator=item.locator, origin=item.origin, kind=item.kind, url=item.url,
            source=repo.source_for(session, self._sources, item.source_name, domain),
            title=item.title, author=item.author, published=item.published,
            fetched=item.fetched, language=language, text=text, text_hash=digest,
            warnings=list(item.warnings), run_id=self.run_id, status="extracted",
        )
        self.counts.articles += 1
        match = self.index.match(digest, signature)
        if match is not None:
            row.status, row.duplicate_kind = "duplicate", match.kind
            row.similarity = match.similarity
            if match.key in pending:
                row.canonical = pending[match.key]
            else:
                row.canonical_id = self._canonical_ids[match.key]
            self.counts.duplicates += 1
            return row
        row.minhash = to_bytes(signature)
        pending[digest] = row
        self.index.add(digest, signature)
        if not is_extractable(language):
            row.status = "skipped"
            row.warnings = [*row.warnings, no_pack_warning(base_code(language or ""))]
            self.counts.not_english += 1
        return row

    def _extract_into(self, session: Session, rows: list[Article]) -> None:
        """Extract events from stored rows and add them (or their failures) to the session."""
        if not rows:
            return
        try:
            results = self.pipeline.extract_articles([_doc_article(r) for r in rows])
        except Exception as exc:
            results = [Result(str(r.id), error=f"extraction failed: {exc}") for r in rows]
        stored = [(row, self._store_result(session, row, result))
                  for row, result in zip(rows, results, strict=True)]
        if self.settings["fuse_on_ingest"]:
            self._fuse(session, stored)

    def _fuse(self, session: Session, stored: list[tuple[Article, list[Event]]]) -> None:
        """Fuse the batch's new events across articles, in the batch's transaction."""
        stored = [(row, events) for row, events in stored if events]
        if not stored:
            return
        session.flush()
        if self._fusion is None:
            self._fusion = StoreFusion(self.engine, FusionConfig.from_settings(self.settings))
        actions = self._fusion.fuse_batch(session, stored)
        self.counts.fused_created += actions["created"]
        self.counts.fused_joined += actions["joined"]
        self.counts.fused_unattached += actions["unattached"]

    def _store_result(self, session: Session, row: Article, result: Result) -> list[Event]:
        """Events of one article (returned), or its extraction failure."""
        if result.error is not None:
            row.status = "failed"
            repo.upsert_failure(session, row.locator, row.origin, "extract", result.error,
                                self.run_id, article_id=row.id)
            self.counts.failures += 1
            return []
        row.status = "extracted"
        self.counts.extracted += 1
        events = []
        for position, record in enumerate(result.events):
            events.append(repo.event_row(record, self.run_id, row.id, position))
            session.add(events[-1])
            self.counts.events += 1
        return events

    def retry_extraction(self) -> int:
        """Extract again every article whose extraction failed; return how many went through."""
        with Session(self.engine) as session:
            ids = list(session.scalars(
                select(Failure.article_id).where(
                    Failure.stage == "extract", Failure.resolved.is_(None),
                    Failure.article_id.is_not(None),
                ).order_by(Failure.id)
            ))
        done = 0
        size = int(self.settings["batch_size"])
        for start in range(0, len(ids), size):
            with Session(self.engine) as session, session.begin():
                rows = list(session.scalars(select(Article).where(
                    Article.id.in_(ids[start:start + size])).order_by(Article.id)))
                before = self.counts.failures
                self._extract_into(session, rows)
                ok = [r.locator for r in rows if r.status == "extracted"]
                repo.resolve_failures(session, ok)
                done += len(rows) - (self.counts.failures - before)
        return done


def failure_origins(engine: Engine) -> tuple[list[str], list[Failure]]:
    """Origins to read again for unresolved non-extraction failures, and those failures."""
    failures = [f for f in repo.list_failures(engine) if f.stage != "extract"]
    return list(dict.fromkeys(f.origin for f in failures)), failures


def resolve_reread(engine: Engine, failures: list[Failure], failed_origins: set[str]) -> int:
    """Resolve failures whose origin was read again without any error; return how many."""
    done = [f.locator for f in failures if f.origin not in failed_origins]
    with Session(engine) as session, session.begin():
        repo.resolve_failures(session, done)
    return len(done)


def settings_record(settings: Settings) -> dict[str, Any]:
    """Settings as stored with a run."""
    return settings.as_dict()
