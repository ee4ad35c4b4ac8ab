"""Review and corrections on SQLite and PostgreSQL: who/when/old/new logged, optimistic
concurrency (409 with the current version), merge and split, and human values kept
through re-ingest and re-fusion (a later disagreeing report is flagged instead)."""

from __future__ import annotations

import copy
import threading
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from blotter.fusion.fuser import Fuser, FusionConfig
from blotter.fusion.reports import ArticleMeta, Report
from blotter.fusion.store_index import StoreIndex
from blotter.ingest.commands import run_ingest
from blotter.server.tests.conftest import SETTINGS, Server, el_aguaje, shared_pipeline
from blotter.store.database import open_engine
from blotter.store.models import Event, FusedReport, FusionBlock


def detail(srv: Server, event_id: str) -> dict[str, Any]:
    """GET one event (as the viewer)."""
    r = srv.get(f"/api/events/{event_id}")
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def correct(srv: Server, event_id: str, changes: dict[str, Any], version: int | None = None,
            role: str = "editor", comment: str = "checked") -> Any:
    """POST a correction at the current (or given) version."""
    if version is None:
        version = detail(srv, event_id)["version"]
    return srv.post(f"/api/events/{event_id}/corrections",
                    {"version": version, "changes": changes, "comment": comment}, role)


def test_a_correction_is_applied_logged_and_bumps_the_version(server: Server) -> None:
    event_id = server.event_id("Dori")
    before = detail(server, event_id)
    place = {"name": "Seytenga", "admin1": "Sahel", "country": "Burkina Faso",
             "latitude": 14.08, "longitude": 0.43}
    r = correct(server, event_id, {"location": place}, comment="the report names Seytenga")
    assert r.status_code == 200, r.text
    assert r.json()["version"] == before["version"] + 1
    after = detail(server, event_id)
    assert after["record"]["location"]["name"] == "Seytenga"
    assert after["record"]["location"]["latitude"] == 14.08
    assert "geonameid" not in after["record"]["location"]
    assert after["review"]["overrides"] == ["location"]
    (log,) = after["history"]["corrections"]
    assert log["user"] == "editor" and log["action"] == "correct" and log["field"] == "location"
    assert log["old"]["name"] == "Dori" and log["new"]["name"] == "Seytenga"
    assert log["comment"] == "the report names Seytenga" and log["at"]
    # The filter columns follow the person's value.
    names = [e["location"]["name"] for e in server.get(
        "/api/events", params={"bbox": "0,13.5,1,14.5", "limit": 500}).json()["items"]]
    assert "Seytenga" in names
    activity = server.get("/api/activity", params={"event_id": event_id}).json()["items"]
    assert activity[0]["field"] == "location" and activity[0]["user"] == "editor"


def test_the_second_of_two_conflicting_edits_gets_409_and_the_current_version(
    server: Server
) -> None:
    event_id = server.event_id("Fresnillo")
    seen = detail(server, event_id)["version"]
    first = correct(server, event_id, {"fatalities": {"best": 2}}, version=seen)
    second = correct(server, event_id, {"fatalities": {"best": 3}}, version=seen,
                     role="editor2")
    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["current_version"] == first.json()["version"]
    assert detail(server, event_id)["record"]["fatalities"] == {"best": 2, "low": 2, "high": 2}


def test_simultaneous_edits_at_one_version_let_exactly_one_through(server: Server) -> None:
    event_id = server.event_id("Afgooye")
    seen = detail(server, event_id)["version"]
    barrier = threading.Barrier(4)
    codes: list[int] = []

    def edit(n: int) -> None:
        client = TestClient(server.app)
        barrier.wait()
        r = client.post(f"/api/events/{event_id}/corrections",
                        json={"version": seen, "changes": {"fatalities": {"best": 10 + n}},
                              "comment": f"thread {n}"},
                        headers=server.h("editor" if n % 2 else "editor2"))
        codes.append(r.status_code)

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [200, 409, 409, 409]
    after = detail(server, event_id)
    assert after["version"] == seen + 1 and len(after["history"]["corrections"]) == 1


@pytest.mark.parametrize("changes,message", [
    ({"colour": "red"}, "unknown field"),
    ({"sub_event_type": "Armed clash", "event_type": "Protests"}, "not a sub-type"),
    ({"event_type": "Riots"}, "not a sub-type"),
    ({"fatalities": {"best": 5, "low": 7}}, "low <= best <= high"),
    ({"fatalities": {"best": -1}}, "0 or more"),
    ({"location": {"name": "X", "latitude": 100, "longitude": 0}}, "latitude"),
    ({"location": {"name": "X", "latitude": 10, "longitude": None}}, "both latitude"),
    ({"event_date": "2019-13-40"}, "YYYY-MM-DD"),
    ({"actor1": {"name": "", "inter": 3}}, "actor1.name"),
    ({"certainty": "sure"}, "certainty"),
    ({}, "no change"),
])
def test_bad_corrections_are_422_with_the_reason(server: Server, changes: dict[str, Any],
                                                 message: str) -> None:
    event_id = server.event_id("Basrah")
    r = correct(server, event_id, changes)
    assert r.status_code == 422 and message in r.json()["detail"], r.text


def test_writes_to_unknown_events_are_404(server: Server) -> None:
    assert correct(server, "evt-9999999", {"certainty": "alleged"}, version=1).status_code == 404
    r = server.post("/api/events/evt-9999999/review", {"action": "accept", "version": 1})
    assert r.status_code == 404


def test_queue_accept_reject_and_reopen(server: Server) -> None:
    queue = server.get("/api/review/queue", params={"limit": 100}).json()
    priorities = [e["priority"] for e in queue["items"]]
    assert priorities == sorted(priorities, reverse=True) and queue["total"] == len(priorities)
    event_id = server.event_id("Kaduna")
    version = detail(server, event_id)["version"]
    r = server.post(f"/api/events/{event_id}/review",
                    {"action": "reject", "version": version, "comment": "not an event"})
    assert r.status_code == 200
    assert event_id not in [e["id"] for e in server.get(
        "/api/events", params={"limit": 500}).json()["items"]]
    rejected = server.get("/api/events", params={"review_state": "rejected"}).json()["items"]
    assert [e["id"] for e in rejected] == [event_id]
    assert event_id not in [e["id"] for e in server.get(
        "/api/review/queue", params={"limit": 100}).json()["items"]]
    bad = server.post(f"/api/events/{event_id}/review", {"action": "approve",
                                                         "version": r.json()["version"]})
    assert bad.status_code == 422
    reopened = server.post(f"/api/events/{event_id}/review",
                           {"action": "reopen", "version": r.json()["version"]})
    assert reopened.status_code == 200
    accepted = server.post(f"/api/events/{event_id}/review",
                           {"action": "accept", "version": reopened.json()["version"]})
    assert accepted.status_code == 200 and detail(server, event_id)["review"]["state"] == \
        "accepted"
    log = [(c["action"], c["new"]) for c in detail(server, event_id)["history"]["corrections"]]
    assert log == [("reject", "rejected"), ("reopen", "unreviewed"), ("accept", "accepted")]


def test_merge_two_events_then_split_them_again(server: Server) -> None:
    keep, other = server.event_id("Saraqib"), server.event_id("Idlib")
    v_keep, v_other = detail(server, keep)["version"], detail(server, other)["version"]
    assert server.post(f"/api/events/{keep}/merge", {"other_id": other, "version": v_keep - 1,
                                                     "other_version": v_other}).status_code == 409
    assert server.post(f"/api/events/{keep}/merge", {"other_id": keep, "version": v_keep,
                                                     "other_version": v_keep}).status_code == 422
    r = server.post(f"/api/events/{keep}/merge", {"other_id": other, "version": v_keep,
                                                  "other_version": v_other, "comment": "same"})
    assert r.status_code == 200, r.text
    merged = detail(server, keep)
    assert merged["record"]["n_reports"] == 2 and len(merged["sources"]) == 2
    gone = server.get(f"/api/events/{other}")
    assert gone.status_code == 404 and keep in gone.json()["detail"]
    moved = next(s["report_id"] for s in merged["sources"]
                 if s["report_id"] not in {x["report_id"] for x in
                                           detail(server, keep)["sources"][:1]})
    assert server.post(f"/api/events/{keep}/split", {
        "version": merged["version"], "report_ids": [s["report_id"] for s in merged["sources"]],
    }).status_code == 422
    assert server.post(f"/api/events/{keep}/split", {
        "version": merged["version"], "report_ids": ["nope#0"]}).status_code == 422
    r = server.post(f"/api/events/{keep}/split",
                    {"version": merged["version"], "report_ids": [moved], "comment": "two"})
    assert r.status_code == 200, r.text
    new_id = r.json()["new_id"]
    assert new_id not in (keep, other)
    assert [s["report_id"] for s in detail(server, new_id)["sources"]] == [moved]
    assert len(detail(server, keep)["sources"]) == 1
    engine = open_engine(server.url)
    with Session(engine) as session:
        owner = session.scalar(select(FusedReport.fused_event_id)
                               .where(FusedReport.report_id == moved))
        blocks = session.scalars(select(FusionBlock.fused_event_id)
                                 .where(FusionBlock.fused_event_id == new_id)).all()
    engine.dispose()
    assert owner == new_id and blocks
    actions = [(c["event_id"], c["action"]) for c in server.get(
        "/api/activity", params={"limit": 10}).json()["items"]]
    assert (keep, "split") in actions and (new_id, "split") in actions
    assert (keep, "merge") in actions and (other, "merge") in actions


def _aguaje_record(url: str) -> dict[str, Any]:
    """The stored (per-article) El Aguaje event record."""
    engine = open_engine(url)
    with Session(engine) as session:
        record = session.scalars(select(Event.record).where(
            Event.event_date == date(2019, 10, 14), Event.is_background.is_(False))).first()
    engine.dispose()
    assert record is not None
    return copy.deepcopy(record)


def _fuse(url: str, report: Report) -> str | None:
    """Fuse one report into the store the way ingest does; the event it joined."""
    engine = open_engine(url)
    index = StoreIndex(engine)
    decision = Fuser(index, FusionConfig.from_settings(SETTINGS)).add(report)
    index.close()
    engine.dispose()
    return decision.event_id


def test_human_values_survive_reingest_and_refusion_and_disagreement_is_flagged(
    server: Server
) -> None:
    event_id = server.event_id("Aguaje")
    place = {"name": "El Aguaje", "admin1": "Michoacán", "country": "Mexico",
             "latitude": 18.99, "longitude": -102.71}
    assert correct(server, event_id, {"location": place, "fatalities": {"best": 13}}
                   ).status_code == 200
    version = detail(server, event_id)["version"]

    # Re-ingesting the article changes nothing.
    run_ingest([str(el_aguaje())], SETTINGS, server.url, pipeline_factory=shared_pipeline)
    again = detail(server, event_id)
    assert again["record"]["location"]["name"] == "El Aguaje"
    assert again["record"]["fatalities"]["best"] == 13 and again["version"] == version

    # A later report of the same ambush with another toll joins the event: the person's
    # toll stays, the disagreement is flagged and the event goes back to the queue.
    later = _aguaje_record(server.url)
    later["fatalities"] = {"best": 15, "low": 15, "high": 15}
    for span in later["evidence"]:
        span["text"] = span["text"] + " (follow-up)"
    report = Report.from_record("later-article", 0, later,
                                ArticleMeta(published="2019-10-17", outlet="Another Outlet"))
    assert _fuse(server.url, report) == event_id
    flagged = detail(server, event_id)
    assert flagged["record"]["fatalities"]["best"] == 13
    assert flagged["record"]["location"]["name"] == "El Aguaje"
    assert flagged["record"]["n_reports"] == 2
    assert flagged["review"]["state"] == "flagged"
    (flag,) = [f for f in flagged["review"]["flags"] if not f["resolved"]]
    assert flag["field"] == "fatalities" and flag["machine"]["best"] == 15
    assert flag["human"]["best"] == 13
    queue = server.get("/api/review/queue", params={"limit": 3}).json()["items"]
    assert queue[0]["id"] == event_id and queue[0]["open_flags"] == 1
    # Accepting resolves the flag; the person's values still stand.
    r = server.post(f"/api/events/{event_id}/review",
                    {"action": "accept", "version": flagged["version"]})
    assert r.status_code == 200
    done = detail(server, event_id)
    assert done["review"]["state"] == "accepted"
    assert not [f for f in done["review"]["flags"] if not f["resolved"]]
    assert done["record"]["fatalities"]["best"] == 13


def test_a_later_report_that_agrees_with_the_person_raises_no_flag(server: Server) -> None:
    event_id = server.event_id("Uruapan")
    assert correct(server, event_id, {"fatalities": {"best": 19}}).status_code == 200
    rec = detail(server, event_id)
    assert rec["review"]["state"] == "unreviewed"
    engine = open_engine(server.url)
    with Session(engine) as session:
        record = session.scalars(select(Event.record).where(
            Event.event_date == date(2019, 8, 1))).first()
    engine.dispose()
    assert record is not None
    later = copy.deepcopy(record)
    later["fatalities"] = {"best": 19, "low": 19, "high": 19}
    report = Report.from_record("agreeing-article", 0, later,
                                ArticleMeta(published="2019-10-20", outlet="Third Outlet"))
    assert _fuse(server.url, report) == event_id
    after = detail(server, event_id)
    assert after["review"]["state"] == "unreviewed" and after["review"]["flags"] == []
    assert after["record"]["fatalities"]["best"] == 19
