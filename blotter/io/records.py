"""Read input records (JSONL, ``.txt`` files, directories) into ``Article`` objects.

Every record is validated on its own: a bad one becomes an ``InputRecord`` with
an ``error`` and reading goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from blotter.document import Article, RecordError

KNOWN_FIELDS = frozenset({"id", "text", "published", "title", "url", "source_name", "language"})
TEXT_SUFFIXES = (".txt", ".text")
#: Share of control characters above which a text is taken to be binary, not prose.
BINARY_CONTROL_SHARE = 0.05


@dataclass
class InputRecord:
    """An article, or the error that stopped it from being read."""

    id: str
    article: Article | None
    error: str | None = None


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


def read_jsonl(path: Path, max_chars: int, min_chars: int) -> Iterator[InputRecord]:
    """Stream records from a JSONL file, one ``InputRecord`` per non-blank line."""
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            fallback = f"{path.name}:{lineno}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputRecord(
                    fallback, None, f"line {lineno} is not valid UTF-8 ({exc.reason})"
                )
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputRecord(fallback, None, f"line {lineno} is not valid JSON: {exc.msg}")
                continue
            yield article_from_json(obj, fallback, max_chars, min_chars)


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
    """Read a JSONL file, a text file, or a directory of text/JSONL files (sorted)."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            yield from read_inputs(child, max_chars, min_chars)
    elif path.suffix in (".jsonl", ".ndjson", ".json"):
        yield from read_jsonl(path, max_chars, min_chars)
    elif path.suffix in TEXT_SUFFIXES:
        yield read_text_file(path, max_chars, min_chars)
    elif not path.exists():
        raise FileNotFoundError(path)
    elif not path.name.startswith("."):
        # Never dropped in silence: a page, archive or feed is ingest's input.
        yield InputRecord(
            path.name,
            None,
            f"unsupported file type {path.suffix or '(none)'!r}: extract reads JSONL and .txt; "
            "use `blotter ingest` for HTML pages, WARC files and feeds",
        )
