"""The engine holds no English: every word it reads text with comes from a language pack.

An AST scan of every engine module (all of ``blotter/`` but the packs and the
tests) looks for the three shapes language knowledge takes in Python code:

* a regex literal with words in it (``r"killed|dead|\\s+toll"``);
* a collection literal of words (``frozenset(["near", "outside", ...])``,
  dict keys included);
* a comparison or ``startswith`` with a single word (``word == "said"``).

"Words" are those of the English pack's own files, so the check grows with the
pack.  Not knowledge, and so not flagged: docstrings; messages (log calls,
exceptions, warnings, f-strings, ``help=``/``note=`` texts); the names the
engine and the packs share as keys (cue group names, count kinds, victim
groups, settings, record fields); and ACLED's output vocabulary in
``blotter/taxonomy.py``.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import tomllib
from functools import cache
from pathlib import Path

from blotter.document import Article, Document, Mention, Sentence
from blotter.fields.casualties import KINDS
from blotter.fusion.features import WEIGHTS
from blotter.lang import load_locale
from blotter.record import Actor, Count, Event, Location
from blotter.store.models import Base
from blotter.taxonomy import GENERIC_ACTORS

BLOTTER = Path(__file__).resolve().parents[2]
EN_PACK = BLOTTER / "lang" / "en"
#: Packs whose words the engine must not hold either (each a language whose
#: knowledge lives in its pack only).
PACKS = (EN_PACK, BLOTTER / "lang" / "es")
#: Modules that still hold English words, each with why; the test also fails
#: when one of them no longer does (then drop it here).
PENDING: dict[str, str] = {}
#: Modules that are English output vocabulary or user interface, not text reading.
OUTPUT_MODULES = frozenset(
    {
        "taxonomy.py",  # ACLED's taxonomy as ACLED spells it (output vocabulary)
        "cli.py",  # command-line help texts
        "evaluation/scoring.py",  # gold-file field names and ACLED labels
        "evaluation/fusion.py",
        "evaluation/report.py",
        "evaluation/matching.py",  # matches gold place names (scoring, not extraction)
        "evaluation/sources.py",  # reads gold group names in headlines (scoring, not extraction)
        "store/acled.py",  # ACLED's export vocabulary (source scale, month names, types)
        "store/export.py",  # export column names
        "fusion/reports.py",  # fused-event report texts
    }
)
#: Packages that are user interface, not text reading: the web API and app
#: (HTTP header names, review states, page texts).
OUTPUT_PACKAGES = ("server/",)
#: Keyword arguments whose value is a message, not knowledge.
MESSAGE_KEYWORDS = frozenset({"help", "note", "error", "message", "date_note", "reason"})
#: Calls whose arguments are messages.
MESSAGE_CALLS = frozenset(
    {"debug", "info", "warning", "error", "exception", "critical", "echo", "secho", "print"}
)
#: Regex syntax that makes a string a pattern rather than a name or message.
REGEX_SYNTAX = re.compile(r"\\[bsdwSDW]|\(\?[:=!<P]|\|")
#: Words this short are not counted (regex escapes, codes, units).
MIN_WORD = 3
WORD_RE = "[a-z]{" + str(MIN_WORD) + ",}"
#: Regex group names and ``{slot}`` placeholders: names, not words.
NAMES_IN_PATTERNS = re.compile(r"\(\?P[<=](\w+)>?|\\?\{\w+\\?\}")
#: A single word as a literal (no digits, underscores or other signs of a code).
WORD_SHAPE = re.compile(r"^[A-Za-z][A-Za-z' -]*$")
#: Keywords of the pack file formats and the place kinds of the gazetteer.
FORMAT_KEYWORDS = frozenset({"named", "generic", "acronym", "any", "home", "city", "country"})


@cache
def vocabulary() -> frozenset[str]:
    """Lower-case words of the packs' data files (comments left out)."""
    words: set[str] = set()
    for path in (p for pack in PACKS for p in pack.iterdir()):
        if path.suffix not in (".toml", ".tsv"):
            continue
        lines = [
            ln for ln in path.read_text("utf-8").splitlines() if not ln.lstrip().startswith("#")
        ]
        text = re.sub(r"\\[a-zA-Z]", " ", "\n".join(lines)).lower()
        words |= set(re.findall(WORD_RE, text))
    return frozenset(words)


@cache
def identifiers() -> frozenset[str]:
    """Names shared by the engine and the packs as keys, not as words of text."""
    en = load_locale("en")
    names: set[str] = set(en.cues) | set(KINDS) | set(GENERIC_ACTORS) | set(FORMAT_KEYWORDS)
    names |= set(WEIGHTS) | {c.name for t in Base.metadata.tables.values() for c in t.columns}
    for pattern in en.patterns.values():
        names |= set(re.findall(r"\(\?P<(\w+)>", pattern))
    for groups in en.attributes.values():
        names |= set(groups)
    names |= set(en.attributes) | set(en.table("casualties.victim_groups"))
    for cls in (Event, Actor, Count, Location, Article, Document, Sentence, Mention):
        names |= {f.name for f in dataclasses.fields(cls)}
    defaults = tomllib.loads((BLOTTER / "defaults.toml").read_text("utf-8"))
    names |= set(defaults)
    names |= set(defaults["pipeline"]["default"])  # registered stage names
    names |= {"people", "none", "toll", "reported", "unknown", "other", "air_attack"}
    names |= {"extracted", "skipped", "duplicate", "failed", "new"}  # store article statuses
    # relative-date rule names ("day-1", "day-2", "week0"): read by dates.py
    names |= {re.sub(r"\d+$", "", str(v)) for v in en.table("dates.relative").values()}
    return frozenset(names)


def _words(text: str) -> list[str]:
    """Pack words in *text* (regex escapes removed)."""
    plain = re.sub(r"\\[a-zA-Z]", " ", NAMES_IN_PATTERNS.sub(" ", text))
    return [w for w in re.findall(WORD_RE, plain, re.IGNORECASE) if w.lower() in vocabulary()]


def _is_word(value: object) -> bool:
    """A single pack word that is not a shared key."""
    return (
        isinstance(value, str)
        and WORD_SHAPE.match(value.strip()) is not None
        and value.strip().lower() not in identifiers()
        and bool(_words(value))
        and " " not in value.strip()
    )


def _message_nodes(tree: ast.AST) -> set[int]:
    """Ids of the nodes that are docstrings or parts of messages."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            skip.add(id(body[0].value))
        parts: list[ast.AST] = []
        if isinstance(node, ast.Raise) and node.exc is not None:
            parts.append(node.exc)
        elif isinstance(node, ast.JoinedStr):
            parts.append(node)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in MESSAGE_CALLS or (
                name == "append" and "warning" in ast.unparse(func).lower()
            ):
                parts += node.args
            parts += [kw.value for kw in node.keywords if kw.arg in MESSAGE_KEYWORDS]
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is not None and any("note" in ast.unparse(t).lower() for t in targets):
                parts.append(node.value)  # event.date_note = "...": an output note
        for part in parts:
            skip |= {id(n) for n in ast.walk(part)}
    return skip


def findings(path: Path) -> list[str]:
    """English knowledge literals in one module, as ``line: text`` strings."""
    tree = ast.parse(path.read_text("utf-8"))
    skip = _message_nodes(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if REGEX_SYNTAX.search(node.value) and _words(node.value):
                found.append(f"{node.lineno}: regex with words {_words(node.value)[:3]}")
        elif isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)):
            elts = node.keys if isinstance(node, ast.Dict) else node.elts
            values = [e.value for e in elts if isinstance(e, ast.Constant)]
            words = [v for v in values if _is_word(v)]
            if len(words) >= 2 and len(words) * 2 >= len(elts):
                found.append(f"{node.lineno}: word collection {words[:3]}")
        elif isinstance(node, ast.Compare):
            for side in [node.left, *node.comparators]:
                if isinstance(side, ast.Constant) and _is_word(side.value):
                    found.append(f"{node.lineno}: compared with word {side.value!r}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("startswith", "endswith")
        ):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and _is_word(arg.value):
                    found.append(f"{node.lineno}: {node.func.attr} word {arg.value!r}")
    return found


def engine_modules() -> list[str]:
    """Engine modules, relative to ``blotter/`` (packs and tests excluded)."""
    out = []
    for path in sorted(BLOTTER.rglob("*.py")):
        rel = path.relative_to(BLOTTER).as_posix()
        if "tests" in path.parts or rel == "conftest.py" or "migrations" in path.parts:
            continue
        out.append(rel)
    return out


def test_engine_modules_hold_no_english_words() -> None:
    offending = {
        rel: found
        for rel in engine_modules()
        if rel not in PENDING and rel not in OUTPUT_MODULES and not rel.startswith(OUTPUT_PACKAGES)
        if (found := findings(BLOTTER / rel))
    }
    assert offending == {}, "English words in engine code; move them to blotter/lang/en/"


def test_pending_modules_are_still_pending() -> None:
    cleaned = [rel for rel in PENDING if not findings(BLOTTER / rel)]
    assert cleaned == [], "these modules hold no English any more: drop them from PENDING"


def test_the_check_finds_english_knowledge(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""A docstring about killed people is fine."""\n'
        'KILL = r"killed|dead|\\s+toll"\n'
        'NEAR = frozenset(["near", "outside", "around"])\n'
        'def f(word: str, kind: str) -> bool:\n'
        '    log.warning("nothing was killed")\n'
        '    return word == "said" or kind == "killed"\n',
        encoding="utf-8",
    )
    found = findings(sample)
    assert [f.split(":")[0] for f in found] == ["2", "3", "6"], found
