"""Blotter's settings: one table (name, default, help) in ``defaults.toml``.

A user config file overlays the defaults, datasette/trafilatura style::

    settings = load_settings("my.toml")
    settings["background_days"]
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

CONFIG_ENV = "BLOTTER_CONFIG"
#: File name of the default store inside the data directory.
DEFAULT_STORE_NAME = "blotter.sqlite"


def data_dir() -> Path:
    """Blotter's per-user data folder: ``$XDG_DATA_HOME/blotter`` (``~/.local/share/blotter``).

    The XDG rule on every platform, like the gazetteer cache (``$XDG_CACHE_HOME``):
    one documented place, not the current folder.  A relative ``$XDG_DATA_HOME``
    is ignored, as the XDG specification says.
    """
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "blotter"


def cache_dir() -> Path:
    """Blotter's per-user cache folder: ``$XDG_CACHE_HOME/blotter`` (``~/.cache/blotter``).

    What is in it is derived from installed packages (the gazetteer index, the
    language identifier's decompressed model) and rebuilt when missing.
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "blotter"


def default_database_url() -> str:
    """The SQLite store used when neither ``--db`` nor ``database_url`` names one."""
    return f"sqlite:///{data_dir() / DEFAULT_STORE_NAME}"


class SettingsError(ValueError):
    """A config file that is missing or malformed, or a setting that is unknown or mistyped.

    The message says what is wrong and what to do; the CLI shows it as one line.
    """


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
                close = difflib.get_close_matches(name, list(self._table), n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise SettingsError(
                    f"unknown setting {name!r}; {hint}`blotter settings` lists every setting"
                )
            default = self._table[name].default
            if not isinstance(value, type(default)) and not (
                isinstance(default, float) and isinstance(value, int)
            ):
                raise SettingsError(
                    f"setting {name!r} must be {type(default).__name__}, got {value!r}"
                )
            values[name] = value
        if not values.get("database_url"):
            values["database_url"] = default_database_url()
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
    try:
        with open(path, "rb") as fh:
            values = tomllib.load(fh)
    except FileNotFoundError:
        raise SettingsError(
            f"config file {path} does not exist; check --config or ${CONFIG_ENV}"
        ) from None
    except IsADirectoryError:
        raise SettingsError(f"config file {path} is a folder, not a TOML file") from None
    except OSError as exc:
        raise SettingsError(f"cannot read config file {path}: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(
            f"config file {path} is not valid TOML ({exc}); write `name = value` lines"
        ) from None
    try:
        return Settings(values)
    except SettingsError as exc:
        raise SettingsError(f"config file {path}: {exc}") from None
