"""Feeds and pages fetched from a local HTTP server on 127.0.0.1 (never the network)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from blotter.ingest.commands import failure_lines, run_ingest
from blotter.ingest.tests.samples import SECOND_STORY, STORY, news_page, rss_feed
from blotter.settings import Settings
from blotter.store.database import open_engine
from blotter.store.models import Article

#: The slow page answers after this long; the fetch timeout in the test is far shorter.
SLOW_SECONDS = 3.0
SETTINGS = Settings().replace(geocode=False, fetch_timeout=0.5, fetch_delay=0.0,
                              fetch_allow_private=True)  # the test site is on 127.0.0.1


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        ctype, body = self.routes.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in self.routes else 404)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (timeout test)
            self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    feed = rss_feed([
        {"title": "Ambush", "link": f"{base}/ambush", "date": "Tue, 12 Mar 2024 09:00:00 GMT",
         "html": "<p>Summary only.</p>"},
        {"title": "Protest", "link": f"{base}/protest", "date": "Sat, 09 Mar 2024 18:00:00 GMT",
         "html": "<p>Summary only.</p>"},
        {"title": "Slow", "link": f"{base}/slow", "date": "Sat, 09 Mar 2024 18:00:00 GMT",
         "html": "<p>Summary only.</p>"},
    ])
    _Handler.routes = {
        "/feed.xml": ("application/rss+xml", feed.encode()),
        "/ambush": ("text/html", news_page("Ambush", STORY).encode()),
        "/protest": ("text/html", news_page("Protest", SECOND_STORY, published="2024-03-09")
                     .encode()),
        "/slow": ("text/html", news_page("Slow", STORY).encode()),
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_feed_url_followed_to_pages_with_timeout(site: str, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'f.sqlite'}"
    counts = run_ingest([f"{site}/feed.xml"], SETTINGS, db, fetch=True)
    assert counts.articles == 2 and counts.failures == 1
    [line] = failure_lines(db)
    assert "\tfetch\t" in line and "timed out" in line and "/slow" in line
    engine = open_engine(db)
    with Session(engine) as s:
        rows = {a.url: a for a in s.scalars(select(Article))}
        ambush = rows[f"{site}/ambush"]
        assert STORY[0] in ambush.text and "Summary only" not in ambush.text
        assert ambush.fetched is not None and ambush.published == date(2024, 3, 12)
        assert rows[f"{site}/protest"].published == date(2024, 3, 9)
    engine.dispose()


def test_urls_need_the_fetch_flag(site: str, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'f.sqlite'}"
    counts = run_ingest([f"{site}/ambush"], SETTINGS, db)
    assert counts.failures == 1 and counts.articles == 0
    assert "--fetch" in failure_lines(db)[0]
    counts = run_ingest([f"{site}/ambush", f"{site}/missing"], SETTINGS, db, fetch=True)
    assert counts.articles == 1 and counts.failures == 1
    assert "HTTP 404" in failure_lines(db)[0]
