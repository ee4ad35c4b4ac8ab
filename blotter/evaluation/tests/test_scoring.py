"""Scorers count what they say they count."""

from __future__ import annotations

from blotter.evaluation.scoring import (
    haversine_km,
    muc_document_confidence,
    norm,
    precision_at_recall,
    score_acled,
    score_muc,
)


def gold_acled(**over: object) -> dict[str, object]:
    event = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Yemen (2017-) Houthi",
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
        "actor1": {"name": "Houthis", "inter": 2},
        "actor2": {"name": "y", "inter": 1},
        "location": {
            "country": "Yemen",
            "country_code": "YE",
            "admin1": "Ma'rib",
            "latitude": 15.5,
            "longitude": 45.3,
        },
    }
    event.update(over)
    return event


def test_perfect_prediction_scores_one() -> None:
    s = score_acled([(gold_acled(), [pred()])])
    for metric in ("event_type", "sub_event_type", "fatalities_exact", "fatalities_exact_pos",
                   "within_25km", "inter1", "inter2", "actor1", "country", "admin1"):
        assert s[metric] == 1.0, metric
    assert s["detection"]["recall"] == 1.0 and s["events"]["precision"] == 1.0
    assert "fatalities_exact_zero" not in s  # no gold zero was scored


def test_missing_or_background_prediction_counts_as_wrong() -> None:
    s = score_acled([(gold_acled(fatalities=0), [pred(is_background=True)])])
    assert s["event_type"] == 0.0 and s["detection"]["recall"] == 0.0
    # a missed event is wrong even where the gold count is 0 (nothing predicted it)
    assert s["fatalities_exact_zero"] == 0.0


def test_null_gold_fields_are_skipped_not_wrong() -> None:
    gold = gold_acled(sub_event_type=None, country=None, inter1=None, inter2=None)
    s = score_acled([(gold, [pred(sub_event_type="Armed clash")])])
    for metric in ("sub_event_type", "country", "inter1", "inter2"):
        assert metric not in s and metric not in s["n"], metric
    assert s["n"]["event_type"] == 1


def test_counts_split_by_gold_zero_and_positive() -> None:
    zero = (gold_acled(fatalities=0), [pred(fatalities={"best": None})])
    pos = (gold_acled(fatalities=4), [pred()])
    s = score_acled([zero, pos])
    assert s["fatalities_exact_zero"] == 1.0  # unstated reads as 0
    assert s["fatalities_exact_pos"] == 0.0 and s["fatalities_exact"] == 0.5


def test_the_best_fitting_event_stands_for_the_gold_one() -> None:
    wrong = pred(event_type="Protests", sub_event_type="Peaceful protest")
    s = score_acled([(gold_acled(), [wrong, pred()])])
    assert s["event_type"] == 1.0
    assert s["events"]["precision"] == 0.5 and s["events_per_record"] == 2.0


def test_muc_relevance_and_false_alarms() -> None:
    rel = {"id": "a", "events": [{"muc_type": "BOMBING", "country": "Peru", "fatalities": None}]}
    irr = {"id": "b", "events": []}
    quiet = {"id": "c", "events": []}
    bomb = pred(
        event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED"
    )
    s = score_muc([(rel, [bomb]), (irr, [pred()]), (quiet, [])])
    assert s["relevant_documents"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}
    assert s["false_alarm_rate"] == 0.5 and s["no_event_records"] == 2
    assert s["events"]["recall"] == 1.0


def test_muc_event_must_fit_the_incident_type() -> None:
    gold = {"id": "a", "events": [{"muc_type": "KIDNAPPING", "country": "Peru", "fatalities": 2}]}
    s = score_muc([(gold, [pred()])])  # a clash is not a kidnapping
    assert s["events"]["recall"] == 0.0 and s["fatalities_exact"] == 0.0


def test_muc_fatalities_on_single_incident_texts() -> None:
    def incident(deaths: int | None) -> dict[str, object]:
        return {"muc_type": "ATTACK", "country": "Peru", "fatalities": deaths}

    one = {"id": "a", "events": [incident(3)]}  # one incident, counted right
    two = {"id": "b", "events": [incident(3), incident(5)]}  # two incidents: not scored here
    uncoded = {"id": "c", "events": [incident(None)]}  # no gold count: not scored
    wrong = {"id": "d", "events": [incident(2)]}  # one incident, counted wrong
    s = score_muc([(one, [pred()]), (two, [pred(), pred()]), (uncoded, [pred()]),
                   (wrong, [pred()])])
    assert s["n"]["fatalities_exact_single"] == 2
    assert s["fatalities_exact_single"] == 0.5
    assert s["n"]["fatalities_exact"] == 4  # the existing figure keeps its meaning


def test_helpers() -> None:
    assert norm("Michoacán de Ocampo") == "michoacan de ocampo"
    assert 110 < haversine_km(0, 0, 1, 0) < 112


def test_muc_precision_at_the_cut_keeping_recall() -> None:
    # four relevant texts, three irrelevant; recall >= 0.75 first holds at cut 0.6
    scored = [(True, 0.9), (False, 0.8), (True, 0.6), (True, 0.6), (False, 0.3),
              (True, 0.2), (False, None)]
    got = precision_at_recall(scored, aim=0.75)
    assert got == {"recall_aim": 0.75, "cut": 0.6, "precision": 0.75, "recall": 0.75}
    # recall 1.0 needs every prediction: the lowest cut
    assert precision_at_recall(scored, aim=1.0)["cut"] == 0.2
    # out of reach: no cut, the figures of every prediction
    unreachable = precision_at_recall([(True, 0.9), (True, None)], aim=0.85)
    assert unreachable["cut"] is None and unreachable["recall"] == 0.5


def test_muc_document_confidence_is_its_best_current_violent_event() -> None:
    bomb = pred(event_type="Explosions/Remote violence",
                sub_event_type="Remote explosive/landmine/IED", confidence=0.4)
    clash = pred(confidence=0.7)
    old = pred(confidence=0.95, is_background=True)
    march = pred(event_type="Protests", sub_event_type="Peaceful protest", confidence=0.9)
    assert muc_document_confidence([bomb, clash, old, march]) == 0.7
    assert muc_document_confidence([march]) is None
    assert muc_document_confidence([pred()]) == 1.0  # no confidence: kept at any cut
    rel = {"id": "a", "events": [{"muc_type": "BOMBING", "country": "Peru", "fatalities": None}]}
    irr = {"id": "b", "events": []}
    s = score_muc([(rel, [bomb]), (irr, [clash])])
    assert s["relevant_documents_at_recall"]["cut"] == 0.4
    assert s["relevant_documents_at_recall"]["precision"] == 0.5
