"""ACLED's event taxonomy and actor-type codes, spelled as in the ACLED codebook."""

from __future__ import annotations

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": (
        "Violent demonstration",
        "Mob violence",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TYPES: dict[str, str] = {
    sub: event_type for event_type, subs in EVENT_TYPES.items() for sub in subs
}

#: ACLED ``inter`` codes: the type of an actor.
INTER_CODES: dict[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}

#: GTD claim modes.
CLAIM_MODES: tuple[str, ...] = (
    "letter",
    "call (post-incident)",
    "call (pre-incident)",
    "e-mail",
    "note left at scene",
    "video",
    "posted to website, blog, etc.",
    "personal claim",
    "other",
)

CERTAINTY_LEVELS: tuple[str, ...] = ("confirmed", "reported", "alleged")

#: ACLED sub-event types that are violent events (used for relevance scoring of
#: MUC-4, which codes terrorist incidents only).
VIOLENT_EVENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)


def event_type_of(sub_event_type: str) -> str:
    """Return the ACLED event type a sub-event type belongs to."""
    return SUB_EVENT_TYPES[sub_event_type]


#: ACLED's generic actor names (output vocabulary, whatever the input language);
#: ``{country}`` is filled with the event's country.
GENERIC_ACTORS: dict[str, str] = {
    "civilians": "Civilians ({country})",
    "protesters": "Protesters ({country})",
    "rioters": "Rioters ({country})",
    "police": "Police Forces of {country}",
    "military": "Military Forces of {country}",
}
