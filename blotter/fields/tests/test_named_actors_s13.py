"""Session 13: actor dictionary rows for names the terrorism chronologies use
(lang/en/actors.tsv). Texts written here."""

from __future__ import annotations

import pytest

from blotter.fields.claims import DocumentAcronyms, best_perpetrator, find_perpetrators


def bound(text: str) -> str | None:
    """The strongest-bound perpetrator's name of one sentence."""
    found = best_perpetrator(find_perpetrators(text, acronyms=DocumentAcronyms(text)))
    return found.name if found else None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Cuban exiles in Florida claimed credit for the bombing.", "Anti-Castro Cubans"),
        ("Members of the November 17th group planted the bombs.",
         "N17: Revolutionary Organization 17 November"),
        ("The al-Quds Squads claimed responsibility for the rockets.",
         "PIJ: Palestinian Islamic Jihad"),
        ("The Revolutionary Popular Struggle claimed responsibility for the blast.",
         "ELA: Revolutionary People's Struggle"),
        ("Three members of the TPLA hijacked a domestic flight.",
         "TPLA: Turkish People's Liberation Army"),
        ("El Gama'a al-Islamiyya claimed responsibility for the shooting.",
         "IG: al-Gama'at al-Islamiyya"),
    ],
)
def test_names_the_chronologies_use(text: str, name: str) -> None:
    assert bound(text) == name


def test_a_pro_castro_exposition_names_no_exile_group() -> None:
    assert bound("A bomb damaged the hall where a pro-Castro Cuban exposition was held.") is None
