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

from blotter.fields.numbers import NUMBER, number_pattern, to_int
from blotter.record import Count

KILL = (
    r"killed|dead|died|murdered|slain|shot\s+and\s+killed|shot\s+dead|gunned\s+down|executed|beheaded|massacred|"
    r"lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|perished|lynched|assassinated|slaughtered|"
    r"(?:burned|burnt|beaten|hacked|stabbed|shot|tortured|stoned|clubbed)\s+to\s+death|neutrali[sz]ed|"
    r"eliminated|fatally\s+(?:shot|wounded|injured|stabbed)|succumbed|dies"
)
INJURE = (
    r"wounded|injured|hurt|hospitali[sz]ed|sustained\s+(?:\w+\s+)?injuries|"
    r"suffered\s+(?:\w+\s+)?injuries|maimed"
)
DETAIN = (
    r"arrested|detained|abducted|kidnapped|taken\s+hostage|held\s+hostage|apprehended|rounded\s+up|"
    r"taken\s+into\s+custody|taken\s+captive|captured|seized"
)
VERBS = {"killed": KILL, "injured": INJURE, "detained": DETAIN}
ACTIVE = {
    "killed": r"kill(?:ed|ing)\s*(?:and|or|/)\s*(?:injur|wound)\w*|"
    r"(?:the\s+)?(?:killing|deaths?|murders?)\s+of|kill(?:ed|ing|s)?|murder(?:ed|ing)|massacr(?:ed|ing)|shot\s+dead|shooting\s+dead|"
    r"gunn(?:ed|ing)\s+down|execut(?:ed|ing)|behead(?:ed|ing)|claim(?:ed|ing)\s+the\s+lives\s+of|t(?:ook|aking)\s+the\s+lives\s+of|"
    r"slaughter(?:ed|ing)|lynch(?:ed|ing)|neutrali[sz](?:ed|ing)|assassinat(?:ed|ing)",
    "injured": r"wound(?:ed|ing)|injur(?:ed|ing)|hurt(?:ing)?",
    "detained": r"arrest(?:ed|ing)|detain(?:ed|ing)|abduct(?:ed|ing)|kidnapp?(?:ed|ing)|"
    r"apprehend(?:ed|ing)|"
    r"captur(?:ed|ing)|round(?:ed|ing)\s+up",
}
#: Words allowed between a number and its verb ("14 police officers were brutally murdered").
_GAP_WORD = (
    r"(?!(?:and|or|but|with|while|after|before|killed|wounded|injured|in|on|at|by|from)\b)"
    r"[a-z][\w'’.-]*"
)
VICTIM = r"(?P<victim>(?:" + _GAP_WORD + r"\s+){0,7}?)"
AUX = (
    r"(?:(?:were|was|have|has|had|been|are|is|being|got|also|reportedly|allegedly|originally|brutally|"
    r"all|later|reported|confirmed|believed|feared|said|to|be|subsequently|eventually|initially|"
    r"critically|seriously|severely|slightly|lightly|fatally|mortally|either|killed\s+or|instantly|"
    r"immediately|then)\s+){0,5}"
)
LEFT = r"(?:left|leaving|leaves)\s+" + NUMBER + r"\s+" + VICTIM
TOLL = (
    r"(?:death|casualty|fatality)\s+toll\s+(?:\w+\s+){0,4}?(?:rose|rises|risen|increased|climbed|jumped|"
    r"reached|stands|stood|is|was|now|has|had|went\s+up|to)\s+(?:at\s+|to\s+)*" + NUMBER
)
ZERO = re.compile(
    r"\bno\s+(?:one|body|people|persons?|casualties|fatalities|deaths|injuries|victims?|lives)\s+"
    r"(?:was\s+|were\s+|have\s+been\s+|has\s+been\s+)?(?:reported\s+)?(?P<what>killed|dead|hurt|injured|"
    r"wounded|lost|reported|harmed)?|\bno\s+(?P<noun>casualties|fatalities|deaths|injuries)\b|"
    r"\bwithout\s+(?:causing\s+)?(?:any\s+)?(?P<noun2>casualties|fatalities|injuries)\b",
    re.IGNORECASE,
)
#: A range before the number matched: "between 43 and 52", "8-10"; ACLED
#: codes the lower figure.
RANGE_BEFORE = re.compile(
    r"(?:between\s+(?P<a>\d+)\s+and|(?P<b>\d+)\s*(?:-|–|to))\s*$", re.IGNORECASE
)
#: ACLED notes that split one toll over several events: "Fatalities split
#: between 2 events." (optionally with each event's share: "(4)").
SPLIT = re.compile(
    r"(?:fatalities|deaths|casualties)\s+(?:are\s+|were\s+)?split\s+(?:between|across|among)\s+"
    r"(?P<n>\d+|two|three|four|five)\s+events?(?:\s*\((?P<each>\d+)\))?",
    re.IGNORECASE,
)
SUBSET = re.compile(
    r"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|among\s+the\s+dead)\s*$", re.I
)
#: Counts above this are misreadings (phone numbers, sums of money), not tolls.
MAX_COUNT = 100_000
EARLIER = re.compile(r"originally|initially|earlier|first\s+reported|previously", re.I)

#: Victim words mapped to groups, so the same victims told twice are not added up.
VICTIM_GROUPS = {
    "police": ("police", "policem", "officer", "cop", "constable", "gendarm", "agent"),
    "military": (
        "soldier",
        "troop",
        "army",
        "military",
        "marine",
        "servicem",
        "personnel",
        "jawan",
        "guard",
    ),
    "militants": (
        "militant",
        "fighter",
        "rebel",
        "insurgent",
        "terrorist",
        "jihadist",
        "guerril",
        "extremist",
        "subversive",
        "attacker",
        "assailant",
        "gunm",
        "bandit",
        "element",
        "member",
        "militia",
        "cadre",
        "combatant",
        "maoist",
        "naxal",
        "jihadi",
    ),
    "civilians": (
        "civilian",
        "villager",
        "resident",
        "farmer",
        "child",
        "women",
        "woman",
        "man",
        "men",
        "student",
        "worker",
        "passenger",
        "protester",
        "demonstrator",
        "person",
        "people",
    ),
}


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


def _looks_like_year(raw: str) -> bool:
    """A four-digit number in the range of years is a date, not a toll."""
    return raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2100


def _group(victim: str) -> str:
    """Victim group of the words between a number and its verb."""
    words = victim.lower().split()
    for word in reversed(words):
        for group, stems in VICTIM_GROUPS.items():
            if word.startswith(stems):
                return group
    return "people"


def _compile(kind: str) -> list[re.Pattern[str]]:
    verb = VERBS[kind]
    passive = NUMBER + r"\s+" + VICTIM + AUX + r"(?:" + verb + r")\b"
    active = (
        r"\b(?:"
        + ACTIVE[kind]
        + r")\s+(?:(?:a\s+total\s+of|at\s+least)\s+)?"
        + NUMBER
        + r"(?:\s+"
        + VICTIM.replace("{0,5}?", "{0,3}")
        + ")?"
    )
    nouns = {
        "killed": r"dead|deaths|fatalities|bodies|corpses|killed",
        "injured": r"injured|wounded|injuries",
        "detained": r"arrests|detentions|detainees|hostages|abductees",
    }[kind]
    noun_form = NUMBER + r"\s+(?P<victim>(?:[a-z][\w'-]*\s+){0,2}?)(?:" + nouns + r")\b"
    pats = [passive, active, noun_form]
    if kind == "killed":
        pats.append(LEFT + r"(?:dead)\b")
    if kind == "injured":
        pats.append(LEFT + r"(?:injured|wounded|hurt)\b")
    return [re.compile(r"(?<![\w,.])" + p, re.IGNORECASE) for p in pats]


PATTERNS = {kind: _compile(kind) for kind in VERBS}
#: Two victim groups before one verb: "four cadres and a sub-inspector were killed".
CONJOINED = {
    kind: re.compile(
        r"(?<![\w,.])"
        + number_pattern("1")
        + r"\s+(?P<victim1>(?:"
        + _GAP_WORD.replace("[a-z]", "[a-z(]").replace(".-]", ".()-]")
        + r"\s+){1,7}?)and\s+"
        + number_pattern("2")
        + r"\s+(?P<victim2>(?:"
        + _GAP_WORD
        + r"\s+){0,4}?)"
        + AUX
        + r"(?:"
        + verb
        + r")\b",
        re.IGNORECASE,
    )
    for kind, verb in VERBS.items()
}
#: One victim named without a number: "killing the man", "shot him dead".
SINGLE_KILLED = re.compile(
    r"\b(?:kill(?:ed|ing)|shot\s+dead|shooting\s+dead|murder(?:ed|ing)|gunn(?:ed|ing)\s+down)\s+"
    r"(?P<num>him|her|the\s+(?:man|woman|boy|girl|driver|victim|officer|soldier|policeman|civilian))\b"
    r"|\b(?P<num2>an?)\s+[\w'’-]+(?:'s|’s)\s+(?:dead\s+)?body\s+(?:was|has\s+been)\s+found\b"
    r"|\bleaving\s+(?P<num3>him|her)\s+(?:dead|killed)\b"
    # one person, told in the singular passive: "the banker was murdered today"
    r"|\b(?P<num4>was|has\s+been)\s+(?:\w+\s+){0,2}?(?:killed|murdered|assassinated|shot\s+dead|"
    r"gunned\s+down|executed|slain|beheaded|lynched|(?:stabbed|beaten|hacked)\s+to\s+death)\b"
    r"|\b(?:the\s+)?(?P<num5>assassination)\s+of\b",
    re.IGNORECASE,
)
#: Deaths reported without a number; ACLED codes an unknown plural toll as 10.
UNKNOWN_TOLL = re.compile(
    r"\b(?:incurring|inflicting|causing|caused|resulting\s+in|left)\s+(?:heavy\s+|several\s+|some\s+)?"
    r"(?:fatalities|deaths)\b",
    re.IGNORECASE,
)
UNKNOWN_TOLL_VALUE = 10
TOLL_PATTERN = re.compile(TOLL, re.IGNORECASE)


#: Word stems without which a sentence holds no casualty count: checked first,
#: so the count patterns run only on the few sentences that can match.
COUNT_WORDS = re.compile(
    r"kill|dead|die|murder|slain|shot|gunn|execut|behead|massacr|lives|life|perish|lynch|assassin|"
    r"slaughter|death|neutrali|eliminat|succumb|wound|injur|hurt|hospital|maim|arrest|detain|abduct|"
    r"kidnap|hostage|apprehend|rounded|custody|captiv|captur|seiz|toll|casualt|fatalit|bod(?:y|ies)|"
    r"corpse",
    re.IGNORECASE,
)


def find_counts(text: str, offset: int = 0) -> list[CountMention]:
    """All casualty counts in one sentence, in text order."""
    if not COUNT_WORDS.search(text):
        return []
    found: list[CountMention] = []
    taken: list[tuple[int, int, str]] = []
    for m in TOLL_PATTERN.finditer(text):
        value, vague = to_int(m["num"])
        if value is not None:
            s, e = m.span("num")
            taken.append((s, e, "killed"))
            found.append(
                CountMention("killed", value, vague, "toll", s + offset, e + offset, toll=True)
            )
    for kind, patterns in PATTERNS.items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                s, e = m.span("num")
                if any(a <= s < b and k == kind for a, b, k in taken):
                    continue
                if SUBSET.search(text[max(0, s - 20) : s]):
                    continue
                value, vague = to_int(m["num"])
                if value is None or value > MAX_COUNT or _looks_like_year(m["num"]):
                    continue
                ranged = RANGE_BEFORE.search(text[max(0, s - 20) : s])
                if ranged:
                    value = min(value, int(ranged["a"] or ranged["b"]))
                taken.append((s, e, kind))
                qual = " ".join(m["qual"].lower().split()) if m["qual"] else None
                earlier = bool(EARLIER.search(m.group(0)))
                found.append(
                    CountMention(
                        kind,
                        value,
                        vague,
                        _group(m["victim"] or ""),
                        s + offset,
                        e + offset,
                        earlier=earlier,
                        qualifier=qual,
                    )
                )
    for kind, pattern in CONJOINED.items():
        for m in pattern.finditer(text):
            for i in ("1", "2"):
                s, e = m.span("num" + i)
                value, vague = to_int(m["num" + i])
                if value is None or any(a <= s < b and k == kind for a, b, k in taken):
                    continue
                taken.append((s, e, kind))
                group = _group(m["victim" + i] or "")
                found.append(CountMention(kind, value, vague, group, s + offset, e + offset))
    if not any(c.kind == "killed" for c in found):
        for m in SINGLE_KILLED.finditer(text):
            name = next(g for g in ("num", "num2", "num3", "num4", "num5") if m[g])
            found.append(
                CountMention(
                    "killed", 1, False, "people", m.start(name) + offset, m.end(name) + offset
                )
            )
        for m in UNKNOWN_TOLL.finditer(text):
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
    for m in ZERO.finditer(text):
        what = (m["what"] or m["noun"] or m["noun2"] or "").lower()
        kinds = {
            "injuries": ["injured"],
            "hurt": ["injured"],
            "injured": ["injured"],
            "wounded": ["injured"],
        }.get(
            what,
            ["killed", "injured"]
            if what in ("casualties", "harmed", "reported", "")
            else ["killed"],
        )
        for kind in kinds:
            found.append(CountMention(kind, 0, False, "none", m.start() + offset, m.end() + offset))
    found.sort(key=lambda c: c.start)
    return found


def split_share(total: int | None, text: str) -> int | None:
    """An event's share of a toll the note splits over several events, else *total*."""
    m = SPLIT.search(text)
    if total is None or m is None:
        return total
    if m["each"]:
        return int(m["each"])
    parts = to_int(m["n"])[0] or 1
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
        per_group[c.group] = max(per_group.get(c.group, 0), c.value)
    specific = sum(v for g, v in per_group.items() if g != "people")
    total = max(specific, per_group.get("people", 0))
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
