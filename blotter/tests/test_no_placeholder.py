"""No ``{placeholder}`` and no "unknown" claimant can reach any output (issue 12).

Generic actor names carry a ``{country}`` slot ("Unidentified Armed Group
({country})") that ``fuse`` fills; where the country is unknown the name is
written without it, and ``claimed_by`` is a named group or unset.  Checked on
the extracted output of every dev set (a spread sample of each, read at run
time from the shared data, never copied here) and on generic names directly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from blotter.fields.actors import fill_country
from blotter.io.records import read_inputs
from blotter.pipeline import Pipeline
from blotter.settings import Settings
from blotter.taxonomy import GENERIC_ACTORS

#: Records taken from each dev set, spread evenly over the file: enough to meet
#: every generic actor of the pack, small enough for a test (~2,700 records).
SAMPLE_PER_SET = 300
#: A template slot left in a string: "{country}", "{n}".
PLACEHOLDER = re.compile(r"\{\w*\}")
#: Claimants that stand for nobody.
NON_CLAIMANTS = {"unknown", "unidentified", "none", ""}


def strings(value: Any) -> Iterator[str]:
    """Every string value inside a JSON-like record."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def sample(path: Path, out: Path, n: int) -> Path:
    """Write *n* records spread over dev file *path* as pipeline input."""
    lines = path.read_text("utf-8").splitlines()
    step = max(1, len(lines) // n)
    with out.open("w", encoding="utf-8") as f:
        for line in lines[::step][:n]:
            r = json.loads(line)
            keep = {k: r.get(k) for k in ("id", "text", "published", "source")}
            f.write(json.dumps(keep) + "\n")
    return out


def test_generic_names_without_a_country_keep_no_slot() -> None:
    for spec in GENERIC_ACTORS.values():
        name = fill_country(spec, None)
        assert not PLACEHOLDER.search(name) and name.strip() == name and name
    assert fill_country("Unidentified Armed Group ({country})", None) == "Unidentified Armed Group"
    assert fill_country("Military Forces of {country}", None) == "Military Forces"
    assert fill_country("Civilians ({country})", "Kenya") == "Civilians (Kenya)"


def test_claim_by_a_named_group_and_a_denial(tmp_path: Path) -> None:
    text = (
        "A bomb exploded outside a bank in Bilbao, Spain, injuring three people. "
        "Police blame the Free Aceh Movement (GAM) for a second blast. "
        "GAM has denied responsibility. "
        "The Basque Fatherland and Freedom (ETA) claimed responsibility for the attack."
    )
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": text, "published": "2001-05-02"}) + "\n")
    (result,) = Pipeline.from_settings(Settings()).run(list(read_inputs(src, 2_000_000, 20)))
    claimed = {e["claimed_by"] for e in result.events}
    assert "ETA: Basque Fatherland and Freedom" in claimed  # the actor dictionary's name
    assert not any(c and "GAM" in c for c in claimed)


@pytest.mark.slow
def test_no_placeholder_in_any_dev_set_output(shared: Path, tmp_path: Path) -> None:
    files = sorted((shared / "evaldata/dev").glob("*.jsonl"))
    assert files, "no dev sets found"
    pipeline = Pipeline.from_settings(Settings())
    events = 0
    for path in files:
        src = sample(path, tmp_path / path.name, SAMPLE_PER_SET)
        for result in pipeline.run(list(read_inputs(src, 2_000_000, 20))):
            for event in result.events:
                events += 1
                # evidence spans quote the input as given: only Blotter's own values count
                own = {k: v for k, v in event.items() if k != "evidence"}
                bad = [s for s in strings(own) if PLACEHOLDER.search(s)]
                assert not bad, f"{path.name} {result.id}: {bad}"
                claimant = event.get("claimed_by")
                assert claimant is None or claimant.strip().lower() not in NON_CLAIMANTS
    assert events > len(files) * 100  # the sets were really extracted
