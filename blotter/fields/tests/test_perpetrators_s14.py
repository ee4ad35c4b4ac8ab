"""Session 14 (issue 12): perpetrators told as joint subjects, glossed names,
wings after a possessive, claims told apart from the act, and the sentences
and cues that carry them.  Texts written here."""

from __future__ import annotations

from blotter.fields.claims import DocumentAcronyms, best_perpetrator, find_perpetrators
from blotter.fields.tests.reports import current_events, only
from blotter.pipeline import Pipeline
from blotter.stages.parse import split_sentences


def bound(text: str) -> str | None:
    """The strongest-bound perpetrator's name of one sentence."""
    found = best_perpetrator(find_perpetrators(text, acronyms=DocumentAcronyms(text)))
    return found.name if found else None


def test_the_first_of_two_joint_doers_leads() -> None:
    text = (
        "The Revolutionary Armed Forces of Colombia (FARC) and the National Liberation"
        " Army (ELN) launched a joint attack on the pipeline."
    )
    assert bound(text) == "FARC: Revolutionary Armed Forces of Colombia"


def test_a_doer_joined_to_its_target_is_no_doer() -> None:
    # "attacked X and Y": both are hit, neither shares a doing
    assert bound("Soldiers attacked the FARC and the ELN camps near the border.") is None


def test_a_name_keeps_its_bracketed_gloss() -> None:
    found = bound("Bandera Negra (Black Flag) claimed responsibility.")
    assert found == "Bandera Negra (Black Flag)"


def test_an_acronym_keeps_no_expansion_as_gloss() -> None:
    assert bound("The MLP (Popular Liberation Movement) claimed responsibility.") == "MLP"


def test_a_wing_after_its_parent_possessive_is_the_parent() -> None:
    text = "Hamas's military wing, the Ayyash Brigade, took responsibility for the shooting."
    assert bound(text) == "Hamas"


def test_the_named_al_aqsa_brigade_claims() -> None:
    text = "The Fatah-linked Al-Aqsa Martyrs Brigade claimed responsibility for the shooting."
    assert bound(text) == "Al Aqsa Martyrs Brigade"


def test_the_likely_perpetrator_is_attributed() -> None:
    assert bound("The most likely perpetrator is the ELN.") == "ELN: National Liberation Army"


def test_a_stop_glued_to_the_next_sentence_ends_it() -> None:
    text = "A bomb damaged the pylon.The attack was claimed by the ELN. Visit www.Example.com now."
    spans = [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    assert spans == [
        "A bomb damaged the pylon.",
        "The attack was claimed by the ELN.",
        "Visit www.Example.com now.",
    ]


def test_a_later_mention_of_the_incident_names_its_doer(pipeline: Pipeline) -> None:
    event = only(
        pipeline,
        "A bomb exploded outside a police post in the town. The blast wounded two officers."
        " The ELN is believed to be behind the attack.",
    )
    assert event["actor1"]["name"] == "ELN: National Liberation Army"


def test_a_claim_of_this_attack_told_apart_names_the_doer(pipeline: Pipeline) -> None:
    events = current_events(
        pipeline,
        "A letter bomb was sent to a journalist in the capital. Police disposed of the"
        " device. On 13 May, a group calling itself the Black Hand claimed responsibility"
        " for this attack.",
        "2019-06-12",
    )
    assert [e["actor1"]["name"] for e in events] == ["Black Hand"]
    assert events[0]["claimed_by"] == "Black Hand"


def test_a_claim_just_made_is_no_background(pipeline: Pipeline) -> None:
    event = only(
        pipeline,
        "The Earth Liberation Front has claimed responsibility for blowing up a power"
        " pylon near the town.",
    )
    assert event["actor1"]["name"] == "ELF: Earth Liberation Front"


def test_setting_fire_is_an_act(pipeline: Pipeline) -> None:
    events = current_events(
        pipeline, "Members of the Black Star group claimed responsibility for setting fire"
        " to a car belonging to a diplomat."
    )
    assert events, "arson told with 'setting fire' is an event"
