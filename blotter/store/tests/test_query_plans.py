"""The store's per-batch look-ups stay indexed probes as the store grows (SQLite plans)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from blotter.store.database import make_engine, migrate
from blotter.store.repository import canonical_ids_by_hash


def test_text_hash_lookup_probes_the_hash_index(tmp_path: Path) -> None:
    """Dedup's hash look-up (a batch of 64) must not walk every canonical article."""
    engine = make_engine(f"sqlite:///{tmp_path / 's.sqlite'}")
    migrate(engine)
    statements: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any,
             _context: Any, _many: bool) -> None:
        if "text_hash" in statement and statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    with Session(engine) as session:
        assert canonical_ids_by_hash(session, [f"{i:064x}" for i in range(64)]) == {}
    assert statements, "the look-up ran no query"
    statement, parameters = statements[-1]
    with engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {statement}", parameters))
    assert "text_hash" in plan, plan
    assert "ix_articles_canonical_id" not in plan, plan
