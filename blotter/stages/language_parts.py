"""Headline bundles in two languages: each line read with its own language's pack.

A short record can be a bundle of headlines of one story from several outlets
(UCDP GED's "headlines": "Thirty killed in two days in Mexico's Chihuahua" over
"Disputas entre los cárteles ... deja 32 muertos en Chihuahua"). Read with one
pack, the lines in the other language give nothing (no cue, no count, no
place). When the lines of a short text name different packs' languages, the
pipeline reads one view of the text per language, the other lines blanked out
(same length, so every offset and evidence span stays valid), and the views'
events are joined into one document: an incident told in both languages is
folded into one event, as the fuse stage folds repeats within one text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from blotter.document import Article, Document
from blotter.lang import has_pack
from blotter.record import Event

#: Texts longer than this are read in one language: a bundle of headlines (GED
#: Mexico dev: 779 multi-line records, all under 1,500 characters but a handful)
#: is short, and a full article's paragraphs share its language; checking every
#: paragraph of a long article would multiply the cost of language detection.
MAX_BUNDLE_CHARS = 1_500
#: ... and so are texts of more lines than this (a digest of many notes is read
#: as it was before, one language for all).
MAX_BUNDLE_LINES = 12
_LINE = re.compile(r"[^\r\n]+")
#: When the two languages' tellings of one story differ in type, the clash
#: stands: it says there were two armed sides, where the other line tells only
#: the dead ("Thirty killed ..." over "Disputas entre los cárteles ... deja 32
#: muertos": GED codes such bundles as battles between the groups).
ARMED_CLASH = "Armed clash"


def line_languages(text: str) -> list[tuple[int, int, str]]:
    """Each non-empty line's span and the pack language it is read in, for a
    bundle whose lines name two packs' languages or more; else empty.

    A line detection cannot place, or places in a language without a pack
    ("Mexico security update 18 September 2019" is scored as Nigerian
    Pidgin), goes with the line before it (the first line with the one after
    it): a continuation ("ayer fueron 2") is in its headline's language. So
    does a line in capitals: with every word capitalised, names cannot be
    told from grammar (hard-wrapped wire copy in capitals, "BUENOS AIRES, 7
    FEB 89 -- [TEXT] BUENOS AIRES POLICE CHIEF ...", is English throughout).
    """
    if len(text) > MAX_BUNDLE_CHARS:
        return []
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    if not 2 <= len(lines) <= MAX_BUNDLE_LINES:
        return []
    from blotter.ingest.language import detect_language

    found = [
        detect_language(text[a:b]) if not text[a:b].isupper() else None for a, b in lines
    ]
    langs: list[str | None] = [code if code and has_pack(code) else None for code in found]
    if len({code for code in langs if code is not None}) < 2:
        return []
    first = next(code for code in langs if code is not None)
    out: list[tuple[int, int, str]] = []
    previous = first
    for (a, b), code in zip(lines, langs, strict=True):
        previous = code or previous
        out.append((a, b, previous))
    return out


def split_by_language(article: Article) -> list[Article]:
    """One view of *article* per language of its lines (see ``line_languages``),
    or the article alone. A view keeps the text's length: the other lines'
    characters are spaces (line breaks kept), so offsets stay the text's."""
    spans = line_languages(article.text)
    if not spans:
        return [article]
    views: list[Article] = []
    for language in dict.fromkeys(code for _a, _b, code in spans):
        chars = [c if c in "\r\n" else " " for c in article.text]
        for a, b, code in spans:
            if code == language:
                chars[a:b] = article.text[a:b]
        views.append(replace(article, text="".join(chars), language=language, warnings=[]))
    return views


def join_views(article: Article, views: list[Document]) -> Document:
    """One document of *article* from its language views, as the stages that
    read one language left them (``per_language`` stages): the views'
    sentences (numbered again in text order), mentions, incidents and events
    in text order. Places and fusion are then read over the whole text: a
    line's place helps the other language's events ("Sinaloa: ... leaves 5
    dead" under a Spanish headline), and an incident told in both languages
    is folded into one event by the fuse stage."""
    if len(views) == 1 and views[0].article is article:
        return views[0]
    doc = Document(article)
    for view in views:
        article.warnings += [w for w in view.article.warnings if w not in article.warnings]
    renumber: list[dict[int, int]] = [{} for _ in views]
    ordered = sorted(
        ((s.start, i, s) for i, v in enumerate(views) for s in v.sentences),
        key=lambda t: (t[0], t[1]),
    )
    for new, (_start, i, sentence) in enumerate(ordered):
        renumber[i][sentence.index] = new
    for new, (_start, _i, sentence) in enumerate(ordered):
        sentence.index = new  # the incidents hold these same objects
    doc.sentences = [s for _start, _i, s in ordered]
    doc.paragraphs = sorted({p for v in views for p in v.paragraphs})
    doc.boilerplate = sorted({b for v in views for b in v.boilerplate})
    doc.header_date = next((v.header_date for v in views if v.header_date is not None), None)
    doc.parses = {
        renumber[i][k]: parse for i, v in enumerate(views) for k, parse in v.parses.items()
    }
    doc.mentions = sorted(
        (
            replace(m, sentence=renumber[i][m.sentence])
            for i, v in enumerate(views)
            for m in v.mentions
        ),
        key=lambda m: (m.sentence, m.trigger_start),
    )
    told = sorted(
        (
            (_first_offset(e), i, e, inc)
            for i, v in enumerate(views)
            for e, inc in zip(v.events, v.incidents, strict=True)
        ),
        key=lambda t: (t[0], t[1]),
    )
    doc.events = [e for _o, _i, e, _inc in told]
    doc.incidents = [inc for _o, _i, _e, inc in told]
    doc.view_of = {id(e): i for _o, i, e, _inc in told}
    return doc


def retold(a: Event, b: Event) -> bool:
    """True if current events *a* and *b*, read in different languages of one
    bundle, tell one story: the bundle's lines are headlines of one report, so
    only a line that gives its own count in another state is an event of its
    own ("Asesinan a 26 en Zacatecas" over "eight people murdered in
    Fresnillo" is one story; the type each language's words give may differ:
    "Disputas entre los cárteles ... deja 32 muertos" and "Thirty killed")."""
    if a.is_background or b.is_background:
        return False
    elsewhere = None not in (a.location.admin1, b.location.admin1) and (
        a.location.admin1 != b.location.admin1
    )
    counted = a.fatalities.best is not None and b.fatalities.best is not None
    return not (elsewhere and counted)


def fold_views(doc: Document, events: list[Event]) -> list[Event]:
    """*events* with each one read in a later language view folded into an
    earlier one of another view that it retells (``retold``)."""
    if not doc.view_of:
        return events
    from blotter.stages.fuse import merge_into

    kept: list[Event] = []
    for event in events:
        view = doc.view_of.get(id(event))
        twin = next(
            (k for k in kept if doc.view_of.get(id(k)) != view and retold(k, event)), None
        )
        if twin is None:
            kept.append(event)
            continue
        if event.sub_event_type == ARMED_CLASH != twin.sub_event_type:
            twin.event_type, twin.sub_event_type = event.event_type, event.sub_event_type
        for side in ("actor1", "actor2"):  # a named group of either telling stands
            mine, theirs = getattr(twin, side), getattr(event, side)
            if theirs is not None and "{country}" not in theirs.name and (
                mine is None or "{country}" in mine.name
            ):
                setattr(twin, side, theirs)
        merge_into(twin, event)
        if twin.location.name is None and event.location.name is not None:
            twin.location = event.location
    return kept


def _first_offset(event: Event) -> int:
    return min((e.start for e in event.evidence), default=0)
