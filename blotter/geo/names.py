"""The one place-name normaliser of ``blotter.geo``, shared by the gazetteer
build, the look-ups, the unit comparisons and the benchmarks.

Both sides use the same rules, so a text n-gram matches a gazetteer key exactly:
accent-free lower case (Unidecode), apostrophes dropped, hyphens and other
punctuation as separators (:func:`normalise`, :func:`tokens`); :func:`plain` is
the same Latin form with its case kept (display names); :func:`fuzzy_key` folds
a normalised key further for spelling-tolerant look-ups.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from unidecode import unidecode

# A word: letters, possibly with inner apostrophes ("Ma’rib", "People's").
WORD_RE = re.compile(r"[^\W\d_]+(?:['’‘ʻʼ`][^\W\d_]+)*")
APOSTROPHES_RE = re.compile(r"['’‘ʻʼ`]")
PAREN_RE = re.compile(r"\(([^()]+)\)")

# Generic words for administrative units in GeoNames' names, in every
# language they come in ("Sanaa Governorate" -> "Sanaa"), stripped to get the
# short form and recognised after a place mention: data, in
# ``data/unit_name_words.toml`` (``unit_words``).
ADMIN_WORDS = frozenset(
    tomllib.loads(
        (Path(__file__).resolve().parent / "data" / "unit_name_words.toml").read_text("utf-8")
    )["unit_words"]
)

# Arabic and other articles that transliterations write, drop or glue on at will
# ("al-Hasakeh" / "Hasakah", "Deir ez-Zor" / "Dayr az Zawr", "Ad Dali" / "Dhale").
ARTICLES = frozenset(
    ["al", "el", "ad", "as", "ar", "an", "ash", "at", "az", "ez", "es", "ed", "er", "et", "ul"]
)


def plain(text: str) -> str:
    """Accent-free Latin form of *text*, apostrophes removed, case kept."""
    # Unidecode writes the schwa as "@" ("Ağcabədi" -> "Agcab@di")
    return APOSTROPHES_RE.sub("", unidecode(text)).replace("@", "a")


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """Accent-free lower-case form of one word, apostrophes removed."""
    return plain(word).lower()


def normalise(name: str) -> str:
    """Gazetteer key of a name: its normalised words joined by single spaces
    (composed first, so "Michoacán" with a combining accent is one word)."""
    name = unicodedata.normalize("NFC", name)
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
        if len(words) > 1 and words[0] in ARTICLES:  # "Al Hoceima" -> "hoceima"
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
            return plain(alias)
    words = plain(name).split()
    core = [w for w in words if w.lower() not in ADMIN_WORDS]
    return " ".join(core or words)


VOWEL_RUN_RE = re.compile(r"[aeiouy]+")
H_INNER_RE = re.compile(r"h")
DOUBLE_RE = re.compile(r"(.)\1+")
VOWEL_W_RE = re.compile(r"([aeiou])w")  # "Zawr" / "Zor": a diphthong
# A word starting with "al"/"el" longer than this may carry a glued article ("Aljfara").
GLUED_ARTICLE_MIN = 5
UNIT_SUFFIXES = ("skaya", "skiy", "skyi", "skyy")
# A word at least this long may carry an adjectival unit suffix ("gomelskaya").
SUFFIXED_MIN = 8
# Spelling-tolerant keys shorter than this collide too often to be useful.
MIN_FUZZY_KEY_CHARS = 4


@lru_cache(maxsize=200_000)
def fuzzy_key(key: str) -> str:
    """Spelling-tolerant form of a normalised name: articles and admin words
    dropped, words glued, vowel runs folded to one "a", "h" dropped (but as
    first letter), "q" as "k", "t" as "d", doubled letters single.

    "al hasakeh" and "hasakah" -> "hasaka"; "idleb"/"idlib" -> "adlab";
    "deir ez zor"/"dayr az zawr" -> "darzar". Empty when too short to trust.
    """
    words = [w for w in key.split() if w not in ARTICLES and w not in ADMIN_WORDS]
    if not words:
        return ""
    words = [w[2:] if w[:2] in ("al", "el") and len(w) > GLUED_ARTICLE_MIN else w for w in words]
    words = [  # Russian adjectival unit names: "Gomelskaya (oblast)" / "Gomel"
        w[: -len(end)] if end and len(w) >= SUFFIXED_MIN else w
        for w in words
        for end in [next((e for e in UNIT_SUFFIXES if w.endswith(e)), "")]
    ]
    text = VOWEL_W_RE.sub(r"\1u", "".join(words).replace("q", "k"))
    # "h" is written or not ("Salah ad-Din" / "Sala al-Din", "Dhi Qar" / "Di Qar"),
    # and "t" / "d" alternate ("Thi Qar" / "Dhi Qar")
    text = (text[:1] + H_INNER_RE.sub("", text[1:])).replace("t", "d")
    text = VOWEL_RUN_RE.sub("a", text)
    text = DOUBLE_RE.sub(r"\1", text)
    return text if len(text) >= MIN_FUZZY_KEY_CHARS else ""


def upper_share(text: str) -> float:
    """The share of *text*'s letters that are upper case (0 for a text without letters):
    ALL-CAPS wire copy is near 1.  Counted by C-level ``filter``/``map`` passes, as it
    runs on every text (a Python loop over the characters cost about 0.1 ms each)."""
    letters = list(filter(str.isalpha, text))
    return sum(map(str.isupper, letters)) / len(letters) if letters else 0.0
