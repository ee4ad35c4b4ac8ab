"""The workbench: users, API tokens, web sessions, review state, corrections, options.

Revision ID: 0004
Revises: 0002 (re-chained onto 0003 at merge)
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created", _TZ, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("created", _TZ, nullable=False),
        sa.Column("last_used", _TZ, nullable=True),
        sa.Column("revoked", _TZ, nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created", _TZ, nullable=False),
        sa.Column("expires", _TZ, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_index("ix_web_sessions_expires", "web_sessions", ["expires"])
    op.create_table(
        "event_reviews",
        sa.Column("fused_event_id", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("priority", sa.Float(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("event_type", sa.String(length=60), nullable=True),
        sa.Column("sort_date", sa.Date(), nullable=False),
        sa.Column("sort_fatalities", sa.Integer(), nullable=False),
        sa.Column("overrides", sa.JSON(), nullable=False),
        sa.Column("machine", sa.JSON(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("merged_into", sa.String(length=40), nullable=True),
        sa.Column("updated", _TZ, nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("fused_event_id"),
    )
    op.create_index("ix_event_reviews_queue", "event_reviews", ["state", "priority"])
    op.create_index("ix_event_reviews_map", "event_reviews",
                    ["latitude", "longitude", "state", "event_type", "sort_fatalities",
                     "sort_date"])
    op.create_index("ix_event_reviews_date", "event_reviews", ["sort_date", "fused_event_id"])
    op.create_index("ix_event_reviews_fatalities", "event_reviews",
                    ["sort_fatalities", "fused_event_id"])
    op.create_index("ix_event_reviews_day_type", "event_reviews",
                    ["sort_date", "event_type", "state"])
    op.create_index("ix_event_reviews_confidence", "event_reviews", ["confidence"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fused_event_id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created", _TZ, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_corrections_fused_event_id", "corrections", ["fused_event_id"])
    op.create_index("ix_corrections_created", "corrections", ["created"])
    op.create_table(
        "server_options",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("server_options")
    op.drop_index("ix_corrections_created", table_name="corrections")
    op.drop_index("ix_corrections_fused_event_id", table_name="corrections")
    op.drop_table("corrections")
    op.drop_index("ix_event_reviews_confidence", table_name="event_reviews")
    op.drop_index("ix_event_reviews_day_type", table_name="event_reviews")
    op.drop_index("ix_event_reviews_fatalities", table_name="event_reviews")
    op.drop_index("ix_event_reviews_date", table_name="event_reviews")
    op.drop_index("ix_event_reviews_map", table_name="event_reviews")
    op.drop_index("ix_event_reviews_queue", table_name="event_reviews")
    op.drop_table("event_reviews")
    op.drop_index("ix_web_sessions_expires", table_name="web_sessions")
    op.drop_index("ix_web_sessions_user_id", table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_index("ix_api_tokens_user_id", table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_table("users")
