"""One gazetteer index per test run: the per-user cache for the installed inputs,
built here once if missing or stale (its name carries the input checksum, so a
run after any input change builds exactly once and later runs reuse it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from blotter.geo.gazetteer import Gazetteer, open_gazetteer


@pytest.fixture(scope="session")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The real gazetteer (``BLOTTER_TEST_REBUILD=1``: a fresh build in a temporary dir)."""
    if os.environ.get("BLOTTER_TEST_REBUILD"):
        return open_gazetteer(Path(tmp_path_factory.mktemp("gaz")) / "gazetteer.sqlite")
    return open_gazetteer()
