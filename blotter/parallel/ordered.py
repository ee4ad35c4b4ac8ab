"""Stream batches to parallel workers and hand back results in input order.

The window of batches in flight is bounded, so memory stays flat however long
the input is: the reader is only pulled when a slot frees up.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, Protocol

from blotter.io.records import InputRecord
from blotter.parallel.worker import PipelineLoadError
from blotter.pipeline import Result

log = logging.getLogger(__name__)

#: Tries for a record run alone: a worker can die under it because of another
#: batch running at the same time, so one failure alone does not condemn it.
SINGLE_ATTEMPTS = 2


class ResultFuture(Protocol):
    """What ``concurrent.futures.Future`` and ``distributed.Future`` have in common."""

    def result(self, timeout: Any = None) -> Any:
        """Wait for and return the worker's value (or raise its error)."""
        ...


class BatchSubmitter(Protocol):
    """A backend that runs a batch of records somewhere and returns a future."""

    def submit(self, batch: list[InputRecord]) -> ResultFuture:
        """Start extraction of *batch*; the future yields ``list[Result]``."""
        ...

    def recover(self, future: ResultFuture, error: BaseException) -> None:
        """Get ready for more work after *future* failed with *error* (e.g. restart workers)."""
        ...


def batched(records: Iterable[InputRecord], size: int) -> Iterator[list[InputRecord]]:
    """Lists of up to *size* records, pulled lazily from *records*."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    it = iter(records)
    while batch := list(islice(it, size)):
        yield batch


def run_ordered(
    records: Iterable[InputRecord], submitter: BatchSubmitter, batch_size: int, window: int
) -> Iterator[Result]:
    """Yield one ``Result`` per record, in input order, with at most *window* batches in flight.

    A batch whose worker fails (a crashed process, a lost Dask worker) is run
    again one record at a time, so only the record that causes the failure gets
    an error and the run goes on.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    pending: deque[tuple[list[InputRecord], ResultFuture]] = deque()
    for batch in batched(records, batch_size):
        pending.append((batch, submitter.submit(batch)))
        while len(pending) >= window:
            yield from _collect(*pending.popleft(), submitter)
    while pending:
        yield from _collect(*pending.popleft(), submitter)


def _collect(
    batch: list[InputRecord], future: ResultFuture, submitter: BatchSubmitter
) -> list[Result]:
    """The batch's results, or a record-by-record rerun if the worker failed."""
    try:
        results = _checked(batch, future.result())
    except PipelineLoadError:
        raise  # a set-up problem, not a bad record: stop the run with its message
    except Exception as exc:  # any worker failure is retried record by record
        submitter.recover(future, exc)
        log.warning("a worker failed on a batch of %d (%s); retrying one by one", len(batch), exc)
        return [_run_alone(record, submitter) for record in batch]
    return results


def _run_alone(record: InputRecord, submitter: BatchSubmitter) -> Result:
    """Run one record as its own batch; a repeated failure becomes that record's error."""
    for attempt in range(1, SINGLE_ATTEMPTS + 1):
        future = submitter.submit([record])
        try:
            return _checked([record], future.result())[0]
        except PipelineLoadError:
            raise
        except Exception as exc:  # reported on the record
            submitter.recover(future, exc)
            if attempt == SINGLE_ATTEMPTS:
                return _failed(record, exc)
    raise AssertionError("unreachable")


def _checked(batch: list[InputRecord], results: object) -> list[Result]:
    """Check that a worker returned one result per record, with matching ids."""
    if not isinstance(results, list) or len(results) != len(batch):
        raise RuntimeError("worker returned a result list that does not match its batch")
    for record, result in zip(batch, results, strict=True):
        if not isinstance(result, Result) or result.id != record.id:
            raise RuntimeError(f"worker returned results out of order near record {record.id}")
    return results


def _failed(record: InputRecord, exc: BaseException) -> Result:
    """The error result for a record whose worker died or raised."""
    log.error("worker failed on record %s: %s", record.id, exc)
    return Result(record.id, error=f"worker failed: {type(exc).__name__}: {exc}")
