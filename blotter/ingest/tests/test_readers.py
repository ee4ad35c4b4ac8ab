"""Readers, cleaning, language and dedup on small inputs written here (no database)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from blotter.ingest.cleaning import clean_text
from blotter.ingest.dedup import DuplicateIndex, from_bytes, minhash, text_hash, to_bytes
from blotter.ingest.feeds import read_feed
from blotter.ingest.language import detect_language, is_extractable
from blotter.ingest.readers import read_inputs
from blotter.ingest.tests.samples import (
    SECOND_STORY,
    SPANISH_STORY,
    STORY,
    as_html,
    news_page,
    rss_feed,
    write_warc,
)
from blotter.ingest.warc_files import read_warc

LIMITS = (2_000_000, 20)


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "ambush.html"
    page.write_text(news_page("Four soldiers killed in convoy ambush", STORY), encoding="utf-8")
    [item] = list(read_inputs([str(page)], LIMITS))
    assert item.error is None and item.text is not None
    assert STORY[0] in item.text and STORY[-1] in item.text
    for chrome in (
        "Subscribe now",
        "SkyCheap",
        "Related posts",
        "gadgets",
        "reader42",
        "Copyright",
        "Cookie",
    ):
        assert chrome not in item.text, chrome
    assert item.title == "Four soldiers killed in convoy ambush"
    assert item.author == "Amina Diallo"
    assert item.published == date(2024, 3, 12)
    assert item.source_name == "The Daily Courier"
    assert item.locator == str(page.resolve())


def test_html_without_main_text_is_a_failed_item(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_bytes(b"<html><body><script>var menu = 1;</script></body></html>")
    [item] = list(read_inputs([str(page)], LIMITS))
    assert item.text is None
    assert item.stage == "parse" and "no main text" in (item.error or "")


def test_warc_streams_html_responses_with_capture_date(tmp_path: Path) -> None:
    for gzip in (True, False):
        warc = tmp_path / ("a.warc.gz" if gzip else "a.warc")
        write_warc(
            warc,
            [
                ("https://courier.example/1", "2024-03-13T10:00:00Z", news_page("Ambush", STORY)),
                (
                    "https://courier.example/2",
                    "2024-03-14T11:00:00Z",
                    news_page("Arrests at fuel protest", SECOND_STORY, published="2024-03-09"),
                ),
            ],
            gzip=gzip,
        )
        items = list(read_warc(warc))
        assert [i.url for i in items] == ["https://courier.example/1", "https://courier.example/2"]
        assert all(i.error is None for i in items)
        assert items[0].fetched is not None and items[0].fetched.isoformat().startswith(
            "2024-03-13T10:00"
        )
        assert items[1].published == date(2024, 3, 9)
        assert SECOND_STORY[0] in (items[1].text or "")


def test_truncated_warc_keeps_complete_records_and_reports_the_rest(tmp_path: Path) -> None:
    for gzip in (True, False):
        warc = tmp_path / ("t.warc.gz" if gzip else "t.warc")
        write_warc(
            warc,
            [
                ("https://courier.example/1", "2024-03-13T10:00:00Z", news_page("Ambush", STORY)),
                (
                    "https://courier.example/2",
                    "2024-03-14T11:00:00Z",
                    news_page("Protest", SECOND_STORY),
                ),
            ],
            gzip=gzip,
        )
        data = warc.read_bytes()
        # Cut inside the second response record.
        cut = data.index(b"courier.example/2") + 400 if not gzip else int(len(data) * 0.6)
        warc.write_bytes(data[:cut])
        items = list(read_warc(warc))
        assert items[0].error is None and items[0].url == "https://courier.example/1"
        assert items[-1].error is not None and "truncated" in items[-1].error.lower()
        assert sum(i.error is None for i in items) == 1


def test_feed_entries_become_articles_without_fetching() -> None:
    feed = rss_feed(
        [
            {
                "title": "Ambush",
                "link": "https://courier.example/1",
                "date": "Tue, 12 Mar 2024 09:00:00 GMT",
                "html": as_html(STORY),
            },
            {
                "title": "Protest",
                "link": "https://courier.example/2",
                "date": "Sat, 09 Mar 2024 18:00:00 GMT",
                "html": as_html(SECOND_STORY),
            },
        ]
    )
    items = list(read_feed(feed.encode(), "feed.xml"))
    assert [i.locator for i in items] == ["https://courier.example/1", "https://courier.example/2"]
    assert items[0].published == date(2024, 3, 12)
    assert items[0].source_name == "Courier World News"
    assert STORY[1] in (items[0].text or "") and "<p>" not in (items[0].text or "")


def test_broken_feed_is_a_failed_item() -> None:
    [item] = list(read_feed(b"<rss><channel><title>x</title", "bad.rss"))
    assert item.error is not None and item.stage == "parse"


def test_cleaning_normalises_layout() -> None:
    assert clean_text("a\u200b b  c \r\n\r\n\r\n\r\nd\u00ad e ") == "a b c\n\nd e"


def test_language_detection() -> None:
    assert detect_language(" ".join(STORY)) == "en"
    assert detect_language(SPANISH_STORY) == "es"
    assert detect_language("short") is None
    # short English news is often scored as Nigerian Pidgin first; English still wins
    kaduna = (
        "Unidentified gunmen shot dead a shopkeeper in Kaduna, Nigeria, on Tuesday, police said."
    )
    assert detect_language(kaduna) == "en"
    assert is_extractable("en") and is_extractable("es") and is_extractable(None)
    assert not is_extractable("de")


def test_exact_and_near_duplicates() -> None:
    index = DuplicateIndex(threshold=0.8)
    original = "Four soldiers killed\n" + "\n".join(STORY)
    index.add(text_hash(original), minhash(original))
    layout_copy = "FOUR SOLDIERS KILLED  " + "  ".join(STORY)
    match = index.match(text_hash(layout_copy), minhash(layout_copy))
    assert match is not None and match.kind == "exact"
    syndicated = (
        "Army convoy ambushed, four dead\n"
        + "\n".join(STORY)
        + "\nThis article was first published by the Courier wire service."
    )
    match = index.match(text_hash(syndicated), minhash(syndicated))
    assert match is not None and match.kind == "near" and match.similarity >= 0.8
    other = "\n".join(SECOND_STORY)
    assert index.match(text_hash(other), minhash(other)) is None
    # Stored signatures round-trip.
    restored = from_bytes(to_bytes(minhash(original)))
    assert restored.jaccard(minhash(original)) == 1.0
