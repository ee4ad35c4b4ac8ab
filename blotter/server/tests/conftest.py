"""Fixtures: a store seeded by ingesting the El Aguaje article and the sample corpus
(at test time, from ../shared and samples/), served by the app, with one user per role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from blotter.conftest import REPO, shared_dir
from blotter.ingest.commands import run_ingest
from blotter.pipeline import Extractor, Pipeline
from blotter.server import auth
from blotter.server.app import create_app
from blotter.server.deps import ServerConfig
from blotter.settings import Settings, load_settings
from blotter.store.tests.pg_server import fresh_database, postgres_server

__all__ = ["postgres_server"]

SETTINGS = load_settings(None)
_pipelines: dict[str, Extractor] = {}


def shared_pipeline(settings: Settings) -> Extractor:
    """One extraction pipeline for the whole test session (loading it takes seconds)."""
    if "p" not in _pipelines:
        _pipelines["p"] = Pipeline.from_settings(settings)
    return _pipelines["p"]


def el_aguaje() -> Path:
    """The seed article as an input record (read from the shared folder, never copied)."""
    return shared_dir() / "examples" / "el_aguaje" / "input.jsonl"


def seed(url: str) -> None:
    """Ingest the El Aguaje article and the bundled sample corpus into *url*."""
    run_ingest([str(el_aguaje()), str(REPO / "samples" / "articles.jsonl")], SETTINGS, url,
               pipeline_factory=shared_pipeline)


@dataclass
class Server:
    """A seeded app with a client and a token per role."""

    url: str
    app: Any
    client: TestClient
    tokens: dict[str, str]

    def h(self, role: str) -> dict[str, str]:
        """Authorization header of the *role* user."""
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def get(self, path: str, role: str = "viewer", **kw: Any) -> Any:
        """GET as *role*."""
        return self.client.get(path, headers=self.h(role), **kw)

    def post(self, path: str, body: Any, role: str = "editor") -> Any:
        """POST JSON as *role*."""
        return self.client.post(path, json=body, headers=self.h(role))

    def event_id(self, place: str) -> str:
        """The id of the listed event at *place*."""
        items = self.get("/api/events", params={"limit": 500}).json()["items"]
        return next(e["id"] for e in items if place in (e["location"]["name"] or ""))


def make_server(url: str, **config: Any) -> Server:
    """The app on *url* with users admin, editor, editor2, viewer and their tokens."""
    app = create_app(ServerConfig(db_url=url, **config), pipeline_factory=shared_pipeline)
    engine = app.state.engine
    tokens = {}
    for name, role in (("admin", "admin"), ("editor", "editor"), ("editor2", "editor"),
                       ("viewer", "viewer")):
        if name not in {u.username for u in auth.list_users(engine)}:
            auth.add_user(engine, name, f"{name}-password", role)
        tokens[name] = auth.create_token(engine, name, "tests")[1]
    return Server(url, app, TestClient(app), tokens)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[Server]:
    """A seeded store on each backend, served (one per test module)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('server') / 'store.sqlite'}"
    else:
        url = fresh_database(request.getfixturevalue("postgres_server"))
    seed(url)
    srv = make_server(url)
    yield srv
    srv.client.close()
    srv.app.state.engine.dispose()
