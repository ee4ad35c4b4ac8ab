"""The place an event spanning a whole text gets (test helper)."""

from __future__ import annotations

from blotter.geo.event_place import Resolution, choose_place
from blotter.geo.gazetteer import Gazetteer
from blotter.geo.resolve import locate
from blotter.lang import load_locale


def place_of(
    text: str, gaz: Gazetteer, span: tuple[int, int] | None = None, lang: str | None = None
) -> Resolution | None:
    """Resolve *text* (read with pack *lang*, default the default pack) and choose
    the place for an event in *span* (default: all of it)."""
    locale = load_locale(lang) if lang else None
    places, regional = locate(text, gaz, locale=locale)
    return choose_place(places, [span or (0, len(text))], gaz, regional)
