"""The ``blotter`` command line."""

from __future__ import annotations

import contextlib
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from blotter.cli_support import (
    EXIT_RECORDS_FAILED,
    BlotterGroup,
    CliError,
    Progress,
    check_model,
    check_scheduler,
    database_url,
    list_problems,
    open_store,
    print_table,
    redact,
    say,
    set_debug,
)
from blotter.cli_workers import choose_workers
from blotter.settings import load_settings
from blotter.textsafe import for_terminal

app = typer.Typer(
    cls=BlotterGroup,
    help="Blotter: news reports of organised violence in, an evidence-backed event dataset out.\n\n"
    "Exit codes: 0 done; 1 done, but some inputs or records failed (listed); "
    "2 could not run (one line says why; --debug shows the traceback).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an error.")
    ] = False,
) -> None:
    """Blotter's command line."""
    set_debug(debug)

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="TOML file of settings overlaying the defaults.")
]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar and no summary (errors still shown).")
]


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
    """Extract events: one output line per input record, in input order.

    Exits 1 when some records could not be read or extracted (each is listed and
    has its `error` in the output), 2 when the command could not run.
    """
    from blotter.geo.source_country import SourceCountries, SpooledLines
    from blotter.ingest.readers import reader_for, unsupported_message
    from blotter.io.records import read_inputs
    from blotter.parallel.backends import open_runner
    from blotter.pipeline import intermediate_writer

    settings = load_settings(config)
    if not input.exists():
        raise CliError(f"{input}: no such file or folder")
    if input.is_file() and reader_for(input, "extract") is None:
        raise CliError(f"{input}: {unsupported_message(input, 'extract')}; `blotter ingest` "
                       "reads HTML pages, WARC and feeds")
    if save_intermediate and (workers > 1 or dask or cluster):
        raise typer.BadParameter("works only in a single process", param_hint="--save-intermediate")
    check_model(settings)
    if cluster:
        check_scheduler(cluster)
    elif workers > 1 or dask:
        workers, dask = choose_workers([input], workers, dask, settings, quiet)
    hook = intermediate_writer(save_intermediate) if save_intermediate else None
    records = read_inputs(input, settings["max_text_chars"], settings["min_text_chars"])
    counts = {"records": 0, "events": 0, "errors": 0}
    problems: list[str] = []
    # no bar between JSON lines written to the same terminal
    bar_off = quiet or (str(output) == "-" and sys.stdout.isatty())
    with _output(output) as out, open_runner(settings, workers, dask, cluster, hook) as run, \
            tempfile.TemporaryFile("w+", encoding="utf-8") as spooled, \
            Progress("extracting", bar_off) as progress:
        # lines wait for the run's end: a source's country is known only then
        spool = SpooledLines(SourceCountries.from_settings(settings), spooled)
        for index, result in enumerate(run(spool.track(records))):
            spool.add(index, result.events, _json_line(result.to_dict()))
            counts["records"] += 1
            counts["events"] += len(result.events)
            if result.error is not None:
                counts["errors"] += 1
                problems.append(f"error: record {result.id}: {result.error}")
            progress.advance()
        counts["country from source"] = spool.write(out, _json_line)
    list_problems(problems, "each has its `error` in the output")
    if not quiet:
        print_table(None, list(counts), [[str(v) for v in counts.values()]])
    if counts["errors"]:
        raise typer.Exit(EXIT_RECORDS_FAILED)


@app.command("eval")
def evaluate(
    gold: Annotated[
        Path | None,
        typer.Argument(
            help="Gold JSONL (format of shared/evaldata/README.md), or a directory of them."
        ),
    ] = None,
    pred: Annotated[
        Path | None,
        typer.Argument(help="Predictions from `blotter extract` (one file); omitted: extract."),
    ] = None,
    all_sets: Annotated[
        bool, typer.Option("--all", help="Every dev set in $BLOTTER_SHARED/evaldata/dev/.")
    ] = False,
    config: ConfigOpt = None,
    json_out: Annotated[
        Path | None,
        typer.Option("--json", help="Also write the scores as JSON here ('-': JSON on stdout)."),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes for extraction.")
    ] = 2,
    save_predictions: Annotated[
        Path | None, typer.Option(help="Keep each set's predictions as DIR/NAME.jsonl.")
    ] = None,
    from_predictions: Annotated[
        Path | None, typer.Option(help="Score predictions kept by --save-predictions.")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if a set is below its floors or changed.")
    ] = False,
    pin_floors: Annotated[
        bool, typer.Option("--pin-floors", help="Write floors.toml from this run.")
    ] = False,
    allow_lower: Annotated[
        bool, typer.Option("--allow-lower", help="Let --pin-floors lower existing floors.")
    ] = False,
    floors_file: Annotated[
        Path | None, typer.Option("--floors", help="Floors file (default: the package's).")
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(min=0, max=1, help="Score only events of at least this confidence, as "
                     "export shows them [default: the min_confidence setting; 0: every event]."),
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Score predictions (or a fresh extraction) against gold events: one file, or every set.

    `blotter eval FILE [PRED]` scores one gold file per source. `blotter eval --all`
    (or `blotter eval DIR`) scores every dev set, prints one table, and with
    `--check` applies the CI gate of floors.toml (docs/evaluation.md).
    """
    from blotter.evaluation.datasets import GoldError

    settings = load_settings(config)
    if min_confidence is not None:
        settings = settings.replace(min_confidence=float(min_confidence))
    check_model(settings)
    try:
        if all_sets or (gold is not None and gold.is_dir()):
            _evaluate_sets(
                gold, settings, json_out, workers, save_predictions, from_predictions,
                check, pin_floors, allow_lower, floors_file, quiet,
            )
            return
        if gold is None:
            raise typer.BadParameter("give a gold file or directory, or --all", param_hint="GOLD")
        if pin_floors or check:
            raise typer.BadParameter("works with --all or a directory", param_hint="--pin-floors")
        if save_predictions is not None or from_predictions is not None:
            raise typer.BadParameter(
                "works with --all or a directory (one file: `blotter extract` writes its "
                "predictions; give them as PRED)", param_hint="--save-predictions")
        if not gold.is_file():
            raise CliError(f"{gold}: no such file")
        if pred is not None and not pred.is_file():
            raise CliError(f"{pred}: no such file")
        from blotter.evaluation.report import render
        from blotter.evaluation.runner import evaluate_files

        total = None if pred is not None else _lines(gold)
        with Progress("evaluating", quiet or pred is not None, total) as bar:
            scores = evaluate_files(
                gold, pred, settings, quiet=quiet, workers=workers, on_record=bar.advance
            )
    except GoldError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    _emit(scores, render(scores), json_out)


def _lines(path: Path) -> int:
    """Lines of a JSONL file (records, for a progress bar's total)."""
    with path.open("rb") as fh:
        return sum(1 for _ in fh)


def _emit(scores: dict[str, Any], text: str, json_out: Path | None) -> None:
    """Print the table (or JSON for `--json -`) and write the JSON file if asked."""
    payload = json.dumps(scores, indent=2, sort_keys=True) + "\n"
    if json_out is not None and str(json_out) == "-":
        sys.stdout.write(payload)
        return
    typer.echo(text)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(payload, encoding="utf-8")


def _evaluate_sets(
    directory: Path | None,
    settings: Any,
    json_out: Path | None,
    workers: int,
    save_predictions: Path | None,
    from_predictions: Path | None,
    check: bool,
    pin_floors: bool,
    allow_lower: bool,
    floors_file: Path | None,
    quiet: bool,
) -> None:
    """`blotter eval --all` / `blotter eval DIR`: every set, one table, the gate."""
    from blotter.evaluation import gate
    from blotter.evaluation.datasets import DEV_SUBDIR, discover, shared_dir
    from blotter.evaluation.report import render_sets
    from blotter.evaluation.runner import evaluate_sets

    shared = shared_dir()
    sets = discover(directory if directory is not None else shared / DEV_SUBDIR)
    total = None if from_predictions else sum(_lines(dev.path) for dev in sets)
    with Progress("evaluating", quiet or from_predictions is not None, total) as bar:
        results = evaluate_sets(
            sets, settings, workers, save_dir=save_predictions, from_dir=from_predictions,
            quiet=quiet, on_record=bar.advance,
        )
    path = floors_file or gate.FLOORS_FILE
    floors = gate.load_floors(path)
    verdicts = gate.check(results, floors)
    results["gate"] = {v.name: {"status": v.status, "failures": v.failures} for v in verdicts}
    lines = [render_sets(results), "", f"gate ({path}):"]
    lines += [
        f"  {v.name}: {v.status}" + "".join(f"\n    {f}" for f in v.failures) for v in verdicts
    ]
    _emit(results, "\n".join(lines), json_out)
    if pin_floors:
        pinned, refused = gate.pin(results, floors, allow_lower, shared)
        if refused:
            typer.echo("refusing to lower floors (give --allow-lower to do it):", err=True)
            for line in refused:
                typer.echo(f"  {line}", err=True)
            raise typer.Exit(1)
        gate.write_floors(pinned, path)
        typer.echo(f"floors written to {path}", err=True)
    elif check and not all(v.passed for v in verdicts):
        raise typer.Exit(1)


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
        typer.echo(for_terminal(f"{mention.surface!r}:"))
        for score, p in ranked[:top]:
            where = ", ".join(x for x in (p.admin2, p.admin1, p.country_code) if x)
            typer.echo(for_terminal(
                f"  {score:6.2f}  {p.name} ({p.kind}; {where})  {p.latitude}, {p.longitude}"
                f"  geonameid={p.id}"
            ))


@app.command()
def settings(config: ConfigOpt = None) -> None:
    """Show every setting, its effective value and what it does."""
    from blotter.settings import settings_table

    values = load_settings(config)
    for s in settings_table():
        typer.echo(f"{s.name} = {values[s.name]!r}\n    {s.help}")


def _json_line(record: Any) -> str:
    """A JSONL line with control and bidi characters JSON-escaped (same data, safe to print)."""
    return for_terminal(json.dumps(record, ensure_ascii=False)) + "\n"


@contextlib.contextmanager
def _output(path: Path) -> Iterator[TextIO]:
    """Standard output for '-', else *path* opened for writing (its folder created)."""
    if str(path) == "-":
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        yield fh


DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Store: a file path (SQLite) or a URL (postgresql://user@host/db). "
                 "Default: the database_url setting, ~/.local/share/blotter/blotter.sqlite."),
]


def _store_url(db: str | None, settings: Any) -> str:
    """The SQLAlchemy URL of the store named by --db or the settings."""
    return database_url(db or settings["database_url"])



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
    """Store articles (deduplicated) in the database and extract their events.

    Exits 1 when some inputs or records failed (listed, and kept in the quarantine:
    `blotter failures`, `blotter retry`), 2 when the command could not run.
    """
    from blotter.cli_store import check_inputs, ingest_problems, summary_rows
    from blotter.ingest.commands import run_ingest
    from blotter.store.repository import utcnow

    settings = load_settings(config)
    url = _store_url(db, settings)
    check_inputs(inputs, fetch)
    check_model(settings)
    open_store(url, must_exist=False).dispose()  # say now if the store cannot be used
    workers = min(workers, int(settings["max_workers"]))
    if workers > 1:
        workers, _ = choose_workers(inputs, workers, False, settings, quiet)
    started = utcnow()
    with Progress("ingesting", quiet) as progress:
        counts = run_ingest(inputs, settings, url, fetch=fetch, workers=workers,
                            on_item=progress.item)
    problems = ingest_problems(url, inputs, started)
    list_problems(problems, f"`blotter failures --db {redact(url)}` lists them all")
    if not quiet:
        print_table(None, ["what", "count"], summary_rows(counts, len(problems)))
    if problems or int(getattr(counts, "failures", 0)):
        raise typer.Exit(EXIT_RECORDS_FAILED)


FromOpt = Annotated[str | None, typer.Option("--from", help="Earliest event date (YYYY-MM-DD).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Latest event date (YYYY-MM-DD).")]
CountryOpt = Annotated[str | None, typer.Option(help="Country name.")]
Admin1Opt = Annotated[str | None, typer.Option(help="First-level region (state).")]
ActorOpt = Annotated[str | None, typer.Option(help="Actor named in any report.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="Event type or sub-event type.")]
MinFatalitiesOpt = Annotated[
    int | None, typer.Option(help="Best fatality figure at least this.")
]
MinConfidenceOpt = Annotated[
    float | None,
    typer.Option(help="Confidence (0-1, highest among an event's reports) at least this "
                 "[default: the min_confidence setting; 0 shows every event]."),
]


def _event_filter(
    date_from: str | None, date_to: str | None, country: str | None, admin1: str | None,
    actor: str | None, event_type: str | None, min_fatalities: int | None,
) -> Any:
    """The ``EventFilter`` of the listing options."""
    from datetime import date

    from blotter.fusion import EventFilter

    try:
        return EventFilter(
            date.fromisoformat(date_from) if date_from else None,
            date.fromisoformat(date_to) if date_to else None,
            country, admin1, actor, event_type, min_fatalities,
        )
    except ValueError as exc:
        raise CliError(f"--from/--to must be dates written YYYY-MM-DD ({exc})") from None


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    format: Annotated[
        str, typer.Option("--format", "-f", help="csv (ACLED columns), jsonl, geojson, parquet, "
                          "ged (UCDP GED columns, CSV), or a plugin's format.")
    ] = "csv",
    db: DbOpt = None,
    config: ConfigOpt = None,
    per_report: Annotated[
        bool, typer.Option("--per-report", help="One row per extracted event (each article's "
                           "report) instead of one per fused real-world event.")
    ] = False,
    include_background: Annotated[
        bool, typer.Option("--include-background",
                           help="Also export background mentions of older incidents.")
    ] = False,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    actor: ActorOpt = None,
    event_type: TypeOpt = None,
    min_fatalities: MinFatalitiesOpt = None,
    min_confidence: MinConfidenceOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Write the store's events: one row per fused event, ACLED's columns and types."""
    from blotter.store.export import ExportOptions, export_events, formats, get_exporter

    if format not in formats():
        raise CliError(f"--format {format}: choose one of {', '.join(formats())}")
    get_exporter(format)  # a broken plugin fails now, before the store is opened
    settings = load_settings(config)
    options = ExportOptions(
        per_report=per_report, include_background=include_background,
        filter=_event_filter(date_from, date_to, country, admin1, actor, event_type,
                             min_fatalities),
        min_confidence=settings["min_confidence"] if min_confidence is None else min_confidence,
    )
    engine = open_store(_store_url(db, settings), must_exist=True)
    try:
        with Progress("exporting", quiet) as progress:
            result = export_events(engine, format, output, options, tick=progress.advance)
    finally:
        engine.dispose()
    if not quiet:
        kind = "extracted events" if per_report else "fused events"
        left = f"; {result.left_out} not organised violence with a death, not in GED" \
            if result.left_out else ""
        background = "" if include_background else " (background mentions left out)"
        say(f"{result.rows} {kind} written to {output}{background}{left}")


@app.command()
def failures(
    db: DbOpt = None,
    config: ConfigOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Include resolved entries.")] = False,
    tsv: Annotated[
        bool, typer.Option("--tsv", help="Tab-separated lines instead of a table.")
    ] = False,
) -> None:
    """List quarantined inputs: id, stage, attempts, state, locator, error."""
    from blotter.store import repository as repo

    settings = load_settings(config)
    engine = open_store(_store_url(db, settings), must_exist=True)
    try:
        found = repo.list_failures(engine, all_)
    finally:
        engine.dispose()
    rows = [[str(f.id), f.stage, str(f.attempts), "resolved" if f.resolved else "open",
             f.locator, f.error] for f in found]
    if tsv:
        for row in rows:
            typer.echo(for_terminal("\t".join(row)))
        return
    if not rows:
        say("no failures" if all_ else "no open failures (--all shows resolved ones)")
        return
    print_table(None, ["id", "stage", "attempts", "state", "locator", "error"], rows, err=False)


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
    url = _store_url(db, settings)
    check_model(settings)
    open_store(url, must_exist=True).dispose()
    resolved, remaining = run_retry(settings, url, fetch=fetch)
    say(f"{resolved} resolved, {remaining} still failing")
    if remaining:
        raise typer.Exit(EXIT_RECORDS_FAILED)


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

    if not extracted.is_file():
        raise CliError(f"{extracted}: no such file")
    if articles is not None and not articles.is_file():
        raise CliError(f"{articles}: no such file")
    settings = load_settings(config)
    metas = read_articles(articles) if articles else {}
    index = SqliteIndex(state) if db is None else _store_index(_store_url(db, settings))
    fuser = Fuser(index, FusionConfig.from_settings(settings))
    counts = {"joined": 0, "created": 0, "unattached": 0, "duplicate": 0, "errors": 0}
    problems: list[str] = []
    try:
        with Progress("fusing", quiet) as progress:
            for n, line in enumerate(read_extracted(extracted, metas), 1):
                for message in line.errors:
                    counts["errors"] += 1
                    problems.append(f"error: {message}")
                for report in line.reports:
                    counts[fuser.add(report).action] += 1
                if n % 500 == 0:
                    index.commit()
                progress.advance()
        index.commit()
        with _output(output) as out:
            for event in index.events():
                out.write(_json_line(event.fused()))
    finally:
        index.close()
    list_problems(problems, "fix or drop those lines and run again")
    if not quiet:
        print_table(None, list(counts), [[str(v) for v in counts.values()]])
    if counts["errors"]:
        raise typer.Exit(EXIT_RECORDS_FAILED)


def _store_index(url: str) -> Any:
    """A ``StoreIndex`` on the store at *url* (created and migrated if needed)."""
    from blotter.fusion.store_index import StoreIndex

    return StoreIndex(open_store(url, must_exist=False))


@app.command()
def events(
    state: Annotated[
        Path, typer.Option(help="SQLite fusion state written by `blotter fuse`.")
    ] = Path("fused.sqlite"),
    db: Annotated[
        str | None,
        typer.Option("--db", help="List the fused events of the store at this path or URL "
                     "(written by `blotter ingest` or `blotter fuse --db`) instead of --state."),
    ] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    actor: ActorOpt = None,
    event_type: TypeOpt = None,
    min_fatalities: MinFatalitiesOpt = None,
    min_confidence: MinConfidenceOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Full fused records as JSONL.")] = False,
    table: Annotated[
        bool, typer.Option("--table", help="A table: date, place, type, actors, fatalities, "
                           "confidence (the default when the output is a terminal).")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """List fused events, filtered."""
    from blotter.cli_store import event_line, fused_with_confidence, table_row

    if db is None and not state.exists():
        raise CliError(f"{state} does not exist; run `blotter fuse` first, or give --db")
    flt = _event_filter(date_from, date_to, country, admin1, actor, event_type, min_fatalities)
    settings = load_settings(config)
    url = _store_url(db, settings) if db is not None else None
    floor = settings["min_confidence"] if min_confidence is None else min_confidence
    use_table = table or (not as_json and sys.stdout.isatty())
    rows: list[list[str]] = []
    for event, confidence, year_only in fused_with_confidence(url, state, flt, open_store):
        if floor > 0 and (
            (confidence is None and min_confidence is not None)
            or (confidence is not None and confidence < floor)
        ):
            continue  # an unknown confidence is left out only when a minimum is asked
        if as_json:
            typer.echo(_json_line(event), nl=False)
        elif use_table:
            rows.append(table_row(event, confidence, year_only))
        else:
            typer.echo(for_terminal(event_line(event)))
    if use_table:
        columns = ["date", "place", "type", "actors", "fatalities", "confidence"]
        print_table(f"{len(rows)} events", columns, rows, err=False)


# The analysts' workbench: `blotter serve`, `blotter user ...`, `blotter token ...`.
from blotter.server.cli import register as _register_server  # noqa: E402

_register_server(app)
