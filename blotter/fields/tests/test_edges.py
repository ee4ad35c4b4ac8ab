"""Dates at the calendar's ends and numbers of any length: no overflow, no ValueError.

A report dated 0001-01-01 that says "yesterday" asks for a day before date.min; a
4,400-digit run is past Python's int-string conversion limit.  Each used to fail the
whole record; now the date falls back and the absurd number is no count."""

from __future__ import annotations

from datetime import date

import pytest

from blotter.fields.casualties import find_counts, split_share
from blotter.fields.dates import find_dates, header_date, shift_days
from blotter.fields.numbers import MAX_NUMBER, read_digits, to_int
from blotter.lang import load_locale

EN = ["killed yesterday", "last week", "last month", "last year", "two weeks ago",
      "three days ago", "on Tuesday", "on Monday", "in March", "on March 5", "on 5 March",
      "on 1 January 0001", "on 31 December 9999", "999999999 days ago",
      "9" * 4_400 + " days ago"]
ES = ["ayer", "la semana pasada", "el mes pasado", "el año pasado", "hace dos semanas",
      "hace tres días", "el martes", "en marzo", "el 5 de marzo"]
EDGES = [date.min, date(1, 1, 3), date(1, 12, 31), date(9999, 12, 30), date.max]
BIG = "9" * 4_400


@pytest.mark.parametrize("published", EDGES)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_dates_at_the_ends_of_the_calendar_resolve_or_drop(published: date, lang: str) -> None:
    locale = load_locale(lang)
    for text in EN if lang == "en" else ES:
        for ref in find_dates(text, published, 0, locale):
            assert date.min <= ref.value <= date.max


def test_a_relative_date_before_date_min_is_no_date() -> None:
    assert find_dates("killed yesterday", date.min) == []
    assert find_dates("in March", date.min) == []  # March of year 0
    assert [r.value for r in find_dates("killed yesterday", date(1, 1, 3))] == [date(1, 1, 2)]
    # a day after publication near date.max: the slack is past the calendar's end
    assert [r.value for r in find_dates("on March 5", date.max)] == [date(9999, 3, 5)]
    assert shift_days(date.max, 1) is None and shift_days(date.min, -1) is None
    assert shift_days(date(2024, 3, 12), -10**12) is None


def test_a_dateline_at_the_calendar_end_anchors_the_text() -> None:
    text = "RUVAKA, 31 DEC 9999 -- Gunmen attacked on March 5, a week ago."
    head = header_date(text)
    assert head is not None and head.value == date.max
    assert date(9999, 3, 5) in [r.value for r in find_dates(text, head.value)]


def test_digit_runs_of_any_length_are_read_safely() -> None:
    assert read_digits(BIG) is None and to_int(BIG) == (None, False)
    assert read_digits("0" * 5_000 + "12") == 12
    assert read_digits(str(MAX_NUMBER)) == MAX_NUMBER
    assert read_digits(str(MAX_NUMBER + 1)) is None
    assert read_digits("1,200") == 1200 and to_int("1,200") == (1200, False)
    assert read_digits("²") is None and to_int("²") == (None, False)  # isdigit, not a number
    assert to_int(",".join(["999"] * 1_500)) == (None, False)
    assert to_int("twenty-one") == (21, False)


@pytest.mark.parametrize("text", [
    f"Gunmen killed {BIG} soldiers in Ruvaka on Tuesday.",
    f"{BIG} soldiers were killed in Ruvaka.",
    f"Gunmen killed {BIG}-10 soldiers in Ruvaka on Tuesday.",
    f"Between {BIG} and 12 soldiers were killed in Ruvaka.",
    f"Gunmen killed {BIG} to 12 soldiers in Ruvaka.",
    f"The death toll rose to {BIG}, officials said.",
    "Gunmen killed " + ",".join(["999"] * 1_500) + " soldiers.",
])
def test_an_absurd_number_is_no_count(text: str) -> None:
    assert all(c.value <= MAX_NUMBER for c in find_counts(text))


def test_a_split_share_of_an_absurd_size_falls_back_to_the_parts() -> None:
    assert split_share(4, f"Fatalities split between 2 events ({BIG}).") == 2


def test_spanish_absurd_number_is_no_count() -> None:
    es = load_locale("es")
    found = find_counts(f"Hombres armados mataron a {BIG} soldados en Culiacán.", 0, es)
    assert all(c.value <= MAX_NUMBER for c in found)
