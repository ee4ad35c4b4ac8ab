"""An event's ``confidence``: the evidence it rests on, weighed by hand.

``confidence`` says how likely it is that an extracted event is a real,
current act of organised violence or contention told by the text, not a
figure of speech, a match report, a market story or a passing mention.  It is
a small logistic function of a few pieces of evidence an analyst would look
for (:class:`Evidence`), with weights set by hand in :data:`WEIGHTS`, one
documented constant each.  No optimiser fitted them: they were set while
reading the reliability diagrams and the gains and losses of each change,
record by record, on every dev set (``python -m blotter.evaluation.calibration``;
docs/calibration.md).  Hand-set rules may be read off any dev set; a model
*fitted* on ACLED, MUC-4, RDWTI or the BBC/AG News negatives could not be
shipped under those sets' licences.

The score is computed twice: by ``detect`` from what one incident's sentences
show (so a pipeline without the later stages still has one), and again by the
document fuser once the arguments (actors, counts, weapons, place, date) are
filled and repeated incidents are merged; the second is the one output.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from blotter.lang.lexicon import STRONG_GROUPS
from blotter.taxonomy import ORGANISED_ARMED

if TYPE_CHECKING:
    from blotter.record import Event
    from blotter.stages.incident import Incident

#: ACLED ``inter`` codes of organised armed actors: state forces, rebels,
#: political and identity militias, external forces.  A named one is rarely
#: found in a sports or business story.
ARMED_INTER = ORGANISED_ARMED
#: ``date_note`` prefixes that mean the text gave the event no date of its own.
UNDATED_PREFIXES = ("no date in the text", "relative date and no publication")
#: Supporting sentences beyond the first that still add evidence; a long
#: article repeating "the attack" ten times is not ten times surer.
MAX_EXTRA_SENTENCES = 3
#: Specific act words beyond the first that still add evidence.
MAX_EXTRA_ACT_WORDS = 3
#: A headline: at most this many words, at least HEADLINE_SHARE of its words of
#: four letters or more capitalised (and not all in capitals: MUC-4 wires are).
HEADLINE_MAX_WORDS = 15
HEADLINE_SHARE = 0.7
HEADLINE_MIN_LONG_WORDS = 3
LONG_WORD = re.compile(r"[^\W\d_]{4,}")
#: Genre words beyond which a text is surely a sport, market or media story.
MAX_GENRE_WORDS = 4
#: The pack's cue group of act words ordinary news also uses for no violence.
AMBIGUOUS_GROUP = "ambiguous"
#: The score's bounds: nothing read from news by rules is certain either way.
FLOOR, CEILING = 0.02, 0.98
#: The confidence of a tally (a wave, a digest, a running toll:
#: :mod:`blotter.stages.tally`), whatever else it shows: it tells where
#: violence happened, but no one event, so it sits below the default
#: ``min_confidence`` (0.5) and users see it only when they ask for every
#: event (``--min-confidence 0``).
TALLY_CONFIDENCE = 0.3
#: Evidence that sets the score instead of weighing in it.
UNWEIGHTED = frozenset({"tally"})


@dataclass(frozen=True)
class Evidence:
    """What an event's confidence is computed from (all read from its own text)."""

    #: An act cue of a strong group that is not one of the pack's ``ambiguous``
    #: words ("killed", "bombed", "protesters"), as opposed to only words
    #: ordinary news reuses for no violence ("attack", "shot", "battle", "rally").
    specific_trigger: bool = False
    #: Only weak act cues (arrest, movement, agreement...): the sentence was an
    #: event sentence because of a label, a count or a date.
    weak_only: bool = False
    #: Different sport, market and media cue words in the whole text.
    genre_words: int = 0
    #: The violent act hits people: civilians or armed forces as its object
    #: (or the victims of a passive "was killed").
    human_patient: bool = False
    #: A casualty count above zero (killed, injured or detained).
    count: bool = False
    #: An organised armed actor (:data:`ARMED_INTER`) named as either side.
    armed_actor: bool = False
    #: Any actor named (protesters, rioters, civilians included).
    actor: bool = False
    #: A weapon named.
    weapon: bool = False
    #: A place named (the gazetteer resolved it or not).
    place: bool = False
    #: A date of the event's own in the text (not the publication date).
    dated: bool = False
    #: Sentences telling the event (merged repeats included).
    sentences: int = 1
    #: Different specific act words (see ``specific_trigger``) in the telling
    #: sentences: a report of violence names it several ways ("attacked",
    #: "killed", "wounded"), a passing mention once.
    act_words: int = 0
    #: Every telling sentence is a short Title Case line: a headline or a
    #: teaser ("GM Protests Spread Across Europe") with no body telling it.
    headline_only: bool = False
    #: Every telling sentence hedges: a modal, a plan or a denial precedes it,
    #: or the event's certainty is "alleged".
    hedged: bool = False
    #: An ACLED-style label ("Armed clash:") opens a sentence.
    label: bool = False
    #: Every telling sentence is a tally of many incidents, no one event's
    #: report: the score is then :data:`TALLY_CONFIDENCE`, not weighed.
    tally: bool = False


#: Log-odds of an event with none of the evidence: one ambiguous act word in
#: an otherwise bare sentence ("U.S. Forced to Battle for Ryder Cup Survival").
#: Few of those are real on the news sets.
BIAS = -1.9
#: Log-odds each piece of evidence adds (booleans: when true; counts: per unit).
#: Set by hand while reading, per dev set, the events each change gains and
#: loses and the reliability bins (docs/calibration.md has the trade-off).
WEIGHTS: dict[str, float] = {
    # the act word is unambiguous ("killed", "bombed", "protesters"): half the
    # false alarms on non-violent news have only "attack", "shot", "battle"...
    "specific_trigger": 1.2,
    # an event sentence made only by weak cues (an arrest, a deployment) and a
    # date or count: common in political stories, rarely coded alone
    "weak_only": -0.6,
    # per distinct sport/market/media word (capped at MAX_GENRE_WORDS): two
    # thirds of the false alarms have one or more, under 2% of ACLED notes do
    "genre_words": -1.2,
    # people (civilians, forces) are hit: what violence needs
    "human_patient": 1.1,
    # a casualty toll: the most specific sign a report of violence gives
    "count": 1.2,
    # a named armed group or state force: rare in sport or business stories
    "armed_actor": 1.0,
    # any side named (protesters, rioters, civilians): coders' notes name one
    "actor": 0.8,
    # a weapon named (often read off the act word itself, so worth little)
    "weapon": 0.6,
    # a place named: most false alarms name one too (datelines), so small
    "place": 0.4,
    # a date of its own: two thirds of Kenyan notes, one in eight false alarms
    "dated": 1.1,
    # per supporting sentence beyond the first (capped at MAX_EXTRA_SENTENCES)
    "sentences": 0.3,
    # per specific act word beyond the first (capped at MAX_EXTRA_ACT_WORDS)
    "act_words": 0.3,
    # told only in a Title Case headline, never in a body sentence
    "headline_only": -1.0,
    # hedged, planned, denied or alleged: about as common in ACLED notes
    # ("suspected", "alleged") as in false alarms, so it weighs little
    "hedged": -0.2,
    # an ACLED-style label ("Armed clash:")
    "label": 2.0,
}


def score(evidence: Evidence) -> float:
    """The confidence of an event with *evidence*: a logistic of the weighted sum
    (a tally's is :data:`TALLY_CONFIDENCE`)."""
    if evidence.tally:
        return TALLY_CONFIDENCE
    z = BIAS
    for f in fields(evidence):
        if f.name in UNWEIGHTED:
            continue
        value = getattr(evidence, f.name)
        if f.name == "genre_words":
            value = min(value, MAX_GENRE_WORDS)
        elif f.name == "sentences":
            value = min(max(value - 1, 0), MAX_EXTRA_SENTENCES)
        elif f.name == "act_words":
            value = min(max(value - 1, 0), MAX_EXTRA_ACT_WORDS)
        z += WEIGHTS[f.name] * float(value)
    p = 1.0 / (1.0 + math.exp(-z))
    return round(min(CEILING, max(FLOOR, p)), 2)


def is_headline(text: str) -> bool:
    """A short Title Case line ("Boeing Competitors Protest"), not a sentence of a body."""
    if text.isupper() or len(text.split()) > HEADLINE_MAX_WORDS:
        return False
    long_words = LONG_WORD.findall(text)
    if len(long_words) < HEADLINE_MIN_LONG_WORDS:
        return False
    return sum(w[0].isupper() for w in long_words) >= HEADLINE_SHARE * len(long_words)


def incident_evidence(incidents: Iterable[Incident]) -> Evidence:
    """What the sentences of one event's incidents show (before its arguments are read)."""
    incs = list(incidents)
    cues = [sc for inc in incs for sc in inc.cues]
    acts = 0
    words: set[str] = set()
    for sc in cues:
        figures = {(h.start, h.end) for h in sc.hits.get(AMBIGUOUS_GROUP, [])}
        text, offset = sc.sentence.text.lower(), sc.sentence.start
        for group, hits in sc.hits.items():
            if group not in STRONG_GROUPS:
                continue
            acts += 1
            words |= {
                text[h.start - offset : h.end - offset]
                for h in hits
                if (h.start, h.end) not in figures
            }
    weak_only = acts == 0 and not any(sc.label for sc in cues)
    return Evidence(
        specific_trigger=bool(words),
        weak_only=weak_only,
        genre_words=max((inc.genre_words for inc in incs), default=0),
        human_patient=any(inc.civilians or inc.forces for inc in incs)
        or any(c.value > 0 and c.kind in ("killed", "injured") for sc in cues for c in sc.counts),
        count=any(c.value > 0 for sc in cues for c in sc.counts),
        dated=any(inc.date is not None for inc in incs),
        sentences=len({sc.sentence.index for sc in cues}) or 1,
        act_words=len(words),
        headline_only=bool(cues) and all(is_headline(sc.sentence.text) for sc in cues),
        hedged=bool(cues) and all(sc.hedged for sc in cues),
        label=any(sc.label for sc in cues),
        tally=bool(incs) and all(inc.tally for inc in incs),
    )


def _default_perpetrator(event: Event) -> bool:
    """True if actor1 is the unnamed perpetrator the type implies (taxonomy.toml
    ``[perpetrators]``), not an actor the text names."""
    from blotter.fields.actors import fill_country
    from blotter.taxonomy import DEFAULT_PERPETRATOR

    default = DEFAULT_PERPETRATOR.get(event.sub_event_type)
    if default is None or event.actor1 is None or any(e.field == "actor1" for e in event.evidence):
        return False
    names = {default[0], fill_country(default[0], event.location.country)}
    return event.actor1.name in names


def event_evidence(event: Event, incidents: Iterable[Incident]) -> Evidence:
    """The evidence of an event whose arguments are filled: its incidents' and its record's."""
    base = incident_evidence(incidents)
    actors = [a for a in (event.actor1, event.actor2) if a is not None]
    if event.actor1 is not None and _default_perpetrator(event):
        actors.remove(event.actor1)  # inferred, not read: no evidence of an event
    counts = (event.fatalities.best, event.injuries.best, event.detained.best)
    note = event.date_note or ""
    return Evidence(
        specific_trigger=base.specific_trigger,
        weak_only=base.weak_only,
        genre_words=base.genre_words,
        human_patient=base.human_patient,
        count=base.count or any((c or 0) > 0 for c in counts),
        armed_actor=any(a.inter in ARMED_INTER for a in actors),
        actor=bool(actors),
        weapon=bool(event.weapons),
        place=event.location.name is not None or event.location.country_code is not None,
        dated=bool(event.event_date) and not note.startswith(UNDATED_PREFIXES)
        and "publication date used" not in note,
        sentences=base.sentences,
        act_words=base.act_words,
        headline_only=base.headline_only,
        hedged=base.hedged or event.certainty == "alleged",
        label=base.label,
        tally=base.tally,
    )
