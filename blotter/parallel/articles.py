"""Extract a batch of stored articles on worker processes (``blotter ingest --workers N``).

``blotter ingest`` writes one batch per transaction and extracts the batch's new
articles inside it; :class:`PooledExtractor` splits that extraction across N
processes and returns the results in the batch's order, so the transaction
and everything around it stay as they are.

Faults cost one record: when a worker dies (or a chunk runs past the time
budget, ``record_time_budget`` per article) the pool is replaced and the
chunk's articles are run again one at a time; the one that kills its worker
or runs past its budget gets an error result, every other article its events.
Workers exit when their parent dies (``blotter.parallel.worker.watch_parent``).
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

from blotter.document import Article
from blotter.io.records import InputRecord
from blotter.parallel.process_pool import START_METHOD
from blotter.parallel.worker import (
    PipelineFactory,
    default_factory,
    extract_batch,
    parent_watch_args,
    warm_up,
)
from blotter.pipeline import Result
from blotter.settings import Settings

log = logging.getLogger(__name__)


class PooledExtractor:
    """``extract_articles`` on a pool of worker processes, results in input order."""

    #: The runner leaves the time budget to this class (it kills over-budget workers).
    enforces_budget = True

    def __init__(self, settings: Settings, workers: int,
                 factory: PipelineFactory = default_factory) -> None:
        self.settings = settings
        self.workers = workers
        self.pipeline_factory = factory
        self.budget = float(settings["record_time_budget"])
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        """A fresh pool; each worker builds the pipeline and watches its parent."""
        context = multiprocessing.get_context(START_METHOD)
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=context, initializer=warm_up,
            initargs=(self.settings, self.pipeline_factory, *parent_watch_args()),
        )

    def _restart(self) -> None:
        """Kill every worker of the current pool and start a new one."""
        processes = list(getattr(self.pool, "_processes", {}).values())
        for process in processes:
            process.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._new_pool()

    def _submit(self, chunk: list[Article]) -> Future[list[Result]]:
        """Start one chunk."""
        records = [InputRecord(a.id, a) for a in chunk]
        return self.pool.submit(extract_batch, records, self.settings, self.pipeline_factory)

    def _wait(self, future: Future[list[Result]], n: int) -> list[Result] | None:
        """The chunk's results, or None if its worker died or it ran out of time."""
        timeout = self.budget * n if self.budget > 0 else None
        try:
            return future.result(timeout=timeout)
        except (BrokenProcessPool, FutureTimeout) as exc:
            log.warning("a worker %s; extracting its articles one by one",
                        "ran past the time budget" if isinstance(exc, FutureTimeout) else "died")
            return None

    def extract_articles(self, articles: list[Article]) -> list[Result]:
        """Extract *articles* in ``workers`` chunks at once; one result per article, in order."""
        size = -(-len(articles) // self.workers) or 1
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
        try:
            futures = [self._submit(chunk) for chunk in chunks]
        except BrokenProcessPool:
            self._restart()
            futures = [self._submit(chunk) for chunk in chunks]
        done = [self._wait(future, len(chunk)) for future, chunk in zip(futures, chunks,
                                                                         strict=True)]
        if all(d is not None for d in done):
            return [result for d in done if d is not None for result in d]
        self._restart()
        results: list[Result] = []
        for chunk, got in zip(chunks, done, strict=True):
            results.extend(got if got is not None else [self._alone(a) for a in chunk])
        return results

    def _alone(self, article: Article) -> Result:
        """Extract one article on its own; its own failure if the worker dies or stalls."""
        try:
            future = self._submit([article])
        except BrokenProcessPool:
            self._restart()
            future = self._submit([article])
        got = self._wait(future, 1)
        if got is not None:
            return got[0]
        timed_out = not future.done()
        self._restart()
        reason = (f"took longer than the time budget of {self.budget:g} s "
                  "(record_time_budget)" if timed_out else "killed its worker process")
        return Result(article.id, error=f"extraction failed: the article {reason}")

    def factory(self, settings: Settings) -> PooledExtractor:
        """Itself, as the pipeline factory ``Ingestor`` expects."""
        return self

    def close(self) -> None:
        """Stop the worker processes."""
        self.pool.shutdown(wait=True, cancel_futures=True)
