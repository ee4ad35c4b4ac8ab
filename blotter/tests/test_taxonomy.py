"""The taxonomy table: complete, consistent, and the one place types are described."""

from __future__ import annotations

from blotter import taxonomy
from blotter.taxonomy import (
    CROWD_ACTOR,
    DEFAULT_TARGET,
    DISORDER_TYPES,
    EVENT_TYPES,
    NO_TARGET,
    STATE_TARGETED,
    SUB_EVENT_TYPES,
    SUB_TYPES,
    TARGET_KINDS,
    TYPE_FAMILIES,
    TYPES,
)


def test_acled_has_six_types_and_twenty_five_sub_types() -> None:
    assert len(TYPES) == 6 and len(SUB_TYPES) == 25
    assert sum(len(subs) for subs in EVENT_TYPES.values()) == 25


def test_every_sub_type_names_a_known_type_and_target() -> None:
    for sub in SUB_TYPES.values():
        assert sub.event_type in TYPES, sub
        assert sub.target in TARGET_KINDS, sub
        assert sub.crowd in (None, 5, 6), sub


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
