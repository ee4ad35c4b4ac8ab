"""Start worker processes only when the input is large enough to pay for them.

Each worker process loads the pipeline (lexicons, gazetteer, spaCy) before its
first record, and a Dask cluster also starts a scheduler and a nanny per
worker.  On a small input that start-up costs more than the parallel work
saves, so ``--workers N`` / ``--dask`` run in one process below a crossover
measured by ``benchmarks/workers_crossover.py`` (docs/cli.md has the figures).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Records from which ``--workers 2`` beats one process on an idle 2-core machine:
#: one process starts in ~7 s and then takes ~25-40 ms a record, two workers
#: start ~1-2 s later and halve the per-record time only if a core is free
#: (benchmarks/workers_crossover.py; docs/cli.md).
POOL_MIN_RECORDS = 200
#: The same for a local Dask cluster (scheduler + nannies start in several seconds).
DASK_MIN_RECORDS = 400
#: Average WARC bytes per HTML response record, to estimate records from a file size.
WARC_BYTES_PER_RECORD = 40_000
JSONL_NAMES = (".jsonl", ".ndjson", ".json")
WARC_NAMES = (".warc", ".warc.gz", ".arc", ".arc.gz")
#: Bytes read at a time when counting JSONL lines.
READ_CHUNK = 1 << 20


def _lines(path: Path, stop: int) -> int:
    """Newlines in *path*, counting no further than *stop*."""
    n = 0
    try:
        with path.open("rb") as fh:
            while n < stop and (chunk := fh.read(READ_CHUNK)):
                n += chunk.count(b"\n")
    except OSError:
        return 0
    return n


def estimate_records(inputs: Iterable[str | Path], stop: int) -> int:
    """About how many records *inputs* hold (counting stops once past *stop*).

    JSONL: its lines; WARC: its size over ``WARC_BYTES_PER_RECORD``; any other
    file (page, text, feed) or URL: one.
    """
    total = 0
    for raw in inputs:
        path = Path(raw)
        files = (p for p in sorted(path.rglob("*")) if p.is_file()) if path.is_dir() \
            else [path]
        for f in files:
            name = f.name.lower()
            if name.endswith(JSONL_NAMES):
                total += _lines(f, stop - total + 1)
            elif name.endswith(WARC_NAMES):
                try:
                    total += max(1, f.stat().st_size // WARC_BYTES_PER_RECORD)
                except OSError:
                    total += 1
            else:
                total += 1
            if total > stop:
                return total
    return total


def choose_workers(
    inputs: Iterable[str | Path], workers: int, dask: bool, settings: Any, quiet: bool
) -> tuple[int, bool]:
    """(workers, dask) to use: one process when the input is under the crossover."""
    from blotter.cli_support import say

    name, fallback = ("dask_min_records", DASK_MIN_RECORDS) if dask else (
        "parallel_min_records", POOL_MIN_RECORDS)
    threshold = int(settings.get(name, fallback))
    if threshold <= 0:
        return workers, dask
    what = "--dask" if dask else f"--workers {workers}"
    estimate = estimate_records(list(inputs), threshold)
    if estimate < threshold:
        if not quiet:
            say(f"note: about {estimate} records, under the {threshold} from which {what} is "
                f"faster; running in one process ({name} = 0 forces the workers)")
        return 1, False
    # No check of the machine's load: the 1-minute load average lags (it counts
    # the previous run), so an explicit --workers on a large input is obeyed.
    return workers, dask
