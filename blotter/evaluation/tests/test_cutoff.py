"""``blotter eval`` scores what a user gets at ``min_confidence``; the uncut figures stay."""

from __future__ import annotations

from typing import Any

from blotter.evaluation.runner import above, score


def _event(confidence: float) -> dict[str, Any]:
    return {"event_type": "Riots", "sub_event_type": "Mob violence", "is_background": False,
            "confidence": confidence}


GOLD: list[dict[str, Any]] = [
    {"id": "a", "source": "negatives", "events": []},
    {"id": "b", "source": "negatives", "events": []},
    {"id": "c", "source": "negatives", "events": []},
    {"id": "d", "source": "negatives", "events": []},
]
PREDICTED = {"a": [_event(0.2)], "b": [_event(0.9)], "c": [], "d": [_event(0.3), _event(0.6)]}


def test_events_under_the_cut_are_left_out() -> None:
    kept = above(PREDICTED, 0.5)
    assert kept["a"] == [] and kept["b"] == PREDICTED["b"]
    assert [e["confidence"] for e in kept["d"]] == [0.6]
    assert above(PREDICTED, 0.0) is PREDICTED


def test_scores_at_the_cut_and_without_it() -> None:
    at_cut = score(GOLD, PREDICTED, 0.5)["negatives"]
    assert at_cut["false_alarm_rate"] == 0.5  # b and d
    assert at_cut["min_confidence"] == 0.5
    assert at_cut["uncut"]["false_alarm_rate"] == 0.75  # a, b and d
    uncut = score(GOLD, PREDICTED, 0.0)["negatives"]
    assert uncut["false_alarm_rate"] == 0.75 and "uncut" not in uncut


def test_an_event_without_confidence_is_kept() -> None:
    bare = {"event_type": "Riots", "sub_event_type": "Mob violence", "is_background": False}
    assert above({"a": [bare]}, 0.5) == {"a": [bare]}
