"""Every foreseeable failure: an exit code, one line saying what and what to do, no traceback.

Exit codes: 0 done, 1 done but some inputs/records failed, 2 could not run.
"""

from __future__ import annotations

import io
import socket
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from blotter.cli import app

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles.jsonl"
ARTICLE = ('{"id": "a1", "published": "2024-03-12", "text": "Gunmen killed four soldiers '
           'near Dori in northern Burkina Faso on Sunday, officials said."}\n')


def run(*args: str) -> Result:
    """Invoke the CLI in-process."""
    return CliRunner().invoke(app, list(args))


def one_line_error(result: Result, code: int, *needles: str) -> str:
    """Assert the exit code, a single `error:` line holding *needles*, no traceback."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A JSONL file of one good article."""
    path = tmp_path / "in.jsonl"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path, articles: Path) -> Path:
    """A store with the one article ingested."""
    path = tmp_path / "store.sqlite"
    assert run("ingest", str(articles), "--db", str(path), "-q").exit_code == 0
    return path


def test_missing_input_file(tmp_path: Path) -> None:
    for command in ("ingest", "extract"):
        result = run(command, str(tmp_path / "nope.jsonl"), "--db" if command == "ingest"
                     else "-o", str(tmp_path / ("s.sqlite" if command == "ingest" else "o")))
        one_line_error(result, 2, "nope.jsonl", "no such file")
    assert not (tmp_path / "s.sqlite").exists()


def test_unknown_extension(tmp_path: Path) -> None:
    doc = tmp_path / "report.pdf"
    doc.write_bytes(b"%PDF-1.4")
    one_line_error(run("ingest", str(doc), "--db", str(tmp_path / "s.sqlite")), 2,
                   "report.pdf", "unsupported file type '.pdf'")
    one_line_error(run("extract", str(doc)), 2, "unsupported file type")


def test_url_without_fetch_is_refused(tmp_path: Path) -> None:
    result = run("ingest", "https://news.example/feed.xml", "--db", str(tmp_path / "s.sqlite"))
    one_line_error(result, 2, "https://news.example/feed.xml", "--fetch")
    assert not (tmp_path / "s.sqlite").exists()


def test_unknown_file_in_a_folder_is_listed_and_exit_1(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.jsonl").write_text(ARTICLE, encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = run("ingest", str(folder), "--db", str(tmp_path / "s.sqlite"))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "not read: " in result.output and "scan.pdf: unsupported file type" in result.output


def _warc_without_pages(path: Path) -> None:
    """A valid WARC holding only a request and a 404 response: no readable page."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        req = writer.create_warc_record("http://example.org/a", "request",
                                        payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n"))
        writer.write_record(req)
        headers = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")],
                                   protocol="HTTP/1.1")
        resp = writer.create_warc_record("http://example.org/a", "response",
                                         payload=io.BytesIO(b"<html>gone</html>"),
                                         http_headers=headers)
        writer.write_record(resp)


def test_warc_with_no_readable_record(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc"
    _warc_without_pages(warc)
    result = run("ingest", str(warc), "--db", str(tmp_path / "s.sqlite"))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    (line,) = [x for x in result.output.splitlines() if x.startswith("not read:")]
    assert "crawl.warc" in line and "no readable record" in line


def test_records_failed_exit_1_with_summary(tmp_path: Path) -> None:
    result = run("ingest", str(SAMPLES), "--db", str(tmp_path / "s.sqlite"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    failed = [x for x in result.output.splitlines() if x.startswith("failed:")]
    assert len(failed) == 2 and any("not valid JSON" in x for x in failed)
    for label in ("read", "stored", "duplicate", "not in a supported language", "failed"):
        assert label in result.output
    result = run("extract", str(SAMPLES), "-o", str(tmp_path / "e.jsonl"))
    assert result.exit_code == 1
    assert sum(x.startswith("error: record") for x in result.output.splitlines()) == 2
    assert "records" in result.output and "errors" in result.output


def test_quiet_silences_the_summary_not_the_errors(tmp_path: Path) -> None:
    result = run("ingest", str(SAMPLES), "--db", str(tmp_path / "s.sqlite"), "-q")
    assert result.exit_code == 1
    assert "not in a supported language" not in result.output
    assert result.output.count("failed:") == 2


@pytest.mark.parametrize("command", [["export", "-o", "x.csv"], ["events"], ["failures"]])
def test_read_commands_refuse_a_store_that_does_not_exist(tmp_path: Path,
                                                          command: list[str]) -> None:
    missing = tmp_path / "typo.sqlite"
    result = run(*command, "--db", str(missing))
    one_line_error(result, 2, "no store at", "typo.sqlite")
    assert not missing.exists()


def test_db_takes_a_plain_path_or_url(store: Path, tmp_path: Path) -> None:
    for db in (str(store), f"sqlite:///{store}"):
        out = tmp_path / "e.csv"
        result = run("export", "--db", db, "-o", str(out), "-q")
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").count("\n") == 2  # header + the one event


def test_postgres_urls_map_to_psycopg(postgres_server: str, articles: Path,
                                      tmp_path: Path) -> None:
    from blotter.store.tests.pg_server import fresh_database

    url = fresh_database(postgres_server)
    rest = url.split("://", 1)[1]
    result = run("ingest", str(articles), "--db", f"postgres://{rest}", "-q")
    assert result.exit_code == 0, result.output
    result = run("export", "--db", f"postgresql://{rest}", "-o", str(tmp_path / "e.csv"))
    assert result.exit_code == 0, result.output
    assert "1 fused events written" in result.output


def test_unreachable_postgres_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run("failures", "--db", f"postgresql://u:secret@127.0.0.1:{port}/x")
    line = one_line_error(result, 2, "cannot connect")
    assert "secret" not in result.output and "***" in line


def test_read_only_store(store: Path, articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(store.parent)  # make_engine creates the "folder" of a file: URI here
    result = run("ingest", str(articles), "--db", f"sqlite:///file:{store}?mode=ro&uri=true")
    one_line_error(result, 2, "read-only")


def test_locked_store(store: Path, articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("blotter.store.database.SQLITE_BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(store)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("ingest", str(articles), "--db", str(store))
    finally:
        holder.rollback()
        holder.close()
    one_line_error(result, 2, "locked by another process")


def test_store_of_a_newer_schema(store: Path) -> None:
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    one_line_error(run("failures", "--db", str(store)), 2, "schema version 0999",
                   "newer than this Blotter")


def test_config_missing_malformed_or_unknown_setting(tmp_path: Path, articles: Path) -> None:
    one_line_error(run("settings", "--config", str(tmp_path / "none.toml")), 2,
                   "none.toml does not exist")
    bad = tmp_path / "bad.toml"
    bad.write_text("batch_size = = 3\n", encoding="utf-8")
    one_line_error(run("extract", str(articles), "--config", str(bad)), 2,
                   "bad.toml is not valid TOML")
    typo = tmp_path / "typo.toml"
    typo.write_text("batch_sise = 3\n", encoding="utf-8")
    one_line_error(run("extract", str(articles), "--config", str(typo)), 2,
                   "unknown setting 'batch_sise'", "did you mean 'batch_size'")


def test_model_not_installed(tmp_path: Path, articles: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('model = "xx_no_such_model"\n', encoding="utf-8")
    for command in (["extract", str(articles)],
                    ["ingest", str(articles), "--db", str(tmp_path / "s.sqlite")]):
        one_line_error(run(*command, "--config", str(config)), 2,
                       "'xx_no_such_model'", "not installed")


def test_unreachable_dask_scheduler_fails_fast(articles: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run("extract", str(articles), "--cluster", f"tcp://127.0.0.1:{port}")
    one_line_error(result, 2, "cannot reach the Dask scheduler", str(port))


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    typo = tmp_path / "typo.toml"
    typo.write_text("batch_sise = 3\n", encoding="utf-8")
    result = run("--debug", "settings", "--config", str(typo))
    assert result.exit_code == 2
    assert "Traceback" in result.output and "SettingsError" in result.output


def test_failures_table_has_headers_and_escapes_controls(tmp_path: Path) -> None:
    feed = tmp_path / "evil\x1b[31m.jsonl"
    feed.write_text('{"id": "x", "text": ""}\n', encoding="utf-8")
    db = tmp_path / "s.sqlite"
    assert run("ingest", str(feed), "--db", str(db), "-q").exit_code == 1
    result = run("failures", "--db", str(db))
    assert result.exit_code == 0
    header = next(x for x in result.output.splitlines() if "stage" in x)
    for name in ("id", "stage", "attempts", "state", "locator", "error"):
        assert name in header
    assert "\x1b" not in result.output
    # the locator column folds a long path over lines: read its cells joined
    col = [c.strip() for c in header.split("┃")].index("locator")
    rows = [line.split("│") for line in result.output.splitlines() if line.startswith("│")]
    locator = "".join(row[col].strip() for row in rows if len(row) > col)
    assert "\\u001b" in locator


def test_default_store_is_in_the_xdg_data_dir(tmp_path: Path, articles: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    assert run("ingest", str(articles), "-q").exit_code == 0
    assert (tmp_path / "data" / "blotter" / "blotter.sqlite").is_file()
    assert not (tmp_path / "blotter.sqlite").exists()
    result = run("settings")
    assert str(tmp_path / "data" / "blotter" / "blotter.sqlite") in result.output


def test_small_input_runs_in_one_process(articles: Path, tmp_path: Path) -> None:
    result = run("extract", str(articles), "-o", str(tmp_path / "o.jsonl"), "--workers", "2")
    assert result.exit_code == 0, result.output
    assert "running in one process" in result.output


def test_events_table(store: Path) -> None:
    result = run("events", "--db", str(store), "--table")
    assert result.exit_code == 0, result.output
    for name in ("date", "place", "type", "actors", "fatalities", "confidence"):
        assert name in result.output
    assert "Dori" in result.output and "2024-03" in result.output


def test_a_closed_output_pipe_is_a_quiet_exit_141() -> None:
    """`blotter extract ... | head` where head has gone: no error line, no traceback, 141."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write: EPIPE for certain
    try:
        done = subprocess.run(
            [sys.executable, "-m", "blotter", "extract", str(SAMPLES), "-q"], stdout=write_end,
            stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    finally:
        os.close(write_end)
    assert done.returncode == 141
    assert "error" not in done.stderr and "Traceback" not in done.stderr


def test_eval_of_one_file_refuses_saved_predictions_options(tmp_path: Path) -> None:
    """One gold file with --save-predictions: exit 2 and why, not a silently ignored option."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "g1", "source": "acled", "text": "x", "events": []}\n',
                    encoding="utf-8")
    result = run("eval", str(gold), "--save-predictions", str(tmp_path / "p"))
    assert result.exit_code == 2
    assert "--all or a directory" in result.output
    assert not (tmp_path / "p").exists()
