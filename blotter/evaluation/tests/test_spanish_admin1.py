"""The scorer's admin1 comparison for Mexican states as GED and the pipeline spell
them: accents, long official names, "Estado de México" / "México", and Mexico
City's three names; different states (and the state against the city) stay apart."""

from __future__ import annotations

import pytest

from blotter.evaluation.scoring import scoring_gazetteer
from blotter.geo.admin_names import same_admin1
from blotter.geo.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return scoring_gazetteer()


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("Mexico City", "Ciudad de México"),
        ("Mexico City", "Distrito Federal"),  # GED's name of the city before 2016
        ("Estado de México", "México"),
        ("Mexico", "México"),
        ("Coahuila", "Coahuila de Zaragoza"),
        ("Michoacan", "Michoacán"),
        ("Michoacán", "Michoacán de Ocampo"),
        ("Veracruz", "Veracruz de Ignacio de la Llave"),
        ("Nuevo Leon", "Nuevo León"),
        ("Queretaro", "Querétaro"),
    ],
)
def test_one_state_in_other_spellings(gaz: Gazetteer, predicted: str, gold: str) -> None:
    assert same_admin1({"admin1": predicted, "country_code": "MX"}, gold, gaz)


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("México", "Ciudad de México"),  # the State of Mexico is not the city
        ("Mexico City", "México"),
        ("Distrito Federal", "México"),
        ("Baja California", "Baja California Sur"),
        ("Sinaloa", "Sonora"),
    ],
)
def test_different_states_stay_apart(gaz: Gazetteer, predicted: str, gold: str) -> None:
    assert not same_admin1({"admin1": predicted, "country_code": "MX"}, gold, gaz)
