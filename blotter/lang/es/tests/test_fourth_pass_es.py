"""Spanish pack, fourth pass (ACEP relevance): cue words in other senses,
missing people and boats that nobody abducted, the dictatorship as
background, illness tolls, "Mar del Plata" is no March, and unpunctuated
articles read sentence by sentence."""

from __future__ import annotations

from datetime import date

import pytest

from blotter.document import Article
from blotter.fields.dates import find_dates
from blotter.io.records import InputRecord
from blotter.lang import Locale
from blotter.pipeline import Pipeline

PUBLISHED = date(2017, 11, 24)


def current(pipeline: Pipeline, text: str) -> list[dict]:
    """Current events of *text*, published on PUBLISHED."""
    (result,) = list(pipeline.run([InputRecord("t", Article("t", text, PUBLISHED))]))
    return [e for e in result.events if not e["is_background"]]


@pytest.mark.parametrize(
    "text",
    [
        # other senses of protest, kidnap, killing and body words
        "El militante falleció el martes tras un paro cardíaco en el hospital de la ciudad.",
        "Los empresarios se mostraron optimistas acerca de la marcha de la economía este año.",
        "Tras caer en el pozo, la automovilista no pudo reanudar la marcha y llamó a una grúa.",
        "En la provincia hay 1 millón 500 mil cabezas de ovinos registradas en los campos.",
        "La comitiva observó el avance del colector cloacal que se ejecuta desde Santa Clara.",
        "La ordenanza prevé el secuestro del vehículo y una multa para el conductor.",
        "En ambas ocasiones el veto fue levantado horas después por la red social.",
        "Mi reclamo va dirigido al hospital, explicó la paciente el lunes.",
        "La funcionaria aclaró que la gente no tiene que iniciar ningún reclamo para cobrar.",
        # missing boats and people that nobody took
        "Los familiares siguen la búsqueda del pesquero desaparecido hace ocho días.",
        "Son ellos, por sus familiares desaparecidos, los que nos impulsan a seguir.",
        # the dictatorship's disappeared, and what happened then
        "Su hermano es detenido desaparecido y su madre fue una de las fundadoras del organismo.",
        "En los 80 marchaban exigiendo juicio y castigo a los culpables de la dictadura.",
        # a toll of illness
        "El funcionario indicó que en la región son seis los pacientes fallecidos por gripe A.",
        # a habit, not a march
        "Colaboraba en la organización de cada marcha por los derechos humanos en la ciudad.",
        "Los jubilados marchan todos los miércoles frente al Congreso.",
        # Spain: "el paro" is also unemployment
        "El paro bajó en 30.000 personas en octubre, según los datos del paro registrado.",
        "La tasa de paro juvenil sigue por encima del 30 por ciento en Andalucía.",
        # plans, calls and announcements: nothing has happened yet
        "Los gremios convocaron a una marcha para el jueves en el centro de la ciudad.",
        "Los estatales llamaron a un paro por tiempo indeterminado.",
        "Los docentes anunciaron un paro de 48 horas para la semana próxima.",
        "Los gremios harán un paro el jueves en toda la provincia.",
        "Los municipales evalúan un paro si no hay aumento.",
        "Las organizaciones sociales cortarán las rutas 2 y 88 el viernes.",
    ],
)
def test_no_event(pipeline: Pipeline, text: str) -> None:
    assert current(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Los docentes realizaron un paro de 24 horas este martes en reclamo salarial.",
         "Peaceful protest"),
        ("Cientos de personas participaron ayer de la marcha por Micaela en el centro.",
         "Peaceful protest"),
        ("Un joven fue desaparecido el lunes en Tamaulipas, denunció su familia.",
         "Abduction/forced disappearance"),
        ("Hombres armados secuestraron a un comerciante el lunes en Culiacán.",
         "Abduction/forced disappearance"),
        ("Hallan tres cabezas en una avenida de Zacatecas.", "Attack"),
        # Spain's and the Southern Cone's forms of protest
        ("Cientos de vecinos hicieron una cacerolada frente al ayuntamiento el martes.",
         "Peaceful protest"),
        ("Los estudiantes hicieron una sentada frente al rectorado ayer.", "Peaceful protest"),
        ("Un pañuelazo reunió a cientos de personas frente al Congreso ayer.", "Peaceful protest"),
        ("Los productores realizaron un tractorazo en la ruta 5 este lunes.", "Peaceful protest"),
        ("Los docentes participaron en el paro de la CGT con alta adhesión.", "Peaceful protest"),
        # what happened, beside what is planned
        ("Miles de trabajadores se movilizaron ayer por el centro.", "Peaceful protest"),
        ("Los municipales realizaron un paro con alta adhesión y harán otro el jueves.",
         "Peaceful protest"),
        ("Los obreros de la fábrica ocuparon la planta tras los despidos.", "Peaceful protest"),
        ("Después de 22 días, el Polo Obrero levantó el acampe frente al municipio.",
         "Peaceful protest"),
    ],
)
def test_event_kept(pipeline: Pipeline, text: str, sub: str) -> None:
    assert sub in [e["sub_event_type"] for e in current(pipeline, text)]


def test_mar_del_plata_is_no_march(es: Locale) -> None:
    text = "La marcha se hizo en Mar del Plata y desde Mar de Ajó llegaron micros."
    assert find_dates(text, PUBLISHED, 0, es) == []
    (ref,) = find_dates("La obra empezó en marzo y sigue.", PUBLISHED, 0, es)
    assert (ref.value, ref.precision) == (date(2017, 3, 1), 3)


def test_unpunctuated_article_is_read_sentence_by_sentence(pipeline: Pipeline) -> None:
    # a modal early in the paragraph no longer cancels the march told after it
    text = (
        "Noche agitada en el barrio\n\n"
        "El intendente dijo que podría recibirlos la semana próxima  "
        "Ayer unos doscientos vecinos marcharon hasta la municipalidad  "
        "Los manifestantes cortaron la avenida durante dos horas"
    )
    assert any(e["event_type"] == "Protests" for e in current(pipeline, text))


def test_lost_quotes_after_a_function_word_are_no_stop(es: Locale) -> None:
    from blotter.stages.parse import split_sentences

    text = (
        "La semana pasada se confirmó la marcha del  Sí se puede  que encabezarán el "
        "presidente y la gobernadora un día antes  El acto será en la plaza del centro"
    )
    sentences = [text[a:b] for a, b in split_sentences(text, 0, len(text), es)]
    assert sentences == [text[: text.index("  El acto")], "El acto será en la plaza del centro"]
