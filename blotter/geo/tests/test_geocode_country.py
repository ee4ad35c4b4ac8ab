"""Country-level geocoding behaviours: a province named through its namesake town,
East Jerusalem, regions named like a demonym, national bodies, actor cues
(hand-written sentences)."""

from __future__ import annotations

from pathlib import Path

from blotter.geo.distance import polyline_km
from blotter.geo.event_place import choose_place
from blotter.geo.gazetteer import Gazetteer
from blotter.geo.resolve import locate
from blotter.geo.rules import data_file, regional_rules
from blotter.geo.tests.test_geocode_third_pass import geocoded_location


def contact_line_km(lat: float, lon: float) -> float:
    """Distance to the packaged Donbas line of contact."""
    front = regional_rules().fronts[0]
    return polyline_km(lat, lon, front.points, front.projection_latitude)


def test_province_named_by_its_namesake_town_gives_context(gaz: Gazetteer) -> None:
    # "Idleb" is indexed as the town; it still names the province around "Ariha",
    # which must not become Jericho (also "Ariha" in Arabic)
    loc = geocoded_location("Regime forces shelled Ariha town in Idleb countryside.", gaz)
    assert loc["country"] == "Syria"
    assert loc["admin1"] == "Idlib"
    loc = geocoded_location("A car was set on fire in Reni, Odessa.", gaz)
    assert loc["country"] == "Ukraine"
    assert loc["name"] == "Reni"


def test_east_jerusalem_is_palestine_and_jerusalem_alone_is_israel(gaz: Gazetteer) -> None:
    east = geocoded_location(
        "Israeli forces detained two men in the Shufat neighbourhood of Jerusalem.", gaz
    )
    assert east["country"] == "Palestine"
    east = geocoded_location("Police arrested an activist in east Jerusalem.", gaz)
    assert east["country"] == "Palestine"
    west = geocoded_location("Hundreds of people protested in Jerusalem against the budget.", gaz)
    assert west["country"] == "Israel"


def test_somali_region_is_ethiopian_but_somali_residents_are_not_a_place(
    gaz: Gazetteer,
) -> None:
    loc = geocoded_location("Clan clashes broke out in Afdere zone (Somali region).", gaz)
    assert loc["country"] == "Ethiopia"
    loc = geocoded_location("Somali residents protested in Mogadishu.", gaz)
    assert loc["country"] == "Somalia" and loc["name"] == "Mogadishu"


def test_a_national_police_names_its_country(gaz: Gazetteer) -> None:
    # Ilam is a province of Iran and a district of Nepal
    loc = geocoded_location(
        "Rebels exchanged fire with the Nepal Police in Barung locality (Ilam district).", gaz
    )
    assert loc["country"] == "Nepal"


def test_feast_names_are_not_places(gaz: Gazetteer) -> None:
    # "Ramadan" is an alternate name of a Saudi town
    loc = geocoded_location("Shop owners protested during Ramadan in Kafr Qasim.", gaz)
    assert loc["country"] == "Israel"


def test_actor_cues_point_to_their_country(gaz: Gazetteer) -> None:
    # "Samar" is also an alternate name of Russia's Samara
    loc = geocoded_location("The NPA and the military clashed in Barangay Magdawat, Samar.", gaz)
    assert loc["country"] == "Philippines"
    loc = geocoded_location(
        "A mob threatened a UPDF soldier at a market in Masafu sub-county (Busia district).", gaz
    )
    assert loc["country"] == "Uganda"


def test_a_unique_town_near_a_mislabelled_province_is_kept(gaz: Gazetteer) -> None:
    # Buni Yadi lies in Yobe, ~100 km from Borno's towns; the report's state is wrong
    loc = geocoded_location("Militants attacked soldiers near Buni Yadi (Gujiba LGA, Borno).", gaz)
    assert loc["name"] == "Buni Yadi"
    assert loc["geo_precision"] == 2  # "near"


def test_nigerian_lga_and_a_province_named_by_its_town(gaz: Gazetteer) -> None:
    # "Kankara LGA": an LGA is a district, and ACLED codes its seat
    loc = geocoded_location("Gunmen attacked two villages in Kankara LGA (Katsina).", gaz)
    assert loc["admin1"] == "Katsina" and loc["admin2"] == "Kankara"
    # placed at its seat, the town of Kankara
    seat = geocoded_location("Gunmen attacked Kankara town (Katsina).", gaz)
    assert seat["name"] == "Kankara"
    assert (loc["latitude"], loc["longitude"]) == (seat["latitude"], seat["longitude"])
    # "Menbij in Aleppo": Aleppo (found as the town) names the province around Menbij
    loc = geocoded_location("Turkish forces shelled Menbij in Aleppo using artillery.", gaz)
    assert loc["name"] == "Manbij"


def test_an_ambiguous_name_leaves_the_country_to_the_other_places(gaz: Gazetteer) -> None:
    # Tripoli: Libya's is five times Lebanon's; twice named, it still votes for both
    text = "Rioters from Tripoli blocked the road near Bohssas. They came from a rally in Tripoli."
    assert geocoded_location(text, gaz)["country"] == "Lebanon"
    assert geocoded_location("Shells fell in Tripoli overnight.", gaz)["country"] == "Libya"


def test_donbas_points_to_ukraine(gaz: Gazetteer) -> None:
    # "Odessa" is also a Texan city, and so is "Bandera"
    text = "In Odessa, people shouted support for Donbas and told Bandera supporters to leave."
    assert geocoded_location(text, gaz)["country"] == "Ukraine"


def test_a_named_part_of_the_countryside_moves_the_point(gaz: Gazetteer) -> None:
    town = geocoded_location("Regime forces shelled the town of Idleb.", gaz)
    text = "Regime forces shelled Kafr Nowhere in the southern countryside of Idleb."
    south = geocoded_location(text, gaz)
    assert south["geo_precision"] == 2 and south["geonameid"] is None
    assert south["name"] == "Idlib (southern countryside)"
    assert 0.15 < town["latitude"] - south["latitude"] < 0.2  # type: ignore[operator]
    assert abs(town["longitude"] - south["longitude"]) < 0.01  # type: ignore[operator]
    text = "Turkish forces shelled villages in Aleppo's north-western countryside."
    north_west = geocoded_location(text, gaz)
    aleppo = geocoded_location("Turkish forces shelled villages in Aleppo.", gaz)
    assert north_west["latitude"] > aleppo["latitude"]  # type: ignore[operator]
    assert north_west["longitude"] < aleppo["longitude"]  # type: ignore[operator]


def test_a_town_inside_the_state_a_cue_names_beats_the_state(gaz: Gazetteer) -> None:
    # Vikasnagar lies in Uttarakhand, not in "(UP)"; Lucknow does
    text = "Residents of Vikasnagar staged a protest in Lucknow city (UP) over a quarantine site."
    loc = geocoded_location(text, gaz)
    assert loc["name"] == "Lucknow" and loc["geo_precision"] == 1


def test_a_donbas_report_means_the_village_on_the_line_of_contact(gaz: Gazetteer) -> None:
    # two Opytnes in Donetsk oblast; the one by Avdiivka lies on the line
    loc = geocoded_location("The OSCE SMM observed 57 explosions near Opytne.", gaz)
    assert loc["name"] == "Opytne"
    assert contact_line_km(loc["latitude"], loc["longitude"]) < 10  # type: ignore[arg-type]
    assert contact_line_km(48.13, 37.75) < 5 and contact_line_km(50.45, 30.52) > 500  # Kyiv


def test_a_town_in_a_district_split_since_the_report_is_kept(gaz: Gazetteer) -> None:
    # GeoNames puts Tirupati in Tirupati district (2022); 2020 reports say Chittoor
    loc = geocoded_location("Workers protested in Tirupati city (Chittoor, AP).", gaz)
    assert loc["name"] == "Tirupati" and loc["geo_precision"] == 1


def test_landmarks_named_after_places_count_only_alone(gaz: Gazetteer) -> None:
    # the only place named is in a road's name: the road is by that town
    loc = geocoded_location("Rioters blocked the Saadnayel road with burning tyres.", gaz)
    assert loc["name"] == "Saadnayel" and loc["country"] == "Lebanon"
    # a bridge's name ("Palma") gives way to the town the text names
    loc = geocoded_location("Drivers blocked the Palma bridge near Bohssas.", gaz)
    assert loc["country"] == "Lebanon"
    # "Police forces" are not the Polish town of Police
    loc = geocoded_location("Rioters hurled rocks at Police forces in Bohssas.", gaz)
    assert loc["country"] == "Lebanon"


def test_a_lone_misspelt_place_of_one_country_is_taken(gaz: Gazetteer) -> None:
    # "Kafr Qaseem" is Kafr Qasim respelt; nothing else in the text says where
    loc = geocoded_location("Tens of shop owners protested in Kafr Qaseem.", gaz)
    assert loc["country"] == "Israel"


def test_half_of_a_hyphenated_name_votes_less(gaz: Gazetteer) -> None:
    # "Pobe-Mengao" is a Burkinabe department; Pobe alone is a town in Benin
    text = "Militants ambushed a gendarmerie unit in Gaskinde (Pobe-Mengao, Soum)."
    assert geocoded_location(text, gaz)["country"] == "Burkina Faso"


def test_near_a_place_is_precision_two(gaz: Gazetteer) -> None:
    for text in (
        "Prisoners were exchanged between Bani Walid and Misrata.",
        "The army shelled militants south of Sheikh Zuweid.",
        "Boko Haram ambushed a convoy on the Damboa road.",
        "Clashes took place on the Saraqib frontline.",
    ):
        loc = geocoded_location(text, gaz)
        assert loc["geo_precision"] == 2, text
    assert geocoded_location("A bomb exploded in Misrata.", gaz)["geo_precision"] == 1


def test_regional_rules_come_from_their_data_file(gaz: Gazetteer, tmp_path: Path) -> None:
    text = "Police arrested an activist in east Jerusalem."
    packaged = data_file("regional_rules.toml").read_text(encoding="utf-8")
    without = tmp_path / "no_city_parts.toml"
    without.write_text(packaged.replace("[[city_part]]", "[[unused]]"), encoding="utf-8")
    for rules, country in ((regional_rules(), "PS"), (regional_rules(without), "IL")):
        places, regional = locate(text, gaz, rules)
        found = choose_place(places, [(0, len(text))], gaz, regional)
        assert found is not None and found.place.country_code == country
