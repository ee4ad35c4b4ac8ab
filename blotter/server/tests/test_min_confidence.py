"""The API's event lists apply the ``min_confidence`` setting unless a query asks otherwise."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from blotter.server.tests.conftest import Server, make_server, seed

#: Above every extracted confidence (the score's ceiling is 0.98): hides every
#: event no analyst accepted.
HIGH = 0.99


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A seeded SQLite store served with ``min_confidence = 0.99`` in its config file."""
    folder = tmp_path_factory.mktemp("strict")
    config = folder / "blotter.toml"
    config.write_text(f"min_confidence = {HIGH}\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    seed(url)
    srv = make_server(url, config_file=str(config))
    yield srv
    srv.client.close()
    srv.app.state.engine.dispose()


def _ids(srv: Server, **params: object) -> list[str]:
    r = srv.get("/api/events", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["items"]]


def test_the_setting_is_the_default_and_zero_shows_all(strict: Server) -> None:
    assert _ids(strict) == []  # nothing reaches 0.99
    everything = _ids(strict, min_confidence=0)
    assert len(everything) >= 8
    assert _ids(strict, min_confidence=0.01) == everything  # the score's floor is 0.02
    assert strict.get("/api/timeline").json() == {"days": []}
    assert strict.get("/api/timeline", params={"min_confidence": 0}).json()["days"]


def test_an_accepted_event_shows_whatever_its_confidence(strict: Server) -> None:
    event_id = _ids(strict, min_confidence=0)[0]
    detail = strict.get(f"/api/events/{event_id}").json()
    r = strict.post(f"/api/events/{event_id}/review",
                    {"action": "accept", "version": detail["version"]})
    assert r.status_code == 200, r.text
    assert _ids(strict) == [event_id]
