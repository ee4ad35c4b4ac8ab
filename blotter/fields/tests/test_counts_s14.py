"""Counts of session 14 (docs/arguments.md, "Session 14"): a side's claim of its
enemy's losses over several places is ACLED's unverified figure shared out."""

from __future__ import annotations

from blotter.fields.casualties import claimed_losses
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
