"""The CI gate: every dev set's scores hold the floors pinned in floors.toml.

One extraction run over every pinned set (2 worker processes), then one test
per set: its file is the one the floors were measured on (same SHA-256) and no
score is below its floor (above its ceiling) by more than the noise margin.
Re-pin with ``blotter eval --all --pin-floors`` (docs/evaluation.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from blotter.evaluation.datasets import DevSet
from blotter.evaluation.gate import check_set, load_floors
from blotter.evaluation.runner import evaluate_sets
from blotter.settings import Settings

FLOORS = load_floors()


@pytest.fixture(scope="module")
def measured(shared: Path) -> dict[str, Any]:
    """Scores of every pinned set that exists under the shared directory."""
    sets = [
        DevSet(name, shared / spec["file"])
        for name, spec in sorted(FLOORS.sets.items())
        if (shared / spec["file"]).exists()
    ]
    return evaluate_sets(sets, Settings(), workers=2)


def test_every_dev_set_is_pinned(shared: Path) -> None:
    on_disk = {p.stem for p in (shared / "evaldata" / "dev").glob("*.jsonl")}
    assert on_disk <= set(FLOORS.sets), f"dev sets without floors: {on_disk - set(FLOORS.sets)}"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS.sets))
def test_dev_scores_hold_their_floors(name: str, measured: dict[str, Any]) -> None:
    verdict = check_set(name, measured["sets"].get(name), FLOORS)
    assert verdict.status == "ok", "\n".join(verdict.failures)
