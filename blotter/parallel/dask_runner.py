"""Run the pipeline on a Dask distributed cluster (``--dask`` or ``--cluster ADDRESS``).

The input is cut into batches that are sent to the workers a few at a time;
results come back and are written in input order. Workers need ``newsblotter``
installed (same version and settings) and build the pipeline once per process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from blotter.io.records import InputRecord
from blotter.parallel.ordered import ResultFuture, run_ordered
from blotter.parallel.worker import PipelineFactory, default_factory, extract_batch
from blotter.pipeline import Result
from blotter.settings import Settings

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger(__name__)

#: Batches in flight per worker thread: one running and one queued on the
#: worker, so workers stay busy without the input being loaded into the cluster.
IN_FLIGHT_PER_THREAD = 2


class DaskSubmitter:
    """Submit batches as Dask tasks (not content-hashed: equal batches are distinct work)."""

    def __init__(self, client: Client, settings: Settings, factory: PipelineFactory) -> None:
        self.client = client
        self.settings = settings
        self.factory = factory

    def submit(self, batch: list[InputRecord]) -> ResultFuture:
        """Start extraction of *batch* on some worker."""
        future: ResultFuture = self.client.submit(
            extract_batch, batch, self.settings, self.factory, pure=False
        )
        return future

    def recover(self, future: ResultFuture, error: BaseException) -> None:
        """Nothing to do: the scheduler replaces lost workers and reruns their tasks."""


def run_on_dask(
    records: Iterable[InputRecord],
    settings: Settings,
    client: Client,
    factory: PipelineFactory = default_factory,
) -> Iterator[Result]:
    """Extract *records* on the cluster behind *client*; yield results in input order."""
    threads = sum(client.nthreads().values()) or 1
    yield from run_ordered(records, DaskSubmitter(client, settings, factory),
                           settings["batch_size"], threads * IN_FLIGHT_PER_THREAD)


#: Dask HTTP routes (dashboard, info pages, the job API) served by the local
#: cluster's scheduler and workers: none, so nothing is served over plain HTTP.
NO_HTTP_ROUTES: dict[str, list[str]] = {"distributed.scheduler.http.routes": [],
                  "distributed.worker.http.routes": []}
#: The local cluster listens on the loopback interface only.
LOCAL_HOST = "127.0.0.1"


@contextmanager
def dask_client(address: str | None = None, n_workers: int = 2) -> Iterator[Client]:
    """A client for the scheduler at *address*, or for a new LocalCluster of *n_workers*.

    The LocalCluster uses one single-threaded process per worker (the pipeline
    is pure Python and holds the GIL), listens on 127.0.0.1 only, speaks TLS
    with mutual authentication (``Security.temporary()``: a throw-away CA and
    certificate, in memory, that only this process and its workers hold), so no
    other local user can connect and run code on it, and serves no dashboard or
    other HTTP routes. Its workers die with this process, even mid-match
    (``DieWithParent``).
    """
    import dask
    from distributed import Client, LocalCluster
    from distributed.security import Security

    if address:
        with Client(address) as client:
            yield client
        return
    with (
        dask.config.set(NO_HTTP_ROUTES),
        LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host=LOCAL_HOST,
            protocol="tls://",
            security=Security.temporary(),
        ) as cluster,
        Client(cluster) as client,
    ):
        from blotter.parallel.dask_plugin import DieWithParent

        # the nannies start the workers from the cluster's event-loop thread, which
        # lives as long as the cluster: the kernel's parent-death signal is safe here
        client.register_plugin(DieWithParent())
        yield client
