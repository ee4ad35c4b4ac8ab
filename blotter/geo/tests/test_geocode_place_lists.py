"""Lists of places ("en Guerrero y Chihuahua", "in Sinaloa, Durango and
Sonora") are siblings: no item is the context of another (hand-written texts)."""

from __future__ import annotations

from blotter.geo.gazetteer import Gazetteer
from blotter.geo.mentions import find_places
from blotter.geo.resolve import locate
from blotter.lang import load_locale


def admin1s(text: str, gaz: Gazetteer, lang: str) -> list[tuple[str | None, str, str | None]]:
    places, _ = locate(text, gaz, locale=load_locale(lang))
    return [(m.surface, m.best.kind, m.best.admin1) for m in places.mentions if m.best is not None]


def test_a_state_listed_beside_another_is_the_state(gaz: Gazetteer) -> None:
    # Chihuahua holds a municipality named Guerrero: listed, "Guerrero" is the state
    found = admin1s("Matan a cinco personas en Guerrero y Chihuahua", gaz, "es")
    assert found[0] == ("Guerrero", "admin1", "Guerrero")
    found = admin1s("Gunmen killed five people in Guerrero and Chihuahua", gaz, "en")
    assert found[0] == ("Guerrero", "admin1", "Guerrero")


def test_list_items_are_marked(gaz: Gazetteer) -> None:
    places = find_places("Ataques en Michoacán, Guanajuato y Guerrero", gaz, load_locale("es"))
    assert [m.in_list for m in places.mentions] == [0, 0, 0]


def test_a_comma_alone_still_names_the_container(gaz: Gazetteer) -> None:
    places = find_places("Matan a dos en Apatzingán, Michoacán", gaz, load_locale("es"))
    assert [m.in_list for m in places.mentions] == [None, None]
    assert places.mentions[1].container


def test_a_mexican_municipal_seat_ranks_by_its_municipio(gaz: Gazetteer) -> None:
    # El Salto, Jalisco (a municipio of about 150,000, the town proper 22,000)
    # against the Durango town of El Salto (24,000): regional_rules.toml
    assert admin1s("Asesinan a un hombre en El Salto", gaz, "es") == [
        ("El Salto", "city", "Jalisco")]
    # not where admin2 units are provinces named after their capitals (Spain)
    assert admin1s("Ejecutan a dos en Salamanca", gaz, "es")[0][2] == "Guanajuato"
