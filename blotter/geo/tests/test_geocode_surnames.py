"""Issue 12, session 10: a name the text writes as a person's surname ("Trevor
Kell, a driver") is no place where it stands alone. Texts written here."""

from __future__ import annotations

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.mentions import find_places


def surfaces(text: str, gaz: Gazetteer) -> list[str]:
    """The surfaces of the text's place mentions, in order."""
    return [m.surface for m in find_places(text, gaz).mentions]


def test_a_surname_after_a_given_name_and_before_an_apposition_is_no_place(
    gaz: Gazetteer,
) -> None:
    text = "Trevor Kell, a taxi driver, was shot in Belfast. Kell had no enemies."
    assert surfaces(text, gaz) == ["Belfast"]
    # without the person the same name is the town
    assert surfaces("Two men were shot in Belfast. Kell had no police post.", gaz) == [
        "Belfast",
        "Kell",
    ]


def test_a_surname_before_a_verb_of_the_pack_is_no_place(gaz: Gazetteer) -> None:
    text = "A trader, Gulzar Babar was shot dead in Bilbao. Babar had received threats."
    assert surfaces(text, gaz) == ["Bilbao"]
    # "town" is no verb: "Aadayseh Marjayoun town" is a village and its district
    text = "Shells hit Aadayseh Marjayoun town at night. Marjayoun lies near the border."
    assert "Marjayoun" in surfaces(text, gaz)


def test_after_a_locative_word_the_name_stays_a_place(gaz: Gazetteer) -> None:
    text = "Trevor Kell, a taxi driver, was shot in Kell."
    assert surfaces(text, gaz) == ["Kell"]


def test_a_capitalised_word_before_a_name_and_a_noun_makes_no_surname(gaz: Gazetteer) -> None:
    # "Suspected Bondo raiders": no apposition, no verb after the pair
    assert "Bondo" in surfaces("Suspected Bondo raiders attacked a farm.", gaz)
