"""phrase_pattern: one trie-shaped regex that matches what the flat alternation did."""

from __future__ import annotations

import re

import pytest

from blotter.lang.lexicon import phrase_pattern

PHRASES = ["al*", "al qaeda", "al-shabaab", "police", "police forces", "pol*", "ab", "ab*",
           "national guard", "national liberation army", "nato", "m-23", "the (unknown)"]


def flat(phrases: list[str]) -> str:
    """The longest-first alternation phrase_pattern replaced (the reference)."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        body = re.escape(phrase.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(body + (r"[\w'-]*" if phrase.endswith("*") else ""))
    return r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])"


@pytest.mark.parametrize("text", [
    "Al Qaeda and al-Shabaab fighters", "alqaeda", "Police  forces fired; police left",
    "politicians of the National Liberation Army", "ab-c abc ab", "NATO and the M-23",
    "the (unknown) men", "nationalist guards",
])
def test_the_trie_matches_the_same_spans_as_the_flat_alternation(text: str) -> None:
    trie = re.compile(phrase_pattern(PHRASES), re.IGNORECASE)
    reference = re.compile(flat(PHRASES), re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in reference.finditer(text)]
    assert trie.pattern.count("pol") == 1  # a shared prefix is written once


def test_no_phrases_match_nothing() -> None:
    assert re.compile(phrase_pattern([])).search("anything at all") is None


def test_dictionary_rows_match_as_the_flat_alternation_did() -> None:
    rows = ["eta", "euskadi ta askatasuna", "maoist*", "maoist communist centre", "gang*",
            "gangs of new york", "al-fatah", "fatah", "police*", "policem*"]
    text = (
        "ETA and Euskadi Ta  Askatasuna; Maoists of the Maoist Communist Centre; gangsters, "
        "Gangs of New Yorkers; Al-Fatah, fatahs; Policemen and police-led units; etan."
    )
    trie = re.compile(phrase_pattern(rows), re.IGNORECASE)
    spans = [m.span() for m in re.compile(flat(rows), re.IGNORECASE).finditer(text)]
    assert spans == [m.span() for m in trie.finditer(text)]
    assert "Maoist Communist Centre" in [m.group(0) for m in trie.finditer(text)]


def test_a_cue_inside_an_other_sense_phrase_is_no_cue() -> None:
    from blotter.lang.lexicon import CueLexicon

    lexicon = CueLexicon({
        "protest": ["paro", "la marcha"],
        "arrest": ["arrest*"],
        "other_sense": ["paro cardíaco", "cardiac arrest"],
    })
    text = "Murió tras un paro cardíaco; el paro docente sigue. He died of cardiac arrest."
    hits = lexicon.find(text)
    assert [text[h.start:h.end] for h in hits["protest"]] == ["paro"]
    assert hits["protest"][0].start == text.index("paro docente")
    assert "arrest" not in hits  # its only hit was inside "cardiac arrest"
    assert "other_sense" not in hits  # the group itself is never reported
