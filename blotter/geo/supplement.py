"""Hand-written additions to the gazetteer, read from data files.

The packaged GeoNames extracts lack some places and names news reports use
(most Lebanese localities, "Saladin" for Salah Al-Din, English unit names).
They are written, one row each, in three tab-separated files of a supplement
directory (default: ``blotter/geo/data``; see the comments at the top of each):

* ``supplement_places.tsv``  -- towns missing from the index;
* ``supplement_aliases.tsv`` -- other names of places the index holds;
* ``unit_labels.tsv``        -- output (ACLED, English) names of units.

Every file's content is part of the gazetteer's input checksum
(:func:`blotter.geo.gazetteer_inputs.input_checksum`): editing one rebuilds the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The packaged supplement directory.
SUPPLEMENT_DIR = Path(__file__).resolve().parent / "data"
PLACES_FILE = "supplement_places.tsv"
ALIASES_FILE = "supplement_aliases.tsv"
LABELS_FILE = "unit_labels.tsv"
SUPPLEMENT_FILES = (PLACES_FILE, ALIASES_FILE, LABELS_FILE)
# Population assumed for a supplementary town: enough to count as a town, but
# below any same-name town the index already holds (log10 = 3).
SUPPLEMENT_POPULATION = 1_000
# Kinds of place an alias may name.
ALIAS_KINDS = frozenset(["city", "admin1", "admin2", "country"])


class SupplementError(ValueError):
    """A supplement file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class ExtraPlace:
    """A populated place missing from the GeoNames extracts."""

    name: str
    aliases: tuple[str, ...]
    country_code: str
    admin1: str  # the GeoNames name of its first-level unit
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Supplement:
    """The hand-written additions of one supplement directory."""

    places: tuple[ExtraPlace, ...]
    aliases: tuple[tuple[str, str, str, str], ...]  # (ISO code, kind, index name, alias)
    labels: dict[tuple[str, str], str]  # (ISO code, index name) -> output name


def _rows(path: Path, columns: int, optional: int | None = None) -> list[tuple[int, list[str]]]:
    """(line number, fields) of each data row: comments, blank lines and the
    header row (the first non-comment line) skipped; only field *optional* may
    be empty."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SupplementError(f"{path}: {exc}") from exc
    out: list[tuple[int, list[str]]] = []
    header = True
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        fields = line.split("\t")
        if len(fields) != columns or not all(
            f.strip() or i == optional for i, f in enumerate(fields)
        ):
            raise SupplementError(
                f"{path}:{number}: expected {columns} tab-separated fields, got {fields!r}"
            )
        out.append((number, [f.strip() for f in fields]))
    return out


def _places(path: Path) -> tuple[ExtraPlace, ...]:
    out = []
    for number, (name, aliases, code, admin1, lat, lon) in _rows(path, 6, optional=1):
        try:
            latitude, longitude = float(lat), float(lon)
        except ValueError as exc:
            raise SupplementError(f"{path}:{number}: bad coordinates {lat!r}, {lon!r}") from exc
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise SupplementError(f"{path}:{number}: coordinates out of range {lat}, {lon}")
        others = tuple(a.strip() for a in aliases.split("|") if a.strip())
        out.append(ExtraPlace(name, others, code, admin1, latitude, longitude))
    return tuple(out)


def _aliases(path: Path) -> tuple[tuple[str, str, str, str], ...]:
    out = []
    for number, (code, kind, name, alias) in _rows(path, 4):
        if kind not in ALIAS_KINDS:
            raise SupplementError(
                f"{path}:{number}: kind {kind!r} not one of {sorted(ALIAS_KINDS)}"
            )
        out.append((code, kind, name, alias))
    return tuple(out)


def _labels(path: Path) -> dict[tuple[str, str], str]:
    return {(code, name): label for _, (code, name, label) in _rows(path, 3)}


def load_supplement(directory: Path | None = None) -> Supplement:
    """The supplement of *directory* (default: the packaged one)."""
    base = directory or SUPPLEMENT_DIR
    return Supplement(
        _places(base / PLACES_FILE), _aliases(base / ALIASES_FILE), _labels(base / LABELS_FILE)
    )
