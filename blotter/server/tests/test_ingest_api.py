"""Ingest through the API, and URL fetching without server-side request forgery:
off by default, then only public http(s) addresses on every redirect hop, size and
time limits (against real HTTP servers on loopback, which the policy refuses)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from blotter.ingest.commands import run_ingest
from blotter.server import safefetch
from blotter.server.safefetch import UnsafeURL, public_address
from blotter.server.tests.conftest import SETTINGS, Server, make_server, shared_pipeline

REPORT = (
    "Gunmen kill seven villagers in Kaduna raid\n\nKADUNA, Nigeria - Gunmen killed seven "
    "villagers and abducted twelve others in an overnight attack on the village of Kujama in "
    "southern Kaduna state on Sunday, police said on Monday. Police spokesman Mohammed Jalige "
    "said the attackers arrived on motorcycles and opened fire on residents. Security forces "
    "have been deployed to the area."
)
PAGE = ("<html><head><title>Kaduna raid</title></head><body><article><h1>Gunmen kill seven "
        f"villagers</h1><p>{REPORT.split(chr(10))[-1]}</p></article></body></html>")
#: Seconds the slow handler waits before answering (longer than the test's deadline).
SLOW_SECONDS = 3


class Sites:
    """Two local web servers: ``outer`` (the test treats it as public) and ``inner``
    (private; must never be reached), counting the requests each gets."""

    def __init__(self) -> None:
        self.hits = {"outer": 0, "inner": 0}
        sites = self

        class Handler(BaseHTTPRequestHandler):
            site = "outer"

            def log_message(self, *_: Any) -> None:
                return

            def do_GET(self) -> None:
                sites.hits[self.site] += 1
                routes = {
                    "/page": (200, {"Content-Type": "text/html"}, PAGE.encode()),
                    "/to-inner": (302, {"Location": f"http://127.0.0.1:{sites.inner_port}/x"},
                                  b""),
                    "/to-localhost": (302, {"Location": f"http://localhost:{sites.inner_port}/"},
                                      b""),
                    "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
                    "/to-page": (301, {"Location": "/page"}, b""),
                    "/loop": (302, {"Location": "/loop"}, b""),
                    "/big": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 200_000),
                }
                if self.path == "/slow":
                    time.sleep(SLOW_SECONDS)
                status, headers, body = routes.get(self.path, (404, {}, b"no"))
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Inner(Handler):
            site = "inner"

        self.outer = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.inner = ThreadingHTTPServer(("127.0.0.1", 0), Inner)
        self.outer_port, self.inner_port = self.outer.server_port, self.inner.server_port
        for srv in (self.outer, self.inner):
            threading.Thread(target=srv.serve_forever, daemon=True).start()

    def allowed(self, ip: Any, port: int) -> bool:
        """The test's policy: the outer site counts as public; everything else as usual."""
        return (str(ip) == "127.0.0.1" and port == self.outer_port) or public_address(ip, port)

    def close(self) -> None:
        for srv in (self.outer, self.inner):
            srv.shutdown()
            srv.server_close()


@pytest.fixture(scope="module")
def sites() -> Iterator[Sites]:
    """The two local sites."""
    s = Sites()
    yield s
    s.close()


@pytest.fixture
def fetch_on(server: Server) -> Iterator[None]:
    """URL fetching switched on by the admin for one test (then off again)."""
    server.client.put("/api/admin/options", json={"allow_fetch": True},
                      headers=server.h("admin"))
    yield
    server.client.put("/api/admin/options", json={"allow_fetch": False},
                      headers=server.h("admin"))


def test_ingest_a_text_and_get_its_events_back(server: Server) -> None:
    r = server.post("/api/ingest", {"text": REPORT, "published": "2024-07-08",
                                    "title": "Kaduna raid", "source_name": "Test Wire"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["title"] == "Kaduna raid" and body["source"] == "Test Wire"
    (event,) = body["events"]
    assert event["sub_event_type"] == "Abduction/forced disappearance"
    assert event["fused_event_id"]
    fused = server.get(f"/api/events/{event['fused_event_id']}").json()
    assert fused["record"]["fatalities"]["best"] == 7
    assert any(s["field"] == "fatalities" and s["text"] == "seven"
               for s in fused["sources"][0]["evidence"])
    again = server.post("/api/ingest", {"text": REPORT, "published": "2024-07-08"})
    assert again.status_code == 200 and again.json()["already_stored"] is True
    assert again.json()["id"] == body["id"]


def test_ingest_an_html_page(server: Server) -> None:
    r = server.post("/api/ingest", {"html": PAGE.replace("seven", "eight"),
                                    "published": "2024-07-09"})
    assert r.status_code == 200, r.text
    assert r.json()["events"] and "eight villagers" in r.json()["text"]


@pytest.mark.parametrize("body,message", [
    ({}, "exactly one"),
    ({"text": "a", "url": "http://example.org/"}, "exactly one"),
    ({"text": "too short"}, "shorter than"),
    ({"html": "<html><body></body></html>"}, "no main text"),
    ({"url": "http://example.org/news"}, "fetching URLs is off"),
])
def test_bad_submissions_are_422_with_the_reason(server: Server, body: dict[str, Any],
                                                 message: str) -> None:
    r = server.post("/api/ingest", body)
    assert r.status_code == 422 and message in r.json()["detail"], r.text


def test_only_an_admin_switches_fetching_on(server: Server) -> None:
    assert server.client.put("/api/admin/options", json={"allow_fetch": True},
                             headers=server.h("editor")).status_code == 403
    r = server.client.put("/api/admin/options", json={"allow_fetch": True},
                          headers=server.h("admin"))
    assert r.status_code == 200
    assert server.client.get("/api/config").json()["allow_fetch"] is True
    server.client.put("/api/admin/options", json={"allow_fetch": False},
                      headers=server.h("admin"))
    assert server.client.get("/api/config").json()["allow_fetch"] is False


@pytest.mark.parametrize("url_template,message", [
    ("http://127.0.0.1:{outer}/page", "non-public address (127.0.0.1)"),
    ("http://localhost:{outer}/page", "non-public address"),
    ("http://[::1]:{outer}/page", "non-public address (::1)"),
    ("http://0.0.0.0:{outer}/page", "non-public address"),
    ("http://2130706433:{outer}/page", "non-public address (127.0.0.1)"),
    ("http://[::ffff:127.0.0.1]:{outer}/page", "non-public address"),
    ("http://169.254.169.254/latest/meta-data/", "non-public address (169.254.169.254)"),
    ("http://10.1.2.3/", "non-public address (10.1.2.3)"),
    ("file:///etc/passwd", "only http and https"),
    ("ftp://127.0.0.1/x", "only http and https"),
    ("gopher://127.0.0.1:{outer}/", "only http and https"),
    ("http://user:pw@127.0.0.1:{outer}/page", "credentials"),
])
def test_fetching_refuses_private_addresses_and_other_schemes(
    server: Server, sites: Sites, fetch_on: None, url_template: str, message: str
) -> None:
    app = make_server(server.url)
    before = dict(sites.hits)
    r = app.post("/api/ingest", {"url": url_template.format(outer=sites.outer_port)})
    assert r.status_code == 400 and message in r.json()["detail"], r.text
    assert sites.hits == before  # refused before any connection


def test_every_redirect_hop_is_checked(server: Server, sites: Sites, fetch_on: None) -> None:
    app = make_server(server.url, fetch_allowed=sites.allowed)
    ok = app.post("/api/ingest", {"url": f"http://127.0.0.1:{sites.outer_port}/to-page",
                                  "published": "2024-07-10"})
    assert ok.status_code == 200, ok.text
    assert ok.json()["events"] and ok.json()["url"].endswith("/page")
    for path, message in (("/to-inner", "non-public address (127.0.0.1)"),
                          ("/to-localhost", "non-public address"),
                          ("/to-file", "only http and https"),
                          ("/loop", "redirects")):
        r = app.post("/api/ingest", {"url": f"http://127.0.0.1:{sites.outer_port}{path}"})
        assert r.status_code == 400 and message in r.json()["detail"], (path, r.text)
    assert sites.hits["inner"] == 0


def test_size_and_time_limits(sites: Sites) -> None:
    base = f"http://127.0.0.1:{sites.outer_port}"
    with pytest.raises(UnsafeURL, match="larger than 1,000 bytes"):
        safefetch.fetch(f"{base}/big", sites.allowed, max_bytes=1000)
    with pytest.raises(UnsafeURL, match=r"cannot fetch|timed out"):
        safefetch.fetch(f"{base}/slow", sites.allowed, deadline_seconds=0.5)
    assert len(safefetch.fetch(f"{base}/big", sites.allowed).body) > 200_000


def test_the_kept_ingestor_sees_articles_another_process_stored(
    server: Server, tmp_path: Path
) -> None:
    """An article stored by `blotter ingest` after the server's last ingest is known to the
    server's duplicate index: the same text through the API is a duplicate of it."""
    assert server.post("/api/ingest", {"text": REPORT.replace("seven", "nine")}
                       ).status_code == 200
    other = REPORT.replace("seven", "eleven").replace("Kujama", "Kauru")
    source = tmp_path / "wire.jsonl"
    source.write_text(json.dumps({"id": "wire-1", "text": other, "published": "2024-07-08"})
                      + "\n", encoding="utf-8")
    run_ingest([str(source)], SETTINGS, server.url, pipeline_factory=shared_pipeline)
    r = server.post("/api/ingest", {"text": other})
    assert r.status_code == 200, r.text
    assert r.json()["duplicate_of"] is not None and "eleven villagers" in r.json()["text"]
