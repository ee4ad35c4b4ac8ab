"""Migration 0005 on a store at 0004 with fused events: the upgrade copies each event's
country key into its review row (in one transaction with the new indexes), and the
country filter, which now reads the review table alone, finds the events; the fusion
hook keeps the key in step on later changes; clustered map views reuse the world grid
until a change stamps a review row."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import insert, inspect, select, text
from sqlalchemy.orm import Session

from blotter.server import queries
from blotter.server.models import EventReview
from blotter.server.protect import protect_record
from blotter.server.queries import Filters, list_events
from blotter.store.database import alembic_config, make_engine, open_engine, write_session
from blotter.store.models import FusedEvent
from blotter.store.tests.pg_server import db_url, postgres_server

__all__ = ["db_url", "postgres_server"]

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _at_0004(url: str) -> None:
    """A store migrated to 0004 only, with two fused events and a merged one's review."""
    engine = make_engine(url)
    cfg = alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    with engine.begin() as conn:
        for n, country in ((1, "Burkina Faso"), (2, "Côte d'Ivoire")):
            event_id = f"evt-{n:07d}"
            record = {"event_id": event_id, "event_type": "Battles",
                      "sub_event_type": "Armed clash", "event_date": "2024-05-0" + str(n),
                      "location": {"name": f"Town {n}", "country": country},
                      "fatalities": {"best": n}, "n_reports": 1}
            conn.execute(insert(FusedEvent).values(
                id=event_id, family="violence", event_type="Battles",
                sub_event_type="Armed clash", event_date=date(2024, 5, n), country=country,
                country_key="burkina faso" if n == 1 else "cote d ivoire", n_reports=1,
                background_only=False, state={"id": event_id, "reports": [],
                                              "decisions": []},
                record=record, updated=NOW))
        for n in (1, 2, 3):  # evt-0000003 was merged away: no fused event left
            conn.execute(insert(EventReview).values(
                fused_event_id=f"evt-{n:07d}", version=1,
                state="merged" if n == 3 else "unreviewed", priority=1.0, confidence=0.5,
                latitude=12.0, longitude=-1.0, event_type="Battles",
                sort_date=date(2024, 5, n), sort_fatalities=n, overrides={}, machine={},
                flags=[], updated=NOW))
    engine.dispose()


def test_upgrade_copies_the_country_key_and_the_filter_uses_it(db_url: str) -> None:
    _at_0004(db_url)
    engine = open_engine(db_url)  # 0004 -> head
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) >= "0005"
    assert "ix_event_reviews_country" in {i["name"] for i in
                                          inspect(engine).get_indexes("event_reviews")}
    with Session(engine) as session:
        keys = dict(session.execute(select(EventReview.fused_event_id,
                                           EventReview.country_key)).all())
        assert keys == {"evt-0000001": "burkina faso", "evt-0000002": "cote d ivoire",
                        "evt-0000003": None}
        page = list_events(session, Filters(country="Côte d'Ivoire"))
        assert [e["id"] for e in page["items"]] == ["evt-0000002"]
    engine.dispose()


def test_the_hook_keeps_the_key_in_step_when_the_country_changes(db_url: str) -> None:
    _at_0004(db_url)
    engine = open_engine(db_url)
    with write_session(engine) as session:
        row = session.get(FusedEvent, "evt-0000001")
        assert row is not None
        moved = {**row.record, "location": {"name": "Ayorou", "country": "Niger"}}
        protect_record(session, "evt-0000001", moved, [])
    with Session(engine) as session:
        review = session.get(EventReview, "evt-0000001")
        assert review is not None and review.country_key == "niger"
        assert list_events(session, Filters(country="Burkina Faso"))["items"] == []
        assert [e["id"] for e in list_events(session, Filters(country="NIGER"))["items"]
                ] == ["evt-0000001"]
    engine.dispose()


def test_clustered_views_reuse_the_world_grid_until_the_store_changes(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at_0004(db_url)
    engine = open_engine(db_url)
    assert "ix_event_reviews_updated" in {i["name"] for i in
                                          inspect(engine).get_indexes("event_reviews")}
    monkeypatch.setattr(queries, "GEO_POINT_BUDGET", 1)  # two events: clustered
    computed: list[int] = []
    real_grid = queries._grid

    def counting(session: Session, f: Filters, zoom: int) -> list[Any]:
        computed.append(zoom)
        return real_grid(session, f, zoom)

    monkeypatch.setattr(queries, "_grid", counting)

    def view(bbox: tuple[float, float, float, float]) -> dict[str, Any]:
        with Session(engine) as session:
            return queries.geojson(session, Filters(bbox=bbox), 4)

    both = view((-180, -90, 180, 90))
    assert both["properties"]["clustered"] and both["properties"]["total"] == 2
    west = view((-20, -10, 5, 40))  # another viewport at that zoom: the same grid
    assert west["properties"]["total"] == 2 and computed == [4]
    assert view((100, -10, 120, 10))["features"] == []  # nothing there
    with write_session(engine) as session:  # a change: the next view recomputes
        row = session.get(FusedEvent, "evt-0000002")
        assert row is not None
        moved = {**row.record, "location": {"name": "Far", "country": "Laos",
                                            "latitude": 18.0, "longitude": 103.0}}
        protect_record(session, "evt-0000002", moved, [])
    world = view((-180, -90, 180, 90))  # still two events: clustered, from a new grid
    assert computed == [4, 4]
    cells = sorted((f["geometry"]["coordinates"], f["properties"]["count"])
                   for f in world["features"])
    assert [(round(lon), round(lat), n) for (lon, lat), n in cells] == [(-1, 12, 1),
                                                                        (103, 18, 1)]
    (moved_point,) = view((100, 10, 110, 25))["features"]  # one event in view: a point
    assert moved_point["id"] == "evt-0000002"
    engine.dispose()
