"""Turn command-line inputs (files, directories, URLs) into a stream of raw items."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from blotter.ingest.feeds import FEED_SUFFIXES, looks_like_feed, read_feed
from blotter.ingest.fetch import FetchError, PoliteFetcher, is_url
from blotter.ingest.html_pages import page_item
from blotter.ingest.items import RawItem
from blotter.ingest.warc_files import is_warc, read_warc
from blotter.io.records import TEXT_SUFFIXES, InputRecord, read_jsonl, read_text_file

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: HTML files bigger than this are refused unread: no article page is 20 MB.
MAX_HTML_FILE_BYTES = 20_000_000


def _from_record(record: InputRecord, locator: str, origin: str, kind: str) -> RawItem:
    """A raw item from a validated JSONL/text record."""
    if record.article is None:
        return RawItem.failed(locator, origin, kind, "read", record.error or "unreadable record")
    a = record.article
    return RawItem(
        locator=locator, origin=origin, kind=kind, text=a.text, title=a.title, url=a.url,
        published=a.published, source_name=a.source_name, language=a.language,
        warnings=list(a.warnings),
    )


def _read_html_file(path: Path) -> RawItem:
    """One article from a saved HTML page."""
    origin = str(path)
    try:
        if path.stat().st_size > MAX_HTML_FILE_BYTES:
            return RawItem.failed(origin, origin, "html", "read", "HTML file is too large")
        data = path.read_bytes()
    except OSError as exc:
        return RawItem.failed(origin, origin, "html", "read", f"cannot read file: {exc.strerror}")
    return page_item(data, origin, origin, "html")


def read_file(path: Path, limits: tuple[int, int]) -> Iterator[RawItem]:
    """Items from one file, chosen by its name (feeds are also sniffed)."""
    origin = str(path)
    name = path.name.lower()
    if is_warc(path):
        yield from read_warc(path)
    elif name.endswith(HTML_SUFFIXES):
        yield _read_html_file(path)
    elif name.endswith(TEXT_SUFFIXES):
        yield _from_record(read_text_file(path, *limits), origin, origin, "text")
    elif name.endswith(JSONL_SUFFIXES):
        # Keyed by record id (repeats numbered), not by line number: a line added to
        # the file does not shift the key of every later record.
        seen: dict[str, int] = {}
        for record in read_jsonl(path, *limits):
            rid = record.key or record.id
            seen[rid] = seen.get(rid, 0) + 1
            n = seen[rid]
            key = f"{origin}#{rid}" + (f"~{n}" if n > 1 else "")
            yield _from_record(record, key, origin, "jsonl")
    elif name.endswith(FEED_SUFFIXES):
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield RawItem.failed(origin, origin, "feed", "read", f"cannot read: {exc.strerror}")
            return
        if looks_like_feed(data):
            yield from read_feed(data, origin)
        else:
            yield RawItem.failed(
                origin, origin, "feed", "parse", "XML file is not an RSS/Atom feed"
            )


def read_url(url: str, fetcher: PoliteFetcher | None) -> Iterator[RawItem]:
    """A feed (entries followed) or a page at *url*; needs fetching to be allowed."""
    if fetcher is None:
        yield RawItem.failed(url, url, "url", "fetch", "URL inputs need --fetch")
        return
    try:
        got = fetcher.get(url)
    except FetchError as exc:
        yield RawItem.failed(url, url, "url", "fetch", str(exc))
        return
    if "xml" in got.content_type or looks_like_feed(got.body):
        yield from read_feed(got.body, url, fetcher)
    else:
        yield page_item(got.body, url, url, "url", url=got.url, fetched=got.fetched,
                        content_type=got.content_type)


def _folder_files(folder: Path, follow_symlinks: bool) -> Iterator[Path | RawItem]:
    """Files under *folder* in sorted order; a link leading out of it is a failed item
    unless *follow_symlinks* (``rglob`` does not descend into linked folders)."""
    for child in sorted(folder.rglob("*")):
        if child.name.startswith("."):
            continue
        if child.is_symlink() and not follow_symlinks:
            target = child.resolve()
            if not target.is_relative_to(folder):
                yield RawItem.failed(
                    str(child), str(child), "file", "read",
                    f"symbolic link to {target} outside the input folder: not followed "
                    "(setting follow_symlinks)",
                )
                continue
        if child.is_file():
            yield child


def read_inputs(
    inputs: Iterable[str], limits: tuple[int, int], fetcher: PoliteFetcher | None = None,
    follow_symlinks: bool = False,
) -> Iterator[RawItem]:
    """Items from each input in turn: URLs, files, or directories (walked in sorted order).

    *limits* is (max_text_chars, min_text_chars) for text and JSONL records.
    Feed entries are followed to their pages only when a *fetcher* is given.
    Links inside a folder that lead out of it are reported, not read, unless
    *follow_symlinks*.
    """
    for raw in inputs:
        if is_url(raw):
            yield from read_url(raw, fetcher)
            continue
        path = Path(raw).resolve()
        if path.is_dir():
            for child in _folder_files(path, follow_symlinks):
                if isinstance(child, RawItem):
                    yield child
                else:
                    yield from _with_feed_fetch(child, limits, fetcher)
        elif path.is_file():
            yield from _with_feed_fetch(path, limits, fetcher)
        else:
            yield RawItem.failed(str(path), str(path), "file", "read", "no such file or directory")


def _with_feed_fetch(
    path: Path, limits: tuple[int, int], fetcher: PoliteFetcher | None
) -> Iterator[RawItem]:
    """Read a file; feed files follow their entries when fetching is allowed."""
    if fetcher is not None and path.name.lower().endswith(FEED_SUFFIXES):
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield RawItem.failed(str(path), str(path), "feed", "read", str(exc))
            return
        if looks_like_feed(data):
            yield from read_feed(data, str(path), fetcher)
            return
    yield from read_file(path, limits)
