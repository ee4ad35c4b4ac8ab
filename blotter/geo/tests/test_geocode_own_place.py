"""Session 13: the event's own town, backed elsewhere in the text, is not given
up for a country that only other sentences name. Texts written here."""

from __future__ import annotations

from blotter.geo.event_place import Resolution, choose_place
from blotter.geo.gazetteer import Gazetteer
from blotter.geo.resolve import locate


def place_at(text: str, sentence: str, gaz: Gazetteer) -> Resolution | None:
    """Resolve *text* and choose the place of an event told in *sentence*."""
    places, regional = locate(text, gaz)
    start = text.index(sentence)
    return choose_place(places, [(start, start + len(sentence))], gaz, regional)


def test_the_own_town_backed_elsewhere_is_kept(gaz: Gazetteer) -> None:
    event = "Two aid workers were shot and injured just outside of Mogadishu."
    text = event + (
        " Since 2006 both Ethiopia and Somalia's transitional government have fought"
        " an insurgency."
    )
    found = place_at(text, event, gaz)
    assert found is not None and found.place.name == "Mogadishu"


def test_a_namesake_abroad_backed_by_nothing_gives_way(gaz: Gazetteer) -> None:
    event = "Six people were killed in clashes in Tana North."
    text = event + " Kenya's police said two communities fought over grazing land in Kenya."
    found = place_at(text, event, gaz)
    assert found is not None and found.place.country_code == "KE"
