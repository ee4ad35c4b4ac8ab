"""Fixtures of the Spanish pack's tests: one pipeline and the pack, per test module."""

from __future__ import annotations

import pytest

from blotter.lang import Locale, load_locale
from blotter.pipeline import Pipeline
from blotter.settings import Settings


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """The default pipeline (built once per module: loading it costs seconds)."""
    return Pipeline.from_settings(Settings())


@pytest.fixture(scope="module")
def es() -> Locale:
    """The Spanish pack."""
    return load_locale("es")
