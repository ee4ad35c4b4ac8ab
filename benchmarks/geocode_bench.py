"""Look-up speed of the geocoder: resolutions per second over ACLED dev notes.

    .venv/bin/python benchmarks/geocode_bench.py [--limit N]

Reads /work/shared-style data at run time (``$BLOTTER_SHARED`` or ../shared);
prints the index load time and texts (and place resolutions) per second.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from blotter.geo.event_place import choose_place
from blotter.geo.gazetteer import Gazetteer, default_gazetteer_path
from blotter.geo.resolve import locate

SHARED = Path(
    os.environ.get("BLOTTER_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)


def main() -> None:
    """Time index loading and per-text resolution."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    path = default_gazetteer_path()
    t0 = time.perf_counter()
    gaz = Gazetteer(path)
    print(f"index load: {time.perf_counter() - t0:.2f} s ({len(gaz.keys)} name keys)")
    data = SHARED / "evaldata/dev/acled_dev.jsonl"
    texts = [json.loads(x)["text"] for x in data.open(encoding="utf-8")]
    texts = texts[: args.limit or None]
    for label in ("cold", "warm"):
        t0 = time.perf_counter()
        mentions = 0
        for text in texts:
            places, regional = locate(text, gaz)
            choose_place(places, [(0, len(text))], gaz, regional)
            mentions += len(places.mentions)
        dt = time.perf_counter() - t0
        print(
            f"{label}: {len(texts) / dt:.0f} texts/s, {mentions / dt:.0f} mentions resolved/s"
            f" ({sum(map(len, texts)) / dt / 1e6:.2f} MB/s)"
        )


if __name__ == "__main__":
    main()
