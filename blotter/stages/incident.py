"""Incidents: what detect reads from each sentence (:class:`SentenceCues`), the
event sentences it groups as one incident (:class:`Incident`), and the rules
that read an incident as a whole (which kinds of act it tells, weapons and
fighting named only in passing, protest words that only react to an act).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from blotter.document import Sentence
from blotter.fields.casualties import CountMention
from blotter.fields.dates import DateRef
from blotter.lang.lexicon import ACT_GROUPS, STRONG_GROUPS, Hit
from blotter.relevance.assertion import (
    CESSATION_GROUPS,
    MODAL_GROUPS,
    habitual,
    mishap_toll,
    unasserted,
)

#: Qualifying cues that count even from a follow-up sentence that reports no
#: act of its own ("Police dispersed the crowd." after a protest).
CONTEXT_GROUPS = frozenset(
    {"intervention", "excessive", "riot", "fight", "gunfire", "civilian_target", "forces_target"}
)
#: A crowd's own acts: a protest against a trial or a court's ruling is still
#: a protest, so legal cues alone do not cancel these.
CROWD_ACT_GROUPS = ("protest", "mob")
#: Generic cues that tell a crowd act's grievance or reach when they come after
#: it ("residents protest after a spate of robberies", "nurses held
#: demonstrations across the country"), not a generalisation (the pack's
#: ``crowd_scope`` group, a subset of ``generic``; issue 12).
CROWD_SCOPE_GROUP = "crowd_scope"
GENERIC_GROUP = "generic"
#: Closing quotes and brackets after a sentence's last word.
QUOTE_CLOSERS = "\"'”’»)]"
#: Opening quotes: where a quotation that ends a sentence starts.
QUOTE_OPENERS = ("\"", "“", "«", "'")
#: Protest cues that only tell what was said ("condemning", "to demand"), and
#: the violent acts they react to: an incident with both and no other protest
#: cue is typed by the act (issue 12; the pack's ``protest_speech`` group).
SPEECH_PROTEST_GROUP = "protest_speech"
REACTED_ACT_GROUPS = frozenset(
    {"attack", "kidnap", "abduct", "gunfire", "ied", "blast", "shelling", "grenade", "sexual"}
)
#: Cue groups that make an undated sentence background: words about a party's
#: past ("known for", "the same group") and words setting the act in the past.
PAST_GROUP = "background_time"
BACKGROUND_GROUPS = ("background", PAST_GROUP)
#: Kinds of act that are told apart as separate incidents in a longer report:
#: a kidnapping told after a bombing is its own incident, not the bombing's
#: (issue 12: "separate incidents of one report stay separate").  A sentence
#: whose only kinds differ from every kind of the current incident starts a
#: new one; generic acts ("attack", "killed") have no kind and join the
#: incident they follow.  Fighting is no kind: a bombing or a kidnapping told
#: beside fighting is as often the battle's own act, and splitting them was
#: measured on MUC-4 to add more mistyped incidents than it freed (incident-type
#: F1 0.764 -> 0.760, precision 0.82 -> 0.79).
#: A killing told as a murder (the pack's ``slaying`` group: "murdered",
#: "assassinated") is a kind too (session 13), but only after a bombing: "a bomb
#: exploded at the power station" then "Shining Path members murdered four
#: peasants" are two incidents.  Not after a kidnapping: the murdered are mostly
#: the hostages ("kidnapped on Monday ... were murdered"), one incident.  And a
#: sentence of another kind told after a murder joins it: a bomb named then is
#: as often the murder's weapon ("was assassinated ... died when a bomb attached
#: to his car detonated"), its prelude or talk of other acts ("instead of bombing
#: neighbourhoods they resort to attacks on leaders"), which
#: :func:`passing_weapons` keeps from typing it.  Splitting there too was
#: measured: MUC-4 incident-type F1 +0.001, one single-incident count more, two
#: RDWTI incidents cut in two.
ACT_KINDS: dict[str, frozenset[str]] = {
    "explosive": frozenset({"ied", "suicide", "grenade"}),
    "kidnap": frozenset({"kidnap"}),
    "slaying": frozenset({"slaying"}),
}
SLAYING_KIND = "slaying"
#: The kinds a murder told after them is apart from.
SLAYING_APART_FROM = frozenset({"explosive"})


@dataclass
class SentenceCues:
    """What one sentence signals."""

    sentence: Sentence
    hits: dict[str, list[Hit]]
    dates: list[DateRef]
    counts: list[CountMention]
    label: str | None = None
    #: Set by the detector: in a sport, market or media text, every act cue of
    #: this sentence is one those texts use figuratively ("beat", "rally").
    figurative: bool = False
    #: Set by the detector: the act's agent or patient are companies, products,
    #: teams, markets or abstractions (:mod:`blotter.relevance.arguments`).
    abstract: bool = False
    #: Set by the detector: whether civilians, and whether armed forces, are the
    #: told victims of the sentence (:func:`victims`; None until it is read).
    told_victims: tuple[bool, bool] | None = None
    #: Set by the detector: a brief's undated arrest that names a non-state
    #: group ("A CJNG Leader Arrested in Silao"): the arrest is the report's news.
    named_arrest: bool = False
    #: Set by the detector: the sentence reports many incidents at once (a
    #: wave, a digest, a running toll: :mod:`blotter.stages.tally`); its counts
    #: are blanked.
    tally: bool = False

    @property
    def hedged(self) -> bool:
        """A modal, plan, future or denial cue anywhere in the sentence."""
        return self.has(*MODAL_GROUPS, *CESSATION_GROUPS)

    def has(self, *groups: str) -> bool:
        """True if any of *groups* was hit."""
        return any(g in self.hits for g in groups)

    @property
    def is_question(self) -> bool:
        """A question; one that ends a quotation asks only what the quotation
        holds ('he asked: "is it not enough to have launched an offensive?"'),
        not the report's acts before it ('police found her body -- "can you
        help me?"')."""
        text = self.sentence.text.rstrip()
        bare = text.rstrip(QUOTE_CLOSERS)
        if not bare.endswith("?"):
            return False
        if len(bare) == len(text):
            return True
        opened = max(bare.rfind(q) for q in QUOTE_OPENERS)
        start = self.sentence.start + max(opened, 0)
        return all(h.start >= start for g in STRONG_GROUPS for h in self.hits.get(g, ()))

    @property
    def is_unreal(self) -> bool:
        """A negated, hypothetical or future act: the modal comes before the act.

        "Rebels threatened to attack the town" is not an attack; "students held a
        protest against rules which would prolong the curfew" still is.
        """
        return unasserted(
            self.hits, STRONG_GROUPS, ACT_GROUPS, any(c.value for c in self.counts)
        )

    @property
    def is_event(self) -> bool:
        """A sentence that reports an act."""
        if self.label:
            return True
        if self.figurative or self.abstract or self.is_question:
            return False
        explicit = any(d.explicit for d in self.dates)
        hits = self.hits
        if self.has(*CROWD_ACT_GROUPS):
            hits = _crowd_scope_dropped(hits)
        if self.has(*CROWD_ACT_GROUPS) and GENERIC_GROUP not in hits:
            # a crowd's act told with a court's words is still one ("protest a trial")
            hits = {g: h for g, h in hits.items() if g != "legal"}
        if habitual(hits, bool(self.counts), explicit, bool(self.dates)):
            return False
        strong = any(g in self.hits for g in STRONG_GROUPS)
        violent_count = not mishap_toll(self.hits, strong) and any(
            c.value > 0 and c.kind in ("killed", "injured") for c in self.counts
        )
        weak = self.has("arrest", "disrupt", "base", "transfer", "movement", "agreement", "loot")
        return strong or violent_count or (weak and (bool(self.dates) or self.named_arrest))


def _crowd_scope_dropped(hits: dict[str, list[Hit]]) -> dict[str, list[Hit]]:
    """*hits* without the generic cues that are a crowd act's grievance or reach:
    ``crowd_scope`` words after the sentence's first crowd act cue."""
    first = min(h.start for g in CROWD_ACT_GROUPS for h in hits.get(g, ()))
    scope = {h.start for h in hits.get(CROWD_SCOPE_GROUP, ()) if h.start > first}
    if not scope:
        return hits
    generic = [h for h in hits.get(GENERIC_GROUP, ()) if h.start not in scope]
    out = {g: h for g, h in hits.items() if g != GENERIC_GROUP}
    if generic:
        out[GENERIC_GROUP] = generic
    return out


@dataclass
class Incident:
    """Event sentences grouped as one incident, before typing."""

    cues: list[SentenceCues] = field(default_factory=list)
    date: DateRef | None = None
    background: bool = False
    context: list[SentenceCues] = field(default_factory=list)
    #: Different sport, market and media cue words of the whole text.
    genre_words: int = 0
    #: Civilians / armed forces are the objects of its violence (set when typed).
    civilians: bool = False
    forces: bool = False

    @property
    def tally(self) -> bool:
        """Every sentence of the incident is a tally (:mod:`blotter.stages.tally`)."""
        return bool(self.cues) and all(sc.tally for sc in self.cues)

    def groups(self) -> set[str]:
        """Cue groups of the incident's sentences, plus qualifiers from its context."""
        found = {g for c in self.cues for g in c.hits}
        found |= {g for c in self.context for g in c.hits if g in CONTEXT_GROUPS}
        return found


#: Weapon groups that type an incident as remote violence ...
WEAPON_GROUPS = ("ied", "shelling", "airstrike", "air_attack", "grenade")
#: ... unless named only in passing: in an incident of at least this many
#: sentences, in none of its first sentence and in fewer than this share of them.
PASSING_MIN_SENTENCES = 3
#: Acts that type an incident once passing weapons are set aside; a crowd's
#: acts keep them (a protest with a bomb named beside it is no plain protest).
DIRECT_ACT_GROUPS = frozenset({"attack", "kidnap", "abduct", "gunfire", "fight", "clash", "sexual"})
CROWD_GROUPS = frozenset({"protest", "riot", "mob"})
PASSING_MAX_SHARE = 0.5


def report_own_event(incidents: list[Incident]) -> None:
    """A brief tells an event of its own: when every incident of it is
    background and the first is so only by words about a party ("a man suspected
    of being a thief was lynched", "police shoot dead the leader of a gang known
    for attacks"), not by a date before the report's or a word setting it in the
    past ("years ago"), that first incident is the report's event."""
    if not incidents or not all(i.background for i in incidents):
        return
    first = incidents[0]
    if first.date is None and not any(sc.has(PAST_GROUP) for sc in first.cues):
        first.background = False


def act_kinds(groups: set[str] | dict[str, list[Hit]]) -> set[str]:
    """The :data:`ACT_KINDS` that cue *groups* tell."""
    return {kind for kind, members in ACT_KINDS.items() if any(g in members for g in groups)}


def other_kind(incident: Incident, sc: SentenceCues) -> bool:
    """True if *sc* tells only kinds of act that *incident* does not tell."""
    told = act_kinds(sc.hits)
    if not told:
        return False
    before = act_kinds({g for c in incident.cues for g in c.hits})
    if before == {SLAYING_KIND}:  # another act told after a murder joins it
        return False
    if told == {SLAYING_KIND}:  # a murder told after another act
        return bool(before & SLAYING_APART_FROM)
    return bool(before) and not told & before


def passing_weapons(incident: Incident, groups: set[str]) -> set[str]:
    """Weapon groups a long incident names only in passing ("a string of
    murders ... and the bombings in the capital"), which do not type it when
    another violent act (killing, kidnapping, fighting) does and no explosion
    is told ("exploded", "blast": then the weapon was used)."""
    n = len(incident.cues)
    if n < PASSING_MIN_SENTENCES or not groups & DIRECT_ACT_GROUPS or "blast" in groups:
        return set()
    out = set()
    for group in WEAPON_GROUPS:
        where = [i for i, c in enumerate(incident.cues) if group in c.hits]
        if where and where[0] > 0 and len(where) < PASSING_MAX_SHARE * n:
            out.add(group)
    return out


def own_explosion(incident: Incident) -> bool:
    """True if the incident's own sentences tell an explosion ("a bomb
    exploded") and only its context sentences tell fighting."""
    own = {g for c in incident.cues for g in c.hits}
    return "blast" in own and "ied" in own and "fight" not in own


def passing_fight(incident: Incident) -> bool:
    """True if a long incident that opens with an explosive and tells it going
    off ("a powerful bomb exploded in a hotel") names fighting only in passing:
    in none of its first sentence and in fewer than ``PASSING_MAX_SHARE`` of
    them ("12 hours after a man was involved in a shoot-out").  The explosion
    types it, as the weapons of :func:`passing_weapons` do not type a killing."""
    n = len(incident.cues)
    if n < PASSING_MIN_SENTENCES or "ied" not in incident.cues[0].hits:
        return False
    if not any("blast" in c.hits for c in incident.cues):
        return False
    where = [i for i, c in enumerate(incident.cues) if "fight" in c.hits]
    return bool(where) and where[0] > 0 and len(where) < PASSING_MAX_SHARE * n


def reaction_only(incident: Incident) -> bool:
    """True if every protest cue of *incident* only tells what was said
    ("condemning the murder", "to demand the release"): no crowd, march or strike."""
    said = {
        (h.start, h.end) for c in incident.cues for h in c.hits.get(SPEECH_PROTEST_GROUP, [])
    }
    return bool(said) and all(
        (h.start, h.end) in said for c in incident.cues for h in c.hits.get("protest", [])
    )

