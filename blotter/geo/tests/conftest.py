"""One gazetteer index per test session (built into a temporary dir, or reused from the cache)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from blotter.geo.gazetteer import Gazetteer, default_gazetteer_path, open_gazetteer


@pytest.fixture(scope="session")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The real gazetteer: the user's cached index if built, else built once here."""
    cached = default_gazetteer_path()
    if cached.exists() and not os.environ.get("BLOTTER_TEST_REBUILD"):
        return open_gazetteer(cached)
    return open_gazetteer(Path(tmp_path_factory.mktemp("gaz")) / "gazetteer.sqlite")
