"""An article that runs past `record_time_budget` in a single-process ingest is
quarantined with that reason; the other articles of its batch are extracted."""

from __future__ import annotations

import json
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from blotter.document import Article as DocArticle
from blotter.ingest.commands import run_ingest
from blotter.pipeline import Pipeline, Result
from blotter.settings import Settings
from blotter.store.database import open_engine
from blotter.store.models import Article, Failure

#: The stall lasts far longer than the budget; the budget is far above a normal article.
STALL_SECONDS = 600
BUDGET = 5.0


class _Stalls:
    """The real pipeline, except that it hangs (in Python) on an article saying STALL."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline = Pipeline.from_settings(settings)

    def extract_articles(self, articles: list[DocArticle]) -> list[Result]:
        if any("STALL" in a.text for a in articles):
            time.sleep(STALL_SECONDS)
        return self.pipeline.extract_articles(articles)


def test_an_article_over_its_time_budget_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    texts = [f"Gunmen killed {n} soldiers in Ruvaka on Tuesday, officials said."
             for n in ("two", "three", "four")]
    texts[1] += " STALL"
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": t}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    settings = Settings().replace(geocode=False, record_time_budget=BUDGET)
    counts = run_ingest([str(path)], settings, db, pipeline_factory=_Stalls)
    assert counts.extracted == 2 and counts.failures == 1
    engine = open_engine(db)
    with Session(engine) as s:
        [failure] = s.scalars(select(Failure)).all()
        statuses = {loc: st for loc, st in s.execute(select(Article.locator, Article.status))}
    engine.dispose()
    assert failure.locator.endswith("#r1") and "record_time_budget" in failure.error
    assert sorted(statuses.values()) == ["extracted", "extracted", "failed"]
