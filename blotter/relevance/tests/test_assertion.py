"""News relevance: an event is a current, specific act told as having happened.

Fixtures are written here (wire-style texts in the form of a dateline report,
no dev data): an incident dated months before the report's own dateline is
background, a habitual statement or a demand to stop is no event, an accident
is no one's act, and a fresh incident still is an event.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from blotter.document import Article
from blotter.lang import load_locale
from blotter.lang.lexicon import ACT_GROUPS, STRONG_GROUPS, cue_lexicon
from blotter.pipeline import Pipeline
from blotter.relevance.assertion import drop_mishap_outcomes, habitual, unasserted
from blotter.settings import Settings
from blotter.stages.detect import detect_patterns

#: A wire report with no metadata date: its dateline says 3 Jan 1990.
DATELINE = "SAN SALVADOR, 3 JAN 90 (RADIO CADENA) -- [TEXT] "


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings({"geocode": False}))


def extract(pipeline: Pipeline, text: str, published: date | None = None) -> list[dict[str, Any]]:
    """Every event of *text* (current and background)."""
    (result,) = pipeline.extract_articles([Article("t", text, published)])
    assert result.error is None
    return result.events


def current(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if not e["is_background"]]


def test_an_incident_months_before_the_dateline_is_background(pipeline: Pipeline) -> None:
    text = (
        DATELINE + "THE GOVERNMENT TODAY OPENED TALKS WITH THE OPPOSITION PARTIES.  "
        "ON 12 JUNE 1989 GUERRILLAS KILLED FIVE PEASANTS IN A VILLAGE OF MORAZAN."
    )
    events = extract(pipeline, text)  # no metadata: the dateline is the report's date
    assert events and not current(events)
    assert all(e["is_background"] for e in events)


def test_a_fresh_incident_under_the_same_dateline_is_current(pipeline: Pipeline) -> None:
    text = DATELINE + "GUERRILLAS KILLED FIVE PEASANTS YESTERDAY IN A VILLAGE OF MORAZAN."
    events = current(extract(pipeline, text))
    assert len(events) == 1
    assert events[0]["event_date"] == "1990-01-02"  # "yesterday" of the dateline's date
    assert events[0]["fatalities"]["best"] == 5


def test_an_incident_of_the_reports_own_month_is_current(pipeline: Pipeline) -> None:
    published = date(2018, 7, 15)
    july = "In July, gunmen killed five herders in Baringo."
    this_month = current(extract(pipeline, july, published))
    assert len(this_month) == 1
    # the month is known, the day no better than the report's
    assert (this_month[0]["event_date"], this_month[0]["time_precision"]) == ("2018-07-15", 3)
    last_month = extract(pipeline, "In June, gunmen killed five herders in Baringo.", published)
    assert last_month and not current(last_month)


def test_a_short_report_background_only_by_a_party_is_its_event(pipeline: Pipeline) -> None:
    published = date(2017, 3, 20)
    party = "A man suspected of being a thief was lynched by residents in Nyeri."
    assert len(current(extract(pipeline, party, published))) == 1
    past = "A man was lynched by residents in Nyeri years ago."
    events = extract(pipeline, past, published)
    assert events and not current(events)
    # in a long article the same sentence is its background, not its event
    article = party + " The county assembly met on Monday to debate the budget." * 12
    events = extract(pipeline, article, published)
    assert events and not current(events)


def test_the_victims_own_investigation_is_no_legal_statement(pipeline: Pipeline) -> None:
    text = "Armed gang kills police investigating gun runners in Nairobi"
    assert len(current(extract(pipeline, text, date(2009, 7, 15)))) == 1


def test_a_gunbattle_is_a_clash(pipeline: Pipeline) -> None:
    text = "Gunbattle between police and militia at a border town"
    (event,) = current(extract(pipeline, text, date(2009, 7, 15)))
    assert event["event_type"] == "Battles"


@pytest.mark.parametrize(
    "sentence",
    [
        "Bombings and murders have been part of the armed conflict for a decade.",
        "Guerrilla attacks on the power grid are part of the low-intensity war.",
        "Terrorist acts such as kidnappings and bombings are condemned by the church.",
        "The killings of the dirty war have claimed thousands of lives.",
    ],
)
def test_a_habitual_statement_is_no_event(pipeline: Pipeline, sentence: str) -> None:
    hits = cue_lexicon().find(sentence)
    assert any(g in hits for g in STRONG_GROUPS)  # it names acts: only the rule keeps it out
    assert not current(extract(pipeline, sentence, date(1990, 1, 3)))


@pytest.mark.parametrize(
    "sentence",
    [
        "The rebels must cease the attacks on public transport.",
        "The guerrillas promise to refrain from attacks against the leaders.",
        "The front demands an end to the bombings of the power lines.",
    ],
)
def test_a_demand_to_stop_an_act_is_no_event(pipeline: Pipeline, sentence: str) -> None:
    hits = cue_lexicon().find(sentence)
    assert any(g in hits for g in STRONG_GROUPS)
    assert not current(extract(pipeline, sentence, date(1990, 1, 3)))


def test_an_accident_is_no_ones_act(pipeline: Pipeline) -> None:
    text = (
        "A cargo plane crashed into a residential area, destroying several homes "
        "and killing 17 people."
    )
    assert not current(extract(pipeline, text, date(1990, 5, 6)))


def test_an_act_told_before_an_accident_is_still_an_event(pipeline: Pipeline) -> None:
    text = "Police shot dead a volunteer who was helping the victims of a road accident."
    assert current(extract(pipeline, text, date(1990, 5, 6)))


def test_a_dated_attack_beside_a_habitual_word_is_still_an_event(pipeline: Pipeline) -> None:
    text = "In the war's worst week, gunmen killed three judges in Medellin on 2 January."
    events = current(extract(pipeline, text, date(1990, 1, 3)))
    assert len(events) == 1 and events[0]["fatalities"]["best"] == 3


def test_a_bomb_blast_after_a_gunfight_is_not_an_accident(pipeline: Pipeline) -> None:
    text = "Gunmen opened fire on the bus and a bomb exploded, killing 12 passengers."
    assert current(extract(pipeline, text, date(1990, 1, 3)))


def test_unasserted_reads_the_modal_before_the_act() -> None:
    lexicon = cue_lexicon()
    stop = lexicon.find("The rebels must cease the attacks.")
    after = lexicon.find("Rebels attacked the town to halt the elections.")
    truce = lexicon.find("A truce was signed to put an end to raiding.")
    assert unasserted(stop, STRONG_GROUPS, ACT_GROUPS, counted=False)
    assert not unasserted(after, STRONG_GROUPS, ACT_GROUPS, counted=False)
    assert not unasserted(truce, STRONG_GROUPS, ACT_GROUPS, counted=False)  # the truce is told
    resumed = lexicon.find(
        "Following the suspension of the truce, the guerrillas blew up the power grid."
    )
    assert not unasserted(resumed, STRONG_GROUPS, ACT_GROUPS, counted=False)
    assert not unasserted(stop, STRONG_GROUPS, ACT_GROUPS, counted=True)  # a count is a fact


def test_habitual_needs_no_count_and_no_date() -> None:
    hits = cue_lexicon().find("The violence that has claimed thousands of lives.")
    assert habitual(hits, counted=False, explicit_date=False, any_date=False)
    assert not habitual(hits, counted=True, explicit_date=False, any_date=False)
    assert not habitual(hits, counted=False, explicit_date=False, any_date=True)


def test_mishap_outcomes_are_dropped_but_deliberate_acts_kept() -> None:
    lexicon = cue_lexicon()
    crash = lexicon.find("The plane crashed into homes, killing 17 people.")
    drop_mishap_outcomes(crash)
    assert "attack" not in crash
    kidnap = lexicon.find("After the accident, gunmen kidnapped the driver.")
    drop_mishap_outcomes(kidnap)
    assert "kidnap" in kidnap
    before = lexicon.find("Residents killed a driver who had caused an accident.")
    drop_mishap_outcomes(before)
    assert "attack" in before  # the killing is told before the accident


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("en", "Five people were killed on Saturday when a fire broke out in a nightclub."),
        ("en", "Two men were killed in a plane crash near the airport."),
    ],
)
def test_an_act_linked_to_the_mishap_after_it_is_its_outcome(code: str, text: str) -> None:
    loc = load_locale(code)
    hits = cue_lexicon(loc).find(text)
    assert "attack" in hits  # the words of a killing are there ...
    drop_mishap_outcomes(hits, text, 0, detect_patterns(loc).mishap_cause)
    assert "attack" not in hits  # ... but they tell what the fire or the crash did


def test_an_act_not_linked_to_the_mishap_stays() -> None:
    text = "Residents killed a driver who had caused an accident."
    hits = cue_lexicon().find(text)
    drop_mishap_outcomes(hits, text, 0, detect_patterns(load_locale("en")).mishap_cause)
    assert "attack" in hits


@pytest.mark.parametrize("code", ["en", "es"])
def test_every_pack_has_the_relevance_groups(code: str) -> None:
    cues = load_locale(code).cues
    for group in ("cessation", "habitual", "mishap"):
        assert cues.get(group), f"{code} pack lacks {group}"


def test_fire_aimed_at_people_is_gunfire_and_mortar_fire_is_shelling(pipeline: Pipeline) -> None:
    gunmen = "Three gunmen began firing at two policemen in Medellin, killing them."
    mortars = "Rebels fired mortars at the army barracks in Medellin."
    (shot,) = current(extract(pipeline, gunmen, date(1990, 1, 3)))
    (shelled,) = current(extract(pipeline, mortars, date(1990, 1, 3)))
    assert shot["sub_event_type"] != "Shelling/artillery/missile attack"
    assert shot["event_type"] in ("Battles", "Violence against civilians")
    assert shelled["sub_event_type"] == "Shelling/artillery/missile attack"
