"""Run the pipeline on a pool of local worker processes (``blotter extract --workers N``)."""

from __future__ import annotations

import logging
import multiprocessing
import weakref
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

from blotter.io.records import InputRecord
from blotter.parallel.ordered import ResultFuture, run_ordered
from blotter.parallel.worker import (
    PipelineFactory,
    default_factory,
    extract_batch,
    parent_watch_args,
    watch_parent,
)
from blotter.pipeline import Result
from blotter.settings import Settings

log = logging.getLogger(__name__)

#: Batches in flight per worker: one being extracted and one waiting, so a
#: worker never idles while the parent writes results, and memory stays bounded.
IN_FLIGHT_PER_WORKER = 2
#: "spawn" starts clean interpreters: no inherited threads or locks from the
#: parent (progress bar, logging), the same start-up a Dask worker has.
START_METHOD = "spawn"


class ProcessPoolSubmitter:
    """Submit batches to a process pool, starting a fresh pool when a worker dies."""

    def __init__(self, workers: int, settings: Settings, factory: PipelineFactory) -> None:
        self.workers = workers
        self.task = partial(extract_batch, settings=settings, factory=factory)
        self.generation = 0
        # Which pool each future ran on, so that a failure of an old pool's
        # futures does not restart the new one.
        self._born: weakref.WeakKeyDictionary[Future[list[Result]], int] = (
            weakref.WeakKeyDictionary()
        )
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        """A pool of *workers* spawned processes."""
        context = multiprocessing.get_context(START_METHOD)
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                   initializer=watch_parent, initargs=parent_watch_args())

    def _restart(self) -> None:
        """Replace the (broken) pool with a fresh one."""
        log.warning("a worker process died; starting a new pool")
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()
        self.generation += 1

    def submit(self, batch: list[InputRecord]) -> Future[list[Result]]:
        """Start extraction of *batch* on the pool."""
        try:
            future = self.pool.submit(self.task, batch)
        except BrokenProcessPool:
            self._restart()
            future = self.pool.submit(self.task, batch)
        self._born[future] = self.generation
        return future

    def recover(self, future: ResultFuture, error: BaseException) -> None:
        """Restart the pool if *future*'s pool broke and has not been replaced yet."""
        born = self._born.get(future)  # type: ignore[call-overload]
        if isinstance(error, BrokenProcessPool) and born == self.generation:
            self._restart()

    def close(self) -> None:
        """Stop the workers (pending batches are cancelled)."""
        self.pool.shutdown(wait=True, cancel_futures=True)


def run_with_process_pool(
    records: Iterable[InputRecord],
    settings: Settings,
    workers: int,
    factory: PipelineFactory = default_factory,
) -> Generator[Result, None, None]:
    """Extract *records* on *workers* processes; yield results in input order.

    Each worker builds the pipeline once and keeps it for every batch. The
    output is the same as ``Pipeline.run`` in one process. Closing the
    generator early stops the workers.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    submitter = ProcessPoolSubmitter(workers, settings, factory)
    try:
        yield from run_ordered(
            records, submitter, settings["batch_size"], workers * IN_FLIGHT_PER_WORKER
        )
    finally:
        submitter.close()
