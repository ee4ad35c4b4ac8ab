"""SQLAlchemy 2 models of the store: sources, articles, runs, events, evidence, failures,
and the cross-article fusion state (fused events, their reports, decisions, blocking keys).

The schema itself is created and changed only by the Alembic migrations in
``blotter/store/migrations``; these classes must match them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: Article states.  ``extracted``: events stored; ``duplicate``: linked to a canonical
#: article and not extracted; ``skipped``: not English, stored but not extracted;
#: ``failed``: extraction crashed, see the failures table.
ARTICLE_STATES = ("extracted", "duplicate", "skipped", "failed")


class Base(DeclarativeBase):
    """Declarative base of every store table."""



class Source(Base):
    """An outlet (site name or domain) that published articles."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    domain: Mapped[str | None] = mapped_column(String(300))


class Run(Base):
    """One `blotter ingest` / `blotter retry` invocation and how it was configured."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    command: Mapped[str] = mapped_column(String(40))
    started: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    extractor_version: Mapped[str] = mapped_column(String(40))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    inputs: Mapped[list[Any]] = mapped_column(JSON)
    counts: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Article(Base):
    """One ingested article; duplicates point at their canonical article."""

    __tablename__ = "articles"
    __table_args__ = (
        # The content key: one canonical article per normalised text (migration 0003).
        Index("uq_articles_canonical_text_hash", "text_hash", unique=True,
              sqlite_where=text("canonical_id IS NULL"),
              postgresql_where=text("canonical_id IS NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    locator: Mapped[str] = mapped_column(Text, unique=True)
    origin: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str | None] = mapped_column(Text, index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    fetched: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    language: Mapped[str | None] = mapped_column(String(12), index=True)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    canonical_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    duplicate_kind: Mapped[str | None] = mapped_column(String(10))
    similarity: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(12), index=True)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))

    source: Mapped[Source | None] = relationship()
    canonical: Mapped[Article | None] = relationship(remote_side=[id])


class ArticleBand(Base):
    """One LSH band key of a canonical article's MinHash (near-duplicate lookup, 0003)."""

    __tablename__ = "article_bands"

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Event(Base):
    """One extracted event: queryable columns plus the full record as JSON."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    event_type: Mapped[str] = mapped_column(String(60), index=True)
    sub_event_type: Mapped[str] = mapped_column(String(80), index=True)
    event_date: Mapped[date | None] = mapped_column(Date, index=True)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    date_note: Mapped[str | None] = mapped_column(Text)
    actor1: Mapped[str | None] = mapped_column(String(300), index=True)
    inter1: Mapped[int | None] = mapped_column(Integer)
    actor2: Mapped[str | None] = mapped_column(String(300), index=True)
    inter2: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(300))
    admin1: Mapped[str | None] = mapped_column(String(200), index=True)
    admin2: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(100), index=True)
    country_code: Mapped[str | None] = mapped_column(String(3))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities_best: Mapped[int | None] = mapped_column(Integer, index=True)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    injuries: Mapped[dict[str, Any]] = mapped_column(JSON)
    detained: Mapped[dict[str, Any]] = mapped_column(JSON)
    weapons: Mapped[list[Any]] = mapped_column(JSON)
    claimed_by: Mapped[str | None] = mapped_column(String(300))
    claim_mode: Mapped[str | None] = mapped_column(String(40))
    certainty: Mapped[str] = mapped_column(String(20))
    is_background: Mapped[bool] = mapped_column(Boolean)
    confidence: Mapped[float] = mapped_column(Float)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)

    article: Mapped[Article] = relationship()
    run: Mapped[Run] = relationship()
    evidence: Mapped[list[EvidenceSpan]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EvidenceSpan.id"
    )


class EvidenceSpan(Base):
    """A character span of the article text supporting one field of an event."""

    __tablename__ = "evidence_spans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    event: Mapped[Event] = relationship(back_populates="evidence")


class Failure(Base):
    """An input or article that could not be ingested or extracted (the quarantine)."""

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    locator: Mapped[str] = mapped_column(Text, unique=True)
    origin: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(20))
    error: Mapped[str] = mapped_column(Text)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    resolved: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))


class FusedEvent(Base):
    """One incident fused from the reports of many articles (``blotter.fusion``).

    ``state`` is the fuser's working copy (member reports and decisions);
    ``record`` the fused event record; the other columns serve the
    ``blotter events`` filters.  ``*_key`` columns hold normalised names.
    """

    __tablename__ = "fused_events"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    family: Mapped[str] = mapped_column(String(20))
    event_type: Mapped[str | None] = mapped_column(String(60), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(80), index=True)
    event_date: Mapped[date | None] = mapped_column(Date, index=True)
    country: Mapped[str | None] = mapped_column(Text)
    country_key: Mapped[str | None] = mapped_column(Text, index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    admin1_key: Mapped[str | None] = mapped_column(Text, index=True)
    location: Mapped[str | None] = mapped_column(Text)
    actor_names: Mapped[str | None] = mapped_column(Text)
    fatalities_best: Mapped[int | None] = mapped_column(Integer, index=True)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    n_reports: Mapped[int] = mapped_column(Integer)
    background_only: Mapped[bool] = mapped_column(Boolean)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FusionBlock(Base):
    """Blocking key of a fused event: (type family, country, member day)."""

    __tablename__ = "fusion_blocks"
    __table_args__ = (Index("ix_fusion_blocks_family_day", "family", "day"),)

    family: Mapped[str] = mapped_column(String(20), primary_key=True)
    country: Mapped[str] = mapped_column(Text, primary_key=True)
    day: Mapped[int] = mapped_column(Integer, primary_key=True)
    fused_event_id: Mapped[str] = mapped_column(
        ForeignKey("fused_events.id", ondelete="CASCADE"), primary_key=True
    )


class FusedReport(Base):
    """A fused report (one extracted event): its fused event, or none when unattached."""

    __tablename__ = "fused_reports"

    report_id: Mapped[str] = mapped_column(Text, primary_key=True)
    fused_event_id: Mapped[str | None] = mapped_column(
        ForeignKey("fused_events.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    article_ref: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    is_background: Mapped[bool] = mapped_column(Boolean)
    action: Mapped[str] = mapped_column(String(12))
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


class FusionDecision(Base):
    """Why a report joined an event, created one or stayed unattached (score, reasons)."""

    __tablename__ = "fusion_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[str] = mapped_column(Text, unique=True)
    fused_event_id: Mapped[str | None] = mapped_column(
        ForeignKey("fused_events.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(12))
    score: Mapped[float | None] = mapped_column(Float)
    matched_report: Mapped[str | None] = mapped_column(Text)
    reasons: Mapped[dict[str, Any]] = mapped_column(JSON)
    candidates: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text)
    decided: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FusionToken(Base):
    """Document frequency of an evidence word among fused reports (for IDF)."""

    __tablename__ = "fusion_tokens"

    token: Mapped[str] = mapped_column(Text, primary_key=True)
    df: Mapped[int] = mapped_column(Integer)


class FusionCounter(Base):
    """Counters of the fusion state: ``n_docs`` (reports counted for IDF), ``n_events``."""

    __tablename__ = "fusion_counters"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
