"""Rows in ACLED's export columns, from a fused event or from one extracted event.

Columns, order and types follow ACLED's export (codebook 2023+) so that scripts
written for an ACLED download run unchanged: integer ``year``,
``time_precision``, ``inter1``, ``inter2``, ``interaction``, ``iso``,
``geo_precision``, ``fatalities`` and ``timestamp`` (empty when unknown, never
``4.0``), ``region`` from the country, ``source`` as the outlets' names joined
with ``"; "`` and ``notes`` as one sentence built from the record.  Blotter's
own fields (``EXTRA_COLUMNS``) follow ACLED's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from blotter.fields.dates import YEAR_ONLY_NOTE
from blotter.store.acled_regions import REGION_OF, acled_region
from blotter.store.models import Event
from blotter.taxonomy import CIVILIANS

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]
EXTRA_COLUMNS = [
    "iso3", "fatalities_low", "fatalities_high", "injuries", "detained", "weapons",
    "claimed_by", "certainty", "is_background", "confidence", "n_reports", "date_note",
    "article_url", "article_title", "published", "language", "fused_event_id",
    "blotter_event_id", "article_id", "run_id",
]
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
#: ACLED's published column types (``int`` columns are empty when unknown).
ACLED_TYPES: dict[str, str] = {
    **{name: "str" for name in ACLED_COLUMNS},
    **{name: "int" for name in ("year", "time_precision", "inter1", "inter2", "interaction",
                                "iso", "geo_precision", "fatalities", "timestamp")},
    "latitude": "float", "longitude": "float", "event_date": "date",
}
COLUMN_TYPES: dict[str, str] = {
    **ACLED_TYPES,
    **{name: "str" for name in EXTRA_COLUMNS},
    **{name: "int" for name in ("fatalities_low", "fatalities_high", "injuries", "detained",
                                "n_reports", "blotter_event_id", "article_id", "run_id")},
    "confidence": "float", "is_background": "bool",
}
#: ACLED's disorder type for each event type (ACLED codebook, 2023 onwards).
DISORDER_TYPES = {
    "Battles": "Political violence",
    "Violence against civilians": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
#: ACLED's time_precision for "month (or only the year) known".
MONTH_PRECISION = 3
#: Outlets whose scale is International wherever the event is (wire services and
#: world broadcasters); other outlets are scaled by their country domain.
INTERNATIONAL_OUTLETS = frozenset({
    "reuters.com", "apnews.com", "afp.com", "bbc.co.uk", "bbc.com", "aljazeera.com",
    "france24.com", "dw.com", "theguardian.com", "nytimes.com", "cnn.com", "voanews.com",
    "rfi.fr", "xinhuanet.com", "news.un.org", "reliefweb.int", "aa.com.tr", "efe.com",
})
#: ACLED's order of scales in a combined value ("National-International").
SCALE_ORDER = ("Subnational", "National", "Regional", "International")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass
class Member:
    """One report of an output row: what is known of it and of its article."""

    outlet: str | None = None
    domain: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None
    is_background: bool = False
    confidence: float | None = None
    date_note: str | None = None
    event_date: date | None = None
    event_id: int | None = None
    article_id: int | None = None
    run_id: int | None = None
    extracted: datetime | None = None

    @classmethod
    def from_event(cls, e: Event) -> Member:
        """A stored event (its article, source and run loaded)."""
        a = e.article
        return cls(
            outlet=a.source.name if a.source else None,
            domain=a.source.domain if a.source else None, url=a.url, title=a.title,
            published=a.published, language=a.language, is_background=e.is_background,
            confidence=e.confidence, date_note=e.date_note, event_date=e.event_date,
            event_id=e.id, article_id=e.article_id, run_id=e.run_id,
            extracted=e.run.started if e.run else None,
        )

    @classmethod
    def from_source(cls, s: dict[str, Any]) -> Member:
        """An entry of a fused record's ``sources`` (a report fused from a JSONL file)."""
        published = s.get("published")
        try:
            day = date.fromisoformat(published[:10]) if isinstance(published, str) else None
        except ValueError:
            day = None
        return cls(outlet=s.get("outlet"), url=s.get("url"), published=day,
                   is_background=bool(s.get("is_background")))


@dataclass
class ExportItem:
    """One output row's material: a record and the reports it was read from."""

    number: int  #: numeric part of ``event_id_cnty`` (fused event number or event id)
    record: dict[str, Any]  #: fused event record, or one extracted event record
    members: list[Member]  #: never empty
    updated: datetime | None = None  #: when the row last changed (ACLED ``timestamp``)
    fused_id: str | None = None
    reports: int = 1

    @property
    def current(self) -> list[Member]:
        """Members that report the event itself (not a background mention)."""
        return [m for m in self.members if not m.is_background] or self.members


@cache
def country_codes(code: str | None, name: str | None) -> tuple[str, str, int | None]:
    """(alpha-2, alpha-3, numeric) for a country code or name; ('', '', None) if unknown."""
    import pycountry

    found = None
    try:
        if code:
            found = (pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2
                     else pycountry.countries.get(alpha_3=code.upper()))
        if found is None and name:
            found = pycountry.countries.lookup(name)
    except (LookupError, KeyError):
        found = None
    if found is None:
        return "", "", None
    return str(found.alpha_2), str(found.alpha_3), int(found.numeric)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, smaller first (13; 10 for one actor)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def is_year_only(item: ExportItem) -> bool:
    """True when the event's date is a bare year (stored as 1 January)."""
    day = item.record.get("event_date")
    return any(m.date_note == YEAR_ONLY_NOTE and m.event_date is not None
               and m.event_date.isoformat() == day for m in item.members)


def time_precision(item: ExportItem) -> int | None:
    """ACLED time_precision; a bare year is never day-precise (3, ACLED's coarsest)."""
    if not item.record.get("event_date"):
        return None
    value = item.record.get("time_precision")
    if is_year_only(item):
        return max(MONTH_PRECISION, int(value or MONTH_PRECISION))
    return int(value) if value is not None else None


def _domain(member: Member) -> str:
    """The outlet's domain (stored, or read from the article URL), without ``www.``."""
    domain = member.domain or ""
    url = member.url or ""
    if not domain and "://" in url:
        domain = url.split("/")[2]
    domain = domain.lower().split(":")[0]
    return domain[4:] if domain.startswith("www.") else domain


def source_scale(member: Member, alpha2: str) -> str:
    """ACLED's source scale of one report's outlet, '' when it cannot be told.

    Known wire services and world broadcasters are International; an outlet on
    the event country's domain (``.mx``) is National, on a domain of the same
    ACLED region Regional, of another region International.
    """
    domain = _domain(member)
    if not domain:
        return ""
    if any(domain == d or domain.endswith("." + d) for d in INTERNATIONAL_OUTLETS):
        return "International"
    tld = domain.rsplit(".", 1)[-1].upper()
    if tld == "UK":
        tld = "GB"
    if len(tld) != 2 or tld not in REGION_OF or not alpha2:
        return ""
    if tld == alpha2.upper():
        return "National"
    return "Regional" if REGION_OF[tld] == acled_region(alpha2) else "International"


def combined_scale(item: ExportItem, alpha2: str) -> str:
    """Distinct scales of the members' outlets, ACLED style ('National-International')."""
    found = {s for m in item.members if (s := source_scale(m, alpha2))}
    return "-".join(s for s in SCALE_ORDER if s in found)


def by_publication(members: list[Member]) -> list[Member]:
    """Members oldest first (unknown publication dates last)."""
    return sorted(members, key=lambda m: (m.published or date.max, m.event_id or 0))


def outlets(item: ExportItem) -> str:
    """Distinct outlet names of the members, in publication order, ``"; "``-joined."""
    names: dict[str, None] = {}
    for m in by_publication(item.members):
        if m.outlet:
            names.setdefault(m.outlet, None)
    return "; ".join(names)


def _when(item: ExportItem, precision: int | None) -> str:
    """'On 10 March 2024', 'In March 2024', 'In 2019' or 'On an unknown date'."""
    value = item.record.get("event_date")
    if not value:
        return "On an unknown date"
    day = date.fromisoformat(value[:10])
    if is_year_only(item):
        return f"In {day.year}"
    if precision == MONTH_PRECISION:
        return f"In {_MONTHS[day.month - 1]} {day.year}"
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"In the week of {text}" if precision == 2 else f"On {text}"


def _count_phrase(count: dict[str, Any] | None, verb: str) -> str:
    """'11 reported killed (9-11 across reports)' or ''."""
    count = count or {}
    best = count.get("best")
    if best is None:
        return ""
    low, high = count.get("low"), count.get("high")
    spread = f" ({low}-{high} across reports)" if low is not None and high not in (None, low) \
        else ""
    return f"{best} reported {verb}{spread}"


def notes(item: ExportItem, precision: int | None) -> str:
    """One sentence saying when, what, who and where, and the tolls, from the record."""
    r = item.record
    sub = str(r.get("sub_event_type") or r.get("event_type") or "event")
    what = sub[0].lower() + sub[1:] if not sub[:2].isupper() else sub
    article = "an" if what[:1].lower() in "aeiou" else "a"
    actor1 = (r.get("actor1") or {}).get("name")
    actor2 = (r.get("actor2") or {}).get("name")
    loc = r.get("location") or {}
    place = ", ".join(str(p) for p in (loc.get("name"), loc.get("admin1"), loc.get("country"))
                      if p) or "an unknown place"
    sentence = f"{_when(item, precision)}, {article} {what}"
    if actor1 and actor2 and r.get("event_type") == "Battles":
        sentence += f" between {actor1} and {actor2}"
    else:
        sentence += f" by {actor1}" if actor1 else ""
        sentence += f" against {actor2}" if actor2 else ""
    sentence += f" in {place}"
    tolls = [p for p in (_count_phrase(r.get("fatalities"), "killed"),
                         _count_phrase(r.get("injuries"), "injured"),
                         _count_phrase(r.get("detained"), "detained")) if p]
    if tolls:
        sentence += ": " + ", ".join(tolls)
    if item.reports > 1:
        sentence += f" ({item.reports} reports)"
    return " ".join(sentence.split()) + "."


def confidence(item: ExportItem) -> float | None:
    """The highest confidence among the reports of the event itself."""
    values = [m.confidence for m in item.current if m.confidence is not None]
    return round(max(values), 2) if values else None


def _best(record: dict[str, Any], name: str, key: str = "best") -> int | None:
    """An integer count bound of *record*, or None."""
    value = (record.get(name) or {}).get(key)
    return int(value) if value is not None else None


def _timestamp(item: ExportItem) -> int | None:
    """Unix time the row last changed: fusion update, else the extraction run's start."""
    if item.updated is not None:
        return int(item.updated.timestamp())
    runs = [m.extracted for m in item.members if m.extracted is not None]
    return int(max(runs).timestamp()) if runs else None


def acled_row(item: ExportItem) -> dict[str, Any]:
    """One export row in ACLED's columns (plus Blotter's), values typed, None for unknown."""
    r = item.record
    loc = r.get("location") or {}
    alpha2, iso3, iso = country_codes(loc.get("country_code"), loc.get("country"))
    actor1, actor2 = r.get("actor1") or {}, r.get("actor2") or {}
    inter1, inter2 = actor1.get("inter"), actor2.get("inter")
    precision = time_precision(item)
    day = r.get("event_date")
    first = by_publication(item.members)[0]
    published = [m.published for m in item.members if m.published]
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{item.number}",
        "event_date": day[:10] if day else None,
        "year": int(day[:4]) if day else None,
        "time_precision": precision,
        "disorder_type": DISORDER_TYPES.get(str(r.get("event_type")), ""),
        "event_type": r.get("event_type") or "",
        "sub_event_type": r.get("sub_event_type") or "",
        "actor1": actor1.get("name") or "",
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": actor2.get("name") or "",
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == CIVILIANS else "",
        "iso": iso,
        "region": acled_region(alpha2),
        "country": loc.get("country") or "",
        "admin1": loc.get("admin1") or "",
        "admin2": loc.get("admin2") or "",
        "admin3": "",
        "location": loc.get("name") or "",
        "latitude": loc.get("latitude"),
        "longitude": loc.get("longitude"),
        "geo_precision": loc.get("geo_precision"),
        "source": outlets(item),
        "source_scale": combined_scale(item, alpha2),
        "notes": notes(item, precision),
        "fatalities": _best(r, "fatalities"),
        "tags": "",
        "timestamp": _timestamp(item),
        "iso3": iso3,
        "fatalities_low": _best(r, "fatalities", "low"),
        "fatalities_high": _best(r, "fatalities", "high"),
        "injuries": _best(r, "injuries"),
        "detained": _best(r, "detained"),
        "weapons": ";".join(str(w) for w in r.get("weapons") or []),
        "claimed_by": r.get("claimed_by") or "",
        "certainty": r.get("certainty") or "",
        "is_background": all(m.is_background for m in item.members),
        "confidence": confidence(item),
        "n_reports": item.reports,
        "date_note": YEAR_ONLY_NOTE if is_year_only(item) else (first.date_note or ""),
        "article_url": first.url or "",
        "article_title": first.title or "",
        "published": min(published).isoformat() if published else "",
        "language": first.language or "",
        "fused_event_id": item.fused_id or "",
        "blotter_event_id": None if item.fused_id else first.event_id,
        "article_id": first.article_id,
        "run_id": None if item.fused_id else first.run_id,
    }
