"""Claims, attributions and agency as terrorism chronologies tell them (docs/actors.md)."""

from __future__ import annotations

import pytest

from blotter.fields.claims import (
    DocumentAcronyms,
    Role,
    best_perpetrator,
    find_perpetrators,
    person_surnames,
)


def bound(text: str) -> tuple[str, str] | None:
    """The strongest-bound perpetrator of one sentence: (name, role)."""
    found = best_perpetrator(find_perpetrators(text, acronyms=DocumentAcronyms(text)))
    return (found.name, found.role.name) if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a warning call before a bomb is the bombers' own word
        ("ETA called in a warning.", ("ETA: Basque Fatherland and Freedom", "CLAIM")),
        (
            "An unknown caller, representing the Basque Fatherland and Freedom (ETA) called "
            "in a warning about ten minutes prior to the blast.",
            ("ETA: Basque Fatherland and Freedom", "CLAIM"),
        ),
        (
            "A man claiming to belong to Hizballah was arrested after throwing firebombs.",
            ("Hezbollah", "CLAIM"),
        ),
        # an organisation word inside the name, its purpose after it
        (
            "The Secret Army for the Liberation of Armenia claimed credit for the attack.",
            ("Secret Army for the Liberation of Armenia", "CLAIM"),
        ),
        (
            "A group calling itself the Revolutionary Organization of Socialist Moslems "
            "claimed credit for kidnapping a British journalist.",
            ("Revolutionary Organization of Socialist Moslems", "CLAIM"),
        ),
        # an appositive of up to 80 characters between the name and its claim
        (
            "The Ninth of June Organization, an Armenian group named after the day of the "
            "arrest of an Armenian in Geneva, claimed responsibility for a small bomb.",
            ("Ninth of June Organization", "CLAIM"),
        ),
        (
            "The Pedro Leon Arboleda (PLA) guerrilla commandos claimed responsibility.",
            ("Pedro Leon Arboleda (PLA)", "CLAIM"),
        ),
        # attributions
        ("The Dev-Sol group is believed to have been responsible.", ("Dev Sol", "ATTRIBUTION")),
        ("Molotov cocktails were thrown at an office. Dev Sol suspected.",
         ("Dev Sol", "ATTRIBUTION")),
        (
            "Police arrested nine suspects believed to have connections with Dev Sol.",
            ("Dev Sol", "ATTRIBUTION"),
        ),
        (
            "Al-Mahdi Army is known to operate in the region.",
            ("Mahdi Army", "ATTRIBUTION"),
        ),
        (
            "In London a caller said that the Palestinian group, Black September, was "
            "responsible for the attacks.",
            ("Black September", "ATTRIBUTION"),
        ),
        # the first told of a joint claim, as chronologies file it
        (
            "The Al-Aqsa Martyrs Brigade and the armed wing of the Popular Resistance "
            "Committees claimed responsibility for firing a rocket.",
            ("Al Aqsa Martyrs Brigade", "CLAIM"),
        ),
        ("The ELA and 1 May Organization claimed joint responsibility.", ("ELA", "CLAIM")),
        # a person's claim "of" a group is the group's
        (
            "Azad Khan Baloch, of the Baloch Liberation Army, claimed the attack.",
            ("BLA: Baloch Liberation Army", "CLAIM"),
        ),
        # an acronym that is another group's row: the name the text writes
        (
            "The People's Defense Forces (HPG) claimed responsibility for the incident.",
            ("People's Defense Forces (HPG)", "CLAIM"),
        ),
        ("The National Liberation Army (ELN) is blamed for the blast.",
         ("ELN: National Liberation Army", "ATTRIBUTION")),
        ("The Islamic Resistance Movement (Hamas) claimed the attack.", ("Hamas", "CLAIM")),
        # agency
        ("ETA machine-gunned a French truck.", ("ETA: Basque Fatherland and Freedom", "AGENT")),
        (
            "Insurgents with the Movement for the Emancipation of the Niger Delta (MEND) "
            "sabotaged two pipelines.",
            ("MEND: Movement for the Emancipation of the Niger Delta", "AGENT"),
        ),
    ],
)
def test_claim_forms(text: str, expected: tuple[str, str]) -> None:
    assert bound(text) == expected


def test_a_charge_of_another_kind_is_no_attribution() -> None:
    # the Maoists suspected Gupta of being an informer: Gupta did not do the act
    assert bound("The Maoists suspected Gupta of being a police informer.") is None
    assert bound("Police suspected Gupta of the bombing.") == ("Gupta", "ATTRIBUTION")


def test_a_person_named_in_full_before_is_no_group() -> None:
    text = (
        "Members of the ERP kidnapped Oberdan Sallustro, president of Fiat of Argentina. "
        "The kidnappers said Sallustro was responsible for repression of the workers."
    )
    acronyms = DocumentAcronyms(text)
    assert "Sallustro" in person_surnames(text)
    second = text.index("The kidnappers")
    found = find_perpetrators(text[second:], second, acronyms=acronyms)
    assert found == []
    # an organisation's name or a place's is no person's
    assert person_surnames("The Islamic Jihad Movement and the Turkish Republic.") == set()
    assert Role.CLAIM < Role.ATTRIBUTION


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the claimant told with its kind between "claimed by" and its name
        (
            "The bombing was claimed by the nationalist group Wolves of the Plain.",
            ("Wolves of the Plain", "CLAIM"),
        ),
        (
            "A claim of responsibility from a group called, Night Owls Movement arrived later.",
            ("Night Owls Movement", "CLAIM"),
        ),
        # a quoted name: the closing quote is not the name's
        (
            "A guard was kidnapped by a group calling itself 'Sons of the Valley'.",
            ("Sons of the Valley", "CLAIM"),
        ),
        # the caller's past-tense representation, and "claimed that its gunmen ..."
        (
            "A man who said he represented the Free Coast Front called to claim the attack.",
            ("Free Coast Front", "CLAIM"),
        ),
        (
            "The Red Dawn Organization claimed that its gunmen shot the judge.",
            ("Red Dawn Organization", "CLAIM"),
        ),
        # an acronym then "the": two names, not one ("a call to AFP the ...")
        (
            "In a call to AFP the Army of the Free Coast claimed credit for the blast.",
            ("Army of the Free Coast", "CLAIM"),
        ),
    ],
)
def test_claims_told_with_a_kind_quote_or_caller(text: str, expected: tuple[str, str]) -> None:
    assert bound(text) == expected


def test_an_adjective_before_a_kind_word_is_no_claimant() -> None:
    # "a Japanese anarchist group": the people's name is no group's
    assert bound("A man claiming to belong to a Japanese anarchist group phoned.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # session 11: the name written in full with its acronym, both dictionary
        # finds of one row: one name, whose role the words after it give
        (
            "Police said the Kurdistan Workers' Party (PKK) is suspected.",
            ("PKK: Kurdistan Workers Party", "ATTRIBUTION"),
        ),
        # an appositive between the name and its attribution, with or without a comma
        (
            "The Green Valley Front (GVF), a small separatist group, is suspected of it.",
            ("Green Valley Front (GVF)", "ATTRIBUTION"),
        ),
        (
            "The Green Valley Front (GVF) an outlawed separatist group, is blamed.",
            ("Green Valley Front (GVF)", "ATTRIBUTION"),
        ),
        # "believed to be behind", "may be to blame"
        (
            "The Red Hand Commando is believed to be behind the shooting.",
            ("Red Hand Commando", "ATTRIBUTION"),
        ),
        (
            "Officials said the Red Hand Commando may be to blame for the fire.",
            ("Red Hand Commando", "ATTRIBUTION"),
        ),
        # what a group leaves behind: leaflets, slogans, inscriptions, a note
        (
            "Police found leaflets of the Night Owls Movement beside the car.",
            ("Night Owls Movement", "ATTRIBUTION"),
        ),
        ("The raiders sprayed Sun Wheel slogans on the door.", ("Sun Wheel", "ATTRIBUTION")),
        (
            "Police found a note from the River Guards Brigade at the scene.",
            ("River Guards Brigade", "ATTRIBUTION"),
        ),
        # the claimed act told with a number, or as "it fired"; "credited itself with"
        (
            "The Hill People's Army (HPA) claimed three bomb blasts in the town.",
            ("Hill People's Army (HPA)", "CLAIM"),
        ),
        (
            "Later the Wolves of the Plain claimed it fired two rockets at the base.",
            ("Wolves of the Plain", "CLAIM"),
        ),
        (
            "The Lake Shore Front, a new movement, credited itself with the kidnapping.",
            ("Lake Shore Front", "CLAIM"),
        ),
    ],
)
def test_attributions_and_claims_of_session_11(text: str, expected: tuple[str, str]) -> None:
    assert bound(text) == expected


def test_a_group_waved_or_arrested_is_still_no_perpetrator() -> None:
    # the new evidence words need the group's own leaflets, not any banner near a name
    assert bound("Police arrested two Sun Wheel members.") is None
    assert bound("The Sun Wheel denied that its leaflets were found.") is None


def test_claims_of_unknown_groups_and_of_spokesmen() -> None:
    # session 11: "the previously unknown X", a group set off by commas, a group's
    # members naming themselves; a spokesman set off by commas is no group
    assert bound("The blast was claimed by the previously unknown Hill Wolves Organization.") == (
        "Hill Wolves Organization",
        "CLAIM",
    )
    assert bound("A new group, the Hill Wolves Commando, claimed the attack.") == (
        "Hill Wolves Commando",
        "CLAIM",
    )
    assert bound("The gunmen identified themselves as members of the Hill Wolves Front.") == (
        "Hill Wolves Front",
        "CLAIM",
    )
    assert bound("A spokesman for the rebels, Omar Haddad, claimed the attack.") is None
    # ... unless the words before make it the claimant's name
    assert bound("A group, calling itself Tide of Wrath, claimed the attack.") == (
        "Tide of Wrath",
        "CLAIM",
    )
    # a people's word makes a loose name no group; a group's own name may hold it
    assert bound("Police blamed suspected Sunni militants.") is None
    assert bound("A group calling itself the Sons of Arab Wrath claimed it.") == (
        "Sons of Arab Wrath",
        "CLAIM",
    )


def test_witnesses_carried_signs_and_languages_name_no_group() -> None:
    # session 11: a witness's "claim", a crowd's placards, a language's leaflets,
    # and a statement claiming the dead as members are no claim of the act
    assert bound("Witnesses claim two blasts shook the market.") is None
    assert bound("Carrying placards, the traders blocked the road.") is None
    assert bound("Urdu leaflets were found near the site.") is None
    assert bound("The Hill Wolves Front issued a statement claiming them as members.") is None
    assert bound("The Hill Wolves Front issued a statement claiming the bombing.") == (
        "Hill Wolves Front",
        "CLAIM",
    )
