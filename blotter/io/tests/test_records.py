"""Bad input gets a clear error per record; the run goes on."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from blotter.io.records import parse_published, read_inputs
from blotter.pipeline import Pipeline
from blotter.settings import Settings

GOOD = "Gunmen killed three farmers in Dori, Burkina Faso, on Sunday, officials said."


def run(path: Path, **overrides: object) -> list[dict[str, Any]]:
    settings = Settings(overrides)
    records = read_inputs(path, settings["max_text_chars"], settings["min_text_chars"])
    return [r.to_dict() for r in Pipeline.from_settings(settings).run(records)]


def write_lines(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_each_bad_record_gets_its_own_error_and_the_run_goes_on(tmp_path: Path) -> None:
    good = json.dumps({"id": "good", "text": GOOD, "published": "2024-03-12"}).encode()
    lines = [
        json.dumps({"id": "empty", "text": ""}).encode(),
        json.dumps({"id": "binary", "text": "\x00\x01\x02" * 20}).encode(),
        b'{"id": "bad-utf8", "text": "caf\xe9 attack"}',
        b'{"id": "truncated", "text": "Gunmen',
        json.dumps(["not", "an", "object"]).encode(),
        json.dumps({"id": "notext"}).encode(),
        good,
    ]
    out = run(write_lines(tmp_path / "in.jsonl", lines))
    assert len(out) == len(lines)
    errors = {o["id"]: o["error"] for o in out}
    assert "empty" in str(errors["empty"])
    assert "binary" in str(errors["binary"])
    assert "UTF-8" in str(errors["in.jsonl:3"])
    assert "not valid JSON" in str(errors["in.jsonl:4"])
    assert "not an object" in str(errors["in.jsonl:5"])
    assert "missing" in str(errors["notext"])
    assert errors["good"] is None and out[-1]["events"]


def test_huge_text_is_refused_not_processed(tmp_path: Path) -> None:
    huge = GOOD + " filler" * (50 * 1024 * 1024 // 7)
    lines = [
        json.dumps({"id": "huge", "text": huge}).encode(),
        json.dumps({"id": "ok", "text": GOOD}).encode(),
    ]
    out = run(write_lines(tmp_path / "in.jsonl", lines))
    assert "over the limit" in str(out[0]["error"])
    assert out[1]["error"] is None


def test_unknown_fields_are_a_warning(tmp_path: Path) -> None:
    line = json.dumps(
        {"id": "x", "text": GOOD, "published": "2024-03-12", "lang_guess": "en"}
    ).encode()
    (out,) = run(write_lines(tmp_path / "in.jsonl", [line]))
    assert out["error"] is None
    assert "lang_guess" in out["warnings"][0]


def test_future_and_unparseable_dates_are_unknown_not_trusted() -> None:
    assert parse_published("2999-01-01", today=date(2026, 1, 1))[0] is None
    assert "future" in str(parse_published("2999-01-01", today=date(2026, 1, 1))[1])
    assert parse_published("last Tuesday-ish")[0] is None
    assert parse_published("Tue, 12 Mar 2024 08:00:00 GMT")[0] == date(2024, 3, 12)


def test_relative_date_without_publication_date_is_not_guessed(tmp_path: Path) -> None:
    line = json.dumps({"id": "x", "text": GOOD, "published": "not a date"}).encode()
    (out,) = run(write_lines(tmp_path / "in.jsonl", [line]))
    (event,) = out["events"]
    assert event["event_date"] is None
    assert "no publication date" in event["date_note"]


def test_text_files_and_directories(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe broken")
    (tmp_path / "c.html").write_text("<html><body>Gunmen killed two.</body></html>")
    out = run(tmp_path)
    assert [o["id"] for o in out] == ["a", "b", "c.html"]
    assert out[0]["events"] and "UTF-8" in str(out[1]["error"])
    assert "blotter ingest" in str(out[2]["error"])


def test_a_short_headline_is_read(tmp_path: Path) -> None:
    """A headline of three words ("Ejecutan a taxista", 18 characters) is an
    input to read, not an error: the default minimum length is under it."""
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "h", "text": "Ejecutan a taxista"}\n', encoding="utf-8")
    settings = Settings()
    (record,) = read_inputs(path, settings["max_text_chars"], settings["min_text_chars"])
    assert record.error is None and record.article is not None
