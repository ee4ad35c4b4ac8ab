"""Geocode: pick each event's place and resolve it (country level until the gazetteer lands)."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from blotter.document import Document
from blotter.settings import Settings


@lru_cache(maxsize=1)
def _country_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    names: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        for n in {c.name, getattr(c, "common_name", c.name)}:
            names[n.lower()] = (getattr(c, "common_name", c.name), c.alpha_2)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"\b(?:" + alternation + r")\b", re.IGNORECASE), names


class GeocodeStage:
    """Set each event's country from country names in its sentences."""

    name = "geocode"

    def __init__(self, settings: Settings) -> None:
        self.pattern, self.names = _country_pattern()

    def process(self, docs: list[Document]) -> list[Document]:
        """Fill ``location.country`` and ``country_code`` where a country is named."""
        for doc in docs:
            for event in doc.events:
                spans = [e for e in event.evidence if e.field == "sentence"]
                texts = [e.text for e in spans] + [doc.text]
                for text in texts:
                    m = self.pattern.search(text)
                    if m:
                        event.location.country, event.location.country_code = self.names[m.group(0).lower()]
                        break
        return docs
