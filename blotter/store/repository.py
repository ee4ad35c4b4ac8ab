"""Reads and writes on the store shared by ingest, retry and the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Delete, Engine, delete, insert, select, update
from sqlalchemy.orm import Session

from blotter import __version__
from blotter.store.models import Event, EvidenceSpan, Failure, Run, Source

#: Ids per ``IN (...)`` list: well under SQLite's limit of bound parameters.
IN_CHUNK = 5_000


def utcnow() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(UTC)


def start_run(engine: Engine, command: str, settings: dict[str, Any], inputs: list[str]) -> int:
    """Record a run (committed at once) and return its id."""
    from blotter.store.database import redact_url

    if isinstance(settings.get("database_url"), str):
        settings = {**settings, "database_url": redact_url(settings["database_url"])}
    with Session(engine) as session, session.begin():
        run = Run(
            command=command,
            started=utcnow(),
            extractor_version=__version__,
            settings=settings,
            inputs=inputs,
        )
        session.add(run)
        session.flush()
        return run.id


def finish_run(engine: Engine, run_id: int, counts: dict[str, Any]) -> None:
    """Stamp a run as finished with its counts."""
    with Session(engine) as session, session.begin():
        session.execute(
            update(Run).where(Run.id == run_id).values(finished=utcnow(), counts=counts)
        )


def existing_locators(session: Session, locators: Iterable[str]) -> set[str]:
    """Those of *locators* already stored as articles."""
    from blotter.store.models import Article

    wanted = list(set(locators))
    if not wanted:
        return set()
    return set(session.scalars(select(Article.locator).where(Article.locator.in_(wanted))))


def upsert_failure(
    session: Session,
    locator: str,
    origin: str,
    stage: str,
    error: str,
    run_id: int | None,
    article_id: int | None = None,
) -> None:
    """Quarantine *locator* with its error, or update the existing entry (one row per locator)."""
    now = utcnow()
    row = session.scalars(select(Failure).where(Failure.locator == locator)).first()
    if row is None:
        session.add(
            Failure(
                locator=locator,
                origin=origin,
                stage=stage,
                error=error,
                article_id=article_id,
                attempts=1,
                first_seen=now,
                last_seen=now,
                run_id=run_id,
            )
        )
        return
    row.origin, row.stage, row.error, row.run_id = origin, stage, error, run_id
    row.article_id = article_id if article_id is not None else row.article_id
    row.attempts += 1
    row.last_seen = now
    row.resolved = None


def resolve_failures(session: Session, locators: Iterable[str]) -> None:
    """Mark the quarantine entries of *locators* as resolved (they went through)."""
    wanted = list(set(locators))
    if wanted:
        session.execute(
            update(Failure)
            .where(Failure.locator.in_(wanted), Failure.resolved.is_(None))
            .values(resolved=utcnow())
        )


def source_for(
    session: Session, cache: dict[str, Source], name: str | None, domain: str | None
) -> Source | None:
    """The source row named *name*, created on first sight (cached per ingest)."""
    name = (name or domain or "").strip()[:300]
    if not name:
        return None
    if name not in cache:
        found = session.scalars(select(Source).where(Source.name == name)).first()
        if found is None:
            found = Source(name=name, domain=domain)
            session.add(found)
        cache[name] = found
    return cache[name]


def iso_date(value: object) -> date | None:
    """A date from an ISO string, or None."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _count(record: dict[str, Any], key: str) -> dict[str, Any]:
    """A count sub-record ({best, low, high}), empty if missing."""
    value = record.get(key)
    return dict(value) if isinstance(value, dict) else {}


def event_row(record: dict[str, Any], run_id: int, article_id: int, position: int) -> Event:
    """An ``Event`` row (with its evidence spans) from an event record dict."""
    actor1 = record.get("actor1") or {}
    actor2 = record.get("actor2") or {}
    loc = record.get("location") or {}
    fatalities = _count(record, "fatalities")
    event = Event(
        run_id=run_id,
        article_id=article_id,
        position=position,
        event_type=record["event_type"],
        sub_event_type=record["sub_event_type"],
        event_date=iso_date(record.get("event_date")),
        time_precision=record.get("time_precision"),
        date_note=record.get("date_note"),
        actor1=actor1.get("name"),
        inter1=actor1.get("inter"),
        actor2=actor2.get("name"),
        inter2=actor2.get("inter"),
        location=loc.get("name"),
        admin1=loc.get("admin1"),
        admin2=loc.get("admin2"),
        country=loc.get("country"),
        country_code=loc.get("country_code"),
        latitude=loc.get("latitude"),
        longitude=loc.get("longitude"),
        geonameid=loc.get("geonameid"),
        geo_precision=loc.get("geo_precision"),
        fatalities_best=fatalities.get("best"),
        fatalities_low=fatalities.get("low"),
        fatalities_high=fatalities.get("high"),
        injuries=_count(record, "injuries"),
        detained=_count(record, "detained"),
        weapons=list(record.get("weapons") or []),
        claimed_by=record.get("claimed_by"),
        claim_mode=record.get("claim_mode"),
        certainty=record.get("certainty") or "reported",
        is_background=bool(record.get("is_background")),
        confidence=float(record.get("confidence") or 0.0),
        record=record,
    )
    event.evidence = [
        EvidenceSpan(field=e["field"], start=e["start"], end=e["end"], text=e["text"])
        for e in record.get("evidence") or []
    ]
    return event


def list_failures(engine: Engine, include_resolved: bool = False) -> list[Failure]:
    """Quarantined inputs, oldest first."""
    with Session(engine, expire_on_commit=False) as session:
        query = select(Failure).order_by(Failure.id)
        if not include_resolved:
            query = query.where(Failure.resolved.is_(None))
        return list(session.scalars(query))


def stored_locators(session: Session, locators: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Those of *locators* already stored as articles: locator -> (id, status)."""
    from blotter.store.models import Article

    wanted = list(set(locators))
    if not wanted:
        return {}
    rows = session.execute(
        select(Article.locator, Article.id, Article.status).where(Article.locator.in_(wanted))
    )
    return {locator: (int(i), str(status)) for locator, i, status in rows}


def canonical_ids_by_hash(session: Session, digests: Iterable[str]) -> dict[str, int]:
    """Canonical article id of each of *digests* that is stored (unique per text hash)."""
    from blotter.store.models import Article

    wanted = list(set(digests))
    if not wanted:
        return {}
    # Filtered on the hash alone: with "canonical_id IS NULL" in the query SQLite's
    # planner walks the index of canonical articles (every article of the store, a
    # cost growing with it: 0.35 s a batch at 200,000) instead of probing the hashes.
    rows = session.execute(select(Article.text_hash, Article.id, Article.canonical_id)
                           .where(Article.text_hash.in_(wanted)))
    return {digest: int(i) for digest, i, canonical in rows if canonical is None}


def band_candidates(session: Session, keys: Iterable[int]) -> tuple[
        dict[int, list[int]], dict[int, bytes]]:
    """Canonical articles sharing one of the LSH band *keys*: key -> ids, id -> signature."""
    from blotter.store.models import Article, ArticleBand

    wanted = list(set(keys))
    by_key: dict[int, list[int]] = {}
    signatures: dict[int, bytes] = {}
    if not wanted:
        return by_key, signatures
    # Two indexed lookups (band keys, then articles by id), not a join: SQLite's planner
    # would otherwise scan every canonical article and probe its bands.
    bands = session.execute(select(ArticleBand.band_key, ArticleBand.article_id)
                            .where(ArticleBand.band_key.in_(wanted))).all()
    ids = sorted({int(article_id) for _key, article_id in bands})
    for start in range(0, len(ids), IN_CHUNK):
        rows = session.execute(
            select(Article.id, Article.minhash).where(
                Article.id.in_(ids[start:start + IN_CHUNK]), Article.canonical_id.is_(None),
                Article.minhash.is_not(None))
        )
        for article_id, signature in rows:
            signatures[int(article_id)] = bytes(signature or b"")
    for key, article_id in bands:
        if int(article_id) in signatures:
            by_key.setdefault(int(key), []).append(int(article_id))
    return by_key, signatures


def add_bands(session: Session, rows: Iterable[tuple[int, Iterable[int]]]) -> None:
    """Store the band keys of new canonical articles: (article id, keys) pairs."""
    from blotter.store.models import ArticleBand

    values = [{"band_key": key, "article_id": article_id}
              for article_id, keys in rows for key in dict.fromkeys(keys)]
    if values:
        session.execute(insert(ArticleBand), values)


def delete_bands(article_id: int) -> Delete:
    """A statement removing the band keys of one article (its text is replaced)."""
    from blotter.store.models import ArticleBand

    return delete(ArticleBand).where(ArticleBand.article_id == article_id)


def placed_countries(session: Session) -> Iterable[tuple[str | None, str | None, str, str, int]]:
    """(source name, article URL, country, country code, events) of the stored events
    the text placed at a point (a country lent by the source has none), for
    ``blotter.geo.source_country``."""
    from sqlalchemy import func

    from blotter.store.models import Article

    query = (
        select(Source.name, Article.url, Event.country, Event.country_code, func.count())
        .select_from(Event)
        .join(Article, Article.id == Event.article_id)
        .outerjoin(Source, Source.id == Article.source_id)
        .where(Event.country.is_not(None), Event.country_code.is_not(None),
               Event.latitude.is_not(None))
        .group_by(Source.name, Article.url, Event.country, Event.country_code)
    )
    for name, url, country, code, n in session.execute(query):
        yield name, url, str(country), str(code), int(n)
