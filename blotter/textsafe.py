"""Make untrusted text safe to print on a terminal and to write into exports.

Article texts, titles, ids and outlet names come from the web.  Two things in
them can do harm outside Blotter:

* control characters: terminal escape sequences (``ESC [ ...``) recolour,
  retitle or rewrite the screen, and Unicode bidirectional overrides
  (U+202E ...) make a spreadsheet cell or a terminal line read differently
  from what it contains;
* spreadsheet formulas: a CSV cell starting with ``=``, ``+``, ``-``, ``@``,
  tab or carriage return is run as a formula by Excel, LibreOffice and Google
  Sheets (``=HYPERLINK(...)``, DDE).

:func:`for_terminal` escapes the first kind visibly; :func:`for_export` removes
it; :func:`for_csv` also neutralises formulas the way OWASP recommends
(a leading single quote, https://owasp.org/www-community/attacks/CSV_Injection).
"""

from __future__ import annotations

import re

#: Unicode bidirectional embedding, override and isolate controls, and the
#: Arabic letter mark: the characters of "Trojan Source" (CVE-2021-42574).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: C0 controls (minus tab and newline), DEL and the C1 controls, plus bidi controls.
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
#: First characters that make a spreadsheet evaluate a cell (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def for_terminal(text: object) -> str:
    """*text* with every control character shown as a ``\\u001b``-style escape.

    The escape is JSON's, so a JSON line passed through stays valid JSON and
    decodes to the same string.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


def for_export(text: str) -> str:
    """*text* without control characters (tab and newline kept; CR LF becomes LF)."""
    return _UNSAFE.sub("", text.replace("\r\n", "\n"))


def for_csv(text: str) -> str:
    """:func:`for_export`, then a leading ``'`` on a value a spreadsheet would run as a formula.

    The check is made on the original value too, so a formula hidden behind a
    stripped control character (``\\x1b=cmd``) is caught.
    """
    cleaned = for_export(text)
    if cleaned.startswith(FORMULA_STARTS) or text.startswith(FORMULA_STARTS):
        return "'" + cleaned
    return cleaned
