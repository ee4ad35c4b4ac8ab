"""Typing by roles: who acts on whom decides a clash, an attack, a riot or a protest.

The decision list of :func:`blotter.stages.detect.classify` types an incident
from its cue words; ACLED's codebook types it from its parties.  Once the
actors are read (:mod:`blotter.stages.arguments`), :func:`retype` corrects the
cue type where the parties say otherwise:

- an *armed clash* in which no armed non-state party takes part and a crowd
  (students, traders, supporters) fights the police, or two crowds fight, is
  a riot: a violent demonstration when it was a protest or riot, else mob
  violence;
- an *armed clash* whose only named victims are civilians, with no fighting
  both ways, is an attack on civilians;
- a *protest* in which the protesters themselves burn, block, stone or fight
  is a violent demonstration;
- an *attack* done by a crowd is mob violence, and *mob violence* done by an
  armed party with no crowd acting is its attack (or clash).

The words are the pack's (``patterns.toml [roles]``); no rule names a source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from blotter.fields.actors import (
    ActorMention,
    actor_patterns,
    find_actors,
    is_agent,
    is_responder,
    is_victim,
)
from blotter.lang import Locale, per_locale
from blotter.lang.lexicon import cue_lexicon
from blotter.record import Count, Event
from blotter.stages.detect import classify, detect_patterns, victims
from blotter.stages.incident import Incident, SentenceCues
from blotter.taxonomy import (
    CIVILIANS,
    CONTEXT_PERPETRATOR,
    CROWDS,
    ORGANISED_ARMED,
    POLITICAL_MILITIAS,
    REBELS,
    STATE_FORCES,
    default_perpetrator,
)

#: ACLED actor types that bear arms: state forces, rebels, political and
#: identity militias, rioters aside, external forces.
ARMED = ORGANISED_ARMED
#: The character before a path segment of a web address.
URL_PATH = "/"
#: Characters after a state force read for its being hit ("police were ambushed
#: on the road to ...") and for its finding the dead ("police found the bodies
#: of ..."): a clause, not the rest of the sentence.
HIT_CONTEXT_CHARS = 80
FINDER_CONTEXT_CHARS = 60
#: Armed parties other than the state's forces: where one takes part, a fight
#: is not a riot.
NON_STATE_ARMED = ORGANISED_ARMED - {STATE_FORCES}
#: Organised armed groups whose members, told as the hit party, make a battle.
NAMED_ARMED_GROUPS = frozenset({REBELS, POLITICAL_MILITIAS})
#: The crowd's own actor types (rioters, protesters) and civilians.
CROWD = CROWDS | {CIVILIANS}
#: The protest sub-event type of harm done to peaceful protesters.
EXCESSIVE = "Excessive force against protesters"
#: The protest sub-event types of a protest left alone and of one physically
#: stopped or dispersed (ACLED codebook, Protests).
PEACEFUL = "Peaceful protest"
INTERVENTION = "Protest with intervention"
#: Sub-event types of a protest that a crowd's own violence makes a riot.
PROTEST_SUBS = frozenset({PEACEFUL, INTERVENTION, EXCESSIVE})
#: Cue groups of a protest or riot (the riot is then a violent demonstration).
DEMONSTRATION_GROUPS = frozenset({"protest", "riot"})
#: Cue groups that tell violence between peoples, clans or communities: their
#: armed men are identity militias (ACLED codebook, inter 4), so their fighting
#: is an armed clash, not a riot (Kenya: 10 of 17 such "mob violence" notes are
#: clashes, 2 mob violence).
IDENTITY_GROUPS = frozenset(CONTEXT_PERPETRATOR)
@dataclass(frozen=True)
class RolePatterns:
    """One pack's role patterns (``patterns.toml [roles]``), compiled."""

    crowd_agent: re.Pattern[str]
    crowd_clash: re.Pattern[str]
    crowd_violence: re.Pattern[str]
    not_crowd_violence: re.Pattern[str]
    mutual: re.Pattern[str]
    civilian_harm: re.Pattern[str]
    hit_after: re.Pattern[str]
    finder_after: re.Pattern[str]
    not_member_after: re.Pattern[str]
    group_hit_after: re.Pattern[str]
    protest_harm: re.Pattern[str]
    protest_grievance: re.Pattern[str]
    crowd_reaction: re.Pattern[str]
    demonstrating: re.Pattern[str]
    mob_justice: re.Pattern[str]
    rioting: re.Pattern[str]
    protest_stopped: re.Pattern[str]


@per_locale
def role_patterns(loc: Locale) -> RolePatterns:
    """The compiled role patterns of *loc* (default pack if None)."""
    p = loc.pattern
    return RolePatterns(
        re.compile(p("roles.crowd_agent"), re.IGNORECASE),
        re.compile(p("roles.crowd_clash"), re.IGNORECASE),
        re.compile(p("roles.crowd_violence"), re.IGNORECASE),
        re.compile(p("roles.not_crowd_violence"), re.IGNORECASE),
        re.compile(p("roles.mutual"), re.IGNORECASE),
        re.compile(p("roles.civilian_harm"), re.IGNORECASE),
        re.compile(p("roles.hit_after"), re.IGNORECASE),
        re.compile(p("roles.finder_after"), re.IGNORECASE),
        re.compile(p("roles.not_member_after"), re.IGNORECASE),
        re.compile(p("roles.group_hit_after"), re.IGNORECASE),
        re.compile(p("roles.protest_harm"), re.IGNORECASE),
        re.compile(p("roles.protest_grievance"), re.IGNORECASE),
        re.compile(p("roles.crowd_reaction"), re.IGNORECASE),
        re.compile(p("roles.demonstrating"), re.IGNORECASE),
        re.compile(p("roles.mob_justice"), re.IGNORECASE),
        re.compile(p("roles.rioting"), re.IGNORECASE),
        re.compile(p("roles.protest_stopped"), re.IGNORECASE),
    )


def _inter(actor: object) -> int | None:
    return getattr(actor, "inter", None)


def retype(
    event: Event,
    incident: Incident,
    text: str,
    locale: Locale | None = None,
    mentions: list[ActorMention] | None = None,
) -> str | None:
    """The sub-event type the parties make of *event*, or None to keep its type
    (*mentions*: the actor finds of the incident's sentences, if the caller has them)."""
    pats = role_patterns(locale)
    sub = event.sub_event_type
    told = " ".join(sc.sentence.text for sc in incident.cues)
    groups = incident.groups()
    if mentions is None:
        mentions = [
            m
            for sc in incident.cues
            for m in find_actors(sc.sentence.text, sc.sentence.start, locale)
        ]
    # the first actor the text names (a default "unidentified armed group" is none)
    a1 = _inter(event.actor1) if any(e.field == "actor1" for e in event.evidence) else None
    if sub in PROTEST_SUBS or (sub == "Violent demonstration" and "protest" in groups):
        if _crowd_violence(incident.cues + incident.context, pats):
            if (
                _not_demonstrating(incident, text, pats)
                and ("mob" in groups or pats.crowd_agent.search(told))
                and not pats.demonstrating.search(told)
            ):
                return "Mob violence"
            return "Violent demonstration"
        if sub in PROTEST_SUBS:
            return _protest_met(event, sub, incident.cues + incident.context, pats)
        if any(sc.label for sc in incident.cues):
            return None
        # the riot words tell the protest's grievance, a symbol or a denial
        return classify(groups - {"riot"}, None, incident.civilians, incident.forces)
    crowd_acts = bool(pats.crowd_agent.search(told))
    told_groups = {g for sc in incident.cues + incident.context for g in sc.hits}
    identity = bool(IDENTITY_GROUPS & told_groups)
    if (
        sub == "Mob violence"
        and identity
        and not groups & DEMONSTRATION_GROUPS
        and not pats.mob_justice.search(told)
    ):
        return "Armed clash"
    armed_agents = [
        m
        for m in mentions
        if m.entry.inter in NON_STATE_ARMED
        and not is_victim(text, m, locale=locale)
    ]
    if sub == "Armed clash":
        if not identity and not any(m.entry.inter in NON_STATE_ARMED for m in mentions) and (
            crowd_acts
            or pats.crowd_clash.search(told)
            or any(m.entry.inter in CROWDS for m in mentions)
        ):
            return "Violent demonstration" if groups & DEMONSTRATION_GROUPS else "Mob violence"
        if not identity and not armed_agents and _rioting(incident.cues, pats):
            # session 14: a clash told as a riot ("two die in riots and clashes
            # with police", "rioting; police intervened, shooting dead 9") with no
            # armed non-state doer is the rioters' (ACLED codebook, Riots)
            return "Violent demonstration"
        if pats.mutual.search(told):
            return None
        if pats.civilian_harm.search(told) or _civilians_hit(incident, locale):
            return "Attack"
        if "fight" not in groups and _one_sided(text, mentions, incident, locale):
            return "Attack"
        if (
            "fight" not in groups
            and identity
            and _one_sided(text, mentions, incident, locale, state_only=False)
        ):
            # session 13: one armed party, not hit, in violence told as between
            # communities or with civilians named ("Toposa militia attacks Turkana
            # herdsmen"): the codebook's violence against civilians
            return "Attack"
        if "fight" not in groups and _bystanders_only(text, mentions, incident, locale):
            # session 15: the only armed parties arrested after the act ("Police
            # arrested three suspects after a shooting left two dead"): no party
            # fought, an attack by whoever did it
            return "Attack"
        return None
    if (
        sub == "Attack"
        and not pats.civilian_harm.search(told)
        and _armed_group_hit(text, mentions, pats, locale)
    ):
        return "Armed clash"
    unarmed = (a1 is None or a1 in CROWD) and not armed_agents
    if sub == "Attack" and unarmed and _rioting(incident.cues, pats):
        return "Violent demonstration"
    if sub == "Attack" and crowd_acts and unarmed:
        return "Mob violence"
    if sub == "Mob violence" and not crowd_acts and not pats.mutual.search(told):
        # session 15: not when the fighting went both ways ("police and military
        # forces clashed with them"): the crowd fought the armed party
        agents = [
            m for m in mentions if m.entry.inter in ARMED and is_agent(text, m, locale=locale)
        ]
        if agents and not any(m.entry.inter in CROWDS for m in mentions):
            return "Attack"
    return None


def _protest_met(
    event: Event, sub: str, sentences: list[SentenceCues], pats: RolePatterns
) -> str | None:
    """A peaceful protest's type by what was done to it: people killed or
    injured at it (a count, and harm told as done at the protest, not as its
    grievance) make excessive force against protesters (ACLED codebook,
    Protests).  A detained count is not read for an intervention: most
    arrests told in protest notes are the grievance ("against the arrest of
    ... He was arrested in ...": ACLED dev, 117 peaceful protests)."""
    if sub == EXCESSIVE:
        return None
    if (_told(event.fatalities) or _told(event.injuries)) and _protest_harmed(sentences, pats):
        return EXCESSIVE
    if sub == PEACEFUL and any(pats.protest_stopped.search(sc.sentence.text) for sc in sentences):
        return INTERVENTION  # physically stopped by police or guards
    return None


def _not_demonstrating(incident: Incident, text: str, pats: RolePatterns) -> bool:
    """True if every protest cue of the incident tells only the police's
    dispersal of a crowd or a rally the crowd faced: no one demonstrated."""
    hits = [h for sc in incident.cues + incident.context for h in sc.hits.get("protest", [])]
    return bool(hits) and all(pats.crowd_reaction.fullmatch(text[h.start : h.end]) for h in hits)


def _protest_harmed(sentences: list[SentenceCues], pats: RolePatterns) -> bool:
    """True if a sentence tells harm done at the protest with no grievance
    word before it in the sentence."""
    for sc in sentences:
        text = sc.sentence.text
        for m in pats.protest_harm.finditer(text):
            if not pats.protest_grievance.search(text, 0, m.start()):
                return True
    return False


def _told(count: Count | None) -> bool:
    """True if *count* states a number of people (its best or lowest figure)."""
    return count is not None and bool(count.best or count.low)


def unnamed_perpetrator(sub: str, incident: Incident) -> tuple[str, int]:
    """ACLED's first actor for an incident of *sub* (a sub-event type with a
    default perpetrator) whose text names none: its cue groups and those of its
    context sentences decide the kind (:func:`blotter.taxonomy.default_perpetrator`)."""
    groups = {g for sc in incident.cues + incident.context for g in sc.hits}
    return default_perpetrator(sub, groups)


def _rioting(sentences: list[SentenceCues], pats: RolePatterns) -> bool:
    """True if these sentences tell a riot by the crowd: a riot word outside every
    grievance, symbol, police-unit or denial span ("riot police" is none).
    Rioters, not an armed group, did an attack told so (ACLED codebook, Riots;
    Kenya: 30 of 37 such "attacks" are riots)."""
    for sc in sentences:
        text = sc.sentence.text
        if _outside_denials(text, [m.start() for m in pats.rioting.finditer(text)], pats):
            return True
    return False


def _crowd_violence(sentences: list[SentenceCues], pats: RolePatterns) -> bool:
    """True if these sentences tell the crowd's own violence: a riot cue or a
    crowd-violence phrase outside every grievance, symbol or denial span."""
    for sc in sentences:
        text, offset = sc.sentence.text, sc.sentence.start
        found = [(h.start - offset) for h in sc.hits.get("riot", [])]
        found += [m.start() for m in pats.crowd_violence.finditer(text)]
        if _outside_denials(text, found, pats):
            return True
    return False


def _outside_denials(text: str, found: list[int], pats: RolePatterns) -> bool:
    """True if one of the offsets *found* in *text* lies outside every grievance,
    symbol, police-unit or denial span (``not_crowd_violence``)."""
    if not found:
        return False
    spans = [m.span() for m in pats.not_crowd_violence.finditer(text)]
    return any(not any(a <= at < b for a, b in spans) for at in found)


def _one_sided(
    text: str,
    mentions: list[ActorMention],
    incident: Incident,
    locale: Locale | None,
    state_only: bool = True,
) -> bool:
    """True if the state's forces alone are named, they are not hit, and no
    armed force is the told victim: violence against whoever they struck, not
    a clash.  Only the state's: a rebel or militia raid that names no victim
    is, in state-based conflict data (UCDP GED), part of a battle."""
    armed = [m for m in mentions if m.entry.inter in ARMED]
    pats = role_patterns(locale)
    if any(text[max(0, m.start - 1) : m.start] == URL_PATH for m in armed):
        return False  # a word of a web address (".../policia/matan-...") is no party
    if len({m.entry.name for m in armed}) != 1 or (
        state_only and armed[0].entry.inter != STATE_FORCES
    ) or any(
        is_victim(text, m, locale=locale)
        or pats.hit_after.match(text[m.end : m.end + HIT_CONTEXT_CHARS])
        or pats.finder_after.match(text[m.end : m.end + FINDER_CONTEXT_CHARS])
        for m in armed
    ):
        return False
    return _only_these_armed(armed, incident, locale)


def _only_these_armed(
    armed: list[ActorMention], incident: Incident, locale: Locale | None
) -> bool:
    """True if no armed force is named outside the *armed* mentions' own words
    ("fired at the positions") and no victim is told."""
    spans = [(m.start, m.end) for m in armed]
    for sc in incident.cues:
        if any(
            not any(a <= h.start < b for a, b in spans) for h in sc.hits.get("forces_target", [])
        ):
            return False
    return not any(_told_victims(sc, locale)[1] for sc in incident.cues)


def _bystanders_only(
    text: str,
    mentions: list[ActorMention],
    incident: Incident,
    locale: Locale | None,
) -> bool:
    """True if armed parties are named, each only as one who arrested after the
    act (:func:`blotter.fields.actors.is_responder`), no other armed word is read
    and no armed force is the told victim: the responders are neither side of a
    fight.  Not finders ("police find 8 bodies"): UCDP GED codes the bodies of
    cartel violence as part of a battle (ged_mexico_dev lost 11), and
    ``finder_after``'s "reported" is also "six rebels reported killed"."""
    armed = [m for m in mentions if m.entry.inter in ARMED]
    if not armed or not all(is_responder(text, m, locale) for m in armed):
        return False
    return _only_these_armed(armed, incident, locale)


def _armed_group_hit(
    text: str, mentions: list[ActorMention], pats: RolePatterns, locale: Locale | None
) -> bool:
    """True if a named rebel group or political militia is told as the party hit
    ("2 Mungiki suspects killed by police", "3 suspected SLDF militia killed"):
    fighting between armed parties, a battle (codebook), unless its words make
    the victim no member ("a suspected X returnee", "an X sympathiser")."""
    for m in mentions:
        if m.entry.inter not in NAMED_ARMED_GROUPS or not m.entry.named:
            continue
        after = text[m.end : m.end + HIT_CONTEXT_CHARS]
        if pats.not_member_after.match(after):
            continue
        if actor_patterns(locale).victim_after.match(after) or pats.group_hit_after.match(after):
            return True  # told as hit after its name (the words before it are loose)
    return False


def _civilians_hit(incident: Incident, locale: Locale | None) -> bool:
    """True if the incident's told victims (objects, passive subjects) are
    civilians and none is an armed party."""
    hit = [_told_victims(sc, locale) for sc in incident.cues]
    return any(c for c, _ in hit) and not any(f for _, f in hit)


def _told_victims(sc: SentenceCues, locale: Locale | None) -> tuple[bool, bool]:
    """(civilians, armed forces) told as the victims of *sc*: the detector's
    reading, read here only for cues the detector did not see."""
    if sc.told_victims is None:
        sc.told_victims = victims(cue_lexicon(locale), sc.sentence.text, detect_patterns(locale))
    return sc.told_victims
