"""Ingest raw items into the store, batch by batch, and extract events from new articles.

Each batch is one write transaction holding the store's writer lock
(``blotter.store.database.write_session``): its articles, duplicate links,
events, evidence, fusion state and quarantine entries are committed together or
not at all, and concurrent ingests take turns batch by batch.  Items whose
locator is already stored are skipped, so a re-run (after a crash, on the same
input, or by a second process) adds exactly what is missing.

A batch that fails as a whole (a record the database refuses, a crash in
fusion) is rolled back and written again one item per transaction; the item that
still fails is quarantined with its reason and every other item is stored.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from itertools import islice
from typing import Any

from sqlalchemy import Engine, exists, select
from sqlalchemy.orm import Session

from blotter.document import Article as DocArticle
from blotter.document import RecordError
from blotter.fusion.fuser import FusionConfig
from blotter.fusion.store_index import StoreFusion
from blotter.geo.source_country import SourceCountries, source_of
from blotter.ingest.budget import BudgetExceeded, time_budget
from blotter.ingest.cleaning import clean_text
from blotter.ingest.dedup import (
    DuplicateIndex,
    Match,
    band_keys,
    from_bytes,
    minhash,
    text_hash,
    to_bytes,
)
from blotter.ingest.items import RawItem
from blotter.ingest.language import is_extractable, resolve_language
from blotter.io.records import check_text
from blotter.lang import base_code, no_pack_warning
from blotter.pipeline import Extractor, Pipeline, Result
from blotter.settings import Settings
from blotter.store import repository as repo
from blotter.store.database import redact_url, write_session
from blotter.store.models import Article, Event, Failure, FusedReport, Source

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
    fused_backlog: int = 0
    country_from_source: int = 0

    def as_dict(self) -> dict[str, int]:
        """Plain dict (stored with the run)."""
        return asdict(self)


#: Text fields of an item that go into the store as they are.
_TEXT_FIELDS = ("text", "title", "author", "url", "source_name", "language")
#: Longest locator stored as it is; a longer one (a 100,000-character record id) is cut
#: and ends with a hash of the whole, so it stays unique and the same on every run.
#: PostgreSQL refuses unique-index entries over about 2.7 KB (at most 4 bytes a
#: character in UTF-8), which failed the batch, then the failure row, then the run.
MAX_LOCATOR_CHARS = 500
#: Longest URL kept (indexed too); longer ones are no page address (browsers stop near
#: 2,000 characters) and are dropped with a warning, the article kept.
MAX_URL_CHARS = 2_000
#: Widths of the ``articles.language`` and ``sources.domain`` columns (PostgreSQL
#: refuses longer strings): a longer language tag is no tag, a longer host is cut.
LANGUAGE_CHARS = 12
DOMAIN_CHARS = 300


def storable_key(value: str) -> str:
    """*value* cut to MAX_LOCATOR_CHARS, ending with a hash of the whole when cut."""
    if len(value) <= MAX_LOCATOR_CHARS:
        return value
    digest = hashlib.sha256(value.encode("utf-8", "backslashreplace")).hexdigest()[:16]
    return f"{value[:MAX_LOCATOR_CHARS - 40]}…(cut, sha256 {digest})"


def escape_unstorable(value: str) -> str:
    """*value* with NULs and lone surrogates written as escapes (both databases refuse
    them raw); deterministic, so a locator escaped twice is the same key."""
    if "\x00" in value:
        value = value.replace("\x00", "\\x00")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def _unstorable(value: str) -> str | None:
    """Why *value* cannot be stored as text, or None."""
    if "\x00" in value:
        return "contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"contains a lone surrogate (U+{ord(value[exc.start]):04X}), not valid Unicode"
    return None


def screen(item: RawItem) -> RawItem:
    """*item* with storable keys; a failed item if one of its text fields cannot be stored."""
    locator = storable_key(escape_unstorable(item.locator))
    origin = escape_unstorable(item.origin)
    if (locator, origin) != (item.locator, item.origin):
        item = replace(item, locator=locator, origin=origin)
    if item.error is not None:
        return replace(item, error=escape_unstorable(item.error))
    for name in _TEXT_FIELDS:
        value = getattr(item, name)
        reason = _unstorable(value) if isinstance(value, str) else None
        if reason is not None:
            return RawItem.failed(locator, origin, item.kind, "read", f"field {name!r} {reason}")
    if any(_unstorable(w) for w in item.warnings):
        item.warnings = [escape_unstorable(w) for w in item.warnings]
    if item.url is not None and len(item.url) > MAX_URL_CHARS:
        item = replace(item, url=None, warnings=[
            *item.warnings, f"URL of {len(item.url):,} characters (over {MAX_URL_CHARS:,}) "
            "not kept"])
    if item.language is not None and len(item.language) > LANGUAGE_CHARS:
        item = replace(item, language=None, warnings=[
            *item.warnings, f"language tag of {len(item.language):,} characters is no "
            "language tag; the language is detected"])
    return item


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
class _BatchDedup:
    """Duplicate lookup for one batch: the store (indexed queries) plus the batch itself."""

    threshold: float
    store_exact: dict[str, int]
    band_ids: dict[int, list[int]]
    band_signatures: dict[int, bytes]
    pending: DuplicateIndex = field(init=False)
    pending_rows: dict[str, Article] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.pending = DuplicateIndex(self.threshold)

    def match(self, digest: str, signature: Any, keys: list[int]) -> tuple[Match, object] | None:
        """The canonical article this text duplicates: (match, stored id or pending row)."""
        if digest in self.store_exact:
            return Match(digest, "exact", 1.0), self.store_exact[digest]
        if digest in self.pending_rows:
            return Match(digest, "exact", 1.0), self.pending_rows[digest]
        best: tuple[Match, object] | None = None
        for article_id in sorted({i for k in keys for i in self.band_ids.get(k, [])}):
            similarity = float(signature.jaccard(from_bytes(self.band_signatures[article_id])))
            if similarity >= self.threshold and (best is None or similarity > best[0].similarity):
                best = Match(str(article_id), "near", similarity), article_id
        found = self.pending.match(digest, signature)
        if found is not None and (best is None or found.similarity > best[0].similarity):
            best = found, self.pending_rows[found.key]
        return best

    def add(self, digest: str, signature: Any, row: Article) -> None:
        """Index a new canonical article of the batch."""
        self.pending_rows[digest] = row
        self.pending.add(digest, signature)


@dataclass
class Ingestor:
    """Stores items and extracts events; one instance per run.

    With ``reextract_failed`` (``blotter retry``), an item whose stored article
    failed extraction replaces that article's text and metadata and is
    extracted again, so a corrected input goes through.
    """

    engine: Engine
    settings: Settings
    run_id: int
    pipeline_factory: Callable[[Settings], Extractor] = Pipeline.from_settings
    counts: IngestCounts = field(default_factory=IngestCounts)
    failed_origins: set[str] = field(default_factory=set)
    reextract_failed: bool = False

    def __post_init__(self) -> None:
        self._pipeline: Extractor | None = None
        self._sources: dict[str, Source] = {}
        self._fusion: StoreFusion | None = None
        self._countries: SourceCountries | None = None
        self._batch_no = 0
        self._backlog_done = False
        self.reextracted: set[str] = set()
        kill = os.environ.get(KILL_IN_BATCH_ENV, "")
        self._kill_in_batch = int(kill) if kill.isdigit() else 0

    @property
    def pipeline(self) -> Extractor:
        """The extraction pipeline, built on first use."""
        if self._pipeline is None:
            self._pipeline = self.pipeline_factory(self.settings)
        return self._pipeline

    def ingest(self, items: Iterable[RawItem]) -> IngestCounts:
        """Store every item (batch by batch) and extract events from new canonical articles."""
        self.fuse_backlog()
        for batch in _batches(items, int(self.settings["batch_size"])):
            self._batch_no += 1
            batch = [screen(item) for item in batch]
            before = replace(self.counts), set(self.failed_origins), set(self.reextracted)
            try:
                self._store_batch(batch)
            except Exception as exc:
                log.warning("batch %d not stored (%s: %s); storing its items one by one",
                            self._batch_no, type(exc).__name__, exc)
                self.counts, self.failed_origins, self.reextracted = before
                self._store_one_by_one(batch)
        return self.counts

    def _store_one_by_one(self, batch: list[RawItem]) -> None:
        """Each item in its own transaction; one that still fails is quarantined."""
        self._reset_caches()
        for item in batch:
            before = replace(self.counts), set(self.failed_origins), set(self.reextracted)
            try:
                self._store_batch([item])
            except Exception as exc:
                self.counts, self.failed_origins, self.reextracted = before
                self._reset_caches()
                self.counts.items += 1
                error = escape_unstorable(f"not stored: {type(exc).__name__}: {exc}")[:2_000]
                try:
                    with write_session(self.engine) as session:
                        self._fail(session, item, "store", error)
                except Exception as again:  # the failure row too: say so, go on
                    self.counts.failures += 1
                    self.failed_origins.add(item.origin)
                    log.error("%s: %s; its failure could not be recorded either (%s: %s)",
                              item.locator, error, type(again).__name__, again)

    def _reset_caches(self) -> None:
        """Forget objects of a rolled-back transaction (sources, fusion state, the
        sources' countries, counted again from the store)."""
        self._sources = {}
        self._fusion = None
        self._countries = None

    def _store_batch(self, batch: list[RawItem]) -> None:
        """Write one batch in one locked write transaction."""
        limits = int(self.settings["max_text_chars"]), int(self.settings["min_text_chars"])
        with write_session(self.engine) as session:
            known = repo.stored_locators(session, (i.locator for i in batch))
            prepared = []
            for item in batch:
                self.counts.items += 1
                stored = known.get(item.locator)
                if stored is not None and not (self.reextract_failed and stored[1] == "failed"):
                    self.counts.already_stored += 1
                    continue
                if stored is None:
                    known[item.locator] = (0, "new")
                ready = self._prepare(session, item, limits)
                if ready is not None:
                    prepared.append((item, ready, stored))
            dedup = self._dedup_for(session, prepared)
            rows: list[Article] = []
            to_extract: list[Article] = []
            for item, ready, stored in prepared:
                if stored is not None:
                    row = self._refresh_failed(session, item, ready, stored[0])
                    self.reextracted.add(item.locator)
                else:
                    row = self._article_row(session, item, ready, dedup)
                    session.add(row)
                rows.append(row)
                if row.status == "extracted":
                    to_extract.append(row)
            session.flush()
            repo.add_bands(session, ((r.id, band_keys(from_bytes(r.minhash)))
                                     for r in rows if r.canonical_id is None and r.minhash))
            repo.resolve_failures(session, [r.locator for r in rows])
            self._extract_into(session, to_extract)
            if self._batch_no == self._kill_in_batch:
                os.kill(os.getpid(), signal.SIGKILL)

    def _fail(self, session: Session, item: RawItem, stage: str, error: str) -> None:
        """Quarantine an item that could not be stored."""
        log.warning("%s: %s", item.locator, error)
        repo.upsert_failure(session, item.locator, item.origin, stage, error, self.run_id)
        self.failed_origins.add(item.origin)
        self.counts.failures += 1

    def _prepare(
        self, session: Session, item: RawItem, limits: tuple[int, int]
    ) -> tuple[str, str, Any, list[int]] | None:
        """(clean text, hash, MinHash, band keys) of *item*; None (quarantined) if it failed."""
        if item.error is not None or item.text is None:
            self._fail(session, item, item.stage, item.error or "no text")
            return None
        try:
            text = check_text(clean_text(item.text), *limits)
        except RecordError as exc:
            self._fail(session, item, "read", str(exc))
            return None
        signature = minhash(text)
        return text, text_hash(text), signature, band_keys(signature)

    def _dedup_for(self, session: Session, prepared: list[Any]) -> _BatchDedup:
        """The batch's duplicate lookup: its hashes and band keys queried in the store once."""
        digests = [ready[1] for _item, ready, _stored in prepared]
        keys = [k for _item, ready, _stored in prepared for k in ready[3]]
        band_ids, signatures = repo.band_candidates(session, keys)
        return _BatchDedup(float(self.settings["near_duplicate_threshold"]),
                           repo.canonical_ids_by_hash(session, digests), band_ids, signatures)

    def _fields(self, session: Session, item: RawItem, text: str) -> dict[str, Any]:
        """The article columns taken from *item*."""
        domain = item.url.split("/")[2][:DOMAIN_CHARS] if item.url and "://" in item.url else None
        return {
            "origin": item.origin, "kind": item.kind, "url": item.url,
            "source": repo.source_for(session, self._sources, item.source_name, domain),
            "title": item.title, "author": item.author, "published": item.published,
            "fetched": item.fetched, "language": resolve_language(item.language, text),
            "text": text, "warnings": list(item.warnings), "run_id": self.run_id,
        }

    def _article_row(
        self, session: Session, item: RawItem, ready: tuple[str, str, Any, list[int]],
        dedup: _BatchDedup,
    ) -> Article:
        """The article row for *item*, linked to its canonical copy when it duplicates one."""
        text, digest, signature, keys = ready
        row = Article(locator=item.locator, text_hash=digest, status="extracted",
                      **self._fields(session, item, text))
        self.counts.articles += 1
        found = dedup.match(digest, signature, keys)
        if found is not None:
            match, canonical = found
            row.status, row.duplicate_kind = "duplicate", match.kind
            row.similarity = match.similarity
            if isinstance(canonical, Article):
                row.canonical = canonical
            else:
                row.canonical_id = int(str(canonical))
            self.counts.duplicates += 1
            return row
        row.minhash = to_bytes(signature)
        dedup.add(digest, signature, row)
        if not is_extractable(row.language):
            row.status = "skipped"
            row.warnings = [*row.warnings, no_pack_warning(base_code(row.language or ""))]
            self.counts.not_english += 1
        return row

    def _refresh_failed(
        self, session: Session, item: RawItem, ready: tuple[str, str, Any, list[int]],
        article_id: int,
    ) -> Article:
        """Give a failed article the text and metadata read again, to be extracted again."""
        text, digest, signature, _keys = ready
        row = session.get_one(Article, article_id)
        for name, value in self._fields(session, item, text).items():
            setattr(row, name, value)
        row.text_hash, row.minhash, row.status = digest, to_bytes(signature), "extracted"
        session.execute(repo.delete_bands(article_id))
        return row

    def _extract_results(self, rows: list[Article]) -> list[Result]:
        """Extraction results of *rows*; an article over its time budget gets an error."""
        articles = [_doc_article(r) for r in rows]
        budget = float(self.settings["record_time_budget"])
        if getattr(self.pipeline, "enforces_budget", False):
            budget = 0.0  # the worker pool kills over-budget workers itself
        try:
            with time_budget(budget * len(articles)):
                return self.pipeline.extract_articles(articles)
        except BudgetExceeded:
            log.warning("batch over its time budget: extracting its articles one by one")
        except Exception as exc:
            if len(articles) == 1:
                return [Result(articles[0].id, error=f"extraction failed: {exc}")]
        results = []
        for article in articles:
            try:
                with time_budget(budget):
                    results.extend(self.pipeline.extract_articles([article]))
            except BudgetExceeded:
                results.append(Result(article.id, error=(
                    f"extraction took longer than {budget:g} s (record_time_budget); "
                    "the article was stopped")))
            except Exception as exc:
                results.append(Result(article.id, error=f"extraction failed: {exc}"))
        return results

    def _extract_into(self, session: Session, rows: list[Article]) -> None:
        """Extract events from stored rows and add them (or their failures) to the session."""
        if not rows:
            return
        results = self._extract_results(rows)
        self._lend_countries(session, rows, results)
        stored = [(row, self._store_result(session, row, result))
                  for row, result in zip(rows, results, strict=True)]
        if self.settings["fuse_on_ingest"]:
            self._fuse(session, stored)

    def _lend_countries(self, session: Session, rows: list[Article], results: list[Result]) -> None:
        """Lend each source's country to the batch's events whose text names none, from
        the source's stored reports and this batch (blotter/geo/source_country.py)."""
        if self._countries is None:
            self._countries = SourceCountries.from_settings(self.settings)
            if self._countries.enabled:
                for name, url, country, code, n in repo.placed_countries(session):
                    self._countries.count(source_of(name, url), country, code, n)
        if not self._countries.enabled:
            return
        keys = [source_of(row.source.name if row.source else None, row.url) for row in rows]
        for key, result in zip(keys, results, strict=True):
            self._countries.observe(key, result.events)
        for key, result in zip(keys, results, strict=True):
            self.counts.country_from_source += self._countries.lend(key, result.events)

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

    def fuse_backlog(self) -> int:
        """Fuse stored events that never were (a store upgraded from before fusion, or
        ingested with ``fuse_on_ingest = false``); return how many articles it took."""
        if self._backlog_done or not self.settings["fuse_on_ingest"]:
            return 0
        self._backlog_done = True
        unfused = ~exists().where(FusedReport.event_id == Event.id)
        query = (select(Event.article_id).join(Article, Article.id == Event.article_id)
                 .where(Article.status == "extracted", unfused).distinct())
        with Session(self.engine) as session:
            ids = sorted(session.scalars(query))
        size = int(self.settings["batch_size"])
        for start in range(0, len(ids), size):
            with write_session(self.engine) as session:
                chunk = ids[start:start + size]
                rows = session.scalars(select(Article).where(Article.id.in_(chunk))
                                       .order_by(Article.id))
                stored = []
                for row in rows:
                    events = list(session.scalars(select(Event).where(
                        Event.article_id == row.id, unfused).order_by(Event.position)))
                    stored.append((row, events))
                self._fuse(session, stored)
        if ids:
            log.warning("fused the events of %d stored articles that were never fused", len(ids))
        self.counts.fused_backlog += len(ids)
        return len(ids)

    def _store_result(self, session: Session, row: Article, result: Result) -> list[Event]:
        """Events of one article (returned), or its extraction failure."""
        if result.error is not None:
            row.status = "failed"
            repo.upsert_failure(session, row.locator, row.origin, "extract",
                                escape_unstorable(result.error), self.run_id, article_id=row.id)
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

    def retry_extraction(self, skip: set[str] | None = None) -> int:
        """Extract again every article whose extraction failed (from its stored text),
        except those whose locator is in *skip*; return how many went through."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(Failure.article_id, Failure.locator).where(
                    Failure.stage == "extract", Failure.resolved.is_(None),
                    Failure.article_id.is_not(None),
                ).order_by(Failure.id)
            ).all()
        ids = [int(i) for i, locator in rows if i is not None and locator not in (skip or set())]
        done = 0
        size = int(self.settings["batch_size"])
        for start in range(0, len(ids), size):
            with write_session(self.engine) as session:
                batch = list(session.scalars(select(Article).where(
                    Article.id.in_(ids[start:start + size])).order_by(Article.id)))
                before = self.counts.failures
                self._extract_into(session, batch)
                ok = [r.locator for r in batch if r.status == "extracted"]
                repo.resolve_failures(session, ok)
                done += len(batch) - (self.counts.failures - before)
        return done

def failure_origins(engine: Engine) -> tuple[list[str], list[Failure]]:
    """Origins to read again for unresolved non-extraction failures, and those failures."""
    failures = [f for f in repo.list_failures(engine) if f.stage != "extract"]
    return list(dict.fromkeys(f.origin for f in failures)), failures


def extraction_failure_origins(engine: Engine) -> list[str]:
    """Origins of articles whose extraction failed: read again by ``retry``."""
    failures = [f for f in repo.list_failures(engine) if f.stage == "extract"]
    return list(dict.fromkeys(f.origin for f in failures))


def resolve_reread(engine: Engine, failures: list[Failure], failed_origins: set[str]) -> int:
    """Resolve failures whose origin was read again without any error; return how many."""
    done = [f.locator for f in failures if f.origin not in failed_origins]
    with write_session(engine) as session:
        repo.resolve_failures(session, done)
    return len(done)


def settings_record(settings: Settings) -> dict[str, Any]:
    """Settings as stored with a run (database passwords redacted)."""
    record = settings.as_dict()
    if record.get("database_url"):
        record["database_url"] = redact_url(str(record["database_url"]))
    return record
