"""Blotter's settings: one table (name, default, help) in ``defaults.toml``.

A user config file overlays the defaults, datasette/trafilatura style::

    settings = load_settings("my.toml")
    settings["background_days"]
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

CONFIG_ENV = "BLOTTER_CONFIG"


@dataclass(frozen=True)
class Setting:
    """One row of the settings table."""

    name: str
    default: Any
    help: str


def settings_table() -> list[Setting]:
    """Return the settings table from the packaged defaults file."""
    raw = tomllib.loads(resources.files("blotter").joinpath("defaults.toml").read_text("utf-8"))
    return [Setting(name, row["default"], row["help"]) for name, row in raw.items()]


class Settings(Mapping[str, Any]):
    """Read-only view of the defaults overlaid with user values."""

    def __init__(self, overrides: Mapping[str, Any] | None = None) -> None:
        self._table = {s.name: s for s in settings_table()}
        values = {name: s.default for name, s in self._table.items()}
        for name, value in (overrides or {}).items():
            if name not in self._table:
                known = ", ".join(sorted(self._table))
                raise ValueError(f"unknown setting {name!r}; known settings: {known}")
            default = self._table[name].default
            if not isinstance(value, type(default)) and not (
                isinstance(default, float) and isinstance(value, int)
            ):
                raise ValueError(
                    f"setting {name!r} must be {type(default).__name__}, got {value!r}"
                )
            values[name] = value
        self._values = values

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def replace(self, **overrides: Any) -> Settings:
        """Return a copy with some values changed."""
        merged = {k: v for k, v in self._values.items() if v != self._table[k].default}
        merged.update(overrides)
        return Settings(merged)

    def as_dict(self) -> dict[str, Any]:
        """Plain dict of the effective values (recorded with each run)."""
        return dict(self._values)


def load_settings(path: str | Path | None = None) -> Settings:
    """Load defaults overlaid with the TOML file at *path* (or ``$BLOTTER_CONFIG``)."""
    path = path or os.environ.get(CONFIG_ENV)
    if not path:
        return Settings()
    with open(path, "rb") as fh:
        return Settings(tomllib.load(fh))
