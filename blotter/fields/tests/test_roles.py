"""Who did what to whom, how many, when (issue 12): counts, claims and dates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from blotter.fields.casualties import combine, find_counts
from blotter.fields.claims import (
    DocumentAcronyms,
    acronym_names,
    best_perpetrator,
    find_perpetrators,
)
from blotter.fields.dates import header_date
from blotter.io.records import read_inputs
from blotter.pipeline import Pipeline
from blotter.settings import Settings


def best(text: str, kind: str = "killed") -> int | None:
    return combine(find_counts(text), kind).best


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("The victim died on the way to hospital.", "killed", 1),
        ("Juan Perez, a police chief, was injured in the attack.", "injured", 1),
        ("He was not injured.", "injured", None),
        ("Nobody was hurt in the incident.", "injured", None),
        ("A man and a woman were killed.", "killed", 2),
        ("Five people, including three children, were killed in the blast.", "killed", 5),
        ("The remains of two people were found in the village.", "killed", 2),
        ("The bodies of three men were found.", "killed", 3),
        ("The bomb killed four people in addition to the assailant.", "killed", 5),
        ("A suicide bomber killed himself and two others.", "killed", 3),
        ("More than 20 people were killed.", "killed", 20),
        ("Police arrested three suspects. They also detained two suspects.", "detained", 5),
        # one victim told by name, title or body, without a number
        ("Gunmen shot and killed Jorge Nieves, a party leader, in the town.", "killed", 1),
        ("A bomb exploded, killing the patrol's commander.", "killed", 1),
        ("Police found the body of a policeman near Samarra.", "killed", 1),
        ("His body was later found bearing gunshot wounds.", "killed", 1),
        ("The party's secretary, Anwar Hussein, died in the attack.", "killed", 1),
        ("A guard stabbed a man to death over the curfew.", "killed", 1),
        ("A mob attacked a couple resulting in 1 death.", "killed", 1),
        # ... but not a plural told without a number, nor a threat
        ("The attack killed Iraqi Army soldiers.", "killed", None),
        ("None died in the attack.", "killed", None),
        ("He had received a death threat.", "killed", None),
        ("Gunmen fired on the guards, killing one and wounding another.", "injured", 1),
        ("The kidnappers killed the driver and wounded his bodyguard.", "injured", 1),
        ("The attack wounded Zangana and killed one of his bodyguards.", "injured", 1),
        ("The cleric was shot and seriously wounded in Herat.", "injured", 1),
        ("The blast injured US soldiers.", "injured", None),
        # capitals name nobody in wire copy or a headline ("KILLED IN SAN SALVADOR")
        ("THE JESUITS WHO WERE KILLED IN SAN SALVADOR WERE MOURNED.", "killed", None),
        ("Gunmen Murdered In Villa De Alvarez, Colima", "killed", None),
        # ... while a headline's bare singular victim is one ("Woman Murdered In ...")
        ("Woman Murdered In Villa De Alvarez, Colima", "killed", 1),
    ],
)
def test_counts_a_reader_sees(text: str, kind: str, expected: int | None) -> None:
    assert best(text, kind) == expected


def test_more_victims_of_one_incident_are_summed_not_merged() -> None:
    told = (
        "In August, the group hung nine bodies from a bridge in Uruapan. "
        "Police say that 10 additional victims were dumped right nearby."
    )
    assert best(told) == 19
    assert best("Six soldiers were killed. Six soldiers were killed in the ambush.") == 6


def test_periodic_tolls_are_never_the_events() -> None:
    assert best("Gunmen killed two people. At least 300 people have been killed this year.") == 2
    assert best("Since January, 300 people have been killed in the state.") is None


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "The Earth Liberation Front (ELF) claimed responsibility for the fire.",
            "ELF: Earth Liberation Front",  # the dictionary row
            "claim",
        ),
        (
            "Colombian authorities blame the National Liberation Army (ELN).",
            "ELN: National Liberation Army",  # the dictionary's (ACLED's) spelling
            "attribution",
        ),
        (
            "Unidentified men, suspected to be members of Free Aceh Movement (GAM), burned it.",
            "GAM: Free Aceh Movement",
            "attribution",
        ),
        ("The attack was claimed by Jaish-e-Mohammad (JeM).", "JeM: Jaish-e-Mohammed", "claim"),
        ("Hizbollah is suspected.", "Hezbollah", "attribution"),
        ("The LTTE abducted a ferry crew.", "LTTE: Liberation Tigers of Tamil Eelam", "agent"),
        # a wing's act is its parent's (RDWTI and ACLED file it so)
        (
            "The Abu Al-Reesh Brigades, a military wing of the Fatah movement, claimed the attack.",
            "Fatah",
            "claim",
        ),
        # the group whose spokesman claims, not the spokesman
        (
            "Taliban spokesman Mohammad Yousuf claimed responsibility for the attack.",
            "Taliban",
            "claim",
        ),
        (
            "Five workers were kidnapped by the Front for the Liberation of Cabinda (FLEC).",
            "FLEC: Front for the Liberation of the Enclave of Cabinda",
            "agent",
        ),
    ],
)
def test_perpetrator_bound_by_its_role(text: str, name: str, role: str) -> None:
    found = best_perpetrator(find_perpetrators(text))
    assert found is not None and (found.name, found.role.name.lower()) == (name, role)


def test_denials_targets_and_state_bodies_are_not_perpetrators() -> None:
    assert find_perpetrators("GAM has denied responsibility for the attack.") == []
    assert find_perpetrators("An Indonesian Army (TNI) officer was wounded.") == []
    assert find_perpetrators("Police said they questioned the driver.") == []


def test_bare_acronym_named_from_the_document() -> None:
    text = "Revolutionary People's Struggle (ELA) members were seen. ELA is being blamed for it."
    names = acronym_names(text)
    assert names["ELA"] == "Revolutionary People's Struggle (ELA)"
    found = find_perpetrators(text[text.index("ELA is") :], 0, None, names)
    assert [p.name for p in found] == ["Revolutionary People's Struggle (ELA)"]


def test_document_acronyms_are_read_when_a_sentence_asks() -> None:
    """The lazy map gives what acronym_names gives, and a sentence without a bare
    acronym never makes it scan the document."""
    text = "Revolutionary People's Struggle (ELA) members were seen. ELA is being blamed for it."
    lazy = DocumentAcronyms(text)
    find_perpetrators("Gunmen attacked a bus.", 0, None, lazy)
    assert lazy._names is None
    found = find_perpetrators(text[text.index("ELA is") :], 0, None, lazy)
    assert [p.name for p in found] == ["Revolutionary People's Struggle (ELA)"]
    assert dict(lazy) == acronym_names(text)


def test_header_date_of_a_document_without_metadata() -> None:
    ref = header_date("SAN SALVADOR, 3 JAN 90 -- [TEXT] Guerrillas attacked a post.")
    assert ref is not None and ref.value.isoformat() == "1990-01-03"
    assert header_date("Police said on Tuesday that gunmen attacked a post.") is None


def extract(tmp_path: Path, records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records))
    results = Pipeline.from_settings(Settings()).run(list(read_inputs(src, 2_000_000, 20)))
    return {r.id: [e for e in r.events if not e["is_background"]] for r in results}


def test_event_dates_anchored_to_the_report(tmp_path: Path) -> None:
    out = extract(
        tmp_path,
        [
            {
                "id": "dateline",
                "text": "SAN SALVADOR, 3 JAN 90 -- [TEXT] Guerrillas killed three soldiers "
                "yesterday in Usulutan department.",
            },
            {
                "id": "said",
                "text": "Police said on Tuesday that gunmen killed five people in Kano, "
                "Nigeria on Sunday.",
                "published": "2020-05-07",
            },
            {
                "id": "early",
                "text": "Gunmen killed five people in Kano, Nigeria early Monday.",
                "published": "2020-05-07",
            },
        ],
    )
    assert out["dateline"][0]["event_date"] == "1990-01-02"  # "yesterday" of 3 Jan 1990
    assert out["said"][0]["event_date"] == "2020-05-03"  # Sunday, not the Tuesday it was told
    assert out["early"][0]["event_date"] == "2020-05-04"
