"""Fetch a page for the ingest endpoint without server-side request forgery.

Every hop (the URL and each redirect) must be http(s) and resolve only to
public addresses; the connection goes to the address that was checked (so a
DNS answer that changes between check and connect cannot sneak in a private
one), with a size cap and an overall deadline.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from blotter import __version__

#: Redirects followed before giving up (browsers allow ~20; a news page needs 2-3).
MAX_REDIRECTS = 5
#: Largest body accepted; no article page is 5 MB of HTML.
MAX_BYTES = 5_000_000
#: Seconds for the whole fetch, every hop included.
DEADLINE_SECONDS = 15.0
CHUNK = 65_536
USER_AGENT = f"blotter/{__version__} (server ingest)"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeURL(ValueError):
    """A URL the server refuses to fetch, or a fetch that failed; the message says why."""


def public_address(ip: Address, port: int) -> bool:
    """True only for globally routable unicast addresses (no loopback, private,
    link-local, multicast, reserved or unspecified ones; IPv4-mapped checked as IPv4)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(ip.is_global) and not (
        ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified
    )


@dataclass
class Page:
    """A fetched page."""

    url: str
    content_type: str
    body: bytes


def _resolve(host: str, port: int, allowed: Callable[[Address, int], bool]) -> str:
    """One checked address of *host*; every address it resolves to must be allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UnsafeURL(f"cannot resolve {host!r}: {exc.strerror}") from exc
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addresses:
        raise UnsafeURL(f"{host!r} has no address")
    for ip in addresses:
        if not allowed(ip, port):
            raise UnsafeURL(f"refused: {host} resolves to a non-public address ({ip})")
    return str(addresses[0])


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to a checked address, with the URL's host in the Host header."""

    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a checked address; the certificate is verified for the URL's host."""

    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def fetch(
    url: str,
    allowed: Callable[[Address, int], bool] = public_address,
    max_bytes: int = MAX_BYTES,
    deadline_seconds: float = DEADLINE_SECONDS,
) -> Page:
    """GET *url* following redirects, every hop checked; raise ``UnsafeURL`` on refusal."""
    deadline = time.monotonic() + deadline_seconds
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise UnsafeURL(f"refused: only http and https URLs are fetched, not {parts.scheme!r}")
        if not parts.hostname:
            raise UnsafeURL(f"refused: no host in {url!r}")
        if parts.username or parts.password:
            raise UnsafeURL("refused: URLs with credentials are not fetched")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise UnsafeURL(f"bad port in {url!r}") from exc
        ip = _resolve(parts.hostname, port, allowed)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise UnsafeURL(f"timed out after {deadline_seconds:g} s")
        cls = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
        conn = cls(parts.hostname, port, ip, remaining)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})
            resp = conn.getresponse()
            if resp.status in (301, 302, 303, 307, 308):
                location = resp.getheader("Location")
                if not location:
                    raise UnsafeURL(f"redirect without a Location from {url}")
                url = urljoin(url, location)
                continue
            if resp.status >= 400:
                raise UnsafeURL(f"HTTP {resp.status} from {url}")
            body = bytearray()
            while chunk := resp.read(CHUNK):
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise UnsafeURL(f"{url} is larger than {max_bytes:,} bytes")
                if time.monotonic() > deadline:
                    raise UnsafeURL(f"timed out after {deadline_seconds:g} s")
            return Page(url, (resp.getheader("Content-Type") or "").lower(), bytes(body))
        except (OSError, http.client.HTTPException) as exc:
            raise UnsafeURL(f"cannot fetch {url}: {exc}") from exc
        finally:
            conn.close()
    raise UnsafeURL(f"more than {MAX_REDIRECTS} redirects")
