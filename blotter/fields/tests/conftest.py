"""Fixtures shared by the field readers' tests."""

from __future__ import annotations

import pytest

from blotter.pipeline import Pipeline
from blotter.settings import Settings


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """The default pipeline without the geocoder (these tests read no places)."""
    return Pipeline.from_settings(Settings({"geocode": False}))
