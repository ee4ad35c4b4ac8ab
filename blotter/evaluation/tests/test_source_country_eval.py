"""`blotter eval` scores what `blotter extract` outputs: each set's predictions get the
countries their source lends (blotter/geo/source_country.py), in one set or many."""

from __future__ import annotations

from typing import Any

from blotter.evaluation.runner import predict_sets, predict_with_errors
from blotter.settings import Settings

TOWNS = ("Nakuru", "Eldoret", "Kisumu", "Garissa")
TERSE = "Nurses stage a demonstration as part of an ongoing strike."


def _gold(prefix: str) -> list[dict[str, Any]]:
    rows = [{"id": f"{prefix}{i}", "text": f"Police shot dead two robbery suspects in {t}, Kenya."}
            for i, t in enumerate(TOWNS)]
    return [*rows, {"id": f"{prefix}-terse", "text": TERSE}]


def _country(events: list[dict[str, Any]]) -> str | None:
    return (events[0].get("location") or {}).get("country")


def test_every_set_of_one_eval_run_lends_its_own_country() -> None:
    settings = Settings({"source_country_min_events": 3})
    # the terse note alone in a set lends nothing: its set has no placed events
    runs = predict_sets({"kenya": _gold("k"), "alone": [{"id": "a", "text": TERSE}]},
                        settings, workers=1)
    assert _country(runs["kenya"][0]["k-terse"]) == "Kenya"
    assert _country(runs["alone"][0]["a"]) is None
    predicted, _errors = predict_with_errors(_gold("k"), settings)
    assert _country(predicted["k-terse"]) == "Kenya"
