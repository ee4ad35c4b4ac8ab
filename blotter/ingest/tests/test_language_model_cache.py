"""The language identifier's model is decompressed once into the user's cache."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from blotter.ingest import language

TEXTS = [
    "Gunmen attacked a police post on the outskirts of the town late on Tuesday.",
    "Hombres armados atacaron una patrulla de la policía estatal en la carretera.",
    "Des hommes armés ont attaqué un poste de police dans la nuit de mardi.",
    "Bewaffnete griffen am Dienstagabend eine Polizeistation am Stadtrand an.",
]


@pytest.fixture(scope="module")
def packaged() -> LanguageIdentifier:
    """The identifier read straight from py3langid's packaged LZMA file."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@pytest.fixture()
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder and no identifier loaded yet (and none left behind)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    language._identifier.cache_clear()
    yield tmp_path / "blotter"
    language._identifier.cache_clear()


@pytest.mark.slow
def test_cached_model_is_written_once_and_ranks_as_the_packaged_one(
    fresh: Path, packaged: LanguageIdentifier
) -> None:
    first = language._identifier()
    files = list(fresh.glob("py3langid-*.npy"))
    assert len(files) == 1 and not list(fresh.glob("*.part"))
    written = files[0].stat().st_mtime_ns
    language._identifier.cache_clear()
    second = language._identifier()  # read from the cache, not rewritten
    assert files[0].stat().st_mtime_ns == written
    for text in TEXTS:
        assert first.rank(text) == packaged.rank(text) == second.rank(text)


@pytest.mark.slow
def test_unreadable_cache_falls_back_to_the_packaged_model(
    fresh: Path, packaged: LanguageIdentifier, caplog: pytest.LogCaptureFixture
) -> None:
    language._identifier()
    (cached,) = fresh.glob("py3langid-*.npy")
    cached.write_bytes(b"not a model")
    language._identifier.cache_clear()
    with caplog.at_level(logging.WARNING):
        ident = language._identifier()
    assert "unreadable" in caplog.text
    assert [ident.rank(t)[0][0] for t in TEXTS] == [packaged.rank(t)[0][0] for t in TEXTS]


@pytest.mark.slow
def test_unwritable_cache_falls_back_to_the_packaged_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packaged: LanguageIdentifier,
    caplog: pytest.LogCaptureFixture,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder cannot be made under a file")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    language._identifier.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            ident = language._identifier()
    finally:
        language._identifier.cache_clear()
    assert "cannot cache the language model" in caplog.text
    assert ident.rank(TEXTS[1])[0][0] == packaged.rank(TEXTS[1])[0][0] == "es"
