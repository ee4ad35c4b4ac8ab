"""Read input records (JSONL, ``.txt`` files, directories) into ``Article`` objects.

Every record is validated on its own: a bad one becomes an ``InputRecord`` with
an ``error`` and reading goes on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from blotter.document import Article, RecordError

KNOWN_FIELDS = frozenset({"id", "text", "published", "title", "url", "source_name", "language"})
TEXT_SUFFIXES = (".txt", ".text")
#: Share of control characters above which a text is taken to be binary, not prose.
BINARY_CONTROL_SHARE = 0.05
#: Bytes a JSONL line may have per allowed text character: UTF-8 takes up to 4 bytes
#: a character and JSON escapes (``\uXXXX``) up to 12; with room for the metadata.
#: A longer line is refused before it is read into memory or parsed.
LINE_BYTES_PER_CHAR = 12
#: Metadata allowance of a JSONL line on top of its text (title, url, ...).
LINE_METADATA_BYTES = 1_000_000
#: Bytes read at a time while skipping the rest of an over-long line.
SKIP_CHUNK = 1 << 20


@dataclass
class InputRecord:
    """An article, or the error that stopped it from being read."""

    id: str
    article: Article | None
    error: str | None = None
    #: Stable key within its file (JSONL): the record's own id, else a hash of its line.
    key: str | None = None


def parse_published(value: object, today: date | None = None) -> tuple[date | None, str | None]:
    """Parse a publication date; return (date, warning). Bad or future dates give None."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        return None, f"publication date {value!r} is not a string; treated as unknown"
    text = value.strip()
    parsed: date | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            return None, f"publication date {value!r} could not be parsed; treated as unknown"
    today = today or datetime.now(UTC).date()
    if parsed > today:
        return None, f"publication date {parsed.isoformat()} is in the future; treated as unknown"
    return parsed, None


def check_text(text: object, max_chars: int, min_chars: int) -> str:
    """Return *text* if it is usable article text, else raise ``RecordError``."""
    if not isinstance(text, str):
        raise RecordError("field 'text' is missing or not a string")
    if len(text) > max_chars:
        raise RecordError(
            f"text is {len(text):,} characters, over the limit of {max_chars:,} (max_text_chars)"
        )
    if "\x00" in text:
        raise RecordError("text contains NUL bytes: binary data, not article text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RecordError(
            f"text contains a lone surrogate (U+{ord(text[exc.start]):04X}), not valid Unicode"
        ) from None
    sample = text[:10_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if sample and controls / len(sample) > BINARY_CONTROL_SHARE:
        raise RecordError("text is mostly control characters: binary data, not article text")
    if len(text.strip()) < min_chars:
        raise RecordError(f"text is empty or shorter than {min_chars} characters")
    return text


def article_from_json(obj: object, fallback_id: str, max_chars: int, min_chars: int) -> InputRecord:
    """Validate one decoded JSON object as an input record."""
    if not isinstance(obj, dict):
        return InputRecord(
            fallback_id, None, f"record is a JSON {type(obj).__name__}, not an object"
        )
    rid = obj.get("id", fallback_id)
    rid = str(rid) if isinstance(rid, str | int) else fallback_id
    try:
        text = check_text(obj.get("text"), max_chars, min_chars)
    except RecordError as exc:
        return InputRecord(rid, None, str(exc))
    published, warning = parse_published(obj.get("published"))
    warnings = [warning] if warning else []
    unknown = sorted(set(obj) - KNOWN_FIELDS)
    if unknown:
        warnings.append(f"unknown fields ignored: {', '.join(unknown)}")
    meta = {k: obj.get(k) for k in ("title", "url", "source_name", "language")}
    clean_meta = {k: (v if isinstance(v, str) else None) for k, v in meta.items()}
    article = Article(id=rid, text=text, published=published, warnings=warnings, **clean_meta)
    return InputRecord(rid, article)


def _line_id(raw: bytes) -> str:
    """A stable id for a line without a usable id: a hash of its content, so that
    adding lines to the file does not change it (line numbers would)."""
    return "line-" + hashlib.sha256(raw.strip()).hexdigest()[:16]


def _skip_rest_of_line(fh: BinaryIO) -> None:
    """Read past the end of the current line without keeping it."""
    while chunk := fh.readline(SKIP_CHUNK):
        if chunk.endswith(b"\n"):
            return


def read_jsonl(path: Path, max_chars: int, min_chars: int) -> Iterator[InputRecord]:
    """Stream records from a JSONL file, one ``InputRecord`` per non-blank line.

    A line longer than the text limit allows is refused unparsed; JSON nested too
    deeply for the parser or with numbers too long to convert is one bad record.
    """
    max_line = max_chars * LINE_BYTES_PER_CHAR + LINE_METADATA_BYTES
    with path.open("rb") as fh:
        lineno = 0
        while raw := fh.readline(max_line + 1):
            lineno += 1
            if len(raw) > max_line and not raw.endswith(b"\n"):
                _skip_rest_of_line(fh)
                yield InputRecord(
                    f"{path.name}:{lineno}", None,
                    f"line {lineno} is over the limit of {max_line:,} bytes for one record "
                    "(from max_text_chars): refused unread", _line_id(raw),
                )
                continue
            if not raw.strip():
                continue
            fallback = f"{path.name}:{lineno}"
            key = _line_id(raw)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputRecord(
                    fallback, None, f"line {lineno} is not valid UTF-8 ({exc.reason})", key
                )
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputRecord(fallback, None, f"line {lineno} is not valid JSON: {exc.msg}",
                                  key)
                continue
            except RecursionError:
                yield InputRecord(fallback, None, f"line {lineno} is JSON nested too deeply",
                                  key)
                continue
            except ValueError as exc:  # e.g. an integer over Python's 4,300-digit limit
                yield InputRecord(fallback, None, f"line {lineno} cannot be read: {exc}", key)
                continue
            record = article_from_json(obj, fallback, max_chars, min_chars)
            has_id = isinstance(obj, dict) and isinstance(obj.get("id"), str | int)
            record.key = record.id if has_id else key
            yield record


def read_text_file(path: Path, max_chars: int, min_chars: int) -> InputRecord:
    """Read one plain-text article; its id is the file name without suffix."""
    rid = path.stem
    try:
        size = path.stat().st_size
        if size > max_chars * 4:
            return InputRecord(rid, None, f"file is {size:,} bytes, over the text limit")
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputRecord(rid, None, f"file is not valid UTF-8 ({exc.reason})")
    except OSError as exc:
        return InputRecord(rid, None, f"cannot read file: {exc.strerror}")
    try:
        check_text(text, max_chars, min_chars)
    except RecordError as exc:
        return InputRecord(rid, None, str(exc))
    return InputRecord(rid, Article(id=rid, text=text))


def read_inputs(path: Path, max_chars: int, min_chars: int) -> Iterator[InputRecord]:
    """Read a file, or a directory of files (sorted), by the readers of the ``READERS``
    registry that serve extract (built-in: JSONL, ``.json``, text files)."""
    from blotter.ingest.readers import read_records

    return read_records(path, max_chars, min_chars)
