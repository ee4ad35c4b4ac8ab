"""Weapons, claims of responsibility and the certainty of a report."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from blotter.lexicon import CueLexicon


@dataclass(frozen=True)
class AttributeLexicons:
    """The packaged weapon, claim-mode and certainty cue groups."""

    weapons: CueLexicon
    claim_modes: CueLexicon
    certainty: CueLexicon


@lru_cache(maxsize=1)
def attribute_lexicons() -> AttributeLexicons:
    """Load ``attributes.toml`` once."""
    text = resources.files("blotter.lexicon").joinpath("attributes.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    return AttributeLexicons(
        CueLexicon(raw["weapons"]), CueLexicon(raw["claim_modes"]), CueLexicon(raw["certainty"])
    )


CLAIM_VERB = re.compile(
    r"claim(?:ed|ing)?\s+(?:responsibility|credit)|tak(?:ing|e|es)\s+(?:credit|responsibility|ownership)|"
    r"took\s+(?:credit|responsibility|ownership)|claim\s+of\s+responsibility|admitted\s+responsibility|"
    r"claim(?:ed|ing)\s+the\s+(?:attack|abduction|kidnapping|killing|bombing|blast|murders?|ambush)",
    re.IGNORECASE,
)
#: "No group has claimed responsibility": a claim that was not made.
NO_CLAIM = re.compile(
    r"\b(?:no\s+(?:one|group|organi[sz]ation)|nobody|not\s+(?:yet\s+)?(?:been\s+)?claimed|has\s+not|have\s+not)\b",
    re.IGNORECASE,
)
