"""Sub-national areas of national tables (``kenya-data``): reading, build, use."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

from blotter.geo import national_areas as na
from blotter.geo.cues import find_cues
from blotter.geo.gazetteer import Gazetteer
from blotter.geo.gazetteer_build import AREA_ID_BASE, _add_postal_villages, _Place
from blotter.geo.mentions import find_places
from blotter.geo.names import name_variants
from blotter.geo.postal import POSTAL_ID_BASE
from blotter.geo.tests.places import place_of


def _table(path: Path) -> None:
    """A two-constituency table in the package's layout, written here."""
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE counties (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE constituencies (id INTEGER PRIMARY KEY, name TEXT, county_id INTEGER);
        CREATE TABLE wards (id INTEGER PRIMARY KEY, name TEXT, constituency_id INTEGER);
        CREATE TABLE coordinates (entity_type TEXT, entity_id INTEGER, latitude REAL,
                                  longitude REAL);
        INSERT INTO counties VALUES (1, 'Mombasa');
        INSERT INTO constituencies VALUES (1, 'Likoni', 1), (2, 'Nowhere', 1);
        INSERT INTO coordinates VALUES ('constituency', 1, -4.10, 39.64);
        INSERT INTO wards VALUES (1, 'Likoni', 1), (2, 'Shika Adabu North', 1),
                                 (3, 'Mtongwe', 2), (4, 'Bofu', 1),
                                 (5, 'Timbwani/Mwakirunge South', 1);
        """
    )
    con.commit()
    con.close()


def test_areas_are_read_with_their_county_and_constituency_point(tmp_path: Path) -> None:
    db = tmp_path / "areas.db"
    _table(db)
    constituencies, wards = na.deduplicated(na.read_areas(db, "KE"))
    assert [(v.name, v.state, v.latitude) for v in constituencies] == [("Likoni", "Mombasa", -4.10)]
    # the ward of the constituency's name is one place; "North" is dropped; a
    # ward of a constituency without a point is left out
    # (session 13) a ward of two places is indexed under each
    assert sorted(v.name for v in wards) == ["Bofu", "Mwakirunge", "Shika Adabu", "Timbwani"]
    assert all((v.latitude, v.longitude) == (-4.10, 39.64) for v in wards)


def test_a_missing_table_package_adds_nothing() -> None:
    table = na.AreaTable("blotter-no-such-distribution", "nowhere", "x.db", "KE")
    assert na.national_areas((table,)) == ([], [])


def test_constituencies_are_towns_and_wards_postal_places() -> None:
    places = {
        10: _Place(10, "admin1", "Mombasa", "KE", "Mombasa", None, -4.0, 39.6, 0, 10),
        1: _Place(1, "city", "Mombasa", "KE", "Mombasa", None, -4.05, 39.66, 10**6, 10),
    }
    names: dict[str, set[int]] = defaultdict(set)
    for key in name_variants("Mombasa"):
        names[key] |= {1, 10}
    town = na._village("Likoni", "KE", "Mombasa", -4.10, 39.64)
    ward = na._village("Bofu", "KE", "Mombasa", -4.10, 39.64)
    assert _add_postal_villages(places, names, [town], id_base=AREA_ID_BASE) == 1
    assert _add_postal_villages(places, names, [ward], first_index=5_000_001) == 1
    (tid,) = names["likoni"]
    (wid,) = names["bofu"]
    assert -POSTAL_ID_BASE < tid <= -AREA_ID_BASE and wid <= -POSTAL_ID_BASE
    assert places[tid].admin1 == places[wid].admin1 == "Mombasa"


def test_a_constituency_named_alone_is_placed_in_its_county(gaz: Gazetteer) -> None:
    found = place_of("On May 20th 2019, in Likoni, 2 alleged gang members were lynched.", gaz)
    assert found is not None
    assert (found.place.name, found.place.country_code, found.place.admin1) == (
        "Likoni",
        "KE",
        "Mombasa",
    )


def test_a_ward_stands_where_no_other_country_is_named(gaz: Gazetteer) -> None:
    # issue 12: a national table's area whose name no other country bears is
    # taken in a text that names no country (before: only with Kenyan context)
    assert any(p.national_area and p.country_code == "KE" for p in gaz.candidates("dandora"))
    alone = place_of("Operators clash in Dandora after a bus was destroyed.", gaz)
    assert alone is not None and (alone.place.name, alone.place.admin1) == ("Dandora", "Nairobi")
    # India's postal "Kondhale" is another spelling: the ward spelled as written stands
    other = place_of("Operators clash in Kondele after a bus was destroyed.", gaz)
    assert other is not None and (other.place.name, other.place.admin1) == ("Kondele", "Kisumu")
    # another country named: the ward is not taken
    abroad = place_of("Operators clash in Dandora, Uganda.", gaz)
    assert abroad is None or abroad.place.country_code != "KE"
    found = place_of("ODM supporters and matatu operators clash in Kondele.", gaz)
    assert found is not None and found.place.postal
    assert (found.place.name, found.place.admin1) == ("Kondele", "Kisumu")


def test_kenyan_actor_cues_give_the_country() -> None:
    codes = {c.country_code for _, c in find_cues("4 civilians shot dead by Mungiki members")}
    assert codes == {"KE"}
    assert find_cues("NASA launched a probe into the accident") == []
    assert {c.country_code for _, c in find_cues("NASA supporters rioted")} == {"KE"}


def test_words_of_an_actors_name_are_not_places(gaz: Gazetteer) -> None:
    text = "Police were ambushed by suspected al-Shabab militants in Garissa, Kenya."
    surfaces = [m.surface for m in find_places(text, gaz).mentions]
    assert "al-Shabab" not in surfaces and "Garissa" in surfaces


def test_month_abbreviations_are_not_places(gaz: Gazetteer) -> None:
    text = "On Jun 27th 2019, in Kainuk a Kenya Red Cross driver was ambushed."
    assert "Jun" not in [m.surface for m in find_places(text, gaz).mentions]
