"""Filtered incident and case lists at size, on SQLite and PostgreSQL: p50/p95 and plans.

    python bench/list_queries.py --incidents 100000 --backend sqlite
    python bench/list_queries.py --incidents 1000000 --backend postgres --explain

1. builds a store of ``--incidents`` synthetic incidents (reused if the file or database
   already holds them): three incidents a document; types, regions, places, units, dates
   and counts drawn with skewed, war-like distributions (a few regions and units hold most
   incidents; more in 2022; 4% undated, 10% dated to a month); 1% reviewed by an analyst,
   so the list's second part (reviewed incidents, values in force) is not empty;
   ``--backend postgres`` starts a throwaway PostgreSQL server (as tests/conftest.py does)
   unless ``--db`` names one; the rows go in by bulk insert, not through Writer (a bench
   of the reads, built in minutes);
2. runs each list query of QUERIES ``--repeat`` times through ``View.page_incidents`` /
   ``View.page_cases`` (50 a page, counted as far as the API counts, COUNT_LIMIT; two also
   counted to the end) and prints p50 and p95 in ms, the load average, and the CPU time a
   call took, here and in the PostgreSQL server's processes (a mean: on a shared machine
   the wall time is what the other processes left, the CPU time what the query costs);
3. with ``--explain`` on PostgreSQL, prints EXPLAIN ANALYZE of the page statement of each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, insert, select, text

from casefile.model import sha256
from casefile.store import Store
from casefile.store import tables as t
from casefile.store.view import CASE_COUNT_LIMIT, COUNT_LIMIT, IncidentQuery
from casefile.vocab import INCIDENT_TYPES

# Regions with a weight (share of incidents) and a point in each.
REGIONS = {
    "Donetsk Oblast": (30, 48.0, 37.8),
    "Kharkiv Oblast": (16, 49.99, 36.23),
    "Kherson Oblast": (12, 46.64, 32.61),
    "Zaporizhzhia Oblast": (10, 47.84, 35.14),
    "Kyiv Oblast": (8, 50.45, 30.52),
    "Luhansk Oblast": (7, 48.57, 39.31),
    "Mykolaiv Oblast": (4, 46.97, 31.99),
    "Sumy Oblast": (4, 50.91, 34.80),
    "Chernihiv Oblast": (3, 51.49, 31.29),
    "Dnipropetrovsk Oblast": (3, 48.46, 35.04),
    "Odesa Oblast": (2, 46.48, 30.72),
    "Kursk Oblast": (1, 51.73, 36.19),
}
TYPE_WEIGHTS = {
    "attack_on_civilians": 40,
    "killing_of_civilians": 18,
    "unlawful_detention": 12,
    "torture": 10,
    "execution_of_pows": 6,
    "deportation": 5,
    "sexual_violence": 3,
    "other_violation": 6,
}
UNITS = [  # Zipf-like: the first named most often
    "Russian forces",
    "Russian Armed Forces",
    "155th Naval Infantry Brigade",
    "64th Motorized Rifle Brigade",
    "30th Motorized Rifle Brigade",
    "76th Guards Air Assault Division",
    "2nd Combined Arms Army",
    "810th Naval Infantry Brigade",
    "Wagner Group",
    "Rosgvardia",
    *(f"{n}th Motorized Rifle Regiment" for n in range(100, 140)),
]
YEAR_WEIGHTS = {2022: 45, 2023: 25, 2024: 20, 2025: 10}
PER_DOCUMENT = 3
assert set(TYPE_WEIGHTS) == set(INCIDENT_TYPES.values)


def synthetic(n: int, seed: int = 14) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Documents (as rows) with their incidents (as rows), ``n`` incidents in all."""
    rnd = random.Random(seed)
    regions, weights = list(REGIONS), [w for w, _, _ in REGIONS.values()]
    types, type_w = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    unit_w = [1 / (k + 1) for k in range(len(UNITS))]
    years, year_w = list(YEAR_WEIGHTS), list(YEAR_WEIGHTS.values())
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for d in range(math.ceil(n / PER_DOCUMENT)):
        doc_text = f"Synthetic report {d} of several incidents."
        doc_id = sha256(doc_text)
        doc = {
            "id": doc_id,
            "sha256": doc_id,
            "name": f"synthetic-{d:07d}",
            "title": None,
            "publisher": "Bench",
            "url": None,
            "published": "2025-06-01",
            "language": "en",
            "media_type": "text/plain",
            "source_path": None,
            "text": doc_text,
            "original": doc_text.encode(),
            "notes": [],
            "ingested_at": now,
        }
        rows = []
        for seq in range(min(PER_DOCUMENT, n - d * PER_DOCUMENT)):
            region = rnd.choices(regions, weights)[0]
            _, lat, lon = REGIONS[region]
            year = rnd.choices(years, year_w)[0]
            shape = rnd.random()
            if shape < 0.04:
                start = end = None
            elif shape < 0.14:
                start = end = f"{year}-{rnd.randint(1, 12):02d}"
            else:
                start = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
                end = start
            unit = rnd.choices(UNITS, unit_w)[0]
            count = int(rnd.lognormvariate(1.0, 1.1)) + 1 if rnd.random() < 0.7 else None
            rows.append(
                {
                    "id": sha256(f"{doc_id}/{seq}"),
                    "document_id": doc_id,
                    "seq": seq,
                    "type": rnd.choices(types, type_w)[0],
                    "summary": f"Incident {d}.{seq} in {region}.",
                    "date_start": start,
                    "date_end": end,
                    "place_name": f"Settlement {int(rnd.paretovariate(1.2)) % 3000}",
                    "country": "UA" if region != "Kursk Oblast" else "RU",
                    "admin1": region,
                    "lat": lat + rnd.uniform(-0.8, 0.8),
                    "lon": lon + rnd.uniform(-0.8, 0.8),
                    "precision": "settlement",
                    "victim_category": rnd.choice(("civilian", "civilian", "pow", "unknown")),
                    "count_low": None,
                    "count_best": count,
                    "count_high": None,
                    "certainty": rnd.choices(["reported", "alleged", "confirmed"], [6, 3, 1])[0],
                    "perpetrators": [{"name": unit, "kind": "unit"}],
                    "perpetrator_names": f"|{unit}|",
                    "evidence": [],
                    "attribution": [],
                    "case_id": None,
                }
            )
        yield doc, rows


def build(store: Store, n: int) -> None:
    """Fill ``store`` with ``n`` synthetic incidents, unless it holds them already."""
    with store.engine.connect() as c:
        have = c.execute(select(func.count()).select_from(t.incidents)).scalar_one()
    if have == n:
        print(f"reusing {n:,} incidents", file=sys.stderr)
        return
    if have:
        raise SystemExit(f"{store.url} holds {have} incidents, not {n}: use another --db")
    began = time.perf_counter()
    docs: list[dict[str, Any]] = []
    incidents: list[dict[str, Any]] = []
    reviewed: list[dict[str, Any]] = []
    rnd = random.Random(5)

    def flush() -> None:
        with store.engine.begin() as c:
            c.execute(insert(t.documents), docs)
            c.execute(insert(t.incidents), incidents)
            if reviewed:
                c.execute(insert(t.reviews), reviewed)
        docs.clear(), incidents.clear(), reviewed.clear()

    for doc, rows in synthetic(n):
        docs.append(doc)
        incidents.extend(rows)
        for row in rows:
            if rnd.random() < 0.01:  # an analyst confirmed it, one in five moved its date
                moved = rnd.random() < 0.2
                reviewed.append(_review(row["id"], "2023-05-05" if moved else None))
        if len(incidents) >= 20_000:
            flush()
            print(".", end="", file=sys.stderr, flush=True)
    if docs:
        flush()
    if store.engine.dialect.name == "postgresql":  # as autovacuum leaves a table that settled
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE"))
    # (SQLite: no ANALYZE, as casefile runs none; View's queries are written for that)
    print(f"\rbuilt {n:,} incidents in {time.perf_counter() - began:.0f} s", file=sys.stderr)


def _review(incident_id: str, date: str | None) -> dict[str, Any]:
    values = {c.name: None for c in t.reviews.c}
    values.update(
        target_type="incident",
        target_id=incident_id,
        status="confirmed",
        updated_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
        updated_by="bench",
    )
    if date:
        values.update(date_start=date, date_end=date)
    return values


# name -> the query (50 a page)
QUERIES: dict[str, IncidentQuery] = {
    "all, by date": IncidentQuery(),
    "all, newest first": IncidentQuery(sort="-date"),
    "type": IncidentQuery(type="execution_of_pows"),
    "region": IncidentQuery(admin1="Kherson Oblast"),
    "type + region": IncidentQuery(type="torture", admin1="Kharkiv Oblast"),
    "type + region + year": IncidentQuery(
        type="attack_on_civilians", admin1="Donetsk Oblast", since="2023-01-01", until="2023-12-31"
    ),
    "date range (3 months)": IncidentQuery(since="2024-03-01", until="2024-05-31"),
    "unit (substring)": IncidentQuery(unit="155th"),
    "certainty + sort by count": IncidentQuery(certainty=["confirmed"], sort="-count"),
    "region + sort by place": IncidentQuery(admin1="Sumy Oblast", sort="place"),
    "place (substring, rare)": IncidentQuery(place="kursk"),
    "text (substring, 3 found)": IncidentQuery(text="incident 12345."),
    "unit (substring, rare) + year": IncidentQuery(unit="125th", since="2024", until="2024"),
}


def measure(
    store: Store, repeat: int, explain: bool, only: list[str] | None = None
) -> list[tuple[str, str, float, float, int]]:
    """(list, query, p50 ms, p95 ms, total) for each query, incidents then cases; with
    ``only``, the lists whose "kind: name" (``cases: type + region``) holds one of those."""
    out = []
    calls: list[tuple[str, str, Callable[[], Any]]] = []
    for name, q in QUERIES.items():  # counted as far as the API counts
        capped = replace(q, count_limit=COUNT_LIMIT)
        calls.append(("incidents", name, lambda q=capped: store.view.page_incidents(q)))
    for name in ("all, by date", "type"):  # counted to the end
        calls.append(
            (
                "incidents",
                f"{name}, exact total",
                lambda q=QUERIES[name]: store.view.page_incidents(q),
            )
        )
    # deep in the list: the last page but one, by the cursor of the page before (keyset)
    # and by offset
    wanted = lambda kind, name: not only or any(w in f"{kind}: {name}" for w in only)  # noqa: E731
    typed = IncidentQuery(type="execution_of_pows", count_limit=COUNT_LIMIT)
    deeply = not only or any("page" in w or w in "incidents: type, page" for w in only)
    found = min(store.view.page_incidents(typed).total, COUNT_LIMIT) if deeply else 0
    pages = max(1, found // 50 - 1)
    deep = replace(typed, after=_cursor_at(store, typed, pages) if deeply else None)
    by_offset = replace(typed, offset=pages * 50)
    label = f"type, page {pages + 1}"
    calls.append(("incidents", f"{label} by cursor", lambda: store.view.page_incidents(deep)))
    calls.append(("incidents", f"{label} by offset", lambda: store.view.page_incidents(by_offset)))
    for name in ("type", "type + region", "type + region + year", "date range (3 months)"):
        capped = replace(QUERIES[name], count_limit=CASE_COUNT_LIMIT)  # as the API counts
        calls.append(("cases", name, lambda q=capped: store.view.page_cases(q)))
    calls = [c for c in calls if wanted(c[0], c[1])]
    if not calls:
        raise SystemExit(f"--only {only}: no list of the bench is named so")
    server = _server_processes(store)
    # What this process holds so far (casefile, SQLAlchemy, FastAPI's models ...) is never
    # freed: kept out of the collector's full passes, each of which took 250 ms here and fell
    # on one list's runs or another's (a tail of the process, not of the query)
    gc.collect()
    gc.freeze()
    for kind, name, call in calls:
        call()  # warm: the first call compiles statements and fills caches
        took = []
        cpu0, server0 = time.process_time(), _cpu_s(server)
        for _ in range(repeat):
            t0 = time.perf_counter()
            page = call()
            took.append((time.perf_counter() - t0) * 1000)
        client_ms = (time.process_time() - cpu0) / repeat * 1000
        server_ms = (_cpu_s(server) - server0) / repeat * 1000
        q = statistics.quantiles(took, n=20) if len(took) > 1 else took * 19
        out.append((kind, name, statistics.median(took), q[18], page.total))
        # ~ an estimate (PostgreSQL, far past the count limit), + a floor (counted so far)
        mark = "~" if getattr(page, "total_estimated", False) else ""
        mark = mark or ("+" if not getattr(page, "total_exact", True) else "")
        print(
            f"{kind:9} {name:30} p50 {out[-1][2]:8.1f} ms  p95 {q[18]:8.1f} ms  "
            f"total {page.total:>9,}{mark}  load {os.getloadavg()[0]:.1f}  "
            f"CPU {client_ms + server_ms:6.1f} ms/call ({client_ms:.1f} here"
            + (f" + {server_ms:.1f} server)" if server else ")"),
            flush=True,
        )
        if explain and store.engine.dialect.name == "postgresql":
            print(_explain(store, call))
    return out


def _server_processes(store: Store) -> list[int]:
    """The PostgreSQL server's processes (the postmaster's children), where it runs on this
    machine; none for SQLite (its CPU is this process's)."""
    if store.engine.dialect.name != "postgresql":
        return []
    with store.engine.connect() as c:
        backend = c.execute(text("SELECT pg_backend_pid()")).scalar_one()
    try:
        postmaster = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1]
    except OSError:
        return []  # a server elsewhere
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[1] == postmaster:
                out.append(int(stat.parent.name))
        except (OSError, IndexError):
            continue
    return out


def _cpu_s(pids: list[int]) -> float:
    """CPU seconds (user + system) the processes ``pids`` have used (10 ms ticks: a mean over
    the runs, not a single run's)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def _cursor_at(store: Store, q: IncidentQuery, pages: int) -> str | None:
    cursor = None
    for _ in range(pages):
        page = store.view.page_incidents(replace(q, after=cursor))
        cursor = page.next
    return cursor


def _explain(store: Store, call: Callable[[], Any]) -> str:
    """EXPLAIN ANALYZE of the first query ``call`` runs (the page's: a SET is no query)."""
    seen: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        seen.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", keep)
    try:
        call()
    finally:
        event.remove(store.engine, "before_cursor_execute", keep)
    statement, params = next(x for x in seen if x[0].lstrip().startswith(("SELECT", "WITH")))
    with store.engine.connect() as c:
        rows = c.exec_driver_sql("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + statement, params)
        return "\n".join("    " + r[0] for r in rows)


@contextmanager
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL server on 127.0.0.1 (tests/conftest.py's recipe); its URL."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not found:
        raise SystemExit("PostgreSQL server binaries not found (apt-get install postgresql)")
    bindir = found[-1].parent
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="casefile-bench-pg-", dir="/tmp" if as_root else None))
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(base, "postgres", "postgres")
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = lambda *cmd: subprocess.run([*prefix, *cmd], check=True, capture_output=True)  # noqa: E731
    run(
        str(bindir / "initdb"),
        "-D",
        str(base / "data"),
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync",
    )
    opts = (
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB "
        "-c max_wal_size=4GB"
    )
    run(
        str(bindir / "pg_ctl"),
        "start",
        "-w",
        "-D",
        str(base / "data"),
        "-l",
        str(base / "log"),
        "-o",
        opts,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(str(bindir / "pg_ctl"), "stop", "-D", str(base / "data"), "-m", "fast")
        shutil.rmtree(base, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--db", help="SQLite file or PostgreSQL URL (default: a new one)")
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE each (PostgreSQL)")
    ap.add_argument("--build-only", action="store_true", help="build the store, measure nothing")
    ap.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help='measure only the lists whose "kind: name" holds TEXT ("cases: type + region +'
        ' year", "incidents: date range"); repeatable',
    )
    args = ap.parse_args()
    os.environ.setdefault("CASEFILE_SECRET", "bench-secret-not-for-real-use-0123456789")
    os.environ.setdefault("XDG_STATE_HOME", tempfile.mkdtemp(prefix="casefile-bench-state-"))
    print(f"load average before: {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")

    def run(url: str) -> None:
        with Store(url) as store:
            build(store, args.incidents)
            if args.build_only:
                return
            print(f"{args.backend}, {args.incidents:,} incidents, {args.repeat} runs each")
            measure(store, args.repeat, args.explain, args.only)
        print(f"load average after: {os.getloadavg()[0]:.2f}")

    if args.db:
        run(args.db)
    elif args.backend == "sqlite":
        run(str(Path(tempfile.gettempdir()) / f"casefile-bench-lists-{args.incidents}.db"))
    else:
        with postgres() as url:
            run(url)


if __name__ == "__main__":
    main()
