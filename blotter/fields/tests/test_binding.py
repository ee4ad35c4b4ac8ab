"""Issue 12, second pass: perpetrators bound across an incident's sentences,
factions and affiliates filed under their parent, acronyms told with their
fighters, and two victim groups after one active verb."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from blotter.document import Article
from blotter.fields.actors import find_actors
from blotter.fields.casualties import combine, find_counts
from blotter.fields.claims import best_perpetrator, find_perpetrators, named_groups
from blotter.pipeline import Pipeline
from blotter.settings import Settings


def perpetrator(text: str) -> str | None:
    found = best_perpetrator(find_perpetrators(text))
    return found.name if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a faction joined to its parent by a hyphen is the parent's act
        (
            "The Corsican National Liberation Front (FLNC)- Union of Combatants claimed "
            "responsibility for the attack.",
            "FLNC: Corsican National Liberation Front",
        ),
        # a unit "affiliated with" its parent
        (
            "The Ayman Jidah units of the al-Aqsa Brigades, which are affiliated with the "
            "Fatah movement, claimed it launched several rockets.",
            "Fatah",
        ),
        # "claimed by the military wing of X"
        ("The attack was claimed by the military wing of Hamas.", "Hamas"),
        # "claimed to have"
        ("The Taliban claimed to have poisoned him.", "Taliban"),
        # an acronym told with its fighters, or as members of it
        ("CGSB guerrillas attacked a copper mine.", "CGSB"),
        ("Members of the ALN attempted to hijack a plane.", "ALN"),
        # dictionary rows of this pass
        (
            "Members of the Communist Party of Nepal-Maoists bombed the home of a mayor.",
            "CPN-M: Communist Party of Nepal-Maoists",
        ),
        (
            "Hamas' militant wing, the Izz al-Din al Qassem Brigades claimed the attack.",
            "Hamas",
        ),
        ("It is believed that the Taliban carried out this attack.", "Taliban"),
    ],
)
def test_bound_perpetrator(text: str, expected: str) -> None:
    assert perpetrator(text) == expected


def test_where_the_claim_was_made_is_not_the_claimant() -> None:
    # "a caller to UPI claimed": UPI is whom the caller told
    assert perpetrator("A caller to UPI claimed credit for the bombing.") is None
    assert perpetrator("A woman caller in Paris claimed responsibility for the blast.") is None
    # a bare acronym alone as agent still needs a dictionary row
    assert perpetrator("The CIA attacked nobody.") is None


def test_named_groups_reuse_the_callers_actor_scan() -> None:
    text = "Members of ETA planted the bomb."
    mentions = find_actors(text)
    assert named_groups(text, 0, None, None, mentions) == named_groups(text)
    # the scan given is the one used: without it, no dictionary group is found
    assert all(g.name != "ETA: Basque Fatherland and Freedom" for g in named_groups(
        text, 0, None, None, []
    ))


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("The attack killed eight policemen and three civilians.", "killed", 11),
        ("Gunmen opened fire, killing two civilians and a policeman.", "killed", 3),
        ("A bomb went off, wounding four soldiers and two children.", "injured", 6),
        # the second number is its own clause's count, not the verb's
        ("The blast killed three soldiers and two were wounded.", "killed", 3),
        ("Militants killed 3 soldiers and 2 policemen were injured.", "killed", 3),
        # a subset after "including" is no second group
        (
            "A bomb exploded, wounding four people including three police and a civilian.",
            "injured",
            4,
        ),
        # "two dozen" is 24, not 2 + 12
        ("Ten were killed and at least two dozen wounded.", "injured", 24),
    ],
)
def test_two_victim_groups_after_one_verb(text: str, kind: str, expected: int) -> None:
    assert combine(find_counts(text), kind).best == expected


def _events(text: str) -> list[dict[str, Any]]:
    pipeline = Pipeline.from_settings(Settings())
    article = Article(id="t", text=text, published=date(2005, 3, 1))
    return pipeline.extract_articles([article])[0].events


def test_claim_told_after_the_window_binds_the_only_incident() -> None:
    # the claim is four sentences after the act; no other incident stands between
    text = (
        "A bomb exploded outside the offices of Aeroflot in New York. "
        "The blast shattered the glass doors of the building. "
        "The Soviet Embassy building is less than a block away. "
        "Nearby shops were closed for the day. "
        "The Jewish Defense League claimed responsibility."
    )
    events = [e for e in _events(text) if not e["is_background"]]
    assert events and any(
        "Jewish Defense League" in (e["actor1"] or {}).get("name", "") for e in events
    )


def test_a_riots_crowd_gives_way_to_the_armed_group_that_burned() -> None:
    events = _events("FARC rebels torched two buses belonging to a transport company.")
    assert events and (events[0]["actor1"] or {}).get("name", "").startswith("FARC")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # headline verbs and nouns of a toll
        ("Five soldiers die in clash with Colombian rebels.", 5),
        ("Subjects in military-type clothing execute 5 men in the community", 5),
        ("Armed Commando Assassinates 4 Young Men in Guanajuato", 4),
        ("3 Decapitations in Veracruz", 3),
        ("Mexico rights body: Army killings of 6 civilians unjustified", 6),
        ("They find the bodies of two men with signs of extreme violence", 2),
        # a wire headline after its source and date, and a thousands group kept whole
        ("Xinhua News Agency,2003-12-02,Six Colombian police killed in guerrilla ambush.", 6),
        ("About 1,200 people were killed.", 1200),
    ],
)
def test_headline_tolls(text: str, expected: int) -> None:
    assert combine(find_counts(text), "killed").best == expected
