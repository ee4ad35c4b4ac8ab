"""What ``blotter ingest`` and ``blotter events`` check and print around the store.

``ingest`` refuses, before any work, a path that does not exist or a file of a
type it cannot read; after the run it lists every input that failed (the
quarantine rows this run touched) and every file that gave nothing at all (a
WARC without an HTML response, an empty feed or JSONL file, a file of an
unknown type in a folder), so nothing is dropped without a line saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from blotter.cli_support import CliError
from blotter.store.acled import MONTH_PRECISION, YEAR_ONLY_NOTE

#: Origins looked up in the store per query when checking that every file gave something.
LOOKUP_CHUNK = 500
#: Folders with more files than this are not checked file by file after a run
#: (the quarantine still lists what failed).
MAX_FILES_CHECKED = 100_000


def readable_suffixes() -> tuple[str, ...]:
    """File name endings `blotter ingest` reads (its readers in the ``READERS`` registry)."""
    from blotter.ingest.readers import suffixes

    return suffixes("ingest")


def _is_url(value: str) -> bool:
    """True for http(s) inputs."""
    from blotter.ingest.fetch import is_url

    return bool(is_url(value))


def check_inputs(inputs: list[str], fetch: bool = True) -> None:
    """Refuse missing paths, files of a type ingest cannot read and, without *fetch*,
    URLs (exit 2, nothing done)."""
    suffixes = readable_suffixes()
    for raw in inputs:
        if _is_url(raw):
            if not fetch:
                raise CliError(f"{raw}: a URL; add --fetch to download it (nothing was "
                               "ingested)")
            continue
        path = Path(raw)
        if not path.exists():
            raise CliError(f"{raw}: no such file or folder (nothing was ingested)")
        if path.is_file() and not path.name.lower().endswith(suffixes):
            raise CliError(
                f"{raw}: unsupported file type {path.suffix or '(none)'!r} (nothing was "
                f"ingested); ingest reads {', '.join(suffixes)}"
            )


def input_files(inputs: list[str]) -> list[Path]:
    """The files ingest reads from *inputs* (as its readers name them), URLs left out."""
    files: list[Path] = []
    for raw in inputs:
        if _is_url(raw):
            continue
        path = Path(raw).resolve()
        if path.is_dir():
            children = (p for p in sorted(path.rglob("*")) if p.is_file()
                        and not p.name.startswith("."))
            files.extend(islice(children, MAX_FILES_CHECKED))
        elif path.is_file():
            files.append(path)
    return files


def _why_nothing(path: Path) -> str:
    """Why a file gave no article and no failure."""
    from blotter.ingest.readers import WarcReader, reader_for

    reader = reader_for(path, "ingest")
    if reader is None:
        return f"unsupported file type {path.suffix or '(none)'!r}, not read"
    if isinstance(reader, WarcReader):
        return "no readable record: no HTML response (status 200, text/html) in this archive"
    return "nothing readable in this file (no record, entry or text)"


def _aware(value: datetime) -> datetime:
    """*value* as an aware UTC datetime (SQLite gives naive ones back)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def ingest_problems(url: str, inputs: list[str], started: datetime) -> list[str]:
    """One line per input that failed in this run or gave nothing at all."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from blotter.cli_support import open_store
    from blotter.store import repository as repo
    from blotter.store.models import Article, Failure

    engine = open_store(url, must_exist=False)
    try:
        lines = [f"failed: {f.locator}: {f.stage}: {f.error}"
                 for f in repo.list_failures(engine) if _aware(f.last_seen) >= started]
        files = input_files(inputs)
        seen: set[str] = set()
        with Session(engine) as session:
            for start in range(0, len(files), LOOKUP_CHUNK):
                wanted = [str(p) for p in files[start:start + LOOKUP_CHUNK]]
                for model in (Article, Failure):
                    seen.update(session.scalars(
                        select(model.origin).where(model.origin.in_(wanted)).distinct()))
    finally:
        engine.dispose()
    lines.extend(f"not read: {p}: {_why_nothing(p)}" for p in files if str(p) not in seen)
    return lines


#: Rows of the ingest summary: label, ``IngestCounts`` field.
SUMMARY = (
    ("read", "items"),
    ("already stored (skipped)", "already_stored"),
    ("stored", "articles"),
    ("duplicate (linked, not extracted)", "duplicates"),
    ("not in a supported language", "not_english"),
    ("extracted", "extracted"),
    ("events", "events"),
    ("events given their source's country", "country_from_source"),
    ("fused: new events", "fused_created"),
    ("fused: joined an event", "fused_joined"),
    ("failed (quarantined)", "failures"),
)


def summary_rows(counts: Any, unread: int) -> list[list[str]]:
    """The ingest summary table's rows (counts the runner does not have are left out)."""
    rows = [[label, str(getattr(counts, name))] for label, name in SUMMARY
            if hasattr(counts, name)]
    failed = getattr(counts, "failures", 0)
    if unread > failed:
        rows.append(["inputs with problems (listed above)", str(unread)])
    return rows


def event_line(event: dict[str, Any]) -> str:
    """One line of `blotter events`: id, date, type, place, fatalities, reports, conflicts."""
    loc = event.get("location") or {}
    parts = (loc.get("name"), loc.get("admin1"), loc.get("country"))
    place = ", ".join(str(p) for p in parts if p)
    f = event.get("fatalities") or {}
    conflicts = ",".join(c["field"] for c in event.get("conflicts") or [])
    flags = f" CONFLICT:{conflicts}" if conflicts else ""
    return (
        f"{event['event_id']}  {event.get('event_date') or '?':10}"
        f"  {event.get('sub_event_type') or '?':<28}"
        f"  {place or '?'}  fatalities {f.get('best')} ({f.get('low')}-{f.get('high')})"
        f"  {event.get('n_reports')} reports{flags}"
    )


def _date_label(event: dict[str, Any], year_only: bool) -> str:
    """'2024-03-10', '2024-03' (month known), '2019' (year only), '?'; background marked."""
    value = event.get("event_date")
    if not value:
        label = "?"
    elif year_only:
        label = value[:4]
    elif event.get("time_precision") == MONTH_PRECISION:
        label = value[:7]
    else:
        label = value[:10]
    return f"{label} (background)" if event.get("background_only") else label


def table_row(event: dict[str, Any], confidence: float | None, year_only: bool) -> list[str]:
    """date, place, type, actors, fatalities, confidence of a fused event."""
    loc = event.get("location") or {}
    place = ", ".join(str(p) for p in (loc.get("name"), loc.get("admin1"), loc.get("country"))
                      if p)
    actors = " vs ".join(str(a["name"]) for a in (event.get("actor1"), event.get("actor2"))
                         if a and a.get("name"))
    f = event.get("fatalities") or {}
    toll = "" if f.get("best") is None else str(f["best"])
    if f.get("low") is not None and f.get("high") not in (None, f.get("low")):
        toll += f" ({f['low']}-{f['high']})"
    return [_date_label(event, year_only), place or "?", str(event.get("sub_event_type")),
            actors, toll, "" if confidence is None else f"{confidence:.2f}"]


def _state_confidence(reports: Iterable[Any]) -> float | None:
    """Highest confidence among an event's current (not background) reports."""
    members = list(reports)
    current = [r for r in members if not r.is_background] or members
    values = [float(r.record["confidence"]) for r in current
              if r.record.get("confidence") is not None]
    return round(max(values), 2) if values else None


def fused_with_confidence(
    url: str | None, state: Path, flt: Any, open_store: Callable[[str, bool], Any]
) -> Iterator[tuple[dict[str, Any], float | None, bool]]:
    """Fused events passing *flt* with their confidence and whether only the year is
    known, from the store or a state file."""
    if url is not None:
        from blotter.store.acled import confidence, is_year_only
        from blotter.store.export import ExportOptions, iter_items

        engine = open_store(url, True)
        try:
            options = ExportOptions(include_background=True, filter=flt)
            for item in iter_items(engine, options):
                yield item.record, confidence(item), is_year_only(item)
        finally:
            engine.dispose()
        return
    from blotter.fusion import SqliteIndex

    index = SqliteIndex(state)
    try:
        for s in index.events():
            event = s.fused()
            if flt.matches(event):
                year_only = any(r.record.get("date_note") == YEAR_ONLY_NOTE
                                and r.record.get("event_date") == event.get("event_date")
                                for r in s.reports)
                yield event, _state_confidence(s.reports), year_only
    finally:
        index.close()
