"""`casefile users`, `casefile serve` and `casefile audit` as an administrator runs them."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow
PASSWORD = b"correct horse battery staple\n"


def test_users_add_list_token(cli) -> None:
    r = cli("users", "add", "ana", "--role", "analyst", "--password-stdin", stdin=PASSWORD)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "added ana (analyst)"
    again = cli("users", "add", "ana", "--password-stdin", stdin=PASSWORD)
    assert again.returncode == 2 and again.stderr.strip() == "error: user 'ana' exists already"
    short = cli("users", "add", "bo", "--password-stdin", stdin=b"short\n")
    assert short.returncode == 2 and "password too short" in short.stderr
    role = cli("users", "add", "cy", "--role", "boss", "--password-stdin", stdin=PASSWORD)
    assert "role 'boss': use one of viewer, analyst, admin" in role.stderr
    listed = json.loads(cli("users", "list", "--format", "json").stdout)
    assert [(u["name"], u["role"]) for u in listed] == [("ana", "analyst")]
    token = cli("users", "token", "ana", "--label", "script").stdout.strip()
    assert token.startswith("cf_") and len(token) > 40
    assert "password_hash" not in cli("audit", "log", "--format", "json").stdout


def test_serve_refuses_a_public_address_without_users(cli) -> None:
    r = cli("serve", "--host", "0.0.0.0", "--port", "1")
    assert r.returncode == 2
    assert r.stderr.startswith("error: refusing to listen on 0.0.0.0 with no users defined")


def test_serve_answers_on_loopback(cli, tmp_path: Path) -> None:
    cli("users", "add", "vic", "--password-stdin", stdin=PASSWORD)
    token = cli("users", "token", "vic").stdout.strip()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    log = tmp_path / "serve.log"
    with (
        log.open("w") as out,
        subprocess.Popen(
            [sys.executable, "-m", "casefile", "serve", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        ) as server,
    ):
        try:
            url = f"http://127.0.0.1:{port}"
            me = _wait(f"{url}/api/v1/me", {"Authorization": f"Bearer {token}"})
            assert me.status_code == 200 and me.json()["name"] == "vic"
            assert httpx.get(f"{url}/api/v1/incidents").status_code == 401
            js = httpx.get(f"{url}/static/vendor/leaflet-1.9.4/leaflet.js")
            assert js.status_code == 200 and "Leaflet" in js.text[:300]
        finally:
            server.terminate()
            server.wait(10)
    assert f"casefile serves http://127.0.0.1:{port}/ (1 users)" in log.read_text()


def test_audit_verify_intact_then_a_tampered_copy(cli, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"r{i}.txt").write_text(f"Report {i}: six POWs were shot.\n")
    assert cli("ingest", "in").returncode == 0
    cli("users", "add", "adam", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    ok = cli("audit", "verify")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip().startswith("audit log intact: 4 entries, chain verified, head #4")
    # A copy, with its head, edited behind casefile's back.
    shutil.copy(tmp_path / "casefile.db", tmp_path / "copy.db")
    shutil.copy(tmp_path / "casefile.db.audit-head", tmp_path / "copy.db.audit-head")
    db = sqlite3.connect(tmp_path / "copy.db")
    db.executescript(
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
        "UPDATE audit_log SET actor = 'nobody' WHERE seq = 1;"
        "DELETE FROM audit_log WHERE seq = 2;"
        "DELETE FROM audit_log WHERE seq = 4;"
    )
    db.commit()
    db.close()
    bad = cli("--db", "copy.db", "audit", "verify")
    assert bad.returncode == 1
    assert bad.stderr.splitlines() == [
        "entry #1: edited or forged (its content does not match its MAC)",
        "entry #2 is missing (deleted)",
        "the log ends at #3 but the head records #4 "
        f"({json.loads((tmp_path / 'copy.db.audit-head').read_text())['at']}): "
        "entry #4 is missing (deleted)",
        "audit log TAMPERED: 3 problems in 2 entries",
    ]
    assert cli("audit", "verify").returncode == 0  # the original is untouched


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, headers: dict[str, str]) -> httpx.Response:
    for _ in range(300):
        try:
            return httpx.get(url, headers=headers)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered")
