"""Clean: mark site chrome, ads and repeated headlines as boilerplate.

Nothing is cut from the text (evidence offsets must stay valid); boilerplate
paragraphs are recorded as character ranges that later stages skip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from blotter.document import Document

#: Paragraph patterns that are site chrome or advertising, never report text.
BOILERPLATE_PATTERNS = re.compile(
    r"""
    ^(?:facebook|twitter|instagram|whatsapp|telegram)\b.{0,40}$
    | ^(?:related\ (?:posts|stories|articles)|read\ more|submit\ a\ correction|advertisement
        |share\ this(?:\ article)?|comments?|sign\ up|subscribe)\b.{0,40}$
    | \b(?:subscribe|newsletter|sign\ up\ for|click\ (?:here|[“"]?following)|see\ first
        |follow\ us|never\ miss\ a\ story|support\ (?:our|independent)\ journalism
        |cookies?\ policy|all\ rights\ reserved|copyright\ ©|©\ ?\d{4}
        |private\ new\ home|check\ it\ out\ today|thanks\ for\ being\ a\ part)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
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
            doc.boilerplate = self.boilerplate_ranges(doc.text, doc.article.title)
        return docs

    @staticmethod
    def boilerplate_ranges(text: str, title: str | None = None) -> list[tuple[int, int]]:
        """Return the character ranges of boilerplate paragraphs in *text*."""
        seen: set[str] = set()
        if title:
            seen.add(_norm(title))
        ranges = []
        for start, end in paragraphs(text):
            para = text[start:end]
            key = _norm(para)
            if BOILERPLATE_PATTERNS.search(para) or (len(key) >= MIN_REPEAT_CHARS and key in seen):
                ranges.append((start, end))
            seen.add(key)
        return ranges


def _norm(text: str) -> str:
    """Case- and space-folded form used to spot repeated paragraphs."""
    return " ".join(text.lower().split())
