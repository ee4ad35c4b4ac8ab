"""Run extraction (or read predictions) over gold files and score them per set and source."""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from blotter.evaluation.datasets import DevSet, GoldError, read_gold
from blotter.evaluation.scoring import Common, Pair, current_events, prf
from blotter.evaluation.sources import score_source
from blotter.io.records import InputRecord, article_from_json
from blotter.settings import Settings

#: Worker processes ``blotter eval`` uses by default: the machine has 2 cores.
DEFAULT_WORKERS = 2

Predictions = dict[str, list[dict[str, Any]]]


def gold_inputs(gold: list[dict[str, Any]], settings: Settings) -> Iterator[InputRecord]:
    """Input records made from gold records (id, text, published only)."""
    for g in gold:
        obj = {"id": g["id"], "text": g.get("text"), "published": g.get("published")}
        yield article_from_json(
            obj, g["id"], settings["max_text_chars"], settings["min_text_chars"]
        )


#: Called once per extracted record (a progress bar's ``advance``).
OnRecord = Callable[[], None]


def predict(
    gold: list[dict[str, Any]],
    settings: Settings,
    quiet: bool = True,
    workers: int = 1,
    on_record: OnRecord | None = None,
) -> Predictions:
    """Run the pipeline over the gold texts; predicted events per record id."""
    predicted, _errors = predict_with_errors(gold, settings, workers, on_record)
    return predicted


def predict_with_errors(
    gold: list[dict[str, Any]],
    settings: Settings,
    workers: int = 1,
    on_record: OnRecord | None = None,
) -> tuple[Predictions, dict[str, str]]:
    """Predicted events per record id, and the error of each record that had one."""
    from blotter.geo.source_country import track_sources
    from blotter.parallel.backends import open_runner

    predicted: Predictions = {}
    errors: dict[str, str] = {}
    sources: list[str] = []
    with open_runner(settings, workers) as run:
        for result in run(track_sources(gold_inputs(gold, settings), sources)):
            predicted[result.id] = result.events
            if result.error:
                errors[result.id] = result.error
            if on_record is not None:
                on_record()
    lend_countries(gold, predicted, sources, settings)
    return predicted, errors


def lend_countries(
    gold: list[dict[str, Any]], predicted: Predictions, sources: list[str], settings: Settings
) -> int:
    """Lend each source's country over one set's predictions, as `blotter extract`
    does once its run is over (blotter/geo/source_country.py); how many got one."""
    from blotter.geo.source_country import SourceCountries

    prior = SourceCountries.from_settings(settings)
    for g, key in zip(gold, sources, strict=True):
        prior.observe(key, predicted.get(g["id"], []))
    return sum(prior.lend(key, predicted.get(g["id"], []))
               for g, key in zip(gold, sources, strict=True))


def read_predictions(path: Path) -> Predictions:
    """Predicted events per record id from ``blotter extract`` output."""
    with path.open(encoding="utf-8") as fh:
        return {row["id"]: row.get("events") or [] for row in map(json.loads, fh) if row}


def pairs_by_source(
    gold: list[dict[str, Any]], predicted: Predictions
) -> dict[str, list[Pair]]:
    """(gold record, predicted events) pairs grouped by the records' source."""
    by_source: dict[str, list[Pair]] = defaultdict(list)
    for g in gold:
        by_source[str(g.get("source", "unknown"))].append((g, predicted.get(g["id"], [])))
    return by_source


def above(predicted: Predictions, min_confidence: float) -> Predictions:
    """The predictions a user gets at *min_confidence*: events under it left out
    (an event with no ``confidence``, from another tool, is kept: nothing says it is low)."""
    if min_confidence <= 0:
        return predicted
    return {
        rid: [
            e for e in events
            if e.get("confidence") is None or float(e["confidence"]) >= min_confidence
        ]
        for rid, events in predicted.items()
    }


def detection_rates(pairs: list[Pair]) -> dict[str, float]:
    """Record-level detection of *pairs*: recall, false-alarm rate and, with both kinds
    of record, precision and F1 (a record "has an event" if a current event was kept)."""
    common = Common()
    for gold, predicted in pairs:
        events = gold.get("events") or []
        common.record(events, current_events(predicted), 0)
    rates = prf(common.tp, common.fp, common.fn)
    out: dict[str, float] = {}
    if common.tp + common.fn:
        out["detection_recall"] = rates["recall"]
    if common.fp + common.tn:
        out["false_alarm_rate"] = round(common.fp / (common.fp + common.tn), 4)
    if common.tp + common.fn and common.fp + common.tn and common.tp + common.fp:
        out["detection_precision"] = rates["precision"]
        if rates["precision"] + rates["recall"]:
            out["detection_f1"] = rates["f1"]
    return out


def score(
    gold: list[dict[str, Any]], predicted: Predictions, min_confidence: float = 0.0
) -> dict[str, Any]:
    """Scores per source (fusion scores too for MUC-4) of every extracted event (what
    the extractor finds: the floors of the CI gate), and with a cut-off, ``at_cut``:
    record-level detection of the events at *min_confidence* or more, what a user
    gets from ``export``, ``events`` and the API by default."""
    scores: dict[str, Any] = {}
    kept = above(predicted, min_confidence)
    for source, pairs in sorted(pairs_by_source(gold, predicted).items()):
        scores[source] = score_source(source, pairs)
        if source == "muc4":
            scores[source].update(_fusion(pairs))
        if min_confidence > 0:
            scores[source]["min_confidence"] = min_confidence
            scores[source]["at_cut"] = detection_rates(
                [(g, kept.get(g["id"], [])) for g, _ in pairs])
    return scores


def evaluate_files(
    gold_path: Path,
    pred_path: Path | None,
    settings: Settings,
    quiet: bool = True,
    workers: int = 1,
    on_record: OnRecord | None = None,
) -> dict[str, Any]:
    """Scores per source for *gold_path* against predictions (or a fresh run)."""
    gold = read_gold(gold_path)
    predicted = (
        read_predictions(pred_path)
        if pred_path
        else predict(gold, settings, quiet, workers, on_record)
    )
    return score(gold, predicted, settings["min_confidence"])


def evaluate_sets(
    sets: list[DevSet],
    settings: Settings,
    workers: int = DEFAULT_WORKERS,
    save_dir: Path | None = None,
    from_dir: Path | None = None,
    quiet: bool = True,
    on_record: OnRecord | None = None,
) -> dict[str, Any]:
    """Scores of every dev set: ``{"sets": {name: scores}, "run": {...}}``.

    Each set's scores are its one source's scores (the sets have one source
    each; a mixed file keeps ``by_source``), with ``file``, ``sha256``,
    ``errors`` and ``seconds`` added. *save_dir* keeps the predictions
    (``NAME.jsonl`` per set, ``blotter extract`` format, every event whatever
    its confidence); *from_dir* scores predictions saved that way instead of
    extracting.  Scores are of every extracted event, with the detection of those
    at the ``min_confidence`` setting (what a user gets by default) as ``at_cut``
    (see :func:`score`).
    """
    started = time.perf_counter()
    golds = {dev.name: read_gold(dev.path) for dev in sets}
    runs: dict[str, tuple[Predictions, dict[str, str], float]]
    if from_dir is not None:
        runs = {name: (*_saved(from_dir, name), 0.0) for name in golds}
    else:
        runs = predict_sets(golds, settings, workers, quiet, on_record)
    out: dict[str, Any] = {}
    total = 0
    for dev in sets:
        gold = golds[dev.name]
        total += len(gold)
        predicted, errors, seconds = runs[dev.name]
        if save_dir is not None:
            _save(save_dir / f"{dev.name}.jsonl", gold, predicted, errors)
        by_source = score(gold, predicted, settings["min_confidence"])
        entry: dict[str, Any] = (
            dict(next(iter(by_source.values()))) if len(by_source) == 1 else {}
        )
        if len(by_source) != 1:
            entry["by_source"] = by_source
        entry.update(
            source=",".join(sorted(by_source)),
            file=str(dev.path),
            sha256=dev.sha256(),
            errors=len(errors),
            seconds=seconds,
        )
        out[dev.name] = entry
    return {
        "sets": out,
        "run": {
            "records": total,
            "workers": workers if from_dir is None else 0,
            "seconds": round(time.perf_counter() - started, 1),
        },
    }


def predict_sets(
    golds: dict[str, list[dict[str, Any]]],
    settings: Settings,
    workers: int,
    quiet: bool = True,
    on_record: OnRecord | None = None,
) -> dict[str, tuple[Predictions, dict[str, str], float]]:
    """Extract every set's records in one stream (one worker pool, started once).

    Returns per set its predictions, its records' errors and the seconds from
    its first to its last result.
    """
    from blotter.geo.source_country import track_sources
    from blotter.parallel.backends import open_runner

    order = [(name, g["id"]) for name, gold in golds.items() for g in gold]
    sources: dict[str, list[str]] = {name: [] for name in golds}
    inputs = (rec for name, gold in golds.items()
              for rec in track_sources(gold_inputs(gold, settings), sources[name]))
    runs: dict[str, tuple[Predictions, dict[str, str], float]] = {
        name: ({}, {}, 0.0) for name in golds
    }
    last = time.perf_counter()
    with open_runner(settings, workers) as run:
        for (name, rid), result in zip(order, run(inputs), strict=True):
            predicted, errors, seconds = runs[name]
            predicted[rid] = result.events
            if result.error:
                errors[rid] = result.error
            now = time.perf_counter()
            seconds += now - last
            runs[name] = (predicted, errors, seconds)
            last = now
            if on_record is not None:
                on_record()
            if not quiet and len(predicted) == len(golds[name]):
                print(f"{name}: {len(predicted)} records, {seconds:.0f} s", file=sys.stderr)
    for name, (predicted, _errors, _seconds) in runs.items():
        lend_countries(golds[name], predicted, sources[name], settings)
    return {name: (p, e, round(s, 1)) for name, (p, e, s) in runs.items()}


def _saved(directory: Path, name: str) -> tuple[Predictions, dict[str, str]]:
    """Predictions and record errors kept for set *name* by ``--save-predictions``."""
    path = directory / f"{name}.jsonl"
    if not path.exists():
        raise GoldError(f"no predictions for {name}: {path} does not exist")
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    predicted = {row["id"]: row.get("events") or [] for row in rows}
    return predicted, {row["id"]: row["error"] for row in rows if row.get("error")}


def _save(
    path: Path, gold: list[dict[str, Any]], predicted: Predictions, errors: dict[str, str]
) -> None:
    """Write predictions as ``blotter extract`` output, in gold order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for g in gold:
            rid = g["id"]
            row = {"id": rid, "events": predicted.get(rid, []), "error": errors.get(rid)}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _fusion(pairs: list[Pair]) -> dict[str, Any]:
    """Cross-document fusion scores on MUC-4, when the fusion package is present."""
    try:
        from blotter.evaluation.fusion import fusion_scores
    except ImportError:
        return {}
    gold = [g for g, _ in pairs]
    result = fusion_scores(gold, {g["id"]: events for g, events in pairs})
    return {"fusion": result}
