"""How long the built-in order of battle takes to load (``Orbat().load(BUILTIN_UNITS)``):
the median and worst of ``--runs`` loads, against a target of 0.5 s (it is read at start-up by
every command that resolves units).

    python bench/orbat_load.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casefile.knowledge.orbat import BUILTIN_UNITS, Orbat  # noqa: E402

TARGET_S = 0.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    times = []
    for _ in range(max(1, args.runs)):
        started = time.perf_counter()
        kb = Orbat()
        kb.load(BUILTIN_UNITS)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    worst = max(times)
    print(f"order of battle: {len(list(kb))} units, load median {median:.3f}s, worst {worst:.3f}s")
    print(f"ratio to the {TARGET_S}s target: {median / TARGET_S:.2f} (under 1 is within it)")


if __name__ == "__main__":
    main()
