"""What runs inside a worker process: one pipeline per process, batches through it.

Both the process pool and Dask workers call :func:`extract_batch`. The pipeline
is built the first time a process sees a given (factory, settings) pair and
kept for every later batch, so spaCy and the lexicons load once per process.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
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
#: Linux ``prctl`` option: the signal the kernel sends this process when its parent dies
#: (<linux/prctl.h>). Unlike the polling thread it needs no GIL, so it also ends a
#: worker stuck inside one long C call (a regular-expression match).
PR_SET_PDEATHSIG = 1

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


def die_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when its parent dies; False where it cannot
    (not Linux, no libc ``prctl``).

    The kernel sends it when the parent *thread* that started this process ends, so it
    is set only in processes started from their parent's main thread (``kernel=True``).
    """
    try:  # the C library's prctl exists on Linux only: elsewhere one of these errors
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError, TypeError):
        return False


def watch_parent(parent: int | None = None, kernel: bool = False) -> None:
    """Exit this worker as soon as its parent process *parent* is gone (killed or crashed).

    With *kernel*, the kernel kills the worker when the parent dies (Linux, see
    :func:`die_with_parent`). Everywhere, a daemon thread also polls the parent id:
    when the parent dies the worker is re-parented, and it exits at once instead of
    finishing a batch no one reads. A parent that died before this ran is seen at once.
    """
    parent = os.getppid() if parent is None else parent
    if kernel:
        die_with_parent()
    if os.getppid() != parent:
        os._exit(1)

    def _watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=_watch, name="blotter-watch-parent", daemon=True).start()


def parent_watch_args() -> tuple[int, bool]:
    """``watch_parent`` arguments for workers this thread starts now: this process's id,
    and whether the kernel may kill them with it (started from the main thread)."""
    return os.getpid(), threading.current_thread() is threading.main_thread()


def warm_up(settings: Settings, factory: PipelineFactory = default_factory,
            parent: int | None = None, kernel: bool = False) -> None:
    """Process-pool initializer: watch the parent, build the pipeline now."""
    watch_parent(parent, kernel)
    pipeline_for(settings, factory)



def extract_batch(
    batch: list[InputRecord], settings: Settings, factory: PipelineFactory = default_factory
) -> list[Result]:
    """Run one batch of input records through this process's pipeline, in order."""
    pipeline = pipeline_for(settings, factory)
    with _LOCK:
        return list(pipeline.run(batch))
