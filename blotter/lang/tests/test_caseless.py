"""CaselessGate answers as an IGNORECASE search does, on ASCII and other text."""

from __future__ import annotations

import re

import pytest

from blotter.lang.caseless import CaselessGate

CASES = [
    "Two were KILLED", "no casualty here", "Murió un hombre, KILLED", "ſhot dead", "KiLl",
    "DEAD men",
]


@pytest.mark.parametrize(
    "pattern",
    [r"kill|shot|dead", r"\bkill", r"[A-Z]ill", r"\Shot", r"KILL|Dead", r"(?-i:d)ead", r"\x64ead"],
)
def test_same_answer_as_ignorecase(pattern: str) -> None:
    gate, reference = CaselessGate(pattern), re.compile(pattern, re.IGNORECASE)
    answers = [gate.search(t) is not None for t in CASES]
    assert answers == [reference.search(t) is not None for t in CASES]
    assert any(answers)


def test_long_s_is_folded_as_the_engine_folds_it() -> None:
    # non-ASCII text keeps the engine's IGNORECASE: "ſ" matches "s" there
    assert CaselessGate("shot").search("ſhot dead") is not None
