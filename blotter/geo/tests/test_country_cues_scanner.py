"""The two-pattern cue scanner finds what one alternation of every cue finds."""

from __future__ import annotations

import re

from blotter.geo.cues import Cue, CueScanner


def _one_alternation(cues: list[tuple[str, bool]], text: str) -> list[tuple[int, int, int]]:
    alt = "|".join(
        f"(?P<c{i}>{p})" if acro else f"(?P<c{i}>(?i:{p}))" for i, (p, acro) in enumerate(cues)
    )
    return [
        (m.start(), m.end(), int(m.lastgroup[1:]))
        for m in re.finditer(r"\b(?:" + alt + r")\b", text)
        if m.lastgroup
    ]


def _scanner(cues: list[tuple[str, bool]]) -> CueScanner:
    return CueScanner.of(tuple(Cue(p, "XX", acronym=a) for p, a in cues))


def test_overlapping_cues_of_both_kinds_resolve_as_one_alternation_would() -> None:
    # an acronym inside a longer name, a name inside a longer acronym cue, the
    # same offset claimed by both kinds (the lower index wins), case folding
    cues = [("SMM", True), ("osce smm", False), ("Popular Front", False), ("PF", True),
            ("Front", True), ("popular", False), ("Popular", True), ("SMM saw", True)]
    text = "The OSCE SMM and the SMM saw popular front and Popular Front fighters; PF, FRONT."
    assert _scanner(cues).matches(text) == tuple(_one_alternation(cues, text))
    assert _scanner(cues).matches(text)  # something was found
    accented = text + " Mérida: osce SMM"  # not ASCII: scanned with IGNORECASE, same finds
    assert _scanner(cues).matches(accented) == tuple(_one_alternation(cues, accented))
    assert _scanner(cues).folded_names is not None  # the ASCII text took the folded scan


def test_a_name_pattern_lower_casing_would_change_is_not_folded() -> None:
    assert _scanner([("Kenya\\S*", False)]).folded_names is None
    assert _scanner([("(?-i:Ruto)", False)]).folded_names is None


def test_no_cues_of_a_kind_finds_nothing_of_it() -> None:
    cues = [("Taliban", False)]
    assert _scanner(cues).matches("TALIBAN fighters") == ((0, 7, 0),)
    assert _scanner([]).matches("anything") == ()
