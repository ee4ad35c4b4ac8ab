"""Masked text never places an event: the geocoder reads the clean stage's mask."""

from __future__ import annotations

from blotter.document import Article, Document
from blotter.geo.gazetteer import Gazetteer
from blotter.pipeline import Pipeline
from blotter.record import Event
from blotter.settings import Settings
from blotter.stages.clean import Cleaner
from blotter.stages.geocode import GeocodeStage, unmasked_text

PLACELESS = "Gunmen attacked a village on Monday, killing two farmers."
# A site's "related posts" box after the report: boilerplate (blotter/stages/clean.py).
RELATED = "Related posts: Floods hit Kabul"
PAGE = f"{PLACELESS}\n\n{RELATED}\n"


def _geocoded(doc: Document, gaz: Gazetteer) -> Event:
    """Run the geocode stage on *doc* with one event in its first sentence."""
    event = Event("Violence against civilians", "Attack")
    event.add_evidence("sentence", doc.text, 0, len(PLACELESS))
    doc.events = [event]
    GeocodeStage(Settings(), gazetteer=gaz).process([doc])
    return event


def test_boilerplate_paragraph_does_not_place_a_placeless_event(gaz: Gazetteer) -> None:
    doc = Cleaner().process([Document(Article("kabul", PAGE))])[0]
    assert doc.boilerplate == [(PAGE.index(RELATED), PAGE.index(RELATED) + len(RELATED))]
    event = _geocoded(doc, gaz)
    assert event.location.name is None and event.location.country is None
    assert doc.places == []  # not even a document-context mention from the mask
    # the same page without the mask is placed in Kabul: the mask is what stops it
    unmasked = _geocoded(Document(Article("kabul", PAGE)), gaz)
    assert unmasked.location.name == "Kabul"


def test_pipeline_keeps_a_related_posts_box_out_of_the_place(gaz: Gazetteer) -> None:
    result = Pipeline.from_settings(Settings()).extract_articles([Article("kabul", PAGE)])[0]
    assert result.events, "the attack is still an event"
    assert all(e["location"]["country"] is None for e in result.events)


def test_masked_text_keeps_offsets_and_line_breaks() -> None:
    text = "In Kabul.\nRead more: Herat\nEnd"
    start = text.index("Read")
    masked = unmasked_text(text, [(start, text.index("\nEnd"))])
    assert len(masked) == len(text) and masked.count("\n") == 2
    assert "Herat" not in masked and masked.startswith("In Kabul.") and masked.endswith("End")
    assert unmasked_text(text, []) is text
