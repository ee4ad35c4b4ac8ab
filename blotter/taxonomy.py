"""ACLED's event taxonomy and actor-type codes, spelled as in the ACLED codebook.

Everything known per event and sub-event type (event type, disorder type,
fusion family, default target, crowd actor) is one table, ``taxonomy.toml``;
the mappings below are views of it, so a new sub-type is one row there.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

#: The kinds of default target a sub-event type can have (see taxonomy.toml).
TARGET_KINDS = frozenset({"civilians", "police", "state", "none", ""})


@dataclass(frozen=True)
class EventType:
    """One ACLED event type."""

    name: str
    disorder: str
    family: str
    violent: bool


@dataclass(frozen=True)
class SubEventType:
    """One ACLED sub-event type and what Blotter infers for it."""

    name: str
    event_type: str
    target: str
    crowd: int | None


def _load() -> dict[str, Any]:
    text = resources.files("blotter").joinpath("taxonomy.toml").read_text("utf-8")
    return tomllib.loads(text)


_TABLE = _load()
#: ACLED's actor-type (``inter``) codes by name (``[inter]``).
INTER: dict[str, int] = {name: row["code"] for name, row in _TABLE["inter"].items()}
#: ACLED ``inter`` codes: the type of an actor, with the codebook's label.
INTER_CODES: dict[int, str] = {row["code"]: row["label"] for row in _TABLE["inter"].values()}
# The codes by name, for the engine (a module never writes a bare code).
STATE_FORCES: int = INTER["state_forces"]
REBELS: int = INTER["rebels"]
POLITICAL_MILITIAS: int = INTER["political_militias"]
IDENTITY_MILITIAS: int = INTER["identity_militias"]
RIOTERS: int = INTER["rioters"]
PROTESTERS: int = INTER["protesters"]
CIVILIANS: int = INTER["civilians"]
EXTERNAL: int = INTER["external"]
#: Organised armed actors: state forces, rebels, political and identity
#: militias, external forces (not rioters: a crowd).
ORGANISED_ARMED = frozenset({STATE_FORCES, REBELS, POLITICAL_MILITIAS, IDENTITY_MILITIAS, EXTERNAL})
#: A state's forces, at home or abroad (UCDP's state side).
STATE_SIDE = frozenset({STATE_FORCES, EXTERNAL})
#: The crowd's own actor types.
CROWDS = frozenset({RIOTERS, PROTESTERS})

TYPES: dict[str, EventType] = {
    name: EventType(name, row["disorder"], row["family"], row["violent"])
    for name, row in _TABLE["types"].items()
}
SUB_TYPES: dict[str, SubEventType] = {
    name: SubEventType(
        name, row["type"], row["target"], INTER[row["crowd"]] if "crowd" in row else None
    )
    for name, row in _TABLE["sub_types"].items()
}
#: ACLED's generic actor names by kind (output vocabulary, whatever the input
#: language); ``{country}`` is filled with the event's country.
GENERIC_ACTORS: dict[str, str] = {kind: row["name"] for kind, row in _TABLE["actors"].items()}
#: The ``inter`` code of each generic actor.
GENERIC_INTER: dict[str, int] = {
    kind: INTER[row["inter"]] for kind, row in _TABLE["actors"].items()
}

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    t: tuple(s.name for s in SUB_TYPES.values() if s.event_type == t) for t in TYPES
}
SUB_EVENT_TYPES: dict[str, str] = {s.name: s.event_type for s in SUB_TYPES.values()}
#: ACLED's disorder type for each event type.
DISORDER_TYPES: dict[str, str] = {t.name: t.disorder for t in TYPES.values()}
#: Cross-article fusion's blocking family for each event type.
TYPE_FAMILIES: dict[str, str] = {t.name: t.family for t in TYPES.values()}
#: The second actor ACLED codes when the text names none, by sub-event type.
DEFAULT_TARGET: dict[str, tuple[str, int]] = {
    s.name: (GENERIC_ACTORS[s.target], GENERIC_INTER[s.target])
    for s in SUB_TYPES.values()
    if s.target in ("civilians", "police")
}
#: Sub-event types whose unnamed opponent of a non-state armed group is the state.
STATE_TARGETED = frozenset(s.name for s in SUB_TYPES.values() if s.target == "state")
#: Sub-event types with no second actor (a peaceful protest, a curfew, a new base).
NO_TARGET = frozenset(s.name for s in SUB_TYPES.values() if s.target == "none")
#: The first actor ACLED codes when the text names none, by sub-event type
#: (``[perpetrators]`` of taxonomy.toml: kind of generic actor -> sub-event types).
DEFAULT_PERPETRATOR: dict[str, tuple[str, int]] = {
    sub: (GENERIC_ACTORS[kind], GENERIC_INTER[kind])
    for kind, subs in _TABLE.get("perpetrators", {}).items()
    for sub in subs
}
#: The unnamed perpetrator where the incident is told as identity violence: cue
#: group -> (name, inter), in ``[perpetrator_context]``'s order (first match wins).
CONTEXT_PERPETRATOR: dict[str, tuple[str, int]] = {
    group: (GENERIC_ACTORS[kind], GENERIC_INTER[kind])
    for group, kind in _TABLE.get("perpetrator_context", {}).items()
}
#: Words of output actor names that identify no one (``[actor_words]``).
GENERIC_ACTOR_WORDS = frozenset(_TABLE.get("actor_words", {}).get("generic", []))
#: Sub-event types whose first actor is the crowd itself, with its inter code.
CROWD_ACTOR: dict[str, int] = {
    s.name: s.crowd for s in SUB_TYPES.values() if s.crowd is not None
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

#: ACLED event types that are violent events (used for relevance scoring of
#: MUC-4, which codes terrorist incidents only).
VIOLENT_EVENT_TYPES = frozenset(t.name for t in TYPES.values() if t.violent)


def default_perpetrator(sub_event_type: str, groups: set[str]) -> tuple[str, int]:
    """The first actor ACLED codes for a *sub_event_type* of
    ``DEFAULT_PERPETRATOR`` whose text names none: an identity militia where the
    incident's cue *groups* tell violence between peoples, clans or communities,
    else the sub-event type's default (KeyError if it has none)."""
    default = DEFAULT_PERPETRATOR[sub_event_type]
    return next((a for g, a in CONTEXT_PERPETRATOR.items() if g in groups), default)


def event_type_of(sub_event_type: str) -> str:
    """Return the ACLED event type a sub-event type belongs to."""
    return SUB_EVENT_TYPES[sub_event_type]


