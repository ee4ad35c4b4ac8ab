"""Measure geocoding on the ACLED / MUC-4 dev sets (read from ../shared at run time).

    .venv/bin/python benchmarks/geo_eval.py [acled|muc4] [--limit N]

Two views: the pipeline's first event per record, and the geocoder alone on the
whole text (independent of event detection). ``geo_admin1`` is plain name
equality, ``geo_admin1_same`` the scorer's transliteration-aware comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from blotter.document import Article
from blotter.geo.admin_names import same_admin1
from blotter.geo.distance import haversine_km
from blotter.geo.event_place import choose_place
from blotter.geo.gazetteer import open_gazetteer
from blotter.geo.names import normalise
from blotter.geo.resolve import locate
from blotter.pipeline import Pipeline
from blotter.settings import load_settings

SHARED = Path(
    os.environ.get("BLOTTER_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
# ACLED's target: the event point within this many km of the gold point.
NEAR_KM = 25.0


def same(a: str | None, b: str | None) -> bool:
    """Equality of place names as gazetteer keys (accent- and case-insensitive)."""
    return bool(a) and bool(b) and normalise(a or "") == normalise(b or "")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("source", nargs="?", default="acled")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    rows = [json.loads(x) for x in (SHARED / "evaldata/dev" / f"{args.source}_dev.jsonl").open()]
    rows = [r for r in rows if r["events"]][: args.limit or None]
    gaz = open_gazetteer(load_settings()["gazetteer_path"] or None)
    pipe = Pipeline.from_settings(load_settings())
    results = pipe.extract_articles([Article(r["id"], r["text"]) for r in rows])
    tallies = {
        k: [0, 0]
        for k in (
            "pipe_country",
            "geo_country",
            "geo_admin1",
            "geo_admin1_same",
            "geo_25km",
            "pipe_25km",
            "geo_precision",
        )
    }
    for r, res in zip(rows, results, strict=True):
        gold = r["events"][0]
        places, regional = locate(r["text"], gaz)
        found = choose_place(places, [(0, len(r["text"]))], gaz, regional)
        p = found.place if found else None
        known = gaz.country(p.country_code) if p else None
        country = known.name if known else None
        tallies["geo_country"][0] += same(country, gold["country"])
        tallies["geo_country"][1] += 1
        if args.source == "acled":
            tallies["geo_admin1"][0] += bool(p) and same(p.admin1 if p else None, gold["admin1"])
            loc = (
                {"admin1": p.admin1, "admin2": p.admin2, "country_code": p.country_code}
                if p
                else {}
            )
            tallies["geo_admin1_same"][0] += same_admin1(loc, gold["admin1"], gaz)
            tallies["geo_25km"][0] += bool(
                p
                and p.latitude is not None
                and p.longitude is not None
                and haversine_km(
                    p.latitude, p.longitude, float(gold["latitude"]), float(gold["longitude"])
                )
                <= NEAR_KM
            )
            tallies["geo_precision"][0] += bool(
                found and found.geo_precision == gold["geo_precision"]
            )
            for k in ("geo_admin1", "geo_admin1_same", "geo_25km", "geo_precision"):
                tallies[k][1] += 1
        ev = res.events[0]["location"] if res.events else None
        tallies["pipe_country"][0] += bool(ev) and same(ev["country"], gold["country"])  # type: ignore[index]
        tallies["pipe_country"][1] += 1
        if args.source == "acled":
            tallies["pipe_25km"][0] += bool(
                ev
                and ev["latitude"] is not None
                and haversine_km(
                    ev["latitude"],
                    ev["longitude"],
                    float(gold["latitude"]),
                    float(gold["longitude"]),
                )
                <= NEAR_KM
            )
            tallies["pipe_25km"][1] += 1
        if (
            os.environ.get("GEO_EVAL_VERBOSE")
            and p is not None
            and not same(country, gold["country"])
        ):
            print(
                r["id"],
                "|",
                country,
                p.name,
                "| gold:",
                gold["country"],
                gold.get("location"),
                "|",
                r["text"][:160].replace("\n", " "),
                file=sys.stderr,
            )
    for k, (ok, n) in tallies.items():
        if n:
            print(f"{k:16s} {ok / n:.3f}  ({ok}/{n})")


if __name__ == "__main__":
    main()
