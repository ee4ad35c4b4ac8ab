"""Hand-written dictionaries (cue phrases, actors, weapons), compiled for matching."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def phrase_pattern(phrases: list[str]) -> str:
    """Regex alternation for phrases; a trailing ``*`` matches any word ending."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        stem = phrase.endswith("*")
        body = re.escape(phrase.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(body + (r"[\w'-]*" if stem else ""))
    return r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])"


@dataclass(frozen=True)
class Hit:
    """A cue found in a text: its group and character span."""

    group: str
    start: int
    end: int


class CueLexicon:
    """Named groups of cue phrases, each compiled to one case-insensitive regex."""

    def __init__(self, groups: dict[str, list[str]]) -> None:
        self.groups = groups
        self.patterns = {
            name: re.compile(phrase_pattern(phrases), re.IGNORECASE)
            for name, phrases in groups.items()
        }

    def find(self, text: str, offset: int = 0) -> dict[str, list[Hit]]:
        """All hits per group in *text* (spans shifted by *offset*)."""
        hits: dict[str, list[Hit]] = {}
        for name, pattern in self.patterns.items():
            found = [
                Hit(name, m.start() + offset, m.end() + offset) for m in pattern.finditer(text)
            ]
            if found:
                hits[name] = found
        return hits


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The packaged cue lexicon (``cues.toml``)."""
    raw = tomllib.loads(resources.files(__name__).joinpath("cues.toml").read_text("utf-8"))
    return CueLexicon(raw["groups"])
