"""Session 6 geocoding behaviours on hand-written headlines and notes: sentence
ends, title-case lines, alternate names, country-only event sentences and the
capital district compared by its city's name."""

from __future__ import annotations

from blotter.document import Article, Document
from blotter.geo.admin_names import same_admin1
from blotter.geo.gazetteer import Gazetteer
from blotter.geo.mentions import find_places, title_lines
from blotter.lang import load_locale
from blotter.record import Event
from blotter.settings import Settings
from blotter.stages.geocode import GeocodeStage


def geocoded(
    text: str, gaz: Gazetteer, sentence: tuple[int, int] | None = None
) -> dict[str, object]:
    """The location the geocode stage gives a one-event document (event sentence
    *sentence*, default the whole text)."""
    doc = Document(Article("t1", text))
    event = Event("Violence against civilians", "Attack")
    start, end = sentence or (0, len(text))
    event.add_evidence("sentence", text, start, end)
    doc.events = [event]
    GeocodeStage(Settings(), gazetteer=gaz).process([doc])
    return event.location.__dict__


def test_a_tolerant_span_never_reads_across_a_full_stop(gaz: Gazetteer) -> None:
    text = "A bomb damaged the offices of an oil company in Lima. A car was seen nearby."
    surfaces = [m.surface for m in find_places(text, gaz).mentions]
    assert "Lima" in surfaces and not any("." in s for s in surfaces)
    assert geocoded(text, gaz)["country_code"] == "PE"


def test_title_lines_are_found_by_their_capitals() -> None:
    text = "Prison Riot in Matamoros Kills 20\nPolice said the riot began at dawn in the prison."
    assert title_lines(text) == [(0, 33)]
    assert title_lines("Police said the riot began at dawn.") == []


def test_a_place_in_a_title_case_headline_is_read(gaz: Gazetteer) -> None:
    # mixed case would read "Matamoros Kills" as the end of a longer proper name
    loc = geocoded("Prison Riot in Matamoros Kills 20", gaz)
    assert loc["country_code"] == "MX" and loc["admin1"] == "Tamaulipas"
    loc = geocoded("Five Killed in Torreón Bars", gaz)
    assert loc["admin1"] == "Coahuila"


def test_own_name_outranks_a_larger_place_known_by_it_as_an_alternate(gaz: Gazetteer) -> None:
    # GeoNames lists "Cancun" among the alternate names of Changchun (5.7 M people)
    loc = geocoded("Eight executed in Cancun drug killings.", gaz)
    assert loc["country_code"] == "MX" and loc["admin1"] == "Quintana Roo"


def test_a_common_word_is_no_country_by_an_alternate_name(gaz: Gazetteer) -> None:
    # "CAR" is the Central African Republic, "American" a part of American Samoa
    assert geocoded("Car bomb explodes in Ciudad Victoria", gaz)["country_code"] == "MX"
    loc = geocoded("American anarchist killed in Acapulco", gaz)
    assert loc["country_code"] == "MX" and loc["admin1"] == "Guerrero"


def test_an_event_sentence_naming_only_the_country_takes_the_texts_place(gaz: Gazetteer) -> None:
    first = "Three severed heads found in Mexico in suspected drug violence"
    text = first + "\n3 Decapitated Heads found in Veracruz Narcomessage Signed by CJNG"
    loc = geocoded(text, gaz, (0, len(first)))
    assert loc["country_code"] == "MX" and loc["admin1"] == "Veracruz"
    # a place of another country elsewhere in the text does not replace it
    text = "Protesters marched in Mexico on Sunday.\nA similar march was held in Kyiv."
    loc = geocoded(text, gaz, (0, 39))
    assert loc["country_code"] == "MX" and loc["admin1"] is None


def test_bogota_is_the_capital_district(gaz: Gazetteer) -> None:
    loc = geocoded("Rebels kill five policemen in attacks in Bogota.", gaz)
    assert loc["country_code"] == "CO"
    assert same_admin1(loc, "Bogotá", gaz)
    assert not same_admin1(loc, "Cundinamarca", gaz)


def test_a_town_and_its_state_side_by_side_are_both_places(gaz: Gazetteer) -> None:
    # no comma: each capitalised name would read as part of a longer proper name
    loc = geocoded("CDN ambushed by CDG in Mier Tamaulipas, 5 dead", gaz)
    assert loc["name"] == "Mier" and loc["admin1"] == "Tamaulipas"
    loc = geocoded("Body hanged from Celaya Guanajuato bridge", gaz)
    assert loc["name"] == "Celaya" and loc["admin1"] == "Guanajuato"


def test_a_state_in_a_cartel_name_is_no_place(gaz: Gazetteer) -> None:
    spanish = load_locale("es")
    places = find_places(
        "Disputas entre los cárteles de Juárez y Sinaloa deja 32 muertos en Chihuahua",
        gaz,
        spanish,
    )
    assert [m.surface for m in places.mentions] == ["Chihuahua"]
    # a place named later in the sentence still is one
    text = "El cártel de Sinaloa atacó a policías en Culiacán y Navolato"
    places = find_places(text, gaz, spanish)
    assert [m.surface for m in places.mentions] == ["Culiacán", "Navolato"]


def test_a_village_written_with_its_town_lies_in_that_town(gaz: Gazetteer) -> None:
    # the only La Concha of the index lies in Coahuila, 600 km from Morelia
    loc = geocoded("They find the bodies of two men and a woman in La Concha, Morelia", gaz)
    assert loc["name"] == "Morelia" and loc["admin1"] == "Michoacan"
    loc = geocoded("They execute three in Los Olivos, in Tecate", gaz)
    assert loc["admin1"] == "Baja California"


def test_a_neighbourhood_gives_way_to_the_town(gaz: Gazetteer) -> None:
    text = (
        "A man was killed in the Santa Cecilia neighborhood and experts of the Acapulco"
        " prosecutor's office found 15 shell casings."
    )
    loc = geocoded(text, gaz)
    assert loc["admin1"] == "Guerrero"


def test_a_country_heading_says_where(gaz: Gazetteer) -> None:
    text = "YEMEN.  Three bombs exploded at a U.S. consular officer's home."
    places = find_places(text, gaz)
    assert places.heading and places.mentions[0].dateline
    assert geocoded(text, gaz)["country_code"] == "YE"
    loc = geocoded("ITALY.  Offices of IBM and the Bank of America were bombed in Milan.", gaz)
    assert loc["name"] == "Milan" and loc["country_code"] == "IT"
    # a heading that names no country is no place
    assert not find_places("UPDATE.  Gunmen attacked a bus in Lima.", gaz).heading


def test_the_place_fired_from_is_not_the_place_hit(gaz: Gazetteer) -> None:
    text = "Four Qassam rockets were launched from the Gaza Strip toward Ashqelon."
    loc = geocoded(text, gaz)
    assert loc["country_code"] == "IL" and loc["name"] == "Ashkelon"


def test_a_city_common_only_in_the_texts_language_opens_a_headline(gaz: Gazetteer) -> None:
    # "morelia" is as frequent as a word in Spanish (zipf 3.6) as "roban"
    spanish = load_locale("es")
    text = "Morelia: 3 muertos y un herido durante madrugada del sábado"
    places = find_places(text, gaz, spanish)
    assert [m.surface for m in places.mentions] == ["Morelia"]


def test_a_unit_after_in_stands_for_its_namesake_town(gaz: Gazetteer) -> None:
    # León is a Nicaraguan department and town; León (Guanajuato) is ten times larger
    text = "Matan a un agente de tránsito en León cuando cenaba"
    doc = Document(Article("t1", text, language="es"))
    event = Event("Violence against civilians", "Attack")
    event.add_evidence("sentence", doc.text, 0, len(doc.text))
    doc.events = [event]
    GeocodeStage(Settings(), gazetteer=gaz).process([doc])
    assert event.location.country_code == "MX" and event.location.admin1 == "Guanajuato"


def test_a_units_nickname_is_not_its_name(gaz: Gazetteer) -> None:
    # GeoNames lists "Golden State" among California's names
    loc = geocoded("Protesters marched in Sacramento, California.", gaz)
    assert loc["country_code"] == "US" and loc["admin1"] == "California"


def test_a_state_abbreviation_after_its_town(gaz: Gazetteer) -> None:
    loc = geocoded("Irapuato Gto: 16 Bodies Found in Clandestine Grave", gaz)
    assert loc["name"] == "Irapuato" and loc["admin1"] == "Guanajuato"
    loc = geocoded("CJNG boss executed in La Paz, BCS", gaz)
    assert loc["country_code"] == "MX" and loc["admin1"] == "Baja California Sur"
    # an abbreviation after no town of its state stays an acronym
    assert find_places("Police of the BCS union marched.", gaz).mentions == []


def test_a_neighbourhood_named_with_its_province_is_kept(gaz: Gazetteer) -> None:
    text = "Soldiers clashed with gunmen near the rural Palamut neighborhood of Batman province."
    assert geocoded(text, gaz)["name"] == "Palamut"


def test_a_unit_in_parentheses_is_no_container_town(gaz: Gazetteer) -> None:
    text = "Russian forces shot down a helicopter near Anapa (Krasnodar)."
    assert geocoded(text, gaz)["name"] == "Anapa"


def test_the_jubilee_party_is_kenyan(gaz: Gazetteer) -> None:
    loc = geocoded("Jubilee supporters clashed with rivals after the primaries.", gaz)
    assert loc["country_code"] == "KE"


def test_a_big_city_after_in_may_precede_a_name(gaz: Gazetteer) -> None:
    text = "Demonstrators stopped the head of the UN office in Nairobi Anna Tibaijuka's convoy."
    assert geocoded(text, gaz)["name"] == "Nairobi"


def test_a_thing_based_in_a_town_and_a_school_named_after_it(gaz: Gazetteer) -> None:
    loc = geocoded("Assailants killed the editor of the Eldoret-based Mirror Weekly.", gaz)
    assert loc["name"] == "Eldoret"
    loc = geocoded("Students of Bungoma High School protested against the principal.", gaz)
    assert loc["admin1"] == "Bungoma" and loc["country_code"] == "KE"
    # "-led" still says who, not where
    assert find_places("A Saudi-led coalition struck the port.", gaz).mentions == []


def test_a_title_case_word_abroad_gives_way_to_the_country_named(gaz: Gazetteer) -> None:
    # "Cano" is an alternate of Kano, "Limon" a Costa Rican province
    text = "Colombian Rebels Stall Cano Limon Oil Pipeline With Bomb."
    assert geocoded(text, gaz)["country_code"] == "CO"


def test_a_country_sentence_keeps_the_country_when_the_text_names_many_provinces(
    gaz: Gazetteer,
) -> None:
    first = "Rebels attacked a convoy in Colombia on Friday."
    text = first + "\nOther attacks were reported in Medellín and in Cali."
    loc = geocoded(text, gaz, (0, len(first)))
    assert loc["country_code"] == "CO" and loc["admin1"] is None
