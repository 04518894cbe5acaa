"""Four ``casefile ingest`` processes at once over overlapping folders (#9), on a new and on
an existing database, SQLite and PostgreSQL: every document stored once, none lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from casefile.store import Store
from casefile.store.audit import iter_entries

FILES = 60
PROCESSES = 4


def overlapping_folders(root: Path) -> list[Path]:
    """Folder k holds reports k*15 .. k*15+29 (mod 60): each report is in two folders."""
    folders = []
    for k in range(PROCESSES):
        folder = root / f"f{k}"
        folder.mkdir()
        for i in range(k * 15, k * 15 + 30):
            n = i % FILES
            (folder / f"r{n:02}.txt").write_text(f"Report {n}: a depot was struck on day {n}.\n")
        folders.append(folder)
    return folders


def ingest_at_once(db: str, folders: list[Path], cwd: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    env |= {"CASEFILE_DB": db, "NO_COLOR": "1"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "casefile", "ingest", str(f)],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in folders
    ]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert "0 rejected" in out, out


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_four_ingests_at_once_on_an_existing_database_store_everything_once(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """(On a new database: the test below, which ingests and analyses.)"""
    db = str(tmp_path / "c.db") if backend == "sqlite" else request.getfixturevalue("postgres_url")
    Store(db).close()  # migrated before the race: the writes race, not the migration
    ingest_at_once(db, overlapping_folders(tmp_path), tmp_path)
    with Store(db) as store:
        names = sorted(d.name for d in store.view.iter_documents())
        imports = [e for e in iter_entries(store.engine) if e.action == "document.import"]
        report = store.audit.verify(store.engine)
    assert names == [f"r{n:02}.txt" for n in range(FILES)]
    assert len(imports) == FILES  # each import audited once
    assert report.ok, report.lines()


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_four_processes_ingesting_and_analysing_at_once_on_a_new_database(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    db = str(tmp_path / "c.db") if backend == "sqlite" else request.getfixturevalue("postgres_url")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    env |= {"CASEFILE_DB": db, "NO_COLOR": "1"}
    folders = overlapping_folders(tmp_path)
    me = f"{sys.executable} -m casefile"
    procs = [
        subprocess.Popen(
            ["sh", "-c", f"{me} ingest {f} && {me} analyze"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in folders
    ]
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "0 failed" in out, out
    with Store(db) as store:
        assert store.view.count_documents() == FILES
        assert store.view.count_analyses() == FILES  # every document analysed, once
        report = store.audit.verify(store.engine)
    assert report.ok, report.lines()
