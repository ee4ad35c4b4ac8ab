"""`--fetch` against local servers: SSRF refusals on every hop, no credentials, a total
deadline against a dripping server (127.0.0.1 stands in for a public host, 127.0.0.2
for an internal one)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from blotter.ingest.fetch import FetchError, PoliteFetcher, _is_public

#: Seconds between two bytes of the dripping page (each arrives well within the timeout).
DRIP_SECONDS = 0.3
#: Bytes the dripping page sends: 100 x 0.3 s = 30 s, far past the deadline.
DRIP_BYTES = 100


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}
    seen_auth: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        if self.headers.get("Authorization"):
            self.seen_auth.append(self.headers["Authorization"])
        if self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(DRIP_BYTES):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(DRIP_SECONDS)
            return
        status, headers, body = self.routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def _serve(host: str) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer((host, 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"


@pytest.fixture
def sites() -> Iterator[tuple[str, str]]:
    public, public_base = _serve("127.0.0.1")
    internal, internal_base = _serve("127.0.0.2")
    _Handler.routes = {
        "/page": (200, {"Content-Type": "text/html"}, b"<p>public page</p>"),
        "/internal": (200, {"Content-Type": "text/html"}, b"<p>internal secret</p>"),
        "/to-internal": (302, {"Location": f"{internal_base}/internal"}, b""),
        "/to-ftp": (302, {"Location": "ftp://user:secret@127.0.0.1/file"}, b""),
        "/to-page": (301, {"Location": "/page"}, b""),
    }
    _Handler.seen_auth = []
    yield public_base, internal_base
    for server in (public, internal):
        server.shutdown()
        server.server_close()


def _stand_in(address: str) -> bool:
    """127.0.0.1 plays a public server; every other address follows the real rule."""
    return address == "127.0.0.1" or _is_public(address)


def _fetcher(**kwargs: Any) -> PoliteFetcher:
    options: dict[str, Any] = {"allowed": _stand_in, "deadline": 5.0}
    options.update(kwargs)
    return PoliteFetcher(2.0, 0.0, **options)


def test_redirects_are_followed_and_checked_on_every_hop(sites: tuple[str, str]) -> None:
    public, _internal = sites
    assert _fetcher().get(f"{public}/to-page").body == b"<p>public page</p>"
    with pytest.raises(FetchError, match=r"non-public address 127\.0\.0\.2"):
        _fetcher().get(f"{public}/to-internal")
    with pytest.raises(FetchError, match="not an http"):
        _fetcher().get(f"{public}/to-ftp")


def test_loopback_and_private_addresses_refused_unless_allowed(sites: tuple[str, str]) -> None:
    public, internal = sites
    for url in (f"{public}/page", f"http://localhost:{public.rsplit(':', 1)[1]}/page"):
        with pytest.raises(FetchError, match="non-public"):
            PoliteFetcher(2.0, 0.0).get(url)
    assert PoliteFetcher(2.0, 0.0, allow_private=True).get(f"{internal}/internal").body == \
        b"<p>internal secret</p>"
    for address in ("10.0.0.1", "192.168.1.1", "169.254.169.254", "224.0.0.1", "::1",
                    "fe80::1", "0.0.0.0", "::ffff:127.0.0.1"):
        assert not _is_public(address), address
    assert _is_public("93.184.216.34")


def test_no_credentials_are_sent(sites: tuple[str, str]) -> None:
    public, _internal = sites
    host = public.split("//", 1)[1]
    with pytest.raises(FetchError, match="credentials"):
        _fetcher().get(f"http://user:secret@{host}/page")
    assert _Handler.seen_auth == []


def test_a_dripping_server_is_cut_off_at_the_deadline(sites: tuple[str, str]) -> None:
    public, _internal = sites
    with pytest.raises(FetchError, match="deadline"):
        _fetcher(deadline=2.0).get(f"{public}/drip")
