"""RSS/Atom feeds with feedparser: entries as articles, pages fetched only when allowed."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import feedparser
import lxml.etree
import lxml.html

from blotter.ingest.fetch import FetchError, PoliteFetcher
from blotter.ingest.html_pages import page_item
from blotter.ingest.items import RawItem

#: Bytes sniffed to tell a feed from an HTML page or other XML.
SNIFF_BYTES = 2_000
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
_BLOCK_TAGS = ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr")


def looks_like_feed(head: bytes) -> bool:
    """True if the first bytes of a document are an RSS/Atom/RDF feed."""
    return any(m in head[:SNIFF_BYTES].lower() for m in _FEED_MARKERS)


def _entry_date(entry: Any) -> date | None:
    """The entry's publication (or update) date, if the feed gives one."""
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), UTC).date()
    return None


def _entry_text(entry: Any) -> str | None:
    """Plain text of the entry's content, or of its summary."""
    html = ""
    if entry.get("content"):
        html = max((c.get("value", "") for c in entry["content"]), key=len)
    html = html or entry.get("summary", "")
    if not html:
        return None
    text = _fragment_text(html) if "<" in html else html
    return text.strip() or None


def _fragment_text(html: str) -> str:
    """Text of an HTML fragment, one line per block element."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def read_feed(
    data: bytes, origin: str, fetcher: PoliteFetcher | None = None
) -> Iterator[RawItem]:
    """One item per feed entry; with a fetcher, the entry's page replaces its summary."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = parsed.get("bozo_exception") or "no entries"
        yield RawItem.failed(origin, origin, "feed", "parse", f"feed has no entries: {reason}")
        return
    feed_title = parsed.feed.get("title")
    links = Counter(entry.get("link") for entry in parsed.entries if entry.get("link"))
    ids = Counter((entry.get("link"), entry.get("id")) for entry in parsed.entries)
    seen: Counter[str] = Counter()
    for index, entry in enumerate(parsed.entries):
        link = entry.get("link")
        key = link or entry.get("id") or f"{origin}#entry{index}"
        if link and links[link] > 1:
            # Entries sharing a link (live blogs, one page per update) are distinct
            # articles: keyed by their own id (stable when the feed grows), else by
            # their place among the entries with that link.
            seen[link] += 1
            entry_id = entry.get("id")
            unique_id = entry_id and entry_id != link and ids[link, entry_id] == 1
            key = f"{link}#{entry_id}" if unique_id else f"{link}#{seen[link]}"
        published = _entry_date(entry)
        if fetcher is not None and link:
            try:
                page = fetcher.get(link)
            except FetchError as exc:
                yield RawItem.failed(key, origin, "feed", "fetch", str(exc))
                continue
            item = page_item(page.body, key, origin, "feed", url=link, fetched=page.fetched,
                             content_type=page.content_type)
        else:
            text = _entry_text(entry)
            if text is None:
                yield RawItem.failed(key, origin, "feed", "parse", "feed entry has no text")
                continue
            item = RawItem(locator=key, origin=origin, kind="feed", text=text, url=link)
        item.title = item.title or entry.get("title")
        item.author = item.author or entry.get("author")
        item.published = item.published or published
        item.source_name = feed_title or item.source_name
        yield item
