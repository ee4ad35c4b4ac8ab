"""A mixed-case view of ALL-CAPS text, for the readers whose patterns tell a
person's name by its capital ("Flores died", "killing Danilo Barillas").

Wire copy of the 1980s and 1990s (MUC-4's FBIS reports) and some agency
feeds are set in capitals, where every word looks like a name and none does.
:func:`case_view` gives such a text back with the same length (so evidence
offsets stay valid): a word common in the pack's language lower-cased, any
other word (a rare one: a surname, a village, an acronym) capitalised.  A
text in mixed case is returned unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

#: Share of a text's letters in upper case from which it is ALL-CAPS copy
#: (as the geocoder's ``cues.ALL_CAPS_SHARE``: a headline in title case is
#: about 0.2, MUC-4's reports are 1.0).
ALL_CAPS_SHARE = 0.8
#: Fewest letters a text needs to be judged ALL-CAPS ("UN", "AK-47" alone are not).
MIN_LETTERS = 12
#: A word at least this common in the pack's language (wordfreq zipf) is an
#: ordinary word, lower-cased; a rarer one keeps a capital as a name would.
#: English: "died" 5.2, "inspector" 4.25, "policemen" 3.54, "guerrillas" 3.09,
#: but "flores" 3.3, "galan" 2.12, "barillas" 1.19, "chacon" 2.15.
COMMON_WORD_ZIPF = 3.0
#: A word beside a capitalised one keeps its capital up to this zipf, as a
#: given name or surname that is also a word does ("EULOGIO FLORES": "flores"
#: 3.3; "LUIS CARLOS GALAN": "carlos" 4.09, "luis" 3.99), while a function word
#: or a common title does not ("the" 7.7, "was" 6.8, "senator" 4.58).
NAME_NEIGHBOUR_ZIPF = 4.5

_WORD = re.compile(r"[^\W\d_]+")


def is_all_caps(text: str) -> bool:
    """True if *text* is (nearly) all upper case and long enough to tell."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return False
    return sum(map(str.isupper, letters)) >= ALL_CAPS_SHARE * len(letters)


@lru_cache(maxsize=65536)
def _zipf(word: str, language: str) -> float:
    return zipf_frequency(word, language)


def case_view(text: str, language: str | None, never: tuple[str, ...] = ()) -> str:
    """*text* with its ALL-CAPS words cased as mixed-case prose would write them
    (same length); unchanged when it is not ALL-CAPS or *language* has no
    word-frequency list.  A word starting with one of the stems *never* (the
    pack's victim-group words: "rebels", "soldiers") takes no capital from a
    name beside it ("FARC REBELS" is no person's name)."""
    if not language or not is_all_caps(text):
        return text
    words = list(_WORD.finditer(text))
    zipfs = [_zipf(m.group(0).lower(), language) for m in words]
    named = [z < COMMON_WORD_ZIPF for z in zipfs]
    changed = True
    while changed:  # a name's neighbours, joined by one space, and theirs
        changed = False
        for i, z in enumerate(zipfs):
            if named[i] or z >= NAME_NEIGHBOUR_ZIPF:
                continue
            if never and words[i].group(0).lower().startswith(never):
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(words) and named[j]:
                    a, b = (words[i], words[j]) if i < j else (words[j], words[i])
                    if text[a.end() : b.start()] == " ":
                        named[i] = changed = True
                        break
    out = list(text)
    for m, name in zip(words, named, strict=True):
        low = m.group(0).lower()
        cased = low.capitalize() if name else low
        if len(cased) == len(low) == m.end() - m.start():
            out[m.start() : m.end()] = cased
    return "".join(out)
