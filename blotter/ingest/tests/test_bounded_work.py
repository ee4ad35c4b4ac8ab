"""Adversarial 1 MB inputs go through the whole ingest (reading, cleaning, dedup,
extraction with geocoding, storage) in time comparable to a normal text of the same size
and language: no stage is super-linear, in the English or the Spanish pack.  The budget
is a generous ratio to the normal text, not a clock limit."""

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
SENTENCE_ES = ("Hombres armados mataron a cuatro soldados cerca de Culiacán el martes, "
               "informaron las autoridades. Los vecinos dijeron que el ataque duró dos horas. ")
LEAD_ES = "Hombres armados mataron a cuatro soldados cerca de Culiacán el martes, dijeron. "
#: Runs of one kind of character (or a short unit), each SIZE characters long, put
#: between a lead and a tail so that every stage sees them inside a sentence.
RUNS = {
    "word": "a", "digits": "7", "dotted": "a.", "emspaces": "\u2003",
    "spaces": " ", "whitespace": " \t\n", "newlines": "\n", "shortlines": "a\n",
    "spaced-digits": "7 ", "grouped-digits": "1,", "dots": ".", "dashes": "-",
    "commas": ",", "punctuation": ".,;:!?-'\"()", "and-and": ", and ",
}
#: The runs also fed to the Spanish pack (its own patterns and word lists).
RUNS_ES = ("word", "digits", "spaces", "whitespace", "shortlines", "punctuation")


def _run(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


def _inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    pages = {
        "normal.txt": (SENTENCE * (SIZE // len(SENTENCE) + 1))[:SIZE],
        "es-normal.txt": (SENTENCE_ES * (SIZE // len(SENTENCE_ES) + 1))[:SIZE],
        "attributes.html": "<html><body><p " + " ".join(f"a{i}='x'" for i in range(200_000))
                           + ">" + LEAD * 5 + "</p></body></html>",
        "nested.html": "<html><body>" + "<div>" * (SIZE // 11) + "<p>" + LEAD * 5 + "</p>"
                       + "</div>" * (SIZE // 11) + "</body></html>",
    }
    for name, unit in RUNS.items():
        pages[f"{name}.txt"] = LEAD + _run(unit) + " soldiers were killed."
    for name in RUNS_ES:
        pages[f"es-{name}.txt"] = LEAD_ES + _run(RUNS[name]) + " soldados fueron asesinados."
    paths = {}
    for name, text in pages.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.mark.slow
def test_adversarial_inputs_cost_no_more_than_a_normal_text(tmp_path: Path) -> None:
    settings = Settings().replace(geocode=True, record_time_budget=0.0)
    paths = _inputs(tmp_path / "in")
    seconds: dict[str, float] = {}
    for name, path in paths.items():
        db = f"sqlite:///{tmp_path / (name + '.sqlite')}"
        started = time.perf_counter()
        counts = run_ingest([str(path)], settings, db)
        seconds[name] = time.perf_counter() - started
        assert counts.items == 1 and (counts.articles == 1 or counts.failures == 1), name
    normal = {"en": seconds.pop("normal.txt"), "es": seconds.pop("es-normal.txt")}
    slow = {name: round(s / normal["es" if name.startswith("es-") else "en"], 2)
            for name, s in seconds.items()
            if s > RATIO * normal["es" if name.startswith("es-") else "en"]}
    assert not slow, f"slower than {RATIO}x the normal text ({normal} s): {slow}"
