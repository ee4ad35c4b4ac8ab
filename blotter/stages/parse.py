"""Parse: split into sentences outside boilerplate; pay for a model only where it counts.

Sentences come from a rule splitter (abbreviation-aware, offsets into the
input text).  When the ``model`` setting names a spaCy pipeline, the cue
lexicon's keyword automaton picks the sentences that can report an event and
only those are parsed with the model (``Document.parses``); the rest of the
text never reaches it.  Without a model nothing statistical runs at all.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language

from blotter.document import Document, Sentence
from blotter.lang import Locale, default_locale, locale_for
from blotter.lang.lexicon import STRONG_GROUPS, cue_lexicon
from blotter.settings import Settings

#: spaCy's own length guard; articles are refused before this by max_text_chars.
SPACY_MAX_LENGTH = 10_000_000
#: A candidate sentence end: . ! or ? (and closing quotes/brackets), white
#: space, then something that can open a sentence: an upper-case Latin letter
#: (accented ones too: "Él", "Ángel"), a digit, or an opening quote, bracket
#: or inverted question/exclamation mark.
#: Session 14: also a stop glued to the next sentence's first word, its space
#: lost ("... damage to the pylon.The attack was claimed by ..."): a word of two
#: lower-case letters or more, the stop, then a capitalised word that a space
#: or a comma ends (not a web address's next part: "www.Reuters.com").
SENTENCE_END = re.compile(
    r"[.!?][\"”’')\]]*(?=\s+[\"“‘'(\[¿¡]?[A-Z0-9À-ÖØ-Þ])"
    r"|(?<=[a-zß-ÿ]{2})[.!?](?=[A-ZÀ-ÖØ-Þ][a-zß-ÿ]*[\s,;:])"
)
#: Unpunctuated text (scraped pages, corpora whose punctuation was stripped):
#: a paragraph of at least this many words without a single full stop is not
#: one sentence.  Shorter ones are headlines, captions and list items.
UNPUNCTUATED_MIN_WORDS = 20
#: In such a paragraph a run of two or more spaces before a capital is where a
#: stop (or a comma before a name) was removed: "... del oficialismo  El
#: proyecto ...".  Read as a sentence end, so that one sentence does not carry
#: every cue and actor of the paragraph.  A line break is not one: the lines
#: of a hard-wrapped paragraph and of a bundle of headlines stay as the
#: cleaner joined them.
STRIPPED_STOP = re.compile(r"(?<=\S)[ \t\u00a0]{2,}(?=[\"“‘'(\[¿¡-]?[A-ZÀ-ÖØ-Þ])")


@lru_cache(maxsize=4)
def load_model(model: str) -> Language:
    """Load (once per process) the spaCy pipeline named by the ``model`` setting."""
    nlp = spacy.load(model, exclude=["lemmatizer"])
    nlp.max_length = SPACY_MAX_LENGTH
    return nlp


def split_sentences(
    text: str, start: int, end: int, locale: Locale | None = None
) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (stripped, never empty)."""
    loc = locale or default_locale()
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in SENTENCE_END.finditer(text, start, end):
        if text[m.start()] == "." and _is_abbreviation(text, m.start(), loc):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
    spans.append((cursor, end))
    if text.find(".", start, end) < 0 and len(text[start:end].split()) >= UNPUNCTUATED_MIN_WORDS:
        no_end = loc.word_set("sentences.no_end")
        spans = [piece for a, b in spans for piece in _stripped_stops(text, a, b, no_end)]
    return [_strip(text, a, b) for a, b in spans if text[a:b].strip()]


def _stripped_stops(
    text: str, start: int, end: int, no_end: frozenset[str]
) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` at the stops its punctuation lost (``STRIPPED_STOP``),
    except after a word that ends no sentence (the pack's ``sentences.no_end``:
    "la marcha del  Sí se puede" lost the quotes of a name, not a stop)."""
    spans, cursor = [], start
    for m in STRIPPED_STOP.finditer(text, start, end):
        word_start = m.start()
        while word_start > cursor and text[word_start - 1].isalpha():
            word_start -= 1
        if text[word_start : m.start()].lower() in no_end:
            continue
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, end))
    return spans


def _is_abbreviation(text: str, dot: int, locale: Locale) -> bool:
    """True if the full stop at *dot* closes an abbreviation or an initial ("U.S.", "J.").

    Abbreviations are the pack's ``sentences.abbreviations``; one of
    ``sentences.number_abbreviations`` ("No.") only when a digit follows.
    """
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    abbreviations, numbers = _abbreviations(locale)
    if word in numbers:
        return text[dot + 1 : dot + 3].strip()[:1].isdigit()
    return (
        word in abbreviations
        or len(word.replace(".", "")) == 1
        or "." in word
    )


@lru_cache(maxsize=8)
def _abbreviations(locale: Locale) -> tuple[frozenset[str], frozenset[str]]:
    """The pack's abbreviations, and its abbreviations of "number"."""
    return (
        locale.word_set("sentences.abbreviations"),
        locale.word_set("sentences.number_abbreviations"),
    )


class Parser:
    """Split each document into sentences (boilerplate skipped); model-parse relevant ones."""

    name = "parse"
    #: reads one language: run on each language view of a bilingual bundle
    per_language = True
    requires = ("paragraphs", "boilerplate")
    assigns = ("sentences", "parses")

    def __init__(self, settings: Settings | None = None, model: str | None = None) -> None:
        settings = settings or Settings()
        model = settings["model"] if model is None else model
        self.nlp = load_model(model) if model else None
        self.batch_size = settings["batch_size"]

    def process(self, docs: list[Document]) -> list[Document]:
        """Fill ``doc.sentences`` (and ``doc.parses`` when a model is set)."""
        for document in docs:
            locale = locale_for(document)
            if locale is not None:  # no pack for its language: warned, nothing read
                document.sentences = self.sentences(document, locale)
        if self.nlp is not None:
            self._parse_relevant(docs)
        return docs

    @staticmethod
    def sentences(document: Document, locale: Locale | None = None) -> list[Sentence]:
        """Sentences outside boilerplate, with paragraph numbers."""
        text = document.text
        out: list[Sentence] = []
        for para, (p_start, p_end) in enumerate(document.paragraphs):
            if document.is_masked(p_start):
                continue
            for start, end in split_sentences(text, p_start, p_end, locale):
                out.append(Sentence(len(out), start, end, text[start:end], para))
        return out

    def _parse_relevant(self, docs: list[Document]) -> None:
        """Run the model over the sentences whose cues can make them event sentences."""
        assert self.nlp is not None
        todo = [
            (document, sentence)
            for document in docs
            if (locale := locale_for(document)) is not None
            and locale.code == self.nlp.lang  # an English model parses English only
            for sentence in document.sentences
            if STRONG_GROUPS & cue_lexicon(locale).find(sentence.text).keys()
        ]
        texts = (sentence.text for _, sentence in todo)
        for (document, sentence), parsed in zip(
            todo, self.nlp.pipe(texts, batch_size=self.batch_size), strict=True
        ):
            document.parses[sentence.index] = parsed


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink (start, end) past surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
