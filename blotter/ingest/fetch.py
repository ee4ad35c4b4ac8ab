"""Polite, bounded and SSRF-safe HTTP fetching for `blotter ingest --fetch`.

Every hop (the URL and each redirect) must be http(s) without credentials in
the URL, and its host must resolve only to public addresses (no loopback,
private, link-local, multicast, reserved or unspecified ones) unless
``fetch_allow_private`` is set.  The connection goes to the very address that
was checked (no second DNS lookup an attacker could answer differently).  A
download has a total deadline besides the per-read timeout, so a server
dripping one byte at a time cannot hold it, and the body is capped (also once
decompressed).  No cookies, credentials or proxies are used.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from blotter import __version__

#: Responses larger than this are cut off and refused: no news page is 10 MB of HTML.
MAX_FETCH_BYTES = 10_000_000
#: Redirects followed per download (browsers allow about 20; news sites need 1-3).
MAX_REDIRECTS = 5
#: Bytes asked for per read (each read waits at most the per-read timeout).
READ_CHUNK = 65_536
USER_AGENT = f"blotter/{__version__} (+https://github.com/; news event extraction)"
_REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(RuntimeError):
    """A download that failed (timeout, HTTP error, refused address, too big)."""


@dataclass
class Fetched:
    """A downloaded resource."""

    url: str
    content_type: str
    body: bytes
    fetched: datetime


def is_url(text: str) -> bool:
    """True for http(s) URLs."""
    return text.startswith(("http://", "https://"))


def _is_public(address: str) -> bool:
    """True for a globally routable unicast address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_loopback or ip.is_link_local
                                 or ip.is_private or ip.is_reserved or ip.is_unspecified)


AddressPolicy = Callable[[str], bool]


def resolve_checked(host: str, port: int, allow_private: bool,
                    allowed: AddressPolicy = _is_public) -> str:
    """One address of *host* to connect to; every address must pass *allowed*
    (public addresses by default) unless *allow_private*."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(f"cannot resolve {host}")
    if not allow_private:
        refused = [a for a in addresses if not allowed(a)]
        if refused:
            raise FetchError(
                f"refused: {host} resolves to non-public address {refused[0]} "
                "(set fetch_allow_private for intranet servers)"
            )
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to a checked address (the Host header keeps the name)."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address, certificate checked for the name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class PoliteFetcher:
    """Fetch URLs one at a time, waiting at least ``delay`` seconds between hits on a host."""

    def __init__(self, timeout: float, delay: float, deadline: float = 30.0,
                 allow_private: bool = False, allowed: AddressPolicy = _is_public) -> None:
        self.timeout = timeout
        self.delay = delay
        self.deadline = deadline
        self.allow_private = allow_private
        #: Which resolved addresses may be contacted (tests stand a local one in for
        #: a public server).
        self.allowed = allowed
        self._last: dict[str, float] = {}

    def _wait_for(self, host: str) -> None:
        """Sleep until *host* may be asked again."""
        last = self._last.get(host)
        if last is not None:
            remaining = self.delay - (time.monotonic() - last)
            if remaining > 0:
                time.sleep(remaining)

    def _check_hop(self, url: str) -> tuple[str, str, int]:
        """(scheme, host, port) of a URL allowed as a hop; FetchError otherwise."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"not an http(s) URL: {url!r}")
        if parts.username is not None or parts.password is not None:
            raise FetchError(f"refused: credentials in URL {parts.hostname}")
        if not parts.hostname:
            raise FetchError(f"no host in URL {url!r}")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise FetchError(f"bad port in URL {url!r}") from exc
        return parts.scheme, parts.hostname, port

    def get(self, url: str) -> Fetched:
        """Download *url*; raise ``FetchError`` with a readable reason on any failure."""
        ends = time.monotonic() + self.deadline
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            status, location, ctype, body = self._one_hop(current, ends)
            if status in _REDIRECTS and location:
                current = urljoin(current, location)
                continue
            if status >= 400:
                raise FetchError(f"HTTP {status} for {current}")
            return Fetched(current, ctype.lower(), body, datetime.now(UTC))
        raise FetchError(f"more than {MAX_REDIRECTS} redirects fetching {url}")

    def _one_hop(self, url: str, ends: float) -> tuple[int, str | None, str, bytes]:
        """(status, Location, Content-Type, body) of one request, within the deadline."""
        scheme, host, port = self._check_hop(url)
        self._wait_for(host)
        address = resolve_checked(host, port, self.allow_private, self.allowed)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
        conn = kind(host, port, address, self._left(ends, url))
        sockets: list[socket.socket] = []
        watchdog = threading.Timer(max(0.0, ends - time.monotonic()), _cut, (sockets,))
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.request("GET", path, headers={"User-Agent": USER_AGENT,
                                               "Accept-Encoding": "gzip, identity"})
            if conn.sock is not None:  # kept: http.client drops it once the response owns it
                sockets.append(conn.sock)
            resp = conn.getresponse()
            if resp.status in _REDIRECTS:
                return resp.status, resp.getheader("Location"), "", b""
            length = resp.getheader("Content-Length") or ""
            # compared by length first: int() of a 4,300-digit header raises ValueError
            if length.isdecimal() and (len(length) > len(str(MAX_FETCH_BYTES))
                                       or int(length) > MAX_FETCH_BYTES):
                raise FetchError(f"{url} is larger than {MAX_FETCH_BYTES:,} bytes")
            body = self._read_body(sockets, resp, ends, url)
            if (resp.getheader("Content-Encoding") or "").lower() == "gzip":
                body = _gunzip(body, url)
            return resp.status, None, resp.getheader("Content-Type") or "", body
        except FetchError:
            raise
        except TimeoutError as exc:
            if ends - time.monotonic() < self.timeout:  # the read was cut to the deadline
                raise FetchError(
                    f"deadline of {self.deadline:g} s passed fetching {url}") from exc
            raise FetchError(f"timed out after {self.timeout:g} s fetching {url}") from exc
        except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
            if time.monotonic() >= ends:
                raise FetchError(
                    f"deadline of {self.deadline:g} s passed fetching {url}") from exc
            raise FetchError(f"cannot fetch {url}: {type(exc).__name__}: {exc}") from exc
        finally:
            watchdog.cancel()
            conn.close()
            self._last[host] = time.monotonic()

    def _left(self, ends: float, url: str) -> float:
        """The per-read timeout, shortened to what is left of the deadline."""
        left = ends - time.monotonic()
        if left <= 0:
            raise FetchError(f"deadline of {self.deadline:g} s passed fetching {url}")
        return min(self.timeout, left)

    def _read_body(self, sockets: list[socket.socket], resp: http.client.HTTPResponse,
                   ends: float, url: str) -> bytes:
        """The body, read chunk by chunk against the deadline and the size cap."""
        chunks: list[bytes] = []
        size = 0
        while True:
            left = self._left(ends, url)
            for sock in sockets:
                sock.settimeout(left)
            chunk = resp.read1(READ_CHUNK)
            if not chunk:
                if time.monotonic() >= ends:  # the watchdog cut the connection
                    raise FetchError(f"deadline of {self.deadline:g} s passed fetching {url}")
                return b"".join(chunks)
            size += len(chunk)
            if size > MAX_FETCH_BYTES:
                raise FetchError(f"{url} is larger than {MAX_FETCH_BYTES:,} bytes")
            chunks.append(chunk)


def _cut(sockets: list[socket.socket]) -> None:
    """Deadline reached: shut the socket so any blocked read returns at once."""
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _gunzip(body: bytes, url: str) -> bytes:
    """A gzip-encoded body, decompressed up to the size cap."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, MAX_FETCH_BYTES + 1)
    except zlib.error as exc:
        raise FetchError(f"{url}: gzip body is corrupt ({exc})") from exc
    if len(out) > MAX_FETCH_BYTES:
        raise FetchError(f"{url} decompresses to more than {MAX_FETCH_BYTES:,} bytes")
    return out
