"""Records dated at the calendar's ends, or holding a 4,400-digit number, alone or in a
batch: `blotter extract` gives each a result, `blotter ingest` stores them all in a real
SQLite store, and every export format writes them (no overflow anywhere downstream)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from blotter.cli import app
from blotter.store.database import open_engine
from blotter.store.models import Article, Failure

BIG = "9" * 4_400
TEXTS = {
    "yesterday": "Gunmen killed four soldiers in Ruvaka yesterday, officials said.",
    "last-week": "Gunmen killed five soldiers in Ruvaka last week, officials said.",
    "last-month": "Gunmen killed six soldiers in Ruvaka last month, officials said.",
    "last-year": "Gunmen killed seven soldiers in Ruvaka last year, officials said.",
    "ago": "Gunmen killed eight soldiers in Ruvaka two weeks ago, officials said.",
    "month": "Gunmen killed nine soldiers in Ruvaka in March, officials said.",
    "digits": f"Gunmen killed {BIG} soldiers in Ruvaka {BIG} days ago, officials said.",
}
#: Reports without metadata whose datelines anchor the text at the calendar's ends.
DATELINES = {
    "dateline-max": "RUVAKA, 31 DEC 9999 -- Gunmen killed ten soldiers in Ruvaka on "
                    "31 December 9999 (week of), officials said. Rebels came on March 5.",
    "dateline-min": "RUVAKA, 1 JAN 0001 -- Gunmen killed two soldiers in Ruvaka last week, "
                    "officials said. Rebels came back in March.",
}


def _records() -> list[dict[str, str]]:
    out = [{"id": f"{key}-{when}", "published": when, "text": text}
           for when in ("0001-01-01", "0001-01-03") for key, text in TEXTS.items()]
    out += [{"id": key, "text": text} for key, text in DATELINES.items()]
    out += [{"id": f"good{i}", "published": "2024-03-12",
             "text": f"Rebels killed {i + 2} villagers in Town{i} on Monday, residents said."}
            for i in range(4)]
    return out


def _write(folder: Path) -> tuple[Path, Path, list[str]]:
    """The mixed batch, and a file whose only record is dated 0001-01-01."""
    records = _records()
    batch = folder / "batch.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    alone = folder / "alone.jsonl"
    alone.write_text(json.dumps({"id": "alone", "published": "0001-01-01",
                                 "text": TEXTS["yesterday"]}) + "\n", encoding="utf-8")
    return batch, alone, [str(r["id"]) for r in records] + ["alone"]


def test_extract_gives_every_edge_record_a_result(tmp_path: Path) -> None:
    batch, alone, ids = _write(tmp_path)
    lines = []
    for path in (batch, alone):
        out = tmp_path / (path.stem + ".out.jsonl")
        result = CliRunner().invoke(app, ["extract", str(path), "-q", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
        lines += [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == ids
    assert all(r.get("error") is None and r["events"] for r in lines)
    dated = {r["id"]: r["events"][0]["event_date"] for r in lines}
    assert dated["yesterday-0001-01-03"] == "0001-01-02"
    assert dated["dateline-max"] == "9999-12-31" and dated["dateline-min"] == "0001-01-01"
    for record in lines:
        for event in record["events"]:
            assert (event["fatalities"]["best"] or 0) < 10_000_000


def test_ingest_stores_every_edge_record_and_exports_them(tmp_path: Path) -> None:
    batch, alone, ids = _write(tmp_path)
    db = tmp_path / "store.sqlite"
    for path in (batch, alone):
        result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db), "-q"])
        assert result.exit_code == 0, result.output
    engine = open_engine(f"sqlite:///{db}")
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Failure)) == 0
        stored = {loc.rsplit("#", 1)[1] for loc in s.scalars(select(Article.locator))}
    engine.dispose()
    assert stored == set(ids)
    for fmt in ("csv", "jsonl", "geojson", "parquet", "ged"):
        for extra in ([], ["--per-report"]):
            out = tmp_path / f"events{''.join(extra)}.{fmt}"
            result = CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(out),
                                              "-f", fmt, "-q", *extra])
            assert result.exit_code == 0, (fmt, result.output)
            assert out.stat().st_size > 0
    ged = (tmp_path / "events--per-report.ged").read_text(encoding="utf-8")
    assert "9999-12-31" in ged and "0001-01-0" in ged
