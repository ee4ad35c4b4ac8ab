"""Polite HTTP fetching for `blotter ingest --fetch`: timeouts, a size cap, a per-host delay."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from blotter import __version__

#: Responses larger than this are cut off and refused: no news page is 10 MB of HTML.
MAX_FETCH_BYTES = 10_000_000
USER_AGENT = f"blotter/{__version__} (+https://github.com/; news event extraction)"


class FetchError(RuntimeError):
    """A download that failed (timeout, HTTP error, refused connection, too big)."""


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


class PoliteFetcher:
    """Fetch URLs one at a time, waiting at least ``delay`` seconds between hits on a host."""

    def __init__(self, timeout: float, delay: float) -> None:
        self.timeout = timeout
        self.delay = delay
        self._last: dict[str, float] = {}

    def _wait_for(self, host: str) -> None:
        """Sleep until *host* may be asked again."""
        last = self._last.get(host)
        if last is not None:
            remaining = self.delay - (time.monotonic() - last)
            if remaining > 0:
                time.sleep(remaining)

    def get(self, url: str) -> Fetched:
        """Download *url*; raise ``FetchError`` with a readable reason on any failure."""
        if not is_url(url):
            raise FetchError(f"not an http(s) URL: {url!r}")
        host = urlsplit(url).netloc
        self._wait_for(host)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                body = resp.read(MAX_FETCH_BYTES + 1)
                final_url = resp.geturl()
                ctype = resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            raise FetchError(f"HTTP {exc.code} for {url}") from exc
        except TimeoutError as exc:
            raise FetchError(f"timed out after {self.timeout:g} s fetching {url}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                raise FetchError(f"timed out after {self.timeout:g} s fetching {url}") from exc
            raise FetchError(f"cannot fetch {url}: {reason}") from exc
        finally:
            self._last[host] = time.monotonic()
        if len(body) > MAX_FETCH_BYTES:
            raise FetchError(f"{url} is larger than {MAX_FETCH_BYTES:,} bytes")
        return Fetched(final_url, ctype.lower(), body, datetime.now(UTC))
