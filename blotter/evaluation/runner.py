"""Run extraction (or read predictions) over a gold file and score it per source."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from blotter.evaluation.scoring import score_acled, score_muc
from blotter.geo.gazetteer import open_gazetteer
from blotter.io.records import InputRecord, article_from_json
from blotter.settings import Settings

SCORERS = {"acled": score_acled, "muc4": score_muc}


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Gold records (format of shared/evaldata/README.md)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_inputs(gold: list[dict[str, Any]], settings: Settings) -> Iterator[InputRecord]:
    """Input records made from gold records (id, text, published only)."""
    for g in gold:
        obj = {"id": g["id"], "text": g["text"], "published": g.get("published")}
        yield article_from_json(
            obj, g["id"], settings["max_text_chars"], settings["min_text_chars"]
        )


def predict(
    gold: list[dict[str, Any]], settings: Settings, quiet: bool = True
) -> dict[str, list[dict[str, Any]]]:
    """Run the pipeline over the gold texts; predicted events per record id."""
    from blotter.pipeline import Pipeline

    pipeline = Pipeline.from_settings(settings)
    return {r.id: r.events for r in pipeline.run(gold_inputs(gold, settings))}


def read_predictions(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Predicted events per record id from ``blotter extract`` output."""
    with path.open(encoding="utf-8") as fh:
        return {row["id"]: row.get("events") or [] for row in map(json.loads, fh) if row}


def evaluate_files(
    gold_path: Path, pred_path: Path | None, settings: Settings, quiet: bool = True
) -> dict[str, Any]:
    """Scores per source for *gold_path* against predictions (or a fresh run)."""
    gold = read_gold(gold_path)
    predicted = read_predictions(pred_path) if pred_path else predict(gold, settings, quiet)
    by_source: dict[str, list[tuple[dict[str, Any], list[dict[str, Any]]]]] = defaultdict(list)
    for g in gold:
        by_source[g.get("source", "unknown")].append((g, predicted.get(g["id"], [])))
    scores: dict[str, Any] = {}
    for source, pairs in sorted(by_source.items()):
        scorer = SCORERS.get(source, score_acled)
        if scorer is score_acled:  # admin1 names compared in the pipeline's gazetteer
            scores[source] = score_acled(pairs, open_gazetteer(settings["gazetteer_path"] or None))
        else:
            scores[source] = scorer(pairs)
        if source == "muc4":
            scores[source].update(_fusion(pairs))
    return scores


def _fusion(pairs: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> dict[str, Any]:
    """Cross-document fusion scores on MUC-4, when the fusion package is present."""
    try:
        from blotter.evaluation.fusion import fusion_scores
    except ImportError:
        return {}
    gold = [g for g, _ in pairs]
    result = fusion_scores(gold, {g["id"]: events for g, events in pairs})
    return {"fusion": result}
