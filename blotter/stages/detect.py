"""Detect: find event sentences, group them into incidents and type them.

A sentence is an event sentence when its cues (``lexicon/cues.toml``) signal
an act of the ACLED taxonomy.  Consecutive event sentences form one incident
until a sentence names a different date or turns to background ("in 2015 the
same group ...").  Each incident is typed by :func:`classify`, a decision list
over the cue groups present, written from ACLED's codebook definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from blotter.document import Document, Mention, Sentence
from blotter.fields.casualties import CountMention, find_counts
from blotter.fields.dates import DateRef, find_dates
from blotter.lexicon import CueLexicon, Hit, cue_lexicon
from blotter.record import Event
from blotter.settings import Settings
from blotter.taxonomy import event_type_of

#: Cue groups that by themselves name an act (the rest only qualify one).
ACT_GROUPS = (
    "protest", "riot", "mob", "airstrike", "shelling", "ied", "grenade", "suicide", "chemical", "clash",
    "regain", "overtake", "attack", "abduct", "sexual", "arrest", "loot", "disrupt", "base", "agreement",
    "transfer",
)
#: Acts strong enough to make a sentence an event sentence on their own; the
#: weak ones ("change", "agreement", "arrest") need an ACLED-style label or a
#: casualty count as well, or every political story would be an event.
STRONG_GROUPS = frozenset(ACT_GROUPS) - {"agreement", "base", "transfer", "disrupt", "arrest"}
#: ACLED coders' notes open with a label for some sub-event types.
LABELS = {
    "arrests": "Arrests",
    "property destruction": "Looting/property destruction",
    "looting": "Looting/property destruction",
    "land seizure": "Looting/property destruction",
    "security measures": "Change to group/activity",
    "movement of forces": "Change to group/activity",
    "change to armed group": "Change to group/activity",
    "detonation": "Disrupted weapons use",
    "weapons seizure": "Disrupted weapons use",
    "defusal": "Disrupted weapons use",
    "interception": "Disrupted weapons use",
    "explosive remnants of war": "Remote explosive/landmine/IED",
    "headquarters or base established": "Headquarters or base established",
    "non-violent transfer of territory": "Non-violent transfer of territory",
    "agreement": "Agreement",
    "other": "Other",
}
LABEL_RE = re.compile(r"^\s*(?P<label>" + "|".join(map(re.escape, LABELS)) + r")\s*:", re.IGNORECASE)
#: Confidence of an incident typed from one weak cue; each further act cue adds
#: CONFIDENCE_STEP up to CONFIDENCE_MAX (a calibrated model is future work).
CONFIDENCE_BASE = 0.45
CONFIDENCE_STEP = 0.1
CONFIDENCE_MAX = 0.95


@dataclass
class SentenceCues:
    """What one sentence signals."""

    sentence: Sentence
    hits: dict[str, list[Hit]]
    dates: list[DateRef]
    counts: list[CountMention]
    label: str | None = None

    def has(self, *groups: str) -> bool:
        """True if any of *groups* was hit."""
        return any(g in self.hits for g in groups)

    @property
    def is_event(self) -> bool:
        """A sentence that reports an act."""
        if self.label:
            return True
        if self.has("generic") and not self.counts:
            return False
        strong = any(g in self.hits for g in STRONG_GROUPS)
        violent_count = any(c.value > 0 and c.kind in ("killed", "injured") for c in self.counts)
        return strong or violent_count or (self.has("arrest", "disrupt", "base", "transfer") and bool(self.counts))


@dataclass
class Incident:
    """Event sentences grouped as one incident, before typing."""

    cues: list[SentenceCues] = field(default_factory=list)
    date: DateRef | None = None
    background: bool = False

    def groups(self) -> set[str]:
        """All cue groups hit in the incident's sentences."""
        return {g for c in self.cues for g in c.hits}


def classify(groups: set[str], label: str | None, civ: bool, forces: bool) -> str:
    """ACLED sub-event type for an incident's cue groups (a decision list).

    *civ* and *forces* say whether civilians or armed forces are among those
    hit; an attack on civilians is Violence against civilians, one on armed
    forces a Battle.
    """
    g = groups
    if label:
        return LABELS[label]
    if "suicide" in g:
        return "Suicide bomb"
    if "chemical" in g:
        return "Chemical weapon"
    if "protest" in g and not g & {"airstrike", "shelling", "ied", "suicide"}:
        if "excessive" in g:
            return "Excessive force against protesters"
        if "riot" in g:
            return "Violent demonstration"
        if "intervention" in g:
            return "Protest with intervention"
        return "Peaceful protest"
    if "riot" in g and not g & {"airstrike", "shelling", "ied", "grenade"}:
        return "Violent demonstration"
    if "mob" in g and not g & {"airstrike", "shelling", "ied", "grenade"}:
        return "Mob violence"
    if "airstrike" in g:
        return "Air/drone strike"
    if "grenade" in g:
        return "Grenade"
    if "disrupt" in g and "ied" in g and not ({"attack"} & g and civ):
        return "Disrupted weapons use"
    if "ied" in g:
        return "Remote explosive/landmine/IED"
    if "shelling" in g:
        return "Shelling/artillery/missile attack"
    if "sexual" in g:
        return "Sexual violence"
    if "abduct" in g and not forces:
        return "Abduction/forced disappearance"
    if "regain" in g:
        return "Government regains territory"
    if "overtake" in g and forces:
        return "Non-state actor overtakes territory"
    if "clash" in g or "attack" in g:
        if civ and not forces:
            return "Attack"
        if "clash" in g or forces:
            return "Armed clash"
        return "Attack"
    if "arrest" in g:
        return "Arrests"
    if "loot" in g:
        return "Looting/property destruction"
    if "disrupt" in g:
        return "Disrupted weapons use"
    if "base" in g:
        return "Headquarters or base established"
    if "agreement" in g:
        return "Agreement"
    if "transfer" in g:
        return "Non-violent transfer of territory"
    return "Change to group/activity"


class Detector:
    """Find and type incidents in each document."""

    name = "detect"

    def __init__(self, settings: Settings, lexicon: CueLexicon | None = None) -> None:
        self.lexicon = lexicon or cue_lexicon()
        self.background_days = settings["background_days"]

    def process(self, docs: list[Document]) -> list[Document]:
        """Fill ``doc.mentions`` and ``doc.events`` (typed, dated, not yet argued)."""
        for doc in docs:
            cues = [self.sentence_cues(doc, s) for s in doc.sentences]
            doc.notes["sentence_cues"] = cues
            incidents = self.group(cues, doc.article.published)
            doc.events = [self.to_event(doc, inc) for inc in incidents]
            doc.notes["incidents"] = incidents
        return docs

    def sentence_cues(self, doc: Document, sentence: Sentence) -> SentenceCues:
        """Cue hits, dates and counts of one sentence."""
        published = doc.article.published
        label_match = LABEL_RE.match(sentence.text)
        return SentenceCues(
            sentence,
            self.lexicon.find(sentence.text, sentence.start),
            find_dates(sentence.text, published, sentence.start),
            find_counts(sentence.text, sentence.start),
            label_match["label"].lower() if label_match else None,
        )

    def group(self, cues: list[SentenceCues], published: date | None) -> list[Incident]:
        """Group event sentences into incidents."""
        incidents: list[Incident] = []
        current: Incident | None = None
        for sc in cues:
            if not sc.is_event:
                continue
            if sc.has("hypothetical", "future", "negation") and not sc.counts and not sc.dates:
                continue
            when = sc.dates[0] if sc.dates else None
            background = self._is_background(sc, when, published)
            new_date = (
                when is not None
                and current is not None
                and current.date is not None
                and abs((when.value - current.date.value).days) > self.background_days
            )
            if current is None or new_date or background != current.background or (
                background and (when is not None or sc.counts)
            ):
                current = Incident(date=when, background=background)
                incidents.append(current)
            elif current.date is None and when is not None:
                current.date = when
            current.cues.append(sc)
        return incidents

    def _is_background(self, sc: SentenceCues, when: DateRef | None, published: date | None) -> bool:
        """An earlier incident mentioned as context, not the report's own event."""
        if sc.has("background"):
            return True
        if when is not None and published is not None:
            return (published - when.value).days > self.background_days
        return False

    def to_event(self, doc: Document, incident: Incident) -> Event:
        """Type an incident and open its record."""
        groups = incident.groups()
        label = next((c.label for c in incident.cues if c.label), None)
        civ = any(c.has("civilian_target") for c in incident.cues)
        forces = any(c.has("forces_target") for c in incident.cues)
        sub = classify(groups, label, civ, forces)
        acts = len(groups & set(ACT_GROUPS))
        event = Event(
            event_type=event_type_of(sub),
            sub_event_type=sub,
            is_background=incident.background,
            confidence=min(CONFIDENCE_MAX, CONFIDENCE_BASE + CONFIDENCE_STEP * acts),
        )
        for sc in incident.cues:
            doc.mentions.append(
                Mention(sc.sentence.index, sub, sc.sentence.start, sc.sentence.end, event.confidence)
            )
        first = incident.cues[0]
        trigger = next(
            (h for g in ACT_GROUPS for h in first.hits.get(g, [])), None
        )
        if trigger:
            event.add_evidence("event_type", doc.text, trigger.start, trigger.end)
        event.add_evidence("sentence", doc.text, first.sentence.start, first.sentence.end)
        return event
