"""Main text and metadata of HTML pages with trafilatura (meta tags and JSON-LD)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import trafilatura

from blotter.ingest.items import RawItem
from blotter.io.records import parse_published


def page_item(
    html: bytes | str,
    locator: str,
    origin: str,
    kind: str,
    url: str | None = None,
    fetched: datetime | None = None,
) -> RawItem:
    """Extract one article from an HTML page; a page without main text is a failed item."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
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

