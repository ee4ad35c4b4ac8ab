"""Benchmark the workbench API under concurrent clients (not a test; prints latencies).

    .venv/bin/python benchmarks/server_bench.py --events 100000            # SQLite
    .venv/bin/python benchmarks/server_bench.py --events 1000000 --db postgresql+psycopg://...

Writes *events* synthetic fused events (with review rows) straight into a fresh store,
serves it with `blotter serve --workers W` on a loopback port (in processes of its own),
and lets *clients* threads each send *requests* filtered list requests and viewport
GeoJSON requests (random country and type filters, random viewports and zooms). Prints
the median and 95th percentile latency of each kind, and the request count, as JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert

from blotter.fusion.reports import normalise
from blotter.server import auth
from blotter.server.models import EventReview
from blotter.store.database import open_engine
from blotter.store.models import FusedEvent

TYPES = [("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Protests", "Peaceful protest"),
         ("Riots", "Violent demonstration"), ("Strategic developments", "Arrests")]
COUNTRIES = [(f"Country {i}", random.Random(i).uniform(-40, 50),
              random.Random(-i).uniform(-100, 120)) for i in range(40)]
#: Polls (0.1 s apart) for the server to answer before giving up.
STARTUP_POLLS = 600
#: Rows per INSERT while loading.
CHUNK = 5_000


def load(url: str, n: int, seed: int = 11) -> None:
    """Write *n* synthetic fused events and their review rows."""
    rng = random.Random(seed)
    engine = open_engine(url)
    now = datetime.now(UTC)
    start = date(2020, 1, 1)
    with engine.begin() as conn:
        for base in range(0, n, CHUNK):
            events, reviews = [], []
            for i in range(base, min(n, base + CHUNK)):
                event_id = f"evt-{i + 1:07d}"
                etype, sub = rng.choice(TYPES)
                country, clat, clon = rng.choice(COUNTRIES)
                lat, lon = clat + rng.gauss(0, 3), clon + rng.gauss(0, 3)
                day = start + timedelta(days=rng.randrange(1500))
                toll = rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 40])
                record = {
                    "event_id": event_id, "event_type": etype, "sub_event_type": sub,
                    "event_date": day.isoformat(), "time_precision": 1,
                    "actor1": {"name": f"Group {i % 500}", "inter": 2}, "actor2": None,
                    "location": {"name": f"Town {i % 3000}", "admin1": f"Region {i % 90}",
                                 "country": country, "latitude": lat, "longitude": lon},
                    "fatalities": {"best": toll, "low": toll, "high": toll},
                    "n_reports": 1, "background_only": False, "conflicts": [], "sources": [],
                    "history": {}, "revisions": [], "decisions": [],
                }
                events.append({
                    "id": event_id, "family": "violence", "event_type": etype,
                    "sub_event_type": sub, "event_date": day, "country": country,
                    "country_key": normalise(country), "admin1": f"Region {i % 90}",
                    "admin1_key": normalise(f"Region {i % 90}"), "location": f"Town {i % 3000}",
                    "actor_names": normalise(f"Group {i % 500}"), "fatalities_best": toll,
                    "fatalities_low": toll, "fatalities_high": toll, "n_reports": 1,
                    "background_only": False, "state": {"id": event_id, "reports": [],
                                                        "decisions": []},
                    "record": record, "updated": now,
                })
                conf = round(rng.uniform(0.3, 1.0), 2)
                reviews.append({
                    "fused_event_id": event_id, "version": 1, "state": "unreviewed",
                    "priority": round(3 * (1 - conf), 3), "confidence": conf, "latitude": lat,
                    "longitude": lon, "overrides": {}, "machine": {}, "flags": [],
                    "updated": now, "event_type": etype, "sort_date": day,
                    "sort_fatalities": toll,
                })
            conn.execute(insert(FusedEvent), events)
            conn.execute(insert(EventReview), reviews)
    engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _viewport(rng: random.Random) -> tuple[str, int]:
    """A random bbox and its zoom (world views to city views)."""
    zoom = rng.choice([2, 3, 4, 5, 6, 8])
    width = 360 / 2 ** (zoom - 1)
    _c, lat, lon = rng.choice(COUNTRIES)
    w, e = max(-180, lon - width / 2), min(180, lon + width / 2)
    s, n = max(-85, lat - width / 3), min(85, lat + width / 3)
    return f"{w:.3f},{s:.3f},{e:.3f},{n:.3f}", zoom


def _serve(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    """`blotter serve` in its own process(es), so the clients do not share its GIL."""
    proc = subprocess.Popen([sys.executable, "-m", "blotter", "serve", "--db", url, "--port",
                             str(port), "--workers", str(workers)])
    for _ in range(STARTUP_POLLS):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def run(url: str, clients: int, requests: int, workers: int) -> dict[str, Any]:
    """Serve the store and measure list and GeoJSON latency under *clients* threads."""
    engine = open_engine(url)
    auth.add_user(engine, "bench", "bench-password", "viewer")
    token = auth.create_token(engine, "bench", "bench")[1]
    engine.dispose()
    port = _free_port()
    server = _serve(url, port, workers)
    times: dict[str, list[float]] = {"list": [], "geojson": []}
    lock = threading.Lock()

    def client(n: int) -> None:
        rng = random.Random(n)
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers,
                          timeout=120) as http:
            for _ in range(requests):
                etype = rng.choice([None, *[t for t, _s in TYPES]])
                params: dict[str, Any] = {"limit": 50, "sort": "-date"}
                if etype:
                    params["event_type"] = etype
                if rng.random() < 0.5:
                    params["country"] = rng.choice(COUNTRIES)[0]
                t0 = time.perf_counter()
                http.get("/api/events", params=params).raise_for_status()
                t1 = time.perf_counter()
                bbox, zoom = _viewport(rng)
                geo = {"bbox": bbox, "zoom": zoom} | ({"event_type": etype} if etype else {})
                http.get("/api/geo", params=geo).raise_for_status()
                t2 = time.perf_counter()
                with lock:
                    times["list"].append(t1 - t0)
                    times["geojson"].append(t2 - t1)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    server.terminate()
    server.wait(30)

    def summary(values: list[float]) -> dict[str, float]:
        ordered = sorted(values)
        return {"median_ms": round(statistics.median(ordered) * 1000, 1),
                "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
                "requests": len(ordered)}

    return {kind: summary(v) for kind, v in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", help="Store URL (default: a new SQLite file).")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=20, help="Per client, of each kind.")
    parser.add_argument("--workers", type=int, default=2, help="Server processes.")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp(prefix='blotter-bench-')) / 's.sqlite'}"
    t0 = time.perf_counter()
    load(url, args.events)
    loaded = time.perf_counter() - t0
    result = {"events": args.events, "backend": url.split(":")[0], "clients": args.clients,
              "workers": args.workers, "load_seconds": round(loaded, 1),
              **run(url, args.clients, args.requests, args.workers)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
