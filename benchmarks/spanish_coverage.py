"""Coverage of the Spanish language pack (blotter/lang/es) on the Spanish dev sets.

    .venv/bin/python benchmarks/spanish_coverage.py [--misses acts|fires|cartels|states] [--limit N]

Measures the word lists alone, without the engine (which does not route
Spanish yet): the cue phrases are compiled with the engine's own
``phrase_pattern`` and the actor rows with its ``ActorDictionary``.

- ``ged_es``: UCDP GED Mexico records with ``language`` "es" (headlines, every
  record has gold events): share with at least one act cue (``ACT_GROUPS``),
  with a strong act cue (``STRONG_GROUPS``, enough on its own to make an event
  sentence), and that "fire": a strong act cue not preceded by a negation,
  hypothetical or future cue (the test ``SentenceCues.is_unreal`` makes,
  without its casualty-count exception).
- ``ged_es`` cartels: of the headlines naming a criminal group (``NAMES_GROUP``
  below, an independent definition: "cártel de <Name>" or a group's own name),
  the share where actors.tsv finds a named non-state group, and the share
  where that group is one of GED's actors for the record (GED spellings from
  the "# ged" comment lines of actors.tsv).
- ``ged_es`` counts: of the headlines stating a killed count (number words
  and casualty nouns from words.toml: "14 muertos", "matan a tres"), the share
  whose number is GED's total (best) for the record.
- ``ged_es`` states: of the headlines naming a Mexican state (name or press
  abbreviation from words.toml), the share whose first-named state is GED's
  admin1.
- ``acep``: Argentine local news, full articles: recall of the same tests on
  articles coded as reporting a protest or conflict, the share of the others
  that fire (false alarms), and the F1 of "fires" as a relevance test.

``--misses`` prints the records a test misses (read them to improve the lists;
never copy them into the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from blotter.lexicon import ACT_GROUPS, STRONG_GROUPS, phrase_pattern

from blotter.fields.actors import SHORT_ACRONYM, ActorDictionary, ActorEntry

PACK = Path(__file__).resolve().parents[1] / "blotter" / "lang" / "es"
SHARED = Path(
    os.environ.get("BLOTTER_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
#: Cue groups that make an act unreal when they come before it (detect.py).
MODAL_GROUPS = ("hypothetical", "future", "negation")
#: Where a sentence ends, for the per-sentence modal test.
SENTENCE_CUT = re.compile(r"[.!?](?=\s)|\n+")
#: A headline names a criminal group: the word itself, an acronym, or a group
#: known by its own name.  Independent of actors.tsv (the thing measured);
#: accent-insensitive (applied to folded text).
NAMES_GROUP = re.compile(
    r"\bcjng\b|\bcdg\b|\bcdn\b|\bzetas\b|\bchapitos\b|\bmayiza\b|\bmayos\b|\bviagras\b"
    r"|\btemplarios\b|familia michoacana|nueva familia|guerreros unidos|union (?:de )?tepito"
    r"|anti ?union|\blos rojos\b|\btlacos\b|\bardillos\b|\blos aztecas\b|\bgente nueva\b"
    r"|\bbarredora\b|beltran leyva|\bms-?13\b|mara salvatrucha|barrio 18|\beln\b|\bfarc\b"
    r"|clan del golfo|\bmarros\b"
)
#: "Cártel de Sinaloa", "cárteles de Juárez": the word followed by a name (a
#: capital), on the original text; "balacera entre cárteles" names none.
CARTEL_NAMED = re.compile(
    r"(?i:\bc[aá]rtel(?:es)?)\s+(?:(?:de|del|de\s+los|de\s+la)\s+)?[A-ZÁÉÍÓÚÑ\"“'‘]"
)
#: Words before a state name that make it a neighbourhood, town or organisation
#: ("colonia Morelos", "Ciudad Hidalgo", "Cártel de Sinaloa").
NOT_STATE_BEFORE = re.compile(
    r"(?:colonia|col\.|ciudad|cd\.|villa|valle|cartel(?:es)?\s+de|cartel(?:es)?|"
    r"fraccionamiento|barrio|calle|avenida)\s+$"
)


def fold(text: str) -> str:
    """Lower case without accents (for the independent tests only)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def load_groups() -> dict[str, re.Pattern[str]]:
    """The pack's cue groups, each compiled with the engine's phrase_pattern."""
    raw = tomllib.loads((PACK / "cues.toml").read_text("utf-8"))["groups"]
    return {g: re.compile(phrase_pattern(p), re.IGNORECASE) for g, p in raw.items()}


def load_actors() -> tuple[ActorDictionary, dict[str, str]]:
    """The pack's actor dictionary and its canonical -> GED name map."""
    entries, ged = [], {}
    for line in (PACK / "actors.tsv").read_text("utf-8").splitlines():
        if line.startswith("# ged\t"):
            _, name, ged_name = line.split("\t")
            ged[name] = ged_name
        if not line.strip() or line.startswith("#"):
            continue
        pattern, name, inter, kind = line.split("\t")
        entries.append(ActorEntry(pattern, name, int(inter), kind == "named"))
    return ActorDictionary(entries), ged


def find_named(dictionary: ActorDictionary, text: str) -> list[ActorEntry]:
    """Named non-state actors in *text* (find_actors' rules, without state_forces)."""
    out = []
    for m in dictionary.pattern.finditer(text):
        entry = dictionary.entry(m.group(0))
        if entry is None or not entry.named or entry.inter == 1:
            continue
        if entry.pattern.isalpha() and len(entry.pattern) <= SHORT_ACRONYM and m.group(0).islower():
            continue
        out.append(entry)
    return out


def load_states() -> dict[str, str]:
    """Folded state name or abbreviation -> admin1 (words.toml)."""
    words = tomllib.loads((PACK / "words.toml").read_text("utf-8"))
    table = {fold(k): v for k, v in words["state_abbreviations"].items()}
    table.update({fold(k): v for k, v in words["state_names"].items()})
    return table


def first_state(states: dict[str, str], text: str) -> str | None:
    """The admin1 of the first state named in *text* (longest name at a position)."""
    pattern = (
        r"(?<![\w.])(?:"
        + "|".join(re.escape(k) for k in sorted(states, key=len, reverse=True))
        + r")(?![\w])"
    )
    folded = fold(text)
    for m in re.finditer(pattern, folded):
        if not NOT_STATE_BEFORE.search(folded[max(0, m.start() - 25) : m.start()]):
            return states[m.group(0)]
    return None


def count_pattern() -> re.Pattern[str]:
    """A killed/injured count in words.toml's terms: "14 muertos", "matan a tres".

    The engine's count path (``find_counts``) in miniature: a number (digits,
    a count word, a vague quantity) before a casualty noun or participle within
    three words, or after an active verb.  A casualty count makes a sentence
    an event sentence even without an act cue, and exempts it from is_unreal.
    """
    words = tomllib.loads((PACK / "words.toml").read_text("utf-8"))
    numbers, cas = words["numbers"], words["casualties"]
    num = (
        r"(?:\d+|"
        + "|".join(
            re.escape(w)
            for w in sorted([*numbers["units"], *numbers["vague"]], key=len, reverse=True)
        )
        + r")(?:\s+y\s+\w+)?"
    )
    after = phrase_pattern(
        cas["nouns_killed"] + cas["nouns_injured"] + cas["killed"] + cas["injured"]
    )
    before = phrase_pattern(cas["active_killed"] + cas["active_injured"])
    return re.compile(
        r"(?<![\w])"
        + num
        + r"\s+(?:[\w-]+\s+){0,3}?"
        + after
        + "|"
        + before
        + r"\s+"
        + num
        + r"(?![\w])",
        re.IGNORECASE,
    )


def killed_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    """A killed count with its number as group ``n1``/``n2``, and the number words' values."""
    words = tomllib.loads((PACK / "words.toml").read_text("utf-8"))
    numbers, cas = words["numbers"], words["casualties"]
    values = {k: int(v) for k, v in numbers["units"].items()}
    values |= {k: int(v) for k, v in numbers["vague"].items()}
    alternation = "|".join(re.escape(w) for w in sorted(values, key=len, reverse=True))
    num = r"(?:\d+|(?:" + alternation + r")(?:\s+y\s+(?:" + alternation + r"))?)"
    after = phrase_pattern(cas["nouns_killed"] + cas["killed"])
    before = phrase_pattern(cas["active_killed"])
    pattern = re.compile(
        r"(?<![\w])(?P<n1>"
        + num
        + r")\s+(?:[\w-]+\s+){0,3}?"
        + after
        + "|"
        + before
        + r"\s+(?P<n2>"
        + num
        + r")(?![\w])",
        re.IGNORECASE,
    )
    return pattern, values


def count_value(raw: str, values: dict[str, int]) -> int | None:
    """Digits or Spanish count words ("treinta y dos") as an int (a year is not a count)."""
    token = " ".join(raw.lower().split())
    if token.isdigit():
        return None if len(token) == 4 and 1900 <= int(token) <= 2100 else int(token)
    if token in values:
        return values[token]
    parts = token.split(" y ")
    if all(p in values for p in parts):
        return sum(values[p] for p in parts)
    return None


def hits(groups: dict[str, re.Pattern[str]], text: str) -> dict[str, list[int]]:
    """Start offsets of the hits of every group."""
    return {g: [m.start() for m in p.finditer(text)] for g, p in groups.items()}


def acts(found: dict[str, list[int]], which: Iterable[str]) -> list[int]:
    """Start offsets of the hits of the *which* groups."""
    return sorted(s for g in which for s in found.get(g, []))


def fires(found: dict[str, list[int]], text: str) -> bool:
    """Some sentence has a strong act cue not preceded by a modal cue in it.

    Sentences are cut at end punctuation and line breaks (acep texts have
    lost most of their punctuation, so their paragraphs stand in).
    """
    cuts = [0, *(m.end() for m in SENTENCE_CUT.finditer(text)), len(text) + 1]
    strong = acts(found, STRONG_GROUPS)
    modal = acts(found, MODAL_GROUPS)
    for a, b in pairwise(cuts):
        s = [x for x in strong if a <= x < b]
        m = [x for x in modal if a <= x < b]
        if s and not (m and m[0] <= s[0]):
            return True
    return False


def share(n: int, d: int) -> str:
    """'n/d (p%)'."""
    return f"{n}/{d} ({100 * n / d:.1f}%)" if d else "0/0"


def read(name: str, limit: int) -> list[dict]:
    """A dev file's records."""
    path = SHARED / "evaldata" / "dev" / f"{name}_dev.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return rows[: limit or None]


@dataclass
class Pack:
    """The compiled lists of the pack."""

    groups: dict[str, re.Pattern[str]]
    counts: re.Pattern[str]
    actors: ActorDictionary
    ged_names: dict[str, str]
    states: dict[str, str]
    killed: re.Pattern[str]
    values: dict[str, int]


def gold_actors(record: dict) -> set[str]:
    """GED's actor names of a record, whole and split at commas."""
    names = {e[k] for e in record["events"] for k in ("actor1", "actor2") if e[k]}
    return names | {part.strip() for name in names for part in name.split(",")}


def ged_report(pack: Pack, rows: list[dict], misses: str | None) -> dict[str, object]:
    """Act cues, named groups and states on the Spanish GED headlines."""
    n = {"act": 0, "strong": 0, "fire": 0, "event": 0, "named": 0, "found": 0, "right": 0}
    n |= {"with_state": 0, "state_right": 0, "with_count": 0, "count_right": 0}
    for r in rows:
        text = r["text"]
        h = hits(pack.groups, text)
        has_act, has_fire = bool(acts(h, ACT_GROUPS)), fires(h, text)
        is_event = has_fire or bool(pack.counts.search(text))
        n["act"] += has_act
        n["strong"] += bool(acts(h, STRONG_GROUPS))
        n["fire"] += has_fire
        n["event"] += is_event
        if (misses == "acts" and not has_act) or (misses == "events" and not is_event):
            print("MISS", text[:200].replace("\n", " "))
        if NAMES_GROUP.search(fold(text)) or CARTEL_NAMED.search(text):
            gold = gold_actors(r)
            entries = find_named(pack.actors, text)
            ok = any(pack.ged_names.get(e.name, e.name) in gold or e.name in gold for e in entries)
            n["named"] += 1
            n["found"] += bool(entries)
            n["right"] += ok
            if misses == "cartels" and not ok:
                print("MISS", text[:160], "|", sorted(gold), "|", [e.name for e in entries])
        found_values = (
            count_value(m["n1"] or m["n2"], pack.values) for m in pack.killed.finditer(text)
        )
        value = next((v for v in found_values if v is not None), None)
        if value is not None:
            total = sum(e["fatalities"] or 0 for e in r["events"])
            n["with_count"] += 1
            n["count_right"] += value == total
            if misses == "counts" and value != total:
                print("MISS", text[:160], "|", value, "|", total)
        state = first_state(pack.states, text)
        if state is not None:
            gold_admin1 = {fold(e["admin1"] or "") for e in r["events"]}
            n["with_state"] += 1
            n["state_right"] += fold(state) in gold_admin1
            if misses == "states" and fold(state) not in gold_admin1:
                print("MISS", text[:160], "|", state, "|", sorted(gold_admin1))
    return {
        "ged_es_records": len(rows),
        "ged_es_act_cue": share(n["act"], len(rows)),
        "ged_es_strong_act_cue": share(n["strong"], len(rows)),
        "ged_es_fires": share(n["fire"], len(rows)),
        "ged_es_fires_or_count": share(n["event"], len(rows)),
        "ged_es_headline_names_group": n["named"],
        "ged_es_named_group_found": share(n["found"], n["named"]),
        "ged_es_named_group_is_gold_actor": share(n["right"], n["named"]),
        "ged_es_headline_states_killed_count": n["with_count"],
        "ged_es_killed_count_is_gold_total": share(n["count_right"], n["with_count"]),
        "ged_es_headline_names_state": n["with_state"],
        "ged_es_state_is_gold_admin1": share(n["state_right"], n["with_state"]),
    }


def first_cue(pack: Pack, found: dict[str, list[int]], text: str) -> str:
    """The text of the first strong act cue (to read a false alarm)."""
    first = acts(found, STRONG_GROUPS)[0]
    return next(
        m.group(0)
        for g in STRONG_GROUPS
        for m in pack.groups[g].finditer(text)
        if m.start() == first
    )


def acep_report(pack: Pack, rows: list[dict], misses: str | None) -> dict[str, object]:
    """Recall on the ACEP articles with events, false alarms on the others."""
    n = {(label, test): 0 for label in (True, False) for test in ("strong", "fire", "count")}
    for r in rows:
        text, label = r["text"], bool(r["events"])
        h = hits(pack.groups, text)
        fired = fires(h, text)
        n[label, "strong"] += bool(acts(h, STRONG_GROUPS))
        n[label, "fire"] += fired
        n[label, "count"] += fired or bool(pack.counts.search(text))
        if misses == "fires" and label and not fired:
            print("MISS+", text[:300].replace("\n", " "))
        if misses == "alarms" and not label and fired:
            print("ALARM", repr(first_cue(pack, h, text)), "|", text[:200].replace("\n", " "))
    pos = sum(bool(r["events"]) for r in rows)
    neg = len(rows) - pos
    tp, fp = n[True, "fire"], n[False, "fire"]
    return {
        "acep_records": len(rows),
        "acep_events_strong_act_cue": share(n[True, "strong"], pos),
        "acep_events_fire": share(tp, pos),
        "acep_events_fire_or_count": share(n[True, "count"], pos),
        "acep_no_events_strong_act_cue": share(n[False, "strong"], neg),
        "acep_no_events_fire": share(fp, neg),
        "acep_no_events_fire_or_count": share(n[False, "count"], neg),
        "acep_fires_f1": round(2 * tp / (2 * tp + fp + pos - tp), 3) if tp else 0.0,
    }


def main() -> None:
    """Print the coverage figures as JSON (and, with --misses, the records missed)."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument(
        "--misses", choices=["acts", "events", "fires", "cartels", "states", "counts", "alarms"]
    )
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    actors, ged_names = load_actors()
    killed, values = killed_pattern()
    pack = Pack(load_groups(), count_pattern(), actors, ged_names, load_states(), killed, values)
    ged = [r for r in read("ged_mexico", args.limit) if r.get("language") == "es" and r["events"]]
    out = ged_report(pack, ged, args.misses) | acep_report(
        pack, read("acep", args.limit), args.misses
    )
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
