"""Stream HTML response records out of WARC files (gzip or not) with warcio.

Damage is reported, never skipped in silence: a record whose Content-Length is
wrong (warcio finds no record separator after it) is a failed item, and reading
resumes at the next record header found after the damage, so the records that
follow a bad one are still stored.  Bodies are capped once decompressed.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from blotter.ingest.html_pages import page_item
from blotter.ingest.items import RawItem

#: Payloads bigger than this are not news pages (video, archives), counted before
#: and after decompression (a gzip-encoded body of 8 KB can inflate to gigabytes).
MAX_PAYLOAD_BYTES = 20_000_000
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Where a record can start again after damage: a WARC version line at a line
#: start (plain files), or a gzip member header (``.warc.gz``, one member a record).
_PLAIN_RECORD = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n)")
_GZIP_MEMBER = b"\x1f\x8b\x08"
#: Bytes scanned at a time when looking for the next record after damage.
RESYNC_CHUNK = 1 << 20


def _capture_date(value: str | None) -> datetime | None:
    """Parse a WARC-Date header (ISO 8601, UTC)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _next_record_start(fh: BinaryIO, after: int, gzipped: bool) -> int | None:
    """Offset of the first record header past *after*, or None."""
    position = after
    while True:
        fh.seek(position)
        chunk = fh.read(RESYNC_CHUNK + 16)
        if not chunk:
            return None
        if gzipped:
            found = chunk.find(_GZIP_MEMBER)
            if found >= 0:
                return position + found
        else:
            match = _PLAIN_RECORD.search(chunk)
            if match:
                return position + match.start(1)
        if len(chunk) <= RESYNC_CHUNK:
            return None
        position += RESYNC_CHUNK


#: The WARC record type of a captured HTTP response (ISO 28500): a protocol
#: token, not a word of any language.
RESPONSE_RECORD = "response"


def _record_item(record: Any, origin: str) -> RawItem | None:
    """The item of one HTML response record (None for other records)."""
    if record.rec_type != RESPONSE_RECORD or record.http_headers is None:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    captured = record.rec_headers.get_header("WARC-Date")
    locator = f"{uri} @ {captured}"
    status = record.http_headers.get_statuscode()
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if status != "200" or not ctype.startswith(HTML_TYPES):
        return None
    declared = record.rec_headers.get_header("Content-Length") or "0"
    # compared by length first: int() of a 4,300-digit header raises ValueError
    if (not declared.isdecimal() or len(declared) > len(str(MAX_PAYLOAD_BYTES))
            or int(declared) > MAX_PAYLOAD_BYTES):
        return RawItem.failed(locator, origin, "warc", "read",
                              f"WARC record for {uri} is {declared} bytes, over the "
                              f"{MAX_PAYLOAD_BYTES:,}-byte limit: not read")
    body = record.content_stream().read(MAX_PAYLOAD_BYTES + 1)
    if len(body) > MAX_PAYLOAD_BYTES:
        return RawItem.failed(locator, origin, "warc", "read",
                              f"WARC record for {uri} decompresses to over "
                              f"{MAX_PAYLOAD_BYTES:,} bytes: not read")
    if getattr(record.raw_stream, "limit", 0):
        return RawItem.failed(locator, origin, "warc", "read",
                              f"WARC record for {uri} is truncated (file ends mid-record)")
    return page_item(body, locator, origin, "warc", url=uri or None,
                     fetched=_capture_date(captured), content_type=ctype)


def _wrong_length(item: RawItem) -> RawItem:
    """The failure reported instead of a record read with a wrong Content-Length."""
    return RawItem.failed(
        item.locator, item.origin, "warc", "read",
        f"WARC record {item.locator} is not followed by a record separator (its "
        "Content-Length is wrong): not stored",
    )


def _read_from(
    fh: BinaryIO, origin: str, base: int, size: int, gzipped: bool
) -> Generator[RawItem, None, int | None]:
    """Items from offset *base* on; returns where to resume after damage (or None)."""
    fh.seek(base)
    iterator = ArchiveIterator(fh)
    try:
        for record in iterator:
            item = _record_item(record, origin)
            if item is None:
                continue
            if item.error is not None and "truncated" in item.error:
                yield item
                return None
            errors = iterator.err_count
            iterator.read_to_end(record)  # warcio counts a missing record separator here
            yield _wrong_length(item) if iterator.err_count > errors else item
    except Exception as exc:
        bad = base + max(0, iterator.offset)
        what = ("is not a WARC file" if bad == 0 else f"is corrupt after offset {bad}")
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        resume = _next_record_start(fh, bad + 1, gzipped)
        rest = f"; reading resumes at offset {resume}" if resume is not None else ""
        yield RawItem.failed(
            f"{origin}#offset={bad}", origin, "warc", "read",
            f"WARC {what}: {type(exc).__name__}: {first}{rest}",
        )
        return resume
    end = base + iterator.offset
    if end < size:
        yield RawItem.failed(
            f"{origin}#offset={end}", origin, "warc", "read",
            f"WARC is truncated: unreadable data after offset {end} of {size} bytes",
        )
    return None


def read_warc(path: Path) -> Iterator[RawItem]:
    """One item per HTML response record; damage is a failed item and reading resumes.

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
        gzipped = fh.read(3) == _GZIP_MEMBER
        start: int | None = 0
        while start is not None:
            start = yield from _read_from(fh, origin, start, size, gzipped)
