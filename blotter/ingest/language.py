"""Language identification with py3langid, whose model ships inside the package.

A quick pre-check runs first: a text whose words are largely one language
pack's stop words is in that pack's language, and the identifier (about 0.7 ms
a text, as much as the rest of extracting a short ACLED note) is not needed.
"""

from __future__ import annotations

import io
import logging
import lzma
import os
import re
import tempfile
from array import array
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from blotter.lang import available_languages, base_code, has_pack, load_locale
from blotter.settings import cache_dir

log = logging.getLogger(__name__)

#: Texts shorter than this are too short for a reliable guess: language unknown.
MIN_CHARS_FOR_DETECTION = 40
#: Characters looked at; the opening of an article is plenty and keeps it fast.
DETECTION_SAMPLE_CHARS = 5_000
#: Normalised probability below which the guess is reported as unknown.
MIN_CONFIDENCE = 0.5
#: Share of probability above which a runner-up with a language pack wins over
#: a top guess without one: short news text is often scored as an
#: English-based creole ("pcm", Nigerian Pidgin, for a plain English sentence
#: about Kaduna), and dropping an English article costs more than trying to
#: extract from a creole one.
PACKED_RUNNER_UP = 0.25
#: Share of a text's words that must be one pack's stop words for the quick
#: pre-check to name that pack's language: English news runs at 0.2-0.5 on
#: English's list (ACLED dev: 99% of notes at 0.2 or more; MUC-4 dev: all at
#: 0.24 or more); Spanish, German, French, Portuguese, Italian, Dutch,
#: Indonesian, Tagalog and Swahili news sentences at most 0.11.
STOP_WORD_SHARE = 0.2
#: Characters and least words the pre-check looks at.
QUICK_SAMPLE_CHARS = 600
QUICK_MIN_WORDS = 8
#: A headline shorter than QUICK_MIN_WORDS ("Ejecutan en Tijuana a mando
#: policiaco") is still named by its stop words; any text needs at least
#: this many of one pack's (one "La" in an English headline decides nothing): py3langid scores
#: such headlines as Aragonese, Galician or Latin (GED Mexico dev: about 590
#: Spanish headlines carry such tags), and below 40 characters not at all.
SHORT_MIN_WORDS = 3
SHORT_MIN_STOP_WORDS = 2
#: How many times more stop words one pack must have than any other (words
#: on several packs' lists, "a", "no", "me", count for none): an English
#: headline naming Spanish places and groups ("... of Las Fuerzas Especiales
#: de Los Damaso", "... in San Luis de la Paz") holds about as many Spanish
#: stop words as English ones; then word frequency (headlines) or py3langid
#: decides.
STOP_WORD_LEAD = 2
#: A headline with too few stop words ("Deja balacera 2 muertos") is named by
#: word frequency instead: the pack language whose wordfreq list knows its
#: words best, by at least this many zipf points summed over the words
#: (Spanish headlines of GED Mexico dev lead English by 6-10; "Los Caballeros
#: Templarios Hang One", 22 against 19, stays undecided).
FREQUENCY_MARGIN = 4.0
#: Texts with fewer words than this (headlines, short notes) on which
#: py3langid is unsure are named by word frequency, names left out
#: ("Asesinan a balazos a ejidatario cañero en Chietla").
FREQUENCY_MAX_WORDS = 20
#: The decompressed identifier model in the cache, one per py3langid version.
MODEL_CACHE_FILE = "py3langid-{version}.npy"
#: The model's arrays in the order the cache file stores them (py3langid 0.4's layout).
MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
#: stdlib array type codes by item size (py3langid keeps its DFA tables as arrays).
ARRAY_TYPECODES = {2: "H", 4: "I", 8: "L"}
_WORD = re.compile(r"[^\W\d_]+")
_LINE = re.compile(r"[^\n]+")
#: Most lower-case words a name holds between two capitalised ones ("de la").
NAME_JOINT_WORDS = 2
#: The packs' word set of lower-case words that join a name's parts.
NAME_JOINTS_KEY = "places.name_joints"
#: The packs' words that a title-case headline leaves lower case ("in", "of");
#: a pack listing them writes its headlines in title case.
TITLE_CASE_KEY = "sentences.title_case_lower"
#: Zipf points by which wordfreq must know a capitalised word of a title-case
#: line better in a title-case pack's language than in every other pack's for
#: it to count as that language's grammar, not a name: "Leaves" 4.8 in English
#: against 2.3 in Spanish, "Remains" 4.8 / 2.1, "Kills" 4.3 / 2.5; the Spanish
#: names such headlines carry go the other way ("Noreste" 0.0 / 4.0, "Tropa"
#: 1.5 / 3.9) or are known in both ("Victoria" 4.4 / 5.0, "Cartel" 3.6 / 4.4).
TITLE_WORD_MARGIN = 1.5
#: Least words a line needs to be read as a title-case headline.
TITLE_MIN_WORDS = 3
#: Signs after which a word opens a sentence or headline part (and white space
#: and quotes, skipped before them).
_OPENERS = ".:;!?|¿¡\n"
_QUOTES = " \t\"'“”‘’«»()-–—"
#: A word opening the sample, a sentence or a headline part.
_OPENING_WORD = re.compile(
    f"(?:^|[{re.escape(_OPENERS)}])[{re.escape(_QUOTES)}]*([^\\W\\d_]+)"
)


@cache
def _identifier() -> Any:
    """The py3langid identifier, loaded once with normalised probabilities.

    Its packaged model is LZMA-compressed: decompressing it costs about 0.4 s
    of CPU in every process that meets a text the stop words cannot place, so
    the plain arrays are kept in the user's cache and read from there (0.1 s).
    A cache that cannot be written or read falls back to the packaged file.
    """
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    cached = _cached_model(MODEL_DIR / MODEL_FILE)
    if cached is not None:
        try:
            with cached.open("rb") as f:
                model = {name: np.load(f, allow_pickle=False) for name in MODEL_ARRAYS}
            return LanguageIdentifier(
                model["ptc"], model["pc"], model["classes"].tolist(),
                _stdlib_array(model["nextmove"]), model["out_feat"].tolist(),
                norm_probs=True, tk_row=_stdlib_array(model["nextmove_row"]),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("language model cache %s unreadable (%s): using the packaged model",
                        cached, exc)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _cached_model(packaged: Path) -> Path | None:
    """The decompressed model in the cache, written on first use; None if it cannot be.

    Its arrays are stored one after the other as plain ``.npy`` records (a
    ``.npz`` is a zip archive whose 68 MB are checksummed at every load).
    """
    from importlib.metadata import version

    import numpy as np

    target = cache_dir() / MODEL_CACHE_FILE.format(version=version("py3langid"))
    if target.is_file():
        return target
    part: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as tmp:
            part = Path(tmp.name)
            with lzma.open(packaged) as source, np.load(io.BytesIO(source.read())) as model:
                for name in MODEL_ARRAYS:
                    np.save(tmp, model[name], allow_pickle=False)
        os.replace(part, target)  # atomic: a parallel worker never reads half a file
    except (OSError, ValueError, KeyError, lzma.LZMAError) as exc:
        log.warning("cannot cache the language model in %s: %s", target.parent, exc)
        if part is not None:
            part.unlink(missing_ok=True)
        return None
    return target


def _stdlib_array(values: Any) -> array:
    """A NumPy unsigned integer array as the stdlib array py3langid's tables are."""
    out = array(ARRAY_TYPECODES[values.dtype.itemsize])
    out.frombytes(values.tobytes())
    return out


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of *text*'s language, or None when too short or unsure."""
    sample = text[:DETECTION_SAMPLE_CHARS].strip()
    quick = _word_language(sample[:QUICK_SAMPLE_CHARS])
    if quick is not None or len(sample) < MIN_CHARS_FOR_DETECTION:
        return quick
    ranked = _identifier().rank(sample)
    lang, prob = ranked[0]
    if not has_pack(lang):
        for code, p in ranked[1:]:
            if p < PACKED_RUNNER_UP:
                break
            if has_pack(code):
                return str(code)
    if prob >= MIN_CONFIDENCE:
        return str(lang)
    words = _WORD.findall(sample)  # unsure: a short text's words decide, if they can
    return _frequency_language(_grammar_words(sample)) if len(words) < FREQUENCY_MAX_WORDS else None


def resolve_language(tagged: str | None, text: str) -> str | None:
    """The language to read *text* in, given the language its record names.

    No tag means detection.  A tag is a claim made elsewhere (a page's
    ``lang`` attribute, a dataset's automatic identifier), so the text's own
    words can overrule it: a tag with a pack gives way when the text's stop
    words name another pack's language (GED Mexico tags English headlines
    about Mexican towns "es"; a CMS template says ``lang="en"`` on every
    page), and a tag without one (GED's "an", "gl", "la") when detection
    names a pack's language: a short Spanish headline reaches the Spanish
    pack.  Otherwise the tag stands (without a pack, the record is kept with
    a no-pack warning).
    """
    if tagged is None:
        return detect_language(text)
    quick = _word_language(text[:QUICK_SAMPLE_CHARS].strip())
    if has_pack(tagged):
        return quick if quick is not None and quick != base_code(tagged) else tagged
    found = quick if quick is not None else detect_language(text)
    return found if found is not None and has_pack(found) else tagged


def is_extractable(language: str | None) -> bool:
    """True if a language pack reads *language* (unknown uses the default pack)."""
    return has_pack(language)


@cache
def _pack_stop_words(codes: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """(pack, its stop words that no other pack lists) for the packs *codes* that have any."""
    shared = _shared_stop_words()
    return tuple(
        (code, stop - shared) for code in codes if (stop := load_locale(code).stop_words)
    )


@cache
def _shared_stop_words() -> frozenset[str]:
    """Words on the stop-word lists of two or more packs: evidence for none."""
    seen: set[str] = set()
    shared: set[str] = set()
    for code in available_languages():
        stop = load_locale(code).stop_words
        shared |= seen & stop
        seen |= stop
    return frozenset(shared)


def _grammar_words(sample: str) -> list[str]:
    """Lower-cased words of *sample* but capitalised ones inside a sentence.

    Those are names ("El Marro", "Los Tlacos", "San Luis de la Paz"), not the
    text's own grammar, and so are the short lower-case joints inside a name
    ("de la" of "San Luis de la Paz", "del" of "Cuetzala del Progreso": an
    English headline naming Mexican towns is not Spanish); a sentence's first
    word counts, and ALL-CAPS copy keeps every word.  (Order is not kept:
    callers count the words.)
    """
    words = _WORD.findall(sample)
    if sum(map(str.isupper, words)) > len(words) / 2:
        return [w.lower() for w in words]
    lower = [w for w in words if w.islower()]
    opening = list(_OPENING_WORD.finditer(sample))
    joints = _name_joints(tuple(available_languages()))
    if joints and any(w in joints for w in lower):
        lower = _without_name_joints(sample, joints, {m.start(1) for m in opening})
    starts = {m.start(1) for m in opening}
    return (lower + [m[1].lower() for m in opening if not m[1].islower()]
            + _title_case_words(sample, starts, joints))


@cache
def _title_case_packs(codes: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """(wordfreq language, lower-case words) of the packs *codes* with title-case headlines."""
    return tuple(
        (lang, lower) for code in codes
        if (lower := (loc := load_locale(code)).word_set(TITLE_CASE_KEY))
        and (lang := loc.word_frequency)
    )


@cache
def _frequency_languages(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The wordfreq languages of the packs *codes*."""
    return tuple(lang for code in codes if (lang := load_locale(code).word_frequency))


def _title_case_words(sample: str, openers: set[int], joints: frozenset[str]) -> list[str]:
    """Capitalised words of *sample*'s title-case lines that are a title-case
    language's grammar: in "Salinas Victoria, Nuevo León: Cartel del Noreste
    Leaves Human Remains" every word is capitalised, so capitals do not mark
    names, and the words wordfreq knows clearly best in English ("Leaves",
    "Human", "Remains") are the headline's English.  A line is in a pack's
    title case when every word is capitalised, one of the pack's lower-case
    words or a name's joint ("de", "del"); words opening a sentence (*openers*)
    are counted already, ALL-CAPS words are acronyms.
    """
    codes = tuple(available_languages())
    packs = _title_case_packs(codes)
    if not packs:
        return []
    languages = _frequency_languages(codes)
    found: list[str] = []
    for line in _LINE.finditer(sample):
        for lang, lower in packs:
            # stops at the line's first lower-case word of another kind (most lines)
            words = (m.group() for m in _WORD.finditer(line.group()))
            if not all(w[0].isupper() or w in lower or w in joints for w in words):
                continue
            tokens = list(_WORD.finditer(line.group()))
            if len(tokens) < TITLE_MIN_WORDS:
                break
            from wordfreq import zipf_frequency  # only for a title-case line

            others = [code for code in languages if code != lang]
            for t in tokens:
                word = t.group()
                if (not word[0].isupper() or word.isupper()
                        or line.start() + t.start() in openers):
                    continue
                folded = word.lower()
                known = zipf_frequency(folded, lang)
                if known - max((zipf_frequency(folded, o) for o in others), default=0.0) \
                        >= TITLE_WORD_MARGIN:
                    found.append(folded)
    return found


@cache
def _name_joints(codes: tuple[str, ...]) -> frozenset[str]:
    """The packs' lower-case words that join the parts of a name ("de", "del")."""
    return frozenset().union(*(load_locale(c).word_set(NAME_JOINTS_KEY) for c in codes))


def _without_name_joints(sample: str, joints: frozenset[str], openers: set[int]) -> list[str]:
    """The lower-case words of *sample* less the joints inside names: up to
    NAME_JOINT_WORDS joint words between two capitalised words on one line, the
    first not opening a sentence (*openers*: offsets of the words that open one)
    ("Luis [de la] Paz"; not "Matan [a] ...")."""
    tokens = list(_WORD.finditer(sample))
    lower: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].group()
        if not word.islower():
            i += 1
            continue
        j = i  # the run of joint words from i to j
        while (word in joints and j + 1 < len(tokens) and j - i + 1 < NAME_JOINT_WORDS
               and tokens[j + 1].group() in joints):
            j += 1
        if word in joints and i > 0 and j + 1 < len(tokens):
            run = tokens[i - 1 : j + 2]  # the joint with the words either side
            if (
                run[0].group()[0].isupper()
                and run[-1].group()[0].isupper()
                and run[0].start() not in openers
                and all(sample[a.end() : b.start()] == " " for a, b in pairwise(run))
            ):
                i = j + 1  # a name's joint: not the text's grammar
                continue
        lower.append(word)
        i += 1
    return lower


def _word_language(sample: str) -> str | None:
    """The pack language *sample*'s stop words name, or for a headline its word frequencies."""
    found = _stop_word_language(sample)
    if found is not None:
        return found
    words = _WORD.findall(sample.lower())
    if not SHORT_MIN_WORDS <= len(words) < QUICK_MIN_WORDS:
        return None
    return _frequency_language(_grammar_words(sample))


def _frequency_language(words: list[str]) -> str | None:
    """The pack language whose word-frequency list knows *words* clearly best."""
    from wordfreq import zipf_frequency

    shared = _shared_stop_words()
    scores = {
        code: sum(zipf_frequency(w, lang) for w in words if w not in shared)
        for code in available_languages()
        if (lang := load_locale(code).word_frequency)
    }
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][1] - ranked[1][1] < FREQUENCY_MARGIN):
        return None
    return ranked[0][0]


def _stop_word_language(sample: str) -> str | None:
    """The pack whose stop words make up most of *sample*'s words, if enough do."""
    words = _WORD.findall(sample.lower())
    if len(words) < SHORT_MIN_WORDS:
        return None
    grammar = _grammar_words(sample)
    counts = {
        code: sum(map(own.__contains__, grammar))
        for code, own in _pack_stop_words(tuple(available_languages()))
    }
    if not counts:
        return None
    best = max(counts, key=lambda c: counts[c])
    hits = counts[best]
    runner_up = max((n for c, n in counts.items() if c != best), default=0)
    if hits < STOP_WORD_SHARE * len(grammar) or hits < STOP_WORD_LEAD * runner_up:
        return None  # too few, or another pack's nearly as many: the next test decides
    if hits < SHORT_MIN_STOP_WORDS:
        return None
    return best
