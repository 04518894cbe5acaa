"""Hostile text: time and peak memory of extraction on pathological documents (#9).

Each input runs in a fresh process (the same interpreter), after the pipeline is loaded and
warmed up on a sentence of our own; the peak is the kernel's ``VmHWM`` (reset through
``clear_refs`` before the document) minus the resident size before it, so short-lived
arrays are counted. Per stage, the seconds it took. The budget (``max_seconds_per_document``,
``max_sentence_chars``) is the default one; a document stopped by it says so.

    python bench/hostile.py [--only NAME ...] [--no-budget]

Inputs (all made here, none read from a corpus):

- brackets: 40,000 ``(`` in one line
- line: one 500 KB line of words without a full stop
- words: 100,000 words without a sentence break
- punctuation: 50,000 ``!?`` pairs
- digits: 20,000 numbers joined by commas ("1, 2, 3, ...")
- dates: 5,000 dates in one sentence
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

WORDS = ["the", "convoy", "moved", "past", "the", "village", "near", "the", "river", "while"]


def inputs() -> dict[str, str]:
    many_words = " ".join(WORDS[i % len(WORDS)] for i in range(100_000))
    line = ""
    while len(line) < 500_000:
        line += " ".join(WORDS) + " "
    return {
        "brackets": "(" * 40_000,
        "line": line[:500_000],
        "words": many_words,
        "punctuation": "!?" * 50_000,
        "digits": ", ".join(str(i) for i in range(20_000)),
        "dates": "Strikes were reported on "
        + ", ".join(f"{1 + i % 28} March 2022" for i in range(5_000))
        + ".",
    }


def _rss_kb(field: str) -> int:
    m = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M)
    return int(m.group(1)) if m else 0


def run_one(name: str, budget: bool) -> dict[str, object]:
    """In this process: extract the document ``name``; time, peak and per-stage seconds."""
    from casefile.config import Settings
    from casefile.errors import CasefileError
    from casefile.extract.pipeline import Pipeline
    from casefile.model import Document

    settings = Settings()
    if not budget:
        settings.max_seconds_per_document = 0  # 0: no time limit
        settings.max_sentence_chars = 0
    pipeline = Pipeline.from_settings(settings)
    pipeline(Document.from_text("Three civilians were killed in a strike on 3 May 2024."))
    text = inputs()[name]
    Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
    before = _rss_kb("VmRSS")
    t0 = time.perf_counter()
    error = None
    try:
        analysis = pipeline(Document.from_text(text, name=name))
        stages = dict(analysis.timings)
    except CasefileError as e:
        error, stages = str(e), {}
    seconds = time.perf_counter() - t0
    peak_mb = (_rss_kb("VmHWM") - before) / 1024
    return {
        "input": name,
        "chars": len(text),
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_mb, 1),
        "error": error,
        "stages": {k: round(v, 2) for k, v in stages.items() if v >= 0.05},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="Inputs to run (default: all).")
    ap.add_argument("--no-budget", action="store_true", help="Run without the budget.")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # the child process's own job
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, not args.no_budget)))
        return
    print(f"{'input':12} {'chars':>9} {'seconds':>8} {'peak MB':>8}  slowest stages / error")
    for name in args.only or list(inputs()):
        cmd = [sys.executable, __file__, "--one", name] + (
            ["--no-budget"] if args.no_budget else []
        )
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            print(f"{name:12} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        slow = ", ".join(f"{k.removeprefix('casefile.')} {v}s" for k, v in r["stages"].items())
        tail = f"stopped: {r['error']}" if r["error"] else slow
        print(f"{name:12} {r['chars']:>9,} {r['seconds']:>8} {r['peak_mb']:>8}  {tail}")


if __name__ == "__main__":
    main()
