"""Inputs that used to vanish or be garbled: each is stored right or reported."""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from blotter.ingest.feeds import read_feed
from blotter.ingest.readers import read_inputs
from blotter.ingest.tests.samples import SECOND_STORY, STORY, news_page, rss_feed, write_warc
from blotter.ingest.warc_files import MAX_PAYLOAD_BYTES, read_warc

LIMITS = (2_000_000, 20)


def test_feed_entries_sharing_a_link_are_all_kept() -> None:
    link = "https://courier.example/live"
    feed = rss_feed([
        {"title": "Update 1", "link": link, "date": "Tue, 12 Mar 2024 09:00:00 GMT",
         "html": "<p>" + STORY[0] + "</p>"},
        {"title": "Update 2", "link": link, "date": "Tue, 12 Mar 2024 10:00:00 GMT",
         "html": "<p>" + SECOND_STORY[0] + "</p>"},
    ]).replace(f"<guid>{link}</guid>", "<guid>{GUID}</guid>")
    feed = feed.replace("{GUID}", "live-1", 1).replace("{GUID}", "live-2", 1)
    items = list(read_feed(feed.encode(), "feed.xml"))
    assert [i.error for i in items] == [None, None]
    assert len({i.locator for i in items}) == 2
    assert {i.locator for i in items} == {f"{link}#live-1", f"{link}#live-2"}
    assert items[1].text and "fifteen protesters" in items[1].text


def test_a_gzip_file_that_is_not_a_warc_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(gzip.compress(b"this is a plain text file, not an archive\n" * 40))
    [item] = list(read_warc(path))
    assert item.error is not None and "not a WARC file" in item.error


def _warc_bytes(tmp_path: Path, n: int) -> bytes:
    pages = [(f"https://courier.example/{i}", "2024-03-12T10:00:00Z",
              news_page(f"Story {i}", (STORY if i % 2 else SECOND_STORY) + [f"Item {i}."]))
             for i in range(n)]
    path = tmp_path / "ok.warc"
    write_warc(path, pages, gzip=False)
    return path.read_bytes()


def test_records_after_a_bad_content_length_are_still_read(tmp_path: Path) -> None:
    data = _warc_bytes(tmp_path, 4)
    for delta in (-100, +300):
        m = re.search(rb"WARC-Type: response.*?Content-Length: (\d+)\r\n", data, re.S)
        assert m is not None
        bad = data[: m.start(1)] + str(int(m.group(1)) + delta).encode() + data[m.end(1):]
        path = tmp_path / f"bad{delta}.warc"
        path.write_bytes(bad)
        items = list(read_warc(path))
        good = {i.locator.split(" @ ")[0] for i in items if i.error is None}
        errors = [i.error for i in items if i.error is not None]
        # The damaged first record is reported, not stored with a cut or overlong body.
        assert "https://courier.example/0" not in good
        assert errors and any("Content-Length" in e or "corrupt" in e for e in errors)
        # Every record after the damage that was not swallowed by it is stored.
        assert {"https://courier.example/2", "https://courier.example/3"} <= good


def test_gzip_encoded_body_is_capped_once_decompressed(tmp_path: Path) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * (MAX_PAYLOAD_BYTES + 10) + b"</p>", compresslevel=9)
    path = tmp_path / "bomb.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                              ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://courier.example/bomb", "response", payload=io.BytesIO(bomb),
            http_headers=headers, warc_headers_dict={"WARC-Date": "2024-03-12T10:00:00Z"}))
    assert path.stat().st_size < 100_000
    [item] = list(read_warc(path))
    assert item.error is not None and "decompresses to over" in item.error


def _page(charset: str, text: str) -> bytes:
    html = news_page("Ataque en Ruvaka", [*STORY, text]).replace(
        '<meta charset="utf-8">', f'<meta charset="{charset}">')
    return html.encode(charset)


def test_declared_charsets_are_decoded(tmp_path: Path) -> None:
    latin = tmp_path / "latin.html"
    latin.write_bytes(_page("iso-8859-1", "El alcalde de Peñalolén dijo que la situación es "
                                          "grave."))
    sjis = tmp_path / "sjis.html"
    sjis.write_bytes(_page("shift_jis", "東京で記者会見が開かれたと当局者は述べた。"))
    items = {i.locator: i for i in read_inputs([str(tmp_path)], LIMITS)}
    latin_text = items[str(latin)].text or ""
    sjis_text = items[str(sjis)].text or ""
    assert "Peñalolén" in latin_text and "situación" in latin_text
    assert "東京で記者会見" in sjis_text
    assert "\ufffd" not in latin_text + sjis_text


def test_symlinks_out_of_the_folder_are_reported_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Gunmen killed four soldiers in Ruvaka; this file is outside.", "utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "ok.txt").write_text("Rebels killed nine villagers in Kasari on Monday.", "utf-8")
    (folder / "link.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "ok.txt")
    items = {Path(i.locator).name: i for i in read_inputs([str(folder)], LIMITS)}
    assert items["link.txt"].error is not None and "outside the input folder" in \
        items["link.txt"].error
    assert items["ok.txt"].error is None and items["inside.txt"].error is None
    followed = {Path(i.locator).name: i for i in read_inputs([str(folder)], LIMITS,
                                                            follow_symlinks=True)}
    assert followed["link.txt"].error is None
