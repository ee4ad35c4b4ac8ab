"""Tallies: reports of many incidents at once, which no one event stands for.

News sums violence up: waves ("ola de violencia en Guanajuato", "wave of
violence"), digests of a day's crime ("las noticias policiacas de hoy en
Puebla"), running and monthly tolls ("Tijuana supera los 500 homicidios en lo
que va del año", "140 homicidios durante abril").  Such a report tells no event
of its own, yet it says where violence happened; a coder of the article's
incidents (UCDP GED) codes them there.  Detect reads such a sentence as a
*tally*: an incident that carries its place and actors, never a count (a
cumulative toll is no event's count, issue 12), with a confidence below the
default ``min_confidence`` (``blotter.relevance.confidence.TALLY_CONFIDENCE``),
so users see it only when they ask for every event.

The words are the packs' (``cues.toml``):

- ``tally``: waves, roundups and digests, which tell violence by themselves;
- ``running_toll``: running and monthly tolls ("en lo que va del año", "so far
  this year"), which make a tally only of a sentence that also tells violence
  (an act or a death toll).

Either makes a tally only of a sentence that would otherwise give no current
event: it tells no act as one incident ("Sufre Guanajuato ola de violencia"),
or its date sets it in the past ("140 homicidios durante abril" in a report of
May).  A sentence telling an event of its own beside the wave or the toll
("en medio de la ola de violencia, matan a dos", "matan a dos; suman 500 en lo
que va del año") stays that event, with its own count.  And tallies are read
only in a report that tells no current event of its own: beside one, a toll
is the event's context ("so far this year, about 100 people have been killed
in clashes" after an attack), as it was before tallies were read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from blotter.fields.dates import YEAR_ONLY_NOTE, DateRef, safe_date
from blotter.lang.lexicon import STRONG_GROUPS
from blotter.stages.incident import BACKGROUND_GROUPS, Incident, SentenceCues

#: The packs' cue group of waves, roundups and digests of violence.
TALLY_GROUP = "tally"
#: The packs' cue group of running and monthly tolls.
RUNNING_TOLL_GROUP = "running_toll"
#: A dated tally is the report's when its period ("durante abril", "en lo que
#: va de 2022") ends at most this many days before the report: a month's or a
#: year's toll is told in the days after it closes ("Guanajuato cierra octubre
#: con 362 homicidios" on 2 November), an older one is history.
TALLY_RECENT_DAYS = 31


def period_end(when: DateRef) -> date:
    """The last day *when* can mean; a bare year's is its 31 December."""
    if when.note == YEAR_ONLY_NOTE:
        return safe_date(when.value.year, 12, 31) or when.value
    return when.last_day()


def recent(when: DateRef | None, report: date | None) -> bool:
    """True if a tally dated *when* runs up to the report (undated: always)."""
    if when is None or report is None:
        return True
    return (report - period_end(when)).days <= TALLY_RECENT_DAYS


def tells_violence(sc: SentenceCues) -> bool:
    """True if *sc* names a violent act or a death or injury toll."""
    return sc.has(*STRONG_GROUPS) or any(
        c.value > 0 and c.kind in ("killed", "injured") for c in sc.counts
    )


def is_tally(sc: SentenceCues, background: bool, report: date | None) -> bool:
    """True if *sc* reports many incidents at once (module docstring).

    *background* says whether its date sets it before the report's event
    (*report*, the report's date).  Questions, figures of a sport or market
    text, abstract acts and words setting it in the past make no tally.
    """
    if sc.is_event and not background:
        return False  # an event of its own
    if sc.label or sc.figurative or sc.abstract or sc.is_question or sc.is_unreal:
        return False
    if sc.has(*BACKGROUND_GROUPS) or not recent(sc.dates[0] if sc.dates else None, report):
        return False
    return sc.has(TALLY_GROUP) or (sc.has(RUNNING_TOLL_GROUP) and tells_violence(sc))


def add_tallies(
    incidents: list[Incident],
    cues: list[SentenceCues],
    background: Callable[[SentenceCues, date | None], bool],
    report: date | None,
) -> list[Incident]:
    """*incidents* with one tally incident per tally sentence of *cues*, when
    none of *incidents* is current (module docstring).

    *background* says whether a sentence is background by its date, against
    *report*, the report's date.  A background incident told only by tally
    sentences gives way to their tallies; each tally sentence's counts are
    blanked (a cumulative toll is no event's count).
    """
    if any(not inc.background for inc in incidents):
        return incidents
    found = [sc for sc in cues if is_tally(sc, background(sc, report), report)]
    if not found:
        return incidents
    told = {id(sc) for sc in found}
    kept = [inc for inc in incidents if not all(id(sc) in told for sc in inc.cues)]
    for sc in found:
        sc.tally = True
        sc.counts = []
        kept.append(Incident(cues=[sc], date=sc.dates[0] if sc.dates else None))
    return sorted(kept, key=lambda inc: inc.cues[0].sentence.start)
