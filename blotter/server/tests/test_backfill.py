"""A store fused before migration 0004 (fused events without review rows) is served whole:
the app gives every fused event its review row on start."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from blotter.ingest.commands import run_ingest
from blotter.server.models import EventReview
from blotter.server.tests.conftest import SETTINGS, el_aguaje, make_server, shared_pipeline
from blotter.store.database import open_engine
from blotter.store.models import FusedEvent
from blotter.store.tests.pg_server import db_url, postgres_server

__all__ = ["db_url", "postgres_server"]


def test_fused_events_without_review_rows_get_them_on_start(db_url: str) -> None:
    run_ingest([str(el_aguaje())], SETTINGS, db_url, pipeline_factory=shared_pipeline)
    engine = open_engine(db_url)
    with Session(engine) as session, session.begin():
        n_fused = session.scalar(select(func.count()).select_from(FusedEvent))
        session.execute(delete(EventReview))
    engine.dispose()
    assert n_fused and n_fused > 1
    srv = make_server(db_url)
    with Session(srv.app.state.engine) as session:
        reviews = session.scalars(select(EventReview)).all()
    assert len(reviews) == n_fused and {r.state for r in reviews} == {"unreviewed"}
    listed = srv.get("/api/events", params={"limit": 500}).json()["items"]
    assert any(e["fatalities"]["best"] == 14 for e in listed)
    aguaje = next(r for r in reviews if r.sort_fatalities == 14)
    assert aguaje.event_type == "Battles" and aguaje.latitude is not None
    srv.app.state.engine.dispose()
