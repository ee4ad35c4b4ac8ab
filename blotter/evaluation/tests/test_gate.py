"""The floors gate: checksums, noise margin, and no silent lowering of a floor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from blotter.cli import app
from blotter.evaluation import gate
from blotter.evaluation.datasets import sha256_file


def measured(recall: float, false_alarms: float = 0.1, sha: str = "abc") -> dict[str, Any]:
    entry = {
        "records": 200,
        "file": "/data/dev/x_dev.jsonl",
        "sha256": sha,
        "no_event_records": 100,
        "false_alarm_rate": false_alarms,
        "detection": {"precision": 0.9, "recall": recall, "f1": 0.9},
        "event_type": 0.81234,
        "admin1": 0.5,
        "n": {"event_type": 100, "admin1": 10},  # admin1 over 10 items: too few to pin
    }
    return {"sets": {"x_dev": entry}}


def test_pin_rounds_floors_down_and_ceilings_up() -> None:
    floors, refused = gate.pin(measured(0.95678, false_alarms=0.12301), gate.Floors())
    spec = floors.sets["x_dev"]
    assert not refused
    assert spec["floors"]["detection.recall"] == 0.956
    assert spec["floors"]["event_type"] == 0.812
    assert "admin1" not in spec["floors"]
    assert spec["ceilings"]["false_alarm_rate"] == 0.124
    assert spec["sha256"] == "abc"


def test_pin_refuses_to_lower_a_floor_without_allow_lower() -> None:
    old, _ = gate.pin(measured(0.95), gate.Floors())
    _new, refused = gate.pin(measured(0.90, false_alarms=0.2), old)
    assert any("detection.recall floor 0.95 -> 0.9" in r for r in refused)
    assert any("false_alarm_rate ceiling 0.1 -> 0.2" in r for r in refused)
    allowed, refused = gate.pin(measured(0.90), old, allow_lower=True)
    assert not refused and allowed.sets["x_dev"]["floors"]["detection.recall"] == 0.9
    raised, refused = gate.pin(measured(0.97), old)
    assert not refused and raised.sets["x_dev"]["floors"]["detection.recall"] == 0.97


def test_pin_keeps_a_floor_that_moved_down_within_the_noise_margin() -> None:
    old, _ = gate.pin(measured(0.95, false_alarms=0.1), gate.Floors())
    new, refused = gate.pin(measured(0.947, false_alarms=0.103), old)
    assert not refused
    assert new.sets["x_dev"]["floors"]["detection.recall"] == 0.95
    assert new.sets["x_dev"]["ceilings"]["false_alarm_rate"] == 0.1
    _, refused = gate.pin(measured(0.944), old)
    assert any("detection.recall floor 0.95 -> 0.944" in r for r in refused)


def test_rates_at_the_cut_off_are_gated() -> None:
    results = measured(0.95)
    results["sets"]["x_dev"]["at_cut"] = {"false_alarm_rate": 0.0181, "detection_recall": 0.93}
    spec = gate.pin(results, gate.Floors())[0].sets["x_dev"]
    assert spec["ceilings"]["at_cut.false_alarm_rate"] == 0.019
    assert spec["floors"]["at_cut.detection_recall"] == 0.93


def test_check_applies_the_noise_margin_and_reports_changed_files() -> None:
    floors, _ = gate.pin(measured(0.95), gate.Floors())
    assert gate.check(measured(0.946), floors)[0].status == "ok"  # within 0.005
    low = gate.check(measured(0.94), floors)[0]
    assert low.status == "below" and "detection.recall" in low.failures[0]
    changed = gate.check(measured(0.5, sha="def"), floors)[0]
    assert changed.status == "changed" and not changed.passed
    assert "has changed" in changed.failures[0]


def test_floors_file_round_trips(tmp_path: Path) -> None:
    floors, _ = gate.pin(measured(0.95), gate.Floors())
    path = tmp_path / "floors.toml"
    gate.write_floors(floors, path)
    again = gate.load_floors(path)
    assert again.sets == floors.sets
    assert again.noise_margin == gate.DEFAULT_NOISE_MARGIN


def write_set(directory: Path, preds: Path, hits: int) -> None:
    """A 4-record gold set and predictions finding *hits* of its 3 events."""
    directory.mkdir()
    preds.mkdir()
    ev = {"event_type": "Riots", "sub_event_type": "Mob violence", "is_background": False}
    with (directory / "tiny_dev.jsonl").open("w") as gold, (preds / "tiny_dev.jsonl").open(
        "w"
    ) as pred:
        for i in range(4):
            events = [{"event_type": "Riots", "fatalities": 0}] if i < 3 else []
            gold.write(json.dumps({"id": f"t{i}", "source": "acled", "text": "x" * 30,
                                   "events": events}) + "\n")
            pred.write(json.dumps({"id": f"t{i}", "events": [ev] if i < hits else []}) + "\n")


@pytest.mark.parametrize("allow", [False, True])
def test_cli_pin_refuses_a_lowering_unless_allowed(tmp_path: Path, allow: bool) -> None:
    runner = CliRunner()
    floors = tmp_path / "floors.toml"
    write_set(tmp_path / "good", tmp_path / "good_pred", hits=3)
    base = ["eval", str(tmp_path / "good"), "--floors", str(floors), "-q"]
    first = runner.invoke(app, [*base, "--from-predictions", str(tmp_path / "good_pred"),
                                "--pin-floors"])
    assert first.exit_code == 0, first.output
    assert '"detection.recall" = 1.0' in floors.read_text()
    worse = tmp_path / "worse_pred"
    worse.mkdir()
    (worse / "tiny_dev.jsonl").write_text(
        "".join(
            json.dumps({"id": f"t{i}", "events": []}) + "\n" for i in range(4)
        )
    )
    args = [*base, "--from-predictions", str(worse), "--pin-floors"]
    result = runner.invoke(app, [*args, "--allow-lower"] if allow else args)
    text = floors.read_text()
    if allow:
        assert result.exit_code == 0
        assert '"detection.recall" = 0.0' in text
    else:
        assert result.exit_code == 1
        assert "refusing to lower" in result.output
        assert '"detection.recall" = 1.0' in text  # unchanged
    check = runner.invoke(app, [*base, "--from-predictions", str(worse), "--check"])
    assert check.exit_code == (0 if allow else 1)
    assert sha256_file(tmp_path / "good" / "tiny_dev.jsonl") in text


def test_bad_gold_line_is_a_clear_error(tmp_path: Path) -> None:
    gold = tmp_path / "dev"
    gold.mkdir()
    (gold / "bad_dev.jsonl").write_text('{"id": "a", "text": "x", "events": []}\n{not json\n')
    result = CliRunner().invoke(
        app, ["eval", str(gold), "-q", "--floors", str(tmp_path / "f.toml")]
    )
    assert result.exit_code == 2
    assert "bad_dev.jsonl:2: not JSON" in result.output
    assert "Traceback" not in result.output
