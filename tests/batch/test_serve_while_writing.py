"""The API answers, and answers right, while ``casefile analyze --workers 2`` writes to its
store (a team server: analysts read while an ingest job runs), on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from casefile.api import create_app
from casefile.auth import hash_password, issue_token
from casefile.model import Document
from casefile.store import Store
from casefile.store.view import IncidentQuery

pytestmark = [pytest.mark.dask, pytest.mark.slow]

API = "/api/v1"
# Reports written for this test, one act each; 96 of them make three partitions of 32.
ACTS = [
    "A drone struck a bus stop in Kherson on {d} May 2024, killing two civilians.",
    "Artillery shelled a school in Kharkiv on {d} June 2023, killing a teacher.",
    "Three men were tortured in a basement in Izium on {d} April 2022.",
]


def test_api_answers_while_analyze_on_dask_writes(
    fresh_store: Store, live_server: Callable[[Any], Any], tmp_path: Path
) -> None:
    store = fresh_store
    with store.writer() as w:
        for k in range(96):
            text = ACTS[k % 3].format(d=k % 28 + 1) + f" Report {k}."
            w.add_document(Document.from_text(text, name=f"r{k:03d}", published="2024-07-01"))
        w.add_user("vic", "viewer", hash_password("a long enough password"))
    token = issue_token(store, "vic", "test")
    server = live_server(create_app(store))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    job = subprocess.Popen(
        [sys.executable, "-m", "casefile", "--db", store.url, "analyze", "--workers", "2"],
        cwd=tmp_path,
        env={**env, "NO_COLOR": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    totals: list[int] = []
    polls_while_writing = 0
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as client:
        while True:
            running = job.poll() is None
            r = client.get(f"{API}/incidents", params={"limit": 500, "sort": "date"})
            # every answer is whole: a page holds what its total says, each item complete
            assert r.status_code == 200, r.text
            body = r.json()
            assert len(body["items"]) == body["total"]
            assert all(i["type"] and i["document"]["name"] for i in body["items"])
            dates = [i["date"]["start"] for i in body["items"] if i["date"]]
            assert dates == sorted(dates)
            totals.append(body["total"])
            if not running:
                break
            polls_while_writing += 1
            time.sleep(0.05)
    out, err = job.communicate()
    assert job.returncode == 0, err
    assert out.strip().startswith("96 analysed")
    # it read during the job; what it saw only grew; it ends on all of it (one incident each)
    assert polls_while_writing > 0
    assert totals == sorted(totals)
    final = store.view.page_incidents(IncidentQuery(limit=None))
    assert totals[-1] == final.total == 96
