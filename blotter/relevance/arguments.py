"""Who does the act to whom: agent and patient of an act cue, found by rules.

"Phone makers clash over the market" and "stocks plunge after an attack on
rates" use violent verbs of companies, markets and abstractions; no person is
hurt and nothing happened.  An act cue whose agent or patient is such a party
(the pack's ``abstract_party`` cue group: companies, products, teams, markets,
prices, policies) and whose other side is no person or armed force is not an
act of violence.

The default pipeline runs no statistical parser (the ``model`` setting is
empty), so the sides are read from the words next to the cue: the agent is
the few words before it in its clause, the patient the few words after it,
past one preposition ("an attack *on* rates").  A topic preposition ("clash
*over* the market", "fight *for* market share") introduces what the act is
about, not whom it hits, so there the act has no patient.  Any person or
armed-force word (``civilian_target``, ``forces_target``) on either side, or
a casualty count in the sentence, keeps the act.
"""

from __future__ import annotations

import re

from blotter.lang import Locale, default_locale
from blotter.lang.lexicon import Hit

#: Words on each side of the cue read as its agent or patient: a noun phrase
#: of English news ("the two biggest phone makers") is rarely longer.
SIDE_WORDS = 4
#: Where a side stops: punctuation that ends a clause.
CLAUSE_END = re.compile(r"[,;:.!?()\"“”]|\s-\s|\s--\s|—|–")
#: The pack's word sets (``words.toml [arguments]``): prepositions that
#: introduce the patient of a noun or intransitive act ("an attack on"), and
#: those that introduce what the act is about, not whom it hits ("clash over").
PATIENT_PREPOSITIONS_KEY = "arguments.patient_prepositions"
TOPIC_PREPOSITIONS_KEY = "arguments.topic_prepositions"
#: What a side holds: nothing known, only an abstract party, a person or force.
NO_PARTY, ABSTRACT, HUMAN = 0, 1, 2
#: Cue groups that name people or armed forces.
HUMAN_GROUPS = ("civilian_target", "forces_target")
#: Protests are told of people ("workers of the company protested against the
#: company"): a sentence with a protest cue is never read as a figure.
PROTEST_GROUP = "protest"
#: The pack's group of companies, products, teams, markets and abstractions.
ABSTRACT_GROUP = "abstract_party"

WORD = re.compile(r"[\w'-]+")


def _agent_span(text: str, start: int) -> tuple[int, int]:
    """The clause words before offset *start* of *text*: (from, to)."""
    left = text[:start]
    cut = max((m.end() for m in CLAUSE_END.finditer(left)), default=0)
    words = list(WORD.finditer(left, cut))[-SIDE_WORDS:]
    return (words[0].start(), start) if words else (start, start)


def _patient_span(
    text: str, end: int, patient: frozenset[str], topic: frozenset[str]
) -> tuple[int, int]:
    """The clause words after offset *end* (past one *patient* preposition; none
    after a *topic* preposition): (from, to)."""
    stop = CLAUSE_END.search(text, end)
    right_end = stop.start() if stop else len(text)
    words = list(WORD.finditer(text, end, right_end))
    if words and words[0].group().lower() in topic:
        return (end, end)
    if words and words[0].group().lower() in patient:
        words = words[1:]
    words = words[:SIDE_WORDS]
    return (words[0].start(), words[-1].end()) if words else (end, end)


def _inside(hits: list[Hit], span: tuple[int, int], offset: int) -> list[Hit]:
    a, b = span
    return [h for h in hits if a <= h.start - offset and h.end - offset <= b]


def _kind(hits: dict[str, list[Hit]], span: tuple[int, int], offset: int) -> int:
    """HUMAN if a person or force word is in the span, ABSTRACT if only an
    abstract party is, NO_PARTY if neither (an abstract hit also matching a
    place word, "market", counts as abstract)."""
    abstract = _inside(hits.get(ABSTRACT_GROUP, []), span, offset)
    covered = {(h.start, h.end) for h in abstract}
    for group in HUMAN_GROUPS:
        for h in _inside(hits.get(group, []), span, offset):
            if not any(a <= h.start and h.end <= b for a, b in covered):
                return HUMAN
    return ABSTRACT if abstract else NO_PARTY


def is_abstract_act(
    text: str, offset: int, act: Hit, hits: dict[str, list[Hit]],
    patient_prepositions: frozenset[str] = frozenset(),
    topic_prepositions: frozenset[str] = frozenset(),
) -> bool:
    """True if *act* (a cue hit in sentence *text* starting at *offset*) has an
    abstract agent or patient and no person or force on either side."""
    start, end = act.start - offset, act.end - offset
    agent = _kind(hits, _agent_span(text, start), offset)
    span = _patient_span(text, end, patient_prepositions, topic_prepositions)
    patient = _kind(hits, span, offset)
    if HUMAN in (agent, patient):
        return False
    return ABSTRACT in (agent, patient)


def abstract_sentence(
    text: str, offset: int, acts: list[Hit], hits: dict[str, list[Hit]], has_casualties: bool,
    locale: Locale | None = None,
) -> bool:
    """True if every act cue of a sentence has abstract sides (and no one was hurt)."""
    if has_casualties or not acts or ABSTRACT_GROUP not in hits or PROTEST_GROUP in hits:
        return False
    loc = locale or default_locale()
    patient = loc.word_set(PATIENT_PREPOSITIONS_KEY)
    topic = loc.word_set(TOPIC_PREPOSITIONS_KEY)
    return all(is_abstract_act(text, offset, act, hits, patient, topic) for act in acts)
