"""Commands that write files write them whole or not at all; `-` on a terminal says it waits;
a folder's README and hidden files are skipped and named; the demo keeps demo.db (#10)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from casefile.sources import read_path

pytestmark = pytest.mark.slow

Cli = Callable[..., subprocess.CompletedProcess[str]]


def test_extract_of_a_missing_file_leaves_no_output(cli: Cli, tmp_path: Path) -> None:
    r = cli("extract", "--jsonl", "missing.jsonl", "--out", "records.jsonl")
    assert r.returncode == 2 and "missing.jsonl: cannot be read" in r.stderr
    assert not (tmp_path / "records.jsonl").exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # no temporary file left either
    (tmp_path / "records.jsonl").write_text("kept\n")
    cli("extract", "--jsonl", "missing.jsonl", "--out", "records.jsonl")
    assert (tmp_path / "records.jsonl").read_text() == "kept\n"  # an old file is not spoiled


def test_extract_and_incidents_write_their_out_file(cli: Cli, tmp_path: Path) -> None:
    line = {"doc_id": "a", "text": "Soldiers shot three captured men in Vuhledar on 2 May 2024."}
    (tmp_path / "in.jsonl").write_text(json.dumps(line) + "\n")
    r = cli("extract", "--jsonl", "in.jsonl", "--out", "out.jsonl")
    assert r.returncode == 0 and r.stdout == "" and "wrote out.jsonl" in r.stderr
    assert json.loads((tmp_path / "out.jsonl").read_text())["doc_id"] == "a"
    r = cli("incidents", "--format", "json", "--out", "none.json")
    assert r.returncode == 0 and json.loads((tmp_path / "none.json").read_text()) == []
    bad = cli("incidents", "--out", "no/such/folder/x.csv")
    assert bad.returncode == 2 and "does not exist" in bad.stderr


def test_stdin_from_a_terminal_says_it_waits(tmp_path: Path) -> None:
    leader, follower = os.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "casefile", "extract", "--jsonl", "-"],
        stdin=follower,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env={**env, "NO_COLOR": "1"},
    )
    os.close(follower)
    try:
        said = b""
        deadline = time.monotonic() + 60
        while b"Ctrl-D" not in said and time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stderr], [], [], 1)
            if ready:
                said += os.read(proc.stderr.fileno(), 4096)  # type: ignore[union-attr]
        assert b"reading standard input" in said and b"Ctrl-D" in said
        os.write(leader, b"\x04")  # Ctrl-D: end of input
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        os.close(leader)
        proc.wait()
        proc.stderr.close()  # type: ignore[union-attr]


def test_a_folder_skips_what_is_no_report(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("Not a report.")
    (tmp_path / "a.txt").write_text("A report.")
    (tmp_path / "sub" / "b.md").write_text("Another report.")
    (tmp_path / "README.md").write_text("How this folder is laid out.")
    (tmp_path / "LICENSE").write_text("Licence text.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / "table.csv").write_text("a,b\n")
    skipped: dict[str, str] = {}
    docs = list(read_path(tmp_path, on_skip=lambda p, why: skipped.update({Path(p).name: why})))
    assert sorted(d.name for d in docs) == ["a.txt", "b.md"]  # type: ignore[union-attr]
    assert skipped == {
        ".git": "a hidden folder",
        ".hidden.txt": "a hidden file",
        "LICENSE": "not a report (a LICENSE file)",
        "README.md": "not a report (a README file)",
        "table.csv": skipped["table.csv"],
    }
    assert skipped["table.csv"].startswith("not a kind of file casefile reads")
    # named on its own, a README is read: the user asked for it
    assert [d.name for d in read_path(tmp_path / "README.md")] == ["README.md"]  # type: ignore[union-attr]


def test_ingest_names_what_it_skipped(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text("Soldiers shot two captured men near Siversk.")
    (tmp_path / "in" / "README.md").write_text("About these reports.")
    r = cli("ingest", "in")
    assert r.returncode == 0, r.stderr
    assert "skipped in/README.md: not a report (a README file)" in r.stderr
    assert r.stdout.strip().endswith("1 new, 0 already known, 0 rejected, 1 skipped (not reports)")


def test_demo_keeps_demo_db_and_never_touches_casefile_db(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "casefile.db").write_bytes(b"")  # a user's database, empty here
    r = cli("demo", "--out", "casefile.db")
    assert r.returncode == 2 and "your database" in r.stderr
    assert (tmp_path / "casefile.db").read_bytes() == b""
