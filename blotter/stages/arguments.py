"""Arguments: fill each incident's date, counts, actors, weapons, claim and certainty."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from blotter.document import Document, Sentence
from blotter.fields.actors import (
    ActorMention,
    conjoined_agent,
    find_actors,
    follows_reporting_verb,
    is_agent,
    is_responder,
    is_source,
    is_victim,
    theatre_actors,
    to_actor,
)
from blotter.fields.attributes import attribute_lexicons
from blotter.fields.casualties import (
    UNKNOWN_TOLL_VALUE,
    CountMention,
    claimed_losses,
    combine,
    has_split,
    listed_toll,
    own_figures,
    split_share,
)
from blotter.fields.claims import (
    DocumentAcronyms,
    Perpetrator,
    Role,
    best_perpetrator,
    denies,
    find_perpetrators,
)
from blotter.fields.dates import DateRef, find_dates, is_reporting_date
from blotter.fields.roles import EXCESSIVE, retype, unnamed_perpetrator
from blotter.lang import Locale, default_locale, locale_for
from blotter.record import Actor, Count, Event
from blotter.settings import Settings
from blotter.stages.detect import ARREST_GROUP, OBJECT_STOPS_KEY
from blotter.stages.fuse import UNDATED_NOTE
from blotter.stages.incident import Incident
from blotter.taxonomy import (
    CIVILIANS,
    CROWD_ACTOR,
    DEFAULT_PERPETRATOR,
    DEFAULT_TARGET,
    EXTERNAL,
    GENERIC_ACTORS,
    IDENTITY_MILITIAS,
    NO_TARGET,
    ORGANISED_ARMED,
    POLITICAL_MILITIAS,
    PROTESTERS,
    REBELS,
    RIOTERS,
    STATE_FORCES,
    STATE_SIDE,
    STATE_TARGETED,
    event_type_of,
)

#: Actor types that commit violence (state, rebels, militias, rioters, external).
ARMED_INTER = ORGANISED_ARMED | {RIOTERS}
#: Non-state armed actors (rebels, political militias, external forces): a clash or
#: roadside bomb of theirs with no named opponent was against the state's
#: forces (ACLED dev: 346 of 424 such clashes, 26 of 37 such IEDs).
NON_STATE_ARMED = frozenset({REBELS, POLITICAL_MILITIAS, EXTERNAL})
#: Remote violence usually has no second actor in ACLED unless the text says
#: who was hit (332 of 535 shelling events): only a named victim is taken.
TARGET_ONLY_IF_HIT: frozenset[str] = frozenset()
#: A named organisation outranks a generic description ("the cartel group")
#: of what is usually the same actor.
NAMED_BONUS = 4
#: The reporting source ("..., informó la Fiscalía", "according to police")
#: tells of the act and rarely did it: it loses to any mention not so told,
#: but a source that is the only candidate still stands (police said they
#: arrested ...).
SOURCE_PENALTY = 3
#: Who faces a protest's or riot's crowd as its second actor: police, troops
#: (at home or abroad), or a mob's victims.
FACING_CROWD = STATE_SIDE | {CIVILIANS}
#: Protest types whose first actor, when the text names no doer, is the crowd
#: itself: ACLED Kenya codes "a student is killed during protests" with the
#: protesters first (20 of 42 such notes have them first, the state the rest).
CROWD_IF_UNNAMED = frozenset({EXCESSIVE})
#: ACLED's arrests: a non-state group named in one and not told as the doer
#: ("A CJNG Leader Arrested", "El Marro arrested, leader of CSRL") is the
#: arrested party's (actor2), not the arrester; QSD or Taliban detaining people
#: stay actor1 (ACLED codes de facto authorities' arrests so).
ARRESTS = "Arrests"
ARRESTABLE_INTER = frozenset({REBELS, POLITICAL_MILITIAS, IDENTITY_MILITIAS})
#: The word after an arrest verb: its object's first word, unless a stop word.
_NEXT_WORD = re.compile(r"[ \t]*([\w'-]+)")
#: Sentences beyond an incident's claim window still read for its perpetrator
#: in a one-incident report (a closing "Note: ... claimed responsibility").
FAR_SENTENCES = 6
#: Sentences after an incident's last one where its claim or attribution is
#: still told ("Note: On 31 March, ETA claimed responsibility ...").
CLAIM_WINDOW = 2


def _arrested(
    mention: ActorMention, incident: Incident, stops: frozenset[str], agent: bool
) -> bool:
    """True if the group *mention* is the arrested party's in its sentence: it
    stands after the arrest and is not its doer ("Police arrest a CJNG leader";
    not "arrested by the Taliban"), or before an arrest verb with no object
    (a headline's passive: "A CJNG Leader Arrested in Silao", "... arrested";
    not "QSD forces detained two women").  *stops*: words that open no object
    (the pack's ``detect.object_stops``); *agent*: the context makes it the doer."""
    for sc in incident.cues:
        s = sc.sentence
        if not s.start <= mention.start < s.end:
            continue
        arrests = sc.hits.get(ARREST_GROUP, [])
        if any(h.end <= mention.start for h in arrests):
            return not agent
        after = [h for h in arrests if h.start >= mention.end]
        if not after:
            return False
        word = _NEXT_WORD.match(s.text, after[0].end - s.start)
        return word is None or word[1].lower() in stops
    return False


def incident_window(doc: Document, incident: Incident, after: int = -1) -> list[Sentence]:
    """The incident's sentences and up to CLAIM_WINDOW sentences either side of
    them, not reaching back past sentence *after* (the previous incident's last)."""
    first, last = incident.cues[0].sentence.index, incident.cues[-1].sentence.index
    lo = max(after + 1, first - CLAIM_WINDOW)
    return [s for s in doc.sentences if lo <= s.index <= last + CLAIM_WINDOW]


def incident_span(
    doc: Document, incident: Incident, incidents: list[Incident], after: int = -1
) -> list[Sentence]:
    """The sentences no other incident tells, around *incident*: from after
    sentence *after* (the previous incident's last) to before the next
    incident's first.  A claim told far from the act ("Note: On 13 June, the
    FLNC claimed responsibility for this and twenty other attacks") is still
    this incident's when no other incident stands between them."""
    first, last = incident.cues[0].sentence.index, incident.cues[-1].sentence.index
    later = [i.cues[0].sentence.index for i in incidents if i.cues[0].sentence.index > last]
    hi = min(later) - 1 if later else len(doc.sentences)
    lo = after + 1 if after >= 0 or first <= CLAIM_WINDOW else first - CLAIM_WINDOW
    lo = max(min(lo, first), first - CLAIM_WINDOW - FAR_SENTENCES)
    hi = min(hi, last + CLAIM_WINDOW + FAR_SENTENCES)
    return [s for s in doc.sentences if lo <= s.index <= hi]


class SentenceFinds:
    """One document's actor finds and bound perpetrators per sentence, each
    computed once: the dictionary scan serves the claims and actor1/actor2."""

    def __init__(self, locale: Locale, acronyms: Mapping[str, str]) -> None:
        self.locale = locale
        self.acronyms = acronyms
        self._actors: dict[int, list[ActorMention]] = {}
        self._bound: dict[int, list[Perpetrator]] = {}

    def actors(self, s: Sentence) -> list[ActorMention]:
        """The actor dictionary's finds in sentence *s*."""
        if s.index not in self._actors:
            self._actors[s.index] = find_actors(s.text, s.start, self.locale)
        return self._actors[s.index]

    def bound(self, s: Sentence) -> list[Perpetrator]:
        """The named groups sentence *s* makes the perpetrator."""
        if s.index not in self._bound:
            self._bound[s.index] = find_perpetrators(
                s.text, s.start, self.locale, self.acronyms, self.actors(s)
            )
        return self._bound[s.index]


class ArgumentExtractor:
    """Fill the fields of each detected event from its incident's sentences."""

    name = "arguments"
    #: reads one language: run on each language view of a bilingual bundle
    per_language = True
    requires = ("sentences", "header_date", "incidents", "events")
    assigns = ("events.arguments",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def process(self, docs: list[Document]) -> list[Document]:
        """Fill dates, counts, actors, weapons, claims and certainty."""
        for doc in docs:
            locale = locale_for(doc)
            if locale is None:  # no pack for its language: warned, nothing read
                continue
            incidents: list[Incident] = doc.incidents
            acronyms = DocumentAcronyms(doc.text, locale)
            previous = -1
            finds = SentenceFinds(locale, acronyms)
            for event, incident in zip(doc.events, incidents, strict=True):
                window = incident_window(doc, incident, previous)
                perpetrator = best_perpetrator([p for s in window for p in finds.bound(s)])
                if perpetrator is None and len(incidents) == 1:
                    span = incident_span(doc, incident, incidents, previous)
                    perpetrator = best_perpetrator([p for s in span for p in finds.bound(s)])
                previous = max(previous, incident.cues[-1].sentence.index)
                self.fill_date(doc, event, incident, locale)
                self.fill_counts(doc, event, incident, locale)
                mentions = [m for sc in incident.cues for m in finds.actors(sc.sentence)]
                named = self.fill_actors(doc, event, incident, locale, perpetrator, mentions)
                if self.retype(doc, event, incident, locale, mentions):
                    named = self.fill_actors(doc, event, incident, locale, perpetrator, mentions)
                self.fill_attributes(doc, event, incident, locale, perpetrator, named)
        return docs

    @staticmethod
    def retype(
        doc: Document,
        event: Event,
        incident: Incident,
        locale: Locale,
        mentions: list[ActorMention] | None = None,
    ) -> bool:
        """Type the event by its parties (:func:`blotter.fields.roles.retype`); True if
        the type changed, its actors cleared to be read again for the new type."""
        new = retype(event, incident, doc.text, locale, mentions)
        if new is None or new == event.sub_event_type:
            return False
        old = event.sub_event_type
        event.sub_event_type, event.event_type = new, event_type_of(new)
        event.actor1 = event.actor2 = None
        event.evidence = [e for e in event.evidence if e.field not in ("actor1", "actor2")]
        lines = {sc.sentence.index for sc in incident.cues}
        doc.mentions = [
            replace(m, sub_event_type=new) if m.sentence in lines and m.sub_event_type == old else m
            for m in doc.mentions
        ]
        return True

    @staticmethod
    def fill_date(
        doc: Document, event: Event, incident: Incident, locale: Locale | None = None
    ) -> None:
        """Date from the incident's own words, else the report's date.

        The report's date is the publication date, else (no metadata) its own
        dateline or header date, against which relative dates and weekdays are
        resolved; a reporting verb's date ("police said on Tuesday") gives way
        to another date of the incident's sentences.
        """
        published = doc.article.published
        header = doc.header_date  # detect read it (only for an article without a date)
        report = doc.report_date
        refs: list[DateRef] = []
        for sc in incident.cues:
            if published is None and header is not None:
                s = sc.sentence
                found = find_dates(s.text, report, s.start, locale)
                refs += [d for d in found if not (d.start < header.end and header.start < d.end)]
            else:
                refs += sc.dates
        # a reporting verb's date gives way; one of the report's own day ("sources
        # reported today") is every wire report's idiom and is kept (on MUC-4 dev,
        # dropping it merged two incidents of one text told on different days)
        own = [
            d
            for d in refs
            if d.value == report or not is_reporting_date(doc.text, d, 0, locale)
        ]
        when: DateRef | None = (own or refs)[0] if (own or refs) else incident.date
        if when is not None:
            # "in June" in a report of 23 June: the month is known, the day no
            # better than the report's
            day = report if when.holds(report) else when.value
            event.set_date(day, when.precision)
            event.date_note = when.note
            event.add_evidence("event_date", doc.text, when.start, when.end)
        elif incident.background:
            event.date_note = "background incident; its date is not stated"
        elif report is not None:
            event.set_date(report, 1)
            event.date_note = UNDATED_NOTE
        else:
            event.date_note = "no date in the text and no publication date known"
        if report is None and when is not None and not when.explicit:
            event.set_date(None, None)
            event.date_note = "relative date and no publication date known"

    @staticmethod
    def fill_counts(
        doc: Document, event: Event, incident: Incident, locale: Locale | None = None
    ) -> None:
        """Killed, injured and detained counts (UCDP best/low/high)."""
        mentions, unconfirmed = own_figures(
            [(sc.sentence.text, sc.sentence.start, sc.counts) for sc in incident.cues]
            + [(sc.sentence.text, sc.sentence.start, []) for sc in incident.context],
            locale,
        )
        #: the highest killed figure told, another source's or a claim's included: the
        #: UCDP high bound when the report's own figure is the best
        told_high = max((c.value for sc in incident.cues for c in sc.counts
                         if c.kind == "killed" and not c.toll), default=0)
        claim = next(
            (
                found
                for sc in incident.cues + incident.context
                if (found := claimed_losses(sc.sentence.text, sc.sentence.start, locale)
                    or listed_toll(sc.sentence.text, sc.sentence.start, locale))
            ),
            None,
        )
        if claim is not None:  # a side's claim of its enemy's losses: ACLED's share of it
            share = claim.share(doc.text)
            kept = [
                c for c in mentions
                if not (c.kind == "killed" and c.start < claim.end and claim.start < c.end)
            ]
            mentions = [*kept, CountMention("killed", share, False, "claimed",
                                            claim.start, claim.end, additional=True)]
        event.fatalities = combine(mentions, "killed")
        f = event.fatalities
        if f.best is not None and f.high is not None and told_high > f.high:
            event.fatalities = Count(best=f.best, low=f.low, high=told_high)
        if claim is not None:  # the claimed figure stays the high bound
            f = event.fatalities
            event.fatalities = Count(best=f.best, low=f.low, high=max(f.high or 0, claim.value))
        elif unconfirmed and (event.fatalities.best or 0) > UNKNOWN_TOLL_VALUE:
            f = event.fatalities  # only unconfirmed claims: ACLED's unverified figure
            event.fatalities = Count(
                best=UNKNOWN_TOLL_VALUE, low=min(f.low or 0, UNKNOWN_TOLL_VALUE), high=f.high
            )
        told = " ".join(sc.sentence.text for sc in incident.cues + incident.context)
        if has_split(told, locale) and (claim is None or claim.total is None):
            # (a listed toll's share is its split already)
            f = event.fatalities
            event.fatalities = Count(
                best=split_share(f.best, told, locale),
                low=split_share(f.low, told, locale),
                high=split_share(f.high, told, locale),
            )
        event.injuries = combine(mentions, "injured")
        event.detained = combine(mentions, "detained")
        for c in mentions:
            fld = {"killed": "fatalities", "injured": "injuries", "detained": "detained"}[c.kind]
            event.add_evidence(fld, doc.text, c.start, c.end)

    @staticmethod
    def fill_actors(
        doc: Document,
        event: Event,
        incident: Incident,
        locale: Locale | None = None,
        perpetrator: Perpetrator | None = None,
        mentions: list[ActorMention] | None = None,
    ) -> str | None:
        """Perpetrator (actor1) and target (actor2); returns actor1's name if it is
        a named group.

        A group the text binds as claimant or attributed author (*perpetrator*)
        is actor1; one bound only as agent replaces a generic actor1, or a named
        one the text does not make the doer.  Protests keep their crowd as
        actor1; a riot's crowd gives way to a group the text names as its author
        ("a car was burned by ETA").  *mentions* are the actor finds of the
        incident's sentences, if the caller has them.
        """
        text = doc.text
        if mentions is None:
            mentions = [
                m
                for sc in incident.cues
                for m in find_actors(sc.sentence.text, sc.sentence.start, locale)
            ]
        crowd = CROWD_ACTOR.get(event.sub_event_type)
        arrested: set[str] = set()
        if event.sub_event_type == ARRESTS:
            stops = (locale or default_locale()).word_set(OBJECT_STOPS_KEY)
            arrested = {
                m.entry.name
                for m in mentions
                if m.entry.inter in ARRESTABLE_INTER
                and _arrested(m, incident, stops, is_agent(text, m, locale=locale))
            }
            if perpetrator is not None and perpetrator.name in arrested:
                perpetrator = None
        # a riot's crowd gives way to a dictionary rebel group named as the author
        # (RDWTI dev: arson "by ETA", "FARC rebels torched" were typed riots by their
        # words and lost the group); other organisations named in riot notes stay
        # with the rioters (ACLED 2024 dev: "members of INC ... scuffled with police")
        if (
            crowd == RIOTERS
            and perpetrator is not None
            and perpetrator.known
            and perpetrator.inter == REBELS
        ):
            crowd = None  # an armed group's arson or attack, typed a riot by its words

        responders = (
            set()
            if event.sub_event_type == ARRESTS
            else {m.start for m in mentions if is_responder(text, m, locale)}
        )

        def agent_score(m: ActorMention) -> float:
            s = 0.0
            if m.entry.named:
                s += NAMED_BONUS
            if m.entry.inter in ARMED_INTER:
                s += 1
            if m.start in responders:
                s -= SOURCE_PENALTY  # who arrested after the act did not do it
            elif is_agent(text, m, locale=locale) or conjoined_agent(text, m, mentions, locale):
                s += 3
            if is_victim(text, m, locale=locale):
                s -= 3
            if follows_reporting_verb(text, m, locale):
                s -= SOURCE_PENALTY
            if crowd is not None and m.entry.inter == crowd:
                s += 5
            return s - m.start / 1e6

        actor1: ActorMention | None = None
        candidates = [m for m in mentions if m.entry.name not in arrested]
        if crowd is not None:
            # The crowd is the first actor of a protest or riot, named or not.
            candidates = [m for m in mentions if m.entry.inter == crowd]
        if candidates:
            best = max(candidates, key=agent_score)
            if agent_score(best) > 0:
                actor1 = best
        named: str | None = actor1.entry.name if actor1 is not None and actor1.entry.named else None
        bound = perpetrator is not None and crowd is None and (
            actor1 is None
            or perpetrator.role is not Role.AGENT
            or not actor1.entry.named
            or (
                perpetrator.known  # a dictionary group, not a capitalised name
                and (
                    not (
                        is_agent(text, actor1, locale=locale)
                        or conjoined_agent(text, actor1, mentions, locale)
                    )
                    or perpetrator.start < actor1.start  # the doer the report names first
                )
            )
        )
        if perpetrator is not None and bound:
            event.actor1 = Actor(perpetrator.name, perpetrator.inter)
            event.add_evidence("actor1", text, perpetrator.start, perpetrator.end)
            named = perpetrator.name
            if actor1 is not None and actor1.entry.name != perpetrator.name:
                actor1 = None  # the dictionary's pick may be the target: it competes below
        elif actor1 is not None:
            event.actor1 = to_actor(actor1)
            event.add_evidence("actor1", text, actor1.start, actor1.end)
        elif crowd is not None:
            kind = "protesters" if crowd == PROTESTERS else "rioters"
            event.actor1 = Actor(GENERIC_ACTORS[kind], crowd)
        sub = event.sub_event_type
        taken = event.actor1.name if event.actor1 is not None else None
        others = [m for m in mentions if m.entry.name != taken]
        if crowd is not None:
            # Only those who faced the crowd: police, troops, or a mob's victims.
            others = [m for m in others if m.entry.inter in FACING_CROWD or crowd == RIOTERS]
        if sub in NO_TARGET:
            others = []
        victims = [m for m in others if is_victim(text, m, locale=locale)]
        # a named group's act: the unnamed "assailant" or "gunmen" beside it are
        # its own men, not its target, unless the text makes them the victims
        named_doer = named is not None and event.actor1 is not None and event.actor1.name == named
        armed_generic = GENERIC_ACTORS["armed_group"]
        if not victims and sub not in TARGET_ONLY_IF_HIT:
            victims = [
                m
                for m in others
                if not is_source(text, m, locale)
                and m.start not in responders
                and not denies(text, m.start, m.end, locale)
                and not (named_doer and m.entry.name == armed_generic)
            ]
        if victims:
            target = victims[0]
            event.actor2 = to_actor(target)
            event.add_evidence("actor2", text, target.start, target.end)
        elif sub in DEFAULT_TARGET:
            event.actor2 = Actor(*DEFAULT_TARGET[sub])
        elif (
            incident.civilians
            and not incident.forces
            and sub not in NO_TARGET
            and (
                event.actor1.inter in ARMED_INTER
                if event.actor1 is not None
                else sub in DEFAULT_PERPETRATOR  # its unnamed doer is armed
            )
        ):
            # an armed actor's bomb "that killed 12 worshippers", a suicide blast
            # among "seven people, including three children": the told victims
            event.actor2 = Actor(GENERIC_ACTORS["civilians"], CIVILIANS)
        elif sub in STATE_TARGETED and event.actor1 and event.actor1.inter in NON_STATE_ARMED:
            event.actor2 = Actor(GENERIC_ACTORS["military"], STATE_FORCES)
        context = theatre_actors(" ".join(sc.sentence.text for sc in incident.cues), locale)
        if context is not None and event.actor1 is None:
            event.actor1 = Actor(*context[0])
        if event.actor1 is None and sub in CROWD_IF_UNNAMED:
            event.actor1 = Actor(GENERIC_ACTORS["protesters"], PROTESTERS)
        unnamed = event.actor1 is None or event.actor1.name == GENERIC_ACTORS["armed_group"]
        if unnamed and sub in DEFAULT_PERPETRATOR:
            # an unnamed perpetrator of armed violence (read after actor2, which
            # it must not move: a non-state actor1 would imply a state target);
            # "bandits" or "gunmen" in violence told as between communities are
            # its identity militia (the kind the inter code follows)
            event.actor1 = Actor(*unnamed_perpetrator(sub, incident))
        return named

    def fill_attributes(
        self,
        doc: Document,
        event: Event,
        incident: Incident,
        locale: Locale | None = None,
        perpetrator: Perpetrator | None = None,
        named: str | None = None,
    ) -> None:
        """Weapons, claim of responsibility and certainty.

        ``claimed_by`` is the group the claim names, else the event's named
        actor1 ("They took ownership ..."), else unset: never a generic name.
        """
        lex = attribute_lexicons(locale)
        text = doc.text
        for sc in incident.cues:
            s = sc.sentence
            for weapon, hits in lex.weapons.find(s.text, s.start).items():
                if weapon not in event.weapons:
                    event.weapons.append(weapon)
                    event.add_evidence("weapons", text, hits[0].start, hits[0].end)
        # Claims are often told in a later sentence than the act.
        claim_sents = [sc.sentence for sc in incident.cues]
        for sent in doc.sentences:
            if sent.index > claim_sents[-1].index + 2 or sent.index < claim_sents[0].index:
                continue
            verb = lex.claim_verb.search(sent.text)
            if not verb or lex.no_claim.search(sent.text):
                continue
            modes = lex.claim_modes.find(sent.text, sent.start)
            mode = next(
                (m for m in modes if m != "personal claim"), "personal claim" if modes else None
            )
            event.claim_mode = mode or "other"
            claimant = perpetrator.name if perpetrator and perpetrator.role is Role.CLAIM else named
            event.claimed_by = claimant
            event.add_evidence(
                "claimed_by", text, sent.start + verb.start(), sent.start + verb.end()
            )
            break
        else:
            if perpetrator is not None and perpetrator.role is Role.CLAIM:  # "claimed by X"
                sent = next(s for s in doc.sentences if s.start <= perpetrator.start < s.end)
                modes = lex.claim_modes.find(sent.text, sent.start)
                event.claim_mode = next(
                    (m for m in modes if m != "personal claim"),
                    "personal claim" if modes else "other",
                )
                event.claimed_by = perpetrator.name
                event.add_evidence("claimed_by", text, perpetrator.start, perpetrator.end)
        attributed = perpetrator is not None and perpetrator.role is Role.ATTRIBUTION
        certainty = "alleged" if attributed else "reported"
        for sc in incident.cues[:2]:
            found = lex.certainty.find(sc.sentence.text)
            if "alleged" in found:
                certainty = "alleged"
            elif "confirmed" in found and certainty == "reported":
                certainty = "confirmed"
        event.certainty = certainty
