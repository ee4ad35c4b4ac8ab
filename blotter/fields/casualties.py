"""Casualty counts: killed, injured and detained, UCDP-style best/low/high.

Counts are read per sentence ("14 police officers were killed", "killing
three civilians", "the death toll rose to 14") and combined per event:
different victim groups add up (2 police and 2 militants killed = 4), the
same group told twice does not, and a rising toll is a revision (low = the
first credible report, best = the latest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from blotter.fields.casualty_patterns import (
    KINDS,
    NOUN,
    PASSIVE,
    CasualtyPatterns,
    casualty_patterns,
)
from blotter.fields.numbers import read_digits, to_int
from blotter.lang import Locale, default_locale
from blotter.lang.casing import case_view
from blotter.record import Count

__all__ = ["KINDS", "ClaimedLosses", "CountMention", "casualty_patterns", "claimed_losses",
           "combine", "find_counts", "has_split", "listed_toll", "own_figures", "split_share"]

#: Counts above this are misreadings (phone numbers, sums of money), not tolls.
MAX_COUNT = 100_000
#: ACLED codes an unknown plural toll ("causing fatalities") as 10.
UNKNOWN_TOLL_VALUE = 10
#: Characters of context looked at before a count (for ranges and subsets).
BEFORE_CHARS = 20
#: Characters around a count read for a period it sums over ("this year").
CUMULATIVE_CHARS = 60
#: Characters before a count or a companion read for the one person named
#: first ("The Chief and two members of his detail", an appositive included).
HEAD_CHARS = 160
#: A tally noun's count from this value: "a murder" is no count of the dead.
MIN_TALLY = 2
#: ... and up to this one: an event's dead told with these nouns are a few ("two
#: murders", "nine homicides"); hundreds and thousands of them are statistics.
MAX_TALLY = 99
#: Characters between two passive counts of one clause ("6 fighters were killed by
#: fire and 3 were killed by IEDs"); farther apart they tell the same victims again.
MORE_CHARS = 60
#: Groups of a list read before its last two ("3 police, 2 soldiers, 4 civilians and ...").
MAX_LIST_ITEMS = 6
#: Characters after a victim's companions read for a verb of a count in the same
#: clause ("and his wife and child seriously injured": the companions are no victims).
TAIL_CHARS = 80
#: What ends that clause.
_CLAUSE_END = re.compile(r"[,.;:]")
#: Count words of the article, which open most sentences ("A bomb planted near
#: the house of a policeman was ..."): the clause form reads numbers only.
ARTICLES = frozenset({"a", "an"})
#: Group of a suicide attacker's death read from the attack alone ("a suicide
#: bomber blew himself up", "a suicide bomber killed ..."; session 15). It is the
#: event's count only when nothing else of the event counts deaths: on RDWTI
#: (GTD's counts) "the bomber struck" with no other toll is the bomber's one
#: death (+26 -3 records), but where victims are counted GTD adds the bomber in
#: some records and not in others (62 gains, 90 losses when added).
SELF_DEATH_GROUP = "attacker alone"


@dataclass(frozen=True)
class CountMention:
    """One count read from text."""

    kind: str  # killed | injured | detained
    value: int
    vague: bool
    group: str
    start: int
    end: int
    toll: bool = False
    earlier: bool = False
    qualifier: str | None = None
    #: Told as more victims than those counted already ("10 additional
    #: victims", "a man and a woman", "also detained two"): added, not merged.
    additional: bool = False


#: One word or two in quotation marks ("leaving "dozens" dead", "'some' fighters
#: killed", "killed 'more than' 20 people"):
#: the marks are blanked (same offsets) so the word is read as a count.
_QUOTED_WORD = re.compile(r"(?<![\w'’])[\"“'‘](\w+(?: \w+)?)[\"”'’](?![\w'’])")


def _unquote(text: str) -> str:
    """*text* with the quotation marks around single words overwritten by spaces."""
    return _QUOTED_WORD.sub(lambda m: " " + m.group(1) + " ", text)


def _looks_like_year(raw: str) -> bool:
    """A four-digit number in the range of years is a date, not a toll."""
    return raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2100


def _group(victim: str, groups: dict[str, tuple[str, ...]]) -> str:
    """Victim group of the words between a number and its verb."""
    words = victim.lower().split()
    for word in reversed(words):
        for group, stems in groups.items():
            if word.startswith(stems):
                return group
    return "people"


def _mask_ages(text: str, pats: CasualtyPatterns) -> str:
    """*text* with each age ("a twenty-year-old man") overwritten by one letter word of
    the same length, so no count is read from it and offsets stay."""
    if not pats.age_gate.search(text):
        return text
    return pats.age.sub(lambda m: "y" * len(m.group(0)), text)


def _subject_not_victims(m: re.Match[str], text: str, pats: CasualtyPatterns) -> bool:
    """True if a passive-looking count without a be/have auxiliary is the subject of
    a transitive verb: "two armed men shot and killed a man" counts the killers."""
    return (
        not pats.passive_aux.search(m.groupdict().get("aux") or "")
        and not pats.intransitive.fullmatch(m["verb"])
        and pats.object_after.match(text, m.end()) is not None
    )


def _taken(taken: list[tuple[int, int, str]], s: int, kind: str) -> bool:
    return any(a <= s < b and k == kind for a, b, k in taken)


def find_counts(text: str, offset: int = 0, locale: Locale | None = None) -> list[CountMention]:
    """All casualty counts in one sentence, in text order."""
    pats = casualty_patterns(locale)
    if not pats.count_words.search(text):
        return []
    # ALL-CAPS wire copy read as mixed case, so that the name forms see names
    text = case_view(
        _unquote(_mask_ages(text, pats)), (locale or default_locale()).word_frequency,
        pats.group_stems,
    )
    found: list[CountMention] = []
    taken: list[tuple[int, int, str]] = []
    #: (kind, start, end) of one person named before "and N ... were killed",
    #: counted at the end if no count was read there.
    heads: list[tuple[str, int, int]] = []
    for m in pats.toll.finditer(text):
        value, vague = to_int(m["num"], locale)
        if value is not None:
            s, e = m.span("num")
            taken.append((s, e, "killed"))
            found.append(
                CountMention("killed", value, vague, "toll", s + offset, e + offset, toll=True)
            )
    for kind, patterns in pats.per_kind.items():
        for pattern, gate, form in patterns:
            if gate is not None and not gate.search(text):
                continue
            for m in pattern.finditer(text):
                s, e = m.span("num")
                if _taken(taken, s, kind):
                    continue
                if pats.subset.search(text[max(0, s - BEFORE_CHARS) : s]):
                    continue
                value, vague = to_int(m["num"], locale)
                if value is None or value > MAX_COUNT or _looks_like_year(m["num"]):
                    continue
                verb_form = form == PASSIVE or (
                    form == NOUN and pats.verb[kind].fullmatch(m["verb"]) is not None
                )
                if verb_form and _subject_not_victims(m, text, pats):
                    continue
                if pats.non_victim.match(text, e) or pats.other_noun[kind].match(text, e):
                    continue  # "killing 15 cattle", "1 killed 3 injured"
                victim = m["victim"] or ""
                ranged = pats.range_before.search(text[max(0, s - BEFORE_CHARS) : s])
                low = read_digits(ranged["a"] or ranged["b"]) if ranged else None
                if low is not None:
                    value = min(value, low)
                if _period_toll(text, text[max(0, s - CUMULATIVE_CHARS) : s], e, pats):
                    continue  # "300 killed this year": a period's toll, not the event's
                if m.groupdict().get("tally") and _tally(text, s, m.end(), value, vague, pats):
                    continue  # "979 Homicides 2018", "accused of over 100 murders"
                taken.append((s, e, kind))
                if form == PASSIVE:  # "was shot dead along with a colleague"
                    _tail_companions(text, m.end(), kind, pats, taken, found, offset, locale)
                if form == PASSIVE and not vague and pats.with_end.search(text[max(0, s - 25) : s]):
                    hb = pats.head_before.search(text[max(0, s - HEAD_CHARS) : s])
                    if hb:
                        heads.append((kind, s - len(hb.group(0)), s))
                # "6 fighters were killed by fire and 3 were killed by IEDs": a second
                # passive count of no victim word after "and" tells more victims
                told_more = (
                    form == PASSIVE
                    and not victim.strip()
                    and any(
                        c.kind == kind and not c.toll and 0 <= s - (c.end - offset) <= MORE_CHARS
                        and pats.and_word.search(text[c.end - offset : s])
                        and not pats.break_.search(text[c.end - offset : s])
                        for c in found
                    )
                )
                qual = " ".join(m["qual"].lower().split()) if m["qual"] else None
                earlier = bool(pats.earlier.search(m.group(0)))
                lead = text[max(0, m.start() - BEFORE_CHARS) : m.start()] + m.group(0)
                found.append(
                    CountMention(
                        kind,
                        value,
                        vague,
                        _group(victim, pats.victim_groups),
                        s + offset,
                        e + offset,
                        earlier=earlier,
                        qualifier=qual,
                        additional=told_more
                        or bool(pats.additional.search(victim) or pats.also.search(lead)),
                    )
                )
    for kind, pattern in pats.clause.items() if pats.clause_start.match(text) else ():
        _clause_subject(text, kind, pattern, pats, taken, found, offset, locale)
    joined = pats.conj_gate.search(text) is not None
    for kind, pattern in pats.conjoined.items() if joined else ():
        for m in pattern.finditer(text):
            if pats.subset.search(text[max(0, m.start() - BEFORE_CHARS) : m.start()]):
                continue  # "4 children including a girl and three boys": one group
            for i in ("1", "2"):
                s, e = m.span("num" + i)
                value, vague = to_int(m["num" + i], locale)
                if value is None or _looks_like_year(m["num" + i]) or _taken(taken, s, kind):
                    continue
                if i == "1" and _no_person(m["num1"], m["victim1"], pats):
                    continue  # "A clash broke out and 3 suspects were killed": no victim
                taken.append((s, e, kind))
                group = _group(m["victim" + i] or "", pats.victim_groups)
                found.append(
                    CountMention(
                        kind, value, vague, group, s + offset, e + offset, additional=i == "1"
                    )
                )
            _list_items(text, m.start(), kind, pats, taken, found, offset, locale)
    for kind, pattern in pats.active_conjoined.items() if joined else ():
        for m in pattern.finditer(text):
            s, e = m.span("num2")
            value, vague = to_int(m["num2"], locale)
            if value is None or value > MAX_COUNT or _looks_like_year(m["num2"]):
                continue
            if _taken(taken, s, kind) or pats.non_victim.match(text, e):
                continue
            if not _taken(taken, m.start("num1"), kind):
                continue  # the first group was not read as a count (a year, a cumulative toll)
            taken.append((s, e, kind))
            group = _group(m["victim2"] or "", pats.victim_groups)
            found.append(
                CountMention(kind, value, vague, group, s + offset, e + offset, additional=True)
            )
    _companions(text, pats, taken, found, offset, locale)
    for kind, a, b in heads:
        if pats.subset.search(text[max(0, a - BEFORE_CHARS) : a]):
            continue  # "4 children including a girl and three boys"
        if not any(a <= s < b and k == kind for s, _e, k in taken):
            found.append(CountMention(kind, 1, False, "people", a + offset, b + offset,
                                      additional=True))
    for kind in KINDS:
        if any(c.kind == kind for c in found):
            continue
        for m in pats.single[kind].finditer(text):
            name = next((g for g, v in m.groupdict().items() if v and g.startswith("num")), None)
            if name is None:
                continue
            found.append(
                CountMention(
                    kind, 1, False, "people", m.start(name) + offset, m.end(name) + offset,
                    additional=bool(pats.also.search(m.group(0))),
                )
            )
            _tail_companions(text, m.end(), kind, pats, taken, found, offset, locale)
    attackers = list(pats.attacker.finditer(text))
    # "killed himself and two others" counts the attacker already: a "blew himself
    # up" of the same sentence (self4) is the same death
    counted = any(not (m["self4"] or m["self5"]) for m in attackers)
    for m in attackers:
        # the attackers' own deaths, which ACLED and GTD count: "in addition to the assailant"
        who = next(g for g in ("self", "self3", "self2", "self4", "self5") if m[g])
        if who in ("self4", "self5") and counted:
            continue
        if who == "self5" and any(a["self4"] for a in attackers):
            continue  # "a suicide bomber blew himself up": one death
        more, _vague = to_int(m["num"], locale) if m["num"] else (0, False)
        if any(a <= m.start(who) < b for a, b, _k in taken):
            continue
        found.append(
            CountMention(
                "killed",
                1 + (more or 0),
                False,
                SELF_DEATH_GROUP if who in ("self4", "self5") else "attackers",
                m.start(who) + offset,
                m.end() + offset,
                additional=who != "self2",
            )
        )
    if not any(c.kind == "killed" for c in found):
        for m in pats.unknown_toll.finditer(text):
            found.append(
                CountMention(
                    "killed",
                    UNKNOWN_TOLL_VALUE,
                    True,
                    "people",
                    m.start() + offset,
                    m.end() + offset,
                )
            )
    for m in pats.zero.finditer(text):
        what = next((v for v in m.groupdict().values() if v), "").lower()
        for kind in pats.zero_kinds.get(what, ["killed"]):
            found.append(CountMention(kind, 0, False, "none", m.start() + offset, m.end() + offset))
    found.sort(key=lambda c: c.start)
    return found


#: An apposition or parenthesis inside a subject ("Two journalists, one French and
#: the other Australian, were killed"), taken out before the subject is checked.
_ASIDE = re.compile(r",[^,]*,")
#: A parenthesis or bracket in it ("Three Central Reserve Police Force (CRPF) officers").
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _period_toll(text: str, before: str, after: int, pats: CasualtyPatterns) -> bool:
    """True if a count is a period's toll, not an event's: the words after it (from
    *after* up to a comma) or the text *before* it say so ("300 killed this year",
    "since January, 40 people have been killed")."""
    return bool(
        pats.cumulative.search(text[after : after + CUMULATIVE_CHARS].split(",")[0])
        or pats.cumulative_before.search(before)
    )


def _tally(
    text: str, start: int, end: int, value: int, vague: bool, pats: CasualtyPatterns
) -> bool:
    """True if a count of a crime-statistics noun ("murders", "homicides") is a
    tally or a charge, not the event's dead: under two, vague, a period after it
    up to a comma or a line's end ("979 Homicides 2018", "60 murders in April"),
    in the hundreds,
    or a charge or statistic before it ("accused of over 100 murders")."""
    return (
        not MIN_TALLY <= value <= MAX_TALLY
        or vague
        or pats.tally_after.search(text[end : end + CUMULATIVE_CHARS]) is not None
        or pats.tally_before.search(text[max(0, start - CUMULATIVE_CHARS) : start]) is not None
    )


def _clause_subject(
    text: str,
    kind: str,
    pattern: re.Pattern[str],
    pats: CasualtyPatterns,
    taken: list[tuple[int, int, str]],
    found: list[CountMention],
    offset: int,
    locale: Locale | None,
) -> None:
    """A count opening the sentence whose passive verb comes after a subject longer than
    the passive form reads: "Four students at the Koranic school were killed"."""
    m = pattern.match(text)
    if m is None or m["num"].lower() in ARTICLES:
        return
    s, e = m.span("num")
    if _taken(taken, s, kind) or _looks_like_year(m["num"]):
        return
    victim = m["victim"]
    if pats.clause_not_victim.match(victim) or pats.clause_verb.search(victim):
        return
    if pats.clause_relative.search(victim.split()[-1]):
        return  # "the body of a man who was killed": the relative clause's verb
    bare = _PARENS.sub(" ", victim)
    sub = pats.clause_subset.search(bare)  # "ten people, including seven police officers"
    if sub and ("," in bare[sub.end() :].rstrip(" ,") or pats.clause_aux.search(bare, sub.end())):
        return  # the subset is no aside: "300 people, including students, held a protest"
    lead = _ASIDE.sub(" ", bare[: sub.start()] if sub else bare).rstrip(" ,")
    rel = pats.clause_relative.search(lead)
    main, relative = (lead[: rel.start()], lead[rel.end():]) if rel else (lead, "")
    if "," in lead or pats.clause_stop.search(main) or pats.clause_stop_relative.search(relative):
        return  # (a comma left: a list or a clause, not one subject)
    value, vague = to_int(m["num"], locale)
    if value is None or vague or not 0 < value <= MAX_COUNT:
        return
    if _period_toll(text, text[:s], m.end(), pats):
        return  # "Three judges have been murdered so far this year"
    if sub:  # counts read inside the subset are part of this one
        a, b = m.start("victim"), m.end()
        found[:] = [c for c in found if not (c.kind == kind and a <= c.start - offset < b)]
    taken.append((s, e, kind))
    qual = " ".join(m["qual"].lower().split()) if m["qual"] else None
    found.append(
        CountMention(kind, value, vague, _group(main, pats.victim_groups), s + offset,
                     e + offset, qualifier=qual,
                     additional=bool(pats.additional.search(main) or pats.also.search(m["aux"])))
    )


def _no_person(num: str, victim: str | None, pats: CasualtyPatterns) -> bool:
    """True if an article read as a count of one (*num*) names nobody: its words
    (*victim*) hold no person word ("a heavy fight", "A clash broke out")."""
    return num.lower() in ARTICLES and pats.person_word.search(victim or "") is None


def _list_items(
    text: str,
    pos: int,
    kind: str,
    pats: CasualtyPatterns,
    taken: list[tuple[int, int, str]],
    found: list[CountMention],
    offset: int,
    locale: Locale | None,
) -> None:
    """The earlier groups of a list before a conjoined count at *pos*: "3 local
    policemen, 2 militia members, and 1 soldier were killed" adds the 3."""
    for _ in range(MAX_LIST_ITEMS):
        window = max(0, pos - HEAD_CHARS)
        lm = pats.list_before.search(text[window:pos])
        if lm is None or not lm["comma"]:
            return
        s, e = window + lm.start("num"), window + lm.end("num")
        value, vague = to_int(lm["num"], locale)
        if value is None or _looks_like_year(lm["num"]) or _taken(taken, s, kind):
            return
        if _no_person(lm["num"], lm["victim"], pats):
            return  # "After a heavy fight, five militants and one soldier": no victim
        taken.append((s, e, kind))
        found.append(
            CountMention(kind, value, vague, _group(lm["victim"], pats.victim_groups),
                         s + offset, e + offset, additional=True)
        )
        pos = window + lm.start()


def _companions(
    text: str,
    pats: CasualtyPatterns,
    taken: list[tuple[int, int, str]],
    found: list[CountMention],
    offset: int,
    locale: Locale | None,
) -> None:
    """A victim and his companions: "a Red Cross official and his driver were killed"
    (2), "killed a district chairman and his bodyguard" (the bodyguard added)."""
    if not pats.possessive.search(text):
        return
    for kind, pattern in pats.companion.items():
        for m in pattern.finditer(text):
            raw = m["num"] or m["num2"]
            at = m.start("num") if m["num"] else m.start("num2") if m["num2"] else m.end()
            if _taken(taken, at, kind):
                continue  # "and one of his bodyguards were killed" read already
            many = to_int(raw, locale)[0] if raw else 1
            if many is None:
                continue
            taken.append((at, at + 1, kind))
            if m["head"]:
                many += 1
                taken.append((m.start("head"), m.end("head"), kind))
            else:
                before = pats.list_before.search(text[max(0, m.start() - HEAD_CHARS) : m.start()])
                lead = to_int(before["num"], locale)[0] if before else None
                many += lead if lead is not None and before and not before["comma"] else 1
            found.append(CountMention(kind, many, False, "people", at + offset, at + offset + 1))
    for kind, pattern in pats.companion_active.items():
        for m in pattern.finditer(text):
            raw = m["num"] or m["num2"]
            at = m.start("num") if m["num"] else m.start("num2") if m["num2"] else m.start("end")
            if _taken(taken, at, kind) or (not raw and m["end"].lower().endswith("s")):
                continue  # read already, or plural without a number ("and his friends")
            many = to_int(raw, locale)[0] if raw else 1
            if many is None:
                continue
            taken.append((at, at + 1, kind))
            found.append(CountMention(kind, many, False, "people", at + offset, at + offset + 1,
                                      additional=True))


def _tail_companions(
    text: str,
    pos: int,
    kind: str,
    pats: CasualtyPatterns,
    taken: list[tuple[int, int, str]],
    found: list[CountMention],
    offset: int,
    locale: Locale | None,
) -> None:
    """The companions told after a victim's verb or a victim read without a number,
    from *pos* on: "killing him, his wife and his father-in-law" adds two, "was
    assassinated along with three of his bodyguards" three; a plural without a
    count adds none, and none is added when a verb of a count follows them in the
    clause ("killed, and his wife and child seriously injured")."""
    told: list[CountMention] = []
    for _ in range(MAX_LIST_ITEMS):
        m = pats.single_tail.match(text, pos)
        if m is None:
            break
        raw = m["num"] or m["num2"]
        many = to_int(raw, locale)[0] if raw else None
        if many is None:
            if raw or m["plural"] or m["many"]:
                break  # "and his sons", "and others": how many is not told
            many = 1
        at = m.start("num") if m["num"] else m.start("num2") if m["num2"] else m.start("who")
        if not 0 < many <= MAX_COUNT or _taken(taken, at, kind):
            break
        told.append(CountMention(kind, many, False, "people", at + offset,
                                 m.end("who") + offset, additional=True))
        pos = m.end()
    if not told or pats.any_verb.search(_CLAUSE_END.split(text[pos : pos + TAIL_CHARS])[0]):
        return
    for c in told:
        taken.append((c.start - offset, c.end - offset, kind))
    found.extend(told)


def has_split(text: str, locale: Locale | None = None) -> bool:
    """True if *text* (an ACLED note) splits its toll over several events."""
    return casualty_patterns(locale).split.search(text) is not None


def split_share(total: int | None, text: str, locale: Locale | None = None) -> int | None:
    """An event's share of a toll the note splits over several events, else *total*."""
    m = casualty_patterns(locale).split.search(text)
    if total is None or m is None:
        return total
    each = read_digits(m["each"]) if m["each"] else None
    if each is not None:
        return each
    parts = to_int(m["n"], locale)[0] or 1
    # a victim told is one event's at least ("killing the passenger ... Fatalities
    # split across the four days" is 1, not 0)
    return max(1, total // parts) if total > 0 else total


#: Characters after a count within which "unconfirmed" makes it another figure,
#: up to the end of its sentence or parenthesis (a comma does not end it: "killing 20
#: persons (13 police and 7 militia, fatalities unconfirmed)").
UNCONFIRMED_CHARS = 60
_SENTENCE_PART_END = re.compile(r"[.;)]")


def _alternative(text: str, start: int, pats: CasualtyPatterns) -> bool:
    """True if the count at *start* of sentence *text* is another source's figure or a
    claim: a lead before it ("Other sources report", "Al Shabaab claimed killing"),
    or "unconfirmed" after it in its clause."""
    lead = pats.alternative.search(text)  # (its look-ahead reads the count itself)
    if lead is not None and lead.start() <= start:  # ("some sources reported": no count)
        return True
    after = _SENTENCE_PART_END.split(text[start : start + UNCONFIRMED_CHARS])[0]
    return pats.unconfirmed.search(after) is not None


#: Characters before a count read for a killing told as the event's motive
#: ("who were accused of killing three people").
MOTIVE_CHARS = 80


def _motive(text: str, start: int, pats: CasualtyPatterns) -> bool:
    """True if the count at *start* of sentence *text* is a killing told as the
    event's motive ("lynched a man suspected to be behind the killing of two
    children"), read in its clause just before it."""
    before = re.split(r"[.;:]", text[max(0, start - MOTIVE_CHARS) : start])[-1]
    return pats.motive.search(before) is not None


def own_figures(
    told: list[tuple[str, int, list[CountMention]]], locale: Locale | None = None
) -> tuple[list[CountMention], bool]:
    """The count mentions of sentences *told* ((text, start, mentions) each) without
    the figures of other sources and claims when the report tells its own of that
    kind ("At least three people were killed ... The Star reports 4 dead": 3); a
    kind told only by them keeps them.  Without a killing told as the motive when
    another is told ("lynched a man accused of killing three": 1); the victims of a
    sentence telling another event of the note ("In another event, a man was
    killed") are added to the others.  Also True if every killed figure was another
    source's or a claim and the report calls them unconfirmed (ACLED's figure for
    an unverified toll is then the most it codes)."""
    pats = casualty_patterns(locale)
    own: list[CountMention] = []
    other: list[CountMention] = []
    unconfirmed = False
    told = [  # a note's further killing of the same day: its victims are more
        (text, start, [replace(c, additional=True) for c in mentions]
         if pats.another_event.match(text) else mentions)
        for text, start, mentions in told
    ]
    for text, start, mentions in told:
        unconfirmed = unconfirmed or pats.unconfirmed.search(text) is not None
        for c in mentions:
            (other if _alternative(text, c.start - start, pats) else own).append(c)
    motives = {c for text, start, mentions in told for c in mentions
               if c.kind == "killed" and _motive(text, c.start - start, pats)}
    if any(c.kind == "killed" and c not in motives for c in own):
        own = [c for c in own if c not in motives]  # the event's toll, not its motive
    kinds = {c.kind for c in own if c.group != "none"}
    kept = own + [c for c in other if c.kind not in kinds]
    capped = unconfirmed and any(c.kind == "killed" for c in other) and "killed" not in kinds
    return sorted(kept, key=lambda c: c.start), capped


@dataclass(frozen=True)
class ClaimedLosses:
    """One side's claim of its enemy's losses over several places ("According to
    Russian sources, up to 590 Ukrainian servicemen were killed near A, B, ... H")."""

    value: int  # the figure claimed
    start: int  # of that figure in the text
    end: int
    places: tuple[str, ...]  # the places the claim lists, in its order
    list_start: int  # of the list in the text
    list_end: int
    #: The figure ACLED shares out over the places; None: a claim's, the unverified
    #: plural toll (``UNKNOWN_TOLL_VALUE``, or the claim if smaller).
    total: int | None = None
    #: Shared evenly, each place the rounded quotient (a combined "killed and wounded"
    #: count ACLED estimates and splits: 100 over 13 places is 8 each), not the
    #: remainder to the first-listed.
    even: bool = False

    def share(self, report: str, offset: int = 0) -> int:
        """This event's share of ACLED's figure for the claim: an unverified plural
        toll (``UNKNOWN_TOLL_VALUE``, or the claim if smaller) shared out over the
        places, the first-listed taking one more each while the remainder lasts
        (10 over four places: 3, 3, 2, 2).  The event's place is the list's place
        the *report* (starting at *offset* in the text) names first outside the
        list; if it names none, the lower share."""
        total = min(self.value, UNKNOWN_TOLL_VALUE) if self.total is None else self.total
        if self.even:  # rounded half up, never 0 for a told toll
            return max(1, (2 * total + len(self.places)) // (2 * len(self.places)))
        base, rest = divmod(total, len(self.places))
        outside = (
            report[: max(0, self.list_start - offset)] + " "
            + report[max(0, self.list_end - offset) :]
        ).lower()
        named = [
            (m.start(), i)
            for i, place in enumerate(self.places)
            if (m := re.search(r"\b" + re.escape(place.lower()) + r"\b", outside))
        ]
        position = min(named)[1] if named else None
        return base + (1 if position is not None and position < rest else 0)


#: Fewest places a claim must list for its figure to be shared out over them: a
#: claim over one place is coded as told ("ENDF claimed to have killed 26 militants").
MIN_CLAIMED_PLACES = 2


def claimed_losses(
    text: str, offset: int = 0, locale: Locale | None = None
) -> ClaimedLosses | None:
    """The claim of an enemy's losses over several places in one sentence, if any.

    A side's claim is one that names the claimant ("according to Russian
    sources") and victims of another side: "Russian sources ... 15 Russian
    soldiers were killed" tells the side's own losses, no claim.
    """
    pats = casualty_patterns(locale)
    m = pats.claimed_losses.search(text)
    if m is None:
        return None
    side = m["side"].split()[0].lower()
    if side in m["victims"].lower().split():
        return None
    value = read_digits(m["num"].replace(",", ""))
    if value is None or not 0 < value <= MAX_COUNT:
        return None
    items = [i.strip() for i in pats.claimed_list_sep.split(m["places"])]
    places = tuple(i for i in items if i and not pats.claimed_not_place.search(i))
    if len(places) < MIN_CLAIMED_PLACES or not places[0][0].isupper():
        return None
    s, e = m.span("num")
    ls, le = m.span("places")
    return ClaimedLosses(value, s + offset, e + offset, places, ls + offset, le + offset)


def listed_toll(
    text: str, offset: int = 0, locale: Locale | None = None
) -> ClaimedLosses | None:
    """A toll told over a list of places in one sentence, if any (session 15).

    "190 Russian servicemen were killed near A, B, ... and F" is shared out over
    the places as a claim is (the first-listed taking the remainder), at its own
    figure; a combined count of killed and wounded ("lost 88 soldiers as killed and
    wounded (fatalities estimated as 44) ... near A and B") at ACLED's estimate,
    told or half the figure, shared evenly.
    """
    pats = casualty_patterns(locale)
    m = pats.listed_toll.search(text)
    if m is None:
        return None
    key = "num" if m["num"] else "num2"
    value = read_digits(m[key].replace(",", ""))
    if value is None or not 0 < value <= MAX_COUNT:
        return None
    combined = bool(m["kw"] or m["kw2"])
    estimate = read_digits(m["est"].replace(",", "")) if m["est"] else None
    total = estimate if estimate is not None else value // 2 if combined else value
    if not total:
        return None
    items = [i.strip() for i in pats.claimed_list_sep.split(m["places"])]
    places = tuple(i for i in items if i and not pats.claimed_not_place.search(i))
    if len(places) < MIN_CLAIMED_PLACES or not all(i[0].isupper() for i in places):
        return None
    s, e = m.span(key)
    ls, le = m.span("places")
    return ClaimedLosses(value, s + offset, e + offset, places, ls + offset, le + offset,
                         total=total, even=combined)


def combine(mentions: list[CountMention], kind: str) -> Count:
    """Combine one event's count mentions of *kind* into a best/low/high count."""
    these = [c for c in mentions if c.kind == kind]
    if any(c.group not in (SELF_DEATH_GROUP, "none") for c in these):
        these = [c for c in these if c.group != SELF_DEATH_GROUP]  # see SELF_DEATH_GROUP
    if not these:
        return Count()
    tolls = [c for c in these if c.toll]
    reports = [c for c in these if not c.toll and c.group != "none"]
    precise = [c for c in reports if not c.vague] or reports
    per_group: dict[str, int] = {}
    for c in precise:
        if not c.additional:
            per_group[c.group] = max(per_group.get(c.group, 0), c.value)
    specific = sum(v for g, v in per_group.items() if g != "people")
    total = max(specific, per_group.get("people", 0)) + sum(
        c.value for c in precise if c.additional
    )
    if tolls:
        best = tolls[-1].value
        values = [c.value for c in precise] + [c.value for c in tolls]
        low = min(v for v in values if v > 0) if any(v > 0 for v in values) else best
        return Count(best=best, low=min(low, best), high=max(max(values), best))
    if not precise:
        return Count.exact(0)
    earlier = [c.value for c in precise if c.earlier]
    low = min([*earlier, total])
    high = max(c.value for c in precise)
    return Count(best=total, low=low, high=max(high, total))
