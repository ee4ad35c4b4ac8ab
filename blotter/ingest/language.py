"""Language identification with py3langid, whose model ships inside the package."""

from __future__ import annotations

from functools import cache
from typing import Any

from blotter.lang import has_pack

#: Texts shorter than this are too short for a reliable guess: language unknown.
MIN_CHARS_FOR_DETECTION = 40
#: Characters looked at; the opening of an article is plenty and keeps it fast.
DETECTION_SAMPLE_CHARS = 5_000
#: Normalised probability below which the guess is reported as unknown.
MIN_CONFIDENCE = 0.5
#: Share of probability above which a runner-up with a language pack wins over
#: a top guess without one: short news text is often scored as an
#: English-based creole ("pcm", Nigerian Pidgin, for a plain English sentence
#: about Kaduna), and dropping an English article costs more than trying to
#: extract from a creole one.
PACKED_RUNNER_UP = 0.25


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
    if not has_pack(lang):
        for code, p in ranked[1:]:
            if p < PACKED_RUNNER_UP:
                break
            if has_pack(code):
                return str(code)
    return str(lang) if prob >= MIN_CONFIDENCE else None


def is_extractable(language: str | None) -> bool:
    """True if a language pack reads *language* (unknown uses the default pack)."""
    return has_pack(language)
