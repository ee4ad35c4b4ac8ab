"""The taxonomy table: complete, consistent, and the one place types are described."""

from __future__ import annotations

from blotter import taxonomy
from blotter.lang import available_languages, load_locale
from blotter.taxonomy import (
    CIVILIANS,
    CROWD_ACTOR,
    CROWDS,
    DEFAULT_TARGET,
    DISORDER_TYPES,
    EVENT_TYPES,
    EXTERNAL,
    GENERIC_INTER,
    IDENTITY_MILITIAS,
    INTER,
    INTER_CODES,
    NO_TARGET,
    ORGANISED_ARMED,
    POLITICAL_MILITIAS,
    PROTESTERS,
    REBELS,
    RIOTERS,
    STATE_FORCES,
    STATE_SIDE,
    STATE_TARGETED,
    SUB_EVENT_TYPES,
    SUB_TYPES,
    TARGET_KINDS,
    TYPE_FAMILIES,
    TYPES,
)

#: The engine's names of ACLED's actor types, in codebook order.
NAMED_CODES = (
    STATE_FORCES,
    REBELS,
    POLITICAL_MILITIAS,
    IDENTITY_MILITIAS,
    RIOTERS,
    PROTESTERS,
    CIVILIANS,
    EXTERNAL,
)


def test_acled_has_six_types_and_twenty_five_sub_types() -> None:
    assert len(TYPES) == 6 and len(SUB_TYPES) == 25
    assert sum(len(subs) for subs in EVENT_TYPES.values()) == 25


def test_every_sub_type_names_a_known_type_and_target() -> None:
    for sub in SUB_TYPES.values():
        assert sub.event_type in TYPES, sub
        assert sub.target in TARGET_KINDS, sub
        assert sub.crowd is None or sub.crowd in CROWDS, sub


def test_every_table_keyed_by_type_covers_every_type() -> None:
    for table in (DISORDER_TYPES, TYPE_FAMILIES):
        assert set(table) == set(TYPES)
    assert set(SUB_EVENT_TYPES) == set(SUB_TYPES)


def test_every_table_keyed_by_sub_type_uses_only_known_sub_types() -> None:
    tables = {
        name: value
        for name, value in vars(taxonomy).items()
        if name.isupper() and isinstance(value, (dict, frozenset)) and value
    }
    for name, table in tables.items():
        keys = set(table)
        if keys & set(SUB_TYPES):
            assert keys <= set(SUB_TYPES), (name, keys - set(SUB_TYPES))
    # each sub-type has exactly one target behaviour
    for sub in SUB_TYPES:
        kinds = [sub in DEFAULT_TARGET, sub in STATE_TARGETED, sub in NO_TARGET]
        assert sum(kinds) <= 1, sub
    assert set(CROWD_ACTOR) <= {s for s, t in SUB_EVENT_TYPES.items() if t in ("Protests", "Riots")}


def test_acled_s_eight_actor_types_each_have_one_name_and_code() -> None:
    assert list(NAMED_CODES) == list(range(1, 9))  # the codebook's 1..8, in its order
    assert set(INTER.values()) == set(INTER_CODES) == set(NAMED_CODES)
    assert len(set(INTER.values())) == len(INTER)


def test_the_actor_type_groups_are_what_their_names_say() -> None:
    assert STATE_FORCES in ORGANISED_ARMED and EXTERNAL in ORGANISED_ARMED
    assert not ORGANISED_ARMED & CROWDS and CIVILIANS not in ORGANISED_ARMED | CROWDS
    assert STATE_SIDE <= ORGANISED_ARMED


def test_every_generic_actor_and_crowd_codes_a_known_actor_type() -> None:
    assert set(GENERIC_INTER.values()) <= set(INTER_CODES)
    assert set(CROWD_ACTOR.values()) == CROWDS
    assert GENERIC_INTER["civilians"] == CIVILIANS and GENERIC_INTER["police"] == STATE_FORCES


def test_every_pack_dictionary_codes_a_known_actor_type() -> None:
    for code in available_languages():
        bad = [a.name for a in load_locale(code).actors if a.inter not in INTER_CODES]
        assert not bad, (code, bad[:5])
