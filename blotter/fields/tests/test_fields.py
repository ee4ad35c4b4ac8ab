"""Dates, counts and actors read from sentences."""

from __future__ import annotations

from datetime import date

import pytest

from blotter.fields.casualties import combine, find_counts
from blotter.fields.dates import DAY, MONTH, WEEK, find_dates
from blotter.fields.numbers import to_int
from blotter.lang import load_locale

PUB = date(2019, 10, 15)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("ambushed on Monday in the hills", date(2019, 10, 14), DAY),
        ("the attack yesterday", date(2019, 10, 14), DAY),
        ("In August, the group hung bodies", date(2019, 8, 1), MONTH),
        ("On 9 May 2020, protesters gathered", date(2020, 5, 9), DAY),
        ("TOOK PLACE ON 30 DECEMBER IN SAN LUIS", date(2018, 12, 30), DAY),
        ("Around 30 April 2020 (week of), forces", date(2020, 4, 30), WEEK),
        ("two weeks ago", date(2019, 10, 1), WEEK),
    ],
)
def test_dates_resolve_against_publication(text: str, expected: date, precision: int) -> None:
    ref = find_dates(text, PUB)[0]
    assert (ref.value, ref.precision) == (expected, precision)


def test_a_year_alone_is_month_precision_with_a_note() -> None:
    (ref,) = find_dates("downed a helicopter in 2015", PUB)
    assert ref.value == date(2015, 1, 1) and ref.note == "year only"


@pytest.mark.parametrize(
    ("text", "year"),
    [("in August of 2015 the group", 2015), ("in August, 2015 the group", 2015)],
)
def test_a_month_takes_its_year_after_a_connector(text: str, year: int) -> None:
    assert find_dates(text, PUB)[0].value == date(year, 8, 1)


def test_a_spanish_month_takes_its_year_after_de() -> None:
    (ref,) = find_dates("la Corte que en septiembre de 2014 suspendió", PUB, 0, load_locale("es"))
    assert ref.value == date(2014, 9, 1)


@pytest.mark.parametrize(
    ("text", "last", "holds_pub"),
    [
        ("In October, the group hung bodies", date(2019, 10, 31), True),
        ("In September, the group hung bodies", date(2019, 9, 30), False),
        ("two weeks ago", date(2019, 10, 7), False),
        ("downed a helicopter in 2019", date(2019, 1, 1), False),  # a year is no month
        ("the attack yesterday", date(2019, 10, 14), False),  # a day holds only itself
    ],
)
def test_a_coarse_date_spans_to_its_last_day(text: str, last: date, holds_pub: bool) -> None:
    ref = find_dates(text, PUB)[0]
    assert ref.last_day() == last
    assert ref.holds(PUB) is holds_pub


@pytest.mark.parametrize(
    ("word", "value"),
    [("dozens", 12), ("several", 3), ("twenty-one", 21), ("1,200", 1200), ("a", 1)],
)
def test_numbers_follow_acled_conventions(word: str, value: int) -> None:
    assert to_int(word)[0] == value


def test_revised_toll_is_low_first_best_latest() -> None:
    counts = find_counts(
        "While 13 officers had originally been reported dead, the death toll increased to 14."
    )
    assert combine(counts, "killed").best == 14 and combine(counts, "killed").low == 13


def test_different_victim_groups_add_up_same_group_does_not() -> None:
    text = (
        "2 policemen were killed in the attack. "
        "Officials said 2 militants were also killed and 2 were wounded."
    )
    counts = find_counts(text)
    assert combine(counts, "killed").best == 4
    assert combine(counts, "injured").best == 2
    twice = find_counts("14 police officers were killed. The 14 officers were killed in an ambush.")
    assert combine(twice, "killed").best == 14


def test_years_and_subsets_are_not_tolls() -> None:
    assert combine(find_counts("a helicopter in 2015 and killed 15 officers"), "killed").best == 15
    text = "Five people were killed, including two children killed in the blast."
    assert combine(find_counts(text), "killed").best == 5


def test_no_casualties_is_a_known_zero() -> None:
    assert combine(find_counts("No casualties were reported."), "killed").best == 0


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Between 43 and 52 persons were killed in the blast.", 43),
        ("Militiamen killed 8-10 residents across the villages.", 8),
        ("The clash led to the killing of 3 militants.", 3),
        ("1 policeman was shot and killed by militants.", 1),
        ("2 members of the regime's Air Force Intelligence were killed.", 2),
        ("WELL-KNOWN BANKER RAMON CASAS WAS MURDERED TODAY BY UNIDENTIFIED MEN.", 1),
        ("The rebels were blamed for the assassination of a judge.", 1),
    ],
)
def test_acled_style_counts(text: str, best: int) -> None:
    assert combine(find_counts(text), "killed").best == best


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("The union condemned the journalist's murder on Friday.", 1),
        ("THE MINISTER DENOUNCED CARLOS RUIZ GOMEZ' ASSASSINATION.", 1),
        ("The country's murder rate rose again.", None),
        ("Police foiled the minister's assassination attempt.", None),
        ("The victims' murder was condemned.", None),
    ],
)
def test_one_persons_murder_named_by_a_possessive(text: str, best: int | None) -> None:
    assert combine(find_counts(text), "killed").best == best


def test_a_toll_split_over_events_is_shared() -> None:
    from blotter.fields.casualties import split_share

    assert split_share(78, "78 fighters were killed. Fatalities split between 2 events.") == 39
    assert split_share(8, "Fatalities are split across 2 events (4).") == 4
    assert split_share(8, "Eight fighters were killed.") == 8


def test_compound_number_words_are_read_by_text2num() -> None:
    assert to_int("one hundred and twelve") == (112, False)
    assert to_int("two hundred") == (200, False) and to_int("a hundred") == (100, False)
    (count,) = find_counts("Police said one hundred and twelve people were killed.")
    assert (count.kind, count.value) == ("killed", 112)


def test_relative_and_weekday_words_resolve() -> None:
    (last,) = find_dates("the attack last Tuesday", PUB)
    assert last.value == date(2019, 10, 8)  # the same weekday as publication: a week back
    (month,) = find_dates("it happened last month", PUB)
    assert (month.value, month.precision) == (date(2019, 9, 1), MONTH)


@pytest.mark.parametrize("code", ["en", "es"])
def test_the_count_pattern_reads_every_word_of_the_pack_whole(code: str) -> None:
    """The trie-shaped union matches each unit and vague word as the whole count, the
    longer word before its prefix ("an unknown number of" before "an", "ten" not "te")."""
    import re

    from blotter.fields.numbers import number_words
    from blotter.lang import load_locale

    words = number_words(load_locale(code))
    pattern = re.compile(words.pattern, re.IGNORECASE)
    for word in [*words.units, *words.vague]:
        m = pattern.match(word)
        assert m is not None and m.group(0) == word, word
