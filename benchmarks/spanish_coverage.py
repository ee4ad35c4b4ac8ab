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
  below, an independent definition: the word cartel or a group's own name),
  the share where actors.tsv finds a named non-state group, and the share
  where that group is one of GED's actors for the record (GED spellings from
  the "# ged" comment lines of actors.tsv).
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
from pathlib import Path

from blotter.fields.actors import SHORT_ACRONYM, ActorDictionary, ActorEntry
from blotter.lexicon import ACT_GROUPS, STRONG_GROUPS, phrase_pattern

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
    r"\bcartel(?:es)?\b|\bcjng\b|\bcdg\b|\bcdn\b|\bzetas\b|\bchapitos\b|\bmayiza\b|\bmayos\b|\bviagras\b"
    r"|\btemplarios\b|familia michoacana|nueva familia|guerreros unidos|union (?:de )?tepito|anti ?union"
    r"|\blos rojos\b|\btlacos\b|\bardillos\b|\blos aztecas\b|\bgente nueva\b|\bbarredora\b|beltran leyva"
    r"|\bms-?13\b|mara salvatrucha|barrio 18|\beln\b|\bfarc\b|clan del golfo",
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
    pattern = r"(?<![\w.])(?:" + "|".join(
        re.escape(k) for k in sorted(states, key=len, reverse=True)
    ) + r")(?![\w])"
    m = re.search(pattern, fold(text))
    return states[m.group(0)] if m else None


def count_pattern() -> re.Pattern[str]:
    """A killed/injured count in words.toml's terms: "14 muertos", "matan a tres".

    The engine's count path (``find_counts``) in miniature: a number (digits,
    a count word, a vague quantity) before a casualty noun or participle within
    three words, or after an active verb.  A casualty count makes a sentence
    an event sentence even without an act cue, and exempts it from is_unreal.
    """
    words = tomllib.loads((PACK / "words.toml").read_text("utf-8"))
    numbers, cas = words["numbers"], words["casualties"]
    num = r"(?:\d+|" + "|".join(
        re.escape(w) for w in sorted([*numbers["units"], *numbers["vague"]], key=len, reverse=True)
    ) + r")(?:\s+y\s+\w+)?"
    after = phrase_pattern(
        cas["nouns_killed"] + cas["nouns_injured"] + cas["killed"] + cas["injured"]
    )
    before = phrase_pattern(cas["active_killed"] + cas["active_injured"])
    return re.compile(
        r"(?<![\w])" + num + r"\s+(?:[\w-]+\s+){0,3}?" + after + "|" + before + r"\s+" + num + r"(?![\w])",
        re.IGNORECASE,
    )


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
    for a, b in zip(cuts, cuts[1:]):
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--misses", choices=["acts", "events", "fires", "cartels", "states", "alarms"])
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    groups = load_groups()
    counts = count_pattern()
    dictionary, ged_names = load_actors()
    states = load_states()
    out: dict[str, object] = {}

    ged = [r for r in read("ged_mexico", args.limit) if r.get("language") == "es" and r["events"]]
    n_act = n_strong = n_fire = n_event = 0
    named = found = right = 0
    with_state = state_right = 0
    for r in ged:
        text = r["text"]
        h = hits(groups, text)
        has_act, has_fire = bool(acts(h, ACT_GROUPS)), fires(h, text)
        n_act += has_act
        n_strong += bool(acts(h, STRONG_GROUPS))
        n_fire += has_fire
        is_event = has_fire or bool(counts.search(text))
        n_event += is_event
        if args.misses == "acts" and not has_act or args.misses == "events" and not is_event:
            print("MISS", text[:200].replace("\n", " "))
        gold = {a.strip() for e in r["events"] for k in ("actor1", "actor2") for a in (e[k] or "").split(",")}
        gold |= {e[k] for e in r["events"] for k in ("actor1", "actor2") if e[k]}
        if NAMES_GROUP.search(fold(text)):
            named += 1
            entries = find_named(dictionary, text)
            found += bool(entries)
            ok = any(ged_names.get(e.name, e.name) in gold or e.name in gold for e in entries)
            right += ok
            if args.misses == "cartels" and not ok:
                print("MISS", text[:160].replace("\n", " "), "|", sorted(gold), "|", [e.name for e in entries])
        state = first_state(states, text)
        if state is not None:
            with_state += 1
            gold_admin1 = {fold(e["admin1"] or "") for e in r["events"]}
            state_right += fold(state) in gold_admin1
            if args.misses == "states" and fold(state) not in gold_admin1:
                print("MISS", text[:160].replace("\n", " "), "|", state, "|", sorted(gold_admin1))
    out["ged_es_records"] = len(ged)
    out["ged_es_act_cue"] = share(n_act, len(ged))
    out["ged_es_strong_act_cue"] = share(n_strong, len(ged))
    out["ged_es_fires"] = share(n_fire, len(ged))
    out["ged_es_fires_or_count"] = share(n_event, len(ged))
    out["ged_es_headline_names_group"] = named
    out["ged_es_named_group_found"] = share(found, named)
    out["ged_es_named_group_is_gold_actor"] = share(right, named)
    out["ged_es_headline_names_state"] = with_state
    out["ged_es_state_is_gold_admin1"] = share(state_right, with_state)

    acep = read("acep", args.limit)
    pos = [r for r in acep if r["events"]]
    neg = [r for r in acep if not r["events"]]
    tp = fp = p_act = n_act_neg = tp_c = fp_c = 0
    for r in pos:
        h = hits(groups, r["text"])
        p_act += bool(acts(h, STRONG_GROUPS))
        tp += fires(h, r["text"])
        tp_c += fires(h, r["text"]) or bool(counts.search(r["text"]))
        if args.misses == "fires" and not fires(h, r["text"]):
            print("MISS+", r["text"][:300].replace("\n", " "))
    for r in neg:
        h = hits(groups, r["text"])
        n_act_neg += bool(acts(h, STRONG_GROUPS))
        fp += fires(h, r["text"])
        fp_c += fires(h, r["text"]) or bool(counts.search(r["text"]))
        if args.misses == "alarms" and fires(h, r["text"]):
            first = acts(h, STRONG_GROUPS)[0]
            cue = next(
                m.group(0) for g in STRONG_GROUPS for m in groups[g].finditer(r["text"]) if m.start() == first
            )
            print("ALARM", repr(cue), "|", r["text"][:200].replace("\n", " "))
    fn = len(pos) - tp
    out["acep_records"] = len(acep)
    out["acep_events_strong_act_cue"] = share(p_act, len(pos))
    out["acep_events_fire"] = share(tp, len(pos))
    out["acep_no_events_strong_act_cue"] = share(n_act_neg, len(neg))
    out["acep_no_events_fire"] = share(fp, len(neg))
    out["acep_no_events_fire_or_count"] = share(fp_c, len(neg))
    out["acep_events_fire_or_count"] = share(tp_c, len(pos))
    out["acep_fires_f1"] = round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
