"""Measure `blotter ingest` throughput (articles/s) on generated HTML pages and text files.

    .venv/bin/python benchmarks/ingest_bench.py [--n 200] [--config blotter.toml] [--db-dir DIR]

Each kind gets a fresh SQLite store; the figure covers reading, cleaning, language
detection, dedup, storage and event extraction (the whole `blotter ingest`).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from blotter.ingest.commands import run_ingest
from blotter.ingest.tests.samples import news_page
from blotter.settings import load_settings

TOWNS = ["Ruvaka", "Molendo", "Kasari", "Tembwe", "Lirano", "Oshoko", "Barundi", "Zelmar",
         "Quintaro", "Vashti", "Nyaruba", "Pelhaven", "Dorvik", "Amarapa", "Sulenne", "Kotoba"]
ACTORS = ["Gunmen", "Militants", "Bandits", "Armed men", "Rebels", "Attackers", "Soldiers"]
VICTIMS = ["soldiers", "police officers", "villagers", "traders", "farmers", "miners"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "eleven"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def paragraphs(i: int) -> list[str]:
    """A distinct six-paragraph report (about 180 words)."""
    r = random.Random(i)
    out = []
    for p in range(6):
        town, other = r.sample(TOWNS, 2)
        out.append(
            f"{r.choice(ACTORS)} killed {r.choice(NUMBERS)} {r.choice(VICTIMS)} in {town} on "
            f"{r.choice(DAYS)}, officials said in report {i}-{p}. The fighting near {other} "
            f"lasted {r.randint(1, 9)} hours and {r.choice(NUMBERS)} {r.choice(VICTIMS)} were "
            f"wounded, a {r.choice(['hospital', 'army', 'district', 'church'])} source said."
        )
    return out


def bench(kind: str, n: int, root: Path, config: Path | None) -> float:
    """Write *n* inputs of *kind*, ingest them, return articles per second."""
    folder = root / kind
    folder.mkdir()
    for i in range(n):
        if kind == "html":
            html = news_page(f"Attack report {i}", paragraphs(i), published="2024-03-12")
            (folder / f"page{i:05d}.html").write_text(html, encoding="utf-8")
        else:
            (folder / f"report{i:05d}.txt").write_text("\n\n".join(paragraphs(i)),
                                                        encoding="utf-8")
    settings = load_settings(config)
    db = f"sqlite:///{root / (kind + '.sqlite')}"
    run_ingest([str(folder)], settings, db)  # warm-up: caches, spaCy, page cache
    start = time.perf_counter()
    counts = run_ingest([str(folder)], settings, f"sqlite:///{root / (kind + '-2.sqlite')}")
    elapsed = time.perf_counter() - start
    assert counts.articles == n and counts.failures == 0, counts
    print(f"{kind}: {n} articles in {elapsed:.1f} s = {n / elapsed:.1f} articles/s "
          f"({counts.events} events, {counts.duplicates} duplicates)")
    return n / elapsed


def main() -> None:
    """Run both benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--config", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("text", "html"):
            bench(kind, args.n, Path(tmp), args.config)


if __name__ == "__main__":
    main()
