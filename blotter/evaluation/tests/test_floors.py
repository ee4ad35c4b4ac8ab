"""The CI gate: dev-set scores must not fall below the pinned floors.

Floors live in ``blotter/evaluation/floors.toml``; raise one when a change
improves a score, never lower one silently (trafilatura's eval gate).
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from blotter.evaluation.runner import evaluate_files
from blotter.settings import Settings

FLOORS: dict[str, Any] = tomllib.loads(
    resources.files("blotter.evaluation").joinpath("floors.toml").read_text("utf-8")
)


def lookup(scores: dict[str, Any], dotted: str) -> float:
    value: Any = scores
    for part in dotted.split("."):
        value = value[part]
    return float(value)


@pytest.mark.slow
@pytest.mark.parametrize("dataset", sorted(FLOORS))
def test_dev_scores_hold_their_floors(dataset: str, shared: Path) -> None:
    spec = FLOORS[dataset]
    scores = evaluate_files(shared / spec["file"], None, Settings())
    below = {
        metric: (lookup(scores, metric), floor)
        for metric, floor in spec["floors"].items()
        if lookup(scores, metric) < floor
    }
    assert not below, f"scores below their floors (score, floor): {below}"
