"""Fuse (within one document): finish actor names and merge repeated incidents.

An article often tells its main event twice (headline, lead, later recap);
incidents of the same type, date and place that are not background are merged
into one record.  Cross-article fusion is ``blotter.fusion``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from blotter.document import Document
from blotter.fields.actors import ActorMention, fill_country, find_actors, is_source, is_victim
from blotter.lang import Locale, default_locale, locale_for
from blotter.record import Actor, Count, Event
from blotter.relevance.confidence import event_evidence, score
from blotter.settings import Settings
from blotter.stages.detect import SHORT_REPORT_CHARS
from blotter.stages.language_parts import fold_views
from blotter.taxonomy import (
    EXTERNAL,
    GENERIC_ACTORS,
    IDENTITY_MILITIAS,
    POLITICAL_MILITIAS,
    REBELS,
    STATE_FORCES,
)

#: ``date_note`` of an event whose text gave no date of its own.
UNDATED_NOTE = "no date in the text; publication date used"


# ACLED codes a state's forces acting outside its own territory as external
# forces (EXTERNAL), e.g. Turkish forces in Syria.
STATE_PREFIXES = ("Military Forces of ", "Police Forces of ")


def foreign_state_inter(actor: Actor, country: str | None) -> int | None:
    """``inter`` of an actor, 8 for state forces acting outside their country."""
    if not country or actor.inter != STATE_FORCES or not actor.name.startswith(STATE_PREFIXES):
        return actor.inter
    home = actor.name.split(" of ", 1)[1]
    return actor.inter if home.startswith(country) else EXTERNAL


def same_incident(a: Event, b: Event) -> bool:
    """Two current events of one document that describe the same incident.

    An undated current mention ("Photos from the aftermath showed bodies in
    the street") of the same event type belongs to the article's main event.
    """
    if a.is_background or b.is_background or a.event_type != b.event_type:
        return False
    if b.date_note == UNDATED_NOTE:
        return True
    return a.event_date == b.event_date and (
        a.location.name == b.location.name or None in (a.location.name, b.location.name)
    )


def _merge_count(a: Count, b: Count) -> Count:
    """Merge two reports of one incident's count (the larger best; widest range)."""
    if not b.is_known():
        return a
    if not a.is_known():
        return b
    lows = [v for v in (a.low, b.low) if v is not None]
    highs = [v for v in (a.high, b.high) if v is not None]
    best = (
        max(v for v in (a.best, b.best) if v is not None)
        if (a.best, b.best) != (None, None)
        else None
    )
    return Count(best=best, low=min(lows) if lows else None, high=max(highs) if highs else None)


def unnamed_doer(actor: Actor | None) -> bool:
    """True for the unnamed perpetrator of armed violence (``Unidentified Armed
    Group (<country>)``), which a named one told of the same incident replaces."""
    return actor is not None and actor.name == GENERIC_ACTORS["armed_group"]


def merge_into(a: Event, b: Event) -> None:
    """Fold event *b* into *a*."""
    a.fatalities = _merge_count(a.fatalities, b.fatalities)
    a.injuries = _merge_count(a.injuries, b.injuries)
    a.detained = _merge_count(a.detained, b.detained)
    a.actor1 = a.actor1 or b.actor1
    if unnamed_doer(a.actor1) and b.actor1 is not None and "{country}" not in b.actor1.name:
        # session 14: the incident's other mention names the group ("A bomb exploded
        # ...  The ELN is believed to be behind the attack"): the named doer stands
        a.actor1 = b.actor1
    a.actor2 = a.actor2 or b.actor2
    a.weapons += [w for w in b.weapons if w not in a.weapons]
    if a.claimed_by is None:
        a.claimed_by, a.claim_mode = b.claimed_by, b.claim_mode
    a.evidence += [e for e in b.evidence if e not in a.evidence]
    a.confidence = max(a.confidence, b.confidence)


@lru_cache(maxsize=8)
def _group_anaphor(locale: Locale) -> re.Pattern[str]:
    """The pack's ``fuse.group_anaphor``: "the same cartel", "they" (an earlier act
    of the article's named perpetrator: "the group is also suspected of ...")."""
    return re.compile(locale.pattern("fuse.group_anaphor"), re.IGNORECASE)


def resolve_group_anaphora(doc: Document, events: list[Event]) -> None:
    """Give background incidents told of "the group" the main event's named perpetrator."""
    main = next((e for e in events if not e.is_background and e.actor1 is not None), None)
    if main is None or main.actor1 is None or "{country}" in main.actor1.name:
        return
    for event in events:
        if event is main or not event.is_background:
            continue
        if event.actor1 is not None and "{country}" not in event.actor1.name:
            continue  # a named perpetrator of its own
        starts = [span.start for span in event.evidence if span.field == "sentence"]
        told = " ".join(s.text for s in doc.sentences if any(s.start <= a < s.end for a in starts))
        if _group_anaphor(locale_for(doc) or default_locale()).search(told):
            event.actor1 = Actor(main.actor1.name, main.actor1.inter)
            event.certainty = "alleged"


@lru_cache(maxsize=8)
def _act_anaphor(locale: Locale) -> re.Pattern[str]:
    """The pack's ``fuse.act_anaphor``: "this attack" (the report's own act)."""
    return re.compile(locale.pattern("fuse.act_anaphor"), re.IGNORECASE)


def resolve_claim_anaphora(doc: Document, events: list[Event]) -> None:
    """Give the main event the claimant of a background incident that is a claim
    of "this attack" ("Note: On 13 May, a group calling itself The Anarchists
    claimed responsibility for this attack"): read as an incident of its own,
    dated by the claim, it names the report's own act, whose doer was unnamed."""
    main = next((e for e in events if not e.is_background), None)
    if main is None or not (main.actor1 is None or unnamed_doer(main.actor1)):
        return
    pattern = _act_anaphor(locale_for(doc) or default_locale())
    for event in events:
        if not event.is_background or event.claimed_by is None or event.actor1 is None:
            continue
        starts = [span.start for span in event.evidence if span.field == "sentence"]
        told = " ".join(s.text for s in doc.sentences if any(s.start <= a < s.end for a in starts))
        if pattern.search(told):
            main.actor1 = Actor(event.actor1.name, event.actor1.inter)
            main.claimed_by, main.claim_mode = event.claimed_by, event.claim_mode
            return


#: A text this short with several lines is a bundle of headlines of one story
#: (GED's headlines: "Seven Bodies Found in Guerrero" over "Caballeros
#: Templarios enter Guerrero"); an article's other paragraphs tell other things.
#: The length of detect's short report (``SHORT_REPORT_CHARS``). Text in
#: capitals is wire copy wrapped into lines (MUC-4: "CANDIDATE FOR THE
#: DISBANDED M-19 GUERRILLA GROUP" is the victim's group), never a bundle.
BUNDLE_CHARS = SHORT_REPORT_CHARS
#: Non-state groups a bundle's line can name as the story's armed group.
NON_STATE_ARMED = frozenset({REBELS, POLITICAL_MILITIAS, IDENTITY_MILITIAS})


def _bundle_group(doc: Document, events: list[Event]) -> ActorMention | None:
    """The one named non-state armed group a headline bundle names on lines that
    tell no event, not as a victim or a source ("Crece territorio del CJNG"
    under "12 Dead Bodies Found ..."), or None."""
    text = doc.text
    if len(text) > BUNDLE_CHARS or "\n" not in text.strip() or text.isupper():
        return None  # one line, an article, or wire copy in capitals (wrapped lines)
    told = [(e.start, e.end) for ev in events for e in ev.evidence if e.field == "sentence"]
    locale = locale_for(doc)
    found: dict[str, ActorMention] = {}
    for s in doc.sentences:
        if any(a < s.end and s.start < b for a, b in told):
            continue
        for m in find_actors(s.text, s.start, locale):
            if (
                m.entry.named
                and m.entry.inter in NON_STATE_ARMED
                and not is_victim(s.text, m, s.start, locale)
                and not is_source(text, m, locale)
            ):
                found.setdefault(m.entry.name, m)
    return next(iter(found.values())) if len(found) == 1 else None


def name_bundle_group(doc: Document, events: list[Event]) -> None:
    """Give a bundle's current events without a named perpetrator the group its
    other lines name (``_bundle_group``): the lines tell one story."""
    unnamed = [
        e for e in events
        if not e.is_background
        and (e.actor1 is None or ("{country}" in e.actor1.name
                                  and e.actor1.inter in NON_STATE_ARMED))
    ]
    if not unnamed:
        return
    group = _bundle_group(doc, events)
    if group is None:
        return
    for event in unnamed:
        if event.actor2 is not None and event.actor2.name == group.entry.name:
            continue
        event.actor1 = Actor(group.entry.name, group.entry.inter)
        event.add_evidence("actor1", doc.text, group.start, group.end)


class DocumentFuser:
    """Merge repeated incidents of a document and complete generic actor names."""

    name = "fuse"
    requires = ("sentences", "events.arguments")
    assigns = ("events.merged",)

    def __init__(self, settings: Settings | None = None) -> None:
        pass

    def process(self, docs: list[Document]) -> list[Document]:
        """Merge within each document, fill ``{country}`` in actor names, and score
        each event's confidence from its merged incidents and filled arguments."""
        for doc in docs:
            kept: list[Event] = []
            told: dict[int, list[Any]] = {}  # id(kept event) -> the incidents it tells
            paired = len(doc.incidents) == len(doc.events)
            for i, event in enumerate(doc.events):
                incidents = [doc.incidents[i]] if paired else []
                twin = next((k for k in kept if same_incident(k, event)), None)
                if twin is None:
                    kept.append(event)
                    told[id(event)] = incidents
                else:
                    merge_into(twin, event)
                    told[id(twin)] += incidents
            kept = fold_views(doc, kept)
            resolve_group_anaphora(doc, kept)
            resolve_claim_anaphora(doc, kept)
            name_bundle_group(doc, kept)
            for event in kept:
                for actor in (event.actor1, event.actor2):
                    if actor is not None:
                        actor.name = fill_country(actor.name, event.location.country)
                        actor.inter = foreign_state_inter(actor, event.location.country)
                if event.claimed_by is not None:
                    event.claimed_by = fill_country(event.claimed_by, event.location.country)
                if told[id(event)]:
                    event.confidence = score(event_evidence(event, told[id(event)]))
            doc.events = kept
        return docs
