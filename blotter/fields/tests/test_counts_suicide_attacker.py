"""Counts of session 15 (docs/rdwti.md): a suicide attacker's own death, which
GTD and ACLED count, when the text says he blew himself up or that the suicide
bomber struck. Sentences written here."""

from __future__ import annotations

import pytest

from blotter.fields.casualties import combine, find_counts


def killed(text: str) -> int | None:
    return combine(find_counts(text), "killed").best


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("A suicide bomber blew himself up outside a police station, wounding three.", 1),
        # where victims are counted, the count stands (GTD adds the bomber only at times)
        ("Six people were killed when a female suicide bomber blew herself up on a bus.", 6),
        ("A suicide bomber killed four policemen at a checkpoint.", 4),
        ("A suicide bomber blew himself up at the gate. No one else was hurt.", 1),
        ("A suicide car bomber detonated his vehicle near a market.", 1),
        # the attacker counted once: "killed himself and two others"
        ("A suicide bomber blew himself up, killing himself and two others.", 3),
    ],
)
def test_the_attackers_own_death(text: str, n: int) -> None:
    assert killed(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested a suicide bomber before he could blow himself up.",
        "A suicide bomber was shot by guards at the gate.",
        "A suicide bomber who tried to enter the base was arrested.",
    ],
)
def test_no_death_when_the_attack_did_not_happen(text: str) -> None:
    assert not killed(text)
