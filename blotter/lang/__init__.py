"""Language packs: everything language-specific, as data, behind one ``Locale``.

A pack is a directory named for its ISO 639-1 code holding ``pack.toml`` and
any of the data files below; a file a pack leaves out is empty (its word sets
are empty and its patterns never match), so a toy pack needs only a few lines.

==================  ==========================================================
``pack.toml``       ``name``, and optionally ``stop_words`` (a spaCy language
                    code whose stop-word list to use) and ``word_frequency``
                    (a wordfreq language code) and ``text2num`` (its
                    language code for number words)
``cues.toml``       ``[groups]``: cue phrases per group (event detection)
``attributes.toml`` ``[weapons]``, ``[claim_modes]``, ``[certainty]`` groups
``actors.tsv``      pattern, ACLED actor name, inter code, named|generic
``demonyms.tsv``    demonym, ISO 3166 alpha-2 country code
``country_cues.tsv`` pattern, country code, admin1 names (``;``), acronym flag
``words.toml``      ``[section] key = [words]``: named word sets
``patterns.toml``   ``[section] key = "regex"``: named regex fragments
``tables.toml``     ``[section.key]`` mappings (number words, months, labels)
==================  ==========================================================

Packs are found in ``blotter/lang/<code>/`` and in the directories named by
the ``BLOTTER_LANG_PATH`` environment variable (``os.pathsep``-separated; the
first directory holding a code wins, so a user pack can replace a built-in).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache, update_wrapper
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from blotter.document import Document

#: Pack used for text too short to identify (the reader gave no language and
#: py3langid could not tell): the language Blotter's sources mostly write.
DEFAULT_LANGUAGE = "en"
#: Extra directories searched for packs (before the built-in ones).
LANG_PATH_ENV = "BLOTTER_LANG_PATH"
#: The file that makes a directory a language pack.
PACK_FILE = "pack.toml"
#: A regex that never matches: what a pattern a pack leaves out compiles to.
NEVER = r"(?!)"
_BUILTIN = Path(__file__).parent


class LanguagePackError(ValueError):
    """A language pack that is missing or malformed; the message names the file."""


@dataclass(frozen=True)
class ActorRow:
    """One row of a pack's actor dictionary."""

    pattern: str
    name: str
    inter: int
    named: bool


@dataclass(frozen=True)
class CountryCueRow:
    """One row of a pack's country cues: a name that implies a country."""

    pattern: str
    country_code: str
    admin1: tuple[str, ...]
    acronym: bool
    #: An armed group's home country ("home" in the kind column): only the
    #: fall-back of a text naming no place, never a vote (groups act abroad).
    home: bool = False


@dataclass(frozen=True, eq=False)
class Locale:
    """One language's knowledge, loaded from its pack (compare by identity)."""

    code: str
    name: str
    path: Path
    cues: Mapping[str, list[str]]
    attributes: Mapping[str, Mapping[str, list[str]]]
    actors: tuple[ActorRow, ...]
    demonyms: Mapping[str, str]
    country_cues: tuple[CountryCueRow, ...]
    words: Mapping[str, frozenset[str]]
    patterns: Mapping[str, str]
    tables: Mapping[str, Mapping[str, Any]]
    stop_words: frozenset[str]
    word_frequency: str | None
    text2num: str | None

    def word_set(self, key: str) -> frozenset[str]:
        """The named word set (``section.key`` of ``words.toml``), empty if absent."""
        return self.words.get(key, frozenset())

    def word_list(self, key: str) -> list[str]:
        """The named word set, longest first (for regex alternations)."""
        return sorted(self.word_set(key), key=lambda w: (-len(w), w))

    def pattern(self, key: str) -> str:
        """The named regex fragment (``patterns.toml``); a never-matching one if absent."""
        return self.patterns.get(key, NEVER)

    def table(self, key: str) -> Mapping[str, Any]:
        """The named mapping (``[section.key]`` of ``tables.toml``), empty if absent."""
        return self.tables.get(key, {})


def search_path() -> tuple[Path, ...]:
    """Directories searched for packs, in order."""
    return _search_path(os.environ.get(LANG_PATH_ENV, ""))


@lru_cache(maxsize=16)
def _search_path(extra: str) -> tuple[Path, ...]:
    return (*(Path(p) for p in extra.split(os.pathsep) if p), _BUILTIN)


def available_languages() -> list[str]:
    """Codes of all packs on the search path, sorted."""
    return sorted(_available(search_path()))


def has_pack(code: str | None) -> bool:
    """True if a pack exists for *code* (``None``, unknown, uses the default pack)."""
    return code is None or base_code(code) in _available(search_path())


@lru_cache(maxsize=16)
def _available(path: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(
        d.name
        for root in path
        if root.is_dir()
        for d in root.iterdir()
        if (d / PACK_FILE).is_file()
    )


@lru_cache(maxsize=256)
def base_code(code: str) -> str:
    """``"en-GB"`` -> ``"en"``: packs are per language, not per region."""
    return code.replace("_", "-").split("-")[0].lower()


def load_locale(code: str | None = None) -> Locale:
    """The pack for *code* (default: ``DEFAULT_LANGUAGE``), loaded once per search path."""
    return _load(base_code(code or DEFAULT_LANGUAGE), search_path())


def default_locale() -> Locale:
    """The default pack (for text whose language is unknown)."""
    return load_locale(DEFAULT_LANGUAGE)


T = TypeVar("T")
#: Locales whose compiled form one ``per_locale`` builder keeps: a run meets a
#: few languages; toy packs of tests come and go.
PER_LOCALE_CACHE = 8


class per_locale(Generic[T]):  # a decorator, so named like a function
    """What a module compiles from a pack (patterns, dictionaries), built once per locale.

    ::

        @per_locale
        def casualty_patterns(loc: Locale) -> CasualtyPatterns:
            return CasualtyPatterns(toll=re.compile(loc.pattern("casualties.toll")), ...)

        casualty_patterns(locale)   # built on first use, then cached
        casualty_patterns()         # the default pack's

    Locales compare by identity, so a reloaded pack is compiled afresh.
    """

    def __init__(self, build: Callable[[Locale], T]) -> None:
        self._build = lru_cache(maxsize=PER_LOCALE_CACHE)(build)
        update_wrapper(self, build)

    def __call__(self, locale: Locale | None = None) -> T:
        """The compiled form of *locale* (the default pack if None)."""
        return self._build(locale or default_locale())

    def cache_clear(self) -> None:
        """Forget every compiled form (tests that edit a pack)."""
        self._build.cache_clear()


def no_pack_warning(code: str) -> str:
    """The per-record warning for an article in a language without a pack."""
    return f"no language pack for {code!r}: article kept, no events extracted"


def locale_for(doc: Document) -> Locale | None:
    """The pack for a document's language (detected once if not given), or None.

    None means no pack exists for the language: the caller keeps the record,
    extracts nothing from it and has the warning added to the article.
    """
    article = doc.article
    if article.language is None or not has_pack(article.language):
        from blotter.ingest.language import resolve_language

        article.language = resolve_language(article.language, article.text)
    if not has_pack(article.language):
        code = base_code(article.language or "")
        warning = no_pack_warning(code)
        if warning not in article.warnings:
            article.warnings.append(warning)
        return None
    return load_locale(article.language)


def _pack_dir(code: str, path: tuple[Path, ...]) -> Path | None:
    for root in path:
        candidate = root / code
        if (candidate / PACK_FILE).is_file():
            return candidate
    return None


@lru_cache(maxsize=16)
def _load(code: str, path: tuple[Path, ...]) -> Locale:
    root = _pack_dir(code, path)
    if root is None:
        raise LanguagePackError(no_pack_warning(code))
    meta = _toml(root / PACK_FILE)
    stop_source = meta.get("stop_words")
    return Locale(
        code=code,
        name=str(meta.get("name", code)),
        path=root,
        cues=_toml(root / "cues.toml").get("groups", {}),
        attributes=_toml(root / "attributes.toml"),
        actors=tuple(
            ActorRow(r[0], r[1], int(r[2]), r[3] == "named") for r in _tsv(root / "actors.tsv", 4)
        ),
        demonyms={r[0]: r[1] for r in _tsv(root / "demonyms.tsv", 2)},
        country_cues=tuple(
            CountryCueRow(
                r[0],
                r[1],
                tuple(a for a in r[2].split(";") if a),
                "acronym" in r[3].split(),
                "home" in r[3].split(),
            )
            for r in _tsv(root / "country_cues.tsv", 4)
        ),
        words={
            k: frozenset(w.lower() for w in v)
            for k, v in _sections(_toml(root / "words.toml")).items()
        },
        patterns={k: str(v) for k, v in _sections(_toml(root / "patterns.toml")).items()},
        tables=_sections(_toml(root / "tables.toml")),
        stop_words=_spacy_stop_words(stop_source) if stop_source else frozenset(),
        word_frequency=meta.get("word_frequency"),
        text2num=meta.get("text2num"),
    )


def _sections(raw: dict[str, Any]) -> dict[str, Any]:
    """``{"a": {"b": v}}`` -> ``{"a.b": v}`` (one level: section, key)."""
    out: dict[str, Any] = {}
    for section, entries in raw.items():
        if not isinstance(entries, dict):
            raise LanguagePackError(f"{section!r}: expected a [section] of keys")
        for key, value in entries.items():
            out[f"{section}.{key}"] = value
    return out


def _toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LanguagePackError(f"{path}: {exc}") from exc


def _tsv(path: Path, columns: int) -> list[list[str]]:
    """Rows of a tab-separated file (``#`` comments, blank lines skipped)."""
    if not path.is_file():
        return []
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        if len(row) != columns:
            raise LanguagePackError(f"{path}:{n}: expected {columns} tab-separated columns")
        rows.append(row)
    return rows


def _spacy_stop_words(code: str) -> frozenset[str]:
    """spaCy's stop-word list for *code* (shipped inside spaCy)."""
    import importlib

    module = importlib.import_module(f"spacy.lang.{code}.stop_words")
    return frozenset(module.STOP_WORDS)
