"""Is an act told as having happened, and as one incident?

News names violent acts it does not report: plans, threats, denials and
demands ("the FMLN must cease hostilities", "they promise to refrain from
attacks"), statements of a whole war or campaign ("the war, which has
resulted in 70,000 deaths over a 9-year period"), and the toll of accidents
("a cargo plane crashed, killing 17 people").  The pack's cue groups say
which words do this; the rules here say how they bind:

- a *modal* cue (``hypothetical``, ``future``, ``negation``) before the
  sentence's first strong act, or a *cessation* cue before its first act of
  any kind when the act it governs is violent ("refrain from attacks", not
  "the suspension of the truce"), makes the act unasserted, unless the
  sentence counts victims (a count is told as fact);
- a *habitual* cue makes a sentence no event unless it has a count or a date
  of its own (``generic`` and ``legal`` cues: unless an explicit date): a
  specific incident is told with one, a generalisation without;
- in a sentence naming an accident or disaster (``mishap``), the act words
  after it that also tell an outcome ("killing", "destroying", "exploded")
  are its outcome, and a casualty count there is no one's act.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from blotter.lang.lexicon import Hit

#: Cue groups that, before an act, say it did not (yet) happen.
MODAL_GROUPS = ("hypothetical", "future", "negation")
#: Cue groups of what must stop ("cease", "refrain from"): checked against every act.
CESSATION_GROUPS = ("cessation",)
#: Cue groups of statements that are not one incident of their own, unless
#: the sentence has an explicit date ...
UNDATED_GROUPS = ("generic", "legal")
#: ... and those that no date of any kind ("today", "on Sunday") leaves generic.
HABITUAL_GROUPS = ("habitual",)
#: The cue group of accidents and natural disasters.
MISHAP_GROUP = "mishap"
#: Act groups whose words also tell a mishap's outcome ("killing 17 people",
#: "destroying several homes", "the boiler exploded"); deliberate acts
#: (gunfire, kidnapping, shelling, protest...) are never a mishap's.
MISHAP_OUTCOME_GROUPS = ("attack", "loot", "blast")


def _first(hits: Mapping[str, Sequence[Hit]], groups: Iterable[str]) -> int | None:
    """Start of the first hit of *groups*, None if there is none."""
    return min((h.start for g in groups for h in hits.get(g, ())), default=None)


def _before(hits: Mapping[str, Sequence[Hit]], modal: Iterable[str], acts: Iterable[str]) -> bool:
    first_modal = _first(hits, modal)
    first_act = _first(hits, acts)
    return first_modal is not None and (first_act is None or first_modal <= first_act)


def unasserted(
    hits: Mapping[str, Sequence[Hit]],
    strong_groups: Iterable[str],
    act_groups: Iterable[str],
    counted: bool,
) -> bool:
    """True if the sentence's acts are planned, denied, hypothetical or to be stopped.

    *hits* are the sentence's cue hits, *strong_groups* the groups that name
    an act by themselves, *act_groups* every act group (weak ones too: an
    agreement signed "to put an end to raids" is asserted), *counted* whether
    the sentence counts victims or detainees.
    """
    if counted:
        return False
    if _before(hits, MODAL_GROUPS, strong_groups):
        return True
    return _ceased(hits, frozenset(strong_groups), tuple(act_groups))


def _ceased(
    hits: Mapping[str, Sequence[Hit]], strong: frozenset[str], act_groups: tuple[str, ...]
) -> bool:
    """A cessation cue before every act, whose object (the first act after it)
    is violent: "refrain from attacks", not "the suspension of the truce" (the
    violence after a truce is suspended is told as fact)."""
    if not _before(hits, CESSATION_GROUPS, act_groups):
        return False
    first = _first(hits, CESSATION_GROUPS) or 0
    after = sorted(
        (h.start, g in strong) for g in act_groups for h in hits.get(g, ()) if h.start >= first
    )
    return not after or after[0][1]


def habitual(
    hits: Mapping[str, Sequence[Hit]], counted: bool, explicit_date: bool, any_date: bool
) -> bool:
    """True if the sentence generalises: a generic or habitual cue, no count, no own date."""
    if counted:
        return False
    if not explicit_date and any(g in hits for g in UNDATED_GROUPS):
        return True
    return not any_date and any(g in hits for g in HABITUAL_GROUPS)


def drop_mishap_outcomes(
    hits: dict[str, list[Hit]],
    text: str = "",
    offset: int = 0,
    cause: re.Pattern[str] | None = None,
) -> None:
    """In a sentence naming an accident or disaster, drop the act cues that are
    its outcome: those after it ("crashed into homes, killing 17"), and those
    just before it that *cause* (the pack's ``detect.mishap_cause``) links to
    it ("were killed when a fire broke out"; *text* is the sentence, starting
    at *offset*).  An act told before it otherwise ("set ablaze a driver who
    had caused an accident") stays."""
    first = _first(hits, (MISHAP_GROUP,))
    if first is None:
        return
    mishaps = sorted(h.start for h in hits[MISHAP_GROUP])

    def outcome(hit: Hit) -> bool:
        if hit.start >= first:
            return True
        if cause is None:
            return False
        after = next(m for m in mishaps if m > hit.start)
        return cause.match(text[hit.end - offset : after - offset]) is not None

    for group in MISHAP_OUTCOME_GROUPS:
        kept = [h for h in hits.get(group, []) if not outcome(h)]
        if kept:
            hits[group] = kept
        else:
            hits.pop(group, None)


def mishap_toll(hits: Mapping[str, Sequence[Hit]], strong: bool) -> bool:
    """True if a casualty count of the sentence is an accident's (a mishap, no act)."""
    return not strong and MISHAP_GROUP in hits
