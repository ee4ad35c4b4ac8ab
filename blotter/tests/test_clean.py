"""Paragraphs and boilerplate: page text with single newlines, and never the whole article."""

from __future__ import annotations

from typing import Any

from blotter.document import Article, Document
from blotter.pipeline import Pipeline
from blotter.settings import Settings
from blotter.stages.clean import WARN_ALL_CHROME, Cleaner, paragraphs

#: Page text as extractors give it: one paragraph per line, a wire footer.
PAGE = (
    "Gunmen kill three in market attack\n"
    "QUETTA, Pakistan (AP) — Gunmen on motorcycles opened fire at a crowded vegetable market "
    "in Quetta on Tuesday, killing three traders and wounding five, police said.\n"
    "No group immediately claimed the attack, which police said was under investigation.\n"
    "Copyright 2024 The Associated Press. All rights reserved."
)
#: Hard-wrapped wire copy: single newlines inside a paragraph, blank lines between.
WIRE = (
    "SAN SALVADOR, 3 JAN 90 -- THE ARMED FORCES HAVE REPORTED THAT ABOUT 50\n"
    "PEASANTS HAVE BEEN KIDNAPPED BY TERRORISTS IN SAN MIGUEL DEPARTMENT.\n\n"
    "ACCORDING TO THE GARRISON, THE PEASANTS WERE TAKEN TO AN UNKNOWN PLACE\n"
    "NEAR THE BORDER."
)


def _events(text: str) -> tuple[Document, list[dict[str, Any]]]:
    pipeline = Pipeline.from_settings(Settings({"geocode": False}))
    doc = Document(Article("p", text))
    for stage in pipeline.stages:
        stage.process([doc])
    return doc, [e.to_dict() for e in doc.events]


def test_single_newline_page_text_is_split_into_paragraphs() -> None:
    spans = paragraphs(PAGE)
    assert [PAGE[a:b][:12] for a, b in spans] == [
        "Gunmen kill ", "QUETTA, Paki", "No group imm", "Copyright 20"
    ]
    masked = Cleaner().process([Document(Article("p", PAGE))])[0].boilerplate
    assert [PAGE[a:b] for a, b in masked] == [
        "Copyright 2024 The Associated Press. All rights reserved."
    ]


def test_hard_wrapped_wire_copy_keeps_its_paragraphs() -> None:
    assert len(paragraphs(WIRE)) == 2


def test_a_single_newline_ap_page_yields_its_event() -> None:
    _, events = _events(PAGE)
    current = [e for e in events if not e["is_background"]]
    assert len(current) == 1
    assert current[0]["fatalities"]["best"] == 3
    assert current[0]["injuries"]["best"] == 5


def test_a_story_on_one_line_with_its_footer_is_not_masked() -> None:
    one_line = PAGE.replace("\n", " ")
    doc, events = _events(one_line)
    assert doc.boilerplate == []
    assert events and events[0]["fatalities"]["best"] == 3


def test_a_page_that_looks_all_chrome_is_a_warning_not_zero_events() -> None:
    text = "Subscribe to our newsletter: gunmen killed two police officers in Tumaco on Sunday."
    doc, events = _events(text)
    assert doc.boilerplate == []
    assert WARN_ALL_CHROME in doc.article.warnings
    assert events
