"""Regional rules as data: typed rule objects loaded from ``blotter/geo/data``.

The resolver's ranking (:mod:`blotter.geo.resolve`) is general; what holds for
one region only (the Donbas line of contact, East Jerusalem, Indian state
codes, ACLED's unit groupings) is written in ``data/regional_rules.toml`` and
``data/acled_units.toml`` and applied through the hooks here:

rules = regional_rules()                 # loaded once per path
active = rules.for_text(text, places)    # the rules that apply to one text
active.bonus(place)                      # ranking bonus of a candidate
active.relocate(place, places)           # the place an event is coded at
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blotter.geo.distance import polyline_km
from blotter.geo.names import normalise

if TYPE_CHECKING:  # types only: blotter.geo.cues reads the state codes from here
    from blotter.geo.gazetteer import Place
    from blotter.geo.mentions import TextPlaces

#: Where the packaged rule files and supplements live.
DATA_DIR = Path(__file__).resolve().parent / "data"
#: The packaged rule files.
REGIONAL_RULES_FILE = "regional_rules.toml"
ACLED_UNITS_FILE = "acled_units.toml"


def data_file(name: str) -> Path:
    """Path of a file shipped in ``blotter/geo/data``."""
    return DATA_DIR / name


class RuleError(ValueError):
    """A rule file that cannot be read; the message names the file and the rule."""


@dataclass(frozen=True)
class FrontLine:
    """A line of contact: reports whose actor cues name units of its country are
    about fire along it (see ``regional_rules.toml``)."""

    name: str
    country_code: str
    points: tuple[tuple[float, float], ...]
    near_km: float
    bonus: float
    fallback: dict[str, tuple[float, float]]  # unit key -> point on the line
    projection_latitude: float  # distances to the line are measured flat about it

    def active(self, places: TextPlaces) -> bool:
        """True if an actor cue of the text names units of the line's country."""
        return any(cue.country_code == self.country_code and cue.admin1 for _, cue in places.cues)

    def near(self, p: Place) -> bool:
        """True if *p* lies within ``near_km`` of the line."""
        return (
            p.country_code == self.country_code
            and p.latitude is not None
            and p.longitude is not None
            and polyline_km(p.latitude, p.longitude, self.points, self.projection_latitude)
            <= self.near_km
        )

    def unit_point(self, unit: Place, places: TextPlaces) -> Place:
        """A unit the report falls back to, at its point on the line when a cue
        of the text names that unit."""
        point = self.fallback.get(normalise(unit.name))
        if (
            point is None
            or unit.country_code != self.country_code
            or not any(
                unit.name in cue.admin1
                for _, cue in places.cues
                if cue.country_code == self.country_code
            )
        ):
            return unit
        return replace(unit, latitude=point[0], longitude=point[1])


@dataclass(frozen=True)
class CityPart:
    """A part of a city coded as a place of another country (East Jerusalem)."""

    city: str  # gazetteer key of the city
    city_country: str
    part: str  # gazetteer key of the part
    part_country: str
    pattern: re.Pattern[str]  # text that puts the event in the part

    def relocate(self, p: Place, places: TextPlaces, said: bool) -> Place:
        """The part instead of the city *p* when the text says so (*said*: the
        pattern matched) or names a place indexed under the part."""
        if p.country_code != self.city_country or normalise(p.name) != self.city:
            return p
        gaz = places.gazetteer
        parts = [
            c
            for c in (gaz.candidates(self.part) if gaz is not None else ())
            if c.country_code == self.part_country
        ]
        ids = {c.id for c in parts}
        named = any(m.best is not None and m.best.id in ids for m in places.mentions)
        return parts[0] if parts and (named or said) else p


@dataclass(frozen=True)
class UnitGroup:
    """ACLED regions that group a country's GeoNames first-level units."""

    country_code: str
    regions: dict[str, str]  # unit key -> region key
    default: str | None  # region of a unit not listed


@dataclass(frozen=True, eq=False)  # hashed by identity: a cache key of admin_names
class AcledUnits:
    """How ACLED's first-level units relate to GeoNames' (``acled_units.toml``)."""

    groups: dict[str, UnitGroup] = field(default_factory=dict)
    aliases: dict[tuple[str, str], str] = field(default_factory=dict)  # (code, key) -> key
    split: frozenset[tuple[str, str]] = frozenset()  # (code, unit key) split into admin2

    @property
    def split_countries(self) -> frozenset[str]:
        """Countries with a split unit."""
        return frozenset(code for code, _ in self.split)

    def region(self, country_code: str, unit_key: str) -> str | None:
        """ACLED's grouping region of a unit, where ACLED groups the country's units."""
        group = self.groups.get(country_code)
        if group is None:
            return None
        return group.regions.get(unit_key, group.default)

    def alias(self, country_code: str, key: str) -> str:
        """The GeoNames key of a unit name ACLED writes otherwise (else *key*)."""
        return self.aliases.get((country_code, key), key)


@dataclass(frozen=True)
class TextRules:
    """The regional rules that apply to one text."""

    fronts: tuple[FrontLine, ...] = ()
    parts: tuple[tuple[CityPart, bool], ...] = ()  # (rule, its pattern matched)
    #: Countries whose towns rank by the municipality (admin2) named after them.
    seat_countries: frozenset[str] = frozenset()

    @property
    def on_front(self) -> bool:
        """True if the text is about a line of contact."""
        return bool(self.fronts)

    def bonus(self, p: Place) -> float:
        """Ranking bonus of candidate *p* (a village near an active front line)."""
        if p.kind != "city":
            return 0.0
        return sum(f.bonus for f in self.fronts if f.near(p))

    def admits_postal(self, p: Place) -> bool:
        """True if a postal village named without its unit may stand (near a front)."""
        return any(f.near(p) for f in self.fronts)

    def unit_point(self, unit: Place, places: TextPlaces) -> Place:
        """A unit fallen back to, moved to its point on an active front line."""
        for f in self.fronts:
            moved = f.unit_point(unit, places)
            if moved is not unit:
                return moved
        return unit

    def relocate(self, p: Place, places: TextPlaces) -> Place:
        """The place an event at *p* is coded at (East Jerusalem for Jerusalem...)."""
        for part, said in self.parts:
            p = part.relocate(p, places, said)
        return p


#: No regional rule applies (texts resolved without their rules).
NO_RULES = TextRules()


@dataclass(frozen=True)
class RegionalRules:
    """Every rule of ``regional_rules.toml``."""

    fronts: tuple[FrontLine, ...] = ()
    parts: tuple[CityPart, ...] = ()
    state_codes: dict[str, dict[str, str]] = field(default_factory=dict)  # code -> abbr -> name
    seat_countries: frozenset[str] = frozenset()  # ``[[municipal_seats]]``

    def for_text(self, text: str, places: TextPlaces) -> TextRules:
        """The rules that apply to one text (*places*: its mentions and cues)."""
        return TextRules(
            tuple(f for f in self.fronts if f.active(places)),
            tuple((p, p.pattern.search(text) is not None) for p in self.parts),
            self.seat_countries,
        )


def _point(value: Any, where: str) -> tuple[float, float]:
    """A [lat, lon] pair of a rule file."""
    if not (isinstance(value, list) and len(value) == 2):
        raise RuleError(f"{where}: a point is [latitude, longitude], got {value!r}")
    return float(value[0]), float(value[1])


def _read(path: Path) -> dict[str, Any]:
    """The TOML tables of a rule file, or a RuleError naming it."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: {exc}") from exc


@lru_cache(maxsize=8)
def regional_rules(path: Path | None = None) -> RegionalRules:
    """The rules of *path* (default: the packaged ``regional_rules.toml``)."""
    path = path or data_file(REGIONAL_RULES_FILE)
    data = _read(path)
    try:
        fronts = tuple(
            FrontLine(
                f["name"],
                f["country"],
                tuple(_point(p, f"{path}: {f['name']}") for p in f["points"]),
                float(f["near_km"]),
                float(f["bonus"]),
                {normalise(k): _point(v, f"{path}: {f['name']}") for k, v in f["fallback"].items()},
                float(f["projection_latitude"]),
            )
            for f in data.get("front_line", [])
        )
        parts = tuple(
            CityPart(
                normalise(c["city"]),
                c["city_country"],
                normalise(c["part"]),
                c["part_country"],
                re.compile(c["pattern"], re.IGNORECASE),
            )
            for c in data.get("city_part", [])
        )
        states = {s["country"]: dict(s["codes"]) for s in data.get("state_codes", [])}
        seats = frozenset(str(s["country"]) for s in data.get("municipal_seats", []))
    except (KeyError, TypeError, re.error) as exc:
        raise RuleError(f"{path}: bad or missing field {exc}") from exc
    return RegionalRules(fronts, parts, states, seats)


@lru_cache(maxsize=8)
def acled_units(path: Path | None = None) -> AcledUnits:
    """ACLED's unit conventions of *path* (default: the packaged ``acled_units.toml``)."""
    path = path or data_file(ACLED_UNITS_FILE)
    data = _read(path)
    try:
        groups = {
            g["country"]: UnitGroup(
                g["country"],
                {unit: region for region, units in g["regions"].items() for unit in units},
                g.get("default"),
            )
            for g in data.get("unit_group", [])
        }
        aliases = {
            (code, name): target
            for code, table in data.get("unit_aliases", {}).items()
            for name, target in table.items()
        }
        split = frozenset((s["country"], s["unit"]) for s in data.get("split_unit", []))
    except (KeyError, TypeError, AttributeError) as exc:
        raise RuleError(f"{path}: bad or missing field {exc}") from exc
    return AcledUnits(groups, aliases, split)
