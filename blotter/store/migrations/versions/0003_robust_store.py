"""Content key and persistent near-duplicate index; stable JSONL locators.

- ``uq_articles_canonical_text_hash``: a unique index on ``articles.text_hash``
  among canonical articles (``canonical_id IS NULL``), so two writers can never
  both store the same text as canonical.  Stores written by concurrent ingests
  before this revision may hold such pairs: the later copies are turned into
  exact duplicates of the first, their events kept (they were exported before).
- ``article_bands``: the MinHash LSH band keys of every canonical article
  (backfilled here), queried instead of an in-memory index rebuilt at start-up.
- JSONL article and failure locators ``FILE#INDEX:ID`` become ``FILE#ID``
  (``FILE#ID~N`` for the N-th repeat of an id in one file), so a line added to
  a file does not shift every later locator (which re-stored every row).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import re
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: Rows read per query while backfilling (memory stays flat on big stores).
CHUNK = 2_000
_OLD_JSONL = re.compile(r"^(?P<origin>.*\.(?:jsonl|ndjson))#(?P<index>\d+):(?P<id>.*)$", re.S)


def _demote_duplicate_canonicals(conn: sa.Connection) -> None:
    """Make later canonical copies of one text exact duplicates of the first."""
    rows = conn.execute(sa.text(
        "SELECT a.id, (SELECT min(b.id) FROM articles b WHERE b.text_hash = a.text_hash "
        "AND b.canonical_id IS NULL) AS first FROM articles a WHERE a.canonical_id IS NULL "
        "AND a.text_hash IN (SELECT text_hash FROM articles WHERE canonical_id IS NULL "
        "GROUP BY text_hash HAVING count(*) > 1)"
    )).all()
    for article_id, first in rows:
        if article_id != first:
            conn.execute(sa.text(
                "UPDATE articles SET canonical_id = :first, status = 'duplicate', "
                "duplicate_kind = 'exact', similarity = 1.0, minhash = NULL WHERE id = :id"
            ), {"first": first, "id": article_id})
            conn.execute(sa.text(
                "UPDATE articles SET canonical_id = :first WHERE canonical_id = :id"
            ), {"first": first, "id": article_id})


def _backfill_bands(conn: sa.Connection) -> None:
    """Band keys of every canonical article with a signature, in chunks."""
    from blotter.ingest.dedup import band_keys, from_bytes

    last = 0
    while True:
        rows = conn.execute(sa.text(
            "SELECT id, minhash FROM articles WHERE canonical_id IS NULL AND minhash IS NOT NULL "
            "AND id > :last ORDER BY id LIMIT :n"
        ), {"last": last, "n": CHUNK}).all()
        if not rows:
            return
        values = [{"key": key, "article_id": article_id}
                  for article_id, signature in rows
                  for key in dict.fromkeys(band_keys(from_bytes(signature)))]
        conn.execute(sa.text(
            "INSERT INTO article_bands (band_key, article_id) VALUES (:key, :article_id)"
        ), values)
        last = rows[-1][0]


def _new_locators(rows: list[tuple[int, str]]) -> list[dict[str, object]]:
    """New locators for old-style JSONL locators, in file order, repeats numbered."""
    parsed = []
    for row_id, locator in rows:
        m = _OLD_JSONL.match(locator)
        if m:
            parsed.append((m["origin"], int(m["index"]), m["id"], row_id))
    parsed.sort()
    seen: dict[tuple[str, str], int] = defaultdict(int)
    out: list[dict[str, object]] = []
    for origin, _index, rid, row_id in parsed:
        seen[origin, rid] += 1
        n = seen[origin, rid]
        out.append({"id": row_id, "locator": f"{origin}#{rid}" + (f"~{n}" if n > 1 else "")})
    return out


def _rewrite_jsonl_locators(conn: sa.Connection, table: str) -> None:
    """``FILE#INDEX:ID`` -> ``FILE#ID`` in *table* (articles or failures)."""
    rows = [(int(r[0]), str(r[1])) for r in conn.execute(sa.text(
        f"SELECT id, locator FROM {table} WHERE locator LIKE '%.jsonl#%' "
        "OR locator LIKE '%.ndjson#%'"
    ))]
    updates = _new_locators(rows)
    if not updates:
        return
    # Two steps so that no intermediate state breaks the unique constraint.
    conn.execute(sa.text(f"UPDATE {table} SET locator = '~0003~' || locator "
                         "WHERE id = :id"), [{"id": u["id"]} for u in updates])
    conn.execute(sa.text(f"UPDATE {table} SET locator = :locator WHERE id = :id"),
                 updates)


def upgrade() -> None:
    conn = op.get_bind()
    _demote_duplicate_canonicals(conn)
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(
            "uq_articles_canonical_text_hash", ["text_hash"], unique=True,
            sqlite_where=sa.text("canonical_id IS NULL"),
            postgresql_where=sa.text("canonical_id IS NULL"),
        )
    op.create_table(
        "article_bands",
        sa.Column("band_key", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band_key", "article_id"),
    )
    with op.batch_alter_table("article_bands", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_bands_article_id"), ["article_id"], unique=False
        )
    _backfill_bands(conn)
    _rewrite_jsonl_locators(conn, "articles")
    _rewrite_jsonl_locators(conn, "failures")


def downgrade() -> None:
    with op.batch_alter_table("article_bands", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_bands_article_id"))
    op.drop_table("article_bands")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("uq_articles_canonical_text_hash")
