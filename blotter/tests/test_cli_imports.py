"""The command line starts without loading the store or the server's libraries."""

from __future__ import annotations

import subprocess
import sys

#: Libraries only ``serve``, ``ingest`` and the store commands need: ``blotter extract``
#: never touches them, and importing SQLAlchemy and Alembic alone cost it 0.45 CPU s
#: per process (each worker of a pool pays it again).
HEAVY = ("sqlalchemy", "alembic", "fastapi", "uvicorn")


def test_importing_the_cli_loads_no_store_or_server_library() -> None:
    code = (
        "import sys, blotter.cli; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""
