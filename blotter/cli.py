"""The ``blotter`` command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from blotter.settings import load_settings

app = typer.Typer(
    help="Blotter: news reports of organised violence in, an evidence-backed event dataset out.",
    no_args_is_help=True,
    add_completion=False,
)

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="TOML file of settings overlaying the defaults.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


@app.command()
def extract(
    input: Annotated[Path, typer.Argument(help="JSONL file, .txt file, or a directory of them.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Output JSONL ('-' for stdout).")
    ] = Path("-"),
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    save_intermediate: Annotated[
        Path | None,
        typer.Option(help="Directory to dump each stage's output into (JSONL per stage)."),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes (capped by max_workers).")
    ] = 1,
    dask: Annotated[
        bool, typer.Option("--dask", help="Run on a local Dask cluster of --workers processes.")
    ] = False,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster", help="Run on the Dask scheduler at this address (tcp://host:8786)."
        ),
    ] = None,
) -> None:
    """Extract events: one output line per input record, in input order."""
    from blotter.io.records import read_inputs
    from blotter.parallel.backends import open_runner
    from blotter.parallel.worker import PipelineLoadError
    from blotter.pipeline import intermediate_writer

    settings = load_settings(config)
    if not input.exists():
        raise typer.BadParameter(f"{input} does not exist", param_hint="INPUT")
    if save_intermediate and (workers > 1 or dask or cluster):
        raise typer.BadParameter("works only in a single process", param_hint="--save-intermediate")
    hook = intermediate_writer(save_intermediate) if save_intermediate else None
    records = read_inputs(input, settings["max_text_chars"], settings["min_text_chars"])
    out = _open_output(output)
    counts = {"records": 0, "events": 0, "errors": 0}
    try:
        with (
            open_runner(settings, workers, dask, cluster, hook) as run,
            _progress(quiet or str(output) == "-") as advance,
        ):
            for result in run(records):
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                counts["records"] += 1
                counts["events"] += len(result.events)
                counts["errors"] += result.error is not None
                advance()
    except PipelineLoadError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        if out is not sys.stdout:
            out.close()
    if not quiet:
        typer.echo(
            f"{counts['records']} records, {counts['events']} events, {counts['errors']} errors",
            err=True,
        )


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (format of shared/evaldata/README.md).")],
    pred: Annotated[
        Path | None,
        typer.Argument(help="Predictions from `blotter extract`; omitted: run extraction."),
    ] = None,
    config: ConfigOpt = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the scores as JSON here.")
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Score predictions (or a fresh extraction) against gold events, per source."""
    from blotter.evaluation.report import render
    from blotter.evaluation.runner import evaluate_files

    scores = evaluate_files(gold, pred, load_settings(config), quiet=quiet)
    typer.echo(render(scores))
    if json_out:
        json_out.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@app.command()
def geocode(
    text: Annotated[
        str, typer.Argument(help='A place name or a sentence, e.g. "El Aguaje, Michoacán".')
    ],
    config: ConfigOpt = None,
    top: Annotated[int, typer.Option(help="Candidates shown per place mention.")] = 5,
) -> None:
    """Show each place mention of TEXT with its ranked gazetteer candidates."""
    from blotter.geo.gazetteer import open_gazetteer
    from blotter.geo.resolve import geocode_text

    gaz = open_gazetteer(load_settings(config)["gazetteer_path"] or None)
    found = geocode_text(text, gaz)
    if not found:
        typer.echo("no place found")
        raise typer.Exit(1)
    for mention, ranked in found:
        typer.echo(f"{mention.surface!r}:")
        for score, p in ranked[:top]:
            where = ", ".join(x for x in (p.admin2, p.admin1, p.country_code) if x)
            typer.echo(
                f"  {score:6.2f}  {p.name} ({p.kind}; {where})  {p.latitude}, {p.longitude}"
                f"  geonameid={p.id}"
            )


@app.command()
def settings(config: ConfigOpt = None) -> None:
    """Show every setting, its effective value and what it does."""
    from blotter.settings import settings_table

    values = load_settings(config)
    for s in settings_table():
        typer.echo(f"{s.name} = {values[s.name]!r}\n    {s.help}")


def _open_output(path: Path) -> TextIO:
    """Standard output for '-', else *path* opened for writing (its folder created)."""
    if str(path) == "-":
        return sys.stdout
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("w", encoding="utf-8")


class _progress:
    """A rich progress bar on a terminal, nothing otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self._progress: Any = None

    def __enter__(self) -> Callable[[], None]:
        if not self.enabled:
            return lambda: None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=True,
        )
        self._progress.start()
        task = self._progress.add_task("extract", total=None)
        progress = self._progress
        return lambda: progress.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: the database_url setting)."),
]


@app.command()
def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders or URLs: HTML, WARC, feeds, text, JSONL.")
    ],
    db: DbOpt = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Allow downloading URLs and feed entries' pages.")
    ] = False,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Extraction processes (capped by max_workers).")
    ] = 1,
) -> None:
    """Store articles (deduplicated) in the database and extract their events."""
    from blotter.ingest.commands import run_ingest
    from blotter.store.database import StoreError

    settings = load_settings(config)
    workers = min(workers, int(settings["max_workers"]))
    try:
        counts = run_ingest(
            inputs, settings, db or settings["database_url"], fetch=fetch, workers=workers
        )
    except StoreError as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from exc
    if not quiet:
        summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.as_dict().items())
        typer.echo(summary, err=True)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    format: Annotated[
        str, typer.Option("--format", "-f", help="csv, jsonl, geojson or parquet.")
    ] = "csv",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write every stored event as ACLED-style CSV, JSONL, GeoJSON or Parquet."""
    from blotter.store.database import open_engine
    from blotter.store.export import FORMATS, export_events

    if format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    settings = load_settings(config)
    engine = open_engine(db or settings["database_url"])
    try:
        n = export_events(engine, format, output)
    finally:
        engine.dispose()
    typer.echo(f"{n} events written to {output}", err=True)


@app.command()
def failures(
    db: DbOpt = None,
    config: ConfigOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Include resolved entries.")] = False,
) -> None:
    """List quarantined inputs: id, stage, attempts, state, locator, error."""
    from blotter.ingest.commands import failure_lines

    settings = load_settings(config)
    for line in failure_lines(db or settings["database_url"], all_):
        typer.echo(line)


@app.command()
def retry(
    db: DbOpt = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Allow downloading URLs and pages.")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Retry every quarantined input and article; report what is still failing."""
    from blotter.ingest.commands import run_retry

    settings = load_settings(config)
    resolved, remaining = run_retry(settings, db or settings["database_url"], fetch=fetch)
    typer.echo(f"{resolved} resolved, {remaining} still failing", err=True)


@app.command()
def fuse(
    extracted: Annotated[Path, typer.Argument(help="Output of `blotter extract` (JSONL).")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Fused events JSONL ('-' for stdout).")
    ] = Path("-"),
    articles: Annotated[
        Path | None,
        typer.Option(help="The input JSONL given to extract: published, source_name, url."),
    ] = None,
    state: Annotated[
        Path, typer.Option(help="SQLite fusion state; created if missing, added to if present.")
    ] = Path("fused.sqlite"),
    db: Annotated[
        str | None,
        typer.Option("--db", help="Fuse into the store at this database URL instead of --state."),
    ] = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Fuse extracted events across articles into events with sources and revisions."""
    from blotter.fusion import Fuser, FusionConfig, SqliteIndex, read_articles, read_extracted

    if not extracted.exists():
        raise typer.BadParameter(f"{extracted} does not exist", param_hint="EXTRACTED")
    metas = read_articles(articles) if articles else {}
    index = SqliteIndex(state) if db is None else _store_index(db)
    fuser = Fuser(index, FusionConfig.from_settings(load_settings(config)))
    counts = {"joined": 0, "created": 0, "unattached": 0, "duplicate": 0, "errors": 0}
    try:
        for n, line in enumerate(read_extracted(extracted, metas), 1):
            for message in line.errors:
                counts["errors"] += 1
                typer.echo(f"error: {message}", err=True)
            for report in line.reports:
                counts[fuser.add(report).action] += 1
            if n % 500 == 0:
                index.commit()
        index.commit()
        out = _open_output(output)
        try:
            for event in index.events():
                out.write(json.dumps(event.fused(), ensure_ascii=False) + "\n")
        finally:
            if out is not sys.stdout:
                out.close()
    finally:
        index.close()
    if not quiet:
        typer.echo(", ".join(f"{v} {k}" for k, v in counts.items()), err=True)


def _store_index(db: str) -> Any:
    """A ``StoreIndex`` on the store at *db* (migrated on open)."""
    from blotter.fusion.store_index import StoreIndex
    from blotter.store.database import StoreError, open_engine

    try:
        return StoreIndex(open_engine(db))
    except StoreError as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from exc


@app.command()
def events(
    state: Annotated[
        Path, typer.Option(help="SQLite fusion state written by `blotter fuse`.")
    ] = Path("fused.sqlite"),
    db: Annotated[
        str | None,
        typer.Option("--db", help="List the fused events of the store at this database URL "
                     "(written by `blotter ingest` or `blotter fuse --db`) instead of --state."),
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Earliest event date (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Latest event date (YYYY-MM-DD).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Country name.")] = None,
    admin1: Annotated[str | None, typer.Option(help="First-level region (state).")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor named in any report.")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="Event type or sub-event type.")
    ] = None,
    min_fatalities: Annotated[
        int | None, typer.Option(help="Best fatality figure at least this.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Full fused records as JSONL.")] = False,
) -> None:
    """List fused events, filtered."""
    from datetime import date

    from blotter.fusion import EventFilter, SqliteIndex

    if db is None and not state.exists():
        raise typer.BadParameter(
            f"{state} does not exist; run `blotter fuse` first", param_hint="--state"
        )
    try:
        flt = EventFilter(
            date.fromisoformat(date_from) if date_from else None,
            date.fromisoformat(date_to) if date_to else None,
            country,
            admin1,
            actor,
            event_type,
            min_fatalities,
        )
    except ValueError as exc:
        raise typer.BadParameter(f"dates must be YYYY-MM-DD: {exc}") from exc
    if db is not None:
        from blotter.fusion.store_index import query_events
        from blotter.store.database import StoreError, open_engine

        try:
            engine = open_engine(db)
        except StoreError as exc:
            raise typer.BadParameter(str(exc), param_hint="--db") from exc
        index: Any = engine
        found: Any = query_events(engine, flt)
    else:
        index = SqliteIndex(state)
        found = (e for s in index.events() if flt.matches(e := s.fused()))
    try:
        for event in found:
            if as_json:
                typer.echo(json.dumps(event, ensure_ascii=False))
                continue
            loc = event.get("location") or {}
            parts = (loc.get("name"), loc.get("admin1"), loc.get("country"))
            place = ", ".join(str(p) for p in parts if p)
            f = event["fatalities"]
            conflicts = ",".join(c["field"] for c in event["conflicts"])
            flags = f" CONFLICT:{conflicts}" if conflicts else ""
            typer.echo(
                f"{event['event_id']}  {event.get('event_date') or '?':10}"
                f"  {event['sub_event_type']:<28}"
                f"  {place or '?'}  fatalities {f['best']} ({f['low']}-{f['high']})"
                f"  {event['n_reports']} reports{flags}"
            )
    finally:
        if db is not None:
            index.dispose()
        else:
            index.close()


# The analysts' workbench: `blotter serve`, `blotter user ...`, `blotter token ...`.
from blotter.server.cli import register as _register_server  # noqa: E402

_register_server(app)
