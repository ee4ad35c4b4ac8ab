"""End-to-end ingest into SQLite and PostgreSQL: mixed folder, dedup, idempotence, quarantine."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from blotter.document import Document
from blotter.ingest.commands import failure_lines, run_ingest, run_retry
from blotter.ingest.tests.samples import (
    GERMAN_STORY,
    SECOND_STORY,
    SPANISH_STORY,
    STORY,
    as_html,
    news_page,
    rss_feed,
    write_warc,
)
from blotter.pipeline import Pipeline, build_stages
from blotter.settings import Settings
from blotter.store.database import open_engine
from blotter.store.models import Article, Event, EvidenceSpan, Failure, Run

SETTINGS = Settings().replace(geocode=False, batch_size=3)

THIRD_STORY = [
    "A roadside bomb exploded under a bus carrying farm workers on Thursday, killing six "
    "people and injuring nine, provincial police said.",
    "The device was detonated as the bus passed a checkpoint on the outskirts of the "
    "market town, according to a police spokesman.",
]


def mixed_folder(root: Path) -> Path:
    """HTML pages (one a syndicated copy), a WARC, a feed, text files and a JSONL file."""
    folder = root / "news"
    folder.mkdir()
    (folder / "ambush.html").write_text(
        news_page("Four soldiers killed in convoy ambush", STORY), encoding="utf-8"
    )
    (folder / "syndicated-ambush.html").write_text(
        news_page(
            "Army convoy ambushed near Ruvaka, four dead",
            [*STORY, "Reporting by the Courier wire service; editing by staff."],
            site="Evening Gazette",
        ),
        encoding="utf-8",
    )
    write_warc(
        folder / "crawl.warc.gz",
        [
            (
                "https://courier.example/protest",
                "2024-03-10T07:00:00Z",
                news_page(
                    "Arrests at fuel protest", SECOND_STORY, published="2024-03-09T20:00:00Z"
                ),
            ),
            # The same page as ambush.html, captured by a crawler: an exact duplicate.
            (
                "https://courier.example/ambush",
                "2024-03-12T12:00:00Z",
                news_page("Four soldiers killed in convoy ambush", STORY),
            ),
        ],
    )
    (folder / "feed.rss").write_text(
        rss_feed(
            [
                {
                    "title": "Bus bombing",
                    "link": "https://courier.example/bus",
                    "date": "Thu, 07 Mar 2024 16:00:00 GMT",
                    "html": as_html(THIRD_STORY),
                },
            ]
        ),
        encoding="utf-8",
    )
    (folder / "spanish.txt").write_text(SPANISH_STORY, encoding="utf-8")
    (folder / "german.txt").write_text(GERMAN_STORY, encoding="utf-8")
    (folder / "notes.jsonl").write_text(
        json.dumps(
            {
                "id": "wire-1",
                "published": "2024-03-05",
                "text": "Unidentified gunmen shot dead two traders at a cattle market in the north "
                "of the province on Monday, witnesses said.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    return folder


def _count(session: Session, model: type, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_mixed_folder_stored_once_with_dates_and_events(db_url: str, tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    counts = run_ingest([str(folder)], SETTINGS, db_url)
    assert counts.failures == 0
    engine = open_engine(db_url)
    with Session(engine) as s:
        articles = {a.locator: a for a in s.scalars(select(Article))}
        assert len(articles) == 8
        canonical = [a for a in articles.values() if a.canonical_id is None]
        assert len(canonical) == 6  # ambush, protest, bus, spanish, german, wire-1
        ambush = articles[str((folder / "ambush.html").resolve())]
        assert ambush.published == date(2024, 3, 12) and ambush.status == "extracted"
        assert ambush.source is not None and ambush.source.name == "The Daily Courier"
        synd = articles[str((folder / "syndicated-ambush.html").resolve())]
        assert synd.canonical_id == ambush.id and synd.duplicate_kind == "near"
        crawled = articles["https://courier.example/ambush @ 2024-03-12T12:00:00Z"]
        assert crawled.canonical_id == ambush.id and crawled.duplicate_kind == "exact"
        protest = articles["https://courier.example/protest @ 2024-03-10T07:00:00Z"]
        assert protest.published == date(2024, 3, 9) and protest.fetched is not None
        bus = articles["https://courier.example/bus"]
        assert bus.published == date(2024, 3, 7) and bus.kind == "feed"
        spanish = articles[str((folder / "spanish.txt").resolve())]
        # Spanish has a pack: detected and extracted ("mataron a tres agentes").
        assert spanish.language == "es" and spanish.status == "extracted"
        assert not any("no language pack" in w for w in spanish.warnings)
        german = articles[str((folder / "german.txt").resolve())]
        assert german.language == "de" and german.status == "skipped"
        assert any("no language pack for 'de'" in w for w in german.warnings)
        wire = next(a for a in articles.values() if a.kind == "jsonl")
        assert wire.published == date(2024, 3, 5)
        # Events only for canonical English articles, each with the run and evidence.
        event_articles = set(s.scalars(select(Event.article_id)))
        assert ambush.id in event_articles and bus.id in event_articles
        assert synd.id not in event_articles and german.id not in event_articles
        assert spanish.id in event_articles
        killed = s.scalars(select(Event).where(Event.article_id == spanish.id)).first()
        assert killed is not None and killed.fatalities_best == 3
        run = s.scalars(select(Run)).one()
        assert run.extractor_version and run.settings["batch_size"] == 3
        assert _count(s, Event, Event.run_id != run.id) == 0
        assert _count(s, EvidenceSpan) > 0
        fatal = s.scalars(
            select(Event).where(Event.article_id == ambush.id, Event.fatalities_best == 4)
        ).first()
        assert fatal is not None and fatal.event_type
        events_before = _count(s, Event)
    # Re-ingesting the same input adds nothing.
    again = run_ingest([str(folder)], SETTINGS, db_url)
    assert again.already_stored == 8 and again.articles == 0
    with Session(engine) as s:
        assert _count(s, Article) == 8 and _count(s, Event) == events_before
    engine.dispose()


def test_bad_page_is_quarantined_and_retried(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.html").write_text(news_page("Ambush", STORY), encoding="utf-8")
    bad = folder / "bad.html"
    bad.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    (folder / "tiny.txt").write_text("too short", encoding="utf-8")
    counts = run_ingest([str(folder)], SETTINGS, db_url)
    assert counts.failures == 2 and counts.articles == 1
    lines = failure_lines(db_url)
    assert len(lines) == 2 and any("no main text" in line for line in lines)
    # Fix the page; retry stores it and resolves its entry, the short text stays failing.
    bad.write_text(news_page("Fuel protest arrests", SECOND_STORY), encoding="utf-8")
    resolved, remaining = run_retry(SETTINGS, db_url)
    assert resolved == 1 and remaining == 1
    [line] = failure_lines(db_url)
    assert "tiny" in line
    engine = open_engine(db_url)
    with Session(engine) as s:
        assert _count(s, Article) == 2
        tiny = s.scalars(select(Failure).where(Failure.locator.contains("tiny"))).one()
        assert tiny.attempts == 2
    engine.dispose()


class _Exploding:
    """A stage that crashes on articles mentioning a bridge."""

    name = "explode"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def process(self, docs: list[Document]) -> list[Document]:
        if any("bridge" in d.text for d in docs):
            raise RuntimeError("boom")
        return docs


def _crashing_pipeline(settings: Settings) -> Pipeline:
    return Pipeline([_Exploding(), *build_stages(settings)], settings["batch_size"])


def test_extraction_crash_is_quarantined_and_retried(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(news_page("Ambush", STORY), encoding="utf-8")
    (folder / "b.html").write_text(news_page("Protest", SECOND_STORY), encoding="utf-8")
    counts = run_ingest([str(folder)], SETTINGS, db_url, pipeline_factory=_crashing_pipeline)
    assert counts.failures == 1 and counts.extracted == 1
    [line] = failure_lines(db_url)
    assert "\textract\t" in line and "boom" in line
    resolved, remaining = run_retry(SETTINGS, db_url)
    assert (resolved, remaining) == (1, 0)
    engine = open_engine(db_url)
    with Session(engine) as s:
        assert set(s.scalars(select(Article.status))) == {"extracted"}
        assert _count(s, Event) >= 2
    engine.dispose()


@pytest.mark.parametrize("name", ["missing-dir"])
def test_missing_input_is_a_failure_not_a_crash(db_url: str, tmp_path: Path, name: str) -> None:
    counts = run_ingest([str(tmp_path / name)], SETTINGS, db_url)
    assert counts.failures == 1
    assert "no such file" in failure_lines(db_url)[0]


def _event_rows(db_url: str) -> list[tuple[Any, ...]]:
    engine = open_engine(db_url)
    with Session(engine) as s:
        rows = s.execute(
            select(Article.locator, Event.position, Event.sub_event_type, Event.fatalities_best)
            .join(Article, Event.article_id == Article.id)
            .order_by(Article.locator, Event.position)
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]


@pytest.mark.slow
def test_workers_store_the_same_events_as_one_process(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    one, two = f"sqlite:///{tmp_path / 'one.sqlite'}", f"sqlite:///{tmp_path / 'two.sqlite'}"
    run_ingest([str(folder)], SETTINGS, one)
    counts = run_ingest([str(folder)], SETTINGS, two, workers=2)
    assert counts.failures == 0 and counts.events > 0
    assert _event_rows(two) == _event_rows(one)


def test_hostile_fields_are_stored_as_data(db_url: str, tmp_path: Path) -> None:
    """SQL in a field is text, not a statement; scripts never reach the article text."""
    hostile_title = "Robert'); DROP TABLE articles; --"
    (tmp_path / "in.jsonl").write_text(
        json.dumps(
            {
                "id": "x'; DELETE FROM events; --",
                "title": hostile_title,
                "published": "2024-03-05",
                "text": "Gunmen shot dead two traders at a cattle market on Monday, police said.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    page = news_page("Attack <script>alert(1)</script>", STORY)
    page = page.replace(
        "</body>", "<script>document.write('Gunmen killed 99 people');</script></body>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    counts = run_ingest([str(tmp_path)], SETTINGS, db_url)
    assert counts.failures == 0
    engine = open_engine(db_url)
    with Session(engine) as s:
        titles = set(s.scalars(select(Article.title)))
        assert hostile_title in titles
        texts = list(s.scalars(select(Article.text)))
        assert texts and all("document.write" not in t and "99 people" not in t for t in texts)
        assert _count(s, Event) > 0
    engine.dispose()
