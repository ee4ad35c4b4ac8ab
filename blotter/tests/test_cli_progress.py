"""Progress bars on a terminal (FORCE_COLOR makes rich treat the output as one), none
with --quiet; `eval`'s progress path scores exactly what the plain path scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blotter.cli import app

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles.jsonl"
#: ACLED gold keys (shared/evaldata/README.md); None: not coded.
ACLED_KEYS = ("event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
              "assoc_actor_2", "inter2", "country", "iso3", "admin1", "admin2", "admin3",
              "location", "latitude", "longitude", "geo_precision", "event_date",
              "time_precision", "fatalities")


def _gold_event(**values: object) -> dict[str, object]:
    """A gold event with every ACLED key, None where not given."""
    return {key: values.get(key) for key in ACLED_KEYS}


GOLD = [
    {"id": "g1", "source": "acled", "published": "2024-03-11",
     "text": "On 10 March 2024, gunmen killed 11 villagers in Dori, Burkina Faso.",
     "events": [_gold_event(event_type="Violence against civilians", sub_event_type="Attack",
                            country="Burkina Faso", location="Dori", event_date="2024-03-10",
                            fatalities=11)]},
    {"id": "g2", "source": "acled", "published": "2024-03-14",
     "text": "On 13 March 2024, hundreds protested fuel prices in Basra, Iraq.",
     "events": [_gold_event(event_type="Protests", sub_event_type="Peaceful protest",
                            country="Iraq", location="Basra", event_date="2024-03-13",
                            fatalities=0)]},
]


def test_ingest_shows_a_bar_on_a_terminal_and_nothing_when_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    runner = CliRunner()
    loud = runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(tmp_path / "a.sqlite")])
    assert loud.exit_code == 1 and "ingesting" in loud.output and "stored" in loud.output
    quiet = runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(tmp_path / "b.sqlite"),
                                "-q"])
    assert quiet.exit_code == 1
    assert "ingesting" not in quiet.output and "stored" not in quiet.output


def test_eval_progress_path_scores_like_the_plain_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(app, ["eval", str(gold), "--json", str(tmp_path / "plain.json")])
    assert plain.exit_code == 0, plain.output
    monkeypatch.setenv("FORCE_COLOR", "1")
    bar = runner.invoke(app, ["eval", str(gold), "--json", str(tmp_path / "bar.json")])
    assert bar.exit_code == 0, bar.output
    assert "evaluating" in bar.output and "evaluating" not in plain.output
    assert json.loads((tmp_path / "bar.json").read_text("utf-8")) == json.loads(
        (tmp_path / "plain.json").read_text("utf-8"))
