"""Where ``--workers 2`` (and ``--dask``) start paying for themselves over one process.

    .venv/bin/python benchmarks/workers_crossover.py                  # 25..400 records
    .venv/bin/python benchmarks/workers_crossover.py --sizes 50 200 --dask

Each size runs ``blotter extract`` end to end (start-up included, as a user
sees it) in one process and with ``--workers 2`` (``parallel_min_records = 0``
so the workers really start), on the MUC-4 dev texts read at run time from the
shared folder (``$BLOTTER_SHARED``), repeated as needed, in a temporary folder.
Each timing is the best of ``--repeat`` runs (other work on a shared machine
only ever slows a run down).  The smallest size from which the parallel run
stays faster is the crossover;
``blotter.cli_workers.POOL_MIN_RECORDS`` and the ``parallel_min_records``
setting hold it.  Runs are short: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BLOTTER_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "evaldata" / "dev" / "muc4_dev.jsonl"
BLOTTER = Path(sys.executable).with_name("blotter")
DEFAULT_SIZES = (25, 50, 100, 200, 400)


def write_corpus(path: Path, n: int) -> None:
    """*n* records: the dev texts repeated, each with its own id."""
    texts = [json.loads(line)["text"] for line in CORPUS.read_text("utf-8").splitlines()
             if line.strip()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"r{i}", "text": texts[i % len(texts)]}) + "\n")


def timed(args: list[str], repeat: int) -> float:
    """Best wall seconds of *repeat* runs of one command (its output discarded)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Time each size one-process vs parallel and print the table and crossover."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--dask", action="store_true", help="Also time --dask --workers 2.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs per timing (best kept).")
    opts = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "c.toml"
        config.write_text("parallel_min_records = 0\ndask_min_records = 0\n", "utf-8")
        for n in opts.sizes:
            corpus = Path(tmp) / f"c{n}.jsonl"
            write_corpus(corpus, n)
            base = [str(BLOTTER), "extract", str(corpus), "-o", os.devnull, "-q",
                    "--config", str(config)]
            row: dict[str, float | int] = {
                "records": n, "one": timed(base, opts.repeat),
                "workers2": timed([*base, "--workers", "2"], opts.repeat)}
            if opts.dask:
                row["dask2"] = timed([*base, "--dask", "--workers", "2"], opts.repeat)
            rows.append(row)
            print(" ".join(f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}"
                           for k, v in row.items()), flush=True)
    for key in ("workers2", "dask2"):
        timed_rows = [r for r in rows if key in r]
        # the crossover: the smallest size from which every larger size is faster too
        from_size = None
        for r in reversed(timed_rows):
            if r[key] >= r["one"]:
                break
            from_size = r["records"]
        if timed_rows:
            print(f"{key}: faster than one process from {from_size or 'none'} records")


if __name__ == "__main__":
    main()
