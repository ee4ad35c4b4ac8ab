"""Case-insensitive yes/no searches that skip the regex engine's IGNORECASE.

Python's ``re`` matches an IGNORECASE alternation of words about seven times
slower than the same alternation case-sensitively (no literal fast paths), and
the gates that decide whether a sentence is worth a full scan ("does it hold a
casualty word at all?") run on every sentence.  A gate whose pattern holds no
case syntax (:func:`folds`) gives the same answer, lower-cased, on lower-cased
ASCII text searched case-sensitively; any other text (where Unicode case rules such as the long s
``ſ`` matching ``s`` could differ) is searched with IGNORECASE as before.
"""

from __future__ import annotations

import re

#: What lower-casing a pattern would change the meaning of: an escape (\S, \W,
#: \D, \B, \A, \Z, \N{...}, \x41, \u0041), a back-reference, a case-sensitive
#: inline group "(?-i:...)", a named group "(?P<...>)" or a range across cases
#: ("[A-z]").
CASED_SYNTAX = re.compile(r"\\[A-Zxuo0-9]|\(\?[a-zA-Z]*-[a-zA-Z]*i|\(\?P|[A-Z]-[a-z]")


def folds(pattern: str) -> bool:
    """True if ``pattern.lower()`` on lower-cased ASCII text finds what *pattern*
    finds under IGNORECASE (same spans): nothing in it is case syntax."""
    return CASED_SYNTAX.search(pattern) is None


class CaselessGate:
    """``search(text)`` as ``re.compile(pattern, re.I).search(text)`` would answer it.

    The match it returns (if any) is only good as a truth value: on ASCII text
    it is a match on the lower-cased copy.
    """

    __slots__ = ("_anycase", "_folded", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._anycase = re.compile(pattern, re.IGNORECASE)
        self._folded = re.compile(pattern.lower()) if folds(pattern) else self._anycase

    def search(self, text: str) -> re.Match[str] | None:
        """A match of the pattern in *text*, ignoring case; None if there is none."""
        if self._folded is not self._anycase and text.isascii():
            return self._folded.search(text.lower())
        return self._anycase.search(text)
