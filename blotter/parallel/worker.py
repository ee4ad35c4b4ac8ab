"""What runs inside a worker process: one pipeline per process, batches through it.

Both the process pool and Dask workers call :func:`extract_batch`. The pipeline
is built the first time a process sees a given (factory, settings) pair and
kept for every later batch, so spaCy and the lexicons load once per process.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable

from blotter.io.records import InputRecord
from blotter.pipeline import Pipeline, Result
from blotter.settings import Settings

PipelineFactory = Callable[[Settings], Pipeline]


class PipelineLoadError(RuntimeError):
    """The pipeline cannot be built in a worker: a set-up problem, fatal for the run."""

#: Seconds between two checks that the parent process is still alive.
PARENT_POLL_SECONDS = 1.0

_PIPELINES: dict[tuple[str, str], Pipeline] = {}
# Stages keep per-batch state on shared objects (spaCy pipeline, caches), so a
# process runs one batch at a time even if a Dask worker has several threads.
_LOCK = threading.Lock()


def default_factory(settings: Settings) -> Pipeline:
    """The pipeline ``blotter extract`` runs in a single process."""
    return Pipeline.from_settings(settings)


def _key(settings: Settings, factory: PipelineFactory) -> tuple[str, str]:
    """Cache key: which factory, with which effective settings."""
    name = f"{factory.__module__}.{factory.__qualname__}"
    return name, json.dumps(settings.as_dict(), sort_keys=True, default=str)


def pipeline_for(settings: Settings, factory: PipelineFactory = default_factory) -> Pipeline:
    """This process's pipeline for *settings*, built on first use."""
    key = _key(settings, factory)
    with _LOCK:
        pipeline = _PIPELINES.get(key)
        if pipeline is None:
            try:
                pipeline = factory(settings)
            except Exception as exc:
                raise PipelineLoadError(
                    f"cannot build the pipeline in a worker: {type(exc).__name__}: {exc}"
                ) from exc
            _PIPELINES[key] = pipeline
        return pipeline


def watch_parent() -> None:
    """Exit this worker as soon as its parent process is gone (killed or crashed).

    A daemon thread polls the parent id: when the parent dies the worker is
    re-parented, and it exits at once instead of finishing a batch no one reads.
    """
    parent = os.getppid()

    def _watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=_watch, name="blotter-watch-parent", daemon=True).start()


def warm_up(settings: Settings, factory: PipelineFactory = default_factory) -> None:
    """Process-pool initializer: watch the parent, build the pipeline now."""
    watch_parent()
    pipeline_for(settings, factory)


def extract_batch(
    batch: list[InputRecord], settings: Settings, factory: PipelineFactory = default_factory
) -> list[Result]:
    """Run one batch of input records through this process's pipeline, in order."""
    pipeline = pipeline_for(settings, factory)
    with _LOCK:
        return list(pipeline.run(batch))
