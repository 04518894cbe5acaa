"""A hostile client against the server (#9): bodies capped before they are read, changes
authenticated before their body is, paging bounds and impossible dates refused (never 500),
lone surrogates in JSON bodies stored as U+FFFD."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from casefile.api import ServeConfig, create_app
from casefile.auth import issue_token
from casefile.store import Store

API = "/api/v1"
CAP = 64_000


@pytest.fixture
def capped(served: Any, live_server: Any) -> Iterator[tuple[httpx.Client, Any]]:
    """The stocked store served again with a small body cap (64 kB)."""
    server = live_server(create_app(served.store, ServeConfig(max_body=CAP)))
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client, served


def incident_url(served: Any) -> str:
    return f"{API}/incidents/{next(iter(served.ids.values()))}/judgements"


def test_a_body_over_the_cap_is_413(capped: tuple[httpx.Client, Any]) -> None:
    client, served = capped
    big = json.dumps({"action": "confirm", "reason": "x" * (CAP + 10)})
    declared = client.post(incident_url(served), content=big, headers=served.bearer("ana"))
    assert declared.status_code == 413 and "over the limit of 64,000" in declared.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield big.encode()

    streamed = client.post(incident_url(served), content=chunks(), headers=served.bearer("ana"))
    assert streamed.status_code == 413
    small = client.post(
        incident_url(served),
        json={"action": "confirm", "reason": "ok"},
        headers=served.bearer("ana"),
    )
    assert small.status_code == 200


def test_changes_authenticate_before_the_body_is_read(capped: tuple[httpx.Client, Any]) -> None:
    client, served = capped
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        r = client.post(incident_url(served), content=b"{not even json", headers=headers)
        assert r.status_code == 401, r.text  # not 422: the body was never parsed


@pytest.mark.parametrize(
    "path",
    [
        f"{API}/documents?offset={10**20}",
        f"{API}/incidents?offset={10**20}",
        f"{API}/statements?offset={10**20}",
        f"{API}/audit?before={10**30}",
        f"{API}/documents?limit=-1",
        f"{API}/incidents?since=2022-13-45",
        f"{API}/incidents?until=2022-02-31",
        f"/audit?before={10**30}",
    ],
)
def test_out_of_bounds_queries_are_400_not_500(served: Any, path: str) -> None:
    r = served.client.get(path, headers=served.bearer("adam"))
    assert r.status_code in (400, 422), (r.status_code, r.text[:300])


@pytest.mark.parametrize("date", ["2022-13-45", "2022-02-31", "2023-02-29"])
def test_impossible_dates_are_refused_in_edits(served: Any, date: str) -> None:
    body = {"action": "edit", "field": "date", "value": {"start": date}, "reason": "x"}
    r = served.client.post(incident_url(served), json=body, headers=served.bearer("ana"))
    assert r.status_code == 422 and "not a real date" in r.json()["error"], r.text
    ok = {"action": "edit", "field": "date", "value": {"start": "2024-02-29"}, "reason": "x"}
    assert served.client.post(
        incident_url(served), json=ok, headers=served.bearer("ana")
    ).is_success


def test_a_lone_surrogate_in_a_body_is_stored_as_replacement(served: Any) -> None:
    raw = '{"action": "confirm", "reason": "seen \\ud800 twice"}'
    r = served.client.post(
        incident_url(served),
        content=raw,
        headers={**served.bearer("ana"), "Content-Type": "application/json"},
    )
    assert r.status_code == 200, r.text
    judged = served.client.get(incident_url(served), headers=served.bearer("vic")).json()
    assert judged[0]["reason"] == "seen \ufffd twice"


# -- the real server in its own process, fed 300 MB


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_kb(pid: int, field: str = "VmRSS") -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    m = re.search(rf"^{field}:\s+(\d+) kB", status, re.M)
    assert m
    return int(m.group(1))


def _post_stream(port: int, path: str, headers: dict[str, str], total: int) -> int:
    """POST ``total`` bytes chunked (no length declared) over a raw socket, as fast as the
    server takes them; the status it answers (it may answer before taking them all)."""
    chunk = b"x" * 1_000_000
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        head = f"POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        head += "Content-Type: application/json\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        s.sendall(head.encode())
        sent = 0
        try:
            while sent < total:
                s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                sent += len(chunk)
            s.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server answered and closed: the rest was never read
        answer = s.recv(4096).decode("latin-1")
    m = re.match(r"HTTP/1.1 (\d+)", answer)
    assert m, answer
    return int(m.group(1))


@pytest.mark.slow
def test_300_mb_bodies_add_under_100_mb_to_the_real_server(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(str(db)) as store:
        with store.writer() as w:
            w.add_user("ana", "analyst", "not-a-real-hash")
        token = issue_token(store, "ana", "test")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    env |= {"CASEFILE_DB": str(db), "CASEFILE_AUDIT_HEAD": str(tmp_path / "head")}
    env |= {k: v for k, v in os.environ.items() if k.startswith("XDG_")}
    log = tmp_path / "server.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "casefile", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise AssertionError(log.read_text())
        before = _rss_kb(server.pid)
        path = f"{API}/incidents"
        assert _post_stream(port, path, {}, 300_000_000) == 401  # anonymous: never read
        bearer = {"Authorization": f"Bearer {token}"}
        assert _post_stream(port, path, bearer, 300_000_000) == 413  # cut at 10 MB
        peak = _rss_kb(server.pid, "VmHWM")
        print(f"server RSS {before} kB before, peak {peak} kB after 2 x 300 MB")
        assert peak - before < 100_000, f"RSS {before} kB before, peak {peak} kB"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
