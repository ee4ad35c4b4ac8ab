"""Session 9: documented Mexican groups and word orders the dictionaries lacked,
in both packs (Spanish text, and English headlines naming them in Spanish)."""

from __future__ import annotations

import pytest

from blotter.fields.actors import find_actors
from blotter.lang import load_locale


@pytest.mark.parametrize(
    ("code", "text", "name"),
    [
        ("es", "Los Tequileros emboscan a policías en San Miguel Totolapan", "Los Tequileros Gang"),
        ("es", "Enfrentamiento entre Los Mezcales y el CJNG en Colima", "Los Mezcales Gang"),
        ("es", "Detienen a operador de Los Aquiles en Tijuana", "Los Aquiles Gang"),
        ("es", "Los Viagra atacan a la Guardia Nacional", "Los Viagras Gang"),
        ("es", "Sicarios del Cártel Santa Rosa de Lima atacan un bar", "Santa Rosa de Lima Cartel"),
        ("es", "Pelea interna en el Cártel de Caro Quintero", "Caborca Cartel"),
        ("es", "Capturan a jefe del Cártel de Tláhuac", "Tlahuac Cartel"),
        ("en", "Tropa del Infierno Leaves Bagged Corpses", "Northeast Cartel"),
        ("en", "Cartel Santa Rosa de Lima Dismembers a Rival", "Santa Rosa de Lima Cartel"),
        ("en", "Los Tequileros ambush police in Guerrero", "Los Tequileros Gang"),
    ],
)
def test_group_is_named(code: str, text: str, name: str) -> None:
    assert name in [m.entry.name for m in find_actors(text, 0, load_locale(code))]


def test_a_town_named_after_a_person_is_no_group() -> None:
    # "Los Aquiles" is a cell; "Aquiles Serdán" (Chihuahua) is a municipality
    text = "Matan a dos en Aquiles Serdán"
    found = [m.entry.name for m in find_actors(text, 0, load_locale("es"))]
    assert "Los Aquiles Gang" not in found
