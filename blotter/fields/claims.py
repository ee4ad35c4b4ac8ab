"""Perpetrators bound by claims, attributions and agency ("X claimed responsibility").

A report names who did it in a few fixed ways: a claim ("the Earth Liberation
Front (ELF) claimed responsibility", "claimed by JNIM", "a call on behalf of
ETA"), an attribution ("police blame the Free Aceh Movement (GAM)", "ETA is
being blamed", "suspected members of GAM", "bears the hallmarks of ETA"), or
agency ("kidnapped by FLEC-R", "NLFT fighters abducted ...").  A denial
("GAM has denied responsibility") is never a claim.

Named groups are the pack's named actor dictionary rows, and organisation
names the text writes in full: a capitalised name ending in an organisation
word ("... Liberation Front") or followed by its acronym ("... (DHKP-C)").
The pack's ``[claims]`` patterns say which words around a name give it which
role; the engine holds no words of any language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from itertools import pairwise

from blotter.fields.actors import ActorMention, actor_patterns, find_actors
from blotter.lang import Locale, default_locale
from blotter.taxonomy import POLITICAL_MILITIAS, STATE_FORCES


class Role(IntEnum):
    """A named group's role, strongest first: a claim outranks an attribution,
    which outranks agency.  ``name.lower()`` names the pack's pattern keys
    (``claims.claim_before``, ``claims.agent_after`` ...)."""

    CLAIM = 0
    ATTRIBUTION = 1
    AGENT = 2


ROLES = tuple(Role)
#: Characters of context read before and after a name for its role.
BEFORE_CHARS = 70
#: (An appositive of up to 80 characters may stand between a name and its claim:
#: "The Ninth of June Organization, an Armenian group named after ..., claimed".)
AFTER_CHARS = 120
#: A text this share upper-case (wire copy in capitals) has no capitalisation
#: to tell names by: only dictionary rows are taken there.
UPPER_SHARE = 0.6
_UPPER = re.compile(r"[A-ZÀ-Þ]")  # Latin capitals (wire copy is Latin script)
_LOWER = re.compile(r"[a-zß-ÿ]")
#: A capitalised name with neither an organisation word nor an acronym
#: ("Hizbollah", "Revolutionary Action of Liberation") is taken only as
#: claimant or attributed author, and only up to this many capitalised words
#: (longer runs are titles and headlines).
LOOSE_WORDS = 3
#: Letters of the shortest acronym taken as an agent when told with its
#: fighters ("CGSB guerrillas"): two capitals are too often a country ("US").
MIN_ACRONYM = 3
#: Quote marks that may close a quoted name; a name's words may hold an apostrophe
#: ("Workers' Party"), so one at the very end of an unbracketed name is dropped.
CLOSING_QUOTES = frozenset("'’")
#: ACLED inter code of an organisation the dictionary does not know: a
#: political militia (the commonest kind of claimant that is not a rebel army).
DEFAULT_INTER = POLITICAL_MILITIAS


@dataclass(frozen=True)
class ClaimPatterns:
    """A pack's ``[claims]`` patterns, compiled."""

    org: re.Pattern[str]
    gloss: re.Pattern[str]
    acronym: re.Pattern[str]
    org_heads: frozenset[str]
    head_links: frozenset[str]
    head_inter: dict[str, int]
    roles_before: dict[Role, re.Pattern[str]]
    roles_after: dict[Role, re.Pattern[str]]
    denial_after: re.Pattern[str]
    accused_of_after: re.Pattern[str]
    wing_between: re.Pattern[str]
    faction_between: re.Pattern[str]
    member_after: re.Pattern[str]
    member_before: re.Pattern[str]
    not_claimant_before: re.Pattern[str]
    victim_before: re.Pattern[str]
    victim_after: re.Pattern[str]
    lead_words: frozenset[str]
    state_heads: frozenset[str]
    state_middle: frozenset[str]
    state_only_heads: frozenset[str]
    countries: frozenset[str]
    not_names: frozenset[str]


def claim_patterns(locale: Locale | None = None) -> ClaimPatterns:
    """The compiled claim patterns of *locale* (default pack if None)."""
    return _claim_patterns(locale or default_locale())


#: The brackets an acronym follows a name in ("Name (ACR)", "Name [ACR]"): the
#: ``acr`` group of the organisation pattern below.
ACRONYM_BRACKETS = ("(", "[")


@lru_cache(maxsize=8)
def _claim_patterns(loc: Locale) -> ClaimPatterns:
    p = loc.pattern
    word = r"(?:(?:" + p("claims.name_prefix") + r"))?[A-Z](?:[\w'’&-]|\.(?=\w))*"
    link = r"(?:(?:" + p("claims.name_links") + r")\s+)*"
    org = (
        r"(?P<name>" + word + r"(?:\s+" + link + word + r")*)"
        r"(?:\s*[(\[](?P<acr>[A-Z][A-Za-z0-9-]{1,11})[)\]])?"
    )
    flags = re.IGNORECASE
    return ClaimPatterns(
        org=re.compile(org),  # case-sensitive: names are capitalised
        # session 14: a name's gloss, a name of two words or more in brackets
        # after it ("Bandero Rojo (Red Flag)", "Affiche Rouge (Red Bill)")
        gloss=re.compile(r"\s*[(\[](?P<gloss>" + word + r"(?:\s+" + link + word + r")+)[)\]]"),
        acronym=re.compile(r"(?<![\w(\[-])[A-Z][A-Z0-9]{1,3}(?:-[A-Z0-9]{1,3})?[A-Z]?(?![\w)\]-])"),
        org_heads=loc.word_set("claims.org_heads"),
        head_links=loc.word_set("claims.head_links"),
        head_inter={str(k): int(v) for k, v in loc.table("claims.head_inter").items()},
        roles_before={r: re.compile(p(f"claims.{r.name.lower()}_before"), flags) for r in ROLES},
        roles_after={r: re.compile(p(f"claims.{r.name.lower()}_after"), flags) for r in ROLES},
        denial_after=re.compile(p("claims.denial_after"), flags),
        accused_of_after=re.compile(p("claims.accused_of_after"), flags),
        wing_between=re.compile(p("claims.wing_between"), flags),
        faction_between=re.compile(p("claims.faction_between"), flags),
        member_after=re.compile(p("claims.member_after"), flags),
        member_before=re.compile(p("claims.member_before"), flags),
        not_claimant_before=re.compile(p("claims.not_claimant_before"), flags),
        victim_before=re.compile(p("actors.victim_before"), flags),
        victim_after=re.compile(p("actors.victim_after"), flags),
        lead_words=loc.word_set("claims.lead_words"),
        state_heads=loc.word_set("claims.state_heads"),
        state_middle=loc.word_set("claims.state_middle"),
        state_only_heads=loc.word_set("claims.state_only_heads"),
        countries=_country_words(loc),
        not_names=frozenset(
            {
                *_country_words(loc),
                *loc.word_set("places.calendar_words"),
                *loc.word_set("claims.lead_words"),
                *loc.word_set("claims.not_names"),
            }
        ),
    )


def _country_words(loc: Locale) -> frozenset[str]:
    """Demonyms and one-word country names (lower case): a state body's first word."""
    import pycountry

    names = {str(getattr(c, "name", "")).lower() for c in pycountry.countries}
    return frozenset({*loc.demonyms, *(n for n in names if " " not in n)})


def _is_state_body(words: list[str], pats: ClaimPatterns) -> bool:
    """True for a state's own body ("Indonesian Army", "Israel Defense Forces")."""
    low = [w.lower().strip("'’.") for w in words]
    if low[-1] in pats.state_only_heads:
        return True  # "Government Railway Police (GRP)"
    return (
        len(low) >= 2
        and low[0] in pats.countries
        and low[-1] in pats.state_heads
        and all(w in pats.state_middle for w in low[1:-1])
    )


@dataclass(frozen=True)
class Perpetrator:
    """A named group and the role the text gives it."""

    name: str
    inter: int
    role: Role
    start: int
    end: int
    #: A row of the pack's actor dictionary (not a name read from capitals).
    known: bool = False


@dataclass(frozen=True)
class _Name:
    name: str
    inter: int
    start: int
    end: int
    bare: bool = False  # an acronym not named in full, or a name with no organisation word
    known: bool = False  # a row of the actor dictionary


def _strip_lead(name: str, start: int, lead: frozenset[str]) -> tuple[str, int]:
    """Drop sentence-initial words that are not part of a name ("The", "On")."""
    words = name.split(" ")
    while len(words) > 1 and words[0].lower() in lead:
        start += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), start


def acronym_names(text: str, locale: Locale | None = None) -> dict[str, str]:
    """Acronym -> full name of the organisations a document names in full
    ("Basque Fatherland and Freedom (ETA)": a later bare "ETA" is that group)."""
    if not any(bracket in text for bracket in ACRONYM_BRACKETS):
        return {}  # no "Name (ACR)" without a bracket: the whole-text scan is skipped
    return {
        n.name.rsplit(" (", 1)[1][:-1]: n.name
        for n in organisation_names(text, 0, locale)
        if n.name.endswith(")")
    }


#: Two or three capitalised words (no organisation word among them): a person's
#: name written in full, whose last word may later stand alone.
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}\b")


def person_surnames(text: str, locale: Locale | None = None) -> frozenset[str]:
    """The words after the first of the capitalised two- and three-word names of
    *text* that are no organisation's, place's or phrase's ("Oberdan Sallustro"
    -> "Sallustro")."""
    pats = claim_patterns(locale)
    out = set()
    for m in _FULL_NAME.finditer(text):
        low = [w.lower() for w in m.group(0).split()]
        if any(w in pats.org_heads or w in pats.not_names for w in low):
            continue
        out.update(m.group(0).split()[1:])  # "Alan Jara Urzola": Jara, Urzola
    return frozenset(out)


class DocumentAcronyms(Mapping[str, str]):
    """:func:`acronym_names` of a whole document, scanned only when first asked (most
    sentences hold no bare acronym, and the scan reads the whole text)."""

    def __init__(self, text: str, locale: Locale | None = None) -> None:
        self._text, self._locale = text, locale
        self._names: dict[str, str] | None = None
        self._surnames: frozenset[str] | None = None

    def _read(self) -> dict[str, str]:
        if self._names is None:
            self._names = acronym_names(self._text, self._locale)
        return self._names

    def __getitem__(self, acronym: str) -> str:
        return self._read()[acronym]

    def surnames(self) -> frozenset[str]:
        """Family names of the people the document names in full ("Babloo
        Gupta"): alone later ("The Maoists suspected Gupta"), a person."""
        if self._surnames is None:
            self._surnames = person_surnames(self._text, self._locale)
        return self._surnames

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


def organisation_names(
    text: str,
    offset: int = 0,
    locale: Locale | None = None,
    acronyms: Mapping[str, str] | None = None,
) -> list[_Name]:
    """Organisation names written in full in *text* (not in the dictionary), and
    bare acronyms (named in full when *acronyms* knows them)."""
    pats = claim_patterns(locale)
    upper = len(_UPPER.findall(text))
    if not pats.org_heads or upper > UPPER_SHARE * max(1, upper + len(_LOWER.findall(text))):
        return []
    out = []
    for m in pats.acronym.finditer(text):
        full = acronyms.get(m.group(0)) if acronyms is not None else None
        out.append(
            _Name(full or m.group(0), DEFAULT_INTER, m.start() + offset, m.end() + offset, not full)
        )
    for m in pats.org.finditer(text):
        if not m["acr"] and any(
            o.start <= m.start() + offset and m.end() + offset <= o.end for o in out
        ):
            continue  # the bare acronym read above ("ETA")
        name, start = _strip_lead(m["name"], m.start("name"), pats.lead_words)
        if not m["acr"] and name[-1] in CLOSING_QUOTES:
            name = name[:-1]  # "calling itself 'Guards of Islam'": the quote is not the name's
        words = name.split()
        low = [w.lower().strip("'’.,") for w in words]
        # the last word, or one its purpose follows ("Secret Army for the
        # Liberation of Armenia", "Revolutionary Organization of Socialist Moslems")
        has_head = low[-1] in pats.org_heads or any(
            w in pats.org_heads and nxt in pats.head_links
            for w, nxt in pairwise(low)
        )
        loose = not m["acr"] and (not has_head or len(words) < 2)
        capitalised = [w for w, raw in zip(low, words, strict=True) if raw[:1].isupper()]
        if loose and (
            len(capitalised) > LOOSE_WORDS or any(w in pats.not_names for w in capitalised)
        ):
            continue  # a capitalised phrase that names no group
        if _is_state_body(words, pats) or low[0] in pats.lead_words:
            continue
        full = f"{name} ({m['acr']})" if m["acr"] else name
        end = m.end()
        # (not an acronym's expansion: "The FAP (Peronist Armed Forces)" is the acronym's)
        gloss = None if m["acr"] or _is_acronym(name) else pats.gloss.match(text, end)
        if gloss is not None:  # the gloss is the name's too: reports write either
            full, end = f"{name} ({gloss['gloss']})", gloss.end()
        inter = next(
            (v for h, v in pats.head_inter.items() if h in name.lower().split()), DEFAULT_INTER
        )
        out = [o for o in out if not (start + offset <= o.start < end + offset)]
        out.append(_Name(full, inter, start + offset, end + offset, loose))
    return sorted(out, key=lambda n: n.start)


def named_groups(
    text: str,
    offset: int = 0,
    locale: Locale | None = None,
    acronyms: Mapping[str, str] | None = None,
    mentions: list[ActorMention] | None = None,
) -> list[_Name]:
    """Named groups in *text*: dictionary rows first, then names written in full.

    *mentions* are the sentence's actor finds if the caller has them already
    (``find_actors(text, offset, locale)``): the dictionary is scanned once.
    """
    if mentions is None:
        mentions = find_actors(text, offset, locale)
    found = [
        _Name(m.entry.name, m.entry.inter, m.start, m.end, known=True)
        for m in mentions
        if m.entry.named and m.entry.inter != STATE_FORCES
    ]
    generic = [m for m in mentions if not (m.entry.named and m.entry.inter != STATE_FORCES)]
    for n in organisation_names(text, offset, locale, acronyms):
        if n.bare and any(m.start < n.end and n.start < m.end for m in generic):
            continue  # "suspected Fulani militias", "Police": the dictionary's generic actor
        inside = [a for a in found if a.start < n.end and n.start < a.end]
        if len(inside) > 1 and not n.bare and len({a.name for a in inside}) == 1:
            # "The Kurdistan Workers' Party (PKK) is suspected": the name and its
            # acronym are two finds of one row; one name, the whole span, gets the role
            keep = inside[0]
            found = [a for a in found if a not in inside[1:]]
            inside = [keep]
        if not inside:
            found.append(n)
        elif len(inside) == 1 and not n.bare:
            a = inside[0]
            if _other_group(n, a):
                # "Armed Revolutionary Left (IRA)": the acronym is another group's row
                found[found.index(a)] = n
                continue
            # "National Liberation Army (ELN)": the dictionary's name, the whole span
            found[found.index(a)] = _Name(
                a.name, a.inter, min(a.start, n.start), max(a.end, n.end), known=True
            )
    return sorted(found, key=lambda n: n.start)


#: Words this short say nothing of which group a name is ("of", "the", "al").
NAME_WORD_CHARS = 4
_NAME_WORDS = re.compile(r"[^\W\d_]{" + str(NAME_WORD_CHARS) + r",}")


def _other_group(written: _Name, row: _Name) -> bool:
    """True if a name written in full with its acronym ("Armed Revolutionary Left
    (IRA)") shares no word with the dictionary row its acronym matched
    ("PIRA: Provisional Irish Republican Army"): the text names another group.
    A row that is the acronym alone ("Hamas") is never another group."""
    if row.start < written.start or "(" not in written.name:
        return False  # the row matched the name itself, not only its acronym
    full = written.name.rsplit(" (", 1)[0]
    row_words = {w.lower() for w in _NAME_WORDS.findall(row.name)}
    acronym = written.name.rsplit(" (", 1)[1].rstrip(")").lower()
    if row_words <= {acronym}:
        return False
    return not row_words & {w.lower() for w in _NAME_WORDS.findall(full)}


def denies(text: str, start: int, end: int, locale: Locale | None = None) -> bool:
    """True if the name at *start*:*end* of *text* is followed by its denial of
    the act ("The Taliban denied carrying out the bombing"): neither its author
    nor its target."""
    return bool(claim_patterns(locale).denial_after.match(text[end : end + AFTER_CHARS]))


def find_perpetrators(
    text: str,
    offset: int = 0,
    locale: Locale | None = None,
    acronyms: Mapping[str, str] | None = None,
    mentions: list[ActorMention] | None = None,
) -> list[Perpetrator]:
    """Named groups of *text* (one sentence) that the text makes the perpetrator
    (*mentions*: the sentence's actor finds, if the caller has them)."""
    pats = claim_patterns(locale)
    out = []
    groups = named_groups(text, offset, locale, acronyms, mentions)
    roles: dict[int, Role] = {}
    for k, n in enumerate(groups):
        s, e = n.start - offset, n.end - offset
        before, after = text[max(0, s - BEFORE_CHARS) : s], text[e : e + AFTER_CHARS]
        if denies(text, s, e, locale):
            continue
        role = next(
            (
                r
                for r in ROLES
                if pats.roles_before[r].search(before) or pats.roles_after[r].match(after)
            ),
            None,
        )
        if (
            role is Role.CLAIM
            and not pats.roles_before[Role.CLAIM].search(before)
            and pats.not_claimant_before.search(before)
        ):
            continue  # "a caller to UPI claimed": where the claim was made, not who
        if (
            role is Role.CLAIM
            and n.bare
            and not pats.roles_before[Role.CLAIM].search(before)
            and _claim_after_comma(after, pats)
        ):
            continue  # "a spokesman, Abu Sa'id, claimed": a person named in apposition
        by_agent = pats.roles_before[Role.AGENT].search(before)
        if role is Role.AGENT and pats.victim_after.match(after):
            continue  # "3 PKK militants were killed": the victims
        if role is Role.ATTRIBUTION and pats.accused_of_after.match(after):
            continue  # "the Maoists suspected Gupta of being an informer": another charge
        if (
            role is Role.ATTRIBUTION
            and pats.victim_after.match(after)
            and not pats.roles_after[Role.ATTRIBUTION].match(after)
        ):
            continue  # "a suspected Al Shabaab returnee was killed": the victim, suspected
        if (
            role is not None
            and n.bare
            and " " not in n.name
            and not _is_acronym(n.name)
            and isinstance(acronyms, DocumentAcronyms)
            and n.name in acronyms.surnames()
        ):
            continue  # "the kidnappers said Sallustro was responsible": a person named before
        fielded = n.bare and _is_acronym(n.name) and (
            pats.member_after.match(after) or pats.member_before.search(before)
        )  # "CGSB guerrillas attacked", "members of the ALN": an acronym with its fighters
        if role is Role.AGENT and (
            (n.bare and not fielded) or (not by_agent and pats.victim_before.search(before))
        ):
            continue  # "attacked the GAM rebels": the target; "by US troops": no name
        if role is not None:
            parent = _parent(text, offset, n, groups[k + 1 :], pats)
            if parent is n and k and pats.faction_between.match(
                text[groups[k - 1].end - offset : s]
            ):
                # "the Corsican National Liberation Front (FLNC)-Union of Combatants
                # claimed": a faction told joined to its parent is the parent's act
                parent = groups[k - 1]
            out.append(
                Perpetrator(parent.name, parent.inter, role, n.start, n.end, parent.known)
            )
            roles[k] = role
    return out + _conjoined(text, offset, groups, roles, locale)


def _conjoined(
    text: str, offset: int, groups: list[_Name], roles: dict[int, Role], locale: Locale | None
) -> list[Perpetrator]:
    """Groups joined as one subject to a bound group that follows them ("FARC and
    the ELN launched a joint attack"): each shares the role of the next, and as
    the one named first, leads (`best_perpetrator`)."""
    joined = actor_patterns(locale).conjoined_between
    victim_before = claim_patterns(locale).victim_before
    out = []
    for k in range(len(groups) - 2, -1, -1):
        n, nxt = groups[k], groups[k + 1]
        s = n.start - offset
        if (
            k in roles
            or k + 1 not in roles
            or n.bare
            or not joined.match(text[n.end - offset : nxt.start - offset])
            or victim_before.search(text[max(0, s - BEFORE_CHARS) : s])
        ):
            continue
        roles[k] = roles[k + 1]
        out.append(Perpetrator(n.name, n.inter, roles[k], n.start, n.end, n.known))
    return out


def _claim_after_comma(after: str, pats: ClaimPatterns) -> bool:
    """True if the claim follows the name right after a comma (", claimed ..."):
    an organisation's name set off so ("A new group, the Roque Commando, claimed")
    claims; a loose name so set off is a spokesman's or a leader's."""
    rest = after.lstrip()
    return rest.startswith(",") and pats.roles_after[Role.CLAIM].match(rest[1:]) is not None


def _is_acronym(name: str) -> bool:
    """True for an acronym ("CGSB", "FPMR-A"): capitals and digits, three or more."""
    letters = name.replace("-", "")
    return len(letters) >= MIN_ACRONYM and letters.isalnum() and letters.isupper()


def _parent(text: str, offset: int, n: _Name, later: list[_Name], pats: ClaimPatterns) -> _Name:
    """The group *n* is a wing of ("X Brigades, the armed wing of Y" -> Y), else *n*."""
    if later and pats.wing_between.match(text[n.end - offset : later[0].start - offset]):
        return later[0]
    return n


def best_perpetrator(found: list[Perpetrator]) -> Perpetrator | None:
    """The strongest-bound perpetrator (claim > attribution > agent; first told)."""
    if not found:
        return None
    return min(found, key=lambda p: (p.role, p.start))
