"""``blotter eval`` scores every event, and what a user gets at ``min_confidence`` apart."""

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


def test_scores_of_every_event_and_at_the_cut() -> None:
    scored = score(GOLD, PREDICTED, 0.5)["negatives"]
    assert scored["false_alarm_rate"] == 0.75  # a, b and d: every extracted event
    assert scored["min_confidence"] == 0.5
    assert scored["at_cut"]["false_alarm_rate"] == 0.5  # b and d
    uncut = score(GOLD, PREDICTED, 0.0)["negatives"]
    assert uncut["false_alarm_rate"] == 0.75 and "at_cut" not in uncut


def test_detection_at_the_cut_on_a_mixed_set() -> None:
    coded = [{"protest_or_conflict": True}]
    gold: list[dict[str, Any]] = [{"id": "p1", "source": "acep", "events": coded},
                                  {"id": "p2", "source": "acep", "events": coded},
                                  {"id": "n1", "source": "acep", "events": []}]
    predicted = {"p1": [_event(0.9)], "p2": [_event(0.3)], "n1": [_event(0.7)]}
    at_cut = score(gold, predicted, 0.5)["acep"]["at_cut"]
    assert at_cut["detection_recall"] == 0.5  # p1 kept, p2 cut
    assert at_cut["false_alarm_rate"] == 1.0
    assert at_cut["detection_precision"] == 0.5 and at_cut["detection_f1"] == 0.5


def test_an_event_without_confidence_is_kept() -> None:
    bare = {"event_type": "Riots", "sub_event_type": "Mob violence", "is_background": False}
    assert above({"a": [bare]}, 0.5) == {"a": [bare]}
