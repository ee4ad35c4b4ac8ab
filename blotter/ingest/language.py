"""Language identification with py3langid, whose model ships inside the package."""

from __future__ import annotations

from functools import cache
from typing import Any

#: Texts shorter than this are too short for a reliable guess: language unknown.
MIN_CHARS_FOR_DETECTION = 40
#: Characters looked at; the opening of an article is plenty and keeps it fast.
DETECTION_SAMPLE_CHARS = 5_000
#: Normalised probability below which the guess is reported as unknown.
MIN_CONFIDENCE = 0.5
#: Language the extractor works on; other articles are stored but not extracted.
EXTRACTION_LANGUAGE = "en"
#: Share of probability above which English runner-up still wins: short news
#: text is often scored as an English-based creole ("pcm", Nigerian Pidgin, for
#: a plain English sentence about Kaduna), and dropping an English article
#: costs more than trying to extract from a creole one.
ENGLISH_RUNNER_UP = 0.25


@cache
def _identifier() -> Any:
    """The py3langid identifier, loaded once with normalised probabilities."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of *text*'s language, or None when too short or unsure."""
    sample = text[:DETECTION_SAMPLE_CHARS].strip()
    if len(sample) < MIN_CHARS_FOR_DETECTION:
        return None
    ranked = _identifier().rank(sample)
    lang, prob = ranked[0]
    if (
        lang != EXTRACTION_LANGUAGE
        and dict(ranked).get(EXTRACTION_LANGUAGE, 0.0) >= ENGLISH_RUNNER_UP
    ):
        return EXTRACTION_LANGUAGE
    return str(lang) if prob >= MIN_CONFIDENCE else None


def is_extractable(language: str | None) -> bool:
    """True if the extractor should run on an article in *language* (unknown counts as yes)."""
    return language is None or language.split("-")[0].lower() == EXTRACTION_LANGUAGE
