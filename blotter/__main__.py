"""``python -m blotter``."""

from blotter.cli import app

app()
