"""Ingest through the API: a text or an HTML page in, its stored and fused events out.

URL fetching is off unless an admin switches it on; then it goes through
``safefetch`` (no private addresses on any hop, size and time limits). One
ingest runs at a time per server process; the extraction pipeline and the
ingestor (with its duplicate index) are kept between requests, all of a
process's API ingests recorded as one ``serve`` run.

The ingestor writes under the store's writer lock like ``blotter ingest``. A
submission first waits (within the server's bound) for that lock to be free and
answers 503 if it is not (``StoreBusy``: nothing written); after that the ingestor
waits as long as a command-line ingest would, so a batch of another process
starting in between delays the submission but never records it as failed.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from blotter.ingest.html_pages import page_item
from blotter.ingest.items import RawItem
from blotter.ingest.runner import Ingestor, settings_record
from blotter.pipeline import Extractor, Pipeline
from blotter.server.details import article_detail
from blotter.server.safefetch import Address, fetch
from blotter.server.writes import WAIT_OPTION, server_write
from blotter.settings import Settings
from blotter.store import repository as repo
from blotter.store.database import SQLITE_BUSY_TIMEOUT_MS
from blotter.store.models import Article, Failure


class IngestError(ValueError):
    """The submission could not be ingested; the message says why."""


def _locator(kind: str, content: str) -> str:
    """A stable locator for submitted content: the same text twice is one article."""
    return f"api:{kind}:{hashlib.sha256(content.encode('utf-8')).hexdigest()[:32]}"


class IngestService:
    """Runs the ingest of one submission at a time with a pipeline loaded once."""

    def __init__(self, engine: Engine, settings: Settings,
                 factory: Callable[[Settings], Extractor] = Pipeline.from_settings) -> None:
        self.engine = engine
        #: The ingestor's engine: the lock waits of a command-line ingest.
        self.writer = engine.execution_options(**{WAIT_OPTION: SQLITE_BUSY_TIMEOUT_MS})
        self.settings = settings
        self.factory = factory
        self._pipeline: Extractor | None = None
        self._lock = threading.Lock()
        self._ingestor_obj: Ingestor | None = None
        self._marker: int | None = None

    def _get_pipeline(self, _settings: Settings) -> Extractor:
        """The shared pipeline (built on first use)."""
        if self._pipeline is None:
            self._pipeline = self.factory(self.settings)
        return self._pipeline

    def item_for(self, text: str | None, html: str | None, url: str | None,
                 title: str | None, published: date | None, source_name: str | None,
                 allow_fetch: bool, allowed: Callable[[Address, int], bool]) -> RawItem:
        """The raw item of a submission (exactly one of text, html, url)."""
        given = [x for x in (text, html, url) if x]
        if len(given) != 1:
            raise IngestError("give exactly one of text, html or url")
        if text:
            item = RawItem(locator=_locator("text", text), origin="api", kind="text", text=text)
        elif html:
            item = page_item(html, _locator("html", html), "api", "html")
        else:
            assert url is not None
            if not allow_fetch:
                raise IngestError("fetching URLs is off on this server (an admin can enable it)")
            page = fetch(url, allowed)
            item = page_item(page.body, url, url, "url", url=page.url,
                             fetched=datetime.now(UTC))
        item.title = title or item.title
        item.published = published or item.published
        item.source_name = source_name or item.source_name
        return item

    def _ingestor(self) -> Ingestor:
        """The kept ingestor, rebuilt when another process added articles since (its
        duplicate index holds every canonical article: loading it per request would grow
        with the store)."""
        with Session(self.engine) as session:
            marker = session.scalar(select(func.max(Article.id)))
        if self._ingestor_obj is None or marker != self._marker:
            run_id = repo.start_run(self.writer, "serve", settings_record(self.settings), [])
            self._ingestor_obj = Ingestor(self.writer, self.settings, run_id,
                                          self._get_pipeline)
        return self._ingestor_obj

    def ingest(self, item: RawItem) -> dict[str, Any]:
        """Store and extract *item*; return its article with events (or raise IngestError)."""
        if item.error is not None:
            raise IngestError(item.error)
        with self._lock:
            with server_write(self.engine):
                pass  # the writer lock is free (else StoreBusy: 503, nothing written)
            ingestor = self._ingestor()
            before = ingestor.counts.already_stored
            try:
                ingestor.ingest([item])
            except Exception:
                self._ingestor_obj = None  # its caches may be ahead of the rolled-back store
                raise
            already = ingestor.counts.already_stored > before
            repo.finish_run(self.writer, ingestor.run_id, ingestor.counts.as_dict())
            with Session(self.engine) as session:
                self._marker = session.scalar(select(func.max(Article.id)))
        with Session(self.engine) as session:
            article = session.scalars(select(Article).where(Article.locator == item.locator)
                                      ).first()
            if article is None:
                failure = session.scalars(select(Failure).where(
                    Failure.locator == item.locator)).first()
                raise IngestError(failure.error if failure else "the article was not stored")
            shown = article.canonical_id or article.id
            out = article_detail(session, shown)
            out["duplicate_of"] = article.canonical_id
            out["already_stored"] = already
            return out
