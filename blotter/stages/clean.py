"""Clean: mark site chrome, ads and repeated headlines as boilerplate.

Nothing is cut from the text (evidence offsets must stay valid); boilerplate
paragraphs are recorded as character ranges that later stages skip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from blotter.document import Document
from blotter.lang import Locale, default_locale, locale_for


def boilerplate_pattern(locale: Locale | None = None) -> re.Pattern[str]:
    """The pack's chrome/advertising paragraph pattern (``patterns.toml [clean]``)."""
    return _boilerplate_pattern(locale or default_locale())


@lru_cache(maxsize=8)
def _boilerplate_pattern(locale: Locale) -> re.Pattern[str]:
    return re.compile(locale.pattern("clean.boilerplate"), re.IGNORECASE)


#: A paragraph that repeats an earlier one (a repeated headline) is chrome;
#: shorter ones ("Photo:") repeat legitimately.
MIN_REPEAT_CHARS = 30


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of blank-line separated paragraphs, stripped."""
    for match in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, re.DOTALL):
        yield match.start(), match.end()


class Cleaner:
    """Find boilerplate ranges in each document."""

    name = "clean"

    def process(self, docs: list[Document]) -> list[Document]:
        """Fill ``doc.boilerplate`` for each document."""
        for doc in docs:
            locale = locale_for(doc)  # detects the language; warns if it has no pack
            if locale is not None:
                doc.boilerplate = self.boilerplate_ranges(doc.text, doc.article.title, locale)
        return docs

    @staticmethod
    def boilerplate_ranges(
        text: str, title: str | None = None, locale: Locale | None = None
    ) -> list[tuple[int, int]]:
        """Return the character ranges of boilerplate paragraphs in *text*."""
        chrome = boilerplate_pattern(locale)
        seen: set[str] = set()
        if title:
            seen.add(_norm(title))
        ranges = []
        for start, end in paragraphs(text):
            para = text[start:end]
            key = _norm(para)
            if chrome.search(para) or (len(key) >= MIN_REPEAT_CHARS and key in seen):
                ranges.append((start, end))
            seen.add(key)
        return ranges


def _norm(text: str) -> str:
    """Case- and space-folded form used to spot repeated paragraphs."""
    return " ".join(text.lower().split())
