"""Clean: mark site chrome, ads and repeated headlines as boilerplate.

Nothing is cut from the text (evidence offsets must stay valid); boilerplate
paragraphs are recorded as character ranges that later stages skip.
"""

from __future__ import annotations

import re
from functools import lru_cache

from blotter.document import Document
from blotter.lang import Locale, default_locale, locale_for
from blotter.settings import Settings


def boilerplate_pattern(locale: Locale | None = None) -> re.Pattern[str]:
    """The pack's chrome/advertising paragraph pattern (``patterns.toml [clean]``)."""
    return _boilerplate_pattern(locale or default_locale())


@lru_cache(maxsize=8)
def _boilerplate_pattern(locale: Locale) -> re.Pattern[str]:
    return re.compile(locale.pattern("clean.boilerplate"), re.IGNORECASE)


#: A paragraph that repeats an earlier one (a repeated headline) is chrome;
#: shorter ones ("Photo:") repeat legitimately.
MIN_REPEAT_CHARS = 30
#: Chrome phrases found *inside* a paragraph ("All rights reserved", "sign up
#: for") mask it only when it is this short: a longer one is report text that
#: happens to carry a footer (a whole AP story on one line ends "All rights
#: reserved"), and masking it would lose the report.
MAX_CHROME_CHARS = 400
#: Hard-wrapped copy (wire reports, e-mail) breaks lines at 40-100 columns,
#: and most of its lines but the last come close to the widest: such a block's single
#: newlines are wraps, not paragraph ends.  Page text has one paragraph per
#: line, of any length.
MIN_WRAP_WIDTH = 40
MAX_WRAP_WIDTH = 100
FULL_LINE_SHARE = 0.75
WRAPPED_LINES_SHARE = 0.5
WARN_ALL_CHROME = "every paragraph looks like site chrome; nothing was masked"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of *text*, stripped, in order.

    Blank lines always separate paragraphs; single newlines do too, except in
    a hard-wrapped block (see ``MIN_WRAP_WIDTH``): page text with one
    paragraph per line is split, wire copy keeps its paragraphs.
    """
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        lines = _lines(text, block_start, block_end)
        if _hard_wrapped(lines):
            spans.append((block_start, block_end))
        else:
            spans.extend(lines)
    return spans


def _hard_wrapped(lines: list[tuple[int, int]]) -> bool:
    """True if the lines of a block look wrapped at a fixed width."""
    if len(lines) < 2:
        return True
    widths = [b - a for a, b in lines]
    widest = max(widths)
    if not MIN_WRAP_WIDTH <= widest <= MAX_WRAP_WIDTH:
        return False
    full = sum(w >= FULL_LINE_SHARE * widest for w in widths[:-1])
    return full >= WRAPPED_LINES_SHARE * (len(lines) - 1)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Blank-line separated blocks, stripped."""
    spans, cursor = [], 0
    for m in re.finditer(r"\n[ \t\r\f\v\u00a0]*\n\s*", text):
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, len(text)))
    return [_strip(text, a, b) for a, b in spans if text[a:b].strip()]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-empty lines of ``text[start:end]``, stripped."""
    out, cursor = [], start
    for m in re.finditer(r"\n", text[start:end]):
        out.append((cursor, start + m.start()))
        cursor = start + m.end()
    out.append((cursor, end))
    return [_strip(text, a, b) for a, b in out if text[a:b].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink (start, end) past surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Cleaner:
    """Find the paragraphs and the boilerplate ranges of each document."""

    name = "clean"
    #: reads one language: run on each language view of a bilingual bundle
    per_language = True
    requires = ("article",)
    assigns = ("paragraphs", "boilerplate")

    def __init__(self, settings: Settings | None = None) -> None:
        pass

    def process(self, docs: list[Document]) -> list[Document]:
        """Fill ``doc.paragraphs`` and ``doc.boilerplate`` for each document."""
        for doc in docs:
            doc.paragraphs = paragraphs(doc.text)
            locale = locale_for(doc)  # detects the language; warns if it has no pack
            if locale is None:
                continue
            doc.boilerplate = self.boilerplate_ranges(
                doc.text, doc.article.title, doc.paragraphs, locale
            )
            if doc.paragraphs and len(doc.boilerplate) == len(doc.paragraphs):
                doc.boilerplate = []
                doc.article.warnings.append(WARN_ALL_CHROME)
        return docs

    @staticmethod
    def boilerplate_ranges(
        text: str,
        title: str | None = None,
        spans: list[tuple[int, int]] | None = None,
        locale: Locale | None = None,
    ) -> list[tuple[int, int]]:
        """Return the character ranges of boilerplate paragraphs in *text*."""
        chrome = boilerplate_pattern(locale)
        seen: set[str] = set()
        if title:
            seen.add(_norm(title))
        ranges = []
        for start, end in paragraphs(text) if spans is None else spans:
            para = text[start:end]
            key = _norm(para)
            if _is_chrome(para, chrome) or (len(key) >= MIN_REPEAT_CHARS and key in seen):
                ranges.append((start, end))
            seen.add(key)
        return ranges


def _is_chrome(para: str, chrome: re.Pattern[str]) -> bool:
    """A paragraph that is site chrome: a short one holding a chrome phrase."""
    return len(para) <= MAX_CHROME_CHARS and chrome.search(para) is not None


def _norm(text: str) -> str:
    """Case- and space-folded form used to spot repeated paragraphs."""
    return " ".join(text.lower().split())
