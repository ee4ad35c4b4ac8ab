"""Full news reports: what a text reports, and what it only says or recalls.

Fixtures are written here (wire-style texts with a dateline, no dev data).
A killing condemned in a statement is the incident, not a protest; a crowd
that marches to condemn it is still a protest.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from blotter.document import Article
from blotter.pipeline import Pipeline
from blotter.settings import Settings

#: A wire report with no metadata date: its dateline says 3 Jan 1990.
DATELINE = "SAN SALVADOR, 3 JAN 90 (RADIO CADENA) -- [TEXT] "


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings({"geocode": False}))


def extract(pipeline: Pipeline, text: str, published: date | None = None) -> list[dict[str, Any]]:
    """Every event of *text* (current and background)."""
    (result,) = pipeline.extract_articles([Article("t", text, published)])
    assert result.error is None
    return result.events


def current(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if not e["is_background"]]


def test_a_killing_condemned_in_a_statement_is_the_incident(pipeline: Pipeline) -> None:
    text = (
        DATELINE + "THE PARTY ISSUED A COMMUNIQUE CONDEMNING THE MURDER OF THREE PEASANT "
        "LEADERS, WHO WERE SHOT TO DEATH YESTERDAY BY UNIDENTIFIED MEN IN SONSONATE."
    )
    (event,) = current(extract(pipeline, text))
    assert event["event_type"] == "Violence against civilians"
    assert event["sub_event_type"] == "Attack"


def test_a_crowd_marching_to_condemn_a_killing_is_a_protest(pipeline: Pipeline) -> None:
    text = (
        "Hundreds of teachers marched through Nairobi on Monday condemning the murder "
        "of a colleague who was shot dead last week."
    )
    events = current(extract(pipeline, text, date(2019, 5, 7)))
    assert [e["sub_event_type"] for e in events] == ["Peaceful protest"]


def test_people_captured_by_the_police_are_arrested_not_territory(pipeline: Pipeline) -> None:
    text = DATELINE + "THE POLICE CAPTURED TWO DRUG TRAFFICKERS YESTERDAY NEAR SAN MIGUEL."
    events = current(extract(pipeline, text))
    assert [e["sub_event_type"] for e in events] == ["Arrests"]


def test_a_captured_town_is_still_territory(pipeline: Pipeline) -> None:
    text = "On 3 May 2020, al Shabaab militants captured the town of Bulo Burte after clashes."
    events = current(extract(pipeline, text, date(2020, 5, 3)))
    assert "Non-state actor overtakes territory" in [e["sub_event_type"] for e in events]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the air force is a title: the act is a gunman's
        (
            "THE SON-IN-LAW OF THE CHIEF OF THE SALVADORAN AIR FORCE WAS WOUNDED YESTERDAY "
            "WHEN GUNMEN ATTACKED HIS CAR.",
            False,
        ),
        # the aircraft is the target
        ("GUERRILLAS DOWNED AN ARMY HELICOPTER GUNSHIP YESTERDAY NEAR PERQUIN.", False),
        # the aircraft does the act
        ("THE AIR FORCE BOMBED GUERRILLA POSITIONS YESTERDAY NEAR PERQUIN.", True),
    ],
)
def test_an_air_strike_needs_aircraft_doing_the_act(
    pipeline: Pipeline, sentence: str, expected: bool
) -> None:
    types = [e["sub_event_type"] for e in current(extract(pipeline, DATELINE + sentence))]
    assert types
    assert ("Air/drone strike" in types) is expected


def test_people_captured_by_no_armed_force_are_abducted(pipeline: Pipeline) -> None:
    text = DATELINE + "TWO BELGIAN DOCTORS WERE CAPTURED YESTERDAY NEAR SAN MIGUEL."
    events = current(extract(pipeline, text))
    assert [e["sub_event_type"] for e in events] == ["Abduction/forced disappearance"]


#: A killing told over four sentences; a bombing is named in one of the later.
KILLING_WITH_A_BOMBING_NAMED = (
    DATELINE + "UNIDENTIFIED GUNMEN SHOT DEAD THE MAYOR OF ACHI YESTERDAY AT HIS HOME.  "
    "HIS DRIVER WAS ALSO KILLED IN THE ATTACK.  "
    "THE MAYOR HAD RECENTLY CRITICIZED THE BOMBINGS OF THE DRUG TRAFFICKERS.  "
    "POLICE FOUND SEVERAL BULLET WOUNDS ON BOTH BODIES."
)


def test_a_weapon_named_in_passing_does_not_type_a_killing(pipeline: Pipeline) -> None:
    events = current(extract(pipeline, KILLING_WITH_A_BOMBING_NAMED))
    assert [e["sub_event_type"] for e in events] == ["Attack"]


def test_an_explosion_told_types_the_incident(pipeline: Pipeline) -> None:
    text = KILLING_WITH_A_BOMBING_NAMED.replace(
        "POLICE FOUND SEVERAL BULLET WOUNDS ON BOTH BODIES.",
        "A BOMB EXPLODED AT THE HOUSE AS POLICE ARRIVED.",
    )
    types = [e["sub_event_type"] for e in current(extract(pipeline, text))]
    assert "Remote explosive/landmine/IED" in types


def test_fighting_named_only_around_a_bombing_does_not_make_it_a_clash(
    pipeline: Pipeline,
) -> None:
    text = (
        DATELINE + "A BOMB EXPLODED YESTERDAY AT THE TOWN HALL OF MONTERIA, DESTROYING ITS FRONT.  "
        "WHO COULD STILL BELIEVE THAT THE FIGHTING WILL END?"
    )
    types = [e["sub_event_type"] for e in current(extract(pipeline, text))]
    assert types == ["Remote explosive/landmine/IED"]


def test_a_quoted_question_reports_no_act(pipeline: Pipeline) -> None:
    text = (
        DATELINE + 'THE MINISTER ASKED THE REBELS: "IS IT NOT ENOUGH TO HAVE LAUNCHED '
        'A MILITARY OFFENSIVE?"'
    )
    assert not current(extract(pipeline, text))


def test_a_report_ending_in_a_quoted_question_still_reports(pipeline: Pipeline) -> None:
    text = (
        "Chilpancingo: a boy leads police to his mother's executed body -- "
        '"Can you help me find my family?"'
    )
    assert current(extract(pipeline, text, date(2012, 3, 2)))


def test_fighting_a_social_ill_is_no_act(pipeline: Pipeline) -> None:
    text = DATELINE + 'THE MINISTER SAID TODAY: "WE ARE FIGHTING DRUG TRAFFICKING VERY STRONGLY."'
    assert not current(extract(pipeline, text))


@pytest.mark.parametrize(
    "said",
    [
        "THE ONLY WAY TO PEACE IS FOR THE REBELS TO STOP HOSTILITIES.",
        "THE REBELS' WILLINGNESS TO END HOSTILITIES WAS WELCOMED.",
        "PEACE DEPENDS ON THE GUERRILLAS' HALTING HOSTILITIES.",
    ],
)
def test_hostilities_to_be_stopped_are_no_act(pipeline: Pipeline, said: str) -> None:
    assert not current(extract(pipeline, DATELINE + said))



@pytest.mark.parametrize(
    "headline",
    [
        "Retired district judge shot dead outside his home",
        "Deputy prosecutor assassinated in the capital",
        "Villagers discover body near the river",
        "Fishermen find him dead on the beach",
        "Man lies dead beside the highway after the shooting",
    ],
)
def test_headlines_naming_the_victim_or_the_finder_report_a_killing(
    pipeline: Pipeline, headline: str
) -> None:
    assert current(extract(pipeline, headline, date(2019, 5, 7)))


@pytest.mark.parametrize(
    "said",
    [
        "Prosecutors in the case against the singer question the DNA evidence of the attack.",
        "The guards are there to prevent judges from being murdered.",
        "The accused was acquitted of murder on appeal.",
    ],
)
def test_proceedings_told_by_judges_and_prosecutors_are_no_act(
    pipeline: Pipeline, said: str
) -> None:
    assert not current(extract(pipeline, said, date(2019, 5, 7)))


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed a local journalist outside his home in the city late on Wednesday. "
        "The attack came a week after cartel members abducted 30 migrants in a nearby town.",
        "Hombres armados asesinaron a un periodista frente a su casa el miércoles. "
        "El ataque ocurrió una semana después de que un grupo armado secuestró a 30 migrantes.",
    ],
)
def test_the_act_a_report_names_back_is_earlier_and_not_its_own(
    pipeline: Pipeline, text: str
) -> None:
    """'The attack came a week after ...' (session 14): the act after 'after' is
    an earlier incident, so its 30 abducted are not the killing's detainees."""
    events = extract(pipeline, text, date(2026, 11, 21))
    (own,) = current(events)
    assert own["fatalities"]["best"] == 1
    assert own["detained"]["best"] is None
    assert any(e["is_background"] and e["detained"]["best"] == 30 for e in events)
