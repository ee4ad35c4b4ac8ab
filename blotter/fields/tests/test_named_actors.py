"""Cartels and armed groups found as actors, named as ACLED names them (docs/actors.md)."""

from __future__ import annotations

import pytest

from blotter.fields.actors import find_actors, follows_reporting_verb
from blotter.fields.tests.reports import only
from blotter.lang import load_locale
from blotter.pipeline import Pipeline


def names(text: str, lang: str = "en") -> list[str]:
    """The named groups found in *text* (generic actors left out)."""
    return [m.entry.name for m in find_actors(text, 0, load_locale(lang)) if m.entry.named]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the acronyms and Spanish forms English headlines write
        ("4 CDS Sicarios Caught after they Executed 2", "en", ["Sinaloa Cartel"]),
        ("Valparaiso: Cartel Jalisco Gunmen Film Themselves", "en",
         ["Jalisco New Generation Cartel"]),
        ("CJNG Executes three Members of the LFM", "en",
         ["Jalisco New Generation Cartel", "La Nueva Familia Michoacana"]),
        ("Shootings Reorganize the CAF", "en", ["Tijuana Cartel"]),
        ("Colombian police die in clash with FARC dissidents", "en",
         ["FARC Dissident: Revolutionary Armed Forces of Colombia Dissident Faction"]),
        ("14 Colombian EPL guerrillas killed in clash", "en", ["EPL: Popular Liberation Army"]),
        # English forms in Spanish-tagged headlines
        ("Los Caballeros Templarios Hang One", "es", ["Knights Templar Cartel"]),
        ("Knights Templar kill two in Apatzingan", "es", ["Knights Templar Cartel"]),
    ],
)
def test_named_groups_as_headlines_write_them(text: str, lang: str, expected: list[str]) -> None:
    assert [n for n in names(text, lang) if n in expected] == expected


def test_groups_named_together_under_one_kind_word() -> None:
    assert names("Disputas entre los cárteles de Juárez y Sinaloa deja 32 muertos", "es") == [
        "Juarez Cartel", "Sinaloa Cartel"]
    assert names("Se enfrentan en Zacatecas los cárteles de Sinaloa y Jalisco", "es") == [
        "Sinaloa Cartel", "Jalisco New Generation Cartel"]
    assert names("Sinaloa and Tijuana Cartels compete for a port", "en") == [
        "Sinaloa Cartel", "Tijuana Cartel"]
    # a name that is no cartel's stays out ("the Mexican and US cartels")
    assert names("Mexican and Colombian cartels meet", "en") == []
    # lower case is no name
    assert names("los cárteles de siempre y otros", "es") == []


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("Tres hombres fueron asesinados en Culiacán, informó la Fiscalía del Estado.", "es",
         "Fiscalía"),
        ("Dos policías murieron, según la Secretaría de Seguridad Pública.", "es", "Secretaría"),
        ("Two men were shot dead in Culiacán, according to the state police.", "en", "police"),
        ("Gunmen killed three officers in Uruapan, said police.", "en", "police"),
        ("Tribal fighting left six people dead, police said on Monday.", "en", "police"),
        ("Seis personas murieron en el enfrentamiento, la policía informó.", "es", "policía"),
    ],
)
def test_a_source_told_before_its_verb_is_the_source(text: str, lang: str, word: str) -> None:
    """", informó la Fiscalía", "according to police", "..., police said" name who
    reports the act."""
    locale = load_locale(lang)
    found = [m for m in find_actors(text, 0, locale) if word in text[m.start : m.end]]
    assert found, "the source is found as an actor"
    assert all(follows_reporting_verb(text, m, locale) for m in found)


@pytest.mark.parametrize(
    "text", ["Police arrested two men in Nairobi.", "Police said they arrested two men in Nairobi."]
)
def test_a_source_that_leads_its_sentence_may_be_the_doer(text: str) -> None:
    locale = load_locale("en")
    found = find_actors(text, 0, locale)
    assert found and not any(follows_reporting_verb(text, m, locale) for m in found)


def test_the_source_does_not_become_the_perpetrator(pipeline: Pipeline) -> None:
    text = ("Tres hombres fueron asesinados a balazos en Culiacán, Sinaloa, "
            "informó la Fiscalía General del Estado.")
    event = only(pipeline, text)
    assert event["actor1"]["name"].startswith("Unidentified Armed Group")


def test_a_group_that_denies_the_act_is_not_its_target(pipeline: Pipeline) -> None:
    text = ("The Taliban denied carrying out the bombing that killed 12 worshippers at a "
            "mosque in Kunduz on Friday. Islamic State later claimed responsibility.")
    event = only(pipeline, text)
    assert event["actor1"]["name"] == "Islamic State"
    assert event["actor2"]["name"].startswith("Civilians")


def test_a_named_group_s_unnamed_men_are_not_its_target(pipeline: Pipeline) -> None:
    text = ("Seven people, including three children, were killed when a suicide bomber "
            "blew himself up at a market in Maiduguri on Sunday, in addition to the "
            "assailant. The attack bore the hallmarks of Boko Haram.")
    event = only(pipeline, text)
    assert event["actor1"]["name"].startswith("Boko Haram")
    assert not (event["actor2"] or {}).get("name", "").startswith("Unidentified Armed Group")
