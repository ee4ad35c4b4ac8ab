"""Name normalisation and tokenisation shared by the gazetteer build and look-ups.

Both sides use the same rules, so a text n-gram matches a gazetteer key exactly:
accent-free lower case (Unidecode), apostrophes dropped, hyphens and other
punctuation as separators.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from unidecode import unidecode

# A word: letters, possibly with inner apostrophes ("Ma’rib", "People's").
WORD_RE = re.compile(r"[^\W\d_]+(?:['’‘ʻʼ`][^\W\d_]+)*")
APOSTROPHES_RE = re.compile(r"['’‘ʻʼ`]")
PAREN_RE = re.compile(r"\(([^()]+)\)")

# Generic words for administrative units, stripped to get the short form
# ("Sanaa Governorate" -> "Sanaa") and recognised after a place mention.
ADMIN_WORDS = frozenset(
    [
        "oblast",
        "oblast'",
        "region",
        "province",
        "provincia",
        "governorate",
        "state",
        "estado",
        "district",
        "raion",
        "rayon",
        "county",
        "municipality",
        "municipio",
        "department",
        "departamento",
        "prefecture",
        "division",
        "muhafazat",
        "wilaya",
        "wilayah",
        "territory",
        "union",
        "parish",
        "canton",
        "commune",
        "zone",
        "woreda",
        "kray",
        "krai",
    ]
)


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """Accent-free lower-case form of one word, apostrophes removed."""
    return APOSTROPHES_RE.sub("", unidecode(word)).lower()


def normalise(name: str) -> str:
    """Gazetteer key of a name: its normalised words joined by single spaces."""
    return " ".join(normalise_word(m.group(0)) for m in WORD_RE.finditer(name)).strip()


def tokens(text: str) -> Iterator[tuple[str, int, int, str]]:
    """Yield ``(normalised, start, end, surface)`` for each word of *text*."""
    for m in WORD_RE.finditer(text):
        yield normalise_word(m.group(0)), m.start(), m.end(), m.group(0)


def is_latin(name: str) -> bool:
    """True if every letter of *name* is Latin script (Unidecode leaves it readable)."""
    return all(ord(ch) < 0x250 or ch in "’‘ʻʼ" or not ch.isalpha() for ch in name)


def name_variants(name: str) -> set[str]:
    """Keys under which *name* is found: itself, parts in and outside parentheses,
    and the form without generic administrative words."""
    out = {normalise(name)}
    inside = PAREN_RE.findall(name)
    for part in inside:
        out.add(normalise(part))
    if inside:
        out.add(normalise(PAREN_RE.sub(" ", name)))
    for key in list(out):
        words = key.split()
        core = [w for w in words if w not in ADMIN_WORDS]
        if core and len(core) < len(words):
            out.add(" ".join(core))
        if words and words[0] in ("of", "de", "del"):
            out.add(" ".join(words[1:]))
    return {k for k in out if k}


def short_name(name: str, aliases: list[str]) -> str:
    """Display form of an administrative unit: the English short form when the
    aliases have one ("Sanaa Governorate" -> "Sanaa"), else the accent-free name."""
    for alias in aliases:
        words = alias.split()
        if len(words) > 1 and words[-1].lower() in ADMIN_WORDS and is_latin(alias):
            return " ".join(words[:-1])
    for alias in aliases:  # "Michoacán" for "Michoacán de Ocampo"
        if len(alias) < len(name) and name.startswith(alias + " ") and is_latin(alias):
            return APOSTROPHES_RE.sub("", unidecode(alias))
    plain = APOSTROPHES_RE.sub("", unidecode(name))
    words = plain.split()
    core = [w for w in words if w.lower() not in ADMIN_WORDS]
    return " ".join(core or words)
