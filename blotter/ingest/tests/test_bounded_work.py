"""Adversarial 1 MB inputs go through the whole ingest (reading, cleaning, dedup,
extraction, storage) in time comparable to a normal text of the same size: no stage is
super-linear.  The budget is a generous ratio to the normal text, not a clock limit."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from blotter.ingest.commands import run_ingest
from blotter.settings import Settings

SIZE = 1_000_000
#: An adversarial input may take this many times as long as the normal one (quadratic
#: patterns took thousands of times as long at this size).
RATIO = 4.0
SENTENCE = ("Gunmen killed four soldiers near the town of Ruvaka on Tuesday, officials said. "
            "Residents said the attack lasted two hours before troops arrived. ")
LEAD = "Gunmen killed four soldiers near Ruvaka on Tuesday, officials said. "


def _inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    pages = {
        "normal.txt": (SENTENCE * (SIZE // len(SENTENCE) + 1))[:SIZE],
        "word.txt": LEAD + "a" * SIZE + " soldiers were killed.",
        "digits.txt": LEAD + "7" * SIZE + " soldiers were killed.",
        "dotted.txt": LEAD + "a." * (SIZE // 2) + " were killed.",
        "emspaces.txt": LEAD + "\u2003" * SIZE + "were killed.",
        "attributes.html": "<html><body><p " + " ".join(f"a{i}='x'" for i in range(200_000))
                           + ">" + LEAD * 5 + "</p></body></html>",
        "nested.html": "<html><body>" + "<div>" * (SIZE // 11) + "<p>" + LEAD * 5 + "</p>"
                       + "</div>" * (SIZE // 11) + "</body></html>",
    }
    paths = {}
    for name, text in pages.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.mark.slow
def test_adversarial_inputs_cost_no_more_than_a_normal_text(tmp_path: Path) -> None:
    settings = Settings().replace(geocode=False, record_time_budget=0.0)
    paths = _inputs(tmp_path / "in")
    seconds: dict[str, float] = {}
    for name, path in paths.items():
        db = f"sqlite:///{tmp_path / (name + '.sqlite')}"
        started = time.perf_counter()
        counts = run_ingest([str(path)], settings, db)
        seconds[name] = time.perf_counter() - started
        assert counts.items == 1 and (counts.articles == 1 or counts.failures == 1), name
    normal = seconds.pop("normal.txt")
    slow = {name: round(s / normal, 2) for name, s in seconds.items() if s > RATIO * normal}
    assert not slow, f"slower than {RATIO}x the normal text ({normal:.1f} s): {slow}"
