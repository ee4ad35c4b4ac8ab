"""Scorers for RDWTI, UCDP GED, ACEP and the negatives; the registry of all scorers.

See :mod:`blotter.evaluation.scoring` for the rules every scorer shares.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from blotter.evaluation.matching import (
    actor_match,
    align,
    event_actors,
    fold_plural,
    same_country,
    same_place,
    stated,
)
from blotter.evaluation.scoring import (
    NEAR_KM,
    AlignScore,
    Event,
    Pair,
    Tally,
    acled_fit,
    coded,
    current_events,
    finish,
    muc_fit,
    run_scorer,
    score_acled,
    score_muc,
    scoring_gazetteer,
)
from blotter.fusion.reports import normalise
from blotter.geo.admin_names import same_admin1
from blotter.geo.distance import haversine_km

#: RDWTI weapon classes and the weapon label Blotter writes for each
#: (classes with no counterpart, "Unknown" or "Other", are not scored).
RDWTI_WEAPONS = {
    "Explosives": "explosives",
    "Remote-detonated explosive": "explosives",
    "Firearms": "firearms",
    "Fire or Firebomb": "incendiary",
    "Knives & sharp objects": "melee",
}
#: Gold perpetrator names that name nobody.
UNNAMED_ACTORS = frozenset({"unknown", "unidentified", "none", "other"})
#: RDWTI's perpetrator field holds at most this many characters: a name this
#: long may end in a cut word ("... Liberation of Palestine (PFL").
RDWTI_NAME_CHARS = 50
#: Characters of RDWTI's Mac Roman text read as Latin-1 ("QaÕidat" is "Qa’idat").
RDWTI_MOJIBAKE = str.maketrans({"Õ": "’", "Ô": "‘", "Ò": "“", "Ó": "”", "Ð": "–"})
#: Other names RDWTI's own perpetrator names go by (normalised RDWTI name ->
#: names of the same organisation, or of the groups RDWTI files under it).
RDWTI_ALIASES: dict[str, tuple[str, ...]] = {
    "tanzim qa idat al jihad fi bilad al rafidayn": ("Al Qaeda in Iraq", "AQI"),
    "mujahideen youth movement": ("Al Shabaab",),
    "pkk kongra gel": ("PKK",),  # the PKK under its 2003 name
    "real ira": ("Real Irish Republican Army",),
    "mozambique national resistance movement mnr": ("RENAMO",),
    "african national congress south africa": ("ANC",),  # "(South Africa)" is no acronym
    # session 11: the 1980s cover name of Hizballah's attacks abroad and in Lebanon
    "hizballah": ("Hezbollah", "Islamic Jihad Organization"),
    # Fatah's armed wing, which RDWTI files under Fatah
    "al fatah": ("Al Aqsa Martyrs Brigade",),
    "fatah": ("Al Aqsa Martyrs Brigade",),
    "kurdish workers party": ("PKK",),
    # session 13: the PKK's later names (KADEK 2002, Kongra-Gel 2003) as the
    # texts write them, and its army (ARGK), which the actor dictionary reads
    # as the PKK
    "kurdish workers party pkk": ("KADEK", "Kurdistan Democratic Congress", "Kongra-Gel"),
    "people s liberation army of kurdistan argk": ("PKK",),
    "action directe": ("Direct Action",),  # its name in English reports
    # anti-Castro exile groups RDWTI files under one name
    "anti castro cubans": (
        "Omega 7", "El Poder Cubano", "Alpha 66", "CORU", "Cuban Action Commandos",
        "Pedro Luis Boitel Commandos", "Secret Cuban Government",
    ),
    # session 13: names RDWTI writes otherwise than the group and its reports
    # ("of the Armenian Genocide", "Revolutionary Forces", "October Third"), and
    # the Arabic name the texts give for the English one RDWTI uses
    "justice commandos for the armenian genocide": (
        "Justice Commandos of the Armenian Genocide", "JCAG",
    ),
    "palestinian revolution forces general command": (
        "Palestinian Revolutionary Forces General Command",
    ),
    "third of october group": ("October Third Organization",),
    "group bakunin gdansk paris guatemala salvador bgp": (
        "Bakounine Gdansk Paris Guatemala Salvador",  # the French spelling of the name
    ),
    "soldiers of the prophet s companions": ("Jund al-Sahabah", "Jund al-Sahaba"),
    # renamed in October 2004 (the text says so: "now calling itself ...")
    "tawhid and jihad": ("Al Qaeda in Iraq", "AQI"),
}
#: Session 13: gold countries RDWTI writes as the state of the day, where a place
#: now in another country lay then: Kosovo's incidents before its 2008
#: declaration of independence are filed under "Serbia" (RDWTI only: ACLED
#: codes Serbia and Kosovo apart).
RDWTI_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {"serbia": ("RS", "XK")}
_LAST_WORD = re.compile(r"(\w+)$")
_WORD = re.compile(r"\w+")


def rdwti_names(gold: str) -> list[str]:
    """An RDWTI perpetrator name as written (Mac Roman repaired) and its aliases."""
    name = gold.translate(RDWTI_MOJIBAKE)
    return [name, *RDWTI_ALIASES.get(normalise(name), ())]


def complete_cut(gold: str, predicted: str) -> str:
    """A cut RDWTI name with its last, cut word completed from a predicted
    word it begins ("... Palestine (PFL" with "PFLP: ..." -> "... (PFLP")."""
    last = _LAST_WORD.search(gold)
    if len(gold) < RDWTI_NAME_CHARS or last is None:
        return gold
    cut = last.group(1).lower()
    whole = next((w for w in _WORD.findall(predicted) if w.lower().startswith(cut)), None)
    return gold[: last.start()] + whole if whole else gold


def rdwti_perpetrator_match(predicted: str, gold: str) -> bool:
    """True if a predicted name names RDWTI's perpetrator (aliases, cut names)."""
    return any(
        actor_match(predicted, complete_cut(name, predicted)) for name in rdwti_names(gold)
    )


def rdwti_same_country(location: dict[str, Any], gold_country: str) -> bool:
    """True if the predicted location lies in RDWTI's gold country, read as the
    state of the day where RDWTI writes it so (`RDWTI_COUNTRY_ALIASES`)."""
    codes = RDWTI_COUNTRY_ALIASES.get(normalise(gold_country))
    code = (location or {}).get("country_code")
    if codes and isinstance(code, str) and code:
        return code.upper() in codes
    return same_country(location, gold_country)


def perpetrator_names(event: Event) -> list[str]:
    """Who a predicted event says did it: actor1 and the claimant (not the target)."""
    names = [(event.get("actor1") or {}).get("name"), event.get("claimed_by")]
    return [n for n in names if isinstance(n, str) and n]
#: A language gets its own row when this many records of a set have it; the
#: rest are pooled as "other" (GED's language tags are automatic and noisy).
MIN_LANGUAGE_RECORDS = 100
#: Number words a headline may state a count with (English and Spanish).
NUMBER_WORDS = {
    n: words.split()
    for n, words in {
        1: "one a an un uno una", 2: "two dos", 3: "three tres", 4: "four cuatro",
        5: "five cinco", 6: "six seis", 7: "seven siete", 8: "eight ocho", 9: "nine nueve",
        10: "ten diez", 11: "eleven once", 12: "twelve doce dozen docena",
    }.items()
}


def count_stated(n: object, text_key: str) -> bool:
    """True if the count *n* is written in the (normalised) text, in digits or words."""
    if not isinstance(n, int) or n <= 0:
        return False
    words = set(text_key.split())
    if str(n) in words:
        return True
    return any(w in words for w in NUMBER_WORDS.get(n, [])) if n > 1 else False


def score_rdwti(pairs: Iterable[Pair]) -> dict[str, Any]:
    """RDWTI: dates, countries, cities, killed and injured counts, perpetrator, weapon."""

    def fields(t: Tally, g: Event, p: Event | None, record: dict[str, Any]) -> None:
        loc = (p or {}).get("location") or {}
        if coded(g.get("event_date")):
            t.add("event_date", p is not None and p.get("event_date") == g["event_date"])
        if coded(g.get("country")):
            t.add("country", rdwti_same_country(loc, g["country"]))
        if coded(g.get("location")):
            t.add("location", same_place(loc, g["location"]))
        t.count("fatalities", g.get("fatalities"), p, "fatalities")
        t.count("injuries", g.get("injuries"), p, "injuries")
        perpetrator = g.get("actor1")
        if isinstance(perpetrator, str) and coded(perpetrator) and (
            normalise(perpetrator) not in UNNAMED_ACTORS
        ):
            names = [n for e in current_events(record["_predicted"]) for n in perpetrator_names(e)]
            t.add(
                "perpetrator_found", any(rdwti_perpetrator_match(n, perpetrator) for n in names)
            )
        label = RDWTI_WEAPONS.get(g.get("weapon") or "")
        if label:
            t.add("weapon", label in ((p or {}).get("weapons") or []))

    marked = [({**g, "_predicted": pr}, pr) for g, pr in pairs]
    return finish(*run_scorer(marked, acled_fit, fields))


def near(location: dict[str, Any], gold: Event) -> bool:
    """True if the predicted point is within NEAR_KM of the gold point."""
    if location.get("latitude") is None or location.get("longitude") is None:
        return False
    d = haversine_km(location["latitude"], location["longitude"],
                     float(gold["latitude"]), float(gold["longitude"]))
    return d <= NEAR_KM


def ged_fit(gold: Event, p: Event) -> float:
    """How well predicted *p* stands for a GED event (any event can)."""
    loc = p.get("location") or {}
    return (
        2.0 * (p.get("event_type") == gold.get("event_type"))
        + 1.0
        * (bool(gold.get("admin1")) and same_admin1(loc, gold["admin1"], scoring_gazetteer()))
        + 1.0 * same_place(loc, gold.get("location"))
        + 1.0 * (p.get("event_date") == gold.get("event_date"))
    )


#: GED sides that are not a named group: the state and its victims.
GED_STATE_PREFIX = "government of"
GED_CIVILIANS = "civilians"
#: Words of a GED side name that say what kind of group it is, in English and
#: Spanish (accent-folded, plural-folded).  A name that has one ("Sinaloa
#: Cartel") is named only where one of these stands next to its distinctive
#: words ("cártel de Sinaloa", "Sinaloa cartel"): alone, "Sinaloa" is a state.
GROUP_KIND_WORDS = frozenset(
    ["cartel", "gang", "pandilla", "banda", "group", "grupo", "organization", "organizacion",
     "clan", "force", "fuerza"]
)
#: Articles a name may start with ("Los Zetas", "La Familia"): a name of one
#: distinctive word after an article is named only with an article before it
#: ("una familia" is a family, "La Familia" the group).
GROUP_ARTICLES = frozenset(["the", "la", "las", "los", "el"])
#: The article an English headline writes before any group's name ("the Zetas").
ENGLISH_ARTICLE = "the"
#: Words dropped from names and headlines before the distinctive words are
#: read: articles and connectives, faction markers, and the descriptive words
#: of "Jalisco Cartel New Generation" / "La Nueva Familia" (headlines name the
#: groups "the Jalisco cartel", "La Familia").
GROUP_FILLER_WORDS = GROUP_ARTICLES | frozenset(
    ["of", "de", "del", "s", "faction", "faccion", "new", "nueva", "nuevo", "generation",
     "generacion"]
)
#: Words joining two names that share one kind word ("los cárteles de Sinaloa
#: y Jalisco", "the Sinaloa and Juarez cartels").
GROUP_JOINERS = frozenset(["y", "e", "and"])
#: Spanish name words (plural-folded) and the English word GED writes instead
#: ("Cártel del Golfo" is GED's "Gulf Cartel"); names and headlines are both
#: read through this map.
GROUP_WORD_EQUIVALENTS = {
    "golfo": "gulf",
    "caballero": "knight",
    "templario": "templar",
    "unido": "united",
    "cartele": "cartel",
    "organizacione": "organizacion",
}
#: The acronyms the groups go by that are not the initials of GED's English
#: name (they are their Spanish names' initials): general knowledge, written
#: here from the groups' usage, not from Blotter's actor dictionary.
GED_GROUP_ACRONYMS: dict[str, tuple[str, ...]] = {
    "jalisco cartel new generation": ("cjng",),
    "gulf cartel": ("cdg",),
    "sinaloa cartel": ("cds",),
    "tijuana cartel": ("caf",),
    "santa rosa de lima cartel": ("csrl",),
    "beltran leyva cartel": ("cbl", "blo"),
    "cartel del noreste": ("cdn",),
    "la familia": ("lfm",),
    "la nueva familia": ("lfm", "lnfm"),
}
#: Other names GED's groups go by (normalised GED name -> names of the same
#: group): GED writes some in Spanish, others by a faction's own name.
GED_ALIASES: dict[str, tuple[str, ...]] = {
    "los caballeros templarios": ("Knights Templar",),
    "los zetas cartel del noreste faction": ("Northeast Cartel", "Cartel del Noreste"),
    "epl megateo": ("EPL",),  # a faction: its parent's name names it, as "Sinaloa Cartel" does
}
#: An acronym derived from a name's initials counts only from this many letters
#: ("JC" for Juarez Cartel would be noise).
MIN_ACRONYM_LETTERS = 3
#: A name written in capitals this short ("MAS", "ELN") is an acronym: it names
#: the group only where the headline writes it in capitals ("más" is a word).
SHORT_NAME_LETTERS = 4
_FACTION_SPLIT = re.compile(r"\s+-\s+")
_PARENS = re.compile(r"\([^()]*\)")
#: GED's marker of a faction's name ("Los Zetas - Cártel del Noreste faction").
_FACTION_WORD = re.compile(r"\s+faction$", re.IGNORECASE)
#: Punctuation that ends a stretch of a headline: "Culiacán, Sinaloa: cartel
#: gunmen ..." does not name the Sinaloa cartel.
_SEGMENT_BREAK = re.compile(r"[,:;.!?|()\[\]]|\s[-–—]\s")
#: Where a new sentence (or title) starts and its first word is capitalised anyway.
_SENTENCE_BREAK = re.compile(r"[:.!?|\"“”‘’']")


def _name_words(text: str) -> list[str]:
    """Normalised, plural-folded words read through GROUP_WORD_EQUIVALENTS."""
    out = []
    for w in normalise(text).split():
        w = fold_plural(w)
        out.append(GROUP_WORD_EQUIVALENTS.get(w, w))
    return out


def ged_groups(side: str | None) -> list[str]:
    """The named groups of a GED side: none for the state or civilians; one per
    comma-listed group ("Caborca Cartel, Sinaloa Cartel - Los Mayos")."""
    if not isinstance(side, str) or not coded(side):
        return []
    groups = [g.strip() for g in side.split(",") if g.strip()]
    return [
        g for g in groups
        if normalise(g) != GED_CIVILIANS and not normalise(g).startswith(GED_STATE_PREFIX)
    ]


def _kind_beside(seq: list[str], i: int, n: int) -> bool:
    """True if a kind word stands beside ``seq[i:i+n]``, or beyond one joined
    name ("cartel sinaloa y jalisco": the cartel word reaches "jalisco")."""
    def kind(j: int) -> bool:
        return 0 <= j < len(seq) and seq[j] in GROUP_KIND_WORDS

    left, right = i - 1, i + n
    return (
        kind(left) or kind(right)
        or (left >= 1 and seq[left] in GROUP_JOINERS and kind(left - 2))
        or (right < len(seq) and seq[right] in GROUP_JOINERS and kind(right + 2))
    )


def _segment_names(
    core: list[str], article: str, has_kind: bool, segment: str, capitalised: set[str]
) -> bool:
    """True if the distinctive words *core* stand together in one headline stretch
    (a one-word name after *article* or "the", or as the name writes it and
    capitalised: "Zetas" but not "Rojo" for "Los Rojos")."""
    articles = {article, ENGLISH_ARTICLE}
    seq: list[str] = []  # the stretch's words without fillers
    marked: list[bool] = []  # ... and whether each stands after the article or capitalised
    previous_article = False
    for raw, w in zip(normalise(segment).split(), _name_words(segment), strict=True):
        if w in GROUP_ARTICLES:
            previous_article = w in articles
            continue
        if w in GROUP_FILLER_WORDS:
            continue
        seq.append(w)
        marked.append(previous_article or raw in capitalised)
        previous_article = False
    n = len(set(core))
    for i in range(len(seq) - n + 1):
        if set(seq[i : i + n]) != set(core):
            continue
        if has_kind and not _kind_beside(seq, i, n):
            continue
        if article and not marked[i]:
            continue
        return True
    return False


def _capitalised(headline: str) -> set[str]:
    """The (normalised) words written with a capital first letter, but not
    where every word has one: a sentence's first word, a headline all in capitals."""
    if headline.isupper():
        return set()
    out = set()
    for sentence in _SENTENCE_BREAK.split(headline):
        words = re.findall(r"\w+", sentence)
        out |= {normalise(w) for w in words[1:] if w[:1].isupper()}
    return out


def _part_named(part: str, headline: str) -> bool:
    """True if one part of a group's name (its parent or its faction) is named."""
    part = _FACTION_WORD.sub("", _PARENS.sub(" ", part)).strip()
    letters = re.sub(r"\W", "", part)
    if letters.isupper() and len(letters) <= SHORT_NAME_LETTERS:
        return letters in re.sub(r"[^\w\s]", " ", headline).split()
    acronyms = {"".join(w[0] for w in normalise(part).split())}
    acronyms = {a for a in acronyms if len(a) >= MIN_ACRONYM_LETTERS}
    acronyms |= set(GED_GROUP_ACRONYMS.get(normalise(part), ()))
    if acronyms & set(normalise(headline).split()):
        return True
    name = _name_words(part)
    has_kind = any(w in GROUP_KIND_WORDS for w in name)
    core = [w for w in name if w not in GROUP_KIND_WORDS and w not in GROUP_FILLER_WORDS]
    if not any(not w.isdigit() for w in core):
        return False  # "Los 28": a bare number is a count in a headline
    one_word = len(core) == 1 and not has_kind
    article = name[0] if one_word and name[0] in GROUP_ARTICLES else ""
    # a one-word name's own word, capitalised where the headline writes it so
    capitalised = _capitalised(headline) & set(normalise(part).split()) if article else set()
    return any(
        _segment_names(core, article, has_kind, segment, capitalised)
        for segment in _SEGMENT_BREAK.split(headline)
    )


def named_in_headline(group: str, headline: str) -> bool:
    """True if a reader would say the headline names the GED group (docs/evaluation.md).

    Decided from GED's name alone, not from Blotter's actor dictionary: its
    distinctive words stand together in one stretch of the headline (beside a
    kind word such as "cartel" when the name has one; after an article when
    the name is an article and one word), or its acronym is written there.
    A faction ("Sinaloa Cartel - Los Chapitos") is named by either part.
    """
    return any(_part_named(p, headline) for p in _FACTION_SPLIT.split(group) if p.strip())


def ged_actor_match(predicted: str, group: str) -> bool:
    """True if a predicted name names a GED group (as written, or by an alias)."""
    names = [group, *GED_ALIASES.get(normalise(group), ())]
    return any(actor_match(predicted, name) for name in names)


def score_ged(pairs: Iterable[Pair]) -> dict[str, Any]:
    """UCDP GED headlines: type, sides, and places, dates and counts the text states.

    ``named_side_found``: each named group side (not the state, not civilians)
    that the headline names, once per record: is it among the actors of any
    current predicted event of the record?  ``named_side_found_detected``: the
    same over the records where an event was found at all (actors apart from
    detection).
    """

    def fields(t: Tally, g: Event, p: Event | None, record: dict[str, Any]) -> None:
        loc = (p or {}).get("location") or {}
        key = record["_text_key"]
        if coded(g.get("event_type")):
            t.add("event_type", p is not None and p.get("event_type") == g["event_type"])
        names = event_actors(p) if p else []
        for side in ("actor1", "actor2"):
            if coded(g.get(side)):
                t.add(f"{side}_found", any(actor_match(n, g[side]) for n in names))
            for group in ged_groups(g.get(side)):
                seen = record["_groups_seen"]
                if group in seen or not named_in_headline(group, record.get("text") or ""):
                    continue
                seen.add(group)
                found = any(ged_actor_match(n, group) for n in record["_actors"])
                t.add("named_side_found", found)
                if record["_detected"]:  # the actors' share where an event was found at all
                    t.add("named_side_found_detected", found)
        place_said = stated(g.get("location"), key) or stated(g.get("admin1"), key)
        if coded(g.get("country")) and (place_said or stated(g["country"], key)):
            t.add("country", same_country(loc, g["country"]))
        if coded(g.get("admin1")) and place_said:
            t.add("admin1", same_admin1(loc, g["admin1"], scoring_gazetteer()))
        if coded(g.get("location")) and stated(g["location"], key):
            t.add("location", same_place(loc, g["location"]))
            if g.get("latitude") is not None and g.get("where_prec") == 1:
                t.add("within_25km", near(loc, g))
        if coded(g.get("event_date")) and g.get("date_prec") == 1:
            t.add("event_date", p is not None and p.get("event_date") == g["event_date"])
        if count_stated(g.get("fatalities"), key):
            t.count("fatalities", g["fatalities"], p, "fatalities")

    marked = [
        (
            {
                **g,
                "_predicted": pr,
                "_text_key": normalise(g.get("text")),
                "_actors": [n for e in current_events(pr) for n in event_actors(e)],
                "_detected": bool(current_events(pr)),
                "_groups_seen": set(),
            },
            pr,
        )
        for g, pr in pairs
    ]
    common, tally = run_scorer(marked, ged_fit, fields)
    for record, predicted in marked:
        headline_fields(tally, record, current_events(predicted))
    return finish(common, tally)


def headline_fields(t: Tally, record: dict[str, Any], current: list[Event]) -> None:
    """What one GED headline tells as a whole: its places and its total toll.

    GED codes an article's events from the whole article (1.7 events a Spanish
    headline of GED Mexico dev, often one state's killings split by place),
    while the headline tells where and how many in all. ``admin1_headline``:
    each distinct gold admin1 the headline names (it, or a gold place in it),
    once per record: does a current predicted event lie in it?
    ``deaths_total``: where the headline states the record's gold total (the
    sum of its events' deaths), do the current events' deaths sum to it?
    """
    key = record["_text_key"]
    events = record.get("events") or []
    gaz = scoring_gazetteer()
    named: list[str] = []
    for g in events:
        admin1 = g.get("admin1")
        if coded(admin1) and admin1 not in named and (
            stated(admin1, key) or stated(g.get("location"), key)
        ):
            named.append(admin1)
    for admin1 in named:
        t.add("admin1_headline", any(
            same_admin1(e.get("location") or {}, admin1, gaz) for e in current))
    counts = [g.get("fatalities") for g in events]
    if counts and all(isinstance(n, int) for n in counts):
        total = sum(n for n in counts if isinstance(n, int))
        if count_stated(total, key):
            got = sum(((e.get("fatalities") or {}).get("best") or 0) for e in current)
            t.add("deaths_total", got == total)


def any_fit(_gold: Event, _p: Event) -> float:
    """Any predicted event can stand for a gold event that codes no fields."""
    return 0.0


def score_acep(pairs: Iterable[Pair]) -> dict[str, Any]:
    """ACEP: does a Spanish article report a protest or conflict event (detection only)."""
    return finish(*run_scorer(pairs, any_fit, lambda *_: None))


def score_negatives(pairs: Iterable[Pair]) -> dict[str, Any]:
    """Negatives: every current event is a false alarm; rates per news section too."""
    pairs = list(pairs)
    common, tally = run_scorer(pairs, any_fit, lambda *_: None)
    fired: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for gold, predicted in pairs:
        section = str(gold.get("section") or "unknown")
        total[section] += 1
        fired[section] += bool(current_events(predicted))
    by_section = {s: round(fired[s] / total[s], 4) for s in sorted(total)}
    return finish(common, tally, false_alarm_rate_by_section=by_section)


SCORERS: dict[str, Callable[[Iterable[Pair]], dict[str, Any]]] = {
    "acled": score_acled,
    "muc4": score_muc,
    "rdwti": score_rdwti,
    "ged": score_ged,
    "acep": score_acep,
    "negatives": score_negatives,
}
#: The alignment each source's scorer uses (calibration decides "real" with it).
FITS: dict[str, AlignScore] = {
    "acled": acled_fit,
    "muc4": muc_fit,
    "rdwti": acled_fit,
    "ged": ged_fit,
    "acep": any_fit,
    "negatives": any_fit,
}


def score_source(source: str, pairs: list[Pair]) -> dict[str, Any]:
    """Scores of one source's pairs, with a ``by_language`` block where records have one."""
    scorer = SCORERS.get(source, score_acled)
    out = scorer(pairs)
    if not any(g.get("language") for g, _ in pairs):
        return out
    sizes = Counter(str(g.get("language") or "unknown") for g, _ in pairs)
    groups: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        lang = str(pair[0].get("language") or "unknown")
        groups[lang if sizes[lang] >= MIN_LANGUAGE_RECORDS else "other"].append(pair)
    out["by_language"] = {lang: scorer(group) for lang, group in sorted(groups.items())}
    return out


def event_reality(source: str, gold: dict[str, Any], predicted: list[Event]) -> list[bool]:
    """For each current predicted event of one record: is it real (aligned to a gold event)?"""
    current = current_events(predicted)
    aligned = set(align(gold.get("events") or [], current, FITS.get(source, acled_fit)).values())
    return [i in aligned for i in range(len(current))]
