"""Full-text search of incidents, in process, one query shape at a time (#10).

    python bench/search_queries.py                 # the database of bench/api_load.py
    python bench/search_queries.py --runs 20

Builds (or reuses) bench/api_load.py's SQLite database of ``--incidents`` incidents, then times
``View.page_incidents`` (50 a page, counted as far as the API counts, 10,000), the summary's
hits marked, for each search below, ``--runs`` runs after one warm-up; prints p50 and p95 in
ms beside a list without search for scale, and the load average (the machine is shared).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from api_load import build

from casefile.store.view import IncidentQuery

SHAPES = {
    "no search: type (for scale)": {"type": "torture"},
    "a word one in twelve hold": {"search": "Donetsk"},
    "a word a third hold, one year": {
        "search": "Brigade",
        "since": "2023-01-01",
        "until": "2023-12-31",
    },
    "a number ten hold": {"search": "1234"},
    "two words + type": {"search": "village 123", "type": "torture"},
    "two words, newest first": {"search": "Wagner Kherson", "sort": "-date"},
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "casefile-bench-api.db"))
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    os.environ.setdefault("CASEFILE_SECRET", "bench-secret-not-for-real-use-0123456789")
    store = build(Path(args.db), args.incidents)
    print(
        f"View.page_incidents, 50 a page, over {args.incidents:,} incidents (SQLite); "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    for name, filters in SHAPES.items():
        q = IncidentQuery(limit=50, count_limit=10_000, **filters)  # type: ignore[arg-type]
        store.view.page_incidents(q)  # warm up
        ms = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            page = store.view.page_incidents(q)
            ms.append((time.perf_counter() - t0) * 1000)
        ms.sort()
        p95 = statistics.quantiles(ms, n=20)[18] if len(ms) > 1 else ms[0]
        total = f"{page.total:,}{'' if page.total_exact else '+'}"
        print(
            f"  {name:32s} {total:>8s} found  "
            f"p50 {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms"
        )
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    store.close()


if __name__ == "__main__":
    main()
