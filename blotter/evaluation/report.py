"""Render scores: one ``metric value`` line per score, or one table for all dev sets."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.table import Table

#: Table rows in order: (dotted key, label). Keys a set lacks are blank cells.
ROWS: list[tuple[str, str]] = [
    ("records", "records"),
    ("errors", "records with an error"),
    ("false_alarm_rate", "false-alarm rate (no-event items)"),
    ("detection.precision", "detection precision"),
    ("detection.recall", "detection recall"),
    ("detection.f1", "detection F1"),
    ("min_confidence", "min_confidence (the default cut-off)"),
    ("at_cut.false_alarm_rate", "  at the cut-off: false-alarm rate"),
    ("at_cut.detection_precision", "  at the cut-off: detection precision"),
    ("at_cut.detection_recall", "  at the cut-off: detection recall"),
    ("at_cut.detection_f1", "  at the cut-off: detection F1"),
    ("relevant_documents.precision", "MUC relevant-doc precision"),
    ("relevant_documents.recall", "MUC relevant-doc recall"),
    ("relevant_documents_at_recall.precision", "MUC relevant-doc precision at recall >= aim"),
    ("relevant_documents_at_recall.cut", "  ... at this min_confidence cut"),
    ("relevant_documents_at_recall.recall", "  ... its recall"),
    ("incident_types.f1", "MUC incident-type F1"),
    ("events.precision", "event precision (aligned)"),
    ("events.recall", "event recall (aligned)"),
    ("events_per_record", "events per record"),
    ("event_type", "event_type"),
    ("sub_event_type", "sub_event_type"),
    ("fatalities_exact", "fatalities exact"),
    ("fatalities_exact_pos", "fatalities exact, gold > 0"),
    ("fatalities_exact_zero", "fatalities exact, gold = 0"),
    ("fatalities_exact_single", "fatalities exact, one-incident texts with a count"),
    ("deaths_total", "total deaths the headline states, per record"),
    ("injuries_exact_pos", "injuries exact, gold > 0"),
    ("injuries_exact_zero", "injuries exact, gold = 0"),
    ("event_date", "event_date"),
    ("country", "country"),
    ("admin1", "admin1"),
    ("admin1_headline", "admin1 named in the headline, per record"),
    ("location", "location (place name)"),
    ("within_25km", "point within 25 km"),
    ("median_km", "median km"),
    ("actor1", "actor1 (main event)"),
    ("actor1_found", "actor1 / side A found"),
    ("actor2_found", "actor2 / side B found"),
    ("named_side_found", "named group side found (headline names it)"),
    ("named_side_found_detected", "  ... where an event was found"),
    ("perpetrator_found", "named perpetrator found"),
    ("inter1", "inter1"),
    ("inter2", "inter2"),
    ("weapon", "weapon class"),
    ("fusion.extracted.f1", "fusion F1, extracted"),
    ("fusion.gold_oracle.f1", "fusion F1, gold oracle"),
    ("seconds", "seconds of extraction"),
]
#: Rows repeated per language (GED records carry a language).
LANGUAGE_ROWS = ("records", "detection.recall", "event_type", "actor1_found",
                 "named_side_found", "country", "admin1", "admin1_headline", "event_date",
                 "fatalities_exact_pos", "deaths_total")
_INTEGER_ROWS = {"records", "errors", "seconds", "median_km"}


def _flatten(prefix: str, value: Any, rows: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else k, v, rows)
    else:
        rows.append((prefix, f"{value:.4f}" if isinstance(value, float) else str(value)))


def render(scores: dict[str, Any]) -> str:
    """One ``source  metric  value`` line per score."""
    rows: list[tuple[str, str]] = []
    _flatten("", scores, rows)
    width = max((len(k) for k, _ in rows), default=10)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def _get(entry: dict[str, Any], dotted: str) -> Any:
    value: Any = entry
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _cell(key: str, value: Any) -> str:
    if value is None or isinstance(value, dict):
        return ""
    if key.split(".")[-1] in _INTEGER_ROWS or isinstance(value, int):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return f"{value:.3f}"


def table_rows(results: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Header (set names) and rows (label, one cell per set) of the all-sets table."""
    sets = results.get("sets", {})
    names = list(sets)
    header = ["metric", *(n.removesuffix("_dev") for n in names)]
    rows = []
    for key, label in ROWS:
        cells = [_cell(key, _get(sets[n], key)) for n in names]
        if any(cells):
            rows.append([label, *cells])
    sections = sorted({s for n in names for s in sets[n].get("false_alarm_rate_by_section") or {}})
    for section in sections:
        key = f"false_alarm_rate_by_section.{section}"
        rows.append([f"false alarms: {section}", *(_cell(key, _get(sets[n], key)) for n in names)])
    languages = sorted({lang for n in names for lang in sets[n].get("by_language") or {}})
    for lang in languages:
        for key in LANGUAGE_ROWS:
            cells = [_cell(key, _get(sets[n], f"by_language.{lang}.{key}")) for n in names]
            if any(cells):
                rows.append([f"lang {lang}: {dict(ROWS).get(key, key)}", *cells])
    return header, rows


def render_sets(results: dict[str, Any], width: int = 200) -> str:
    """The all-sets table as text (rich box drawing)."""
    header, rows = table_rows(results)
    run = results.get("run", {})
    table = Table(
        title=f"blotter eval: {run.get('records', 0)} records, {run.get('seconds', 0)} s",
        show_lines=False,
    )
    for i, name in enumerate(header):
        table.add_column(name, justify="left" if i == 0 else "right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None).print(table)
    return buffer.getvalue().rstrip()


def render_markdown(results: dict[str, Any]) -> str:
    """The all-sets table as a Markdown table (docs, reports)."""
    header, rows = table_rows(results)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
