"""A source whose placed events lie nearly all in one country lends it to its
events whose text names none; a text's own country and a world wire's
reports are left as they are."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from blotter.cli import app
from blotter.document import Article
from blotter.geo.source_country import COUNTRY_BASIS_SOURCE, SourceCountries, source_key


def _event(country: str | None = None, code: str | None = None, **actors: str) -> dict[str, Any]:
    loc = {"name": None, "country": country, "country_code": code} if country else None
    event: dict[str, Any] = {"location": loc}
    for key, name in actors.items():
        event[key] = {"name": name, "inter": 1 if name.startswith("Police") else 7}
    return event


def _kenyan(n: int) -> list[dict[str, Any]]:
    return [_event("Kenya", "KE") for _ in range(n)]


def test_a_dominant_source_lends_its_country_and_fills_generic_actors() -> None:
    prior = SourceCountries(share=0.8, min_events=5)
    prior.observe("nation.africa", [*_kenyan(9), _event("Somalia", "SO")])
    unplaced = _event(actor1="Police Forces", actor2="Civilians")
    assert prior.lend("nation.africa", [unplaced]) == 1
    loc = unplaced["location"]
    assert (loc["country"], loc["country_code"]) == ("Kenya", "KE")
    assert loc["country_basis"] == COUNTRY_BASIS_SOURCE
    assert loc["latitude"] is None and loc["geo_precision"] == 3
    assert unplaced["actor1"]["name"] == "Police Forces of Kenya"
    assert unplaced["actor2"]["name"] == "Civilians (Kenya)"


def test_a_place_the_text_names_keeps_its_country() -> None:
    prior = SourceCountries(share=0.8, min_events=5)
    prior.observe("", _kenyan(10))
    abroad = _event("Somalia", "SO")
    abroad["location"]["where_prec"] = 6  # "in Somalia": a place span
    abroad["evidence"] = [{"field": "location", "start": 3, "end": 10, "text": "Somalia"}]
    town = _event("Somalia", "SO")
    town["location"]["where_prec"] = 1
    assert prior.lend("", [abroad, town]) == 0
    assert abroad["location"]["country"] == town["location"]["country"] == "Somalia"


def test_an_actors_home_country_gives_way_to_the_sources() -> None:
    prior = SourceCountries(share=0.8, min_events=5)
    prior.observe("", _kenyan(10))
    # "Al Shabaab attacks police post": Somalia from the group's home, no place span
    cued = _event("Somalia", "SO", actor1="Al Shabaab", actor2="Police Forces of Somalia")
    cued["location"].update(name="Somalia", where_prec=6, latitude=2.0, longitude=45.3)
    cued["evidence"] = [{"field": "actor1", "start": 0, "end": 10, "text": "Al Shabaab"}]
    assert prior.lend("", [cued]) == 1
    loc = cued["location"]
    assert (loc["country"], loc["name"], loc["latitude"]) == ("Kenya", None, None)
    assert loc["country_basis"] == COUNTRY_BASIS_SOURCE
    # the actors keep the country the text gave them
    assert cued["actor2"]["name"] == "Police Forces of Somalia"


def test_a_world_wire_a_small_source_and_share_zero_lend_nothing() -> None:
    wire = SourceCountries(share=0.8, min_events=5)
    wire.observe("wire", [*_kenyan(5), *(_event("Iraq", "IQ") for _ in range(5))])
    assert wire.country("wire") is None
    small = SourceCountries(share=0.8, min_events=20)
    small.observe("local", _kenyan(10))
    assert small.country("local") is None
    off = SourceCountries(share=0.0, min_events=1)
    off.observe("local", _kenyan(10))
    assert off.country("local") is None
    # lent countries do not vote: only the text's own places count
    lender = SourceCountries(share=0.8, min_events=5)
    lender.observe("s", _kenyan(5))
    lent = [_event() for _ in range(3)]
    lender.lend("s", lent)
    lender.observe("s", lent)
    assert sum(lender.seen["s"].values()) == 5


def test_source_key_is_the_source_name_else_the_host() -> None:
    assert source_key(Article("a", "x", source_name=" Daily Nation ")) == "daily nation"
    assert source_key(Article("a", "x", url="https://www.nation.africa/kenya/x")) == "nation.africa"
    assert source_key(Article("a", "x", url="http://[::1")) == ""
    assert source_key(Article("a", "x")) == ""


def test_extract_lends_the_files_country_to_a_note_that_names_no_place(tmp_path: Path) -> None:
    towns = ["Nakuru", "Eldoret", "Kisumu", "Garissa"]
    lines = [{"id": f"k{i}", "text": f"Police shot dead two robbery suspects in {t}, Kenya."}
             for i, t in enumerate(towns)]
    terse_note = "Nurses stage a demonstration as part of an ongoing strike."
    lines.append({"id": "terse", "text": terse_note})
    src = tmp_path / "notes.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text("source_country_min_events = 3\n", encoding="utf-8")
    off = tmp_path / "off.toml"
    off.write_text("source_country_min_events = 3\nsource_country_share = 0\n", encoding="utf-8")

    def terse(cfg: Path) -> dict[str, Any]:
        out = tmp_path / "out.jsonl"
        result = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "-q",
                                          "--config", str(cfg)])
        assert result.exit_code == 0, result.output
        rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in rows] == [x["id"] for x in lines]  # input order kept
        return rows[-1]["events"][0]

    lent = terse(config)
    assert lent["location"]["country"] == "Kenya"
    assert lent["location"]["country_basis"] == COUNTRY_BASIS_SOURCE
    assert lent["actor1"]["name"] == "Protesters (Kenya)"
    assert not (terse(off)["location"] or {}).get("country")


def test_ingest_lends_from_the_stores_reports_of_the_source(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from blotter.ingest.commands import run_ingest
    from blotter.settings import Settings
    from blotter.store.models import Event

    def notes(name: str, texts: list[str]) -> Path:
        path = tmp_path / name
        rows = [{"id": f"{name}-{i}", "text": t, "source_name": "Daily Nation"}
                for i, t in enumerate(texts)]
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        return path

    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    settings = Settings({"source_country_min_events": 3})
    placed = [f"Police shot dead two robbery suspects in {t}, Kenya."
              for t in ("Nakuru", "Eldoret", "Kisumu", "Garissa")]
    run_ingest([str(notes("first.jsonl", placed))], settings, db)
    # a later run: the source's country comes from what the store already holds
    counts = run_ingest(
        [str(notes("later.jsonl", ["Nurses stage a demonstration as part of an ongoing strike."]))],
        settings, db)
    assert counts.country_from_source == 1
    engine = create_engine(db)
    with Session(engine) as session:
        rows = session.scalars(select(Event).order_by(Event.id)).all()
        last = rows[-1]
        assert last.country == "Kenya" and last.latitude is None
        assert last.record["location"]["country_basis"] == COUNTRY_BASIS_SOURCE
    engine.dispose()
