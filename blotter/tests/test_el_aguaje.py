"""Acceptance: the seed article gives what EXPECTED.md describes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from blotter.io.records import read_inputs
from blotter.pipeline import Pipeline
from blotter.settings import Settings


@pytest.fixture(scope="module")
def events(shared: Path) -> list[dict[str, Any]]:
    settings = Settings()
    records = list(read_inputs(shared / "examples/el_aguaje/input.jsonl", 2_000_000, 20))
    results = list(Pipeline.from_settings(settings).run(records))
    assert len(results) == 1 and results[0].error is None
    return results[0].events


def current(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if not e["is_background"]]


def test_one_current_event_typed_as_armed_clash(events: list[dict[str, Any]]) -> None:
    (main,) = current(events)
    assert (main["event_type"], main["sub_event_type"]) == ("Battles", "Armed clash")
    assert main["event_date"] == "2019-10-14" and main["time_precision"] == 1


def test_actors_and_counts(events: list[dict[str, Any]]) -> None:
    (main,) = current(events)
    assert main["actor1"]["name"] == "Jalisco New Generation Cartel"
    assert main["actor2"]["name"].startswith("Police Forces") and main["actor2"]["inter"] == 1
    assert main["fatalities"] == {"best": 14, "low": 13, "high": 14}
    assert "firearms" in main["weapons"]
    assert main["claim_mode"] == "note left at scene"
    assert main["claimed_by"] == "Jalisco New Generation Cartel"


def test_location_is_michoacan_not_mexico_city(events: list[dict[str, Any]]) -> None:
    (main,) = current(events)
    loc = main["location"]
    assert loc["country"] == "Mexico"
    assert loc["admin1"] and loc["admin1"].lower().startswith("michoac")
    assert "Mexico City" not in (loc["name"] or "")


def test_five_background_incidents_never_dated_to_the_article(events: list[dict[str, Any]]) -> None:
    background = [e for e in events if e["is_background"]]
    assert len(background) == 5
    assert all(e["event_date"] not in ("2019-10-14", "2019-10-15") for e in background)
    tolls = sorted(e["fatalities"]["best"] for e in background if e["fatalities"]["best"])
    assert tolls == [14, 15, 19, 28]
    # "the group is also suspected of ...": the article's named perpetrator, alleged
    assert all(e["actor1"]["name"] == "Jalisco New Generation Cartel" for e in background)
    assert all(e["certainty"] == "alleged" for e in background)


def test_uruapan_bodies_summed_within_one_incident(events: list[dict[str, Any]]) -> None:
    """"hung nine bodies from a bridge in Uruapan. Police say that 10 additional
    victims were dumped right nearby": one incident, 9 + 10 = 19 dead."""
    (uruapan,) = [
        e
        for e in events
        if any("Uruapan" in s["text"] for s in e["evidence"] if s["field"] == "sentence")
    ]
    assert uruapan["is_background"] and uruapan["fatalities"]["best"] == 19
    counted = {s["text"] for s in uruapan["evidence"] if s["field"] == "fatalities"}
    assert {"nine", "10"} <= counted


def test_every_evidence_span_points_into_the_input(
    events: list[dict[str, Any]], shared: Path
) -> None:
    text = json.loads((shared / "examples/el_aguaje/input.jsonl").read_text())["text"]
    spans = [span for e in events for span in e["evidence"]]
    assert spans
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


def test_boilerplate_produces_nothing(events: list[dict[str, Any]], shared: Path) -> None:
    text = json.loads((shared / "examples/el_aguaje/input.jsonl").read_text())["text"]
    ad_start = text.index("Did you know")
    sentence_spans = [s for e in events for s in e["evidence"] if s["field"] == "sentence"]
    assert all(not (ad_start <= s["start"] < ad_start + 300) for s in sentence_spans)
