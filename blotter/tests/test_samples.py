"""The bundled sample corpus (`make demo`) gives what its articles say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from blotter.io.records import read_inputs
from blotter.pipeline import Pipeline
from blotter.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles.jsonl"


@pytest.fixture(scope="module")
def out() -> dict[str, dict[str, Any]]:
    records = read_inputs(SAMPLES, 2_000_000, 20)
    return {r.id: r.to_dict() for r in Pipeline.from_settings(Settings()).run(records)}


def current(out: dict[str, dict[str, Any]], rid: str) -> list[dict[str, Any]]:
    assert out[rid]["error"] is None
    return [e for e in out[rid]["events"] if not e["is_background"]]


def test_revised_toll_and_background_raid(out: dict[str, dict[str, Any]]) -> None:
    (main,) = current(out, "sample-001")
    assert main["sub_event_type"] == "Attack" and main["event_date"] == "2024-03-10"
    assert main["fatalities"] == {"best": 11, "low": 9, "high": 11}
    assert main["injuries"]["best"] == 6 and main["claim_mode"] is None  # "no group has claimed"
    (old,) = [e for e in out["sample-001"]["events"] if e["is_background"]]
    assert old["event_date"] == "2019-01-01" and old["fatalities"]["best"] == 20


def test_protest_bomb_and_abduction(out: dict[str, dict[str, Any]]) -> None:
    (protest,) = current(out, "sample-002")
    assert protest["sub_event_type"] == "Protest with intervention"
    assert protest["detained"]["best"] == 4 and protest["actor1"]["inter"] == 6
    (bomb,) = current(out, "sample-003")
    assert bomb["sub_event_type"] == "Remote explosive/landmine/IED"
    assert bomb["actor1"]["name"] == "Al Shabaab" and bomb["fatalities"]["best"] == 3
    (abduction,) = current(out, "sample-004")
    assert abduction["sub_event_type"] == "Abduction/forced disappearance"
    assert abduction["claim_mode"] == "note left at scene"
    assert abduction["location"]["admin1"] == "Zacatecas"


def test_two_incidents_one_report_and_none_in_a_budget_story(
    out: dict[str, dict[str, Any]],
) -> None:
    types = [e["sub_event_type"] for e in current(out, "sample-005")]
    assert types == ["Air/drone strike", "Armed clash"]
    assert out["sample-006"]["events"] == []


def test_bad_records_are_reported_not_dropped(out: dict[str, dict[str, Any]]) -> None:
    assert len(out) == 9
    assert "future" in out["sample-007"]["warnings"][0]
    assert "empty" in out["sample-008"]["error"]
    assert "not valid JSON" in out["articles.jsonl:9"]["error"]


def test_cli_writes_into_a_new_output_directory(tmp_path: Path) -> None:
    """`make demo` on a fresh clone: the output folder does not exist yet."""
    from typer.testing import CliRunner

    from blotter.cli import app

    target = tmp_path / "new" / "events.jsonl"
    result = CliRunner().invoke(app, ["extract", str(SAMPLES), "-o", str(target), "-q"])
    assert result.exit_code == 1, result.output  # exit 1: the two broken sample records
    assert len(target.read_text(encoding="utf-8").splitlines()) == 9
