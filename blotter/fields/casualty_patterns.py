"""Casualty patterns: one language pack's count forms, compiled once per pack.

The pack's ``patterns.toml [casualties]`` and ``tables.toml`` say how its
news tells the killed, injured and detained; this module compiles them into
the patterns ``blotter.fields.casualties`` reads counts with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from blotter.fields.numbers import bare_number_pattern, number_pattern, unit_words
from blotter.lang import NEVER as NEVER_PATTERN
from blotter.lang import Locale, per_locale
from blotter.lang.caseless import CaselessGate

#: Count kinds, and the pack pattern keys of their verbs.
KINDS = ("killed", "injured", "detained")
_PASSIVE_KEYS = {"killed": "casualties.kill", "injured": "casualties.injure",
                 "detained": "casualties.detain"}
#: A count starts at a word, not inside a number ("1,200", "3.5"); a comma
#: after a word may stand before it ("Xinhua News Agency,2003-12-02,Six
#: Colombian police killed": wire headlines of GED start so).
NOT_INSIDE_NUMBER = r"(?<!\w)(?<!\d\.)(?!(?<=\d,)\d{3}(?!\d))"
#: (A full stop glued to a word before it, "the area.Three people died", is a
#: sentence end, not a decimal point.)
#: Forms of the per-kind patterns: a passive, a count noun ("14 dead", "3 killed";
#: its group ``tally`` a noun of crime statistics, "two murders", read only where
#: it is no tally, see ``_tally``), and every other (active, "left", bodies found).
PASSIVE, NOUN, OTHER = "passive", "noun", "other"
#: Kinds whose victims come with companions ("an official and his driver were
#: killed"); a detained man's companions are rare, and each pattern costs time.
COMPANION_KINDS = ("killed", "injured")
#: Characters of a sentence-opening count's subject before its verb ("Four students
#: at the Koranic school were killed"); longer, the verb is rarely the count's.
CLAUSE_CHARS = 160


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
    #: Every victim group's stems, lower-cased (for ``lang.casing.case_view``).
    group_stems: tuple[str, ...]
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
    #: One companion after a victim read without a number ("... and his wife"),
    #: matched where that victim's form ends (``casualties.single_tail``).
    single_tail: re.Pattern[str]
    #: A passive verb of any kind ("and his wife and child seriously injured").
    any_verb: re.Pattern[str]
    #: A person word (the pack's person nouns or a victim group's stems): what an
    #: article read as a count of one must name ("a police officer and 3 soldiers",
    #: not "A clash broke out and 3 suspects").
    person_word: re.Pattern[str]
    #: One side's claim of its enemy's losses over several places (groups side, num,
    #: victims, places), its list items that are no place, and the list's separators.
    claimed_losses: re.Pattern[str]
    #: A toll told over several places without a claimant (groups num/num2, kw/kw2,
    #: est, places).
    listed_toll: re.Pattern[str]
    claimed_not_place: re.Pattern[str]
    claimed_list_sep: re.Pattern[str]
    #: Before a count: another source's figure or a claim ("The Star reports 4 dead").
    alternative: re.Pattern[str]
    #: A killing told as the event's motive, in the words just before a count.
    motive: re.Pattern[str]
    #: A sentence of a note telling another killing of the same event (at its start).
    another_event: re.Pattern[str]
    #: "unconfirmed": after a count in its clause, another figure too.
    unconfirmed: re.Pattern[str]


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
    # "Seven civilians and the bomber were killed": the bomber is read as an attacker
    joined = r"(?:(?:" + p("casualties.attacker_join") + r")\s+)?"
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
            number + r"\s+" + victim + paren + joined + r"(?P<aux>" + aux + r")(?P<verb>" + verb
            + r")\b"
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
        + r"(?:[\w'’-]+,?\s+){1,3}?)"
    )  # "their two children", or one companion ("his driver", not "his friends";
    # "X, the governor's advisor, and his son, were killed")
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
        person_word=re.compile(
            r"\b(?:(?:" + person + r")s?\b|" + "|".join(
                re.escape(stem) for stems in groups.values() for stem in stems
            ) + r")", re.IGNORECASE
        ),
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
        claimed_losses=re.compile(p("casualties.claimed_losses")),  # case-sensitive: a side
        listed_toll=re.compile(p("casualties.listed_toll"), re.IGNORECASE),
        claimed_not_place=re.compile(p("casualties.claimed_not_place"), re.IGNORECASE),
        claimed_list_sep=re.compile(p("casualties.claimed_list_sep"), re.IGNORECASE),
        alternative=re.compile(p("casualties.alternative")),  # case-sensitive: a source name
        unconfirmed=re.compile(p("casualties.unconfirmed"), re.IGNORECASE),
        motive=re.compile(p("casualties.motive"), re.IGNORECASE),
        another_event=re.compile(p("casualties.another_event"), re.IGNORECASE),
        subset=re.compile(p("casualties.subset"), re.IGNORECASE),
        earlier=re.compile(p("casualties.earlier"), re.IGNORECASE),
        count_words=CaselessGate(p("casualties.count_words")),
        victim_groups={str(g): tuple(stems) for g, stems in groups.items()},
        group_stems=tuple(str(s).lower() for stems in groups.values() for s in stems),
        # ({person}: the pack's singular person nouns, "the clerk died")
        single={
            k: re.compile(p(f"casualties.single_{k}").replace("{person}", person), re.IGNORECASE)
            for k in KINDS
        },
        single_tail=re.compile(
            p("casualties.single_tail").replace("{person}", person).replace("{bare}", bare),
            re.IGNORECASE,
        ),
        any_verb=re.compile(r"\b(?:" + verbs + r")\b", re.IGNORECASE),
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
