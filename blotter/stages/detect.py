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
from blotter.lexicon import ACT_GROUPS, STRONG_GROUPS, CueLexicon, Hit, cue_lexicon
from blotter.record import Event
from blotter.settings import Settings
from blotter.taxonomy import event_type_of

#: Qualifying cues that count even from a follow-up sentence that reports no
#: act of its own ("Police dispersed the crowd." after a protest).
CONTEXT_GROUPS = frozenset(
    {"intervention", "excessive", "riot", "fight", "gunfire", "civilian_target", "forces_target"}
)
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
LABEL_RE = re.compile(
    r"^\s*(?P<label>" + "|".join(map(re.escape, LABELS)) + r")\s*:", re.IGNORECASE
)
#: A wire dateline: "SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- [TEXT]" or
#: "MEXICO CITY, Mexico –".  Its date is the report's, not the event's.
DATELINE = re.compile(
    r"^[^\n,]{2,40},[^\n]{0,60}?(?:\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4})?[^\n]{0,80}?(?:--|—|–)\s*(?:\[[^\]]*\]\s*)*"
)
#: Confidence is a sum of specificity signals, not a calibrated probability
#: (that needs labelled news data we do not have yet).  An incident named by
#: one cue with nothing specific about it scores CONFIDENCE_BASE; a date of its
#: own, a casualty count, a dictionary actor and more act cues each add to it.
#: Events under the ``min_confidence`` setting are not output: on MUC-4 dev
#: these are mostly passing mentions in political stories.
CONFIDENCE_BASE = 0.3
CONFIDENCE_DATE = 0.2
CONFIDENCE_COUNT = 0.2
CONFIDENCE_LABEL = 0.3
CONFIDENCE_PER_CUE = 0.1
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
    def is_unreal(self) -> bool:
        """A negated, hypothetical or future act: the modal comes before the act.

        "Rebels threatened to attack the town" is not an attack; "students held a
        protest against rules which would prolong the curfew" still is.
        """
        if any(c.value for c in self.counts):
            return False
        modal = [
            h.start for g in ("hypothetical", "future", "negation") for h in self.hits.get(g, [])
        ]
        acts = [h.start for g in STRONG_GROUPS for h in self.hits.get(g, [])]
        return bool(modal) and (not acts or min(modal) <= min(acts))

    @property
    def is_event(self) -> bool:
        """A sentence that reports an act."""
        if self.label:
            return True
        if self.sentence.text.rstrip().endswith("?"):
            return False
        if (
            self.has("generic", "legal")
            and not self.counts
            and not any(d.explicit for d in self.dates)
        ):
            return False
        strong = any(g in self.hits for g in STRONG_GROUPS)
        violent_count = any(c.value > 0 and c.kind in ("killed", "injured") for c in self.counts)
        weak = self.has("arrest", "disrupt", "base", "transfer", "movement", "agreement", "loot")
        return strong or violent_count or (weak and bool(self.dates))


@dataclass
class Incident:
    """Event sentences grouped as one incident, before typing."""

    cues: list[SentenceCues] = field(default_factory=list)
    date: DateRef | None = None
    background: bool = False
    context: list[SentenceCues] = field(default_factory=list)

    def groups(self) -> set[str]:
        """Cue groups of the incident's sentences, plus qualifiers from its context."""
        found = {g for c in self.cues for g in c.hits}
        found |= {g for c in self.context for g in c.hits if g in CONTEXT_GROUPS}
        return found


def classify(groups: set[str], label: str | None, civ: bool, forces: bool) -> str:
    """ACLED sub-event type for an incident's cue groups (a decision list).

    *civ* and *forces* say whether civilians or armed forces are among those
    hit; an attack on civilians is Violence against civilians, one on armed
    forces a Battle.  The order follows ACLED's codebook: the most specific
    act wins (a suicide bombing is not also a clash), and direct fighting
    outranks the weapons it was fought with.
    """
    g = groups
    if label:
        return LABELS[label]
    remote = g & {"airstrike", "shelling", "ied", "suicide"}
    if "suicide" in g:
        return "Suicide bomb"
    if "chemical" in g:
        return "Chemical weapon"
    if "protest" in g and not remote:
        if "excessive" in g:
            return "Excessive force against protesters"
        if "riot" in g:
            return "Violent demonstration"
        if "intervention" in g:
            return "Protest with intervention"
        return "Peaceful protest"
    if "mob" in g and not remote and not (forces and "fight" in g and not civ):
        return "Mob violence"
    if "riot" in g and not remote and "fight" not in g and "attack" not in g:
        return "Violent demonstration"
    if "airstrike" in g or "air_attack" in g:
        return "Air/drone strike"
    if "grenade" in g:
        return "Grenade"
    if "disrupt" in g and "ied" in g and "blast" not in g:
        return "Disrupted weapons use"
    if "ied" in g and "fight" not in g:
        return "Remote explosive/landmine/IED"
    if g & {"shelling", "launcher"} and not g & {"fight", "gunfire"}:
        return "Shelling/artillery/missile attack"
    if "sexual" in g:
        return "Sexual violence"
    if "kidnap" in g or ("abduct" in g and not forces):
        return "Abduction/forced disappearance"
    if "regain" in g:
        return "Government regains territory"
    if "overtake" in g and forces:
        return "Non-state actor overtakes territory"
    if "fight" in g:
        return "Armed clash"
    if "gunfire" in g:
        return "Attack" if civ and not forces else "Armed clash"
    if "clash" in g or "attack" in g:
        if civ and not forces:
            return "Attack"
        if forces:
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


#: An act followed by its object: "attacked a civilian vehicle", "killed two soldiers".
ACT_OBJECT = re.compile(
    r"\b(?:attack(?:ed|ing|s)?|ambush(?:ed|ing)?|kill(?:ed|ing|s)?|shot(?:\s+dead)?|shoot(?:ing)?|"
    r"target(?:ed|ing)|opened\s+fire\s+(?:on|at)|fir(?:ed|ing)\s+(?:at|on|upon)|assassinat\w+|murder\w*|"
    r"abduct\w*|kidnapp?\w*|stormed|raided|beat(?:en|ing)?|injur(?:ed|ing)|wound(?:ed|ing)|execut\w+|"
    r"stabb\w+|hack\w+|lynch\w+|assault\w*)\s+(?P<obj>(?:\S+\s+){0,5}\S+)",
    re.IGNORECASE,
)
#: Victims told in the passive: "two soldiers were killed".
PASSIVE_VICTIM = re.compile(
    r"(?P<subj>(?<!\S)(?:\S++\s+){0,4}\S++)\s+(?:were|was|had\s+been|have\s+been|has\s+been|got)\s+"
    r"(?:\w+\s+){0,2}(?:killed|murdered|shot|wounded|injured|attacked|ambushed|abducted|kidnapped|"
    r"assaulted|beaten|executed|targeted|hit)\b",
    re.IGNORECASE,
)


def victims(lexicon: CueLexicon, text: str) -> tuple[bool, bool]:
    """Whether civilians, and whether armed forces, are the objects of violence in *text*."""
    spans = [
        (m.start(), m["obj"], False)
        for m in ACT_OBJECT.finditer(text)
        if not m["obj"].lower().startswith("by ")  # "killed by X": X is the agent
    ]
    spans += [(m.start(), m["subj"], True) for m in PASSIVE_VICTIM.finditer(text)]
    for _, span, passive in sorted(spans):
        hits = lexicon.find(span)
        found = [(h.start, "forces") for h in hits.get("forces_target", [])]
        found += [(h.start, "civ") for h in hits.get("civilian_target", [])]
        if not found:
            continue
        # The object right after the verb; the subject right before "was killed".
        _, kind = max(found) if passive else min(found)
        return kind == "civ", kind == "forces"
    return False, False


#: Where one sentence tells two incidents: "... a strip club slaughter that left
#: 28 dead, as well as an attack on a party ..." or "... downed a helicopter in
#: 2015 and killed 15 officers in a similar ambush".
CLAUSE_BREAK = re.compile(
    r",?\s+as\s+well\s+as\s+(?=an?\s)|,?\s+and\s+(?=(?:also\s+)?(?:killed|kidnapped|abducted|attacked|"
    r"ambushed|bombed|burned|torched|shot|murdered|massacred)\s+\d)",
    re.IGNORECASE,
)


def clauses(sentence: Sentence) -> list[Sentence]:
    """Split a sentence that tells two incidents into clauses (same index, own offsets)."""
    cuts = [m for m in CLAUSE_BREAK.finditer(sentence.text)]
    if not cuts:
        return [sentence]
    out, cursor = [], 0
    for m in cuts:
        out.append((cursor, m.start()))
        cursor = m.end()
    out.append((cursor, len(sentence.text)))
    return [
        Sentence(
            sentence.index,
            sentence.start + a,
            sentence.start + b,
            sentence.text[a:b],
            sentence.paragraph,
        )
        for a, b in out
        if sentence.text[a:b].strip()
    ]


#: Words with which a report turns to another incident.
NEW_INCIDENT = re.compile(
    r"^\s*(?:separately|meanwhile|elsewhere|in\s+(?:a|another)\s+(?:separate\s+)?(?:incident|attack)|"
    r"in\s+a\s+separate|earlier|later)\b",
    re.IGNORECASE,
)


def _drop_inside(hits: dict[str, list[Hit]], group: str, container: str) -> None:
    """Drop *group* hits lying inside a *container* hit ("grenade" in "grenade launcher")."""
    if group not in hits or container not in hits:
        return
    kept = [h for h in hits[group] if not any(c.start <= h.start < c.end for c in hits[container])]
    if kept:
        hits[group] = kept
    else:
        del hits[group]


#: Words before a cue that make it an earlier act someone is accused of or
#: held for, not this event's: "detained for hurling a Molotov cocktail".
ACCUSED = re.compile(
    r"(?:accused\s+of|charged\s+with|suspected\s+of|convicted\s+of|arrested\s+for|detained\s+for|"
    r"held\s+for|since\s+the|for)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
#: Groups whose cues an accusation context cancels (the qualifiers of a protest).
ACCUSABLE_GROUPS = ("riot", "mob", "excessive")


def _mark_air_attack(hits: dict[str, list[Hit]]) -> None:
    """Mark aircraft doing the act ("warplanes bombed", "air force targeted"), not hit by it."""
    aircraft = hits.get("aircraft")
    if not aircraft:
        return
    first = aircraft[0].start
    acts = [h for g in ("attack", "ied", "shelling", "blast") for h in hits.get(g, [])]
    if any(h.start > first for h in acts):
        hits["air_attack"] = aircraft[:1]


def _drop_accusations(hits: dict[str, list[Hit]], sentence: Sentence) -> None:
    """Drop qualifier cues that name what someone was accused of or held for."""
    for group in ACCUSABLE_GROUPS:
        kept = [
            h
            for h in hits.get(group, [])
            if not ACCUSED.search(
                sentence.text[max(0, h.start - sentence.start - 40) : h.start - sentence.start]
            )
        ]
        if kept:
            hits[group] = kept
        else:
            hits.pop(group, None)


class Detector:
    """Find and type incidents in each document."""

    name = "detect"

    def __init__(self, settings: Settings, lexicon: CueLexicon | None = None) -> None:
        self.lexicon = lexicon or cue_lexicon()
        self.background_days = settings["background_days"]

    def process(self, docs: list[Document]) -> list[Document]:
        """Fill ``doc.mentions`` and ``doc.events`` (typed, dated, not yet argued)."""
        for doc in docs:
            cues = [self.sentence_cues(doc, c) for s in doc.sentences for c in clauses(s)]
            doc.notes["sentence_cues"] = cues
            incidents = self.group(cues, doc.article.published)
            doc.events = [self.to_event(doc, inc) for inc in incidents]
            doc.notes["incidents"] = incidents
        return docs

    def sentence_cues(self, doc: Document, sentence: Sentence) -> SentenceCues:
        """Cue hits, dates and counts of one sentence (a dateline's date is not the event's)."""
        published = doc.article.published
        label_match = LABEL_RE.match(sentence.text)
        dateline = DATELINE.match(sentence.text) if sentence.index == 0 else None
        skip = dateline.end() if dateline else 0
        hits = self.lexicon.find(sentence.text, sentence.start)
        _drop_inside(hits, "grenade", "launcher")
        _drop_accusations(hits, sentence)
        _mark_air_attack(hits)
        return SentenceCues(
            sentence,
            hits,
            [
                d
                for d in find_dates(sentence.text, published, sentence.start)
                if d.start >= sentence.start + skip
            ],
            find_counts(sentence.text, sentence.start),
            label_match["label"].lower() if label_match else None,
        )

    def group(self, cues: list[SentenceCues], published: date | None) -> list[Incident]:
        """Group event sentences into incidents."""
        incidents: list[Incident] = []
        current: Incident | None = None
        background_sentences = {
            sc.sentence.index
            for sc in cues
            if self._is_background(sc, sc.dates[0] if sc.dates else None, published)
        }
        for sc in cues:
            if not sc.is_event:
                if current is not None and not sc.has("background") and not sc.dates:
                    current.context.append(sc)
                continue
            if sc.is_unreal:
                continue
            when = sc.dates[0] if sc.dates else None
            background = sc.sentence.index in background_sentences
            new_date = (
                when is not None
                and current is not None
                and current.date is not None
                and abs((when.value - current.date.value).days) > self.background_days
            )
            turn = NEW_INCIDENT.match(sc.sentence.text) is not None
            if (
                current is None
                or new_date
                or turn
                or background != current.background
                or (background and (when is not None or sc.counts))
            ):
                current = Incident(date=when, background=background)
                incidents.append(current)
            elif current.date is None and when is not None:
                current.date = when
            current.cues.append(sc)
        return incidents

    def _is_background(
        self, sc: SentenceCues, when: DateRef | None, published: date | None
    ) -> bool:
        """An earlier incident mentioned as context, not the report's own event.

        A date of the sentence's own decides; background cues ("in the past",
        "the same group") decide only for undated sentences, so a protest "in
        remembrance of" an old killing is still today's protest.
        """
        if when is not None and published is not None:
            return (published - when.value).days > self.background_days
        return sc.has("background")

    @staticmethod
    def confidence(incident: Incident, groups: set[str], label: str | None) -> float:
        """Specificity score of an incident (see CONFIDENCE_BASE)."""
        score = CONFIDENCE_BASE + CONFIDENCE_PER_CUE * (len(groups & set(ACT_GROUPS)) - 1)
        if incident.date is not None:
            score += CONFIDENCE_DATE
        if any(c.value > 0 for sc in incident.cues for c in sc.counts):
            score += CONFIDENCE_COUNT
        if label:
            score += CONFIDENCE_LABEL
        return round(min(CONFIDENCE_MAX, max(0.05, score)), 2)

    def to_event(self, doc: Document, incident: Incident) -> Event:
        """Type an incident and open its record."""
        groups = incident.groups()
        label = next((c.label for c in incident.cues if c.label), None)
        civ = forces = False
        for c in incident.cues:
            c_civ, c_forces = victims(self.lexicon, c.sentence.text)
            civ, forces = civ or c_civ, forces or c_forces
        if not civ and not forces:
            civ = any(c.has("civilian_target") for c in incident.cues)
            forces = any(c.has("forces_target") for c in incident.cues)
        sub = classify(groups, label, civ, forces)
        event = Event(
            event_type=event_type_of(sub),
            sub_event_type=sub,
            is_background=incident.background,
            confidence=self.confidence(incident, groups, label),
        )
        for sc in incident.cues:
            doc.mentions.append(
                Mention(
                    sc.sentence.index, sub, sc.sentence.start, sc.sentence.end, event.confidence
                )
            )
        first = incident.cues[0]
        trigger = next((h for g in ACT_GROUPS for h in first.hits.get(g, [])), None)
        if trigger:
            event.add_evidence("event_type", doc.text, trigger.start, trigger.end)
        event.add_evidence("sentence", doc.text, first.sentence.start, first.sentence.end)
        return event
