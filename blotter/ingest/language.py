"""Language identification with py3langid, whose model ships inside the package.

A quick pre-check runs first: a text whose words are largely one language
pack's stop words is in that pack's language, and the identifier (about 0.7 ms
a text, as much as the rest of extracting a short ACLED note) is not needed.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from blotter.lang import available_languages, has_pack, load_locale

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
#: Share of a text's words that must be one pack's stop words for the quick
#: pre-check to name that pack's language: English news runs at 0.2-0.5 on
#: English's list (ACLED dev: 99% of notes at 0.2 or more; MUC-4 dev: all at
#: 0.24 or more); Spanish, German, French, Portuguese, Italian, Dutch,
#: Indonesian, Tagalog and Swahili news sentences at most 0.11.
STOP_WORD_SHARE = 0.2
#: Characters and least words the pre-check looks at.
QUICK_SAMPLE_CHARS = 600
QUICK_MIN_WORDS = 8
_WORD = re.compile(r"[^\W\d_]+")


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
    quick = _stop_word_language(sample[:QUICK_SAMPLE_CHARS])
    if quick is not None:
        return quick
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


def _stop_word_language(sample: str) -> str | None:
    """The pack whose stop words make up most of *sample*'s words, if enough do."""
    words = _WORD.findall(sample.lower())
    if len(words) < QUICK_MIN_WORDS:
        return None
    best, best_share = None, STOP_WORD_SHARE
    for code in available_languages():
        stop = load_locale(code).stop_words
        if not stop:
            continue
        share = sum(w in stop for w in words) / len(words)
        if share >= best_share:
            best, best_share = code, share
    return best
