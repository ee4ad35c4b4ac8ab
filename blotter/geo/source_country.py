"""A source's country, lent to its reports whose text names none.

ACLED and UCDP code country by country: a coder reading a Kenyan paper's
"Nurses stage demonstration as part of ongoing strike" knows the country
though the note names no place. Blotter learns the same from the run itself:
when nearly all of one source's placed events lie in one country, that
country is lent to the source's events that have none, marked
``location.country_basis = "source"`` with country-level precision and no
point. A text's own place is never overridden, and a source whose reports
spread over many countries (a world wire) lends nothing.

A source is the record's ``source_name``, else its URL's host, else the run's
input as a whole. This is a pass over a run's results after extraction
(``blotter extract`` and ``blotter eval``); the decision and its measurement
are in docs/geocoding.md ("Session 15").
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, TextIO
from urllib.parse import urlsplit

from blotter.document import Article
from blotter.io.records import InputRecord
from blotter.record import Location
from blotter.settings import Settings

#: ``location.country_basis`` of a country lent by the source (None: from the text).
COUNTRY_BASIS_SOURCE = "source"
#: ACLED geo_precision 3 ("a larger region"): the country is all that is known.
SOURCE_GEO_PRECISION = 3
#: UCDP where_prec 6: only the country is known.
SOURCE_WHERE_PREC = 6

#: The evidence field of the span a location was read from.
LOCATION_FIELD = "location"

#: Source key of records that carry neither a source name nor a URL: the run's input.
RUN_SOURCE = ""


def source_key(article: Article | None) -> str:
    """The source an article comes from: its source name, else its URL's host."""
    if article is None:
        return RUN_SOURCE
    return source_of(article.source_name, article.url)


def source_of(name: str | None, url: str | None) -> str:
    """The source key of a source *name* (first) or a *url*'s host."""
    if name and name.strip():
        return name.strip().lower()
    if url:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
        return host.removeprefix("www.")
    return RUN_SOURCE


def _text_country(event: dict[str, Any]) -> tuple[str, str] | None:
    loc = event.get("location") or {}
    if loc.get("country_basis") or not loc.get("country") or not loc.get("country_code"):
        return None
    return str(loc["country"]), str(loc["country_code"])


class SourceCountries:
    """Countries of each source's events, and the one a source lends."""

    def __init__(self, share: float, min_events: int) -> None:
        self.share = share
        self.min_events = min_events
        self.seen: dict[str, Counter[tuple[str, str]]] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> SourceCountries:
        """The prior as the settings table sets it (share 0 lends nothing)."""
        return cls(float(settings["source_country_share"]),
                   int(settings["source_country_min_events"]))

    @property
    def enabled(self) -> bool:
        """False when the settings turn the prior off."""
        return self.share > 0

    def count(self, source: str, country: str, code: str, n: int = 1) -> None:
        """Count *n* events of *source* placed in *country* (a store's earlier reports)."""
        self.seen.setdefault(source, Counter())[(country, code)] += n

    def observe(self, source: str, events: Iterable[dict[str, Any]]) -> None:
        """Count the countries the text gave *source*'s events."""
        counts = self.seen.setdefault(source, Counter())
        for event in events:
            found = _text_country(event)
            if found is not None:
                counts[found] += 1

    def country(self, source: str) -> tuple[str, str] | None:
        """(name, code) of the country *source* lends, or None."""
        counts = self.seen.get(source)
        if not self.enabled or not counts:
            return None
        total = sum(counts.values())
        top, n = counts.most_common(1)[0]
        if total < self.min_events or n < self.share * total:
            return None
        return top

    def lend(self, source: str, events: list[dict[str, Any]]) -> int:
        """Give *source*'s country to *events* that have none; how many got it."""
        found = self.country(source)
        if found is None:
            return 0
        name, code = found
        lent = 0
        for event in events:
            loc = event.get("location")
            if loc and loc.get("country"):
                if not _from_actor_home(event) or loc.get("country_code") == code:
                    continue
                # the actors keep the country and inter the text gave them
                # ("Ugandan police" raiding in Kenya: ACLED Kenya codes them so)
                event["location"] = _lent_location(None, name, code)
            else:
                event["location"] = _lent_location(loc, name, code)
                _fill_actor_countries(event, name)
            lent += 1
        return lent


def _from_actor_home(event: dict[str, Any]) -> bool:
    """True if the event's country is only an actor's home or a demonym's: known at
    country level, with no place of the text behind it ("Al Shabaab attacks police
    post" -> Somalia). In a source that lends, the source's country is the better guess."""
    loc = event.get("location") or {}
    if loc.get("where_prec") != SOURCE_WHERE_PREC or loc.get("country_basis"):
        return False
    return not any(e.get("field") == LOCATION_FIELD for e in event.get("evidence") or [])


def _lent_location(loc: dict[str, Any] | None, country: str, code: str) -> dict[str, Any]:
    """A location with the source's country: a place name the text gave is kept."""
    out = dataclasses.asdict(Location())
    out.update(loc or {})
    out.update(country=country, country_code=code, country_basis=COUNTRY_BASIS_SOURCE)
    if out.get("geo_precision") is None:
        out["geo_precision"] = SOURCE_GEO_PRECISION
    if out.get("where_prec") is None:
        out["where_prec"] = SOURCE_WHERE_PREC
    return out


def _fill_actor_countries(event: dict[str, Any], country: str) -> None:
    """Generic actors written without a country ("Civilians") get the lent one."""
    from blotter.fields.actors import country_template, fill_country
    from blotter.record import Actor
    from blotter.stages.fuse import foreign_state_inter

    for key in ("actor1", "actor2"):
        actor = event.get(key)
        if not actor or not actor.get("name"):
            continue
        template = country_template(str(actor["name"]))
        if template is None:
            continue
        actor["name"] = fill_country(template, country)
        inter = actor.get("inter")
        if isinstance(inter, int):
            actor["inter"] = foreign_state_inter(Actor(actor["name"], inter), country)
    claimed = event.get("claimed_by")
    if isinstance(claimed, str) and (template := country_template(claimed)) is not None:
        event["claimed_by"] = fill_country(template, country)


def track_sources(records: Iterable[InputRecord], sources: list[str]) -> Iterator[InputRecord]:
    """Pass *records* through, appending each one's source key to *sources*."""
    for rec in records:
        sources.append(source_key(rec.article))
        yield rec


class SpooledLines:
    """Output lines of one run held in *spool* (a temporary file) until the run's sources
    are known, then written with the countries they lend (input order kept)."""

    def __init__(self, prior: SourceCountries, spool: IO[str]) -> None:
        self.prior = prior
        self.sources: list[str] = []
        self._spool = spool

    def track(self, records: Iterable[InputRecord]) -> Iterator[InputRecord]:
        """Pass *records* through, noting each one's source (results come in this order)."""
        return track_sources(records, self.sources)

    def add(self, index: int, events: list[dict[str, Any]], line: str) -> None:
        """Keep result *index*'s output *line*; count its events' countries."""
        self.prior.observe(self.sources[index], events)
        self._spool.write(line)

    def write(self, out: TextIO, encode: Callable[[Any], str]) -> int:
        """Write the kept lines to *out*, lending countries; how many events got one."""
        self._spool.seek(0)
        lending = any(self.prior.country(s) is not None for s in set(self.sources))
        lent = 0
        for index, line in enumerate(self._spool):
            if not lending:
                out.write(line)
                continue
            row = json.loads(line)
            n = self.prior.lend(self.sources[index], row.get("events") or [])
            lent += n
            out.write(encode(row) if n else line)
        return lent
