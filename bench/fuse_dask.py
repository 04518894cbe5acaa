"""Would fusion pay on Dask? Each step's CPU in one process, beside what distributing it costs.

    python bench/fuse_dask.py 100000

On the synthetic reports of bench/fuse.py (the same generator):

1. the four steps of fusion in this process, CPU seconds each (blocking, scoring the
   candidate pairs, clustering, making the cases): how much of fusion could divide at all
   (blocking needs every report's neighbours, clustering every pair's score: both see the
   whole set; scoring and making the cases divide by pairs and by case);
2. what moving the work costs: pickling the reports (what a worker making cases needs)
   and the column table scoring reads (casefile.fuse.vector), both ways, in CPU seconds;
3. scoring for real on a LocalCluster of ``--workers`` processes: the table scattered once,
   the pairs in one chunk a worker, the scores checked equal to the single process's; wall
   seconds against the single process's (on a shared machine, read them with the load).

Nothing here changes casefile/fuse/: it calls its public functions only.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuse import synthetic

from casefile.fuse import make_cases
from casefile.fuse.block import bounds, candidate_pairs
from casefile.fuse.cluster import cluster
from casefile.fuse.score import score_pairs
from casefile.fuse.vector import score_pairs as score_table
from casefile.fuse.vector import table


def cpu(f, *args):  # type: ignore[no-untyped-def]
    """(result, CPU seconds, wall seconds) of ``f(*args)``."""
    c0, t0 = time.process_time(), time.perf_counter()
    out = f(*args)
    return out, time.process_time() - c0, time.perf_counter() - t0


def run(n: int, workers: int) -> None:
    print(f"\n== {n:,} reports (load average {os.getloadavg()[0]:.2f})", flush=True)
    reports = synthetic(n)
    # 1. one process
    pairs, c_block, _ = cpu(candidate_pairs, reports)
    (scores, conflicts), c_score, w_score = cpu(score_pairs, reports, pairs)
    ids, docs = [r.id for r in reports], [r.document for r in reports]
    (roots, joins), c_cluster, _ = cpu(
        lambda: cluster(ids, docs, pairs, scores, conflicts, bounds=bounds(reports))
    )
    cases, c_cases, _ = cpu(make_cases, reports, roots, joins)
    total = c_block + c_score + c_cluster + c_cases
    print(
        f"one process, CPU s: block {c_block:.1f}  score {c_score:.1f}  cluster "
        f"{c_cluster:.1f}  cases {c_cases:.1f}  = {total:.1f}  ({len(pairs):,} pairs, "
        f"{len(cases):,} cases)"
    )
    divisible = c_score + c_cases
    print(
        f"divisible (score + cases): {divisible:.1f} s, {divisible / total:.0%}; at most "
        f"{total / (total - divisible / 2):.2f}x on 2 workers, "
        f"{total / (total - divisible + divisible / 16):.2f}x on 16 (Amdahl, moving free)"
    )
    # 2. what moving costs
    cols, c_table, _ = cpu(table, reports)
    for label, obj in (("reports", reports), ("column table", cols)):
        blob, c_dump, _ = cpu(pickle.dumps, obj, pickle.HIGHEST_PROTOCOL)
        _, c_load, _ = cpu(pickle.loads, blob)
        print(
            f"moving the {label}: {len(blob) / 1e6:,.0f} MB, pickled {c_dump:.1f} s + "
            f"unpickled {c_load:.1f} s CPU"
        )
    print(f"(the column table is built in {c_table:.1f} s CPU; scoring reads only it)")
    # 3. scoring on Dask, for real
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=50,
        ) as lc,
        Client(lc) as client,
    ):
        t0 = time.perf_counter()
        shared = client.scatter(cols, broadcast=True)
        chunks = np.array_split(pairs, workers)
        futures = [client.submit(score_table, shared, chunk, pure=False) for chunk in chunks]
        parts = client.gather(futures)
        wall = time.perf_counter() - t0
    got = np.concatenate([p[0] for p in parts])
    same = bool(np.array_equal(got, scores))
    print(
        f"scoring on {workers} Dask workers: {wall:.1f} s wall (table sent once, pairs in "
        f"{workers} chunks), one process {w_score:.1f} s wall; scores equal: {same}  "
        f"(load {os.getloadavg()[0]:.2f})",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("reports", type=int, nargs="*", default=[100_000])
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    print(f"{os.cpu_count()} cores")
    for n in args.reports:
        run(n, args.workers)


if __name__ == "__main__":
    main()
