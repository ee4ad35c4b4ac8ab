"""Load benchmark: ingest N short articles into one store in steps and report, per step,
seconds per 1,000 articles and the process memory, to show both stay flat as the store
grows (near-duplicate lookup and fusion candidates are indexed queries on the store).

    .venv/bin/python benchmarks/load_bench.py --n 20000 --step 2000 [--db URL] [--out FILE]
    .venv/bin/python benchmarks/load_bench.py --n 200000 --step 10000   # the full run

Each step is one `run_ingest` call (as one `blotter ingest` run per delivery of news):
it opens the store, reads a JSONL file of `--step` new articles and stores, dedups,
extracts and fuses them.  Articles are a news stream: dates advance by one day every
`--per-day` articles over 20 countries, and 5% are syndicated copies of earlier ones.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import psutil

from blotter.ingest.commands import run_ingest
from blotter.settings import Settings

COUNTRIES = ["Mexico", "Nigeria", "Colombia", "Mali", "Somalia", "Kenya", "Pakistan",
             "India", "Philippines", "Brazil", "Iraq", "Syria", "Yemen", "Sudan", "Niger",
             "Cameroon", "Ethiopia", "Myanmar", "Afghanistan", "Burkina Faso"]
ACTORS = ["Gunmen", "Militants", "Bandits", "Armed men", "Rebels", "Attackers", "Soldiers",
          "Police"]
VICTIMS = ["soldiers", "police officers", "villagers", "traders", "farmers", "miners",
           "students", "protesters"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "eleven",
           "twelve", "fifteen", "twenty"]
SOURCES = ["hospital", "army", "district", "church", "police", "local"]
#: Share of articles that are syndicated copies of an earlier one (dedup work).
COPY_SHARE = 0.05
START = date(2020, 1, 1)


def article(i: int, per_day: int) -> dict[str, str]:
    """The *i*-th article of the stream (about 60 words, one incident)."""
    r = random.Random(i)
    day = START + timedelta(days=i // per_day)
    if i > 100 and r.random() < COPY_SHARE:
        original = article(r.randrange(max(0, i - 5 * per_day), i), per_day)
        return {**original, "id": f"a{i}", "source_name": "Wire copy",
                "text": original["text"] + " (Reporting by the wire service.)"}
    town = f"Town{r.randrange(5000)}"
    text = (
        f"{r.choice(ACTORS)} killed {r.choice(NUMBERS)} {r.choice(VICTIMS)} in {town}, "
        f"{r.choice(COUNTRIES)}, on {day:%d %B %Y}, officials said. The attack in {town} "
        f"lasted {r.randint(1, 9)} hours and {r.choice(NUMBERS)} {r.choice(VICTIMS)} were "
        f"wounded, a {r.choice(SOURCES)} source said in report number {i}. Residents fled "
        f"to nearby villages as security forces arrived."
    )
    return {"id": f"a{i}", "text": text, "published": (day + timedelta(days=1)).isoformat(),
            "source_name": f"Outlet {r.randrange(40)}", "title": f"Attack in {town}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="Articles in all.")
    parser.add_argument("--step", type=int, default=2_000, help="Articles per ingest run.")
    parser.add_argument("--start", type=int, default=0,
                        help="First article of the stream (continue a --db store, or compare "
                             "one step on a small and a large store).")
    parser.add_argument("--per-day", type=int, default=100, help="Articles per news day.")
    parser.add_argument("--db", default="", help="Store URL (default: a temporary SQLite).")
    parser.add_argument("--out", type=Path, help="Also write the rows as JSONL here.")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="blotter-load-"))
    db = args.db or f"sqlite:///{root / 'load.sqlite'}"
    settings = Settings().replace(geocode=False)
    me = psutil.Process()
    rows = []
    print("stored\tseconds_per_1000\tcpu_seconds_per_1000\trss_mib\tevents\tfused_created\t"
          "fused_joined\tduplicates")
    for start in range(args.start, args.n, args.step):
        path = root / f"step{start:07d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(start, min(args.n, start + args.step)):
                fh.write(json.dumps(article(i, args.per_day)) + "\n")
        began, cpu = time.perf_counter(), time.process_time()
        counts = run_ingest([str(path)], settings, db)
        elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
        row = {"stored": start + counts.items,
               "seconds_per_1000": round(1000 * elapsed / max(1, counts.items), 2),
               # CPU time of this process: less disturbed by other load on the machine.
               "cpu_seconds_per_1000": round(1000 * cpu / max(1, counts.items), 2),
               "rss_mib": round(me.memory_info().rss / 2**20),
               "events": counts.events, "fused_created": counts.fused_created,
               "fused_joined": counts.fused_joined, "duplicates": counts.duplicates}
        rows.append(row)
        print("\t".join(str(v) for v in row.values()), flush=True)
        path.unlink()
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
