"""What a `confidence` cut-off buys: relevance precision/recall and false alarms by threshold.

    .venv/bin/python benchmarks/confidence_cutoff.py

Extracts the MUC-4 dev texts (most report no incident) and the negatives dev
set (sports, business, science news: no incident), read at run time from the
shared folder (``$BLOTTER_SHARED``), once, then for each threshold counts a
text as "reports an incident" when it has a current (not background) event of
at least that confidence: precision and recall of that against MUC-4's gold,
and the share of negatives flagged.  The README's recommended cut-off comes
from this table.
"""

from __future__ import annotations

import os
from pathlib import Path

from blotter.evaluation.runner import gold_inputs, read_gold
from blotter.pipeline import Pipeline
from blotter.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BLOTTER_SHARED", REPO.parent / "shared"))
DEV = SHARED / "evaldata" / "dev"
THRESHOLDS = (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def best_confidence(name: str, settings: Settings) -> list[tuple[bool, float]]:
    """(gold has an incident, highest current-event confidence or -1) per record."""
    gold = read_gold(DEV / name)
    has_event = {g["id"]: bool(g.get("events")) for g in gold}
    pipeline = Pipeline.from_settings(settings)
    out = []
    for result in pipeline.run(gold_inputs(gold, settings)):
        scores = [e["confidence"] for e in result.events if not e.get("is_background")]
        out.append((has_event[result.id], max(scores, default=-1.0)))
    return out


def main() -> None:
    """Print the threshold table."""
    settings = Settings()
    muc = best_confidence("muc4_dev.jsonl", settings)
    negatives = best_confidence("negatives_dev.jsonl", settings)
    print("threshold  muc4_precision  muc4_recall  negatives_flagged")
    for t in THRESHOLDS:
        flagged = [(gold, score >= t) for gold, score in muc]
        tp = sum(1 for gold, hit in flagged if gold and hit)
        fp = sum(1 for gold, hit in flagged if not gold and hit)
        fn = sum(1 for gold, hit in flagged if gold and not hit)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        false_alarms = sum(score >= t for _, score in negatives) / len(negatives)
        print(f"{t:9.2f}  {precision:14.3f}  {recall:11.3f}  {false_alarms:17.3f}")


if __name__ == "__main__":
    main()
