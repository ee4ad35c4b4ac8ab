"""Cross-article fusion on invented multi-article fixtures (tests/data)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from blotter.cli import app
from blotter.fusion import (
    Fuser,
    FusionIndex,
    MemoryIndex,
    SqliteIndex,
    read_articles,
    read_extracted,
)
from blotter.fusion.features import (
    COUNT_CONFLICT_VALUE,
    PairScore,
    counts_feature,
    score_pair,
    time_feature,
)
from blotter.fusion.reports import ArticleMeta, Report

DATA = Path(__file__).parent / "data"


def fuse_fixture(index: FusionIndex) -> dict[str, dict[str, Any]]:
    """Fuse every fixture article; fused events by the article ids of their sources."""
    fuser = Fuser(index)
    metas = read_articles(DATA / "articles.jsonl")
    for line in read_extracted(DATA / "extracted.jsonl", metas):
        assert line.errors == []
        for report in line.reports:
            fuser.add(report)
    index.commit()
    return {e.id: e.fused() for e in index.events()}


def event_with(events: dict[str, dict[str, Any]], report_id: str) -> dict[str, Any]:
    """The fused event that lists *report_id* among its sources."""
    found = [e for e in events.values() if report_id in {s["report_id"] for s in e["sources"]}]
    assert len(found) == 1
    return found[0]


@pytest.fixture(params=["memory", "sqlite"])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> FusionIndex:
    if request.param == "memory":
        return MemoryIndex()
    return SqliteIndex(tmp_path / "fused.sqlite")


def test_one_ambush_told_by_several_outlets_is_one_event(index: FusionIndex) -> None:
    events = fuse_fixture(index)
    aguaje = event_with(events, "herald-1#0")
    assert aguaje["fatalities"] == {"best": 14, "low": 13, "high": 14}
    assert [s["article_id"] for s in aguaje["sources"]] == [
        "wire-1", "valley-1", "herald-1", "post-1", "weekly-1",
    ]
    by_article = {s["article_id"]: s for s in aguaje["sources"]}
    assert by_article["valley-1"]["syndicated_copy_of"] == "wire-1#0"
    assert by_article["valley-1"]["outlet"] == "Valley Daily"
    assert by_article["herald-1"]["url"] == "https://herald.example/michoacan-toll-14"
    assert by_article["weekly-1"]["is_background"] is True
    assert aguaje["n_independent_reports"] == 4
    # the later, corrected place wins; the dateline's Mexico City is flagged, not hidden
    assert aguaje["location"]["name"] == "El Aguaje"
    conflict = next(c for c in aguaje["conflicts"] if c["field"] == "location")
    values = {v["value"]: v["report_ids"] for v in conflict["values"]}
    assert values["Mexico City, Ciudad de México, Mexico"] == ["wire-1#0", "valley-1#0"]
    assert "herald-1#0" in values["El Aguaje, Michoacán, Mexico"]
    # a rising toll is a revision, not a conflict
    assert aguaje["revisions"] == [
        {"field": "fatalities", "from": 13, "to": 14, "report_id": "herald-1#0",
         "published": "2019-10-15"}
    ]
    assert all(c["field"] != "fatalities" for c in aguaje["conflicts"])
    assert [h["value"]["best"] for h in aguaje["history"]["fatalities"]] == [13, 13, 14, 14, 14]
    # the decision to join the wrongly placed report is stored with its reasons
    herald = next(d for d in aguaje["decisions"] if d["report_id"] == "herald-1#0")
    assert herald["action"] == "joined"
    assert herald["reasons"]["place"] < 0 < herald["reasons"]["words"]


def test_two_incidents_same_day_same_city_stay_apart(index: FusionIndex) -> None:
    events = fuse_fixture(index)
    bar = event_with(events, "bar-1#0")
    checkpoint = event_with(events, "checkpoint-1#0")
    assert bar["event_id"] != checkpoint["event_id"]
    assert {s["article_id"] for s in bar["sources"]} == {"bar-1", "bar-2"}
    assert [s["article_id"] for s in checkpoint["sources"]] == ["checkpoint-1"]
    decision = checkpoint["decisions"][0]
    assert decision["action"] == "created" and decision["reasons"]["place"] > 0


def test_background_mentions_attach_and_never_create_an_event_on_the_reporting_date(
    index: FusionIndex,
) -> None:
    events = fuse_fixture(index)
    assert event_with(events, "weekly-1#1")["event_date"] == "2019-10-14"
    assert all(e["event_date"] != "2019-10-25" for e in events.values())
    assert len(events) == 4
    (report, decision), = list(index.unattached())
    assert report.id == "weekly-1#2" and decision.action == "unattached"


def test_state_file_grows_incrementally_and_reruns_are_idempotent(tmp_path: Path) -> None:
    lines = (DATA / "extracted.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[:3]), encoding="utf-8")
    second.write_text("".join(lines[3:]), encoding="utf-8")
    metas = read_articles(DATA / "articles.jsonl")
    state = tmp_path / "fused.sqlite"
    for part in (first, second, second):
        index = SqliteIndex(state)
        fuser = Fuser(index)
        reports = [r for line in read_extracted(part, metas) for r in line.reports]
        actions = [fuser.add(r).action for r in reports]
        index.close()
        if part is first:
            assert actions == ["created", "joined", "joined"]
    assert actions == ["duplicate"] * len(actions)
    index = SqliteIndex(state)
    incremental = {e.id: e.fused() for e in index.events()}
    index.close()
    one_shot = fuse_fixture(MemoryIndex())
    assert {k: v["fatalities"] for k, v in incremental.items()} == {
        k: v["fatalities"] for k, v in one_shot.items()
    }
    assert event_with(incremental, "wire-1#0")["n_reports"] == 5


def test_bad_records_are_reported_and_stored_events_survive(tmp_path: Path) -> None:
    state = tmp_path / "fused.sqlite"
    index = SqliteIndex(state)
    fuse_fixture(index)
    index.close()
    good = json.loads((DATA / "extracted.jsonl").read_text(encoding="utf-8").splitlines()[0])
    good["id"] = "wire-2"
    bad_event = dict(good["events"][0], sub_event_type="Grenade")
    bad_count = dict(good["events"][0], fatalities={"best": "many"})
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        "{not json\n"
        + json.dumps({"id": "x", "events": None, "error": "extraction failed: boom"}) + "\n"
        + json.dumps({"id": "y", "events": [bad_event, bad_count, good["events"][0]]}) + "\n",
        encoding="utf-8",
    )
    lines = list(read_extracted(bad))
    assert "not JSON" in lines[0].errors[0]
    assert "extraction error" in lines[1].errors[0]
    assert len(lines[2].errors) == 2 and len(lines[2].reports) == 1
    assert "'Grenade' is not a sub-event type of 'Battles'" in lines[2].errors[0]
    index = SqliteIndex(state)
    decision = Fuser(index).add(lines[2].reports[0])
    index.close()
    assert decision.action == "joined"
    index = SqliteIndex(state)
    assert sum(1 for _ in index.events()) == 4
    index.close()


def _report(rid: str, **record: Any) -> Report:
    """A minimal report for feature tests."""
    base: dict[str, Any] = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    base.update(record)
    return Report.from_record(rid, 0, base, ArticleMeta(published="2019-10-15"))


def test_features_tell_revisions_from_different_incidents() -> None:
    def fatal(n: int) -> dict[str, int]:
        return {"best": n, "low": n, "high": n}

    def toll(n: int | None) -> Report:
        return _report(str(n), fatalities=fatal(n) if n is not None else None)

    def dated(day: str) -> Report:
        return _report(day, event_date=day)

    assert counts_feature(toll(13), toll(14)) == 0.5
    assert counts_feature(toll(4), toll(2)) == COUNT_CONFLICT_VALUE < 0
    assert counts_feature(toll(None), toll(2)) is None
    assert time_feature(dated("2019-10-14"), dated("2019-10-14")) == 1.0
    assert time_feature(dated("2019-10-14"), dated("2019-10-20")) == -1.0
    mrta = _report("a", actor1={"name": "MRTA"})
    tupac = _report("b", actor1={"name": "Tupac Amaru Revolutionary Movement"})
    pair = score_pair(mrta, tupac, lambda t: 1.0)
    assert pair.contributions["actors"] > 0


def test_cli_fuse_twice_then_list_events(tmp_path: Path) -> None:
    runner = CliRunner()
    state, out = tmp_path / "fused.sqlite", tmp_path / "fused.jsonl"
    lines = (DATA / "extracted.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "a.jsonl").write_text("".join(lines[:4]), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("".join(lines[4:]), encoding="utf-8")
    for part in ("a.jsonl", "b.jsonl"):
        result = runner.invoke(
            app,
            ["fuse", str(tmp_path / part), "--articles", str(DATA / "articles.jsonl"),
             "--state", str(state), "-o", str(out)],
        )
        assert result.exit_code == 0, result.output
    fused = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(fused) == 4
    result = runner.invoke(app, ["events", "--state", str(state), "--admin1", "Michoacan",
                                 "--min-fatalities", "10", "--json"])
    assert result.exit_code == 0, result.output
    (listed,) = [json.loads(line) for line in result.output.splitlines()]
    assert listed["fatalities"]["best"] == 14
    result = runner.invoke(app, ["events", "--state", str(state), "--from", "2019-10-17",
                                 "--to", "2019-10-17", "--actor", "Sinaloa Cartel"])
    assert result.exit_code == 0, result.output
    assert result.output.count("evt-") == 1 and "Armed clash" in result.output
    result = runner.invoke(app, ["events", "--state", str(state), "--type", "Battles"])
    assert result.output.count("evt-") == 3 and "CONFLICT:location" in result.output
    copy = tmp_path / "copy.sqlite"
    shutil.copy(state, copy)
    result = runner.invoke(app, ["events", "--state", str(copy), "--country", "Colombia"])
    assert result.exit_code == 0 and result.output == ""


def test_a_report_contradicting_one_member_does_not_chain_into_the_event(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A~B and B~C are strong, A~C contradicts: C must not join {A, B}."""
    table = {frozenset("ab"): 5.0, frozenset("bc"): 5.0, frozenset("ac"): -2.0}

    def fake_score(a: Report, b: Report, idf: Any, weights: Any) -> PairScore:
        return PairScore(table[frozenset((a.article_id, b.article_id))], {}, b.id)

    monkeypatch.setattr("blotter.fusion.fuser.score_pair", fake_score)
    fuser = Fuser(MemoryIndex())
    day = {"event_date": "2019-10-14"}
    first, second, third = (_report(name, **day) for name in "abc")
    assert fuser.add(first).action == "created"
    assert fuser.add(second).action == "joined"
    decision = fuser.add(third)
    assert decision.action == "created"
    assert len(list(fuser.index.events())) == 2
