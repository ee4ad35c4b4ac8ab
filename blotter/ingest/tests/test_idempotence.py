"""Re-runs store only what is new, `retry` re-reads a corrected input, an old store is
fused on upgrade, and no password is kept in the store or shown in errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from blotter.document import Article as DocArticle
from blotter.ingest.commands import run_ingest, run_retry
from blotter.pipeline import Pipeline, Result
from blotter.settings import Settings
from blotter.store import repository as repo
from blotter.store.database import StoreError, alembic_config, make_engine, open_engine
from blotter.store.models import Article, Event, Failure, FusedEvent, FusedReport, Run

SETTINGS = Settings().replace(geocode=False, batch_size=3)
TEXT = ("Gunmen killed {n} soldiers in an ambush near Ruvaka on 12 March 2024, officials "
        "said. Report {i}: the attack on the post lasted hours, a district source said.")


def _line(i: int, text: str | None = None) -> str:
    return json.dumps({"id": f"r{i}", "published": "2024-03-13",
                       "text": text or TEXT.format(n=i + 2, i=i)})


def _count(db: str, model: type) -> int:
    engine = open_engine(db)
    with Session(engine) as s:
        n = int(s.scalar(select(func.count()).select_from(model)) or 0)
    engine.dispose()
    return n


def test_a_new_line_at_the_top_stores_only_that_line(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(_line(i) for i in range(1, 6)) + "\n", encoding="utf-8")
    assert run_ingest([str(path)], SETTINGS, db_url).articles == 5
    path.write_text("\n".join(_line(i) for i in range(0, 6)) + "\n", encoding="utf-8")
    again = run_ingest([str(path)], SETTINGS, db_url)
    assert again.articles == 1 and again.already_stored == 5
    assert _count(db_url, Article) == 6


class _FailsOnPoison:
    """The real pipeline, except that articles containing POISON fail."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline = Pipeline.from_settings(settings)

    def extract_articles(self, articles: list[DocArticle]) -> list[Result]:
        good = [a for a in articles if "POISON" not in a.text]
        results = {r.id: r for r in self.pipeline.extract_articles(good)} if good else {}
        return [results.get(a.id) or Result(a.id, error="extraction failed: poison")
                for a in articles]


def test_retry_reads_a_corrected_input_again(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    bad = TEXT.format(n=4, i=9) + " POISON"
    path.write_text(_line(1) + "\n" + _line(9, bad) + "\n", encoding="utf-8")
    counts = run_ingest([str(path)], SETTINGS, db_url, pipeline_factory=_FailsOnPoison)
    assert counts.failures == 1
    # The input is corrected; retry must read it, not re-extract the stored text.
    path.write_text(_line(1) + "\n" + _line(9) + "\n", encoding="utf-8")
    resolved, remaining = run_retry(SETTINGS, db_url, pipeline_factory=_FailsOnPoison)
    assert (resolved, remaining) == (1, 0)
    engine = open_engine(db_url)
    with Session(engine) as s:
        row = s.scalars(select(Article).where(Article.locator.endswith("#r9"))).one()
        assert row.status == "extracted" and "POISON" not in row.text
        assert (s.scalar(select(func.count()).where(Event.article_id == row.id)) or 0) > 0
        assert s.scalar(select(func.count()).select_from(Failure)
                        .where(Failure.resolved.is_(None))) == 0
    engine.dispose()


def test_a_store_from_before_fusion_is_fused_on_upgrade(db_url: str, tmp_path: Path) -> None:
    # A 0001 store (no fusion tables) holding an extracted article and its event.
    engine = make_engine(db_url)
    cfg = alembic_config(db_url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    text = TEXT.format(n=4, i=1)
    [result] = Pipeline.from_settings(SETTINGS).extract_articles(
        [DocArticle(id="1", text=text, published=date(2024, 3, 13))])
    assert result.events
    with Session(engine) as s, s.begin():
        run = Run(command="ingest", started=repo.utcnow(), extractor_version="old",
                  settings={}, inputs=[])
        s.add(run)
        s.flush()
        article = Article(locator="old", origin="old", kind="text", text=text, text_hash="h",
                          status="extracted", published=date(2024, 3, 13), warnings=[],
                          run_id=run.id)
        s.add(article)
        s.flush()
        for position, record in enumerate(result.events):
            s.add(repo.event_row(record, run.id, article.id, position))
    engine.dispose()

    empty = tmp_path / "nothing"
    empty.mkdir()
    counts = run_ingest([str(empty)], SETTINGS, db_url)
    assert counts.fused_backlog == 1
    assert _count(db_url, FusedEvent) >= 1
    assert _count(db_url, FusedReport) == len(result.events)
    assert run_ingest([str(empty)], SETTINGS, db_url).fused_backlog == 0


def test_passwords_are_redacted(tmp_path: Path) -> None:
    url = "postgresql+psycopg://blotter:s3cret-pw@127.0.0.1:1/nowhere"
    with pytest.raises(StoreError) as info:
        open_engine(url)
    assert "s3cret-pw" not in str(info.value) and "***" in str(info.value)
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    folder = tmp_path / "empty"
    folder.mkdir()
    run_ingest([str(folder)], SETTINGS.replace(database_url=url), db)
    engine = open_engine(db)
    with Session(engine) as s:
        [stored] = s.scalars(select(Run.settings)).all()
    engine.dispose()
    assert "s3cret-pw" not in json.dumps(stored) and stored["database_url"].count("***") == 1
