"""Reports: one extracted event plus what is known about the article that told it.

A report is the unit the fuser works on. ``Report.from_record`` validates one
event dict (the record format of ``blotter.record``) and precomputes the
normalised values the pairwise features compare, so that scoring a candidate
pair never re-parses text.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from blotter.io.records import parse_published
from blotter.taxonomy import SUB_EVENT_TYPES, TYPE_FAMILIES

#: Words too common in conflict reporting to say anything about which incident
#: a text describes (the IDF weighting handles the rest of the vocabulary).
STOPWORDS = frozenset(
    [
        "the", "and", "that", "with", "from", "were", "was", "have", "has", "had", "been",
        "for", "are", "this", "which", "who", "their", "they", "them", "there", "after",
        "before", "also", "said", "says", "about", "into", "over", "under", "than", "then",
        "its", "his", "her", "our", "not", "but", "all", "any", "one", "two", "three",
        "four", "five", "six", "seven", "eight", "nine", "ten", "more", "other", "some",
        "such", "when", "where", "while", "would", "could", "will", "may", "being", "per",
        "via", "near", "told", "according", "reported", "report", "reports",
    ]
)
#: Tokens shorter than this are mostly articles, initials and noise.
MIN_TOKEN_CHARS = 3

_WORD = re.compile(r"[a-z][a-z']+")


class ReportError(ValueError):
    """An extracted event or article line that cannot be fused; the message says why."""


def normalise(text: str | None) -> str:
    """Casefolded, accent-free, single-spaced text ('' for None)."""
    if not text:
        return ""
    stripped = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    stripped = re.sub(r"[^\w\s]", " ", stripped.casefold())
    return " ".join(stripped.split())


def content_tokens(texts: list[str]) -> list[str]:
    """Distinct content words of *texts*, for the shared-rare-words feature."""
    seen: dict[str, None] = {}
    for text in texts:
        for token in _WORD.findall(normalise(text)):
            if len(token) >= MIN_TOKEN_CHARS and token not in STOPWORDS:
                seen.setdefault(token, None)
    return list(seen)


@dataclass
class ArticleMeta:
    """What is known about the article a report comes from."""

    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass
class Report:
    """One extracted event of one article, with normalised comparison values."""

    id: str
    article_id: str
    record: dict[str, Any]
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    family: str = ""
    country: str = ""
    admin1: str = ""
    place: str = ""
    latitude: float | None = None
    longitude: float | None = None
    day: int | None = None
    published_day: int | None = None
    perpetrator: str = ""
    target: str = ""
    fatalities: int | None = None
    injuries: int | None = None
    tokens: list[str] = field(default_factory=list)
    text_hash: str = ""
    arrival: int = 0

    @property
    def is_background(self) -> bool:
        """True for an earlier incident mentioned only as background."""
        return bool(self.record.get("is_background"))

    @property
    def credible(self) -> bool:
        """Reports stated as mere allegations do not set counts or flag conflicts."""
        return self.record.get("certainty") != "alleged"

    @property
    def anchor_day(self) -> int | None:
        """The day used for blocking: the event date, else publication for current news."""
        if self.day is not None:
            return self.day
        return None if self.is_background else self.published_day

    @classmethod
    def from_record(
        cls, article_id: str, index: int, record: object, meta: ArticleMeta | None = None
    ) -> Report:
        """Validate one extracted event and precompute its comparison values.

        Raises ``ReportError`` with a readable message for a malformed event.
        """
        if not isinstance(record, dict):
            raise ReportError(f"event {index} is a JSON {type(record).__name__}, not an object")
        sub = record.get("sub_event_type")
        event_type = record.get("event_type")
        if (
            not isinstance(sub, str)
            or not isinstance(event_type, str)
            or SUB_EVENT_TYPES.get(sub) != event_type
        ):
            raise ReportError(f"event {index}: {sub!r} is not a sub-event type of {event_type!r}")
        meta = meta or ArticleMeta()
        loc = record.get("location") or {}
        if not isinstance(loc, dict):
            raise ReportError(f"event {index}: 'location' is not an object")
        report = cls(
            id=f"{article_id}#{index}",
            article_id=article_id,
            record=record,
            meta=meta,
            family=TYPE_FAMILIES[event_type],
            country=normalise(loc.get("country")),
            admin1=normalise(loc.get("admin1")),
            place=normalise(loc.get("name")),
            latitude=_number(loc.get("latitude"), f"event {index}: latitude"),
            longitude=_number(loc.get("longitude"), f"event {index}: longitude"),
            day=_day(record.get("event_date"), f"event {index}: event_date"),
            published_day=_day(meta.published, "article published date"),
            perpetrator=_actor_name(record.get("actor1"), index),
            target=_actor_name(record.get("actor2"), index),
            fatalities=_count(record.get("fatalities"), f"event {index}: fatalities"),
            injuries=_count(record.get("injuries"), f"event {index}: injuries"),
        )
        spans = [e.get("text", "") for e in record.get("evidence") or [] if isinstance(e, dict)]
        spans = [s for s in spans if isinstance(s, str)]
        report.tokens = content_tokens(spans)
        if spans:
            joined = "\n".join(sorted(set(spans)))
            report.text_hash = hashlib.sha1(joined.encode("utf-8")).hexdigest()
        return report

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (stored in the fusion index); shares the record and token list
        with the report (a shallow copy: ``dataclasses.asdict`` deep-copies every nested
        value, which dominated saving a large event)."""
        values = dict(self.__dict__)
        values["meta"] = dict(self.meta.__dict__)
        return values

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Inverse of ``to_dict``."""
        values = dict(data)
        values["meta"] = ArticleMeta(**values["meta"])
        return cls(**values)


def _number(value: object, what: str) -> float | None:
    """A float or None; anything else is a bad record."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ReportError(f"{what} is {value!r}, not a number")
    return float(value)


def _day(value: object, what: str) -> int | None:
    """An ISO date as a day ordinal (None if absent)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ReportError(f"{what} {value!r} is not an ISO date string")
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError as exc:
        raise ReportError(f"{what} {value!r} is not an ISO date") from exc


def _count(value: object, what: str) -> int | None:
    """The best (else low) figure of a ``{best, low, high}`` count."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ReportError(f"{what} is not a {{best, low, high}} object")
    for key in ("best", "low", "high"):
        figure = value.get(key)
        if figure is None:
            continue
        if isinstance(figure, bool) or not isinstance(figure, int) or figure < 0:
            raise ReportError(f"{what}.{key} is {figure!r}, not a non-negative integer")
    best = value.get("best")
    return best if best is not None else value.get("low")


def _actor_name(value: object, index: int) -> str:
    """Normalised actor name ('' if absent)."""
    if value is None:
        return ""
    if not isinstance(value, dict) or not isinstance(value.get("name", ""), str | None):
        raise ReportError(f"event {index}: actor is not a {{name, inter}} object")
    return normalise(value.get("name"))


@dataclass
class ExtractedLine:
    """One line of ``blotter extract`` output: an article's reports, or an error."""

    article_id: str
    reports: list[Report] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_articles(path: Path) -> dict[str, ArticleMeta]:
    """Article metadata (published, source_name, url, title) by id from an input JSONL."""
    metas: dict[str, ArticleMeta] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue  # a bad input line is reported by `extract`, not here
            if not isinstance(obj, dict) or not isinstance(obj.get("id"), str | int):
                continue
            published, _warning = parse_published(obj.get("published"))
            metas[str(obj["id"])] = ArticleMeta(
                published=published.isoformat() if published else None,
                outlet=_str_or_none(obj.get("source_name")),
                url=_str_or_none(obj.get("url")),
                title=_str_or_none(obj.get("title")),
            )
    return metas


def _str_or_none(value: object) -> str | None:
    """Strings pass, anything else is dropped."""
    return value if isinstance(value, str) and value else None


def meta_from_line(obj: dict[str, Any], fallback: ArticleMeta | None) -> ArticleMeta:
    """Metadata carried on an extract line itself overrides nothing it lacks."""
    meta = fallback or ArticleMeta()
    published, _warning = parse_published(obj.get("published"))
    return ArticleMeta(
        published=published.isoformat() if published else meta.published,
        outlet=_str_or_none(obj.get("source_name")) or meta.outlet,
        url=_str_or_none(obj.get("url")) or meta.url,
        title=_str_or_none(obj.get("title")) or meta.title,
    )


def read_extracted(path: Path, articles: dict[str, ArticleMeta] | None = None) -> Iterator[
    ExtractedLine
]:
    """Yield each line of an extract output file as reports, bad parts as errors."""
    articles = articles or {}
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            yield parse_extracted_line(line, f"line {lineno}", articles)


def parse_extracted_line(
    line: str, fallback_id: str, articles: dict[str, ArticleMeta]
) -> ExtractedLine:
    """One extract output line to reports; each bad event is an error of its own."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return ExtractedLine(fallback_id, errors=[f"{fallback_id}: not JSON ({exc.msg})"])
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str | int):
        return ExtractedLine(fallback_id, errors=[f"{fallback_id}: not an object with an 'id'"])
    article_id = str(obj["id"])
    out = ExtractedLine(article_id)
    if obj.get("error"):
        out.errors.append(f"{article_id}: extraction error, nothing to fuse: {obj['error']}")
        return out
    events = obj.get("events")
    if not isinstance(events, list):
        out.errors.append(f"{article_id}: 'events' is not a list")
        return out
    meta = meta_from_line(obj, articles.get(article_id))
    for index, event in enumerate(events):
        try:
            out.reports.append(Report.from_record(article_id, index, event, meta))
        except ReportError as exc:
            out.errors.append(f"{article_id}: {exc}")
    return out
