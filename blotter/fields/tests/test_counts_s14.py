"""Counts of session 14 (docs/arguments.md, "Session 14"): a side's claim of its
enemy's losses over several places is ACLED's unverified figure shared out."""

from __future__ import annotations

import pytest

from blotter.fields.casualties import claimed_losses, combine, find_counts, split_share
from blotter.fields.tests.reports import only
from blotter.pipeline import Pipeline

#: Invented notes in the form of ACLED's front-line notes (no dev record copied).
CLAIM = ("According to Northern sources, up to 300 Southern soldiers were killed near "
         "Alvena, Borsk, Cattow and Dunmere.")


def test_a_claim_over_four_places_is_read_with_its_places() -> None:
    claim = claimed_losses(CLAIM)
    assert claim is not None
    assert claim.value == 300
    assert claim.places == ("Alvena", "Borsk", "Cattow", "Dunmere")


def test_the_share_goes_by_the_place_of_the_event() -> None:
    claim = claimed_losses(CLAIM)
    assert claim is not None
    # 10 over four places: 3, 3, 2, 2 in the order of the list
    assert claim.share("Northern forces clashed near Borsk. " + CLAIM) == 3
    assert claim.share("Northern forces clashed near Cattow. " + CLAIM) == 2
    assert claim.share(CLAIM) == 2  # no place of the list named: the lower share


def test_region_words_of_the_list_are_no_places() -> None:
    claim = claimed_losses("According to Northern sources, on that day, 500 Southern soldiers "
                           "were killed near Alvena, Kor region, Borsk, Tel region, and Cattow.")
    assert claim is not None and claim.places == ("Alvena", "Borsk", "Cattow")


def test_own_losses_and_local_sources_are_no_claim() -> None:
    assert claimed_losses("According to Northern sources, 15 Northern soldiers were killed "
                          "near Alvena and Borsk.") is None
    assert claimed_losses("According to local sources, 15 soldiers were killed near Alvena "
                          "and Borsk.") is None
    assert claimed_losses("According to Northern sources, 26 Southern soldiers were killed "
                          "near Alvena.") is None  # one place: coded as told


def test_the_event_carries_the_share_and_keeps_the_claim_as_high(pipeline: Pipeline) -> None:
    event = only(pipeline, "On 21 June 2024, Northern and Southern forces clashed near Alvena. "
                           + CLAIM)
    assert event["fatalities"]["best"] == 3
    assert event["fatalities"]["high"] == 300


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another source's figure beside the report's own: the report's
        ("At least three people were killed by gunmen in Witu. The Daily Star reports 4 dead.", 3),
        ("Two soldiers were killed in the ambush. Other sources report that 5 soldiers died.", 2),
        # a claim beside the other side's figure: the figure told as fact
        ("A soldier was killed when an IED hit the convoy. The militants claimed killing eight.",
         1),
        # a figure told as unconfirmed beside a confirmed one
        ("2 police officers were killed in riots. 7 other deaths are feared but unconfirmed.", 2),
        # a claim of responsibility, or "claimed the lives of", is no other figure
        ("A car bomb exploded in the town centre. The blast claimed the lives of four people "
         "and wounded twelve.", 4),
        ("Two people were killed in the attack. The Front claimed a suicide attack that killed "
         "two people.", 2),
        # a claim alone is coded as told
        ("The militants attacked a base and claimed to have killed 26 soldiers.", 26),
        # ... unless told as unconfirmed: ACLED's unverified figure
        ("Rebels claimed to have clashed with police in the town, killing 20 persons "
         "(13 police and 7 militia, fatalities unconfirmed).", 10),
    ],
)
def test_another_sources_figure_gives_way_to_the_reports_own(
    pipeline: Pipeline, text: str, expected: int
) -> None:
    assert only(pipeline, "On 3 May 2024, " + text[0].lower() + text[1:])["fatalities"][
        "best"] == expected


def test_another_sources_figure_stays_the_high_bound(pipeline: Pipeline) -> None:
    event = only(pipeline, "On 3 May 2024, two soldiers were killed in the ambush. "
                           "Other sources report that 5 soldiers died.")
    assert (event["fatalities"]["best"], event["fatalities"]["high"]) == (2, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The death toll in an attack on Sunday by militia at a village in the north of the "
         "district has risen to 11.", 11),
        ("Artillery shelled targets east of the town. Fatalities coded at least 9.", 9),
        ("Gunmen killed 'more than' 20 people in the villages.", 20),
    ],
)
def test_tolls_and_quoted_counts(text: str, expected: int) -> None:
    assert combine(find_counts(text), "killed").best == expected


def test_a_victim_told_keeps_one_when_the_note_splits_the_toll() -> None:
    told = "Herders shot and killed a cyclist. Fatalities split across the four days."
    assert split_share(1, told) == 1
    assert split_share(8, told) == 2
