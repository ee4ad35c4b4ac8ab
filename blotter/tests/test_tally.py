"""Tallies (blotter/stages/tally.py): the period rule, the fixed confidence,
and the English pack's waves and running tolls."""

from __future__ import annotations

from datetime import date, timedelta

from blotter.document import Article
from blotter.fields.dates import MONTH, YEAR_ONLY_NOTE, DateRef
from blotter.pipeline import Pipeline
from blotter.relevance.confidence import TALLY_CONFIDENCE, Evidence, score
from blotter.settings import Settings
from blotter.stages.tally import TALLY_RECENT_DAYS, period_end, recent


def test_a_period_runs_to_its_last_day_and_a_bare_year_to_december() -> None:
    april = DateRef(0, 5, date(2022, 4, 1), MONTH, True)
    assert period_end(april) == date(2022, 4, 30)
    year = DateRef(0, 4, date(2022, 1, 1), MONTH, True, YEAR_ONLY_NOTE)
    assert period_end(year) == date(2022, 12, 31)
    assert recent(april, date(2022, 5, 2)) and recent(year, date(2022, 6, 1))
    assert not recent(april, date(2022, 4, 30) + timedelta(days=TALLY_RECENT_DAYS + 1))
    assert recent(april, date(2022, 4, 30) + timedelta(days=TALLY_RECENT_DAYS))
    assert not recent(year, date(2023, 3, 1))
    assert recent(None, date(2022, 5, 2))


def test_a_tally_scores_its_fixed_confidence_whatever_else_it_shows() -> None:
    rich = Evidence(specific_trigger=True, count=True, place=True, dated=True, armed_actor=True)
    assert score(rich) > 0.9
    assert score(Evidence(specific_trigger=True, count=True, place=True, dated=True,
                          armed_actor=True, tally=True)) == TALLY_CONFIDENCE


def test_english_running_toll_and_wave() -> None:
    pipeline = Pipeline.from_settings(Settings())
    texts = [
        "Monterrey passes 600 homicides so far this year",
        "Veracruz port suffers a new wave of killings",
        "Hawks extend their run to nine wins so far this year",
    ]
    articles = [Article(str(i), t, date(2021, 9, 2), language="en") for i, t in enumerate(texts)]
    toll, wave, sport = (r.events for r in pipeline.extract_articles(articles))
    for (event,) in (toll, wave):
        assert event["confidence"] == TALLY_CONFIDENCE
        assert event["fatalities"]["best"] is None
        assert event["location"]["country_code"] == "MX"
    assert toll[0]["location"]["admin1"] == "Nuevo Leon"
    assert sport == []
