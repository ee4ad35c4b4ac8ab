"""Cue-phrase matching: a language pack's phrase groups compiled for one-pass search."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from blotter.lang import Locale, default_locale


def phrase_pattern(phrases: list[str]) -> str:
    """Regex alternation for phrases; a trailing ``*`` matches any word ending.

    The phrases are merged into a trie ("police (?:forces|officers)"): the regex
    engine then reads each letter once instead of trying every phrase in turn at
    every position (the actor dictionary's hundreds of names).  What it matches
    is what the flat longest-first alternation matched: at each branch a longer
    continuation is tried before a word's stem ending, and that before its end.
    """
    trie: dict[str, Any] = {}
    for phrase in set(phrases):
        node = trie
        for char in phrase.rstrip("*"):
            node = node.setdefault(char, {})
        node[_STEM if phrase.endswith("*") else _END] = {}
    return r"(?<![\w-])(?:" + (_trie_regex(trie) or r"(?!)") + r")(?![\w])"


#: Trie marks (never characters of a phrase): a phrase ends here, as a word or a stem.
_END, _STEM = "\x00end", "\x00stem"


def _trie_regex(node: dict[str, Any]) -> str:
    """The regex of one trie node: its continuations, longest first, then its ends."""
    branches = []
    for char in sorted((c for c in node if c not in (_END, _STEM)),
                       key=lambda c: -_depth(node[c])):
        step = r"\s+" if char == " " else re.escape(char)
        branches.append(step + _trie_regex(node[char]))
    if _STEM in node:
        branches.append(r"[\w'-]*")
    if _END in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _depth(node: dict[str, Any]) -> int:
    """Length of the longest phrase continuing from *node*."""
    return max((1 + _depth(child) for c, child in node.items() if c not in (_END, _STEM)),
               default=0)


#: Cue groups that by themselves name an act (the rest only qualify one).
ACT_GROUPS = (
    "protest",
    "riot",
    "mob",
    "airstrike",
    "shelling",
    "ied",
    "grenade",
    "suicide",
    "chemical",
    "fight",
    "clash",
    "kidnap",
    "movement",
    "launcher",
    "gunfire",
    "regain",
    "overtake",
    "attack",
    "abduct",
    "sexual",
    "arrest",
    "loot",
    "disrupt",
    "base",
    "agreement",
    "transfer",
)
#: Acts strong enough to make a sentence an event sentence on their own; the
#: weak ones ("change", "agreement", "arrest") need an ACLED-style label or a
#: casualty count as well, or every political story would be an event.
STRONG_GROUPS = frozenset(ACT_GROUPS) - {
    "agreement",
    "base",
    "transfer",
    "disrupt",
    "arrest",
    "movement",
}


#: Phrases in which a cue word has another sense ("paro cardíaco", "cardiac
#: arrest", "la marcha de la economía"): a hit of any other group inside one
#: of them is no cue.  The group itself is not reported.
OTHER_SENSE_GROUP = "other_sense"


@dataclass(frozen=True)
class Hit:
    """A cue found in a text: its group and character span."""

    group: str
    start: int
    end: int


#: Characters that, next to a cue, mean it is part of a longer word.
def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


#: White space other than a blank, read as one (``str.replace`` per sign is about
#: three times faster than ``str.translate`` with a table on sentence-sized text).
_SPACES = ("\n", "\t", "\r", "\f")


def fold(text: str) -> str:
    """Case-folded text of the same length (offsets stay valid), line breaks as spaces."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two ("İ")
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for sign in _SPACES:
        if sign in lowered:
            lowered = lowered.replace(sign, " ")
    return lowered


class CueLexicon:
    """Named groups of cue phrases, found in one pass by a keyword automaton.

    All phrases of all groups go into one Aho-Corasick automaton over
    case-folded text (pyahocorasick, in C); word boundaries are checked on
    the candidates, a trailing ``*`` extends a stem to the end of its word,
    and within a group the leftmost-longest non-overlapping hits are kept.
    """

    def __init__(self, groups: dict[str, list[str]]) -> None:
        import ahocorasick

        self.groups = groups
        keys: dict[str, list[tuple[str, bool]]] = {}
        for name, phrases in groups.items():
            for phrase in phrases:
                key = " ".join(phrase.rstrip("*").lower().split())
                keys.setdefault(key, []).append((name, phrase.endswith("*")))
        self.automaton = ahocorasick.Automaton()
        for key, owners in keys.items():
            self.automaton.add_word(key, (len(key), tuple(owners)))
        self.automaton.make_automaton()

    def find(self, text: str, offset: int = 0) -> dict[str, list[Hit]]:
        """All hits per group in *text* (spans shifted by *offset*)."""
        if not self.automaton:  # a pack with no phrases in these groups
            return {}
        folded = fold(text)
        n = len(folded)
        candidates: dict[str, list[tuple[int, int]]] = {}
        for last, (length, owners) in self.automaton.iter(folded):
            start = last - length + 1
            if start > 0 and (_is_word(folded[start - 1]) or folded[start - 1] == "-"):
                continue
            end = last + 1
            stem_end = end
            while stem_end < n and (_is_word(folded[stem_end]) or folded[stem_end] in "'-"):
                stem_end += 1
            for group, stem in owners:
                if stem:
                    candidates.setdefault(group, []).append((start, stem_end))
                elif end == n or not _is_word(folded[end]):
                    candidates.setdefault(group, []).append((start, end))
        hits: dict[str, list[Hit]] = {}
        for group, spans in candidates.items():
            spans.sort(key=lambda se: (se[0], -se[1]))
            kept: list[Hit] = []
            for s, e in spans:
                if not kept or s >= kept[-1].end - offset:
                    kept.append(Hit(group, s + offset, e + offset))
            hits[group] = kept
        if OTHER_SENSE_GROUP in hits:
            _drop_other_senses(hits)
        return hits


def keep_hits(hits: dict[str, list[Hit]], group: str, keep: Callable[[Hit], bool]) -> None:
    """Keep only the *group* hits that *keep* accepts; a group left empty goes."""
    kept = [h for h in hits.get(group, ()) if keep(h)]
    if kept:
        hits[group] = kept
    else:
        hits.pop(group, None)


def _drop_other_senses(hits: dict[str, list[Hit]]) -> None:
    """Drop the hits that lie inside an ``other_sense`` phrase, and that group."""
    spans = [(h.start, h.end) for h in hits.pop(OTHER_SENSE_GROUP)]
    for group in list(hits):
        keep_hits(hits, group, lambda h: not any(a <= h.start and h.end <= b for a, b in spans))


def cue_lexicon(locale: Locale | None = None) -> CueLexicon:
    """The cue lexicon of *locale*'s pack (``cues.toml``; default pack if None)."""
    return _cue_lexicon(locale or default_locale())


@lru_cache(maxsize=8)
def _cue_lexicon(locale: Locale) -> CueLexicon:
    return CueLexicon(dict(locale.cues))
