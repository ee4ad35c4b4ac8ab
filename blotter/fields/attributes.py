"""Weapons, claims of responsibility and the certainty of a report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from blotter.lang import Locale, default_locale
from blotter.lang.lexicon import CueLexicon


@dataclass(frozen=True)
class AttributeLexicons:
    """A pack's weapon, claim-mode and certainty cue groups and claim patterns."""

    weapons: CueLexicon
    claim_modes: CueLexicon
    certainty: CueLexicon
    claim_verb: re.Pattern[str]
    no_claim: re.Pattern[str]


def attribute_lexicons(locale: Locale | None = None) -> AttributeLexicons:
    """The attribute lexicons of *locale*'s pack (``attributes.toml``), compiled once."""
    return _attribute_lexicons(locale or default_locale())


@lru_cache(maxsize=8)
def _attribute_lexicons(loc: Locale) -> AttributeLexicons:
    raw = loc.attributes
    return AttributeLexicons(
        CueLexicon(dict(raw.get("weapons", {}))),
        CueLexicon(dict(raw.get("claim_modes", {}))),
        CueLexicon(dict(raw.get("certainty", {}))),
        re.compile(loc.pattern("attributes.claim_verb"), re.IGNORECASE),
        re.compile(loc.pattern("attributes.no_claim"), re.IGNORECASE),
    )
