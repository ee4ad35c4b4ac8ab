"""Casualty counts: killed, injured and detained, UCDP-style best/low/high.

Counts are read per sentence ("14 police officers were killed", "killing
three civilians", "the death toll rose to 14") and combined per event:
different victim groups add up (2 police and 2 militants killed = 4), the
same group told twice does not, and a rising toll is a revision (low = the
first credible report, best = the latest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from blotter.fields.numbers import (
    bare_number_pattern,
    number_pattern,
    read_digits,
    to_int,
    unit_words,
)
from blotter.lang import NEVER as NEVER_PATTERN
from blotter.lang import Locale, per_locale
from blotter.lang.caseless import CaselessGate
from blotter.record import Count

#: Counts above this are misreadings (phone numbers, sums of money), not tolls.
MAX_COUNT = 100_000
#: Count kinds, and the pack pattern keys of their verbs.
KINDS = ("killed", "injured", "detained")
_PASSIVE_KEYS = {"killed": "casualties.kill", "injured": "casualties.injure",
                 "detained": "casualties.detain"}
#: ACLED codes an unknown plural toll ("causing fatalities") as 10.
UNKNOWN_TOLL_VALUE = 10
#: A count starts at a word, not inside a number ("1,200", "3.5"); a comma
#: after a word may stand before it ("Xinhua News Agency,2003-12-02,Six
#: Colombian police killed": wire headlines of GED start so).
NOT_INSIDE_NUMBER = r"(?<!\w)(?<!\d\.)(?!(?<=\d,)\d{3}(?!\d))"
#: (A full stop glued to a word before it, "the area.Three people died", is a
#: sentence end, not a decimal point.)
#: Characters of context looked at before a count (for ranges and subsets).
BEFORE_CHARS = 20
#: Characters around a count read for a period it sums over ("this year").
CUMULATIVE_CHARS = 60
#: Characters before a count or a companion read for the one person named
#: first ("The Chief and two members of his detail", an appositive included).
HEAD_CHARS = 160
#: Forms of the per-kind patterns: a passive, a count noun ("14 dead", "3 killed";
#: its group ``tally`` a noun of crime statistics, "two murders", read only where
#: it is no tally, see ``_tally``), and every other (active, "left", bodies found).
PASSIVE, NOUN, OTHER = "passive", "noun", "other"
#: A tally noun's count from this value: "a murder" is no count of the dead.
MIN_TALLY = 2
#: ... and up to this one: an event's dead told with these nouns are a few ("two
#: murders", "nine homicides"); hundreds and thousands of them are statistics.
MAX_TALLY = 99
#: Characters between two passive counts of one clause ("6 fighters were killed by
#: fire and 3 were killed by IEDs"); farther apart they tell the same victims again.
MORE_CHARS = 60
#: Kinds whose victims come with companions ("an official and his driver were
#: killed"); a detained man's companions are rare, and each pattern costs time.
COMPANION_KINDS = ("killed", "injured")
#: Groups of a list read before its last two ("3 police, 2 soldiers, 4 civilians and ...").
MAX_LIST_ITEMS = 6
#: Characters of a sentence-opening count's subject before its verb ("Four students
#: at the Koranic school were killed"); longer, the verb is rarely the count's.
CLAUSE_CHARS = 160
#: Count words of the article, which open most sentences ("A bomb planted near
#: the house of a policeman was ..."): the clause form reads numbers only.
ARTICLES = frozenset({"a", "an"})


@dataclass(frozen=True)
class CasualtyPatterns:
    """One pack's casualty patterns, compiled (see ``patterns.toml [casualties]``)."""

    toll: re.Pattern[str]
    #: (pattern, gate, form) per kind; see casualty_patterns.
    per_kind: dict[str, list[tuple[re.Pattern[str], re.Pattern[str] | None, str]]]
    conjoined: dict[str, re.Pattern[str]]
    active_conjoined: dict[str, re.Pattern[str]]
    unknown_toll: re.Pattern[str]
    zero: re.Pattern[str]
    zero_kinds: dict[str, list[str]]
    range_before: re.Pattern[str]
    split: re.Pattern[str]
    subset: re.Pattern[str]
    earlier: re.Pattern[str]
    count_words: CaselessGate
    victim_groups: dict[str, tuple[str, ...]]
    single: dict[str, re.Pattern[str]]
    additional: re.Pattern[str]
    also: re.Pattern[str]
    attacker: re.Pattern[str]
    cumulative: re.Pattern[str]
    cumulative_before: re.Pattern[str]
    #: An age ("a 20-year-old man"), masked before counts are read.
    age: re.Pattern[str]
    #: After an auxiliary-less "N ... killed": an object, so N were the killers.
    object_after: re.Pattern[str]
    #: Verbs of the kill list that take no object ("died"): never the killers'.
    intransitive: re.Pattern[str]
    #: "and his driver were killed": a victim's companions, per kind.
    companion: dict[str, re.Pattern[str]]
    #: "killed a district chairman and his bodyguard": the companion of an active count.
    companion_active: dict[str, re.Pattern[str]]
    #: A possessive word, without which a sentence tells no companion (a cheap gate).
    possessive: re.Pattern[str]
    #: A joining word at the end of the text before a count (head_before's cheap test).
    with_end: re.Pattern[str]
    #: One named or singular person just before "and N ... were killed".
    head_before: re.Pattern[str]
    #: One more list item before a conjoined count ("3 police, 2 soldiers and ...").
    list_before: re.Pattern[str]
    #: What is killed but no victim ("15 cattle").
    non_victim: re.Pattern[str]
    #: The conjunction as a word ("and").
    and_word: re.Pattern[str]
    #: The conjunction before a count: without it no conjoined form can match (a gate).
    conj_gate: re.Pattern[str]
    #: A break between clauses or headlines (a new line, a full stop, a semicolon).
    break_: re.Pattern[str]
    #: Each kind's passive verbs, whole (a count noun that is one: "3 killed").
    verb: dict[str, re.Pattern[str]]
    #: After an active count: another kind's noun ("killed 3 injured" counts no dead).
    other_noun: dict[str, re.Pattern[str]]
    #: Be/have auxiliaries of a passive ("were killed"; "reportedly" is none).
    passive_aux: re.Pattern[str]
    #: Words without which a sentence holds no age (checked before the age pattern).
    age_gate: CaselessGate
    #: A count opening the sentence, its verb after a long subject, per kind.
    clause: dict[str, re.Pattern[str]]
    #: Its opening alone (the lead and the count): a cheap test before the per-kind forms.
    clause_start: re.Pattern[str]
    #: In that subject (appositions and parentheses taken out): a word that makes the
    #: count no subject of the verb, before a relative pronoun and after one.
    clause_stop: re.Pattern[str]
    clause_stop_relative: re.Pattern[str]
    #: A verb anywhere in that subject that makes the count no subject of the verb.
    clause_verb: re.Pattern[str]
    #: The relative pronoun that opens a relative clause in the subject.
    clause_relative: re.Pattern[str]
    #: An auxiliary (in a subset: "including students, held a protest" is no aside).
    clause_aux: re.Pattern[str]
    #: A subset's lead in the subject, after which the words are the subset's.
    clause_subset: re.Pattern[str]
    #: First words after the count that make it no victims ("Two days later").
    clause_not_victim: re.Pattern[str]
    #: After and before a tally noun's count: a period it sums over ("979
    #: Homicides 2018"), a charge or a statistic ("accused of 100 murders").
    tally_after: re.Pattern[str]
    tally_before: re.Pattern[str]


@per_locale
def casualty_patterns(loc: Locale) -> CasualtyPatterns:
    """The compiled casualty patterns of *loc* (default pack if None)."""
    p = loc.pattern
    number = number_pattern("", loc)
    # (a slash joins two names of one group: "56 BH/IS fighters were killed")
    gap_word = r"(?!(?:" + p("casualties.gap_stop") + r")\b)[a-z][\w'’./-]*"
    victim = r"(?P<victim>(?:" + gap_word + r"\s+){0,7}?)"
    aux = r"(?:(?:" + p("casualties.aux") + r")\s+){0,5}"
    # a parenthesis after the victims: "5 civilians (2 men and 3 women) were killed"
    paren = r"(?:\([^()]{0,100}\)\s+)?"
    left = r"(?:" + p("casualties.left") + r")\s+" + number + r"\s+" + victim + paren
    per_kind: dict[str, list[tuple[re.Pattern[str], re.Pattern[str] | None, str]]] = {}
    verbs = "|".join(p(k) for k in _PASSIVE_KEYS.values())
    units = "|".join(re.escape(u) for u in loc.table("numbers.units"))
    plain = (
        r"(?!(?:" + p("casualties.gap_stop") + r"|" + p("casualties.aux") + r"|" + verbs
        + r"|" + p("casualties.subset_lead") + (r"|" + units if units else "")
        + r")\b)[a-z][\w'’.-]*"
    )  # a victim word that is no auxiliary, verb, subset or count ("two were
    # wounded", "four people including three police" name no second group)
    for kind in KINDS:
        verb = p(_PASSIVE_KEYS[kind])
        passive = (
            number + r"\s+" + victim + paren + r"(?P<aux>" + aux + r")(?P<verb>" + verb + r")\b"
        )
        active = (
            r"\b(?:" + p(f"casualties.active_{kind}") + r")\s+(?:(?:"
            + p("casualties.active_lead") + r")\s+)?" + number + r"(?:\s+" + victim + ")?"
        )
        # (a noun of crime statistics in its own group, read by _tally's rules)
        tally_noun = p(f"casualties.tally_{kind}")
        tally = "" if tally_noun == NEVER_PATTERN else r"|(?P<tally>" + tally_noun + r")"
        noun_form = (
            number + r"\s+(?P<victim>(?:" + gap_word + r"\s+){0,2}?)(?P<verb>"
            + p(f"casualties.noun_{kind}") + tally + r")\b"
        )
        # "Five people, including three children, were killed": the subset is skipped.
        passive_subset = (
            number
            + r"\s+(?P<victim>(?:"
            + gap_word
            + r"\s+){0,3}?"
            + gap_word
            + r")"
            + r",\s*(?:"
            + p("casualties.subset_lead")
            + r")\s[^,]{0,60},\s*"
            + aux
            + r"(?:"
            + verb
            + r")\b"
        )
        # "10 additional victims were dumped", "the remains of two people were found".
        found = r"\s+" + aux + r"(?:" + p(f"casualties.found_{kind}") + r")\b"
        found_noun = r"(?:" + p(f"casualties.found_nouns_{kind}") + r")"
        found_forms = [
            # (a comma between two of its words: "Four headless, tortured bodies
            # found"; not before a determiner: "two months, his body was found")
            number + r"\s+(?P<victim>(?:[a-z][\w'-]*(?:,(?!\s*(?:" + p("casualties.possessive")
            + r"|" + p("casualties.head_lead") + r")\b))?\s+){0,2}?)" + found_noun + found,
            found_noun
            + r"\s+(?:"
            + p("casualties.found_of")
            + r")\s+"
            + number
            + r"\s+"
            + victim.replace("{0,7}", "{0,3}")
            + aux
            + r"(?:"
            + p(f"casualties.found_{kind}")
            + r")\b",
        ]
        if p(f"casualties.found_active_{kind}") != NEVER_PATTERN:
            # "they find the (dismembered) bodies of (at least) four persons"
            found_forms.append(
                r"\b(?:" + p(f"casualties.found_active_{kind}") + r")\s+(?:[\w-]+\s+){0,2}?"
                + found_noun + r"\s+(?:" + p("casualties.found_of") + r")\s+" + number
                + r"\s+" + victim.replace("{0,7}", "{0,2}")
            )
        # (pattern, gate): a gated pattern is tried only where its gate's words
        # occur (a cheap search), as most sentences have no subset or bodies.
        subset_gate = re.compile(r",\s*(?:" + p("casualties.subset_lead") + r")\s", re.I)
        found_gate = re.compile(found_noun + r"\s", re.IGNORECASE)
        pats = [
            (passive, None, PASSIVE),
            (passive_subset, subset_gate, OTHER),
            (active, None, OTHER),
            (noun_form, None, NOUN),
            (left + r"(?:" + p(f"casualties.left_{kind}") + r")\b", None, OTHER),
            *((f, found_gate, OTHER) for f in found_forms),
        ]
        per_kind[kind] = [
            (re.compile(NOT_INSIDE_NUMBER + x, re.IGNORECASE), gate, form)
            for x, gate, form in pats
            if gate is None or gate.pattern.find(NEVER_PATTERN) < 0
        ]
    # Two victim groups before one verb ("2 rebels and 1 soldier were killed") or
    # one count noun ("2 rebel and 1 military fatalities"); a list's earlier
    # groups ("3 police, 2 soldiers and 1 civilian") are read by list_before.
    conj = r"(?:" + p("casualties.conjunction") + r")\s+"
    conjoined = {
        kind: re.compile(  # its tail a verb or a count noun
            NOT_INSIDE_NUMBER + number_pattern("1", loc) + r"\s+(?P<victim1>(?:"
            + r"(?!(?:" + p("casualties.subset_lead") + (r"|" + units if units else "")
            + r"|" + verbs + r")\b)"  # "9 dead and 12 wounded" joins no injured groups
            + gap_word.replace("[a-z]", "[a-z(]").replace("./-]", "./()-]")
            + r",?\s+){1,7}?)" + conj + number_pattern("2", loc)
            + r"\s+(?P<victim2>(?:" + gap_word + r"\s+){0,4}?)" + paren + r"(?:" + aux
            + r"(?:" + p(_PASSIVE_KEYS[kind]) + r")|" + p(f"casualties.noun_{kind}") + r")\b",
            re.IGNORECASE,
        )
        for kind in KINDS
    }
    # "killing eight policemen and three civilians": two victim groups after one
    # active verb (the first is read by the active form, the second added to it).
    active_conjoined = {
        kind: re.compile(
            r"\b(?:" + p(f"casualties.active_{kind}") + r")\s+(?:(?:"
            + p("casualties.active_lead") + r")\s+)?" + number_pattern("1", loc)
            + r"\s+(?P<victim1>(?:" + plain + r"\s+){0,3}?" + plain + r")\s+(?:"
            + p("casualties.conjunction") + r")\s+" + number_pattern("2", loc)
            + r"\s+(?P<victim2>(?:" + plain + r"\s+){0,2}?" + plain + r")(?![\w'’.-])"
            + r"(?!\s+(?:" + p("casualties.aux") + r"|" + verbs + r")\b)",
            re.IGNORECASE,
        )
        for kind in KINDS
    }
    groups = loc.table("casualties.victim_groups")
    n_word = r"(?:\d{1,3}|(?:" + unit_words(loc) + r")(?:[\s-](?:" + unit_words(loc) + r"))?)"
    person = p("casualties.person")
    head = (
        r"(?:\b(?:" + p("casualties.head_lead") + r")\s+(?:[\w'’-]+\s+){0,4}?(?:" + person
        + r")|(?-i:[A-Z][a-z][\w'’.-]*)(?:\s+(?:(?-i:[A-Z][a-z][\w'’.-]*)|(?:"
        + p("casualties.name_particle") + r")-?[\w'’-]*))+)"
    )  # a name in Title Case: capitals of wire copy ("WERE KILLED") name nobody
    with_ = p("casualties.companion_lead")
    bare = bare_number_pattern(loc)
    of_possessive = (
        r"(?:(?P<num>" + bare + r")\s+of\s+)?(?:" + p("casualties.possessive")
        + r")\s+(?!(?:[\w'’-]+\s+){0,2}?(?:" + p("casualties.not_companion") + r")\b)"
    )  # "(one of) his", not before a word that names no companion
    companion_tail = (
        of_possessive + r"(?:(?P<num2>" + bare + r")\s+(?:[\w'’-]+\s+){0,3}?|(?![\w'’-]+s\s)"
        + r"(?:[\w'’-]+\s+){1,3}?)"
    )  # "their two children", or one companion ("his driver", not "his friends")
    companion = {
        kind: re.compile(
            r"(?P<head>" + head + r")?,?\s*(?:,[^,]{0,80},\s*)?(?:" + with_ + r")\s+"
            + companion_tail + aux + r"(?:" + p(_PASSIVE_KEYS[kind]) + r")\b",
            re.IGNORECASE,
        )
        for kind in COMPANION_KINDS
    }
    companion_active = {
        kind: re.compile(
            r"\b(?:" + p(f"casualties.active_{kind}") + r")\s+(?:" + p("casualties.head_lead")
            + r")\s+(?:[\w'’-]+\s+){0,4}?(?:" + person + r")(?:\s*,[^,]{0,80},)?\s+(?:"
            + with_ + r")\s+" + of_possessive + r"(?:(?P<num2>" + bare
            + r")\s+)?(?:[\w'’-]+\s+){0,2}?(?P<end>[\w'’-]+)",
            re.IGNORECASE,
        )
        for kind in COMPANION_KINDS
    }
    clause = {
        kind: re.compile(
            r"(?:" + p("casualties.clause_lead") + r"){0,2}" + number
            + r"\s+(?P<victim>[^.;:]{1,"
            + str(CLAUSE_CHARS) + r"}?)\s+(?P<aux>(?:" + p("casualties.clause_be")
            + r")\s+" + aux + r")(?P<verb>" + p(_PASSIVE_KEYS[kind]) + r")\b",
            re.IGNORECASE,
        )
        for kind in KINDS
        if p("casualties.clause_be") != NEVER_PATTERN
    }
    stop = p("casualties.clause_stop")
    return CasualtyPatterns(
        clause=clause,
        clause_start=re.compile(
            r"(?:" + p("casualties.clause_lead") + r"){0,2}"
            + bare_number_pattern(loc) + r"\s", re.IGNORECASE
        ),
        clause_stop=re.compile(
            r"\b(?:" + stop + r"|" + p("casualties.clause_aux") + r")\b", re.IGNORECASE
        ),
        clause_stop_relative=re.compile(r"\b(?:" + stop + r")\b", re.IGNORECASE),
        clause_aux=re.compile(r"\b(?:" + p("casualties.clause_aux") + r")\b", re.IGNORECASE),
        clause_verb=re.compile(r"\b(?:" + p("casualties.clause_verb") + r")\b", re.IGNORECASE),
        clause_relative=re.compile(r"\b(?:" + p("casualties.clause_relative") + r")\b",
                                   re.IGNORECASE),
        clause_subset=re.compile(r"\b(?:" + p("casualties.subset_lead") + r")\b", re.IGNORECASE),
        clause_not_victim=re.compile(r"(?:" + p("casualties.clause_not_victim") + r")\b",
                                     re.IGNORECASE),
        tally_after=re.compile(p("casualties.tally_after"), re.IGNORECASE),
        tally_before=re.compile(p("casualties.tally_before"), re.IGNORECASE),
        toll=re.compile(r"(?:" + p("casualties.toll") + r")" + number, re.IGNORECASE),
        per_kind=per_kind,
        conjoined=conjoined,
        active_conjoined=active_conjoined,
        unknown_toll=re.compile(p("casualties.unknown_toll"), re.IGNORECASE),
        zero=re.compile(p("casualties.zero"), re.IGNORECASE),
        zero_kinds={str(k): list(v) for k, v in loc.table("casualties.zero_kinds").items()},
        range_before=re.compile(p("casualties.range_before"), re.IGNORECASE),
        split=re.compile(p("casualties.split"), re.IGNORECASE),
        subset=re.compile(p("casualties.subset"), re.IGNORECASE),
        earlier=re.compile(p("casualties.earlier"), re.IGNORECASE),
        count_words=CaselessGate(p("casualties.count_words")),
        victim_groups={str(g): tuple(stems) for g, stems in groups.items()},
        single={k: re.compile(p(f"casualties.single_{k}"), re.IGNORECASE) for k in KINDS},
        additional=re.compile(p("casualties.additional"), re.IGNORECASE),
        also=re.compile(p("casualties.also"), re.IGNORECASE),
        attacker=re.compile(p("casualties.attacker").replace("{number}", number), re.IGNORECASE),
        cumulative=re.compile(p("casualties.cumulative"), re.IGNORECASE),
        cumulative_before=re.compile(p("casualties.cumulative_before"), re.IGNORECASE),
        age=re.compile(p("casualties.age").replace("{n}", n_word), re.IGNORECASE),
        object_after=re.compile(p("casualties.object_after"), re.IGNORECASE),
        intransitive=re.compile(p("casualties.intransitive"), re.IGNORECASE),
        companion=companion,
        possessive=re.compile(r"\b(?:" + p("casualties.possessive") + r")\b", re.IGNORECASE),
        companion_active=companion_active,
        with_end=re.compile(r"\b(?:" + with_ + r")\s+$", re.IGNORECASE),
        head_before=re.compile(
            head + r"(?:\s*,[^,]{0,80},)?\s*,?\s*(?:" + with_ + r")\s+$", re.IGNORECASE
        ),
        list_before=re.compile(
            NOT_INSIDE_NUMBER + number + r"\s+(?P<victim>(?:" + gap_word + r"\s+){0,3}?"
            + plain + r")(?P<comma>,)?\s*$",
            re.IGNORECASE,
        ),
        non_victim=re.compile(p("casualties.non_victim"), re.IGNORECASE),
        passive_aux=re.compile(r"\b(?:" + p("casualties.passive_aux") + r")\b", re.IGNORECASE),
        age_gate=CaselessGate(p("casualties.age_gate")),
        and_word=re.compile(r"\b(?:" + p("casualties.conjunction") + r")\b", re.IGNORECASE),
        break_=re.compile(r"[\n.;|]"),
        conj_gate=re.compile(
            r"\b(?:" + p("casualties.conjunction") + r")\s+(?:" + number_pattern("g", loc) + r")",
            re.IGNORECASE,
        ),
        verb={k: re.compile(p(v), re.IGNORECASE) for k, v in _PASSIVE_KEYS.items()},
        other_noun={  # the dead and the injured, never the detained ("kill five detainees")
            "killed": re.compile(r"\s+(?:" + p("casualties.noun_injured") + r")\b", re.I),
            "injured": re.compile(r"\s+(?:" + p("casualties.noun_killed") + r")\b", re.I),
            "detained": re.compile(NEVER_PATTERN),
        },
    )


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
    text = _mask_ages(text, pats)
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
    for m in pats.attacker.finditer(text):
        # the attackers' own deaths, which ACLED and GTD count: "in addition to the assailant"
        who = "self" if m["self"] else "self2"
        more, _vague = to_int(m["num"], locale) if m["num"] else (0, False)
        if any(a <= m.start(who) < b for a, b, _k in taken):
            continue
        found.append(
            CountMention(
                "killed",
                1 + (more or 0),
                False,
                "attackers",
                m.start(who) + offset,
                m.end() + offset,
                additional=who == "self",
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
    return total // parts


def combine(mentions: list[CountMention], kind: str) -> Count:
    """Combine one event's count mentions of *kind* into a best/low/high count."""
    these = [c for c in mentions if c.kind == kind]
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
