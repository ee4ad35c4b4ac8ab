"""Read event dates from text and resolve them against the publication date.

Handles explicit dates ("9 May 2020", "May 9", "30 DEC 89"), weekdays
("Monday"), relative words ("yesterday", "last night", "last week"), months
("in August") and years ("in 2015").  ``time_precision`` follows ACLED:
1 day, 2 week, 3 month (a bare year is also 3, with a note).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from functools import lru_cache

from blotter.fields.numbers import to_int
from blotter.lang import Locale, default_locale

DAY, WEEK, MONTH = 1, 2, 3
#: A date this many days after publication is still taken as reported in the
#: same year (wire copy dated a day or two early); beyond it, the year before.
FUTURE_SLACK_DAYS = 2
DAYS_PER_WEEK = 7
#: The note of a bare year ("in 2015"): told with month precision, it may be any month.
YEAR_ONLY_NOTE = "year only"
#: Any digit (the same class as the patterns' ``\d``): a sentence without one
#: holds no explicit date or year, and those patterns are not run on it.
_DIGIT = re.compile(r"\d")


def shift_days(day: date, days: int) -> date | None:
    """*day* moved by *days* days, or None when that falls outside the calendar
    (a report dated 0001-01-01 said "yesterday"; "999999999 days ago")."""
    try:
        return day + timedelta(days=days)
    except (OverflowError, ValueError):
        return None


def safe_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)``, or None when there is no such day (31 June, year 0)."""
    if not MINYEAR <= year <= MAXYEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class DatePatterns:
    """One pack's date expressions, compiled (``tables.toml`` and ``patterns.toml [dates]``)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, str]
    explicit: tuple[re.Pattern[str], ...]
    month_only: re.Pattern[str]
    year_only: re.Pattern[str]
    weekday: re.Pattern[str]
    relative_re: re.Pattern[str]
    qualifier: re.Pattern[str]
    #: Session 13: a date that is part of a group's name ("November 17 members",
    #: "the 1 May Organization", "Popular Forces of April 25"): the words after
    #: it, the words before it, and the words before it that keep it a date.
    name_after: re.Pattern[str] = re.compile(r"(?!)")
    name_before: re.Pattern[str] = re.compile(r"(?!)")
    date_lead: re.Pattern[str] = re.compile(r"(?!)")


def _alternation(words: list[str]) -> str:
    """Regex alternation of phrases, longest first (inner spaces match any white space)."""
    parts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True)
    return "|".join(parts) or r"(?!)"


def date_patterns(locale: Locale | None = None) -> DatePatterns:
    """The compiled date expressions of *locale* (default pack if None)."""
    return _date_patterns(locale or default_locale())


@lru_cache(maxsize=8)
def _date_patterns(loc: Locale) -> DatePatterns:
    p = loc.pattern
    months = {str(k): int(v) for k, v in loc.table("dates.months").items()}
    weekdays = {str(k): int(v) for k, v in loc.table("dates.weekdays").items()}
    relative = {" ".join(str(k).split()): str(v) for k, v in loc.table("dates.relative").items()}
    mon = r"(?P<mon>" + _alternation(list(months)) + r")\.?"
    year = r"(?P<year>\d{4}|'?\d{2})"
    ordinal = r"(?:" + p("dates.ordinal") + r")?"
    explicit = (
        re.compile(
            r"\b(?P<day>\d{1,2})" + ordinal + r"\s+(?:(?:" + p("dates.day_of") + r")\s+)?"
            + mon + r"(?:,?\s+(?:(?:" + p("dates.year_of") + r")\s+)?" + year + r")?\b",
            re.I,
        ),
        re.compile(r"\b" + mon + r"\s+(?P<day>\d{1,2})" + ordinal + r"(?:,?\s+" + year + r")?\b",
                   re.I),
        re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    )
    return DatePatterns(
        months=months,
        weekdays=weekdays,
        relative=relative,
        explicit=explicit,
        month_only=re.compile(
            r"\b(?:" + p("dates.month_lead") + r")\s+" + mon
            + r"(?:,?\s+(?:(?:" + p("dates.year_of") + r")\s+)?(?P<year>\d{4}))?\b",  # "de 2014"
            re.I,
        ),
        year_only=re.compile(
            r"\b(?:" + p("dates.year_lead") + r")\s+(?P<year>(?:19|20)\d{2})\b", re.I
        ),
        weekday=re.compile(
            r"\b(?:" + p("dates.weekday_lead") + r")?(?P<wd>" + _alternation(list(weekdays))
            + r")\b",
            re.I,
        ),
        relative_re=re.compile(
            r"\b(?P<rel>" + _alternation(list(relative)) + r"|" + p("dates.ago") + r")\b", re.I
        ),
        qualifier=re.compile(p("dates.acled_qualifier"), re.I),
        name_after=re.compile(p("dates.name_after")),
        name_before=re.compile(p("dates.name_before")),
        date_lead=re.compile(p("dates.date_lead"), re.I),
    )


@dataclass(frozen=True)
class DateRef:
    """A date expression found in text, resolved to a date and precision."""

    start: int
    end: int
    value: date
    precision: int
    explicit: bool
    note: str | None = None

    def last_day(self) -> date:
        """The last day the expression can mean: "in July" any day up to 31 July,
        "last week" any day of that week.  A bare year stays its first day (a
        year's tally "in 2024" is no incident of the report's own week)."""
        if self.precision == WEEK:
            return shift_days(self.value, DAYS_PER_WEEK - 1) or self.value
        if self.precision == MONTH and self.note != YEAR_ONLY_NOTE:
            year, month = divmod(self.value.year * 12 + self.value.month, 12)  # the next month
            first_next = safe_date(year, month + 1, 1)
            return (first_next and shift_days(first_next, -1)) or self.value
        return self.value

    def holds(self, day: date | None) -> bool:
        """True if this coarse date ("in July", "last week") can mean *day*: a
        month that holds the report's day dates its incident no better than the report."""
        return day is not None and self.precision != DAY and self.value <= day <= self.last_day()


def _year(raw: str | None, month: int, day: int, published: date | None) -> int | None:
    """Resolve a possibly missing or two-digit year."""
    if raw:
        raw = raw.lstrip("'")
        y = int(raw)
        return y + (1900 if y >= 30 else 2000) if len(raw) == 2 else y
    if published is None:
        return None
    y = published.year
    candidate = safe_date(y, month, day)
    if candidate is None:
        return None
    # near date.max the slack is past the calendar's end: nothing is "after" it
    latest = shift_days(published, FUTURE_SLACK_DAYS) or date.max
    if candidate > latest:
        y -= 1
    return y if y >= MINYEAR else None


def find_dates(
    text: str, published: date | None, offset: int = 0, locale: Locale | None = None
) -> list[DateRef]:
    """All resolvable date expressions in *text*, in order of appearance."""
    pats = date_patterns(locale)
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

    digits = _DIGIT.search(text) is not None  # every explicit date and year has one
    for pattern in pats.explicit if digits else ():
        for m in pattern.finditer(text):
            month = int(m["month"]) if "month" in m.groupdict() else pats.months[m["mon"].lower()]
            day = int(m["day"])
            year = _year(m["year"], month, day, published)
            value = None if year is None else safe_date(year, month, day)
            if value is None or _in_name(text, m, pats):
                continue
            tail = text[m.end() : m.end() + 20]
            q = pats.qualifier.search(tail)
            precision = (WEEK if q["week"] else MONTH) if q else DAY
            add(m, value, precision, True)
    for m in pats.month_only.finditer(text):
        month = pats.months[m["mon"].lower()]
        year = int(m["year"]) if m["year"] else _year(None, month, 1, published)
        first = None if year is None else safe_date(year, month, 1)
        if first is not None:
            add(m, first, MONTH, True)
    for m in pats.year_only.finditer(text) if digits else ():
        add(m, date(int(m["year"]), 1, 1), MONTH, True, YEAR_ONLY_NOTE)  # 19xx or 20xx only
    if published is not None:
        for m in pats.weekday.finditer(text):
            back = (published.weekday() - pats.weekdays[m["wd"].lower()]) % DAYS_PER_WEEK
            if m.groupdict().get("last") and back == 0:
                back = DAYS_PER_WEEK
            day_before = shift_days(published, -back)
            if day_before is not None:
                add(m, day_before, DAY, False)
        for m in pats.relative_re.finditer(text):
            resolved = _relative(m, published, pats, locale)
            if resolved is not None:
                add(m, *resolved, False)
    refs.sort(key=lambda r: r.start)
    return refs


#: Characters read before and after a date for a group name around it.
NAME_CONTEXT_CHARS = 60


def _in_name(text: str, m: re.Match[str], pats: DatePatterns) -> bool:
    """True if the date *m* is part of a group's name ("November 17 members",
    "Popular Forces of April 25"), not a date told with a preposition ("on 1 May")."""
    before = text[max(0, m.start() - NAME_CONTEXT_CHARS) : m.start()]
    if pats.date_lead.search(before):
        return False
    after = text[m.end() : m.end() + NAME_CONTEXT_CHARS]
    return bool(pats.name_after.match(after) or pats.name_before.search(before))


def _relative(
    m: re.Match[str], published: date, pats: DatePatterns, locale: Locale | None
) -> tuple[date, int] | None:
    """Resolve a relative expression like 'yesterday' or 'two weeks ago'."""
    groups = m.groupdict()
    if groups.get("n"):
        n = to_int(groups["n"], locale)[0]
        if n is None:
            return None
        if groups.get("days"):
            return _dated(shift_days(published, -n), DAY)
        return _dated(shift_days(published, -DAYS_PER_WEEK * n), WEEK)
    rule = pats.relative.get(" ".join(m["rel"].lower().split()), "day0")
    if rule.startswith("day-") and rule[4:].isdigit():  # "day-1" yesterday, "day-2"...
        return _dated(shift_days(published, -int(rule[4:])), DAY)
    if rule == "week-1":
        return _dated(shift_days(published, -DAYS_PER_WEEK), WEEK)
    if rule == "week0":
        return published, WEEK
    if rule == "month-1":
        last = shift_days(published.replace(day=1), -1)
        return _dated(last and last.replace(day=1), MONTH)
    if rule == "month0":
        return published.replace(day=1), MONTH
    if rule == "year-1":
        return _dated(safe_date(published.year - 1, 1, 1), MONTH)
    return published, DAY


def _dated(value: date | None, precision: int) -> tuple[date, int] | None:
    """(value, precision), or None when the relative date fell off the calendar."""
    return None if value is None else (value, precision)


#: A report's own date is read from this many characters at its head (the
#: dateline "SAN SALVADOR, 3 JAN 90 --" or a header line "Published 9 May 2020").
HEADER_CHARS = 120
#: Characters before a date read for a reporting verb ("said on Tuesday").
REPORTING_CHARS = 40


def header_date(text: str, locale: Locale | None = None) -> DateRef | None:
    """The report's own date from its dateline or header, for a document without
    metadata: the first date with a year in its first HEADER_CHARS characters."""
    head = text[:HEADER_CHARS]
    for ref in find_dates(head, None, 0, locale):
        raw = head[ref.start : ref.end]
        if ref.precision == DAY and ref.explicit and re.search(r"\d{2}\b", raw.split()[-1]):
            return ref
    return None


def is_reporting_date(
    text: str, ref: DateRef, offset: int = 0, locale: Locale | None = None
) -> bool:
    """True if the date *ref* is a reporting verb's ("police said on Tuesday"), not the event's."""
    loc = locale or default_locale()
    before = text[max(0, ref.start - offset - REPORTING_CHARS) : ref.start - offset]
    return re.search(loc.pattern("dates.reporting_before"), before, re.IGNORECASE) is not None

