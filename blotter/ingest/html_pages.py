"""Main text and metadata of HTML pages with trafilatura (meta tags and JSON-LD)."""

from __future__ import annotations

import codecs
import re
from datetime import datetime
from urllib.parse import urlsplit

import trafilatura

from blotter.ingest.items import RawItem
from blotter.io.records import parse_published

#: Bytes of a page searched for a ``<meta charset>`` declaration (HTML5 says 1024;
#: generous, as some pages put scripts first).
META_SNIFF_BYTES = 4096
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I
)
#: A start tag longer than this is cut down to its bare name before parsing: libxml2
#: checks each attribute against all earlier ones (quadratic: 200,000 attributes took
#: minutes), and no tag whose text matters carries 20 KB of attributes.
MAX_TAG_CHARS = 20_000
_LONG_TAG = re.compile(rf"<([a-zA-Z][\w:.-]{{0,64}})[^<>]{{{MAX_TAG_CHARS},}}>")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def _codec(name: str | bytes | None) -> str | None:
    """The Python codec for a declared charset name, or None if unknown."""
    if not name:
        return None
    label = name.decode("ascii", "ignore") if isinstance(name, bytes) else name
    try:
        codec = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    # WHATWG: pages labelled ISO-8859-1 / ASCII are decoded as windows-1252.
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def decode_page(data: bytes, content_type: str | None = None) -> str:
    """Text of an HTML page: BOM, then the HTTP charset, then ``<meta charset>``,
    then UTF-8; undecodable bytes become U+FFFD only as a last resort."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(data[:META_SNIFF_BYTES])
    for declared in (header.group(1) if header else None, meta.group(1) if meta else None):
        found = _codec(declared)
        if found is not None:
            try:
                return data.decode(found)
            except (UnicodeDecodeError, LookupError):
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def page_item(
    html: bytes | str,
    locator: str,
    origin: str,
    kind: str,
    url: str | None = None,
    fetched: datetime | None = None,
    content_type: str | None = None,
) -> RawItem:
    """Extract one article from an HTML page; a page without main text is a failed item.

    Bytes are decoded with the charset the server (*content_type*) or the page
    declares (see ``decode_page``).
    """
    if isinstance(html, bytes):
        html = decode_page(html, content_type)
    html = _LONG_TAG.sub(r"<\1>", html)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
        )
    except Exception as exc:
        return RawItem.failed(locator, origin, kind, "parse", f"HTML could not be parsed: {exc}")
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        return RawItem.failed(locator, origin, kind, "parse", "no main text found in the page")
    published, warning = parse_published(doc.date)
    page_url = url or doc.url
    source = doc.sitename or doc.hostname or (urlsplit(page_url).hostname if page_url else None)
    return RawItem(
        locator=locator,
        origin=origin,
        kind=kind,
        text=doc.text,
        title=doc.title,
        author=doc.author,
        url=page_url,
        published=published,
        fetched=fetched,
        source_name=source,
        warnings=[warning] if warning else [],
    )

