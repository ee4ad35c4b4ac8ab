"""Read event dates from text and resolve them against the publication date.

Handles explicit dates ("9 May 2020", "May 9", "30 DEC 89"), weekdays
("Monday"), relative words ("yesterday", "last night", "last week"), months
("in August") and years ("in 2015").  ``time_precision`` follows ACLED:
1 day, 2 week, 3 month (a bare year is also 3, with a note).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DAY, WEEK, MONTH = 1, 2, 3
#: A date this many days after publication is still taken as reported in the
#: same year (wire copy dated a day or two early); beyond it, the year before.
FUTURE_SLACK_DAYS = 2

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>\d{4}|'?\d{2})"
DATE_PATTERNS = [
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?:,?\s+" + _YEAR + r")?\b",
        re.I,
    ),
    re.compile(
        r"\b" + _MON + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+" + _YEAR + r")?\b", re.I
    ),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
]
MONTH_ONLY = re.compile(
    r"\b(?:in|during|since|early|late|mid-?)\s+" + _MON + r"(?:\s+(?P<year>\d{4}))?\b", re.I
)
YEAR_ONLY = re.compile(r"\b(?:in|during|since)\s+(?P<year>(?:19|20)\d{2})\b", re.I)
WEEKDAY = re.compile(
    r"\b(?P<last>last\s+|this\s+past\s+|early\s+|late\s+|on\s+)?(?P<wd>"
    + "|".join(WEEKDAYS)
    + r")\b",
    re.I,
)
RELATIVE = re.compile(
    r"\b(?P<rel>yesterday|today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night"
    r"|overnight|earlier\s+today|the\s+day\s+before|last\s+week|this\s+week|earlier\s+this\s+week"
    r"|last\s+month|this\s+month|earlier\s+this\s+month|last\s+year"
    r"|(?P<n>\d+|one|two|three|four|five|six|seven|a)\s+(?P<unit>days?|weeks?)\s+ago)\b",
    re.I,
)
ACLED_QUALIFIER = re.compile(r"\((?P<q>week|month) of\)", re.I)
SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@dataclass(frozen=True)
class DateRef:
    """A date expression found in text, resolved to a date and precision."""

    start: int
    end: int
    value: date
    precision: int
    explicit: bool
    note: str | None = None


def _year(raw: str | None, month: int, day: int, published: date | None) -> int | None:
    """Resolve a possibly missing or two-digit year."""
    if raw:
        raw = raw.lstrip("'")
        y = int(raw)
        return y + (1900 if y >= 30 else 2000) if len(raw) == 2 else y
    if published is None:
        return None
    y = published.year
    try:
        if date(y, month, day) > published + timedelta(days=FUTURE_SLACK_DAYS):
            y -= 1
    except ValueError:
        return None
    return y


def find_dates(text: str, published: date | None, offset: int = 0) -> list[DateRef]:
    """All resolvable date expressions in *text*, in order of appearance."""
    refs: list[DateRef] = []
    taken: list[tuple[int, int]] = []

    def add(
        m: re.Match[str], value: date, precision: int, explicit: bool, note: str | None = None
    ) -> None:
        s, e = m.span()
        if any(s < b and a < e for a, b in taken):
            return
        taken.append((s, e))
        refs.append(DateRef(s + offset, e + offset, value, precision, explicit, note))

    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            month = int(m["month"]) if "month" in m.groupdict() else MONTHS[m["mon"].lower()]
            day = int(m["day"])
            year = _year(m["year"], month, day, published)
            if year is None:
                continue
            try:
                value = date(year, month, day)
            except ValueError:
                continue
            tail = text[m.end() : m.end() + 20]
            q = ACLED_QUALIFIER.search(tail)
            precision = (WEEK if q["q"].lower() == "week" else MONTH) if q else DAY
            add(m, value, precision, True)
    for m in MONTH_ONLY.finditer(text):
        month = MONTHS[m["mon"].lower()]
        year = int(m["year"]) if m["year"] else _year(None, month, 1, published)
        if year is not None:
            add(m, date(year, month, 1), MONTH, True)
    for m in YEAR_ONLY.finditer(text):
        add(m, date(int(m["year"]), 1, 1), MONTH, True, "year only")
    if published is not None:
        for m in WEEKDAY.finditer(text):
            back = (published.weekday() - WEEKDAYS.index(m["wd"].lower())) % 7
            if m["last"] and m["last"].strip().lower() == "last" and back == 0:
                back = 7
            add(m, published - timedelta(days=back), DAY, False)
        for m in RELATIVE.finditer(text):
            value, precision = _relative(m, published)
            add(m, value, precision, False)
    refs.sort(key=lambda r: r.start)
    return refs


def _relative(m: re.Match[str], published: date) -> tuple[date, int]:
    """Resolve a relative expression like 'yesterday' or 'two weeks ago'."""
    rel = " ".join(m["rel"].lower().split())
    if m["n"]:
        n = int(m["n"]) if m["n"].isdigit() else SMALL[m["n"].lower()]
        if m["unit"].lower().startswith("day"):
            return published - timedelta(days=n), DAY
        return published - timedelta(days=7 * n), WEEK
    if rel in ("yesterday", "last night", "the day before", "overnight"):
        return published - timedelta(days=1), DAY
    if rel in ("last week",):
        return published - timedelta(days=7), WEEK
    if rel in ("this week", "earlier this week"):
        return published, WEEK
    if rel in ("last month",):
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), MONTH
    if rel in ("this month", "earlier this month"):
        return published.replace(day=1), MONTH
    if rel == "last year":
        return date(published.year - 1, 1, 1), MONTH
    return published, DAY
