"""The mixed-case view of ALL-CAPS wire copy (blotter/lang/casing.py)."""

from __future__ import annotations

from blotter.lang.casing import case_view, is_all_caps


def test_rare_words_keep_a_capital_and_common_words_lose_it() -> None:
    text = "INSPECTOR EULOGIO FLORES DIED IN THE EXPLOSION."
    out = case_view(text, "en")
    assert len(out) == len(text)
    assert "Eulogio Flores died in the explosion" in out  # "flores" is a word, beside a name


def test_a_name_told_apart_by_a_comma_stays_alone() -> None:
    out = case_view("POLICE SAID THAT BARILLAS, AMBASSADOR TO SPAIN, WAS GUNNED DOWN", "en")
    assert out.startswith("police said that Barillas, ambassador to spain, was gunned down")


def test_mixed_case_text_and_short_runs_are_left_alone() -> None:
    text = "Inspector Eulogio Flores died in the explosion."
    assert case_view(text, "en") is text
    assert not is_all_caps("UN AK-47")
    assert case_view("INSPECTOR FLORES DIED", None) == "INSPECTOR FLORES DIED"
