"""Pairwise fusion scoring (blotter.evaluation.fusion) on invented and MUC-4 gold."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from blotter.evaluation.fusion import fusion_scores, gold_oracle_scores, muc_date

SHARED = Path(os.environ.get("BLOTTER_SHARED", Path(__file__).parents[3] / ".." / "shared"))


def _gold(muc_type: str, date_raw: str, location: str | None, **extra: Any) -> dict[str, Any]:
    """An invented MUC-4-style gold incident."""
    event: dict[str, Any] = {
        "muc_type": muc_type, "date_raw": date_raw, "country": "Peru", "location": location,
        "perpetrator_orgs": [], "fatalities": None,
    }
    event.update(extra)
    return event


def test_muc_dates() -> None:
    assert muc_date("- 03 JAN 90").isoformat() == "1990-01-03"  # type: ignore[union-attr]
    assert muc_date("08 JAN 90 - 09 JAN 90").isoformat() == "1990-01-09"  # type: ignore[union-attr]
    assert muc_date("-") is None


def test_scores_count_cross_text_pairs_only() -> None:
    gold = [
        {"id": "t1", "published": "1990-01-04", "events": [
            _gold("BOMBING", "03 JAN 90", "Lima"), _gold("ATTACK", "03 JAN 90", "Lima")]},
        {"id": "t2", "published": "1990-01-04",
         "events": [_gold("BOMBING", "- 03 JAN 90", "Lima")]},
        {"id": "t3", "published": "1990-01-05",
         "events": [_gold("BOMBING", "03 JAN 90", "Cuzco")]},
    ]
    oracle = gold_oracle_scores(gold)
    assert oracle["gold_pairs"] == 1 and oracle["correct_pairs"] == 1
    assert oracle["f1"] == 1.0
    bomb = {"event_type": "Explosions/Remote violence", "sub_event_type": "Grenade",
            "event_date": "1990-01-03", "location": {"name": "Lima", "country": "Peru"}}
    predicted = {"t1": [bomb], "t2": [bomb], "t3": [dict(bomb, location={"name": "Lima"})]}
    scores = fusion_scores(gold, predicted)
    # t3's report is fused into the Lima bombing although gold places it in Cuzco
    assert scores["extracted"]["correct_pairs"] == 1
    assert scores["extracted"]["predicted_pairs"] == 3
    assert scores["extracted"]["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert scores["gold_oracle"] == oracle


@pytest.mark.slow
def test_gold_oracle_fusion_on_muc4_dev() -> None:
    path = SHARED / "evaldata" / "dev" / "muc4_dev.jsonl"
    with path.open(encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh]
    scores = gold_oracle_scores(gold)
    assert scores["gold_pairs"] > 100
    assert scores["f1"] >= 0.85


def test_alignment_needs_place_or_date_and_keyless_gold_pairs_are_not_scored() -> None:
    gold = [
        {"id": "t1", "published": "1990-01-04", "events": [
            _gold("BOMBING", "03 JAN 90", "Lima", location_raw="PERU: LIMA (CITY)"),
            _gold("BOMBING", "03 JAN 90", None)]},
        {"id": "t2", "published": "1990-01-04", "events": [
            _gold("BOMBING", "03 JAN 90", "Miraflores",
                  location_raw="PERU: LIMA (CITY): MIRAFLORES (NEIGHBORHOOD)")]},
    ]
    bomb = {"event_type": "Explosions/Remote violence", "sub_event_type": "Grenade",
            "event_date": "1990-01-03", "location": {"name": "Lima", "country": "Peru"}}
    elsewhere = dict(bomb, event_date="1990-03-01", location={"name": "Cuzco", "country": "Peru"})
    # t1: the Lima report aligns to the Lima incident (exact city), the Cuzco
    # report of another month fits neither incident and stays unaligned;
    # t2: "Lima" is the city of the gold neighbourhood, so it aligns.
    predicted = {"t1": [bomb, elsewhere], "t2": [bomb]}
    scores = fusion_scores(gold, predicted)["extracted"]
    assert scores["unaligned"] == 1
    assert scores["gold_pairs"] == 0  # Lima and Miraflores are different gold keys
    assert scores["predicted_pairs"] == 1 and scores["correct_pairs"] == 0
    # a text whose only incident has no location: its report is aligned (by
    # date) and fused with t2's, but gold cannot say if that pair is right
    gold.append({"id": "t3", "published": "1990-01-04",
                 "events": [_gold("BOMBING", "03 JAN 90", None)]})
    scores = fusion_scores(gold, {"t2": [bomb], "t3": [bomb]})["extracted"]
    assert scores["unaligned"] == 0
    assert scores["unknown_pairs"] == 1 and scores["predicted_pairs"] == 0
