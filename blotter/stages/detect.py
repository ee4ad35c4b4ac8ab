"""Detect: find event sentences, group them into incidents and type them.

A sentence is an event sentence when its cues (the pack's ``cues.toml``) signal
an act of the ACLED taxonomy.  Consecutive event sentences form one incident
until a sentence names a different date or turns to background ("in 2015 the
same group ...").  Each incident is typed by :func:`classify`, a decision list
over the cue groups present, written from ACLED's codebook definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from blotter.document import Document, Mention, Sentence
from blotter.fields.casualties import find_counts
from blotter.fields.dates import DateRef, find_dates, header_date
from blotter.lang import Locale, default_locale, locale_for, per_locale
from blotter.lang.lexicon import (
    ACT_GROUPS,
    STRONG_GROUPS,
    CueLexicon,
    Hit,
    cue_lexicon,
    keep_hits,
)
from blotter.record import Event
from blotter.relevance.arguments import abstract_sentence
from blotter.relevance.assertion import (
    drop_mishap_outcomes,
)
from blotter.relevance.confidence import incident_evidence, score
from blotter.settings import Settings
from blotter.stages.group_cues import group_war, named_groups
from blotter.stages.incident import (
    BACKGROUND_GROUPS,
    CROWD_GROUPS,
    REACTED_ACT_GROUPS,
    Incident,
    SentenceCues,
    other_kind,
    own_explosion,
    passing_fight,
    passing_weapons,
    reaction_only,
    report_own_event,
)
from blotter.stages.tally import add_tallies
from blotter.taxonomy import event_type_of

#: Cue groups that say a text is about sport, markets or products and media.
GENRE_GROUPS = ("sport", "market", "media")
#: Different cue words of one genre a text needs before its figurative acts
#: are read as figures: one "football" in a riot report is not a match report
#: (on the dev sets, two lose almost no ACLED note and one loses many).
GENRE_MIN_WORDS = 2
#: A match score ("beat Manchester City 3-2", "6-3, 6-2") counts as one sport
#: word: tolls and ages are not written this way with a word of sport beside.
SCORE = re.compile(r"(?<![\d/.-])\d{1,3}-\d{1,3}(?![\d/.-])")
#: A wire dateline: "SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- [TEXT]" or
#: "MEXICO CITY, Mexico –".  Its date is the report's, not the event's.
DATELINE = re.compile(
    r"^[^\n,]{2,40},[^\n]{0,60}?(?:\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4})?[^\n]{0,80}?(?:--|—|–)\s*(?:\[[^\]]*\]\s*)*"
)
#: Characters before a cue searched for an accusation ("charged with ...").
ACCUSED_CONTEXT_CHARS = 40
#: A crowd's own violence ("rioters raided a farm, demanding jobs"): the
#: demand is the crowd's, and the incident stays a riot or mob.
CROWD_VIOLENCE_GROUPS = frozenset({"riot", "mob"})
#: Verbs that tell a killing or a shooting only with a person as their object
#: ("they shoot a man", "executes a 60-year-old woman"; not "shoot a film",
#: "executes a play"): the pack's ``person_act`` group, read as ``attack``
#: when a person word (``PERSON_OBJECT_GROUPS``) follows within
#: ``PERSON_OBJECT_CHARS`` with no punctuation or preposition between
#: (the pack's ``detect.object_stops``: "shoot a film with the children").
PERSON_ACT_GROUP = "person_act"
PERSON_OBJECT_GROUPS = ("civilian_target", "forces_target", "person_object")
#: An object's determiner and adjectives ("a 60 year old woman") fit in this;
#: a person named further on is no longer the verb's object.
PERSON_OBJECT_CHARS = 24
OBJECT_STOPS_KEY = "detect.object_stops"
OBJECT_BREAK = re.compile(r"[^\w\s'-]")
#: Arrests are weak acts (an event only with a date), except a brief's arrest
#: of a named non-state group's member (``SentenceCues.named_arrest``).
ARREST_GROUP = "arrest"
#: A report of at most this many characters (about 100 words: a brief, a
#: headline with its lead, a coder's note) has no story for its one incident to
#: be background to: on the dev sets its cue-only background incidents are its
#: event (ACLED, RDWTI: all under 400 characters), those of articles are not
#: (news, MUC-4, ACEP: over 1,400).  Characters, not sentences: a lower-cased
#: page with no sentence ends is one long "sentence".
SHORT_REPORT_CHARS = 600


@dataclass(frozen=True)
class DetectPatterns:
    """One pack's detection patterns (``patterns.toml [detect]``), compiled."""

    labels: dict[str, str]
    label: re.Pattern[str]
    act_object: re.Pattern[str]
    agent_object: re.Pattern[str]
    passive_victim: re.Pattern[str]
    clause_break: re.Pattern[str]
    new_incident: re.Pattern[str]
    accused: re.Pattern[str]
    aircraft_owner_before: re.Pattern[str]
    aircraft_owner_after: re.Pattern[str]
    aircraft_target_before: re.Pattern[str]
    force_agent_before: re.Pattern[str]
    force_agent_after: re.Pattern[str]
    issue_title: re.Pattern[str]
    mishap_cause: re.Pattern[str]


@per_locale
def detect_patterns(loc: Locale) -> DetectPatterns:
    """The compiled detection patterns of *loc* (default pack if None)."""
    p = loc.pattern
    raw = loc.table("detect.labels")
    labels = {" ".join(str(k).lower().split()): str(v) for k, v in raw.items()}
    alternation = "|".join(map(re.escape, sorted(labels, key=len, reverse=True))) or r"(?!)"
    return DetectPatterns(
        labels=labels,
        label=re.compile(r"^\s*(?P<label>" + alternation + r")\s*:", re.IGNORECASE),
        act_object=re.compile(p("detect.act_object"), re.IGNORECASE),
        agent_object=re.compile(p("detect.agent_object"), re.IGNORECASE),
        passive_victim=re.compile(p("detect.passive_victim"), re.IGNORECASE),
        clause_break=re.compile(p("detect.clause_break"), re.IGNORECASE),
        new_incident=re.compile(p("detect.new_incident"), re.IGNORECASE),
        accused=re.compile(p("detect.accused"), re.IGNORECASE),
        aircraft_owner_before=re.compile(p("detect.aircraft_owner_before"), re.IGNORECASE),
        aircraft_owner_after=re.compile(p("detect.aircraft_owner_after"), re.IGNORECASE),
        aircraft_target_before=re.compile(p("detect.aircraft_target_before"), re.IGNORECASE),
        force_agent_before=re.compile(p("detect.force_agent_before"), re.IGNORECASE),
        force_agent_after=re.compile(p("detect.force_agent_after"), re.IGNORECASE),
        issue_title=re.compile(p("detect.issue_title"), re.IGNORECASE),
        mishap_cause=re.compile(p("detect.mishap_cause"), re.IGNORECASE),
    )




def classify(groups: set[str], label: str | None, civ: bool, forces: bool) -> str:
    """ACLED sub-event type for an incident's cue groups (a decision list).

    *label* is the sub-event type an ACLED note's label names, if any;
    *civ* and *forces* say whether civilians or armed forces are among those
    hit; an attack on civilians is Violence against civilians, one on armed
    forces a Battle.  The order follows ACLED's codebook: the most specific
    act wins (a suicide bombing is not also a clash), and direct fighting
    outranks the weapons it was fought with.
    """
    g = groups
    if label:
        return label
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


def victims(
    lexicon: CueLexicon, text: str, patterns: DetectPatterns | None = None
) -> tuple[bool, bool]:
    """Whether civilians, and whether armed forces, are the objects of violence in *text*."""
    pats = patterns or detect_patterns()
    spans = [
        (m.start("obj"), m["obj"], False)
        for m in pats.act_object.finditer(text)
        if not pats.agent_object.match(m["obj"])  # "killed by X": X is the agent
    ]
    spans += [(m.start("subj"), m["subj"], True) for m in pats.passive_victim.finditer(text)]
    for at, span, passive in sorted(spans):
        hits = lexicon.find(span)
        found = [
            (h.start, "forces_target")
            for h in hits.get("forces_target", [])
            if not _doer(text, at + h.start, at + h.end, pats)
        ]
        found += [(h.start, "civilian_target") for h in hits.get("civilian_target", [])]
        if not found:
            continue
        # The object right after the verb; the subject right before "was killed".
        _, kind = max(found) if passive else min(found)
        return kind == "civilian_target", kind == "forces_target"
    return False, False


#: Characters before an armed word read for its being the doer ("shot dead by
#: police officers", "accused the police of"): a few words, not the clause.
AGENT_BEFORE_CHARS = 40


def _doer(text: str, start: int, end: int, patterns: DetectPatterns) -> bool:
    """True if the armed word at *start*:*end* of *text* is told as the doer:
    after "by" or "accused", or before a violent verb."""
    before = text[max(0, start - AGENT_BEFORE_CHARS) : start]
    return bool(
        patterns.force_agent_before.search(before) or patterns.force_agent_after.match(text[end:])
    )


def targeted_forces(sc: SentenceCues, patterns: DetectPatterns) -> bool:
    """True if *sc* names an armed party (``forces_target`` words) other than as
    the doer: a word after "by" or "accused", or the subject of a violent verb
    ("Al Shabaab militants attacked"), is the perpetrator, not a hit party
    (codebook: violence against civilians is one armed party's act on the unarmed)."""
    hits = sorted(sc.hits.get("forces_target", []), key=lambda h: h.start)
    if not hits:
        return False
    text, offset = sc.sentence.text, sc.sentence.start
    k = 0
    while k < len(hits):
        # words told together ("Al Shabaab militants", "police officers") are one party
        j = k
        while j + 1 < len(hits):
            if text[hits[j].end - offset : hits[j + 1].start - offset].strip():
                break
            j += 1
        if not _doer(text, hits[k].start - offset, hits[j].end - offset, patterns):
            return True
        k = j + 1
    return False


def clauses(sentence: Sentence, patterns: DetectPatterns | None = None) -> list[Sentence]:
    """Split a sentence that tells two incidents into clauses (same index, own offsets).

    The pack's ``detect.clause_break``: "... a strip club slaughter that left
    28 dead, as well as an attack on a party ..." is two incidents.
    """
    cuts = [m for m in (patterns or detect_patterns()).clause_break.finditer(sentence.text)]
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


def _person_acts(hits: dict[str, list[Hit]], sentence: Sentence, stops: frozenset[str]) -> None:
    """Read ``person_act`` verbs whose object is a person as ``attack`` cues
    ("They shoot a man outside his house"), and drop the group."""
    verbs = hits.pop(PERSON_ACT_GROUP, None)
    if not verbs:
        return
    people = sorted(h.start for g in PERSON_OBJECT_GROUPS for h in hits.get(g, ()))
    text, offset = sentence.text, sentence.start
    found = []
    for verb in verbs:
        target = next((p for p in people if verb.end < p <= verb.end + PERSON_OBJECT_CHARS), None)
        if target is None:
            continue
        between = text[verb.end - offset : target - offset]
        if OBJECT_BREAK.search(between) or any(w in stops for w in between.lower().split()):
            continue
        found.append(Hit("attack", verb.start, verb.end))
    if found:
        hits["attack"] = sorted(hits.get("attack", []) + found, key=lambda h: h.start)


def _drop_inside(hits: dict[str, list[Hit]], group: str, container: str) -> None:
    """Drop *group* hits lying inside a *container* hit ("grenade" in "grenade launcher")."""
    if group not in hits or container not in hits:
        return
    keep_hits(hits, group, lambda h: not any(c.start <= h.start < c.end for c in hits[container]))


def _aimed_fire(hits: dict[str, list[Hit]]) -> None:
    """Read fire aimed at someone ("firing at them", "machinegunned") as gunfire
    when no heavy weapon of the ``shelling`` group is named beside it; so too a
    machine gun named in a murder ("murdered by machinegun fire")."""
    aimed = {(h.start, h.end) for h in hits.get("aimed_fire", [])}
    if "slaying" in hits:
        aimed |= {(h.start, h.end) for h in hits.get("killers_gun", [])}
    shelling = hits.get("shelling", [])
    if not aimed or not shelling or any((h.start, h.end) not in aimed for h in shelling):
        return
    gunfire = hits.setdefault("gunfire", [])
    gunfire.extend(hits.pop("shelling"))
    gunfire.sort(key=lambda h: h.start)


#: Groups whose cues an accusation context cancels (the qualifiers of a protest).
ACCUSABLE_GROUPS = ("riot", "mob", "excessive")


#: Characters around an aircraft word searched for its owner or its attacker.
AIRCRAFT_CONTEXT_CHARS = 40


def _drop_passive_aircraft(
    hits: dict[str, list[Hit]], sentence: Sentence, patterns: DetectPatterns
) -> None:
    """Drop aircraft that do not do the act: an air force named as someone's
    title or place ("the chief of the air force was wounded", "the air force
    headquarters"), and aircraft hit by it ("downed two helicopter gunships")."""
    text, offset = sentence.text, sentence.start

    def passive(h: Hit, owned: bool) -> bool:
        before = text[max(0, h.start - offset - AIRCRAFT_CONTEXT_CHARS) : h.start - offset]
        if patterns.aircraft_target_before.search(before):
            return True
        after = text[h.end - offset : h.end - offset + AIRCRAFT_CONTEXT_CHARS]
        return owned and bool(
            patterns.aircraft_owner_before.search(before)
            or patterns.aircraft_owner_after.match(after)
        )

    keep_hits(hits, "aircraft", lambda h: not passive(h, True))
    keep_hits(hits, "airstrike", lambda h: not passive(h, False))


def _mark_air_attack(hits: dict[str, list[Hit]]) -> None:
    """Mark aircraft doing the act ("warplanes bombed", "air force targeted"), not hit by it."""
    aircraft = hits.get("aircraft")
    if not aircraft:
        return
    first = aircraft[0].start
    acts = [h for g in ("attack", "ied", "shelling", "blast") for h in hits.get(g, [])]
    if any(h.start > first for h in acts):
        hits["air_attack"] = aircraft[:1]


def _drop_accusations(
    hits: dict[str, list[Hit]], sentence: Sentence, accused: re.Pattern[str]
) -> None:
    """Drop qualifier cues that name what someone was accused of or held for
    ("detained for hurling a Molotov cocktail": the pack's ``detect.accused``)."""
    def free(h: Hit) -> bool:
        start = h.start - sentence.start
        return not accused.search(sentence.text[max(0, start - ACCUSED_CONTEXT_CHARS) : start])

    for group in ACCUSABLE_GROUPS:
        keep_hits(hits, group, free)


def _mark_figurative(cues: list[SentenceCues]) -> int:
    """In a sport, market or media text, mark sentences whose acts are all figures.

    Returns the number of different genre words of the text's most present genre.
    """
    words: dict[str, set[str]] = {}
    for sc in cues:
        text, offset = sc.sentence.text.lower(), sc.sentence.start
        for group in GENRE_GROUPS:
            for h in sc.hits.get(group, []):
                words.setdefault(group, set()).add(text[h.start - offset : h.end - offset])
        if SCORE.search(text):
            words.setdefault("sport", set()).add("<score>")
    most = max((len(found) for found in words.values()), default=0)
    if most < GENRE_MIN_WORDS:
        return most
    for sc in cues:
        figures = {(h.start, h.end) for h in sc.hits.get("figurative", [])}
        acts = [h for g in ACT_GROUPS for h in sc.hits.get(g, [])]
        sc.figurative = bool(acts) and all((h.start, h.end) in figures for h in acts)
    return most



class Detector:
    """Find and type incidents in each document."""

    name = "detect"
    #: reads one language: run on each language view of a bilingual bundle
    per_language = True
    requires = ("sentences",)
    assigns = ("header_date", "mentions", "incidents", "events")

    def __init__(self, settings: Settings, lexicon: CueLexicon | None = None) -> None:
        self.fixed_lexicon = lexicon
        self.background_days = settings["background_days"]
        self.locale = default_locale()
        self.lexicon = lexicon or cue_lexicon(self.locale)
        self.patterns = detect_patterns(self.locale)
        self.object_stops = self.locale.word_set(OBJECT_STOPS_KEY)

    def _use(self, locale: Locale) -> None:
        """Read the next document with *locale*'s pack."""
        if locale is not self.locale:
            self.locale = locale
            self.lexicon = self.fixed_lexicon or cue_lexicon(locale)
            self.patterns = detect_patterns(locale)
            self.object_stops = locale.word_set(OBJECT_STOPS_KEY)

    def process(self, docs: list[Document]) -> list[Document]:
        """Fill ``doc.mentions``, ``doc.incidents`` and ``doc.events`` (typed, not yet argued)."""
        for doc in docs:
            locale = locale_for(doc)
            if locale is None:  # no pack for its language: warned, nothing read
                continue
            self._use(locale)
            if doc.article.published is None:  # read once; arguments dates by it too
                doc.header_date = header_date(doc.text, self.locale)
            report = doc.report_date
            cues = [
                self.sentence_cues(doc, c, report)
                for s in doc.sentences
                for c in clauses(s, self.patterns)
            ]
            genre_words = _mark_figurative(cues)
            doc.incidents = self.group(cues, report, len(doc.text) > SHORT_REPORT_CHARS)
            if len(doc.text) <= SHORT_REPORT_CHARS:
                report_own_event(doc.incidents)
            doc.incidents = add_tallies(doc.incidents, cues, self._dated_background, report)
            for inc in doc.incidents:
                inc.genre_words = genre_words
            doc.events = [self.to_event(doc, inc) for inc in doc.incidents]
        return docs

    def sentence_cues(
        self, doc: Document, sentence: Sentence, report: date | None = None
    ) -> SentenceCues:
        """Cue hits, dates and counts of one sentence (a dateline's date is not the event's).

        Dates are resolved against *report*, the report's date
        (``Document.report_date``; the publication date when not given).
        """
        published = report if report is not None else doc.article.published
        label_match = self.patterns.label.match(sentence.text)
        dateline = DATELINE.match(sentence.text) if sentence.index == 0 else None
        skip = dateline.end() if dateline else 0
        # a digest title's issue date ("Mexico security update 22 June 2018") is
        # the issue's, like a dateline's
        issues = [
            (m.start() + sentence.start, m.end() + sentence.start)
            for m in self.patterns.issue_title.finditer(sentence.text)
        ]
        hits = self.lexicon.find(sentence.text, sentence.start)
        _person_acts(hits, sentence, self.object_stops)
        group_war(hits, sentence, self.locale)
        _drop_inside(hits, "grenade", "launcher")
        _drop_accusations(hits, sentence, self.patterns.accused)
        drop_mishap_outcomes(hits, sentence.text, sentence.start, self.patterns.mishap_cause)
        _aimed_fire(hits)
        _drop_passive_aircraft(hits, sentence, self.patterns)
        _mark_air_attack(hits)
        cues = SentenceCues(
            sentence,
            hits,
            [
                d
                for d in find_dates(sentence.text, published, sentence.start, self.locale)
                if d.start >= sentence.start + skip
                and not any(a <= d.start < b for a, b in issues)
            ],
            # counted after the dateline, whose date and agency are no count and
            # whose end is where the report's first clause starts ("MEDELLIN, 26
            # OCT 89 (DPA) -- TWO POLICEMEN ... WERE KILLED")
            find_counts(sentence.text[skip:], sentence.start + skip, self.locale),
            self.patterns.labels[" ".join(label_match["label"].lower().split())]
            if label_match
            else None,
        )
        acts = [h for g in STRONG_GROUPS for h in hits.get(g, [])]
        brief = len(doc.text) <= SHORT_REPORT_CHARS
        if ARREST_GROUP in hits and not acts and not cues.dates and brief:
            cues.named_arrest = bool(named_groups(sentence, self.locale))
        hurt = any(c.value > 0 for c in cues.counts)
        cues.abstract = abstract_sentence(
            sentence.text, sentence.start, acts, hits, hurt, self.locale
        )
        return cues

    def group(
        self, cues: list[SentenceCues], published: date | None, by_kind: bool = False
    ) -> list[Incident]:
        """Group event sentences into incidents (*by_kind*: a sentence of another
        kind of act starts a new one, :data:`~blotter.stages.incident.ACT_KINDS`;
        for reports longer than a brief)."""
        incidents: list[Incident] = []
        current: Incident | None = None
        background_sentences = {
            sc.sentence.index
            for sc in cues
            if self._is_background(sc, sc.dates[0] if sc.dates else None, published)
        }
        for sc in cues:
            if not sc.is_event:
                if current is not None and not sc.has(*BACKGROUND_GROUPS) and not sc.dates:
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
            turn = self.patterns.new_incident.match(sc.sentence.text) is not None
            turn = turn or (by_kind and current is not None and other_kind(current, sc))
            # "10 additional victims were dumped nearby": more victims of the incident told
            more = bool(sc.counts) and all(c.additional for c in sc.counts) and when is None
            if current is not None and more and not turn:
                current.cues.append(sc)
                continue
            if (
                current is None
                or new_date
                or turn
                or background != current.background
                or (background and (when is not None or sc.counts))
            ):
                current = Incident(date=when, background=background)
                incidents.append(current)
            elif current.date is None and when is not None and not when.holds(published):
                # "the third kidnapping this month": a later sentence's month that
                # holds the report's day dates the incident no better than the report
                current.date = when
            current.cues.append(sc)
        return incidents

    def _dated_background(self, sc: SentenceCues, report: date | None) -> bool:
        """True if *sc* is background by its own first date (or, undated, its words)."""
        return self._is_background(sc, sc.dates[0] if sc.dates else None, report)

    def _is_background(
        self, sc: SentenceCues, when: DateRef | None, published: date | None
    ) -> bool:
        """An earlier incident mentioned as context, not the report's own event.

        A date of the sentence's own decides ("in July" in a report of 15 July
        is this month's, as is "last week"); background cues
        ("in the past", "the same group") decide only for undated sentences,
        so a protest "in remembrance of" an old killing is still today's protest.
        """
        if when is not None and published is not None:
            old = (published - when.value).days > self.background_days
            return old and not when.holds(published)
        return sc.has(*BACKGROUND_GROUPS)


    def to_event(self, doc: Document, incident: Incident) -> Event:
        """Type an incident and open its record."""
        groups = incident.groups()
        if not groups & CROWD_GROUPS:
            groups -= passing_weapons(incident, groups)
        if "fight" in groups and (own_explosion(incident) or passing_fight(incident)):
            groups.discard("fight")  # fighting told only around the incident's own blast
        if (
            "protest" in groups
            and groups & REACTED_ACT_GROUPS
            and not groups & CROWD_VIOLENCE_GROUPS
            and reaction_only(incident)
        ):
            groups.discard("protest")
        label = next((c.label for c in incident.cues if c.label), None)
        civ = forces = False
        for c in incident.cues:
            c.told_victims = victims(self.lexicon, c.sentence.text, self.patterns)
            civ, forces = civ or c.told_victims[0], forces or c.told_victims[1]
        if not civ and not forces:
            civ = any(c.has("civilian_target") for c in incident.cues)
            named = any(c.has("forces_target") for c in incident.cues)
            # with civilians named, an armed party told as the doer is no hit party
            # (ACLED: violence against civilians).  With none, an armed party's raid
            # stays a clash (UCDP GED codes a rebel raid naming no victim as part of
            # a battle), and its "capture" is no abduction (classify)
            forces = named if not civ or "abduct" in groups else any(
                targeted_forces(c, self.patterns) for c in incident.cues
            )
        incident.civilians, incident.forces = civ, forces
        sub = classify(groups, label, civ, forces)
        event = Event(
            event_type=event_type_of(sub),
            sub_event_type=sub,
            is_background=incident.background,
            confidence=score(incident_evidence([incident])),
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
