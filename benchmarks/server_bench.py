"""Benchmark the workbench API under concurrent clients (not a test; prints latencies).

    .venv/bin/python benchmarks/server_bench.py --events 100000            # SQLite
    .venv/bin/python benchmarks/server_bench.py --events 1000000 --db postgresql+psycopg://...
    ... --load-only --db URL      then      ... --no-load --db URL   (load now, measure later)

Writes *events* synthetic fused events (with review rows) straight into a fresh store
(PostgreSQL: COPY, one pass per table; SQLite: executemany on the driver in one
transaction), serves it with `blotter serve --workers W` on a loopback port (in
processes of its own), and measures each kind of request in its own phase: *clients*
threads each send *requests* filtered list requests (newest first, random type and
country filters), then as many viewport GeoJSON requests (random viewports and zooms
2-8 around the synthetic countries, random type filter); a warm-up round of each is
not counted. Prints the median and 95th percentile latency and the throughput of
each kind, with the load average and CPU before and after, as JSON.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import httpx2
from sqlalchemy import JSON, Engine, Table

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


@functools.cache
def _key(name: str) -> str:
    """``normalise`` once per distinct name (there are a few hundred)."""
    return normalise(name)


def synthetic(n: int, seed: int = 11) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """*n* synthetic (fused event row, review row) pairs, the same for the same seed."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    start = date(2020, 1, 1)
    for i in range(n):
        event_id = f"evt-{i + 1:07d}"
        etype, sub = rng.choice(TYPES)
        country, clat, clon = rng.choice(COUNTRIES)
        lat, lon = clat + rng.gauss(0, 3), clon + rng.gauss(0, 3)
        day = start + timedelta(days=rng.randrange(1500))
        toll = rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 40])
        region, town, group = f"Region {i % 90}", f"Town {i % 3000}", f"Group {i % 500}"
        record = {
            "event_id": event_id, "event_type": etype, "sub_event_type": sub,
            "event_date": day.isoformat(), "time_precision": 1,
            "actor1": {"name": group, "inter": 2}, "actor2": None,
            "location": {"name": town, "admin1": region, "country": country,
                         "latitude": lat, "longitude": lon},
            "fatalities": {"best": toll, "low": toll, "high": toll},
            "n_reports": 1, "background_only": False, "conflicts": [], "sources": [],
            "history": {}, "revisions": [], "decisions": [],
        }
        event = {
            "id": event_id, "family": "violence", "event_type": etype,
            "sub_event_type": sub, "event_date": day, "country": country,
            "country_key": _key(country), "admin1": region,
            "admin1_key": _key(region), "location": town,
            "actor_names": _key(group), "fatalities_best": toll,
            "fatalities_low": toll, "fatalities_high": toll, "n_reports": 1,
            "background_only": False,
            "state": {"id": event_id, "reports": [], "decisions": []},
            "record": record, "updated": now,
        }
        conf = round(rng.uniform(0.3, 1.0), 2)
        review = {
            "fused_event_id": event_id, "version": 1, "state": "unreviewed",
            "priority": round(3 * (1 - conf), 3), "confidence": conf, "latitude": lat,
            "longitude": lon, "overrides": {}, "machine": {}, "flags": [],
            "merged_into": None, "updated": now, "updated_by": None, "event_type": etype,
            "sort_date": day, "sort_fatalities": toll, "country_key": _key(country),
        }
        yield event, review


#: The two tables the benchmark fills (the ORM types them as any FromClause).
TABLES = (cast(Table, FusedEvent.__table__), cast(Table, EventReview.__table__))


def _columns(table: Table) -> list[str]:
    """The column names of *table* in order."""
    return [c.name for c in table.columns]


def _copy_postgres(engine: Engine, n: int, seed: int) -> None:
    """Stream the rows with COPY, one table per pass over the (repeatable) generator."""
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for k, table in enumerate(TABLES):
            names = _columns(table)
            as_json = {c.name for c in table.columns if isinstance(c.type, JSON)}
            statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN"
            with cur.copy(statement) as copy:
                for pair in synthetic(n, seed):
                    row = pair[k]
                    copy.write_row([json.dumps(row[c]) if c in as_json else row[c]
                                    for c in names])
        raw.commit()
        cur.execute("ANALYZE fused_events")  # what autovacuum does soon after a bulk load
        cur.execute("ANALYZE event_reviews")
        raw.commit()
    finally:
        raw.close()


def _insert_sqlite(engine: Engine, rows: Iterator[tuple[dict[str, Any], dict[str, Any]]]
                   ) -> None:
    """executemany on the driver in chunks of ``CHUNK``, one transaction."""
    dialect = engine.dialect
    statements, converters = [], []
    for table in TABLES:
        names = _columns(table)
        statements.append(f"INSERT INTO {table.name} ({', '.join(names)}) "
                          f"VALUES ({', '.join('?' * len(names))})")
        converters.append([(c.name, c.type.bind_processor(dialect)) for c in table.columns])
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA synchronous=OFF")  # a benchmark store: no crash safety needed
        cur.execute("BEGIN")
        while True:
            chunk = list(itertools.islice(rows, CHUNK))
            if not chunk:
                break
            for k, statement in enumerate(statements):
                cur.executemany(statement, [
                    tuple(convert(pair[k][name]) if convert else pair[k][name]
                          for name, convert in converters[k]) for pair in chunk])
        cur.execute("COMMIT")
    finally:
        raw.close()


def load(url: str, n: int, seed: int = 11) -> None:
    """Write *n* synthetic fused events and their review rows into a fresh store."""
    engine = open_engine(url)
    if engine.dialect.name == "postgresql":
        _copy_postgres(engine, n, seed)
    else:
        _insert_sqlite(engine, synthetic(n, seed))
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
            if httpx2.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx2.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def _list_params(rng: random.Random) -> dict[str, Any]:
    """A filtered list request: newest first, maybe a type, maybe a country."""
    params: dict[str, Any] = {"limit": 50, "sort": "-date"}
    etype = rng.choice([None, *[t for t, _s in TYPES]])
    if etype:
        params["event_type"] = etype
    if rng.random() < 0.5:
        params["country"] = rng.choice(COUNTRIES)[0]
    return params


def _geo_params(rng: random.Random) -> dict[str, Any]:
    """A viewport request: random bbox and zoom, maybe a type."""
    bbox, zoom = _viewport(rng)
    etype = rng.choice([None, *[t for t, _s in TYPES]])
    return {"bbox": bbox, "zoom": zoom} | ({"event_type": etype} if etype else {})


KINDS = {"list": ("/api/events", _list_params), "geojson": ("/api/geo", _geo_params)}


def _phase(base: str, token: str, path: str, make: Any, clients: int, requests: int,
           seed: int) -> dict[str, float]:
    """*clients* threads each sending *requests* requests to *path*; latency summary."""
    times: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        with httpx2.Client(base_url=base, headers={"Authorization": f"Bearer {token}"},
                          timeout=300) as http:
            http.get("/api/health").raise_for_status()  # connect before the clock starts
            start.wait()
            for _ in range(requests):
                params = make(rng)
                t0 = time.perf_counter()
                http.get(path, params=params).raise_for_status()
                with lock:
                    times.append(time.perf_counter() - t0)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    wall0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall0
    ordered = sorted(times)
    if len(ordered) != clients * requests:
        raise SystemExit(f"{path}: only {len(ordered)} of {clients * requests} answered")
    return {"median_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
            "requests": len(ordered), "requests_per_s": round(len(ordered) / wall, 1)}


def run(url: str, clients: int, requests: int, workers: int) -> dict[str, Any]:
    """Serve the store; measure each kind of request in its own phase under *clients*
    threads (a warm-up round of each first, not counted)."""
    engine = open_engine(url)
    if not any(u.username == "bench" for u in auth.list_users(engine)):
        auth.add_user(engine, "bench", "bench-password", "viewer")
    token = auth.create_token(engine, "bench", "bench")[1]
    engine.dispose()
    port = _free_port()
    server = _serve(url, port, workers)
    base = f"http://127.0.0.1:{port}"
    out: dict[str, Any] = {}
    try:
        for seed, (kind, (path, make)) in enumerate(KINDS.items(), start=1):
            _phase(base, token, path, make, clients, 2, seed=0)  # warm caches, not counted
            out[kind] = _phase(base, token, path, make, clients, requests, seed)
    finally:
        server.terminate()
        server.wait(30)
    return out


def machine() -> dict[str, Any]:
    """Load average, cores and CPU model (the figures mean little without them)."""
    import os

    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return {"loadavg": Path("/proc/loadavg").read_text().split()[:3],
            "nproc": os.cpu_count(), "cpu": model}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", help="Store URL (default: a new SQLite file).")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=20, help="Per client, of each kind.")
    parser.add_argument("--workers", type=int, default=2, help="Server processes.")
    parser.add_argument("--load-only", action="store_true",
                        help="Write the events and stop (measure later with --no-load).")
    parser.add_argument("--no-load", action="store_true",
                        help="Measure a store loaded before (--db required).")
    parser.add_argument("--out", type=Path, help="Also append the result (JSON) here.")
    args = parser.parse_args()
    if args.no_load and not args.db:
        parser.error("--no-load needs --db")
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp(prefix='blotter-bench-')) / 's.sqlite'}"
    result: dict[str, Any] = {"events": args.events, "backend": url.split(":")[0].split("+")[0],
                              "clients": args.clients, "workers": args.workers}
    if not args.no_load:
        t0 = time.perf_counter()
        load(url, args.events)
        result["load_seconds"] = round(time.perf_counter() - t0, 1)
        print(f"loaded {args.events} events in {result['load_seconds']} s into "
              f"{url.split('@')[-1]}", file=sys.stderr)
    if not args.load_only:
        result["machine_before"] = machine()
        result |= run(url, args.clients, args.requests, args.workers)
        result["machine_after"] = machine()
    print(json.dumps(result, indent=2))
    if args.out:
        with args.out.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
