"""Oversized keys and metadata (a 100,000-character record id, URL host, source name or
language tag) cost at most their own record on both backends: PostgreSQL refuses index
entries over ~2.7 KB and strings over their column's width, which used to fail the
record's batch, then the failure row itself, and so the whole run."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from blotter.ingest.commands import run_ingest
from blotter.settings import Settings
from blotter.store.database import open_engine
from blotter.store.models import Article, Failure

SETTINGS = Settings().replace(geocode=False, batch_size=4)
HUGE = 100_000
#: A long key that does not compress (PostgreSQL compresses before indexing).
KEY = "k" + "".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(HUGE // 64))
N_GOOD = 10


#: A text in a language without a pack: its language tag is not replaced by a guess.
GERMAN = ("Bewaffnete haben am Dienstag in dem Dorf vier Soldaten getötet, sagten die "
          "Behörden. Der Angriff auf den Posten dauerte Stunden.")


def _text(i: int) -> str:
    return (f"Gunmen killed {i + 2} soldiers in the village of Town{i} on Tuesday, officials "
            f"said. The attack on post number {i} lasted hours.")


def _write(folder: Path) -> Path:
    records: list[dict[str, object]] = [{"id": f"good{i}", "text": _text(i)}
                                        for i in range(N_GOOD)]
    records[2:2] = [{"id": KEY, "text": _text(100)}]
    records[5:5] = [{"id": "long-url", "url": "http://" + KEY + ".com/a", "text": _text(101)},
                    {"id": "long-host", "url": "http://" + "h" * HUGE + ".com/a",
                     "text": _text(104)}]
    records[7:7] = [{"id": "long-source", "source_name": "s" * HUGE, "text": _text(102)}]
    records[9:9] = [{"id": "long-lang", "language": "x" * HUGE, "text": GERMAN}]
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_oversized_fields_cost_at_most_their_record(db_url: str, tmp_path: Path) -> None:
    path = _write(tmp_path)
    counts = run_ingest([str(path)], SETTINGS, db_url)
    engine = open_engine(db_url)
    with Session(engine) as s:
        stored = {a.locator: a for a in s.scalars(select(Article))}
        failures = list(s.scalars(select(Failure)))
        ids = {loc.rsplit("#", 1)[-1] for loc in stored}
        assert {f"good{i}" for i in range(N_GOOD)} <= ids
        # the metadata is cut down, the articles kept
        assert {"long-url", "long-host", "long-source", "long-lang"} <= ids
        assert not failures, [f.error for f in failures]
        assert all(len(loc) < 3_000 for loc in stored)
        long_id = [a for a in stored.values() if "#k" in a.locator]
        assert len(long_id) == 1 and long_id[0].locator.endswith(")")
    engine.dispose()
    assert counts.articles == N_GOOD + 5
    # A re-run finds every record stored under the same keys.
    again = run_ingest([str(path)], SETTINGS, db_url)
    assert again.already_stored == N_GOOD + 5 and again.articles == 0
