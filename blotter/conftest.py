"""Shared test fixtures: where the read-only shared data lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """``../shared`` beside the repository (or ``$BLOTTER_SHARED``)."""
    return Path(os.environ.get("BLOTTER_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data directory; tests that need it fail loudly if it is missing."""
    path = shared_dir()
    assert path.is_dir(), f"shared data not found at {path} (set BLOTTER_SHARED)"
    return path
