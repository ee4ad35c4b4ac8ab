"""Stream HTML response records out of WARC files (gzip or not) with warcio."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from blotter.ingest.html_pages import page_item
from blotter.ingest.items import RawItem

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
#: Payloads bigger than this are not news pages (video, archives): skipped unread.
MAX_PAYLOAD_BYTES = 20_000_000
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    """True for files named like WARC/ARC archives."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def _capture_date(value: str | None) -> datetime | None:
    """Parse a WARC-Date header (ISO 8601, UTC)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def read_warc(path: Path) -> Iterator[RawItem]:
    """One item per HTML response record; a truncated or corrupt file ends in a failed item.

    Records are keyed by target URI and capture date, so the same capture in two
    archives (or the same archive read twice) is stored once.
    """
    origin = str(path)
    try:
        size = path.stat().st_size
        fh = path.open("rb")
    except OSError as exc:
        yield RawItem.failed(origin, origin, "warc", "read", f"cannot open WARC: {exc.strerror}")
        return
    with fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                captured = record.rec_headers.get_header("WARC-Date")
                locator = f"{uri} @ {captured}"
                status = record.http_headers.get_statuscode()
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if status != "200" or not ctype.startswith(HTML_TYPES):
                    continue
                if int(record.rec_headers.get_header("Content-Length") or 0) > MAX_PAYLOAD_BYTES:
                    continue
                body = record.content_stream().read()
                if getattr(record.raw_stream, "limit", 0):
                    yield RawItem.failed(
                        locator, origin, "warc", "read",
                        f"WARC record for {uri} is truncated (file ends mid-record)",
                    )
                    return
                yield page_item(body, locator, origin, "warc", url=uri or None,
                                fetched=_capture_date(captured))
        except Exception as exc:
            yield RawItem.failed(
                f"{origin}#offset={iterator.offset}", origin, "warc", "read",
                f"WARC is corrupt or truncated after offset {iterator.offset}: "
                f"{type(exc).__name__}: {exc}",
            )
            return
        if iterator.offset < size:
            yield RawItem.failed(
                f"{origin}#offset={iterator.offset}", origin, "warc", "read",
                f"WARC is truncated: unreadable data after offset {iterator.offset} "
                f"of {size} bytes",
            )
