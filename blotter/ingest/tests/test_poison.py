"""Poison records: each becomes one quarantined record with its reason, all others are
stored, and a re-run is not blocked (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from blotter.ingest.commands import run_ingest
from blotter.settings import Settings
from blotter.store.database import open_engine
from blotter.store.models import Article, Failure

#: Small batches so the poison records share batches with good ones.
SETTINGS = Settings().replace(geocode=False, batch_size=7)
N_GOOD = 40


def _good(i: int) -> dict[str, object]:
    """A distinct short report."""
    return {"id": f"good{i}", "title": f"Report {i}", "published": "2024-03-12",
            "text": f"Gunmen killed {i + 2} soldiers in the village of Town{i} on Tuesday, "
                    f"officials said. The attack on post number {i} lasted hours."}


def _write(folder: Path) -> tuple[Path, Path]:
    """A JSONL file of good records with poison lines among them, and a file whose
    only record has a year-0001 date (alone in its batch)."""
    good = [json.dumps(_good(i)) for i in range(N_GOOD)]
    deep = '{"id": "deep", "text": ' + "[" * 1_000 + "]" * 1_000 + "}"
    digits = '{"id": "digits", "text": "Gunmen killed soldiers.", "n": ' + "9" * 4_400 + "}"
    surrogate = json.dumps({"id": "surrogate", "text": "Gunmen killed four soldiers \ud800 in "
                            "Ruvaka on Tuesday, officials said."})
    surrogate_title = json.dumps({"id": "surrogate-title", "title": "bad \udfff title",
                                  "text": "Rebels killed nine villagers in Kasari on Monday, "
                                          "residents said."})
    nul_title = json.dumps({"id": "nul-title", "title": "a\u0000b",
                            "text": "Police killed two protesters in Molendo on Friday, "
                                    "witnesses said."})
    lines = [*good[:5], deep, *good[5:12], digits, surrogate, *good[12:25],
             surrogate_title, nul_title, *good[25:]]
    main = folder / "news.jsonl"
    main.write_text("\n".join(lines) + "\n", encoding="utf-8")
    old = folder / "old.jsonl"
    old.write_text(json.dumps({"id": "year1", "published": "0001-01-01", "text":
                               "Gunmen killed four soldiers in Ruvaka on Tuesday, the army said."})
                   + "\n", encoding="utf-8")
    return main, old


def _state(db: str) -> tuple[set[str], dict[str, tuple[str, int]]]:
    """(stored article ids, open failures: record id -> (error, attempts))."""
    engine = open_engine(db)
    with Session(engine) as s:
        stored = {loc.rsplit("#", 1)[1] for loc in s.scalars(select(Article.locator))}
        failures = {f.locator.rsplit("#", 1)[-1]: (f.error, f.attempts)
                    for f in s.scalars(select(Failure).where(Failure.resolved.is_(None)))}
        assert s.scalar(select(func.count()).select_from(Article)) == len(stored)
    engine.dispose()
    return stored, failures


def test_poison_records_are_quarantined_one_by_one(db_url: str, tmp_path: Path) -> None:
    main, old = _write(tmp_path)
    run_ingest([str(main), str(old)], SETTINGS, db_url)
    stored, failures = _state(db_url)
    assert {f"good{i}" for i in range(N_GOOD)} <= stored
    poison = {"surrogate", "surrogate-title", "nul-title"}
    assert not poison & stored
    reasons = {key: error for key, (error, _n) in failures.items()}
    # The deep and the long-number lines have no usable id: keyed by a hash of the line.
    by_text = sorted(reasons.values())
    assert any("nested too deeply" in r for r in by_text)
    assert any("4300" in r or "digits" in r for r in by_text)
    assert "lone surrogate" in reasons["surrogate"]
    assert "lone surrogate" in reasons["surrogate-title"] and "title" in reasons["surrogate-title"]
    assert "NUL" in reasons["nul-title"] and "title" in reasons["nul-title"]
    # The year-0001 record is either stored or quarantined with a reason, never lost.
    assert "year1" in stored or "year1" in reasons
    assert len(failures) == 5 + ("year1" in reasons)

    # A re-run is not blocked: nothing new stored, the same failures seen once more.
    counts = run_ingest([str(main), str(old)], SETTINGS, db_url)
    again_stored, again = _state(db_url)
    assert again_stored == stored and set(again) == set(failures)
    # Records that could not be read are read (and refused) again; an article whose
    # extraction failed is stored, and is retried by `blotter retry`, not by ingest.
    assert all(n == (1 if key in stored else 2) for key, (_e, n) in again.items())
    assert counts.already_stored == len(stored) and counts.articles == 0
