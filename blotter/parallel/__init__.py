"""Parallel extraction: a local process pool or a Dask cluster, same output as one process.

    for result in run_with_process_pool(records, settings, workers=2): ...
    with dask_client() as client:
        for result in run_on_dask(records, settings, client): ...
"""

from blotter.parallel.dask_runner import dask_client, run_on_dask
from blotter.parallel.ordered import batched, run_ordered
from blotter.parallel.process_pool import run_with_process_pool
from blotter.parallel.worker import PipelineLoadError, extract_batch

__all__ = [
    "PipelineLoadError",
    "batched",
    "dask_client",
    "extract_batch",
    "run_on_dask",
    "run_ordered",
    "run_with_process_pool",
]
