"""Session 9: Spanish neighbourhood names ("Villas de San Juan", "Jardines del
Pedregal") and a city's centre ("el Centro Histórico") are no towns, so their
namesakes abroad do not outvote the city the text names (hand-written texts)."""

from __future__ import annotations

from blotter.geo.cues import find_cues
from blotter.geo.gazetteer import Gazetteer
from blotter.geo.mentions import find_places
from blotter.geo.resolve import locate
from blotter.lang import load_locale


def surfaces(text: str, gaz: Gazetteer) -> list[str]:
    return [m.surface for m in find_places(text, gaz, load_locale("es")).mentions]


def test_the_name_after_a_neighbourhood_head_is_no_town(gaz: Gazetteer) -> None:
    assert surfaces("Matan a un joven en Villas de San Juan", gaz) == []
    assert surfaces("Balean a un hombre en Jardines del Pedregal, en Morelia", gaz) == ["Morelia"]
    # without the head, the town is read
    assert surfaces("Matan a un joven en San Juan", gaz) == ["San Juan"]


def test_a_lower_case_head_is_a_common_noun(gaz: Gazetteer) -> None:
    # "las villas de San Juan": the town's villas, not a named estate
    assert surfaces("Roban en las villas de San Juan", gaz) == ["San Juan"]


def test_a_neighbourhood_does_not_outvote_the_city(gaz: Gazetteer) -> None:
    places, _ = locate("Asesinan a un hombre en León, en Villas de San Juan", gaz,
                       locale=load_locale("es"))
    best = [m.best for m in places.mentions if m.best is not None]
    assert [(p.country_code, p.admin1) for p in best] == [("MX", "Guanajuato")]


def test_a_historic_centre_is_no_village(gaz: Gazetteer) -> None:
    # "Centro Histórico" is a Cape Verde village, "El Centro" a Californian town
    assert surfaces("Asesinan a un hombre en el Centro Histórico de Guadalajara", gaz) == [
        "Guadalajara"
    ]
    assert surfaces("Descuartizan a dos hombres en el Centro", gaz) == []


def test_state_abbreviations_of_the_press(gaz: Gazetteer) -> None:
    # "Edo." abbreviates "Estado": no Nigerian state Edo
    places, _ = locate("Asesinan a una mujer en Tlalnepantla, Edo. Méx.", gaz,
                       locale=load_locale("es"))
    best = [m.best for m in places.mentions if m.best is not None]
    assert [(p.country_code, p.admin1) for p in best] == [("MX", "Mexico")]
    cues = [c for _, c in find_cues("Ejecutan a dos en Edo. de México", load_locale("es"))]
    assert [c.admin1 for c in cues] == [("México",)]
