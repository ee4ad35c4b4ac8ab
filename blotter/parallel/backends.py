"""Choose how ``blotter extract`` runs: one process, a process pool, or Dask."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from blotter.document import Document
from blotter.io.records import InputRecord
from blotter.pipeline import Pipeline, Result
from blotter.settings import Settings

log = logging.getLogger(__name__)

Runner = Callable[[Iterable[InputRecord]], Iterator[Result]]


def effective_workers(requested: int, settings: Settings) -> int:
    """*requested* workers, capped by the ``max_workers`` setting."""
    if requested < 1:
        raise ValueError(f"--workers must be at least 1, got {requested}")
    cap = max(1, int(settings["max_workers"]))
    if requested > cap:
        log.warning("--workers %d is over max_workers = %d; using %d", requested, cap, cap)
    return min(requested, cap)


@contextmanager
def open_runner(
    settings: Settings,
    workers: int = 1,
    use_dask: bool = False,
    cluster: str | None = None,
    intermediate: Callable[[str, list[Document]], None] | None = None,
) -> Iterator[Runner]:
    """A function from input records to results (in input order) for the chosen backend.

    ``workers == 1`` and no Dask: the pipeline in this process. ``workers > 1``:
    a local process pool. ``use_dask``: a LocalCluster of ``workers`` processes
    (``max_workers`` if ``workers`` is 1). ``cluster``: the scheduler at that
    address. All give the same output.
    """
    parallel = use_dask or bool(cluster) or workers > 1
    if intermediate is not None and parallel:
        raise ValueError("--save-intermediate works only in a single process (no --workers/--dask)")
    if use_dask or cluster:
        from blotter.parallel.dask_runner import dask_client, run_on_dask

        n_workers = effective_workers(workers if workers > 1 else settings["max_workers"], settings)
        with dask_client(cluster, n_workers) as client:
            yield lambda records: run_on_dask(records, settings, client)
    elif workers > 1:
        from blotter.parallel.process_pool import run_with_process_pool

        n = effective_workers(workers, settings)
        yield lambda records: run_with_process_pool(records, settings, n)
    else:
        yield Pipeline.from_settings(settings, intermediate=intermediate).run
