"""Spanish pack, third pass: acts told of non-human parties, cue words in their
other senses, neighbourhoods before their city, and the speed-minded rewrites
(the actor dictionary and the state-abbreviation cues find what they found)."""

from __future__ import annotations

import pytest

from blotter.document import Article
from blotter.fields.actors import find_actors
from blotter.fields.casualties import find_counts
from blotter.geo.cues import find_cues
from blotter.io.records import InputRecord
from blotter.lang import Locale
from blotter.pipeline import Pipeline


def current(pipeline: Pipeline, text: str) -> list[dict]:
    """Current events of *text*."""
    (result,) = list(pipeline.run([InputRecord("t", Article("t", text, None))]))
    return [e for e in result.events if not e["is_background"]]


@pytest.mark.parametrize(
    "text",
    [
        # markets, weather, policies, animals as the act's side
        "La inestabilidad cambiaria afecta al mercado inmobiliario, que no detuvo su caída en "
        "todo el trimestre.",
        "El intendente viajó a La Plata para explicar la situación de la ciudad, golpeada por "
        "el clima.",
        "El concejal atacó al entorno del intendente en la sesión del jueves.",
        "El tribunal condenó al dueño del pitbull que mató al pequeño el año pasado.",
        # words in their other senses
        "El fotógrafo capturó el cielo sobre las playas de la ciudad el domingo.",
        "La funcionaria dijo que el frío y las adicciones hacen un combo explosivo.",
        "El presidente habló ante una multitud en la inauguración de la sede.",
        "Video: destrozó su vehículo al caer en un pozo de la avenida.",
        "En el allanamiento del lunes, los agentes hallaron dinero y armas de fuego.",
        # a first-person communiqué quoted, not a protest reported
        "Repudiamos la presencia de las fuerzas de seguridad en las escuelas, dice el texto.",
        # a strike threatened, not held
        "Los trabajadores llegaron a amenazar con declarar un paro si no se aprobaba el proyecto.",
    ],
)
def test_no_event(pipeline: Pipeline, text: str) -> None:
    assert current(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # a person on the act's side keeps it, whatever else is named
        ("Un perro atacó a una mujer en la plaza del barrio el lunes.", "Attack"),
        ("Hombres armados mataron a un trabajador de la obra en Culiacán.", "Attack"),
        ("La policía detuvo a dos hombres tras el robo del lunes.", "Arrests"),
        ("Un hombre murió tras ser atacado con arma de fuego en Celaya.", "Attack"),
        ("Los docentes repudiaron el decreto con una marcha hasta la plaza este martes.",
         "Peaceful protest"),
    ],
)
def test_event_kept(pipeline: Pipeline, text: str, sub: str) -> None:
    assert sub in [e["sub_event_type"] for e in current(pipeline, text)]


def test_dismembered_victims_are_counted(es: Locale) -> None:
    counts = find_counts("Descuartizan a 2 niños en el Centro", 0, es)
    assert [(c.value, c.kind) for c in counts] == [(2, "killed")]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # the neighbourhood's namesakes abroad (Atlas, Pennsylvania; Buenos Aires)
        ("Hombre es asesinado en la colonia Atlas de Guadalajara", "Jalisco"),
        ("Matan a tiros a vecino del sector Buenos Aires de Culiacán", "Sinaloa"),
        # lower-case "colonia": Mexican evidence (León, Guanajuato, not León, Nicaragua)
        ("En León, asesinan a un hombre en la colonia San Nicolás", "Guanajuato"),
    ],
)
def test_neighbourhood_is_not_the_place(pipeline: Pipeline, text: str, admin1: str) -> None:
    (event, *_) = current(pipeline, text)
    assert (event["location"]["country_code"], event["location"]["admin1"]) == ("MX", admin1)


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("CULIACÁN, Sin.- Un hombre fue asesinado", "Sinaloa"),
        ("MORELIA, Mich. (OEM).- Hallan un cuerpo", "Michoacán"),
        ("Hallan un cuerpo en Aguililla (Mich.) el lunes", "Michoacán"),
        ("MÉRIDA, Yuc.- Un hombre", "Yucatán"),
    ],
)
def test_state_abbreviations_in_datelines_and_parentheses(
    es: Locale, text: str, admin1: str
) -> None:
    assert [c.admin1 for _, c in find_cues(text, es) if c.admin1] == [(admin1,)]


@pytest.mark.parametrize(
    "text",
    ["Son. ellos los que dijeron", "Vamos a Ver. y luego", "la Col. Centro, Sin embargo"],
)
def test_state_abbreviations_elsewhere_are_words(es: Locale, text: str) -> None:
    assert [c for _, c in find_cues(text, es) if c.admin1] == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sicarios del Cártel Jalisco Nueva Generación atacan a policías",
         ["Jalisco New Generation Cartel"]),
        ("SICARIOS DEL CÁRTEL DE SINALOA ATACAN", ["Sinaloa Cartel"]),
        ("Enfrentamiento entre el CJNG y la Guardia Nacional",
         ["Jalisco New Generation Cartel"]),
    ],
)
def test_actor_dictionary_matches_any_case_and_accents(
    es: Locale, text: str, names: list[str]
) -> None:
    found = [m.entry.name for m in find_actors(text, 0, es)]
    assert all(n in found for n in names), found
    assert all(text[m.start : m.end].strip() for m in find_actors(text, 0, es))
