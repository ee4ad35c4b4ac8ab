"""The Spanish pack's figures for issue #13, from a real extraction of the dev sets.

    BLOTTER_SHARED=/work/shared .venv/bin/python benchmarks/spanish_coverage.py \
        [--misses events|states|counts|cartels|alarms] [--limit N]

Runs the default pipeline over the records as a user's input would be (no
language tag, no gold fields) and scores what ``blotter eval`` does not:

- GED Mexico, records tagged ``language`` "es" (headlines; every one has gold
  events): the share with an event; of the headlines that name a Mexican
  state (a name or press abbreviation, ``STATES`` below), the share whose
  first event's admin1 is one of GED's (compared as ``blotter eval`` does);
  of the headlines that state a killed count (``STATED_COUNT``), the share
  whose current events' deaths add up to GED's total; of the headlines that
  name a criminal group (``NAMES_GROUP``), the share where one of the
  predicted actors names one of GED's actors
  (``blotter.evaluation.matching.actor_match``, or through GED's spelling of
  it in the Spanish actor dictionary's ``# ged`` lines: "Knights Templar
  Cartel" is GED's "Los Caballeros Templarios").
- ACEP (Argentine local news, full articles): relevance precision, recall and
  F1 of "the article has a current event" against "coded as reporting a
  protest or conflict event".
- Seconds of extraction per article, Spanish against English: GED headlines
  tagged "es" against those tagged "en", ACEP articles against MUC-4 ones
  (per 1,000 characters, as the articles differ in length).

The conditions (which headlines name a state, a count, a group) are written
here independently of the pack, so the pack cannot grade itself.  ``--misses``
prints the records a figure misses, to read them (never copy them into the
repository).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from blotter.document import Article
from blotter.evaluation.matching import actor_match
from blotter.evaluation.scoring import scoring_gazetteer
from blotter.geo.admin_names import same_admin1
from blotter.io.records import InputRecord, parse_published
from blotter.pipeline import Pipeline
from blotter.settings import Settings

SHARED = Path(
    os.environ.get("BLOTTER_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
#: Records of each set extracted first and not timed: loading the gazetteer
#: and both packs is paid once, not by whichever language runs first.
WARM_UP = 20
#: Mexican states as headlines name them (folded: lower case, no accents) ->
#: admin1 folded the same way.  Bare "mexico" is the country and not listed.
STATES: dict[str, str] = {
    **{s: s for s in (
        "aguascalientes", "baja california", "baja california sur", "campeche", "chiapas",
        "chihuahua", "coahuila", "colima", "durango", "guanajuato", "guerrero", "hidalgo",
        "jalisco", "michoacan", "morelos", "nayarit", "nuevo leon", "oaxaca", "puebla",
        "queretaro", "quintana roo", "san luis potosi", "sinaloa", "sonora", "tabasco",
        "tamaulipas", "tlaxcala", "veracruz", "yucatan", "zacatecas",
    )},
    "estado de mexico": "mexico", "edomex": "mexico", "edomex.": "mexico",
    "ciudad de mexico": "ciudad de mexico", "cdmx": "ciudad de mexico",
    "distrito federal": "ciudad de mexico", "nl": "nuevo leon", "slp": "san luis potosi",
    "bcs": "baja california sur",
}
#: "Ciudad Juárez" is not Ciudad de México, "Hidalgo del Parral" is in Chihuahua.
NOT_STATE_BEFORE = re.compile(r"(?:ciudad|cd\.?|villa|valle de|general|puerto|san)\s+$")
#: A headline states a killed count: a number (digits or a number word) next to
#: a casualty word, or after a killing verb with the personal "a".
NUMBER = (
    r"(?:\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|"
    r"catorce|quince|veinte|treinta)"
)
STATED_COUNT = re.compile(
    r"\b" + NUMBER + r"\s+(?:\w+\s+){0,2}?(?:muert[oa]s|ejecutad[oa]s|asesinad[oa]s|cuerpos|"
    r"cad[aá]veres|v[ií]ctimas|ejecuciones|homicidios|fallecid[oa]s)\b|"
    r"\b(?:matan|asesinan|ejecutan|ultiman|acribillan|masacran)\s+a\s+" + NUMBER + r"\b",
    re.IGNORECASE,
)
#: A headline names a criminal group: "cártel", an acronym, or a group's own name.
NAMES_GROUP = re.compile(
    r"\bc[aá]rtel|\bCJNG\b|\bCDS\b|\bCDG\b|\bZetas\b|\bFamilia Michoacana\b|\bTemplarios\b|"
    r"\bBeltr[aá]n Leyva\b|\bGuerreros Unidos\b|\bViagras\b|\bGente Nueva\b|\bLa L[ií]nea\b|"
    r"\bLos Rojos\b|\bChapitos\b|\bMayos\b|\bLos Ardillos\b|\bTlacos\b|\bSanta Rosa de Lima\b",
    re.IGNORECASE,
)


#: The Spanish actor dictionary, whose "# ged<TAB>canonical<TAB>GED names" lines
#: say how UCDP GED spells a group the pack names otherwise.
ACTORS_TSV = Path(__file__).resolve().parents[1] / "blotter" / "lang" / "es" / "actors.tsv"


def ged_spellings() -> dict[str, list[str]]:
    """Canonical actor name -> GED's names for it (from the ``# ged`` lines)."""
    out: dict[str, list[str]] = {}
    for line in ACTORS_TSV.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0].strip() == "# ged":
            out.setdefault(parts[1], []).append(parts[2].strip())  # whole, as GED writes it
    return out


def names_gold(predicted: str, gold: str, spellings: dict[str, list[str]]) -> bool:
    """True if *predicted* names the GED actor *gold*, directly or by GED's spelling."""
    return any(actor_match(p, gold) for p in (predicted, *spellings.get(predicted, ())))


def fold(text: str) -> str:
    """Lower case without accents."""
    norm = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in norm if not unicodedata.combining(c))


def first_state(text: str) -> str | None:
    """The (folded) admin1 of the first state a headline names."""
    folded = fold(text)
    names = "|".join(re.escape(k) for k in sorted(STATES, key=len, reverse=True))
    for m in re.finditer(r"(?<![\w.])(?:" + names + r")(?!\w)", folded):
        if not NOT_STATE_BEFORE.search(folded[max(0, m.start() - 12) : m.start()]):
            return STATES[m.group(0)]
    return None


def read(name: str, limit: int) -> list[dict[str, Any]]:
    """Records of a dev set (the first *limit* when limit > 0)."""
    path = SHARED / "evaldata" / "dev" / f"{name}_dev.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return rows[:limit] if limit else rows


def extract(
    pipeline: Pipeline, rows: list[dict[str, Any]]
) -> tuple[list[list[dict[str, Any]]], float]:
    """Current events per record (as a user's input: no language, no gold), and seconds."""

    def records() -> Iterator[InputRecord]:
        for r in rows:
            published, _ = parse_published(r.get("published"))
            yield InputRecord(r["id"], Article(r["id"], r["text"], published))

    start = time.perf_counter()
    results = list(pipeline.run(records()))
    seconds = time.perf_counter() - start
    return [[e for e in res.events if not e["is_background"]] for res in results], seconds


def share(part: int, whole: int) -> float:
    """part / whole, rounded (0 when whole is 0)."""
    return round(part / whole, 3) if whole else 0.0


def gold_actors(record: dict[str, Any]) -> set[str]:
    """GED's actor names of a record, whole and split at commas."""
    names = {e[k] for e in record["events"] for k in ("actor1", "actor2") if e.get(k)}
    return names | {part.strip() for name in names for part in name.split(",")}


def predicted_actors(events: list[dict[str, Any]]) -> list[str]:
    """Actor names of predicted events (actor1, actor2, claimed_by)."""
    names = [(e.get(k) or {}).get("name") for e in events for k in ("actor1", "actor2")]
    names += [e.get("claimed_by") for e in events]
    return [n for n in names if isinstance(n, str) and n]


def ged_report(rows: list[dict[str, Any]], events: list[list[dict[str, Any]]],
               misses: str | None) -> dict[str, object]:
    """The issue's four GED Mexico figures on the Spanish headlines."""
    n = dict.fromkeys(("event", "state", "state_ok", "count", "count_ok", "group", "group_ok"), 0)
    spellings = ged_spellings()
    for r, evs in zip(rows, events, strict=True):
        text = r["text"].replace("\n", " | ")
        n["event"] += bool(evs)
        if misses == "events" and not evs:
            print("MISS", text[:200])
        state = first_state(r["text"])
        if state is not None:
            gold = {e["admin1"] for e in r["events"] if e.get("admin1")}
            loc = evs[0]["location"] if evs else {}
            # the scorer's comparison: "Mexico City" is GED's "Ciudad de México"
            ok = any(same_admin1(loc, g, scoring_gazetteer()) for g in gold)
            got = loc.get("admin1") or ""
            n["state"] += 1
            n["state_ok"] += ok
            if misses == "states" and not ok:
                print("MISS", text[:160], "|", got, "|", sorted(gold))
        if STATED_COUNT.search(r["text"]):
            total = sum(e.get("fatalities") or 0 for e in r["events"])
            got_n = sum((e["fatalities"] or {}).get("best") or 0 for e in evs)
            n["count"] += 1
            n["count_ok"] += got_n == total
            if misses == "counts" and got_n != total:
                print("MISS", text[:160], "|", got_n, "|", total)
        if NAMES_GROUP.search(r["text"]):
            gold_names, got_names = gold_actors(r), predicted_actors(evs)
            ok = any(names_gold(p, g, spellings) for p in got_names for g in gold_names)
            n["group"] += 1
            n["group_ok"] += ok
            if misses == "cartels" and not ok:
                print("MISS", text[:160], "|", sorted(gold_names), "|", got_names)
    return {
        "ged_es_records": len(rows),
        "ged_es_event_detected": share(n["event"], len(rows)),
        "ged_es_headline_names_state": n["state"],
        "ged_es_admin1_right": share(n["state_ok"], n["state"]),
        "ged_es_headline_states_count": n["count"],
        "ged_es_deaths_right": share(n["count_ok"], n["count"]),
        "ged_es_headline_names_group": n["group"],
        "ged_es_named_group_among_actors": share(n["group_ok"], n["group"]),
    }


def acep_report(rows: list[dict[str, Any]], events: list[list[dict[str, Any]]],
                misses: str | None) -> dict[str, object]:
    """Relevance of ACEP articles: any current event against the coder's label."""
    tp = fp = fn = 0
    for r, evs in zip(rows, events, strict=True):
        label, fired = bool(r["events"]), bool(evs)
        tp, fp, fn = tp + (label and fired), fp + (fired and not label), fn + (label and not fired)
        if misses == "alarms" and fired and not label:
            print("ALARM", evs[0]["sub_event_type"], "|", r["text"][:200].replace("\n", " "))
    precision, recall = share(tp, tp + fp), share(tp, tp + fn)
    f1 = round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0
    return {"acep_records": len(rows), "acep_precision": precision, "acep_recall": recall,
            "acep_f1": f1}


def main() -> None:
    """Print the figures as JSON (and, with --misses, the records missed)."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--misses", choices=["events", "states", "counts", "cartels", "alarms"])
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    ged = read("ged_mexico", args.limit)
    ged_es = [r for r in ged if r.get("language") == "es" and r["events"]]
    ged_en = [r for r in ged if r.get("language") == "en" and r["events"]]
    acep, muc = read("acep", args.limit), read("muc4", args.limit)
    if os.environ.get("ES_GED_ONLY"):
        acep, muc = acep[:WARM_UP], muc[:WARM_UP]
    pipeline = Pipeline.from_settings(Settings())
    extract(pipeline, ged_es[:WARM_UP] + ged_en[:WARM_UP] + acep[:WARM_UP] + muc[:WARM_UP])
    es_events, es_s = extract(pipeline, ged_es)
    _, en_s = extract(pipeline, ged_en)
    acep_events, acep_s = extract(pipeline, acep)
    _, muc_s = extract(pipeline, muc)
    out = ged_report(ged_es, es_events, args.misses) | acep_report(acep, acep_events, args.misses)
    chars = {name: sum(len(r["text"]) for r in rows) / 1000 for name, rows in
             (("acep", acep), ("muc4", muc))}
    out |= {
        "ms_per_headline_es": round(1000 * es_s / max(len(ged_es), 1), 2),
        "ms_per_headline_en": round(1000 * en_s / max(len(ged_en), 1), 2),
        "ms_per_1000_chars_acep_es": round(1000 * acep_s / max(chars["acep"], 1), 2),
        "ms_per_1000_chars_muc4_en": round(1000 * muc_s / max(chars["muc4"], 1), 2),
    }
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
