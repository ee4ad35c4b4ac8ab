"""Geocode: pick each event's place and resolve it against the offline gazetteer.

Only report text places an event: the boilerplate ranges the clean stage marked
(``doc.boilerplate``: "Related posts: Floods hit Kabul") are blanked before
toponyms, datelines, cues and document context are read, offsets kept.
"""

from __future__ import annotations

import logging

from blotter.document import Document
from blotter.geo.admin_names import output_admin1
from blotter.geo.event_place import choose_place, compass_word
from blotter.geo.gazetteer import Gazetteer, Place, open_gazetteer
from blotter.geo.mentions import TextPlaces
from blotter.geo.resolve import locate
from blotter.geo.rules import RegionalRules, TextRules, regional_rules
from blotter.lang import locale_for
from blotter.record import Event
from blotter.settings import Settings

log = logging.getLogger(__name__)


def unmasked_text(text: str, masked: list[tuple[int, int]]) -> str:
    """*text* with every masked (start, end) range blanked: its characters become
    spaces (line breaks kept), so offsets into the text stay valid and nothing
    inside a range can be read as a place, a dateline or a cue."""
    if not masked:
        return text
    chars = list(text)
    for start, end in masked:
        for i in range(max(0, start), min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def output_units(gaz: Gazetteer, p: Place) -> tuple[str | None, str | None]:
    """The admin1/admin2 names to write for place *p*: the units' output labels
    (ACLED-style English where the data has one), with ACLED's split units."""
    if p.kind == "country":
        return None, None
    admin1 = p.label if p.kind == "admin1" else gaz.unit_label(p.admin1_id) or p.admin1
    admin2 = p.label if p.kind == "admin2" else gaz.unit_label(p.admin2_id) or p.admin2
    if p.kind == "admin1":
        admin2 = None
    split = output_admin1(p.country_code, p.admin1, admin2)
    return (admin1 if split == p.admin1 else split), admin2


class GeocodeStage:
    """Fill each event's ``location`` from the place named in its own sentences."""

    name = "geocode"
    requires = ("boilerplate", "sentences", "events")
    assigns = ("places", "events.location")

    def __init__(
        self,
        settings: Settings,
        gazetteer: Gazetteer | None = None,
        rules: RegionalRules | None = None,
    ) -> None:
        self.gazetteer = gazetteer or open_gazetteer(settings["gazetteer_path"] or None)
        self.rules = rules or regional_rules()

    def process(self, docs: list[Document]) -> list[Document]:
        """Resolve places once per document, then choose one per event."""
        for doc in docs:
            if not doc.events:
                continue
            try:
                self._document(doc)
            except Exception as exc:
                log.exception("geocoding failed for %s", doc.article.id)
                doc.article.warnings.append(f"geocoding failed: {type(exc).__name__}: {exc}")
        return docs

    def _document(self, doc: Document) -> None:
        """Geocode every event of one document."""
        text = unmasked_text(doc.text, doc.boilerplate)
        places, regional = locate(text, self.gazetteer, self.rules, locale_for(doc))
        doc.places = list(places.mentions)
        for event in doc.events:
            spans = [(e.start, e.end) for e in event.evidence if e.field == "sentence"]
            self._event(doc, event, places, regional, spans)

    def _event(
        self,
        doc: Document,
        event: Event,
        places: TextPlaces,
        regional: TextRules,
        spans: list[tuple[int, int]],
    ) -> None:
        """Fill one event's location."""
        found = choose_place(places, spans, self.gazetteer, regional)
        if found is None:
            return
        p, loc = found.place, event.location
        country = self.gazetteer.country(p.country_code)
        loc.name = p.name
        loc.admin1, loc.admin2 = output_units(self.gazetteer, p)
        loc.country = country.name if country else None
        loc.country_code = p.country_code
        loc.latitude, loc.longitude = p.latitude, p.longitude
        loc.geonameid = p.id if p.id > 0 and found.countryside is None else None
        if found.countryside is not None:  # a point moved from the place, not the place
            loc.name = f"{p.name} ({compass_word(found.countryside)} countryside)"
        loc.geo_precision, loc.where_prec = found.geo_precision, found.where_prec
        loc.conflict = found.conflict
        if found.mention is not None:
            event.add_evidence("location", doc.text, found.mention.start, found.mention.end)
