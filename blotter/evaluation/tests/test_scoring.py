"""Scorers count what they say they count."""

from __future__ import annotations

from blotter.evaluation.scoring import haversine_km, norm, score_acled, score_muc


def gold_acled(**over: object) -> dict[str, object]:
    event = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "inter1": "2",
        "inter2": "1",
        "country": "Yemen",
        "admin1": "Marib",
        "event_date": "2020-05-09",
        "fatalities": 3,
        "latitude": 15.46,
        "longitude": 45.32,
    }
    event.update(over)
    return {"id": "g", "events": [event]}


def pred(**over: object) -> dict[str, object]:
    event: dict[str, object] = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "is_background": False,
        "event_date": "2020-05-09",
        "fatalities": {"best": 3, "low": 3, "high": 3},
        "actor1": {"name": "x", "inter": 2},
        "actor2": {"name": "y", "inter": 1},
        "location": {"country": "Yemen", "admin1": "Ma'rib", "latitude": 15.5, "longitude": 45.3},
    }
    event.update(over)
    return event


def test_perfect_prediction_scores_one() -> None:
    s = score_acled([(gold_acled(), [pred()])])
    assert (
        s["event_type"] == s["sub_event_type"] == s["fatalities_exact"] == s["within_25km"] == 1.0
    )
    assert s["inter1"] == s["inter2"] == 1.0


def test_missing_or_background_prediction_counts_as_wrong() -> None:
    s = score_acled([(gold_acled(), [pred(is_background=True)])])
    assert s["event_type"] == 0.0 and s["detection"]["recall"] == 0.0


def test_muc_relevance_is_document_detection() -> None:
    rel = {"id": "a", "events": [{"muc_type": "BOMBING", "country": "Peru", "fatalities": None}]}
    irr = {"id": "b", "events": []}
    bomb = pred(
        event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED"
    )
    s = score_muc([(rel, [bomb]), (irr, [pred()])])
    assert s["relevant_documents"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}


def test_helpers() -> None:
    assert norm("Michoacán de Ocampo") == "michoacan de ocampo"
    assert 110 < haversine_km(0, 0, 1, 0) < 112
