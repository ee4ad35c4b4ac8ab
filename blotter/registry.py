"""Registries of Blotter's pluggable parts: stages, readers, exporters, classifiers.

datasette-style: the built-ins are registered as default plugins, and a
package adds its own through an entry point without editing the engine::

    # pyproject.toml of a plugin
    [project.entry-points."blotter.stages"]
    translate = "my_plugin:TranslateStage"

then ``pipeline = ["clean", "translate", "parse", ...]`` in the user's config.
A registered object is named by ``"module:attribute"`` and imported only when
first asked for, so a registry costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class RegistryError(LookupError):
    """An unknown or broken plugin name; the message lists what is known."""


class Registry(Generic[T]):
    """Named factories of one kind, built-ins first, then entry points of *group*."""

    def __init__(self, kind: str, group: str, builtins: dict[str, str]) -> None:
        self.kind = kind
        self.group = group
        self._targets: dict[str, str | T] = dict(builtins)
        self._plugins_loaded = False
        #: Names that came from entry points (forgotten by :meth:`reload_plugins`).
        self._from_plugins: set[str] = set()

    def register(self, name: str, target: str | T) -> None:
        """Register *target* (an object or ``"module:attribute"``) under *name*."""
        self._targets[name] = target

    def names(self) -> list[str]:
        """Every registered name, plugins included."""
        self._load_plugins()
        return sorted(self._targets)

    def get(self, name: str) -> T:
        """The object registered as *name*, imported on first use."""
        self._load_plugins()
        if name not in self._targets:
            known = ", ".join(sorted(self._targets))
            raise RegistryError(f"no {self.kind} named {name!r}; known: {known}")
        target = self._targets[name]
        if isinstance(target, str):
            target = self._targets[name] = _resolve(target, self.kind, name)
        return target

    def reload_plugins(self) -> None:
        """Forget the entry-point plugins; the next lookup scans the installed packages
        again (a package installed or put on ``sys.path`` since)."""
        for name in self._from_plugins:
            self._targets.pop(name, None)
        self._from_plugins.clear()
        self._plugins_loaded = False

    def _load_plugins(self) -> None:
        """Add the entry points of this registry's group (once); a built-in name wins."""
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        for ep in entry_points(group=self.group):
            if ep.name not in self._targets:
                self._targets[ep.name] = ep.value
                self._from_plugins.add(ep.name)


def _resolve(target: str, kind: str, name: str) -> Any:
    """Import ``"module:attribute"``."""
    module, _, attribute = target.partition(":")
    try:
        obj: Any = import_module(module)
        for part in attribute.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as exc:
        raise RegistryError(f"{kind} {name!r} ({target}) cannot be loaded: {exc}") from exc
    return obj


#: Pipeline stages: classes called with the settings (``Stage(settings)``).
STAGES: Registry[Callable[..., Any]] = Registry(
    "stage",
    "blotter.stages",
    {
        "clean": "blotter.stages.clean:Cleaner",
        "parse": "blotter.stages.parse:Parser",
        "detect": "blotter.stages.detect:Detector",
        "arguments": "blotter.stages.arguments:ArgumentExtractor",
        "geocode": "blotter.stages.geocode:GeocodeStage",
        "fuse": "blotter.stages.fuse:DocumentFuser",
    },
)
#: Input readers by file kind: objects with ``suffixes`` and ``read`` (the protocol is
#: described in ``blotter.ingest.readers``).
READERS: Registry[Any] = Registry(
    "reader",
    "blotter.readers",
    {
        "html": "blotter.ingest.readers:HTML_READER",
        "text": "blotter.ingest.readers:TEXT_READER",
        "jsonl": "blotter.ingest.readers:JSONL_READER",
        "json": "blotter.ingest.readers:JSON_READER",
        "feed": "blotter.ingest.readers:FEED_READER",
        "warc": "blotter.ingest.readers:WARC_READER",
    },
)
#: Event exporters by format name: ``exporter(items, path) -> ExportResult``
#: (described in ``blotter.store.export``).
EXPORTERS: Registry[Callable[..., Any]] = Registry(
    "exporter",
    "blotter.exporters",
    {
        "csv": "blotter.store.export:export_csv",
        "jsonl": "blotter.store.export:export_jsonl",
        "geojson": "blotter.store.export:export_geojson",
        "parquet": "blotter.store.export:export_parquet",
        "ged": "blotter.store.export:export_ged",
    },
)
#: Relevance or type classifiers run beside the rules (none built in yet).
CLASSIFIERS: Registry[Callable[..., Any]] = Registry("classifier", "blotter.classifiers", {})
