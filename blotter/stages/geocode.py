"""Geocode: pick each event's place and resolve it against the offline gazetteer."""

from __future__ import annotations

import logging

from blotter.document import Document
from blotter.geo.gazetteer import Gazetteer, open_gazetteer
from blotter.geo.mentions import TextPlaces, find_places
from blotter.geo.resolve import choose_place, resolve_text
from blotter.record import Event
from blotter.settings import Settings

log = logging.getLogger(__name__)


class GeocodeStage:
    """Fill each event's ``location`` from the place named in its own sentences."""

    name = "geocode"

    def __init__(self, settings: Settings, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or open_gazetteer(settings["gazetteer_path"] or None)

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
        places = find_places(doc.text, self.gazetteer)
        resolve_text(places)
        doc.places = list(places.mentions)
        for event in doc.events:
            spans = [(e.start, e.end) for e in event.evidence if e.field == "sentence"]
            self._event(doc, event, places, spans)

    def _event(
        self, doc: Document, event: Event, places: TextPlaces, spans: list[tuple[int, int]]
    ) -> None:
        """Fill one event's location."""
        found = choose_place(places, spans, self.gazetteer)
        if found is None:
            return
        p, loc = found.place, event.location
        country = self.gazetteer.country(p.country_code)
        loc.name = p.name
        loc.admin1 = p.admin1 if p.kind != "country" else None
        loc.admin2 = p.admin2 if p.kind in ("city", "admin2") else None
        loc.country = country.name if country else None
        loc.country_code = p.country_code
        loc.latitude, loc.longitude = p.latitude, p.longitude
        loc.geonameid = p.id if p.id > 0 else None
        loc.geo_precision, loc.where_prec = found.geo_precision, found.where_prec
        loc.conflict = found.conflict
        if found.mention is not None:
            event.add_evidence("location", doc.text, found.mention.start, found.mention.end)
