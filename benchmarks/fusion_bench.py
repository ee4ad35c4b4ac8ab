"""Benchmark cross-article fusion on synthetic events (not a test; prints timings).

    .venv/bin/python benchmarks/fusion_bench.py --events 100000 [--sqlite PATH]

Generates incidents spread over countries, places and a year, each told by one
to four reports (with revised tolls and a day of date noise), fuses them in
publication order and reports the time, throughput and pairwise F1 against the
known incidents.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

from blotter.fusion import ArticleMeta, Fuser, MemoryIndex, Report, SqliteIndex
from blotter.fusion.index import FusionIndex

SUBS = [
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Violence against civilians", "Abduction/forced disappearance"),
    ("Protests", "Peaceful protest"),
]
WORDS = [f"w{i}" for i in range(5000)]


def synthetic(n_events: int, seed: int = 7) -> list[tuple[Report, int]]:
    """About *n_events* reports, each with the id of the incident it tells."""
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    countries = [f"Country{i}" for i in range(20)]
    places = {c: [(f"Town{c}{j}", rng.uniform(-30, 30), rng.uniform(-30, 30)) for j in range(200)]
              for c in countries}
    reports: list[tuple[Report, int]] = []
    incident = 0
    while len(reports) < n_events:
        incident += 1
        country = rng.choice(countries)
        name, lat, lon = rng.choice(places[country])
        event_type, sub = rng.choice(SUBS)
        day = start + timedelta(days=rng.randrange(365))
        toll = rng.choice([0, 1, 2, 3, 5, 8, 13])
        words = rng.sample(WORDS, 12)
        for k in range(rng.choice([1, 1, 2, 3, 4])):
            reported = day + timedelta(days=rng.choice([0, 0, 0, 1]))
            record: dict[str, Any] = {
                "event_type": event_type, "sub_event_type": sub,
                "event_date": reported.isoformat(), "time_precision": 1,
                "actor1": {"name": f"Group {incident % 300}", "inter": 2},
                "location": {"name": name, "country": country, "latitude": lat, "longitude": lon},
                "fatalities": {"best": toll + k // 2, "low": toll + k // 2, "high": toll + k // 2},
                "evidence": [{"field": "sentence", "start": 0, "end": 1,
                              "text": " ".join(rng.sample(words, 8))}],
            }
            meta = ArticleMeta(published=(reported + timedelta(days=k)).isoformat(), outlet=f"o{k}")
            reports.append((Report.from_record(f"a{len(reports)}", 0, record, meta), incident))
    reports.sort(key=lambda ri: (ri[0].published_day or 0, ri[0].id))
    return reports


def pairwise_f1(truth: dict[str, int], clusters: dict[str, list[str]]) -> float:
    """Pairwise F1 of *clusters* against the true incident of each report."""
    by_incident: dict[int, list[str]] = defaultdict(list)
    for rid, inc in truth.items():
        by_incident[inc].append(rid)
    gold = {frozenset(p) for ids in by_incident.values() for p in combinations(ids, 2)}
    pred = {frozenset(p) for ids in clusters.values() for p in combinations(ids, 2)}
    hit = len(gold & pred)
    precision, recall = hit / max(1, len(pred)), hit / max(1, len(gold))
    return 2 * precision * recall / (precision + recall) if hit else 0.0


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--sqlite", type=Path, help="Fuse into this SQLite state file.")
    args = parser.parse_args()
    t0 = time.perf_counter()
    data = synthetic(args.events)
    t1 = time.perf_counter()
    if args.sqlite and args.sqlite.exists():
        args.sqlite.unlink()
    index: FusionIndex = SqliteIndex(args.sqlite) if args.sqlite else MemoryIndex()
    fuser = Fuser(index)
    fuser.add_all(r for r, _ in data)
    t2 = time.perf_counter()
    clusters = {e.id: [r.id for r in e.reports] for e in index.events()}
    f1 = pairwise_f1({r.id: inc for r, inc in data}, clusters)
    print(f"{len(data)} reports ({'sqlite' if args.sqlite else 'memory'}): "
          f"generated in {t1 - t0:.1f}s, fused in {t2 - t1:.1f}s "
          f"({len(data) / (t2 - t1):.0f} reports/s), {len(clusters)} events, pairwise F1 {f1:.3f}")


if __name__ == "__main__":
    main()
