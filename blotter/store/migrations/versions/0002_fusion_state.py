"""Cross-article fusion state: fused events, blocking keys, reports, decisions, IDF counts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fused_events",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("family", sa.String(length=20), nullable=False),
        sa.Column("event_type", sa.String(length=60), nullable=True),
        sa.Column("sub_event_type", sa.String(length=80), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("country_key", sa.Text(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("admin1_key", sa.Text(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("actor_names", sa.Text(), nullable=True),
        sa.Column("fatalities_best", sa.Integer(), nullable=True),
        sa.Column("fatalities_low", sa.Integer(), nullable=True),
        sa.Column("fatalities_high", sa.Integer(), nullable=True),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("background_only", sa.Boolean(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fused_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_fused_events_admin1_key"), ["admin1_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_fused_events_country_key"), ["country_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_fused_events_event_date"), ["event_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_fused_events_event_type"), ["event_type"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_fused_events_fatalities_best"), ["fatalities_best"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_fused_events_sub_event_type"), ["sub_event_type"], unique=False
        )

    counters = op.create_table(
        "fusion_counters",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.bulk_insert(counters, [{"name": "n_docs", "value": 0}, {"name": "n_events", "value": 0}])
    op.create_table(
        "fusion_tokens",
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("token"),
    )
    op.create_table(
        "fusion_blocks",
        sa.Column("family", sa.String(length=20), nullable=False),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("fused_event_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["fused_event_id"], ["fused_events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("family", "country", "day", "fused_event_id"),
    )
    with op.batch_alter_table("fusion_blocks", schema=None) as batch_op:
        batch_op.create_index("ix_fusion_blocks_family_day", ["family", "day"], unique=False)

    op.create_table(
        "fusion_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Text(), nullable=False),
        sa.Column("fused_event_id", sa.String(length=40), nullable=True),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("matched_report", sa.Text(), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("candidates", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["fused_event_id"], ["fused_events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("report_id"),
    )
    with op.batch_alter_table("fusion_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_fusion_decisions_fused_event_id"), ["fused_event_id"], unique=False
        )

    op.create_table(
        "fused_reports",
        sa.Column("report_id", sa.Text(), nullable=False),
        sa.Column("fused_event_id", sa.String(length=40), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("article_ref", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("is_background", sa.Boolean(), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["fused_event_id"], ["fused_events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("report_id"),
    )
    with op.batch_alter_table("fused_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_fused_reports_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_fused_reports_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_fused_reports_fused_event_id"), ["fused_event_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("fused_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fused_reports_fused_event_id"))
        batch_op.drop_index(batch_op.f("ix_fused_reports_event_id"))
        batch_op.drop_index(batch_op.f("ix_fused_reports_article_id"))

    op.drop_table("fused_reports")
    with op.batch_alter_table("fusion_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fusion_decisions_fused_event_id"))

    op.drop_table("fusion_decisions")
    with op.batch_alter_table("fusion_blocks", schema=None) as batch_op:
        batch_op.drop_index("ix_fusion_blocks_family_day")

    op.drop_table("fusion_blocks")
    op.drop_table("fusion_tokens")
    op.drop_table("fusion_counters")
    with op.batch_alter_table("fused_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fused_events_sub_event_type"))
        batch_op.drop_index(batch_op.f("ix_fused_events_fatalities_best"))
        batch_op.drop_index(batch_op.f("ix_fused_events_event_type"))
        batch_op.drop_index(batch_op.f("ix_fused_events_event_date"))
        batch_op.drop_index(batch_op.f("ix_fused_events_country_key"))
        batch_op.drop_index(batch_op.f("ix_fused_events_admin1_key"))

    op.drop_table("fused_events")
