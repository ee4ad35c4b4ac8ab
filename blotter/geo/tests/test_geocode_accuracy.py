"""Second-pass geocoding behaviours: spelling tolerance, admin fall-backs,
admin1 comparison, wire datelines and actor cues (hand-written sentences)."""

from __future__ import annotations

import pytest

from blotter.geo.admin_names import same_admin1
from blotter.geo.cues import find_cues
from blotter.geo.event_place import choose_place
from blotter.geo.gazetteer import Gazetteer
from blotter.geo.mentions import find_places
from blotter.geo.names import fuzzy_key, normalise
from blotter.geo.resolve import resolve_text
from blotter.geo.tests.places import place_of


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("al-Hasakeh", "Al Hasakah"),
        ("Deir-ez-Zor", "Dayr az Zawr"),
        ("Idleb", "Idlib"),
        ("Dhale", "Ad Dali"),
        ("Kamianka", "Kamyanka"),
        ("Sanaa Governorate", "Sanaa"),
    ],
)
def test_fuzzy_key_folds_transliterations(a: str, b: str) -> None:
    assert fuzzy_key(normalise(a)) == fuzzy_key(normalise(b)) != ""


def test_fuzzy_key_keeps_different_names_apart() -> None:
    assert fuzzy_key(normalise("Idlib")) != fuzzy_key(normalise("Aleppo"))
    assert fuzzy_key(normalise("Donetsk")) != fuzzy_key(normalise("Luhansk"))
    assert fuzzy_key("taz") == ""  # too short to trust


def test_spelling_tolerant_lookup_finds_an_unindexed_spelling(gaz: Gazetteer) -> None:
    text = "Drones struck Ma'arrat al-Nouman overnight."
    assert "maarrat al nouman" not in gaz.keys  # only the tolerant key can find it
    places = find_places(text, gaz)
    resolve_text(places)
    (mention,) = places.mentions
    assert mention.fuzzy and mention.best is not None
    assert mention.best.country_code == "SY" and mention.best.admin1 == "Idlib"


def test_tolerant_match_must_agree_with_the_text_unless_alone(gaz: Gazetteer) -> None:
    # "Qamishlo" matches Syria's Qamishli by spelling only: it must agree with a
    # country the text points to, and stands on its own when nothing else does
    other = place_of("Airstrikes hit Qamishlo, Iraqi officials said.", gaz)
    assert other is not None and other.place.kind == "country"  # Iraq, the demonym's
    alone = place_of("Airstrikes hit Qamishlo.", gaz)
    assert alone is not None and alone.place.country_code == "SY"


def test_article_forms_are_found(gaz: Gazetteer) -> None:
    found = place_of("A market in Ar-Raqqa was shelled.", gaz)
    assert found is not None and found.place.country_code == "SY"
    assert "raqq" in normalise(found.place.admin1 or "")


def test_unknown_village_falls_back_to_the_parenthesised_district(gaz: Gazetteer) -> None:
    found = place_of("Gunmen attacked Xyzabad village (Kalehe, Sud-Kivu).", gaz)
    assert found is not None
    assert found.place.kind == "admin2" and found.place.name == "Kalehe"
    assert found.place.country_code == "CD" and found.geo_precision == 2
    assert found.place.latitude is not None


def test_homonym_outside_the_named_district_gives_way_to_it(gaz: Gazetteer) -> None:
    # no Pipri in the index lies in Kaushambi district, which the text names
    assert all(p.admin2 != "Kaushambi" for p in gaz.candidates("pipri"))
    found = place_of("A clash broke out in Pipri (Kaushambi, Uttar Pradesh).", gaz)
    assert found is not None and found.place.name == "Kaushambi"
    assert found.place.admin1 == "Uttar Pradesh" and found.geo_precision == 2


def test_town_inside_the_named_district_is_kept(gaz: Gazetteer) -> None:
    found = place_of("Protesters marched in Bamenda (Mezam, Nord-Ouest).", gaz)
    assert found is not None and found.place.kind == "city" and found.place.name == "Bamenda"


@pytest.mark.parametrize(
    ("predicted", "code", "gold"),
    [
        ("Idlib", "SY", "Idleb"),
        ("Al-Hasakah", "SY", "Al-Hasakeh"),
        ("Daraa", "SY", "Dar'a"),
        ("Raski okrug", "RS", "Central Serbia"),
        ("Beograd", "RS", "Belgrade"),
        ("Michoacan", "MX", "Michoacán"),
        ("Hebron", "PS", "West Bank"),
        ("Gomelskaya", "BY", "Gomel"),
        ("Grad Skopje", "MK", "City of Skopje"),
    ],
)
def test_same_admin1_accepts_other_spellings_of_one_unit(
    gaz: Gazetteer, predicted: str, code: str, gold: str
) -> None:
    assert same_admin1({"admin1": predicted, "country_code": code}, gold, gaz)


@pytest.mark.parametrize(
    ("predicted", "code", "gold"),
    [
        ("Idlib", "SY", "Aleppo"),
        ("Donetsk", "UA", "Luhansk"),
        ("Sanaa", "YE", "Marib"),
        ("Beograd", "RS", "Central Serbia"),
        (None, "SY", "Idleb"),
        ("Hebron", "PS", "Gaza Strip"),
        ("Gomelskaya", "BY", "Minsk"),
    ],
)
def test_same_admin1_rejects_a_different_unit(
    gaz: Gazetteer, predicted: str | None, code: str, gold: str
) -> None:
    assert not same_admin1({"admin1": predicted, "country_code": code}, gold, gaz)


def test_same_admin1_compares_iraqi_kurdistan_by_governorate(gaz: Gazetteer) -> None:
    loc = {"admin1": "Iqlim Kurdistan", "admin2": "Duhok", "country_code": "IQ"}
    assert same_admin1(loc, "Dahuk", gaz)
    assert not same_admin1(loc, "Erbil", gaz)


def test_schwa_is_read_as_a() -> None:
    assert normalise("Ağcabədi") == "agcabadi"


def test_scorer_uses_same_admin1(gaz: Gazetteer) -> None:
    from blotter.evaluation.scoring import score_acled

    gold = {"events": [{"event_type": "Battles", "sub_event_type": "Armed clash",
                        "fatalities": 0, "event_date": "2020-05-01", "country": "Syria",
                        "admin1": "Idleb", "inter1": "1", "inter2": "1",
                        "latitude": 35.93, "longitude": 36.63}]}  # fmt: skip
    pred = {"event_type": "Battles", "sub_event_type": "Armed clash", "fatalities": {},
            "location": {"admin1": "Idlib", "country_code": "SY", "country": "Syria"},
            "actor1": None, "actor2": None}  # fmt: skip
    assert score_acled([(gold, [pred])])["admin1"] == 1.0
    pred["location"]["admin1"] = "Aleppo"  # type: ignore[index]
    assert score_acled([(gold, [pred])])["admin1"] == 0.0


def test_wire_dateline_gives_the_country_and_surnames_are_not_places(gaz: Gazetteer) -> None:
    text = (
        "SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- [TEXT] A BOMB EXPLODED TODAY AT THE\n"
        "HOME OF COLONEL RENE PONCE. POLICE SAID THE U.S. EMBASSY WAS NOT DAMAGED."
    )
    places = find_places(text, gaz)
    resolve_text(places)
    assert places.upper
    assert not any(m.surface == "VENCEREMOS" for m in places.mentions)  # the source
    assert all(m.best is None for m in places.mentions if m.surface == "PONCE")
    found = choose_place(places, [(text.index("A BOMB"), len(text))], gaz)
    assert found is not None and found.place.country_code == "SV"
    assert found.place.kind == "city"  # the capital, not the department


def test_us_modifier_does_not_take_over_the_story(gaz: Gazetteer) -> None:
    text = (
        "LIMA, 2 MAR 89 -- [TEXT] UNIDENTIFIED MEN THREW A GRENADE AT A CAR OWNED BY A U.S.\n"
        "CITIZEN. U.S. OFFICIALS CONDEMNED THE ACT. THE U.S. EMBASSY GAVE NO DETAILS."
    )
    found = place_of(text, gaz)
    assert found is not None and found.place.country_code == "PE"


def test_dateline_capital_is_the_likely_country(gaz: Gazetteer) -> None:
    found = place_of("LA PAZ, 4 JUN 89 -- [TEXT] A DYNAMITE CHARGE DAMAGED A POWER PYLON.", gaz)
    assert found is not None and found.place.country_code == "BO"


def test_all_caps_common_words_are_not_us_places(gaz: Gazetteer) -> None:
    text = "BOGOTA, 2 MAY 90 -- [TEXT] THE JUSTICE MINISTER SPOKE DOWNTOWN ABOUT THE ATTACKS."
    places = find_places(text, gaz)
    resolve_text(places)
    assert [m.surface for m in places.mentions] == ["BOGOTA"]
    assert places.mentions[0].best is not None and places.mentions[0].best.country_code == "CO"


def test_actor_cue_places_an_event_with_no_known_place(gaz: Gazetteer) -> None:
    assert [c.country_code for _, c in find_cues("the OSCE SMM observed")] == ["UA"]
    found = place_of("On 3 May, the OSCE SMM observed 12 explosions near Zzzivka.", gaz)
    assert found is not None and found.place.country_code == "UA"
    assert found.place.kind == "admin1" and found.geo_precision == 3


def test_cue_unit_named_in_the_text_is_preferred(gaz: Gazetteer) -> None:
    found = place_of("The OSCE SMM recorded shelling near Zzzivka, Luhansk.", gaz)
    assert found is not None and found.place.admin1 == "Luhansk"


def test_country_used_as_modifier_is_not_the_place(gaz: Gazetteer) -> None:
    found = place_of(
        "Residents rallied outside a hotel in Kilkis against migrants from Afghanistan.", gaz
    )
    assert found is not None and found.place.country_code == "GR"


def test_container_breaks_a_tie_between_homonyms(gaz: Gazetteer) -> None:
    found = place_of("Mortar rounds fell on Bara in Idleb on Tuesday.", gaz)
    assert found is not None and found.place.country_code == "SY"


def test_led_demonym_is_not_context(gaz: Gazetteer) -> None:
    places = find_places("Saudi-led coalition airstrikes hit a farm in Sirwah.", gaz)
    assert "SA" not in places.demonym_countries
    resolve_text(places)
    found = choose_place(places, [(0, 60)], gaz)
    assert found is not None and found.place.country_code == "YE"


def test_name_found_only_abroad_is_respelled_inside_the_main_country(gaz: Gazetteer) -> None:
    assert {p.country_code for p in gaz.candidates("troitskoye")} == {"RU"}
    places = find_places("Shelling hit Troitskoye near Donetsk, Ukraine, on Monday.", gaz)
    resolve_text(places)
    first = places.mentions[0]
    assert first.surface == "Troitskoye" and first.fuzzy
    assert first.best is not None and first.best.country_code == "UA"
