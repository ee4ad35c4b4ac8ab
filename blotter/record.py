"""The event record: the contract every part of Blotter reads and writes.

One JSON object per event, field names following ACLED where one exists. See
``docs/event-record.md`` for the full description.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from functools import cache
from typing import Any

from blotter.taxonomy import CERTAINTY_LEVELS, SUB_EVENT_TYPES


@dataclass
class Evidence:
    """A character span of the input text that supports one field's value."""

    field: str
    start: int
    end: int
    text: str


@dataclass
class Actor:
    """An actor with a canonical name and ACLED's ``inter`` code (1-8) or None."""

    name: str
    inter: int | None = None


@dataclass
class Count:
    """A UCDP-style count: best estimate with low and high bounds."""

    best: int | None = None
    low: int | None = None
    high: int | None = None

    @classmethod
    def exact(cls, n: int) -> Count:
        """A count reported once, without revision or range."""
        return cls(best=n, low=n, high=n)

    def is_known(self) -> bool:
        """True if any bound is set."""
        return self.best is not None or self.low is not None or self.high is not None


@dataclass
class Location:
    """Where the event took place; geocoding fills the gazetteer fields."""

    name: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = None
    where_prec: int | None = None
    conflict: str | None = None
    #: Where the country comes from: None, the text; "source", lent by the
    #: run's other reports of the same source (blotter/geo/source_country.py).
    country_basis: str | None = None


@dataclass
class Event:
    """One event extracted from one document."""

    event_type: str
    sub_event_type: str
    event_date: str | None = None
    time_precision: int | None = None
    date_note: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Location = field(default_factory=Location)
    fatalities: Count = field(default_factory=Count)
    injuries: Count = field(default_factory=Count)
    detained: Count = field(default_factory=Count)
    weapons: list[str] = field(default_factory=list)
    claimed_by: str | None = None
    claim_mode: str | None = None
    certainty: str = "reported"
    is_background: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5

    def __post_init__(self) -> None:
        if SUB_EVENT_TYPES.get(self.sub_event_type) != self.event_type:
            raise ValueError(
                f"{self.sub_event_type!r} is not a sub-event type of {self.event_type!r}"
            )
        if self.certainty not in CERTAINTY_LEVELS:
            raise ValueError(f"certainty must be one of {CERTAINTY_LEVELS}")

    def set_date(self, value: date | None, precision: int | None) -> None:
        """Set ``event_date`` (ISO) and ``time_precision``."""
        self.event_date = value.isoformat() if value else None
        self.time_precision = precision if value else None

    def add_evidence(self, field_name: str, text: str, start: int, end: int) -> None:
        """Record that *field_name* was read from ``text[start:end]``."""
        span = Evidence(field_name, start, end, text[start:end])
        if span not in self.evidence:
            self.evidence.append(span)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record (what ``dataclasses.asdict`` gives, without its deep
        copy of every value: the fields hold only numbers, strings and records)."""
        return _plain(self)


#: Values returned as they are (most of a record's fields): tested first, by type.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """Records as dicts (fields in order), lists as lists, everything else as is."""
    kind: type = type(value)
    if kind in _SCALARS:
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    names = _field_names(kind)
    if names is None:
        return value
    return {name: _plain(getattr(value, name)) for name in names}


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The fields of a record type in order; None for a type that is no record."""
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None
