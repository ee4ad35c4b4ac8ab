"""Session 13: a date inside a group's name is no date of the act ("November 17
members", "the 1 May Organization", "Popular Forces of April 25"); a date told
with a preposition stays one. Texts written here."""

from __future__ import annotations

from datetime import date

import pytest

from blotter.fields.dates import find_dates

PUBLISHED = date(1994, 7, 5)


@pytest.mark.parametrize(
    "text",
    [
        "The diplomat was shot dead by November 17 members who drove up beside his car.",
        "The 1 May Organization claimed the bomb at a bank.",
        "A bank was bombed; the May 1st groups claimed it.",
        "Popular Forces of April 25 set off eight bombs near the base.",
        "The 20 December National Liberation Movement claimed the attack.",
    ],
)
def test_a_date_in_a_group_name_is_no_date(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("On 17 November members of the group attacked a patrol.", date(1993, 11, 17)),
        ("Gunmen attacked the village on May 1st.", date(1994, 5, 1)),
        ("The bomb went off on 3 May outside a bank.", date(1994, 5, 3)),
    ],
)
def test_a_date_told_as_one_stays(text: str, day: date) -> None:
    assert [d.value for d in find_dates(text, PUBLISHED)] == [day]
