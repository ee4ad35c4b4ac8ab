"""Extract a batch of stored articles on worker processes (``blotter ingest --workers N``).

``blotter ingest`` writes one batch per transaction and extracts the batch's new
articles inside it; :class:`PooledExtractor` splits that extraction across N
processes and returns the results in the batch's order, so the transaction
and everything around it stay as they are.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from blotter.document import Article
from blotter.io.records import InputRecord
from blotter.parallel.process_pool import START_METHOD
from blotter.parallel.worker import default_factory, extract_batch, warm_up
from blotter.pipeline import Result
from blotter.settings import Settings


class PooledExtractor:
    """``extract_articles`` on a pool of worker processes, results in input order."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        context = multiprocessing.get_context(START_METHOD)
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=warm_up, initargs=(settings,)
        )

    def extract_articles(self, articles: list[Article]) -> list[Result]:
        """Extract *articles* in ``workers`` chunks at once; one result per article, in order."""
        size = -(-len(articles) // self.workers) or 1
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
        futures = [
            self.pool.submit(
                extract_batch, [InputRecord(a.id, a) for a in chunk], self.settings, default_factory
            )
            for chunk in chunks
        ]
        return [result for future in futures for result in future.result()]

    def factory(self, settings: Settings) -> PooledExtractor:
        """Itself, as the pipeline factory ``Ingestor`` expects."""
        return self

    def close(self) -> None:
        """Stop the worker processes."""
        self.pool.shutdown(wait=True, cancel_futures=True)
