"""A bounded load on loopback against `casefile serve` over 100,000 stored incidents.

    python bench/api_load.py                      # build the database once, then measure
    python bench/api_load.py --requests 500 --concurrency 1

1. builds (or reuses) a SQLite database of ``--incidents`` incidents in ``--db``: documents
   of ten incidents each, spread over oblasts, types, units and three years;
2. starts ``casefile serve`` on a free port of 127.0.0.1, with an API token;
3. sends ``--requests`` requests to each endpoint of ``--mix`` (``list``: GET /api/v1/incidents
   with type, date range, oblast, unit or bounding box; ``search``: the same list searched by
   words, ``q``, alone or with filters, common words and rare ones; 50 a page), from
   ``--concurrency`` clients, stopping after ``--seconds`` whatever happens; only ever to
   127.0.0.1;
4. prints requests/s and p50/p95/p99 latency, sequential and concurrent, per endpoint.

The target is p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from casefile.auth import add_user, issue_token
from casefile.model import Actor, Analysis, Count, DateRange, Document, Incident, Place
from casefile.store import Store
from casefile.vocab import INCIDENT_TYPES

OBLASTS = {  # name: (lat, lon) of a point in it
    "Donetsk Oblast": (48.0, 37.8),
    "Kharkiv Oblast": (49.99, 36.23),
    "Kherson Oblast": (46.64, 32.61),
    "Zaporizhzhia Oblast": (47.84, 35.14),
    "Kyiv Oblast": (50.45, 30.52),
    "Luhansk Oblast": (48.57, 39.31),
    "Mykolaiv Oblast": (46.97, 31.99),
    "Sumy Oblast": (50.91, 34.80),
    "Chernihiv Oblast": (51.49, 31.29),
    "Dnipropetrovsk Oblast": (48.46, 35.04),
    "Odesa Oblast": (46.48, 30.72),
    "Kursk Oblast": (51.73, 36.19),
}
UNITS = [
    "30th Motorized Rifle Brigade",
    "64th Motorized Rifle Brigade",
    "155th Naval Infantry Brigade",
    "76th Guards Air Assault Division",
    "Russian forces",
    "Wagner Group",
    "2nd Combined Arms Army",
    "810th Naval Infantry Brigade",
]
TYPES = INCIDENT_TYPES.values
PER_DOCUMENT = 10


def build(path: Path, incidents: int) -> Store:
    """A store holding ``incidents`` incidents (reused when it already does)."""
    store = Store(str(path))
    have = store.view.count_incidents()
    if have == incidents:
        return store
    if have:
        raise SystemExit(f"{path} holds {have} incidents, not {incidents}: remove it first")
    rnd = random.Random(5)
    start = time.perf_counter()
    docs = incidents // PER_DOCUMENT
    for batch in range(0, docs, 500):
        with store.writer() as w:
            for n in range(batch, min(batch + 500, docs)):
                text = " ".join(
                    f"Report {n}.{k}: an incident near a village." for k in range(PER_DOCUMENT)
                )
                doc = Document.from_text(text, name=f"bench-{n:06d}", published="2024-01-01")
                w.add_document(doc)
                made = []
                for k in range(PER_DOCUMENT):
                    oblast = rnd.choice(list(OBLASTS))
                    lat, lon = OBLASTS[oblast]
                    day = (
                        f"{rnd.choice((2022, 2023, 2024))}-{rnd.randint(1, 12):02d}-"
                        f"{rnd.randint(1, 28):02d}"
                    )
                    unit = rnd.choice(UNITS)
                    made.append(
                        Incident(
                            type=rnd.choice(TYPES),
                            summary=f"Incident {n}.{k} in {oblast}.",
                            date=DateRange(day, day),
                            place=Place(
                                f"Village {rnd.randint(1, 400)}",
                                "UA",
                                oblast,
                                lat + rnd.uniform(-0.8, 0.8),
                                lon + rnd.uniform(-0.8, 0.8),
                                "settlement",
                            ),
                            perpetrators=[Actor(unit, "unit" if "Brigade" in unit else "force")],
                            victim_category=rnd.choice(("pow", "civilian", "unknown")),
                            count=Count(best=rnd.randint(1, 30)),
                            spans=[(k * 40, k * 40 + 30)],
                        )
                    )
                w.add_analysis(Analysis(doc, incidents=made, extractor="bench"))
        print(
            f"\rbuilding: {min(batch + 500, docs) * PER_DOCUMENT} incidents",
            end="",
            file=sys.stderr,
        )
    print(f"\rbuilt {incidents} incidents in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return store


def searches(rnd: random.Random) -> str:
    """One full-text search of the incidents, as the map's search box sends it: a word that
    most hold, one a few hold, with and without filters."""
    oblast = rnd.choice(list(OBLASTS))
    year = rnd.choice((2022, 2023, 2024))
    rare = rnd.randint(0, 9_999)  # "Incident 1234.5": a number a few incidents hold
    choices = [
        f"q={oblast.split()[0]}",  # about one in twelve
        f"q={rnd.choice(UNITS).split()[-1]}&since={year}-01-01&until={year}-12-31",
        f"q={rare}",
        f"q=village+{rnd.randint(1, 400)}&type={rnd.choice(TYPES)}",
        f"q={rnd.choice(UNITS).split()[0]}+{oblast.split()[0]}&sort=-date",
    ]
    return "/api/v1/incidents?" + rnd.choice(choices) + "&limit=50"


def queries(rnd: random.Random) -> str:
    """One list-with-filters request, as the map page sends them."""
    oblast = rnd.choice(list(OBLASTS))
    year = rnd.choice((2022, 2023, 2024))
    lat, lon = OBLASTS[oblast]
    choices = [
        f"type={rnd.choice(TYPES)}&admin1={oblast}&since={year}-01-01&until={year}-12-31",
        f"admin1={oblast}&since={year}-03-01&until={year}-06-30&sort=-date",
        f"unit={rnd.choice(UNITS).split()[0]}&type={rnd.choice(TYPES)}",
        f"bbox={lon - 1:.2f},{lat - 1:.2f},{lon + 1:.2f},{lat + 1:.2f}&since={year}-01-01",
        f"type={rnd.choice(TYPES)}&certainty=reported&sort=-count",
    ]
    return "/api/v1/incidents?" + rnd.choice(choices) + "&limit=50"


MIX = {"list": queries, "search": searches}


def load(
    url: str,
    token: str,
    requests: int,
    concurrency: int,
    seconds: float,
    make: Callable[[random.Random], str] = queries,
) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    todo = iter(range(requests))

    def client(seed: int) -> None:
        rnd = random.Random(seed)
        with httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30
        ) as c:
            while time.monotonic() < deadline:
                with lock:
                    if next(todo, None) is None:
                        return
                path = make(rnd)
                t0 = time.perf_counter()
                r = c.get(path)
                took = time.perf_counter() - t0
                with lock:
                    latencies.append(took)
                    if r.status_code != 200:
                        errors.append(f"{r.status_code} {path}")

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - start
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100) if len(ms) > 1 else ms * 99
    return {
        "requests": len(ms),
        "errors": errors,
        "rps": len(ms) / wall,
        "p50": q[49],
        "p95": q[94],
        "p99": q[98],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "casefile-bench-api.db"))
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=120, help="stop after this long anyway")
    ap.add_argument("--mix", default="list,search", help="what to send: list, search, or both")
    args = ap.parse_args()
    # 1. the database
    os.environ.setdefault("CASEFILE_SECRET", "bench-secret-not-for-real-use-0123456789")
    store = build(Path(args.db), args.incidents)
    if store.view.get_user("bench") is None:
        add_user(store, "bench", "viewer", "bench password 0123456789")
    token = issue_token(store, "bench", "bench/api_load.py", days=1)
    store.close()
    # 2. the server, on loopback only
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "casefile", "--db", args.db, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                httpx.get(url + "/login", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        load(url, token, 20, 1, 30)  # warm up: caches, connection pool
        # 3. and 4. sequential, then concurrent, per endpoint
        print(
            f"GET /api/v1/incidents, 50 a page, over {args.incidents:,} incidents "
            f"(SQLite, one uvicorn process, {os.cpu_count()} cores shared with the "
            f"clients; load average before: {os.getloadavg()[0]:.1f})"
        )
        for name in args.mix.split(","):
            print(f" {name}:")
            for clients, n in ((1, max(1, args.requests // 4)), (args.concurrency, args.requests)):
                got = load(url, token, n, clients, args.seconds, MIX[name])
                verdict = "meets" if got["p95"] < 100 else "MISSES"
                print(
                    f"  {clients} client{'s' if clients > 1 else ''}: {got['requests']} requests, "
                    f"{got['rps']:.1f} requests/s, p50 {got['p50']:.1f} ms, "
                    f"p95 {got['p95']:.1f} ms, p99 {got['p99']:.1f} ms, "
                    f"{len(got['errors'])} errors ({verdict} the p95 < 100 ms target; "
                    f"load average {os.getloadavg()[0]:.1f})"
                )
                for e in got["errors"][:5]:
                    print("    error:", e)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
