"""Cues read through the actor dictionary: wars between named groups (issue 12).

Kept apart from :mod:`blotter.stages.detect`, which calls them only for
sentences that hold the cue (one dictionary scan per such sentence).
"""

from __future__ import annotations

from blotter.document import Sentence
from blotter.fields.actors import find_actors
from blotter.lang import Locale
from blotter.lang.lexicon import Hit
from blotter.taxonomy import IDENTITY_MILITIAS, POLITICAL_MILITIAS, REBELS

#: A war or rivalry told between groups ("war between", "vs", "fight for"): the
#: pack's ``group_war`` group, read as fighting only where the sentence names
#: at least ``WAR_SIDES`` different non-state groups of the actor dictionary
#: (two sides make a war; "a trade war between", "Arsenal vs Chelsea" name none).
GROUP_WAR_GROUP = "group_war"
WAR_SIDES = 2
NON_STATE_GROUPS = frozenset({REBELS, POLITICAL_MILITIAS, IDENTITY_MILITIAS})


def named_groups(sentence: Sentence, locale: Locale | None) -> set[str]:
    """The different non-state groups of the actor dictionary *sentence* names."""
    return {
        m.entry.name
        for m in find_actors(sentence.text, sentence.start, locale)
        if m.entry.named and m.entry.inter in NON_STATE_GROUPS
    }


def group_war(hits: dict[str, list[Hit]], sentence: Sentence, locale: Locale | None) -> None:
    """Read ``group_war`` cues ("war between", "vs") as fighting where the
    sentence names two non-state groups ("Zetas and Golfos Fight for
    Fresnillo"), and drop the group."""
    wars = hits.pop(GROUP_WAR_GROUP, None)
    if not wars or len(named_groups(sentence, locale)) < WAR_SIDES:
        return
    fights = hits.get("fight", []) + [Hit("fight", h.start, h.end) for h in wars]
    hits["fight"] = sorted(fights, key=lambda h: h.start)
