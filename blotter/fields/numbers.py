"""Numbers as news writes them: digits, words, and ACLED's vague quantities.

The words come from the language pack (``tables.toml``: ``numbers.units``,
``numbers.vague``; ``patterns.toml``: ``numbers.*``); compound number words
are converted by text2num in the pack's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from retrie.trie import Trie
from text_to_num import text2num

from blotter.lang import Locale, default_locale

#: The largest number read from text; a larger one reads as no number (None).  No
#: count, toll or "N days ago" in a news report comes near it (the deadliest wars'
#: tolls run to millions): a longer digit run is a phone number, an id or garbage.
#: Bounding the digits also keeps every conversion far below Python's 4,300-digit
#: int-string limit, whose ValueError used to fail the whole record.
MAX_NUMBER = 10_000_000
#: Digits of MAX_NUMBER: a longer run (leading zeros aside) is over it, unconverted.
MAX_DIGITS = len(str(MAX_NUMBER))


def read_digits(raw: str) -> int | None:
    """The value of a run of decimal digits (commas between groups allowed), or None
    if it is not one or is over MAX_NUMBER.  Safe on runs of any length."""
    digits = raw.replace(",", "")
    if not digits.isdecimal():  # isdecimal, not isdigit: int() refuses "²"
        return None
    significant = digits.lstrip("0")
    if len(significant) > MAX_DIGITS:
        return None  # more digits than MAX_NUMBER has: over it, never converted
    value = int(significant or "0")
    return value if value <= MAX_NUMBER else None


@dataclass(frozen=True)
class NumberWords:
    """One pack's count words, compiled: the span pattern and the converter."""

    units: dict[str, int]
    vague: dict[str, int]
    vague_alone: frozenset[str]
    multipliers: frozenset[str]
    language: str | None
    #: A count phrase: "at least 14", "more than a dozen", "twenty-one", "1,200".
    pattern: str

    def to_int(self, raw: str) -> tuple[int | None, bool]:
        """Convert a count word or digits to an int; the flag says the count is vague."""
        token = " ".join(raw.lower().replace("-", " ").split())
        if token.replace(",", "").isdecimal():
            return read_digits(token), False
        if token in self.vague:
            return self.vague[token], True
        vague = token in self.vague_alone
        if self.language:
            value = _text2num(token, self.language)
            if value is not None:
                return value, vague
        if token in self.units:  # a unit of several words: "a couple"
            return self.units[token], vague
        total = 0
        last: int | None = None
        for part in token.split():
            if part not in self.units:
                return None, False
            value = self.units[part]
            if part in self.multipliers and total:
                total *= value
            elif last is not None and value >= last:
                # "a seven(-year-old)", "two three": words that do not compose
                # (an added part is smaller than the one before: "twenty one")
                return None, False
            else:
                total += value
            last = value
        return (total, vague) if total <= MAX_NUMBER else (None, False)


@lru_cache(maxsize=4096)
def _text2num(token: str, language: str) -> int | None:
    """text2num's reading of a number phrase, or None if it is not one."""
    try:
        value = int(text2num(token, language))
    except ValueError:
        return None
    return value if value <= MAX_NUMBER else None


def _union(words: Iterable[str]) -> str:
    """One regex for a set of literal words, as a trie ("t(?:en|w(?:enty|o))"): it
    matches what the longest-first alternation did (a word before its prefixes), but
    the count pattern, embedded in every casualty pattern, compiles and scans several
    times faster than 37 number words spelled out five times each."""
    trie = Trie()
    trie.add(*(w.lower() for w in words))
    return trie.pattern() or r"(?!)"


def number_words(locale: Locale | None = None) -> NumberWords:
    """The compiled count words of *locale* (default pack if None)."""
    return _number_words(locale or default_locale())


@lru_cache(maxsize=8)
def _number_words(locale: Locale) -> NumberWords:
    units = {str(k): int(v) for k, v in locale.table("numbers.units").items()}
    vague = {str(k): int(v) for k, v in locale.table("numbers.vague").items()}
    word, vague_re = _union(units), _union(vague)
    compound = locale.pattern("numbers.compound").replace("{word}", word)
    joiner = locale.pattern("numbers.joiner")
    # the white space after a qualifier belongs to it: a bare "\s*" before the count
    # was tried from every position of a run of spaces (quadratic on long runs)
    pattern = (
        r"(?:(?P<qual>" + locale.pattern("numbers.qualifier") + r")\s*)?"
        r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|(?:" + vague_re + r")(?![\w])|(?:" + compound + r")"
        r"|(?:" + word + r")(?:" + joiner + r"(?:" + word + r"))?)"
        r"(?![\w])"
    )
    return NumberWords(
        units,
        vague,
        locale.word_set("numbers.vague_alone"),
        locale.word_set("numbers.multipliers"),
        locale.text2num,
        pattern,
    )


def unit_words(locale: Locale | None = None) -> str:
    """One regex of the pack's count words alone ("two", "twenty"), no groups."""
    return _union(number_words(locale).units)


def number_pattern(suffix: str = "", locale: Locale | None = None) -> str:
    """The count pattern with its groups renamed ``qual<suffix>`` and ``num<suffix>``."""
    pattern = number_words(locale).pattern
    return pattern.replace("?P<qual>", f"?P<qual{suffix}>").replace("?P<num>", f"?P<num{suffix}>")


def bare_number_pattern(locale: Locale | None = None) -> str:
    """The count pattern without its named groups (for a count read only as a whole)."""
    return number_words(locale).pattern.replace("?P<qual>", "?:").replace("?P<num>", "?:")


def to_int(raw: str, locale: Locale | None = None) -> tuple[int | None, bool]:
    """Convert a count word or digits to an int; the flag says the count is vague."""
    return number_words(locale).to_int(raw)
