"""Spanish count forms of headlines: manner and subject between verb and "a",
verb-first deaths and bodies, and running totals that are no event's toll."""

from __future__ import annotations

import pytest

from blotter.fields.casualties import combine, find_counts
from blotter.lang import Locale


def killed(text: str, es: Locale) -> int | None:
    """The killed count one event of *text* would carry."""
    return combine(find_counts(text, locale=es), "killed").best


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Asesinan a balazos a dos hombres en Xonacatepec", 2),  # manner before the "a"
        ("Matan a tiros a tres jóvenes en Tlajomulco", 3),
        ("Ejecutan de un balazo a cuatro personas en Celaya", 4),
        ("Ejecuta comando a cuatro en bar de Guanajuato", 4),  # subject after the verb
        ("Ejecuta grupo armado a cinco en Ciudad Hidalgo", 5),
        ("Ejecutan en Aguascalientes a seis", 6),  # place before the "a"
        ("Mueren dos menores tras ser atacados en Zamora", 2),  # verb before its subject
        ("Hallan cuerpos de 4 personas descuartizadas en Ciudad Juárez", 4),
        ("Los cuerpos de tres hombres fueron localizados en Culiacán", 3),
        ("Dejan tres cabezas en una avenida de Jerez", 3),
        ("Hallan 2 cabezas humanas en Uruapan", 2),
        ("Suman 12 muertos tras enfrentamiento en Culiacán", 12),  # the event's toll rising
    ],
)
def test_headline_counts(es: Locale, text: str, value: int) -> None:
    assert killed(text, es) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Matan a 10 el viernes y suman 90 asesinatos", 10),
        ("Ejecutan a 14 en Guanajuato; suman 530 este año", 14),
        ("Tijuana llega casi a los 600 homicidios", None),
        ("Asesinan a tres en León, en lo que va del año 300 homicidios", 3),
    ],
)
def test_running_totals_are_not_the_toll(es: Locale, text: str, value: int | None) -> None:
    assert killed(text, es) == value


def test_a_clause_after_y_is_not_crossed(es: Locale) -> None:
    # "y" ends the gap: "hieren a dos" is not read as two killed
    assert killed("Matan a un hombre y hieren a dos en Celaya", es) == 1
    assert killed("Roban 30 cabezas de ganado en Sonora", es) is None
    assert killed("El rodeo tiene 3 millones de cabezas en la provincia", es) is None


def test_animals_are_no_victims(es: Locale) -> None:
    assert killed("Hallan en Playa Serena un lobo marino muerto", es) is None
    assert killed("Se encontró también un pingüino sin vida", es) is None
    assert killed("Hallan a un hombre sin vida en la playa", es) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Hombres armados atacaron a policías en El Aguaje; murieron cuatro agentes.",
        "Cuatro agentes murieron en el ataque.",
        "En la emboscada murieron 4 policías estatales.",
    ],
)
def test_deaths_told_with_murieron(es: Locale, text: str) -> None:
    """"murieron" and "murió" are read (the count gate once lacked their stem)."""
    assert killed(text, es) == 4


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Otro agente resultó herido.", 1),  # "otro": one more person, no number
        ("La mujer fue herida de bala.", 1),
        ("Hirieron a otro policía en la huida.", 1),
        ("Dos agentes resultaron heridos.", 2),  # a number still wins
        ("Resultaron heridos varios agentes.", None),  # plural, no number: not one
    ],
)
def test_one_person_injured_without_a_number(es: Locale, text: str, value: int | None) -> None:
    assert combine(find_counts(text, locale=es), "injured").best == value


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Ocurrió después de que bandidos secuestraran a 30 pobladores.", "detained", 30),
        ("Días después de que hombres armados mataran a cuatro agentes.", "killed", 4),
    ],
)
def test_past_subjunctive_verbs(es: Locale, text: str, kind: str, value: int) -> None:
    """"después de que ... secuestraran": the verb in its past subjunctive."""
    assert combine(find_counts(text, locale=es), kind).best == value
