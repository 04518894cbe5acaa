"""Ingest and extraction throughput at size, in one process and on Dask with 1 and 2 workers.

    python bench/batch.py --docs 10000 50000 --workers 1 2

For each size:

1. writes ``--docs`` synthetic reports to a JSONL file: each is 3 to 9 sentences drawn at
   random (seeded) from the bundled example reports (casefile/examples, written for the
   project), with a report number, so every document is new to the store;
2. ingests them into a new SQLite store (``casefile.ingest``): documents/s;
3. times the Pipeline alone (no store) on 300 of them: a worker's CPU per document;
4. analyses copies of that store: in this process (``casefile.analyze``, the baseline)
   and on a local Dask cluster of each ``--workers`` count (``casefile.batch.dask``);
   documents/s, incidents, and the peak resident memory of each worker process; the
   set-up (building the pipeline, once per worker and run) is timed apart on an empty store
   and rates "after set-up" leave it out;
   and the client's CPU per document (reading, unpickling and writing: what does not
   divide over the workers);
5. prints the scaling efficiency of the largest worker count over 1 worker
   (speed-up / workers; 1.0 is perfect) and checks that every run stored the same
   incidents; and the store's share of a one-process run (ms per document written).

The machine's load average is printed before and after: on a shared machine, throughput
and efficiency are only as good as the cores that were free.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from casefile import analyze, ingest
from casefile.batch.dask import analyze_on_dask, dask_client
from casefile.extract.pipeline import Pipeline
from casefile.sources import read_path
from casefile.store import Store
from casefile.store import tables as t

EXAMPLES = Path(__file__).resolve().parents[1] / "casefile" / "examples"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def sentences() -> list[str]:
    """Every sentence of the bundled example reports (our own texts), once each."""
    out: list[str] = []
    for item in read_path(str(EXAMPLES)):
        text = getattr(item, "text", "")
        for para in text.split("\n"):
            out += [s.strip() for s in SENTENCE.split(para) if len(s.split()) >= 5]
    return sorted(set(out))


def write_documents(path: Path, n: int, seed: int = 14) -> None:
    pool = sentences()
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for k in range(n):
            body = " ".join(rnd.sample(pool, rnd.randint(3, 9)))
            year = rnd.choice((2022, 2023, 2024))
            rec = {
                "doc_id": f"synthetic-{k:06d}",
                "publisher": "Synthetic Wire",
                "published": f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                "title": f"Synthetic report {k}",
                "text": f"Report {k}. {body}",
            }
            f.write(json.dumps(rec) + "\n")


def stored_incidents(url: str) -> list[tuple[str, str]]:
    with Store(url) as store, store.engine.connect() as c:
        return sorted(c.execute(select(t.incidents.c.id, t.incidents.c.type)).all())


def _cpu() -> float:
    """CPU seconds this process (the client) has used, user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_size(
    n: int,
    workers: list[int],
    folder: Path,
    partition: int,
    only_ingest: bool,
    with_process: bool = True,
) -> None:
    print(f"\n== {n:,} documents (load average {os.getloadavg()[0]:.2f})", flush=True)
    jsonl = folder / f"docs-{n}.jsonl"
    write_documents(jsonl, n)
    base = folder / f"ingested-{n}.db"
    base.unlink(missing_ok=True)
    # 2. ingest
    with Store(str(base)) as store:
        t0 = time.perf_counter()
        report = ingest(store, [str(jsonl)])
        took = time.perf_counter() - t0
    print(f"ingest          {len(report.new):>7,} docs  {took:7.1f} s  {n / took:8.1f} docs/s")
    if only_ingest:
        base.unlink()
        jsonl.unlink()
        return
    # 3. extraction alone (no store) on a sample: what a worker's CPU costs per document
    with Store(str(base)) as store:
        sample = [d for _, d in zip(range(min(n, 300)), store.view.iter_documents(), strict=False)]
    pipeline = Pipeline.from_settings()
    pipeline(sample[0])  # loads the model and the gazetteer before timing
    t0 = time.perf_counter()
    for doc in sample:
        pipeline(doc)
    extract_s = (time.perf_counter() - t0) / len(sample)
    print(f"extract only    {len(sample):>7,} docs  {extract_s * 1000:7.1f} ms/doc (no store)")
    # 4. analyse: in this process, then on Dask
    results: dict[str, float] = {}
    reference = None
    runs = [("1 process", 0)] if with_process else []
    runs += [(f"dask, {w} worker{'s' * (w > 1)}", w) for w in workers]
    for label, w in runs:
        db = folder / f"run-{n}-{w}.db"
        shutil.copy(base, db)
        head = Path(f"{base}.audit-head")  # the audit log's head goes with its database
        if head.exists():
            shutil.copy(head, f"{db}.audit-head")
        empty = folder / "empty.db"
        with Store(str(db)) as store, Store(str(empty)) as nothing:
            if w == 0:
                t0 = time.perf_counter()
                analyze(nothing)  # the fixed cost: building the pipeline
                setup = time.perf_counter() - t0
                t0 = time.perf_counter()
                done = analyze(store)
                took = time.perf_counter() - t0
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                memory = f"peak RSS {rss:.0f} MB"
            else:
                with dask_client(workers=w) as client:
                    client.run(lambda: None)  # the workers are up: their start is not timed
                    t0 = time.perf_counter()
                    analyze_on_dask(nothing, client)  # the fixed cost: a pipeline per worker
                    setup = time.perf_counter() - t0
                    t0, cpu0 = time.perf_counter(), _cpu()
                    done = analyze_on_dask(store, client, partition_size=partition)
                    took, client_cpu = time.perf_counter() - t0, _cpu() - cpu0
                    peaks = client.run(
                        lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                    )
                memory = "peak RSS per worker " + ", ".join(f"{v:.0f}" for v in peaks.values())
                memory += f" MB; client CPU {client_cpu / n * 1000:.1f} ms/doc"
                memory += f" ({client_cpu / took:.2f} of a core)"
        empty.unlink()
        results[label] = n / (took - setup)
        incidents = stored_incidents(f"sqlite:///{db}")
        same = "" if reference is None else (" same" if incidents == reference else " DIFFER")
        reference = reference or incidents
        print(
            f"analyze {label:16} {done.analysed:>7,} docs  {took:7.1f} s  {n / took:8.1f} docs/s"
            f"  ({results[label]:.1f} docs/s after {setup:.1f} s of set-up)"
            f"  {done.incidents:,} incidents{same}  {memory}  (load {os.getloadavg()[0]:.2f})",
            flush=True,
        )
        db.unlink()
    if "1 process" in results:
        store_ms = (1 / results["1 process"] - extract_s) * 1000
        print(f"store share (1 process): {store_ms:.1f} ms/doc written (analyze - extraction)")
    if len(workers) > 1 and 1 in workers:
        most = max(workers)
        one = results["dask, 1 worker"]
        speedup = results[f"dask, {most} workers"] / one
        print(f"speed-up 1 -> {most} workers: {speedup:.2f}x, efficiency {speedup / most:.2f}")
        if "1 process" in results:
            print(f"dask 1 worker / 1 process: {one / results['1 process']:.2f}")
    base.unlink()
    jsonl.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[10_000, 50_000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--partition", type=int, default=32, help="documents per task")
    ap.add_argument("--ingest-only", action="store_true", help="time ingest, not analyze")
    ap.add_argument(
        "--no-process", action="store_true", help="only the Dask runs (no one-process baseline)"
    )
    args = ap.parse_args()
    os.environ.setdefault("CASEFILE_SECRET", "bench-secret-not-for-real-use-0123456789")
    folder = Path(tempfile.mkdtemp(prefix="casefile-bench-batch-"))
    os.environ.setdefault("XDG_STATE_HOME", str(folder / "state"))
    print(f"{os.cpu_count()} cores; load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    pool = sentences()
    words = statistics.mean(len(s.split()) for s in pool)
    print(f"{len(pool)} example sentences of {words:.0f} words on average; 3-9 a document")
    try:
        for n in args.docs:
            run_size(n, args.workers, folder, args.partition, args.ingest_only, not args.no_process)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nload average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
