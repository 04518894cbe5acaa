"""What 100 million documents would take on a Dask cluster of N workers: a model on paper.

    python bench/cluster_model.py --extract-ms 35 --store-ms 4 --docs 100000000

The inputs are per-document costs measured by bench/batch.py on one core (extraction alone,
and the store's share of a one-process run) and Dask's documented per-task overhead. The
model is a pipeline of four stages, each with a rate in documents per second; the slowest
stage sets the pace and is the bottleneck:

- workers: ``N / extract`` (extraction is CPU-bound and independent per document);
- scheduler: ``tasks_per_s * partition`` (Dask's scheduler spends ``task_ms`` per task);
- client writer: ``writers / store`` (the client writes each partition in one transaction;
  one writer today; more only on PostgreSQL, where transactions write in parallel);
- database: ``db_rows_per_s / rows_per_doc`` (a PostgreSQL server's insert rate).

It prints, for each N, the rate, the bottleneck and the wall time for ``--docs``, and the
documents the client holds at once: it reads them from the store a batch at a time (200)
and keeps at most two partitions a worker in flight, so that memory does not grow with the
archive (listing them all at once, text included, would not fit at this size).
"""

from __future__ import annotations

import argparse

BATCH = 200  # documents View.iter_documents reads at a time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=float, default=100e6)
    ap.add_argument("--extract-ms", type=float, required=True, help="per document, one core")
    ap.add_argument("--store-ms", type=float, required=True, help="client write per document")
    ap.add_argument("--partition", type=int, default=32)
    ap.add_argument("--task-ms", type=float, default=1.0, help="scheduler time per task")
    ap.add_argument("--writers", type=int, default=1, help="client writers (1 today)")
    ap.add_argument("--db-rows-per-s", type=float, default=50_000, help="server insert rate")
    ap.add_argument("--rows-per-doc", type=float, default=8, help="rows a document writes")
    ap.add_argument("--doc-kb", type=float, default=6, help="text + original, per document")
    args = ap.parse_args()
    limits = {
        "scheduler": 1000 / args.task_ms * args.partition,
        "client writer": args.writers * 1000 / args.store_ms,
        "database": args.db_rows_per_s / args.rows_per_doc,
    }
    print(
        f"{args.docs:,.0f} documents; extraction {args.extract_ms} ms, store {args.store_ms} ms "
        f"a document; {args.partition} a task; {args.writers} writer(s)"
    )
    print(f"{'workers':>8} {'docs/s':>10} {'wall time':>12}  bottleneck")
    for n in (1, 2, 4, 8, 16, 32, 64, 128, 256, 512):
        rates = {"workers": n * 1000 / args.extract_ms, **limits}
        slowest = min(rates, key=lambda k: rates[k])
        rate = rates[slowest]
        hours = args.docs / rate / 3600
        wall = f"{hours / 24:.1f} days" if hours > 48 else f"{hours:.1f} h"
        print(f"{n:>8} {rate:>10,.0f} {wall:>12}  {slowest}")
    todo_gb = args.docs * args.doc_kb / 1e6
    for n in (16, 512):
        held = BATCH + 2 * n * args.partition  # casefile.batch.dask: in_flight = 2 a worker
        print(
            f"documents held by the client with {n} workers: {held:,} (about "
            f"{held * args.doc_kb / 1000:,.0f} MB); all at once would be {todo_gb:,.0f} GB"
        )


if __name__ == "__main__":
    main()
