"""The gazetteer index: name keys in memory, place rows read from SQLite on demand.

gaz = open_gazetteer()            # built on first use, cached per process
gaz.candidates("el aguaje")       # -> [Place, ...]

The index is rebuilt whenever its inputs change: its ``meta`` table holds the
checksum of the data packages, supplement files and build code it was made
from (:func:`blotter.geo.gazetteer_inputs.input_checksum`), and the default
cache file is named after that checksum.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from blotter.geo.gazetteer_build import (
    NATIONAL_AREA_FIRST_INDEX,
    WORD_LIST_SEPARATOR,
    build_gazetteer,
)
from blotter.geo.gazetteer_inputs import input_checksum
from blotter.geo.names import fuzzy_key, normalise
from blotter.geo.postal import POSTAL_ID_BASE
from blotter.settings import cache_dir

log = logging.getLogger(__name__)

# Default cache file: "gazetteer-<first hex digits of the input checksum>.sqlite";
# 16 hex digits tell apart any two input sets one user will ever have.
GAZETTEER_FILE = "gazetteer-{checksum}.sqlite"
# An index of other inputs (an older Blotter or package release) not opened for
# this many days is deleted when a new one is built: a month keeps the index of
# a second installation in regular use, and frees ~100 MB per upgrade.
STALE_DAYS = 30
SECONDS_PER_DAY = 86_400
# A build writes its temporary file for about a minute; one not written for a
# day was left by a killed build (about 100 MB) and is deleted by the next build.
ABANDONED_BUILD_SECONDS = SECONDS_PER_DAY
CHECKSUM_CHARS = 16
# Place rows kept in memory per process; a working set of a few thousand names
# covers a news stream, and each row is small.
PLACE_CACHE_SIZE = 50_000


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a populated place, an admin1/admin2 unit or a country."""

    id: int
    kind: str  # "city", "admin2", "admin1" or "country"
    name: str
    country_code: str
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    population: int
    admin1_id: int | None
    admin2_id: int | None
    label: str  # output name: ACLED-style English where the data has one, else ``name``

    @property
    def postal(self) -> bool:
        """True for a village known only from postal-code data (no population)."""
        return self.id <= -POSTAL_ID_BASE

    @property
    def national_area(self) -> bool:
        """True for a postal place of a national table (a ward: ``national_areas.py``),
        a list of one country's named areas, not a post-office list of villages."""
        return self.id <= -(POSTAL_ID_BASE + NATIONAL_AREA_FIRST_INDEX)


def default_gazetteer_path(checksum: str | None = None) -> Path:
    """The per-user cache location of the index for the installed inputs (or
    those of *checksum*): ``$XDG_CACHE_HOME/blotter/gazetteer-<checksum>.sqlite``."""
    name = GAZETTEER_FILE.format(checksum=(checksum or input_checksum())[:CHECKSUM_CHARS])
    return cache_dir() / name


class Gazetteer:
    """Read-only look-ups in a built index; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        con = self._con()
        self.meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        lists = dict(con.execute("SELECT name, words FROM word_lists"))
        # key -> English word frequency (zipf) of a one-word key, 0 for longer keys
        self.keys: dict[str, float] = dict.fromkeys(lists["keys"].split(WORD_LIST_SEPARATOR), 0.0)
        self.keys.update(con.execute("SELECT key, zipf FROM keys WHERE zipf > 0"))
        # spelling-tolerant key -> normalised names (second-chance look-ups)
        self.fuzzy_keys = frozenset(lists["fuzzy"].split(WORD_LIST_SEPARATOR))
        # the first words of multi-word keys: a text's scan stops where none begins
        self.key_prefixes = frozenset(lists["prefixes"].split(WORD_LIST_SEPARATOR))
        self.countries: dict[str, Place] = {
            p.country_code: p
            for (i,) in con.execute("SELECT id FROM places WHERE kind = 'country'")
            if (p := self._place(i)) is not None
        }
        # one-word country names, normalised -> ISO code ("kenya" of "Kenya Power")
        self.country_keys: dict[str, str] = {
            key: code
            for code, p in self.countries.items()
            if " " not in (key := normalise(p.name))
        }
        # output names of units that differ from their GeoNames name (for comparisons)
        self.unit_labels: dict[str, list[int]] = {}
        for i, label in con.execute(
            "SELECT id, label FROM places WHERE kind IN ('admin1', 'admin2') AND label != name"
        ):
            self.unit_labels.setdefault(normalise(label), []).append(i)
        self._by_key = lru_cache(maxsize=PLACE_CACHE_SIZE)(self._lookup)
        self._by_id = lru_cache(maxsize=PLACE_CACHE_SIZE)(self._place)
        self._by_fuzzy = lru_cache(maxsize=PLACE_CACHE_SIZE)(self._fuzzy_lookup)

    def _con(self) -> sqlite3.Connection:
        """A connection for the current thread."""
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def __contains__(self, key: str) -> bool:
        return key in self.keys

    def known_start(self, words: str) -> bool:
        """True if the normalised *words* are a key or the first words of one."""
        return words in self.keys or words in self.key_prefixes

    def candidates(self, key: str) -> tuple[Place, ...]:
        """All places known under the normalised name *key* (empty if none)."""
        if key not in self.keys:
            return ()
        return self._by_key(key)

    def postal_only(self, key: str) -> bool:
        """True if *key* is indexed and names only postal-code villages."""
        found = self.candidates(key)
        return bool(found) and all(p.postal for p in found)

    def fuzzy_matches(self, key: str) -> tuple[str, ...]:
        """Normalised names spelled like *key* up to transliteration (see ``fuzzy_key``)."""
        fk = fuzzy_key(key)
        if not fk or fk not in self.fuzzy_keys:
            return ()
        return self._by_fuzzy(fk)

    def _fuzzy_lookup(self, fk: str) -> tuple[str, ...]:
        row = self._con().execute("SELECT keys FROM fuzzy WHERE fkey = ?", (fk,)).fetchone()
        return tuple(row[0].split("|")) if row else ()

    def unit_label(self, unit_id: int | None) -> str | None:
        """The output name of an admin unit (None if unknown)."""
        unit = self._by_id(unit_id) if unit_id is not None else None
        return unit.label if unit is not None else None

    def place(self, place_id: int) -> Place | None:
        """The place with this id, or None."""
        return self._by_id(place_id)

    def _lookup(self, key: str) -> tuple[Place, ...]:
        row = self._con().execute("SELECT ids FROM keys WHERE key = ?", (key,)).fetchone()
        if not row:
            return ()
        found = (self._by_id(int(i)) for i in row[0].split(","))
        return tuple(p for p in found if p is not None)

    def _place(self, place_id: int) -> Place | None:
        row = (
            self._con()
            .execute(
                "SELECT id, kind, name, country_code, admin1, admin2, lat, lon, population,"
                " admin1_id, admin2_id, label FROM places WHERE id = ?",
                (place_id,),
            )
            .fetchone()
        )
        return Place(*row) if row else None

    def country(self, code: str) -> Place | None:
        """The country place for an ISO alpha-2 code."""
        return self.countries.get(code)

    def places_of_kind(self, kind: str, country_code: str) -> list[Place]:
        """Every place of *kind* in a country (used for country-level fall-backs)."""
        rows = (
            self._con()
            .execute(
                "SELECT id FROM places WHERE kind = ? AND country_code = ?", (kind, country_code)
            )
            .fetchall()
        )
        return [p for (i,) in rows if (p := self._by_id(i)) is not None]


_lock = threading.Lock()
_open: dict[tuple[Path, str], Gazetteer] = {}


def is_current(path: Path, checksum: str) -> bool:
    """True if *path* holds an index built from the inputs of *checksum*."""
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'inputs'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return bool(row) and row[0] == checksum


def prune_stale_gazetteers(current: Path, now: float | None = None) -> list[Path]:
    """Delete the cache's indexes of other input sets unused for STALE_DAYS (each
    is about 100 MB and every package upgrade or supplement edit makes one), with
    their lock files, and the temporary files of builds that were killed."""
    now = time.time() if now is None else now
    removed = [old for old in current.parent.glob(GAZETTEER_FILE.format(checksum="*"))
               if old != current and _older(old, now - STALE_DAYS * SECONDS_PER_DAY)
               and _remove(old)]
    removed += [lock for old in removed
                if (lock := old.with_name(old.name + ".lock")).exists() and _remove_lock(lock)]
    pattern = GAZETTEER_FILE.format(checksum="*").replace(".sqlite", ".tmp*")
    removed += [tmp for tmp in current.parent.glob(pattern)
                if _older(tmp, now - ABANDONED_BUILD_SECONDS) and _remove(tmp)]
    if removed:
        log.info("removed %d stale gazetteer file(s) (indexes unused for %d days, their"
                 " locks, temporary files of killed builds)", len(removed), STALE_DAYS)
    return removed


def _older(path: Path, limit: float) -> bool:
    """True if *path* was last modified before *limit* (False if it is gone)."""
    try:
        return path.stat().st_mtime < limit
    except OSError:
        return False


def _remove(path: Path) -> bool:
    """Delete *path*; False (and a log line) where another process removed it first
    or the folder is read-only."""
    try:
        path.unlink()
    except OSError as exc:
        log.info("could not remove the stale gazetteer file %s: %s", path, exc)
        return False
    return True


def _remove_lock(lock: Path) -> bool:
    """Delete a stale index's lock file unless a process holds it right now."""
    try:
        import fcntl

        with open(lock, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return _remove(lock)
    except (ImportError, OSError):
        return False


@contextlib.contextmanager
def _build_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive lock beside *target* while building it, so that worker
    processes started together build the index once, not once each (POSIX
    ``flock``; where it is missing, or the folder is read-only, no lock)."""
    try:
        import fcntl

        target.parent.mkdir(parents=True, exist_ok=True)
        handle = open(target.with_name(target.name + ".lock"), "a")  # noqa: SIM115
    except (ImportError, OSError):
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _mark_used(target: Path) -> None:
    """Touch the index so that another version's prune sees it in use (best effort)."""
    with contextlib.suppress(OSError):
        os.utime(target)


def open_gazetteer(path: str | Path | None = None, supplement_dir: Path | None = None) -> Gazetteer:
    """The gazetteer at *path* (default: the per-user cache), built on first use
    from the installed data packages and the supplement files of
    *supplement_dir* (default: the packaged ones).

    Loaded once per process, path and input checksum; a file that is unreadable
    or was built from other inputs is rebuilt.
    """
    checksum = input_checksum(supplement_dir)
    target = Path(path) if path else default_gazetteer_path(checksum)
    with _lock:
        if (target, checksum) in _open:
            return _open[(target, checksum)]
        if not is_current(target, checksum):
            with _build_lock(target):
                # another process may have built it while this one waited
                if not is_current(target, checksum):
                    log.warning("building the gazetteer index at %s (once; about a minute)",
                                target)
                    build_gazetteer(target, supplement_dir)
                    if not path:
                        prune_stale_gazetteers(target)
        elif not path:
            _mark_used(target)
        gaz = Gazetteer(target)
        _open[(target, checksum)] = gaz
        return gaz
