"""Render scores as a plain-text table."""

from __future__ import annotations

from typing import Any


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
