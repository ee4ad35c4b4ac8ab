"""The ``blotter`` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

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
    output: Annotated[Path, typer.Option("--output", "-o", help="Output JSONL ('-' for stdout).")] = Path("-"),
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    save_intermediate: Annotated[
        Path | None, typer.Option(help="Directory to dump each stage's output into (JSONL per stage).")
    ] = None,
) -> None:
    """Extract events: one output line per input record, in input order."""
    from blotter.io.records import read_inputs
    from blotter.pipeline import Pipeline, intermediate_writer

    settings = load_settings(config)
    if not input.exists():
        raise typer.BadParameter(f"{input} does not exist", param_hint="INPUT")
    hook = intermediate_writer(save_intermediate) if save_intermediate else None
    pipeline = Pipeline.from_settings(settings, intermediate=hook)
    records = read_inputs(input, settings["max_text_chars"], settings["min_text_chars"])
    out = sys.stdout if str(output) == "-" else output.open("w", encoding="utf-8")
    counts = {"records": 0, "events": 0, "errors": 0}
    try:
        with _progress(quiet or str(output) == "-") as advance:
            for result in pipeline.run(records):
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                counts["records"] += 1
                counts["events"] += len(result.events)
                counts["errors"] += result.error is not None
                advance()
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
    pred: Annotated[Path | None, typer.Argument(help="Predictions from `blotter extract`; omitted: run extraction.")] = None,
    config: ConfigOpt = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the scores as JSON here.")] = None,
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
def settings(config: ConfigOpt = None) -> None:
    """Show every setting, its effective value and what it does."""
    from blotter.settings import settings_table

    values = load_settings(config)
    for s in settings_table():
        typer.echo(f"{s.name} = {values[s.name]!r}\n    {s.help}")


class _progress:
    """A rich progress bar on a terminal, nothing otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self._progress = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not self.enabled:
            return lambda: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            transient=True,
        )
        self._progress.start()
        task = self._progress.add_task("extract", total=None)
        progress = self._progress
        return lambda: progress.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
