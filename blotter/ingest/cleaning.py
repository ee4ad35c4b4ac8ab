"""Normalise article text before it is stored (offsets of events index the stored text)."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TRAILING_SPACE = re.compile(r"[^\S\n]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")
#: Runs of any whitespace but newlines (tabs, NBSP, em spaces, form feeds...) become one
#: space, so no pattern downstream ever meets a long whitespace run.
_INNER_SPACES = re.compile(r"[^\S\n]{2,}")


def clean_text(text: str) -> str:
    """NFC, Unix newlines, no invisible characters, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _INNER_SPACES.sub(" ", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()
