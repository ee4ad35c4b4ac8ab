"""The CI gate (after trafilatura's): per-set floors, file checksums, a noise margin.

``floors.toml`` holds, per dev set, the SHA-256 of the file the floors were
measured on and, per metric, a floor (higher is better) or a ceiling (lower is
better: false-alarm rates). A score passes when it is at least its floor minus
the noise margin (at most its ceiling plus the margin). A set whose file has
changed is reported as changed and its floors are not compared: they were
measured on other data. :func:`pin` writes floors from a measured run and
refuses to lower any existing one unless told to.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

#: Default floors file, inside the package (the CI gate reads it).
FLOORS_FILE = Path(str(resources.files("blotter.evaluation").joinpath("floors.toml")))
#: Decimals a pinned value keeps (floors rounded down, ceilings up).
DEFAULT_DECIMALS = 3
#: Tolerance of a comparison, as an absolute rate. Extraction is deterministic,
#: so this only absorbs rounding and the tiny order effects of parallel runs;
#: a real regression of half a point or more still fails.
DEFAULT_NOISE_MARGIN = 0.005
#: A rate is pinned only when computed over at least this many items: rates
#: over a few dozen items move by whole points when one item changes.
MIN_PIN_N = 50
#: Grouped rates and which of their keys are gated as floors.
#: Float slack when comparing a rounded bound's move with the noise margin.
NOISE_EPSILON = 1e-9
RATE_GROUPS: dict[str, tuple[str, ...]] = {
    "detection": ("precision", "recall", "f1"),
    "relevant_documents": ("precision", "recall", "f1"),
    # MUC-4's precision at the cut keeping recall >= MUC_RECALL_AIM (issue 11's point)
    "relevant_documents_at_recall": ("precision",),
    "incident_types": ("precision", "recall", "f1"),
    "events": ("precision", "recall"),
}
HEADER = """\
# Accuracy floors on the dev sets: the CI gate (blotter/evaluation/tests/test_floors.py),
# after trafilatura's.  Written by `blotter eval --all --pin-floors` (docs/evaluation.md):
# each floor is a measured rate rounded down to `decimals`, each ceiling (lower is
# better: false-alarm rates) rounded up.  A score passes at floor - noise_margin
# (ceiling + noise_margin).  `sha256` is the dev file the floors were measured on;
# a changed file is reported, not compared.  Pinning refuses to lower a floor (or
# raise a ceiling) unless `--allow-lower` is given; say why in the commit message.
# Metric names are dotted keys of the set's entry in `blotter eval --all --json -`.
"""


@dataclass
class Floors:
    """The parsed floors file."""

    noise_margin: float = DEFAULT_NOISE_MARGIN
    decimals: int = DEFAULT_DECIMALS
    sets: dict[str, dict[str, Any]] = field(default_factory=dict)


def load_floors(path: Path = FLOORS_FILE) -> Floors:
    """Read a floors file (a missing file is an empty one)."""
    if not path.exists():
        return Floors()
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    gate = doc.get("gate", {})
    return Floors(
        noise_margin=float(gate.get("noise_margin", DEFAULT_NOISE_MARGIN)),
        decimals=int(gate.get("decimals", DEFAULT_DECIMALS)),
        sets=dict(doc.get("sets", {})),
    )


def lookup(scores: dict[str, Any], dotted: str) -> float | None:
    """The value at a dotted key (None if absent)."""
    value: Any = scores
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return float(value) if isinstance(value, int | float) else None


def gated_metrics(entry: dict[str, Any], prefix: str = "") -> dict[str, tuple[float, str]]:
    """The rates of one set's scores worth pinning: ``{dotted: (value, "floor"|"ceiling")}``."""
    out: dict[str, tuple[float, str]] = {}
    counts = entry.get("n", {})
    for metric, n in counts.items():
        if n >= MIN_PIN_N and isinstance(entry.get(metric), int | float):
            out[prefix + metric] = (float(entry[metric]), "floor")
    has_negatives = entry.get("no_event_records", 0) >= MIN_PIN_N
    for group, keys in RATE_GROUPS.items():
        values = entry.get(group)
        if not isinstance(values, dict):
            continue
        if group == "events" and values.get("gold", 0) < MIN_PIN_N:
            continue
        for key in keys:
            # precision is trivially 1 on a set with no no-event records
            if group == "detection" and key != "recall" and not has_negatives:
                continue
            if isinstance(values.get(key), int | float):
                out[f"{prefix}{group}.{key}"] = (float(values[key]), "floor")
    if has_negatives and "false_alarm_rate" in entry:
        out[prefix + "false_alarm_rate"] = (float(entry["false_alarm_rate"]), "ceiling")
    # what a user gets at the default cut-off (``min_confidence``): gated like the rest
    for key, value in (entry.get("at_cut") or {}).items():
        if not isinstance(value, int | float):
            continue
        if key == "false_alarm_rate" and has_negatives:
            out[f"{prefix}at_cut.{key}"] = (float(value), "ceiling")
        elif key == "detection_recall" or (key != "false_alarm_rate" and has_negatives):
            out[f"{prefix}at_cut.{key}"] = (float(value), "floor")
    for section, rate in (entry.get("false_alarm_rate_by_section") or {}).items():
        out[f"{prefix}false_alarm_rate_by_section.{section}"] = (float(rate), "ceiling")
    for kind, values in (entry.get("fusion") or {}).items():
        for key in ("precision", "recall", "f1"):
            if isinstance(values, dict) and isinstance(values.get(key), int | float):
                out[f"{prefix}fusion.{kind}.{key}"] = (float(values[key]), "floor")
    for lang, sub in (entry.get("by_language") or {}).items():
        if sub.get("records", 0) >= MIN_PIN_N:
            out.update(gated_metrics(sub, f"{prefix}by_language.{lang}."))
    return out


def _round(value: float, decimals: int, kind: str) -> float:
    """A floor rounded down (a ceiling up) to *decimals*, free of float noise."""
    scale = 10**decimals
    scaled = round(value * scale, 6)
    return (math.floor(scaled) if kind == "floor" else math.ceil(scaled)) / scale


@dataclass
class SetCheck:
    """The gate's verdict on one set."""

    name: str
    status: str  # "ok", "below", "changed", "unpinned", "missing"
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True for a set that does not fail the gate (unpinned sets are only reported)."""
        return self.status in ("ok", "unpinned")


def check_set(name: str, entry: dict[str, Any] | None, floors: Floors) -> SetCheck:
    """Compare one measured set with its pinned floors."""
    spec = floors.sets.get(name)
    if spec is None:
        return SetCheck(name, "unpinned", ["no floors pinned for this set"])
    if entry is None:
        return SetCheck(name, "missing", ["the set has floors but was not measured"])
    if spec.get("sha256") and entry.get("sha256") != spec["sha256"]:
        return SetCheck(
            name,
            "changed",
            [
                f"{entry.get('file')} has changed: sha256 {str(entry.get('sha256'))[:12]}... "
                f"but the floors were measured on {str(spec['sha256'])[:12]}...; "
                "floors not compared (re-pin after checking why it changed)"
            ],
        )
    failures = []
    margin = floors.noise_margin
    for kind in ("floor", "ceiling"):
        for metric, bound in (spec.get(f"{kind}s") or {}).items():
            value = lookup(entry, metric)
            if value is None:
                failures.append(f"{metric}: not measured ({kind} {bound})")
            elif kind == "floor" and value < bound - margin:
                failures.append(f"{metric}: {value:.4f} < floor {bound} - {margin}")
            elif kind == "ceiling" and value > bound + margin:
                failures.append(f"{metric}: {value:.4f} > ceiling {bound} + {margin}")
    return SetCheck(name, "below" if failures else "ok", failures)


def check(results: dict[str, Any], floors: Floors) -> list[SetCheck]:
    """The gate's verdict on every measured set and every pinned one."""
    sets = results.get("sets", {})
    names = sorted(set(sets) | set(floors.sets))
    return [check_set(name, sets.get(name), floors) for name in names]


def pin(
    results: dict[str, Any], floors: Floors, allow_lower: bool = False, shared: Path | None = None
) -> tuple[Floors, list[str]]:
    """Floors from a measured run, and the lowerings refused (empty: nothing refused).

    Every gated rate of every measured set is pinned (rounded down; ceilings up).
    A rate that moved the wrong way by no more than the noise margin keeps its
    old bound (the gate passes it, and floors only go up). Without
    *allow_lower*, a new floor further below the existing one, a ceiling further
    above it, or an existing bound no longer measured is refused; the caller
    must not write the result when any was. Sets not measured keep their floors.
    """
    refused: list[str] = []
    new_sets = dict(floors.sets)
    for name, entry in sorted(results.get("sets", {}).items()):
        old = floors.sets.get(name, {})
        bounds: dict[str, dict[str, float]] = {"floors": {}, "ceilings": {}}
        for metric, (value, kind) in sorted(gated_metrics(entry).items()):
            bounds[f"{kind}s"][metric] = _round(value, floors.decimals, kind)
        for kind in ("floors", "ceilings"):
            for metric, was in (old.get(kind) or {}).items():
                now = bounds[kind].get(metric)
                if now is None:
                    refused.append(f"{name}: {metric} is no longer measured ({kind[:-1]} {was})")
                elif (now < was) if kind == "floors" else (now > was):
                    if abs(now - was) <= floors.noise_margin + NOISE_EPSILON:
                        bounds[kind][metric] = was  # noise: the old bound stands
                    else:
                        refused.append(f"{name}: {metric} {kind[:-1]} {was} -> {now}")
        new_sets[name] = {
            "file": _relative(Path(str(entry.get("file", ""))), shared),
            "sha256": entry.get("sha256", ""),
            "records": int(entry.get("records", 0)),
            **bounds,
        }
    if allow_lower:
        refused = []
    return Floors(floors.noise_margin, floors.decimals, new_sets), refused


def _relative(path: Path, shared: Path | None) -> str:
    """*path* relative to the shared data directory where it lies inside it."""
    if shared is not None:
        try:
            return path.resolve().relative_to(shared.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _toml_key(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dumps(floors: Floors) -> str:
    """The floors file's text (the format :func:`load_floors` reads)."""
    lines = [HEADER, "[gate]", f"noise_margin = {floors.noise_margin}",
             f"decimals = {floors.decimals}"]
    for name, spec in sorted(floors.sets.items()):
        lines += ["", f"[sets.{name}]"]
        for key in ("file", "sha256"):
            if key in spec:
                lines.append(f"{key} = {_toml_key(str(spec[key]))}")
        if "records" in spec:
            lines.append(f"records = {int(spec['records'])}")
        for kind in ("floors", "ceilings"):
            values = spec.get(kind) or {}
            if values:
                lines += ["", f"[sets.{name}.{kind}]"]
                lines += [f"{_toml_key(m)} = {v}" for m, v in sorted(values.items())]
    return "\n".join(lines) + "\n"


def write_floors(floors: Floors, path: Path = FLOORS_FILE) -> None:
    """Write the floors file."""
    path.write_text(dumps(floors), encoding="utf-8")
