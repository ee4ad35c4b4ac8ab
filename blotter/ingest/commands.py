"""What `blotter ingest`, `blotter retry` and `blotter failures` do; the CLI parses options."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from blotter.ingest.fetch import PoliteFetcher
from blotter.ingest.items import RawItem
from blotter.ingest.readers import read_inputs
from blotter.ingest.runner import (
    IngestCounts,
    Ingestor,
    extraction_failure_origins,
    failure_origins,
    resolve_reread,
    settings_record,
)
from blotter.pipeline import Extractor, Pipeline
from blotter.settings import Settings
from blotter.store import repository as repo
from blotter.store.database import open_engine


def _fetcher(settings: Settings, fetch: bool) -> PoliteFetcher | None:
    """A polite fetcher when fetching is allowed."""
    if not fetch:
        return None
    return PoliteFetcher(float(settings["fetch_timeout"]), float(settings["fetch_delay"]),
                         deadline=float(settings["fetch_deadline"]),
                         allow_private=bool(settings["fetch_allow_private"]))


def run_ingest(
    inputs: list[str],
    settings: Settings,
    db_url: str,
    fetch: bool = False,
    pipeline_factory: Callable[[Settings], Extractor] = Pipeline.from_settings,
    workers: int = 1,
    on_item: Callable[[RawItem], None] | None = None,
) -> IngestCounts:
    """Ingest files, directories and URLs into the store at *db_url*.

    With *workers* > 1 each batch's extraction is split across that many
    worker processes (reading, dedup and storage stay in this process).
    *on_item* is called with each item read (the CLI's progress bar).
    """
    engine = open_engine(db_url)
    pooled = None
    if workers > 1:
        from blotter.parallel.articles import PooledExtractor

        pooled = PooledExtractor(settings, workers)
        pipeline_factory = pooled.factory
    try:
        run_id = repo.start_run(engine, "ingest", settings_record(settings), list(inputs))
        ingestor = Ingestor(engine, settings, run_id, pipeline_factory)
        limits = int(settings["max_text_chars"]), int(settings["min_text_chars"])
        items = read_inputs(inputs, limits, _fetcher(settings, fetch),
                            follow_symlinks=bool(settings["follow_symlinks"]))
        counts = ingestor.ingest(_tapped(items, on_item) if on_item else items)
        repo.finish_run(engine, run_id, counts.as_dict())
        return counts
    finally:
        if pooled is not None:
            pooled.close()
        engine.dispose()


def _tapped(items: Iterable[RawItem], on_item: Callable[[RawItem], None]) -> Iterator[RawItem]:
    """*items*, calling *on_item* with each."""
    for item in items:
        on_item(item)
        yield item


def run_retry(
    settings: Settings,
    db_url: str,
    fetch: bool = False,
    pipeline_factory: Callable[[Settings], Extractor] = Pipeline.from_settings,
) -> tuple[int, int]:
    """Retry the quarantine; return (resolved, still failing)."""
    engine = open_engine(db_url)
    try:
        open_before = {f.id for f in repo.list_failures(engine)}
        origins, failures = failure_origins(engine)
        every_origin = list(dict.fromkeys(origins + extraction_failure_origins(engine)))
        run_id = repo.start_run(engine, "retry", settings_record(settings), every_origin)
        ingestor = Ingestor(engine, settings, run_id, pipeline_factory, reextract_failed=True)
        if every_origin:
            # Read every origin again: a corrected input replaces a failed article's text.
            limits = int(settings["max_text_chars"]), int(settings["min_text_chars"])
            ingestor.ingest(read_inputs(every_origin, limits, _fetcher(settings, fetch),
                                        follow_symlinks=bool(settings["follow_symlinks"])))
            resolve_reread(engine, failures, ingestor.failed_origins)
        # Articles whose origin is gone or unchanged: extract their stored text again.
        ingestor.retry_extraction(skip=ingestor.reextracted)
        repo.finish_run(engine, run_id, ingestor.counts.as_dict())
        open_after = {f.id for f in repo.list_failures(engine)}
        return len(open_before - open_after), len(open_after)
    finally:
        engine.dispose()


def failure_lines(db_url: str, include_resolved: bool = False) -> list[str]:
    """One line per quarantined input: id, stage, attempts, locator and error."""
    engine = open_engine(db_url)
    try:
        return [
            f"{f.id}\t{f.stage}\t{f.attempts}\t{'resolved' if f.resolved else 'open'}\t"
            f"{f.locator}\t{f.error}"
            for f in repo.list_failures(engine, include_resolved)
        ]
    finally:
        engine.dispose()
