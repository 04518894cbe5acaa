"""The CLI as a user meets it: subprocesses, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def write_reports(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"r{i:04d}.txt").write_text(
            f"---\npublished: 2024-10-{1 + i % 28:02d}\n---\n"
            f"Report {i}: Russian troops shot {i % 9 + 2} "
            f"Ukrainian prisoners of war near Pokrovsk on October {1 + i % 28}.\n"
        )


def test_ingest_summary_and_idempotence(cli, tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 3)
    first = cli("ingest", "in")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().endswith("3 new, 0 already known, 0 rejected")
    again = cli("ingest", "in")
    assert again.stdout.strip().endswith("0 new, 3 already known, 0 rejected")
    assert (tmp_path / "casefile.db").exists()


def test_rejected_files_get_one_line_each_and_exit_1(cli, tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "bin.txt").write_bytes(b"\x00\x01" * 100)
    (tmp_path / "in" / "bad.jsonl").write_text('{"doc_id": "x", "text": "ok"}\n{broken\n')
    r = cli("ingest", "in")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "empty.txt: file is empty" in r.stderr
    assert "bin.txt: file looks binary" in r.stderr
    assert "bad.jsonl:2: not valid JSON" in r.stderr
    assert r.stdout.strip().endswith("3 new, 0 already known, 3 rejected")


def test_fallback_decoding_is_said(cli, tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 in Kyiv was shelled.".encode("cp1252"))
    r = cli("ingest", "latin.txt")
    assert r.returncode == 0
    assert "latin.txt: not valid UTF-8" in r.stderr and "decoded as cp1252" in r.stderr


def test_ingest_stdin_and_metadata_flags(cli, tmp_path: Path) -> None:
    r = cli(
        "ingest",
        "-",
        "--publisher",
        "ISW",
        "--published",
        "2025-02-20",
        stdin=b"Six POWs were shot near Robotyne on the 17th.",
    )
    assert r.returncode == 0, r.stderr
    db = sqlite3.connect(tmp_path / "casefile.db")
    assert db.execute("select publisher, published from documents").fetchall() == [
        ("ISW", "2025-02-20")
    ]


def test_db_option_and_env(cli, tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 1)
    assert cli("--db", "other.db", "ingest", "in").returncode == 0
    assert (tmp_path / "other.db").exists()
    assert cli("ingest", "in", env={"CASEFILE_DB": "env.db"}).returncode == 0
    assert (tmp_path / "env.db").exists()


def test_analyze_then_incidents_in_three_formats(cli, tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 2)
    cli("ingest", "in")
    r = cli("analyze")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("2 analysed")
    assert "2 incidents fused into" in r.stdout  # analyze fuses what it adds
    again = cli("analyze", "--no-fuse")
    assert again.stdout.startswith("0 analysed") and "fused" not in again.stdout  # nothing new
    rows = json.loads(cli("incidents", "--format", "json").stdout)
    assert len(rows) == 2 and {x["type"] for x in rows} == {"execution_of_pows"}
    assert all(x["place"]["name"] == "Pokrovsk" for x in rows)
    csv_out = cli("incidents", "--format", "csv", "--type", "execution_of_pows").stdout
    assert csv_out.splitlines()[0].startswith("id,document,type") and len(csv_out.splitlines()) == 3
    assert "Execution of POWs" in cli("incidents").stdout
    assert json.loads(cli("incidents", "--format", "json", "--type", "torture").stdout) == []


def test_bad_option_values_are_one_line(cli) -> None:
    r = cli("incidents", "--type", "massacre")
    assert r.returncode == 2 and "not an incident type" in r.stderr and "Traceback" not in r.stderr


def test_extract_jsonl_bad_lines_get_error_records(cli, tmp_path: Path) -> None:
    big = json.dumps({"doc_id": "huge", "text": "x" * 2_000_000})
    lines = [
        json.dumps(
            {
                "doc_id": "ok",
                "text": "Russian troops shot six unarmed POWs near Robotyne.",
                "published": "2024-02-20",
            }
        ),
        "{not json",
        json.dumps({"doc_id": "notext"}),
        big,
        json.dumps({"doc_id": "last", "text": "Nothing happened."}),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    r = cli("--set", "max_bytes=1000000", "extract", "--jsonl", "in.jsonl")
    records = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["doc_id"] for x in records] == ["ok", "line 2", "notext", "huge", "last"]
    assert records[0]["incidents"][0]["type"] == "execution_of_pows"
    assert "not valid JSON" in records[1]["error"]
    assert "missing 'text'" in records[2]["error"]
    assert "over the limit" in records[3]["error"]
    assert records[4]["incidents"] == []
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_demo_uses_its_own_database(cli, tmp_path: Path) -> None:
    r = cli("demo")
    assert r.returncode == 0, r.stderr
    assert "Incidents by type" in r.stdout and "Execution of POWs" in r.stdout
    assert not (tmp_path / "casefile.db").exists()
    assert (tmp_path / "demo.db").exists() and "casefile --db demo.db incidents" in r.stdout
    rows = json.loads(cli("--db", "demo.db", "incidents", "--format", "json").stdout)
    assert {row["type"] for row in rows} >= {"execution_of_pows", "attack_on_civilians"}
    # and a brief of the examples, where it says
    assert "brief of the examples: casefile-demo/brief.md, casefile-demo/brief.html" in r.stdout
    assert (tmp_path / "casefile-demo" / "brief.md").read_text().startswith("# Brief of the")


def test_sigkill_halfway_leaves_a_consistent_database(tmp_path: Path) -> None:
    """Kill `casefile ingest` mid-run; the database is intact and a rerun completes it."""
    write_reports(tmp_path / "in", 600)
    db = tmp_path / "casefile.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "casefile", "ingest", "in"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(db, timeout=1) as c:
                stored = c.execute("select count(*) from documents").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 100:
            break
    assert proc.poll() is None, "ingest finished before it could be killed: make the input larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as c:
        assert c.execute("pragma integrity_check").fetchone()[0] == "ok"
        after_kill = c.execute("select count(*) from documents").fetchone()[0]
    assert 100 <= after_kill < 600
    r = subprocess.run(
        [sys.executable, "-m", "casefile", "ingest", "in"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert f"{600 - after_kill} new, {after_kill} already known" in r.stdout
    with sqlite3.connect(db) as c:
        assert c.execute("select count(*), count(distinct id) from documents").fetchone() == (
            600,
            600,
        )
