"""Tables of migration 0004: users, API tokens, web sessions, review state, corrections.

``EventReview`` has one row per fused event (created by the fusion hook in
``blotter.server.protect``): its review state, the optimistic-concurrency
``version``, the values people set (``overrides``), disagreements a later
report raised against them (``flags``), and the columns the API filters and
sorts on that the fused-event table lacks (point, confidence, priority).
It carries no foreign key on purpose: a merged event's row stays (state
``merged``, ``merged_into``) after the fused event itself is gone.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from blotter.store.models import Base

#: Roles, weakest first: a viewer reads, an editor reviews and corrects, an admin
#: also manages users, tokens and server options.
ROLES = ("viewer", "editor", "admin")
#: Review states of a fused event.
REVIEW_STATES = ("unreviewed", "flagged", "accepted", "rejected", "merged")
#: Stand-ins for an unknown date and toll in the sort columns.
NO_DATE = date(1, 1, 1)
NO_COUNT = -1


class User(Base):
    """A person who signs in to the workbench."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiToken(Base):
    """An API token; only the SHA-256 of the secret is stored (the secret is random)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebSession(Base):
    """A signed-in browser: the SHA-256 of its cookie and its CSRF token."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class EventReview(Base):
    """Review state and human values of one fused event (see the module docstring)."""

    __tablename__ = "event_reviews"
    __table_args__ = (
        Index("ix_event_reviews_queue", "state", "priority"),
        Index("ix_event_reviews_map", "latitude", "longitude", "state", "event_type",
              "sort_fatalities", "sort_date"),
        Index("ix_event_reviews_date", "sort_date", "fused_event_id"),
        Index("ix_event_reviews_fatalities", "sort_fatalities", "fused_event_id"),
        Index("ix_event_reviews_day_type", "sort_date", "event_type", "state"),
        Index("ix_event_reviews_country", "country_key", "sort_date", "fused_event_id"),
        Index("ix_event_reviews_updated", "updated"),
    )

    fused_event_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12))
    priority: Mapped[float] = mapped_column(Float)
    confidence: Mapped[float] = mapped_column(Float, index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    #: Copies of the fused record's type, date and toll (human values in place), so the
    #: map, the timeline and the list sort read this narrow table alone. NULLs become
    #: sentinels (0001-01-01, -1) so keyset pagination sees a total order and can use
    #: the indexes.
    event_type: Mapped[str | None] = mapped_column(String(60))
    sort_date: Mapped[date] = mapped_column(Date)
    sort_fatalities: Mapped[int] = mapped_column(Integer)
    #: The fused event's normalised country (``fused_events.country_key``), so a country
    #: filter needs no join (migration 0005).
    country_key: Mapped[str | None] = mapped_column(Text)
    overrides: Mapped[dict[str, Any]] = mapped_column(JSON)
    machine: Mapped[dict[str, Any]] = mapped_column(JSON)
    flags: Mapped[list[Any]] = mapped_column(JSON)
    merged_into: Mapped[str | None] = mapped_column(String(40))
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Correction(Base):
    """One human change: who, when, what, the old and new value, and why."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fused_event_id: Mapped[str] = mapped_column(String(40), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(12))
    field: Mapped[str | None] = mapped_column(String(40))
    old_value: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    comment: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ServerOption(Base):
    """A server option an admin sets at run time (``allow_fetch``)."""

    __tablename__ = "server_options"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
