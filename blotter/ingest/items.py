"""What the readers yield: one raw item per article found, or the error that stopped it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class RawItem:
    """An article read from some input, before cleaning, dedup and storage.

    ``locator`` names the item stably (re-reading the same input gives the same
    locator), which makes ingest idempotent; ``origin`` is the file or URL to
    read again on ``blotter retry``.  When ``error`` is set, ``text`` is None and
    ``stage`` says where it failed (read, parse, fetch).
    """

    locator: str
    origin: str
    kind: str
    text: str | None = None
    error: str | None = None
    stage: str = "read"
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: date | None = None
    fetched: datetime | None = None
    source_name: str | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def failed(cls, locator: str, origin: str, kind: str, stage: str, error: str) -> RawItem:
        """An item that could not be read."""
        return cls(locator=locator, origin=origin, kind=kind, error=error, stage=stage)
