"""Turn command-line inputs (files, directories, URLs) into a stream of raw items.

Every file type is read by a reader in the ``READERS`` registry
(:mod:`blotter.registry`): the built-in ones below are its default plugins, and
a package adds a file type through the ``blotter.readers`` entry-point group.
A reader is an object with

* ``suffixes``: the file name endings it reads (matched lower-cased, the
  longest ending wins, so ``.warc.gz`` beats a plugin's ``.gz``);
* ``read(path, limits) -> Iterator[RawItem]``: the items of one file, for
  ``blotter ingest`` (*limits* is ``(max_text_chars, min_text_chars)``);

and optionally ``records(path, max_chars, min_chars) -> Iterator[InputRecord]``
for ``blotter extract`` (without it extract takes ``read``'s items), and
``ingest``/``extract`` flags (both true by default) naming the commands it
serves.  Heavy libraries are imported only when a file of their kind is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from blotter.ingest.fetch import FetchError, PoliteFetcher, is_url
from blotter.ingest.items import RawItem
from blotter.io.records import (
    TEXT_SUFFIXES,
    InputRecord,
    read_jsonl,
    read_text_file,
)
from blotter.registry import READERS, RegistryError

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: extract also reads ``.json`` files as JSON lines (ingest does not).
JSON_SUFFIXES = (".json",)
#: HTML files bigger than this are refused unread: no article page is 20 MB.
MAX_HTML_FILE_BYTES = 20_000_000

Command = Literal["ingest", "extract"]
Limits = tuple[int, int]


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


class HtmlReader:
    """One article from a saved HTML page (main text found by trafilatura)."""

    suffixes = HTML_SUFFIXES
    extract = False

    def read(self, path: Path, limits: Limits) -> Iterator[RawItem]:
        """The page's article, or why it could not be read."""
        from blotter.ingest.html_pages import page_item

        origin = str(path)
        try:
            if path.stat().st_size > MAX_HTML_FILE_BYTES:
                yield RawItem.failed(origin, origin, "html", "read", "HTML file is too large")
                return
            data = path.read_bytes()
        except OSError as exc:
            yield RawItem.failed(origin, origin, "html", "read",
                                 f"cannot read file: {exc.strerror}")
            return
        yield page_item(data, origin, origin, "html")


class TextReader:
    """One article per plain-text file; its id is the file name without suffix."""

    suffixes = TEXT_SUFFIXES

    def read(self, path: Path, limits: Limits) -> Iterator[RawItem]:
        """The file's article."""
        origin = str(path)
        yield _from_record(read_text_file(path, *limits), origin, origin, "text")

    def records(self, path: Path, max_chars: int, min_chars: int) -> Iterator[InputRecord]:
        """The file's record, for extract."""
        yield read_text_file(path, max_chars, min_chars)


class JsonlReader:
    """One article per line of a JSON-lines file, each validated on its own."""

    suffixes: tuple[str, ...] = JSONL_SUFFIXES

    def read(self, path: Path, limits: Limits) -> Iterator[RawItem]:
        """The file's articles, keyed by record id (repeats numbered), not by line
        number: a line added to the file does not shift the key of every later record."""
        origin = str(path)
        seen: dict[str, int] = {}
        for record in read_jsonl(path, *limits):
            rid = record.key or record.id
            seen[rid] = seen.get(rid, 0) + 1
            n = seen[rid]
            key = f"{origin}#{rid}" + (f"~{n}" if n > 1 else "")
            yield _from_record(record, key, origin, "jsonl")

    def records(self, path: Path, max_chars: int, min_chars: int) -> Iterator[InputRecord]:
        """The file's records, for extract."""
        yield from read_jsonl(path, max_chars, min_chars)


class JsonReader(JsonlReader):
    """``.json`` files read as JSON lines, by extract only (ingest never read them)."""

    suffixes = JSON_SUFFIXES
    ingest = False


class FeedReader:
    """The entries of an RSS/Atom file (sniffed: other XML is a failed item)."""

    suffixes = FEED_SUFFIXES
    extract = False

    def read(self, path: Path, limits: Limits) -> Iterator[RawItem]:
        """The feed's entries (their summaries; pages are fetched only with --fetch)."""
        from blotter.ingest.feeds import looks_like_feed, read_feed

        origin = str(path)
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


class WarcReader:
    """The HTML responses of a WARC/ARC archive (gzip or not)."""

    suffixes = WARC_SUFFIXES
    extract = False

    def read(self, path: Path, limits: Limits) -> Iterator[RawItem]:
        """One item per HTML response record."""
        from blotter.ingest.warc_files import read_warc

        yield from read_warc(path)


#: The built-in readers: default plugins of ``READERS`` (named in ``blotter.registry``).
HTML_READER = HtmlReader()
TEXT_READER = TextReader()
JSONL_READER = JsonlReader()
JSON_READER = JsonReader()
FEED_READER = FeedReader()
WARC_READER = WarcReader()


def _serves(reader: Any, command: Command) -> bool:
    """True when *reader* reads files for *command* (both unless it says otherwise)."""
    return bool(getattr(reader, command, True))


def readers(command: Command) -> dict[str, Any]:
    """Every registered reader serving *command*, by name.

    A plugin that cannot be loaded raises ``RegistryError`` (the CLI's exit 2).
    """
    found = {}
    for name in READERS.names():
        reader = READERS.get(name)
        if not isinstance(getattr(reader, "suffixes", None), tuple | list):
            raise RegistryError(f"reader {name!r} has no `suffixes` tuple")
        if _serves(reader, command):
            found[name] = reader
    return found


def suffixes(command: Command) -> tuple[str, ...]:
    """The file name endings *command* reads, sorted."""
    return tuple(sorted({s.lower() for r in readers(command).values() for s in r.suffixes}))


def reader_for(path: Path, command: Command) -> Any | None:
    """The reader of *path* for *command* (longest matching ending), or None."""
    name = path.name.lower()
    best: tuple[int, Any] | None = None
    for reader in readers(command).values():
        for suffix in reader.suffixes:
            if name.endswith(suffix.lower()) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), reader)
    return best[1] if best else None


def unsupported_message(path: Path, command: Command) -> str:
    """Why *path* is not read, naming what *command* reads."""
    kind = path.suffix or "(none)"
    return (f"unsupported file type {kind!r}: {command} reads "
            f"{', '.join(suffixes(command))}")


def read_file(path: Path, limits: Limits) -> Iterator[RawItem]:
    """Items from one file, by the reader its name asks for (none: nothing)."""
    reader = reader_for(path, "ingest")
    if reader is not None:
        yield from reader.read(path, limits)


def _records_of(reader: Any, path: Path, max_chars: int, min_chars: int
                ) -> Iterator[InputRecord]:
    """Extract's records of *path*: the reader's own, or made from its raw items."""
    if hasattr(reader, "records"):
        yield from reader.records(path, max_chars, min_chars)
        return
    from blotter.document import Article

    for item in reader.read(path, (max_chars, min_chars)):
        rid = item.locator.rpartition("#")[2] if "#" in item.locator else path.stem
        if item.text is None:
            yield InputRecord(rid, None, item.error or "unreadable record")
            continue
        yield InputRecord(rid, Article(
            id=rid, text=item.text, published=item.published, title=item.title,
            url=item.url, source_name=item.source_name, language=item.language,
            warnings=list(item.warnings)))


def read_records(path: Path, max_chars: int, min_chars: int) -> Iterator[InputRecord]:
    """Extract's input: a file, or a directory of files (sorted), by their readers.

    A file no extract reader takes is one failed record, never dropped in silence.
    """
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            yield from read_records(child, max_chars, min_chars)
        return
    reader = reader_for(path, "extract")
    if reader is not None:
        yield from _records_of(reader, path, max_chars, min_chars)
    elif not path.exists():
        raise FileNotFoundError(path)
    elif not path.name.startswith("."):
        yield InputRecord(path.name, None, unsupported_message(path, "extract")
                          + "; use `blotter ingest` for HTML pages, WARC files and feeds")


def read_url(url: str, fetcher: PoliteFetcher | None) -> Iterator[RawItem]:
    """A feed (entries followed) or a page at *url*; needs fetching to be allowed."""
    from blotter.ingest.feeds import looks_like_feed, read_feed
    from blotter.ingest.html_pages import page_item

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
    from blotter.ingest.feeds import looks_like_feed, read_feed

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
