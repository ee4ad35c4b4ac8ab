"""Acceptance: the El Aguaje ambush told in Spanish gives the English article's record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from blotter.document import Article
from blotter.io.records import InputRecord, parse_published
from blotter.pipeline import Pipeline
from blotter.settings import Settings

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return dict(json.loads((DATA / "el_aguaje_es.json").read_text("utf-8")))


@pytest.fixture(scope="module")
def text() -> str:
    return (DATA / "el_aguaje_es.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def events(expected: dict[str, Any], text: str) -> list[dict[str, Any]]:
    published, _ = parse_published(expected["published"])
    # No language given: the text is detected as Spanish and read with the Spanish pack.
    record = InputRecord(expected["id"], Article(expected["id"], text, published))
    (result,) = list(Pipeline.from_settings(Settings()).run([record]))
    assert result.error is None
    return result.events


def _current(events: list[dict[str, Any]]) -> dict[str, Any]:
    (main,) = [e for e in events if not e["is_background"]]
    return main


def test_type_and_date(events: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    main, want = _current(events), expected["events"][0]
    assert main["event_type"] == want["event_type"] == "Battles"
    assert main["sub_event_type"] == want["sub_event_type"] == "Armed clash"
    assert main["event_date"] == want["event_date"] == "2019-10-14"  # "la tarde del lunes"
    assert main["time_precision"] == 1


def test_actors_in_acled_english(events: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    main, want = _current(events), expected["events"][0]
    assert main["actor1"] == want["actor1"]  # "Cártel Jalisco Nueva Generación"
    assert main["actor2"]["name"] == want["actor2"]["name"] and main["actor2"]["inter"] == 1


def test_fatalities_rise_from_13_to_14(events: list[dict[str, Any]]) -> None:
    # "13 elementos sin vida" first, then "la cifra de muertos ascendió a 14"
    assert _current(events)["fatalities"] == {"best": 14, "low": 13, "high": 14}


def test_claim_by_note_left_at_scene(events: list[dict[str, Any]]) -> None:
    main = _current(events)
    assert main["claim_mode"] == "note left at scene"  # "cartulinas con mensajes"
    assert main["claimed_by"] == "Jalisco New Generation Cartel"
    assert "firearms" in main["weapons"]  # "rifles de alto poder"
    assert main["certainty"] == "reported"


def test_place_is_aguililla_michoacan_not_the_dateline(events: list[dict[str, Any]]) -> None:
    loc = _current(events)["location"]
    assert loc["country"] == "Mexico"
    assert loc["admin1"] and loc["admin1"].lower().startswith("michoac")
    # El Aguaje is too small for the gazetteer: its municipality, never Morelia
    assert loc["name"] in ("El Aguaje", "Aguililla") and loc["admin2"] == "Aguililla"


def test_uruapan_massacre_is_background(events: list[dict[str, Any]]) -> None:
    background = [e for e in events if e["is_background"]]
    assert background, "the August massacre in Uruapan must be read as background"
    uruapan = background[0]
    assert uruapan["event_date"].startswith("2019-08") and uruapan["time_precision"] == 3
    assert uruapan["location"]["name"] == "Uruapan"
    assert uruapan["actor1"]["name"] == "Jalisco New Generation Cartel"  # "el mismo cártel"
    assert uruapan["certainty"] == "alleged"  # "fue señalado por"
    assert all(e["event_date"] not in ("2019-10-14", "2019-10-15") for e in background)


def test_evidence_points_into_the_spanish_text(events: list[dict[str, Any]], text: str) -> None:
    spans = [s for e in events for s in e["evidence"]]
    assert spans
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


def test_chrome_produces_nothing(events: list[dict[str, Any]], text: str) -> None:
    start = text.index("Lee también")
    end = text.index("\n", start)  # a linked headline: "Suspenden clases ..."
    sentences = [s for e in events for s in e["evidence"] if s["field"] == "sentence"]
    assert sentences and all(not (start <= s["start"] < end) for s in sentences)
