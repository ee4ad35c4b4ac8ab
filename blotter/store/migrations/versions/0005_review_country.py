"""Indexes for the workbench on large stores: the country key on the review table, and
the review table's last change.

A list filtered by country and sorted by date joined ``fused_events`` for its
``country_key`` and walked the date index checking each row's country there: on
1,000,000 events (40 countries) ~3,000 primary-key lookups for one page of 50,
0.4-0.6 s. With the key beside the sort columns, one index range
(country_key, sort_date, id) gives the page directly.

The index on ``updated`` makes "the newest change" one index probe: clustered map
views reuse a whole-world grid while it is unchanged (``server.queries.world_grid``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("event_reviews", sa.Column("country_key", sa.Text(), nullable=True))
    # Copy the key of every fused event (merged events have none left: NULL).
    op.execute(
        "UPDATE event_reviews SET country_key = (SELECT fused_events.country_key "
        "FROM fused_events WHERE fused_events.id = event_reviews.fused_event_id)"
    )
    op.create_index("ix_event_reviews_country", "event_reviews",
                    ["country_key", "sort_date", "fused_event_id"])
    op.create_index("ix_event_reviews_updated", "event_reviews", ["updated"])


def downgrade() -> None:
    op.drop_index("ix_event_reviews_updated", table_name="event_reviews")
    op.drop_index("ix_event_reviews_country", table_name="event_reviews")
    with op.batch_alter_table("event_reviews") as batch:
        batch.drop_column("country_key")
