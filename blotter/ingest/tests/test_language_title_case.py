"""Title-case headlines: a capitalised word may be the headline's English, not a name.

English copy about Mexico is often headed "Place, State: Group Verb Object" in
title case; its only lower-case words are Spanish joints ("del"), so before
this rule the Spanish names outvoted the English verbs and the headline went
to the Spanish pack, which finds no act in "Leave Bodies".  Headlines here are
written for the test.
"""

from __future__ import annotations

from blotter.ingest.language import _title_case_words, detect_language


def test_title_case_english_headline_naming_mexican_places_is_not_spanish() -> None:
    english = "Culiacán, Sinaloa: Los Chapitos Gunmen Leave Bodies Beside Highway"
    assert detect_language(english) == "en"
    assert detect_language("Apatzingán, Michoacán: Cárteles Unidos Ambush Soldiers Near Ranch") \
        != "es"


def test_spanish_headlines_stay_spanish() -> None:
    # sentence case, and a line whose capitals are all Spanish names
    spanish = "Hallan sin vida a dos hombres en la colonia Villa Juárez de Navolato"
    assert detect_language(spanish) == "es"
    assert detect_language("Matan a Juan Pérez López en San Luis Potosí") == "es"


def test_only_title_case_lines_give_english_words() -> None:
    words = _title_case_words("Sinaloa: Gunmen Leave Bodies Beside Highway", set(), frozenset())
    assert {"leave", "bodies"} <= set(words)
    assert "sinaloa" not in words  # a name, known best in neither language by the margin
    # a lower-case content word: sentence case, capitals are names
    assert _title_case_words("Hallan a Kevin Smith Brown en Tijuana", set(), frozenset()) == []
    # words opening the line are counted elsewhere
    assert "gunmen" not in _title_case_words("Gunmen Leave Bodies Beside Highway", {0}, frozenset())
