"""A plugin package adds a file type and an export format through entry points alone.

The plugin is a real installed distribution as far as ``importlib.metadata`` can
tell: a module and a ``*.dist-info`` folder (``METADATA``, ``entry_points.txt``)
in a folder put on ``sys.path``, so the registries find it exactly as they would
find a package installed with pip.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from blotter.cli import app
from blotter.registry import EXPORTERS, READERS

PLUGIN_MODULE = '''
"""A toy Blotter plugin: `.story` files and a `tsv` export format."""
from pathlib import Path

from blotter.ingest.items import RawItem
from blotter.store.acled import acled_row
from blotter.store.export import ExportResult


class StoryReader:
    """A `.story` file: a `Headline:` line, a blank line, the text."""

    suffixes = (".story",)

    def read(self, path, limits):
        head, _, body = path.read_text(encoding="utf-8").partition("\\n\\n")
        origin = str(path)
        yield RawItem(locator=origin, origin=origin, kind="story", text=body.strip(),
                      title=head.removeprefix("Headline:").strip())


STORY_READER = StoryReader()


def export_tsv(items, path: Path) -> ExportResult:
    result = ExportResult()
    with path.open("w", encoding="utf-8") as fh:
        fh.write("event_id_cnty\\tcountry\\tfatalities\\n")
        for item in items:
            row = acled_row(item)
            fh.write(f"{row['event_id_cnty']}\\t{row['country']}\\t{row['fatalities']}\\n")
            result.rows += 1
    return result
'''

ENTRY_POINTS = """\
[blotter.readers]
story = blotter_toy_plugin:STORY_READER

[blotter.exporters]
tsv = blotter_toy_plugin:export_tsv
"""

STORY = ("Headline: Soldiers killed near Dori\n\n"
         "Gunmen killed four soldiers near Dori in northern Burkina Faso on Sunday, "
         "officials said.\n")


def run(*args: str) -> Result:
    """Invoke the CLI in-process."""
    return CliRunner().invoke(app, list(args))


def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry_points: str) -> None:
    """The toy plugin 'installed' on sys.path with *entry_points*; registries rescan."""
    site = tmp_path / "site"
    info = site / "blotter_toy_plugin-0.1.dist-info"
    info.mkdir(parents=True)
    (site / "blotter_toy_plugin.py").write_text(PLUGIN_MODULE, encoding="utf-8")
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: blotter-toy-plugin\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    READERS.reload_plugins()
    EXPORTERS.reload_plugins()


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The toy plugin installed for one test, forgotten after it."""
    install(tmp_path, monkeypatch, ENTRY_POINTS)
    yield
    monkeypatch.undo()
    READERS.reload_plugins()
    EXPORTERS.reload_plugins()


def test_plugin_reader_is_ingested_and_plugin_format_exported(
    plugin: None, tmp_path: Path
) -> None:
    story = tmp_path / "dori.story"
    story.write_text(STORY, encoding="utf-8")
    db = tmp_path / "store.sqlite"
    result = run("ingest", str(story), "--db", str(db), "-q")
    assert result.exit_code == 0, result.output
    out = tmp_path / "events.tsv"
    result = run("export", "--db", str(db), "--format", "tsv", "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert [(r["country"], r["fatalities"]) for r in rows] == [("Burkina Faso", "4")]


def test_plugin_reader_is_used_by_extract(plugin: None, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dori.story").write_text(STORY, encoding="utf-8")
    for target in (folder / "dori.story", folder):
        out = tmp_path / "out.jsonl"
        result = run("extract", str(target), "-o", str(out), "-q")
        assert result.exit_code == 0, result.output
        [line] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert line["id"] == "dori"
        assert [e["location"]["country"] for e in line["events"]] == ["Burkina Faso"]


def test_without_the_plugin_its_type_and_format_are_clear_errors(tmp_path: Path) -> None:
    story = tmp_path / "dori.story"
    story.write_text(STORY, encoding="utf-8")
    db = tmp_path / "store.sqlite"
    for result in (run("ingest", str(story), "--db", str(db)), run("extract", str(story))):
        assert result.exit_code == 2, result.output
        assert "unsupported file type '.story'" in result.output
        assert ".jsonl" in result.output and "Traceback" not in result.output
    result = run("export", "--db", str(db), "--format", "tsv", "-o", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert "--format tsv: choose one of csv, ged, geojson, jsonl, parquet" in result.output


def test_plugin_format_is_listed_in_the_unknown_format_error(
    plugin: None, tmp_path: Path
) -> None:
    result = run("export", "--db", str(tmp_path / "s.sqlite"), "--format", "xls",
                 "-o", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert "choose one of csv, ged, geojson, jsonl, parquet, tsv" in result.output


def test_a_broken_plugin_is_named_in_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(tmp_path, monkeypatch, "[blotter.exporters]\nxls = blotter_toy_plugin:missing\n")
    try:
        result = run("export", "--db", str(tmp_path / "s.sqlite"), "--format", "xls",
                     "-o", str(tmp_path / "x"))
    finally:
        monkeypatch.undo()
        EXPORTERS.reload_plugins()
        READERS.reload_plugins()
    assert result.exit_code == 2
    [line] = [x for x in result.output.splitlines() if x.startswith("error:")]
    assert "exporter 'xls'" in line and "cannot be loaded" in line and "a bug" not in line
