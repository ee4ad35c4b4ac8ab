"""Calibration of ``confidence`` on the dev sets: reliability bins and expected calibration error.

Every current predicted event of every dev set is one observation: its
``confidence`` and whether it is real, i.e. aligned to a gold event of its
record by the set's scorer (:func:`blotter.evaluation.sources.event_reality`;
every event on a no-event record is false). Events are binned by confidence
into equal-width bins; a bin's accuracy is its share of real events. The
expected calibration error (ECE) is the mean gap between a bin's accuracy and
its mean confidence, weighted by the bin's size.

    python -m blotter.evaluation.calibration --predictions out/baseline-pred \\
        --png docs/calibration.png --json out/calibration.json

``--predictions`` reads what ``blotter eval --all --save-predictions DIR`` kept;
without it the dev sets are extracted afresh. The PNG needs matplotlib (the
``bench`` extra); the figures do not.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blotter.evaluation.datasets import DEV_SUBDIR, discover, read_gold, shared_dir
from blotter.evaluation.runner import above, detection_rates, predict_sets, read_predictions
from blotter.evaluation.scoring import current_events
from blotter.evaluation.sources import event_reality

#: Equal-width confidence bins over [0, 1]: ten, as reliability diagrams usually have.
N_BINS = 10
#: Confidence of an event that has none (the record format's default).
DEFAULT_CONFIDENCE = 0.5
#: Cut-offs at which the trade-off curve is measured (what ``min_confidence``
#: would cost and save on each set).
CURVE_CUTOFFS = (0.0, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9)


@dataclass
class Bin:
    """One confidence bin: [low, high), with its events' confidences and outcomes."""

    low: float
    high: float
    n: int = 0
    confidence_sum: float = 0.0
    real: int = 0

    @property
    def confidence(self) -> float:
        """Mean confidence of the bin's events."""
        return self.confidence_sum / self.n if self.n else 0.0

    @property
    def accuracy(self) -> float:
        """Share of the bin's events that are real."""
        return self.real / self.n if self.n else 0.0


def observations(
    sets: dict[str, tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]],
) -> dict[str, list[tuple[float, bool]]]:
    """(confidence, real) of every current predicted event, per set."""
    out: dict[str, list[tuple[float, bool]]] = {}
    for name, (gold, predicted) in sets.items():
        rows: list[tuple[float, bool]] = []
        for record in gold:
            events = predicted.get(record["id"], [])
            source = str(record.get("source", "unknown"))
            reality = event_reality(source, record, events)
            for event, real in zip(current_events(events), reality, strict=True):
                conf = event.get("confidence")
                rows.append((float(conf) if conf is not None else DEFAULT_CONFIDENCE, real))
        out[name] = rows
    return out


def bins_of(rows: list[tuple[float, bool]], n_bins: int = N_BINS) -> list[Bin]:
    """Equal-width bins of (confidence, real) rows; confidence 1.0 goes to the last bin."""
    bins = [Bin(i / n_bins, (i + 1) / n_bins) for i in range(n_bins)]
    for conf, real in rows:
        b = bins[min(n_bins - 1, max(0, math.floor(conf * n_bins)))]
        b.n += 1
        b.confidence_sum += conf
        b.real += real
    return bins


def ece(bins: list[Bin]) -> float:
    """Expected calibration error: size-weighted mean |accuracy - confidence|."""
    total = sum(b.n for b in bins)
    return sum(b.n * abs(b.accuracy - b.confidence) for b in bins) / total if total else 0.0


def summary(rows: list[tuple[float, bool]]) -> dict[str, Any]:
    """ECE, size, share real and the bins of one group of observations."""
    bins = bins_of(rows)
    return {
        "events": len(rows),
        "real": round(sum(r for _, r in rows) / len(rows), 4) if rows else 0.0,
        "ece": round(ece(bins), 4),
        "bins": [
            {"low": b.low, "high": b.high, "n": b.n,
             "confidence": round(b.confidence, 4), "accuracy": round(b.accuracy, 4)}
            for b in bins
        ],
    }


def curve(
    golds: dict[str, list[dict[str, Any]]], predicted: dict[str, dict[str, list[dict[str, Any]]]]
) -> list[dict[str, Any]]:
    """Per cut-off: each set's detection recall and false-alarm rate at that ``min_confidence``."""
    out: list[dict[str, Any]] = []
    for cut in CURVE_CUTOFFS:
        row: dict[str, Any] = {"min_confidence": cut, "sets": {}}
        for name, gold in golds.items():
            kept = above(predicted[name], cut)
            row["sets"][name] = detection_rates([(g, kept.get(g["id"], [])) for g in gold])
        out.append(row)
    return out


def _curve_cell(figures: dict[str, float]) -> str:
    """"R 0.970", "FA 0.020", or "0.97/0.85" (recall/false alarms) for a mixed set."""
    recall, false = figures.get("detection_recall"), figures.get("false_alarm_rate")
    if recall is not None and false is not None:
        return f"{recall:.2f}/{false:.2f}"
    return f"R {recall:.3f}" if recall is not None else f"FA {false or 0.0:.3f}"


def plot(result: dict[str, Any], path: Path) -> None:
    """Write the reliability diagram (all sets pooled) with a histogram of bin sizes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pooled, news = result["all"], result["news"]
    width = 1.0 / len(pooled["bins"])
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(7, 7.5), sharex=True, gridspec_kw={"height_ratios": [3, 1]}
    )
    top.plot([0, 1], [0, 1], "--", color="grey", label="perfect calibration")
    for group, label, colour, shift in (
        (pooled, f"all sets ({pooled['events']} events), ECE {pooled['ece']:.3f}", "#4C72B0", -1),
        (news, f"news sets ({news['events']} events), ECE {news['ece']:.3f}", "#DD8452", 1),
    ):
        filled = [b for b in group["bins"] if b["n"]]
        top.bar([b["confidence"] + shift * width / 5 for b in filled],
                [b["accuracy"] for b in filled], width=width * 0.4, color=colour,
                edgecolor="black", label=label)
        bottom.bar([(b["low"] + b["high"]) / 2 + shift * width / 5 for b in group["bins"]],
                   [b["n"] for b in group["bins"]], width=width * 0.4, color=colour,
                   edgecolor="black")
    top.set_ylim(0, 1.3)  # room for the legend above the bars
    top.set_ylabel("share of events that are real (matched to gold)")
    top.set_title("Reliability of Blotter's confidence on the dev sets\n"
                  f"(bars at each bin's mean confidence; news = {', '.join(news['sets'])})",
                  fontsize=10)
    top.legend(loc="upper left", fontsize=8)
    bottom.set_xlabel("confidence")
    bottom.set_ylabel("events")
    bottom.set_xlim(0, 1)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def measure(directory: Path, predictions: Path | None, workers: int = 2) -> dict[str, Any]:
    """Calibration per set and pooled over every set of *directory*."""
    dev_sets = discover(directory)
    golds = {d.name: read_gold(d.path) for d in dev_sets}
    if predictions is not None:
        predicted = {n: read_predictions(predictions / f"{n}.jsonl") for n in golds}
    else:
        predicted = {n: p for n, (p, _e, _s) in predict_sets(golds, _settings(), workers).items()}
    rows = observations({n: (golds[n], predicted[n]) for n in golds})
    out: dict[str, Any] = {"sets": {n: summary(r) for n, r in rows.items()}}
    out["all"] = summary([row for r in rows.values() for row in r])
    # sets with no-event records: there "is it real?" is a question, while on
    # the event-note sets (ACLED, RDWTI, GED) nearly every event is real
    news = [n for n, gold in golds.items() if any(not g["events"] for g in gold)]
    out["news"] = {"sets": news, **summary([row for n in news for row in rows[n]])}
    out["curve"] = curve(golds, predicted)
    return out


def _settings() -> Any:
    from blotter.settings import Settings

    return Settings()


def main(argv: list[str] | None = None) -> int:
    """Command line: measure, print the bins and ECE, write the PNG and JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=None, help="Dev set directory.")
    parser.add_argument("--predictions", type=Path, default=None,
                        help="Predictions kept by `blotter eval --save-predictions`.")
    parser.add_argument("--png", type=Path, default=None, help="Reliability diagram to write.")
    parser.add_argument("--json", type=Path, default=None, help="Figures as JSON.")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    result = measure(args.dev or shared_dir() / DEV_SUBDIR, args.predictions, args.workers)
    pooled = result["all"]
    print(f"{pooled['events']} events, {pooled['real']:.3f} real, ECE {pooled['ece']:.4f}")
    news = result["news"]
    print(f"news sets {news['sets']}: {news['events']} events, {news['real']:.3f} real, "
          f"ECE {news['ece']:.4f}")
    print("bin           n   confidence  share real")
    for b in pooled["bins"]:
        print(f"{b['low']:.1f}-{b['high']:.1f}  {b['n']:6d}   {b['confidence']:.3f}       "
              f"{b['accuracy']:.3f}")
    for name, s in result["sets"].items():
        print(f"{name:16s} {s['events']:6d} events  real {s['real']:.3f}  ECE {s['ece']:.4f}")
    print("\nmin_confidence trade-off: detection recall (R) / false-alarm rate (FA) per set")
    names = list(result["sets"])
    print("cut   " + " ".join(f"{n[:12]:>12s}" for n in names))
    for row in result["curve"]:
        cells = [_curve_cell(row["sets"][n]) for n in names]
        print(f"{row['min_confidence']:<5.2f} " + " ".join(f"{c:>12s}" for c in cells))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.png:
        try:
            plot(result, args.png)
        except ImportError:
            print("matplotlib is not installed (pip install -e '.[bench]'): no PNG",
                  file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
