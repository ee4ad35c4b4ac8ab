"""The README's Spanish example gives the record the README says it gives."""

from __future__ import annotations

import re
from pathlib import Path

from blotter.document import Article
from blotter.io.records import parse_published
from blotter.pipeline import Pipeline

README = Path(__file__).resolve().parents[4] / "README.md"


def test_the_readme_spanish_example(pipeline: Pipeline) -> None:
    readme = README.read_text("utf-8")
    found = re.search(r'"published": "([\d-]+)", "text": "(Hombres armados[^"]+)"', readme)
    assert found, "the README shows a Spanish example"
    article = Article("es-1", found.group(2), parse_published(found.group(1))[0])
    (result,) = pipeline.extract_articles([article])
    (event,) = [e for e in result.events if not e["is_background"]]
    assert (event["event_type"], event["sub_event_type"]) == ("Battles", "Armed clash")
    assert event["event_date"] == "2024-03-09"  # "la noche del sábado"
    assert event["actor1"]["name"] == "Jalisco New Generation Cartel"
    assert event["actor2"]["name"] == "Police Forces of Mexico"
    assert (event["fatalities"]["best"], event["injuries"]["best"]) == (3, 1)
    assert (event["location"]["admin1"], event["location"]["country"]) == ("Michoacan", "Mexico")
