"""Spanish pack units: numbers, dates, datelines, word order, modality, routing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from blotter.document import Article
from blotter.fields.casualties import find_counts
from blotter.fields.dates import DAY, MONTH, WEEK, find_dates
from blotter.fields.numbers import to_int
from blotter.geo.cues import find_cues
from blotter.ingest.language import detect_language, resolve_language
from blotter.io.records import InputRecord
from blotter.lang import Locale
from blotter.pipeline import Pipeline

#: A Tuesday: "el lunes" is the day before.
PUBLISHED = date(2019, 10, 15)


def extract(pipeline: Pipeline, text: str, language: str | None = None) -> list[dict[str, Any]]:
    record = InputRecord("t", Article("t", text, PUBLISHED, language=language))
    (result,) = list(pipeline.run([record]))
    assert result.error is None
    return [e for e in result.events if not e["is_background"]]


@pytest.mark.parametrize(
    ("words", "value"),
    [("catorce", 14), ("treinta y dos", 32), ("veintiún", 21), ("ciento doce", 112),
     ("una docena", 12), ("decenas", 12), ("14", 14)],
)
def test_spanish_numbers(es: Locale, words: str, value: int) -> None:
    assert to_int(words, es)[0] == value


def test_counts_with_y_and_personal_a(es: Locale) -> None:
    (count,) = find_counts("Sicarios mataron a treinta y dos personas en Guerrero.", locale=es)
    assert (count.kind, count.value) == ("killed", 32)
    (police,) = find_counts("Catorce policías fueron asesinados en Aguililla.", locale=es)
    assert (police.value, police.group) == (14, "police")
    toll = find_counts("La cifra de muertos ascendió a 14.", locale=es)
    assert [(c.value, c.toll) for c in toll] == [(14, True)]
    assert [c.value for c in find_counts("El ataque dejó tres heridos.", locale=es)] == [3]


@pytest.mark.parametrize(
    ("phrase", "day", "precision"),
    [
        ("el 14 de octubre de 2019", date(2019, 10, 14), DAY),
        ("ayer", date(2019, 10, 14), DAY),
        ("anoche", date(2019, 10, 14), DAY),
        ("anteayer", date(2019, 10, 13), DAY),
        ("el pasado martes", date(2019, 10, 8), DAY),  # the report's weekday: a week back
        ("la madrugada del domingo", date(2019, 10, 13), DAY),
        ("este lunes", date(2019, 10, 14), DAY),
        ("hace tres días", date(2019, 10, 12), DAY),
        ("la semana pasada", date(2019, 10, 8), WEEK),
        ("a mediados de agosto", date(2019, 8, 1), MONTH),
    ],
)
def test_spanish_dates(es: Locale, phrase: str, day: date, precision: int) -> None:
    (ref,) = find_dates(f"Los hechos ocurrieron {phrase} en la colonia.", PUBLISHED, locale=es)
    assert (ref.value, ref.precision) == (day, precision)


def test_state_abbreviation_read_only_in_datelines_and_parentheses(es: Locale) -> None:
    cues = find_cues("CULIACÁN, Sin.- Un hombre fue asesinado a balazos.", es)
    assert [c.admin1 for _, c in cues] == [("Sinaloa",)]
    (_, mich), = find_cues("MORELIA, Mich. (OEM).- Hallan un cuerpo.", es)
    assert mich.admin1 == ("Michoacán",)
    assert find_cues("Fue hallado en Apatzingán (Mich.).", es)[0][1].admin1 == ("Michoacán",)
    # "sin vida", "Son las tres", "Ver más": ordinary words, never states
    assert find_cues("Lo hallaron sin vida. Son las tres. Ver más: Col. Centro", es) == []


def test_dateline_gives_the_state_not_the_filing_city(pipeline: Pipeline) -> None:
    (event,) = extract(
        pipeline, "CULIACÁN, Sin.- Un hombre fue asesinado a balazos ayer por sujetos armados "
        "en la sindicatura de Costa Rica, informó la Fiscalía."
    )
    assert event["location"]["country"] == "Mexico"
    assert event["location"]["admin1"] == "Sinaloa"
    assert event["event_date"] == "2019-10-14"
    assert event["actor1"]["name"] == "Unidentified Armed Group (Mexico)"


def test_victim_after_the_verb_with_a(pipeline: Pipeline) -> None:
    (event,) = extract(
        pipeline, "Hombres armados atacaron a policías estatales en el municipio de Aguililla, "
        "Michoacán, y mataron a 14 agentes el lunes."
    )
    assert event["actor1"]["name"] == "Unidentified Armed Group (Mexico)"
    assert event["actor2"]["name"] == "Police Forces of Mexico"
    assert event["fatalities"]["best"] == 14
    assert event["location"]["admin1"].lower().startswith("michoac")


def test_agent_after_por(pipeline: Pipeline) -> None:
    (event,) = extract(
        pipeline, "Un comerciante fue asesinado por integrantes del Cártel de Sinaloa el lunes "
        "en Culiacán, Sinaloa."
    )
    assert event["actor1"]["name"] == "Sinaloa Cartel"
    assert event["event_type"] == "Violence against civilians"
    assert event["fatalities"]["best"] == 1


def test_denied_clash_is_no_event(pipeline: Pipeline) -> None:
    text = ("La Secretaría de Seguridad negó que hubiera un enfrentamiento en la comunidad de "
            "El Aguaje el lunes.")
    assert extract(pipeline, text) == []


def test_hearsay_is_alleged_not_dropped(pipeline: Pipeline) -> None:
    (event,) = extract(
        pipeline, "Un hombre fue presuntamente asesinado por sicarios el lunes en Uruapan, "
        "Michoacán, según vecinos de la colonia."
    )
    assert event["certainty"] == "alleged"
    assert event["fatalities"]["best"] == 1


def test_short_spanish_headline_reaches_the_spanish_pack(pipeline: Pipeline) -> None:
    headline = "Ejecutan en Tijuana a mando policiaco"
    assert detect_language(headline) == "es"  # too short for py3langid
    assert detect_language("Deja balacera 2 muertos") == "es"  # no stop word: word frequency
    # a tag without a pack (GED's "an", "gl") gives way to the text's words
    assert resolve_language("an", headline) == "es"
    assert resolve_language("de", "Bewaffnete Männer haben drei Beamte getötet.") == "de"
    (event,) = extract(pipeline, headline, language="gl")
    assert event["actor2"]["name"] == "Police Forces of Mexico"  # "mando policiaco"
    assert event["location"]["admin1"] == "Baja California"


def test_spanish_names_do_not_make_an_english_headline_spanish() -> None:
    # "de la", "del", "los" inside town names are the names', not the headline's grammar
    for headline in ("Two men were shot dead in San Pedro de los Pinos",
                     "Gunmen kill a taxi driver in Villa de la Paz, Guanajuato",
                     "Armed attack leaves four dead in Pueblo del Rio"):
        assert detect_language(headline) in ("en", None), headline  # None: the default pack
    # the joints still count where they are the text's own grammar
    assert detect_language("Matan a dos hombres de la colonia Centro") == "es"
    assert detect_language("Hallan los cuerpos de dos mujeres en Culiacán") == "es"


def test_a_language_tag_gives_way_to_the_text_s_own_words() -> None:
    english = "Gunmen killed two police officers in Culiacan on Monday, the police said"
    spanish = "Hombres armados asesinaron a dos policías en Culiacán el lunes, dijo la policía"
    assert resolve_language("es", english) == "en"  # a wrong tag with a pack
    assert resolve_language("en", spanish) == "es"
    assert resolve_language("es", spanish) == "es"
    assert resolve_language("pcm", english) == "en"  # a tag without a pack: detection decides
