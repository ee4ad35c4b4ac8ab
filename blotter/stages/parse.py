"""Parse: tokenise once with spaCy and split into sentences outside boilerplate.

The default is spaCy's rule tokenizer and sentencizer (fast, no model). The
``model`` setting names a statistical pipeline to use instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language

from blotter.document import Document, Sentence

#: spaCy's own length guard; articles are refused before this by max_text_chars.
SPACY_MAX_LENGTH = 10_000_000


@lru_cache(maxsize=4)
def load_nlp(model: str = "") -> Language:
    """Load (once per process) the spaCy pipeline the stages share."""
    if model:
        nlp = spacy.load(model, exclude=["lemmatizer"])
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    nlp.max_length = SPACY_MAX_LENGTH
    return nlp


class Parser:
    """Tokenise and sentence-split each document (boilerplate skipped)."""

    name = "parse"

    def __init__(self, model: str = "", batch_size: int = 64) -> None:
        self.nlp = load_nlp(model)
        self.batch_size = batch_size

    def process(self, docs: list[Document]) -> list[Document]:
        """Fill ``doc.doc`` and ``doc.sentences``."""
        texts = (d.text for d in docs)
        for document, sdoc in zip(
            docs, self.nlp.pipe(texts, batch_size=self.batch_size), strict=True
        ):
            document.doc = sdoc
            document.sentences = self.sentences(document, sdoc)
        return docs

    @staticmethod
    def sentences(document: Document, sdoc: spacy.tokens.Doc) -> list[Sentence]:
        """Sentences outside boilerplate, with paragraph numbers."""
        text = document.text
        para_breaks = [m.end() for m in re.finditer(r"\n\s*\n", text)]
        out: list[Sentence] = []
        for sent in sdoc.sents:
            for start, end in _split_paragraphs(text, sent.start_char, sent.end_char):
                if any(b0 <= start < b1 for b0, b1 in document.boilerplate):
                    continue
                para = sum(1 for b in para_breaks if b <= start)
                out.append(Sentence(len(out), start, end, text[start:end], para))
        return out


def _split_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a sentence at paragraph breaks (headlines have no full stop)."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    for m in re.finditer(r"\n\s*\n", text[start:end]):
        cut = start + m.start()
        if text[cursor:cut].strip():
            pieces.append(_strip(text, cursor, cut))
        cursor = start + m.end()
    if text[cursor:end].strip():
        pieces.append(_strip(text, cursor, end))
    return pieces


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink (start, end) past surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
