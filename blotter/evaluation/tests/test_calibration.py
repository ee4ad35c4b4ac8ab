"""Calibration bins, the expected calibration error, and the reliability diagram."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from blotter.evaluation.calibration import bins_of, ece, main, observations


def test_bins_and_ece() -> None:
    rows = [(0.95, True)] * 9 + [(0.95, False)] + [(0.35, True)] * 3 + [(0.35, False)] * 7
    bins = bins_of(rows)
    assert bins[9].n == 10 and bins[9].accuracy == 0.9
    assert bins[3].n == 10 and bins[3].accuracy == 0.3
    # |0.9 - 0.95| and |0.3 - 0.35|, equal weights
    assert abs(ece(bins) - 0.05) < 1e-9
    assert bins_of([(1.0, True)])[-1].n == 1  # 1.0 falls in the last bin


def test_events_on_no_event_records_are_false() -> None:
    ev = {"event_type": "Riots", "sub_event_type": "Mob violence", "is_background": False,
          "confidence": 0.8}
    gold: list[dict[str, Any]] = [
        {"id": "a", "source": "acled", "events": [{"event_type": "Riots"}]},
        {"id": "b", "source": "negatives", "events": []},
    ]
    rows = observations({"x": (gold, {"a": [ev, ev], "b": [ev]})})
    assert rows["x"] == [(0.8, True), (0.8, False), (0.8, False)]


def test_command_writes_png_and_json(tmp_path: Path) -> None:
    dev, pred = tmp_path / "dev", tmp_path / "pred"
    dev.mkdir()
    pred.mkdir()
    ev = {"event_type": "Riots", "sub_event_type": "Mob violence", "is_background": False,
          "confidence": 0.7}
    (dev / "s_dev.jsonl").write_text(
        json.dumps({"id": "a", "source": "acled", "text": "x" * 30,
                    "events": [{"event_type": "Riots"}]}) + "\n"
        + json.dumps({"id": "b", "source": "acled", "text": "y" * 30, "events": []}) + "\n"
    )
    (pred / "s_dev.jsonl").write_text(
        json.dumps({"id": "a", "events": [ev]}) + "\n"
        + json.dumps({"id": "b", "events": [ev]}) + "\n"
    )
    png, out = tmp_path / "r.png", tmp_path / "c.json"
    assert main(["--dev", str(dev), "--predictions", str(pred), "--png", str(png),
                 "--json", str(out)]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    figures = json.loads(out.read_text())
    assert figures["all"]["ece"] == 0.2  # one bin: confidence 0.7, half real
    assert figures["news"]["sets"] == ["s_dev"]


def test_the_curve_gives_recall_and_false_alarms_per_cut() -> None:
    from blotter.evaluation.calibration import curve

    def ev(conf: float) -> dict[str, Any]:
        return {"event_type": "Riots", "sub_event_type": "Mob violence",
                "is_background": False, "confidence": conf}

    golds: dict[str, list[dict[str, Any]]] = {"x": [
        {"id": "a", "source": "acled", "events": [{"event_type": "Riots"}]},
        {"id": "b", "source": "acled", "events": []},
    ]}
    rows = curve(golds, {"x": {"a": [ev(0.45)], "b": [ev(0.25)]}})
    by_cut = {r["min_confidence"]: {k: r["sets"]["x"][k] for k in
                                    ("detection_recall", "false_alarm_rate")} for r in rows}
    assert by_cut[0.0] == {"detection_recall": 1.0, "false_alarm_rate": 1.0}
    assert by_cut[0.3] == {"detection_recall": 1.0, "false_alarm_rate": 0.0}
    assert by_cut[0.5] == {"detection_recall": 0.0, "false_alarm_rate": 0.0}
