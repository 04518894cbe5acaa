"""Migrations that cannot half-happen (#9): killed with SIGKILL halfway, started by several
processes at once, or found half-made by an older casefile."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from casefile.errors import StoreError
from casefile.model import Document
from casefile.store import Store
from casefile.store.migrate import alembic_config, head_revision, repair, tables_by_revision

# Run in a child: migrate ``db`` and kill itself (SIGKILL, no clean-up) at the Nth table made.
KILLER = """
import os, signal, sys
from alembic.operations import Operations
made = 0
real = Operations.create_table
def create_table(self, *a, **kw):
    global made
    made += 1
    if made == int(sys.argv[2]):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(self, *a, **kw)
Operations.create_table = create_table
from casefile.store import Store
Store(sys.argv[1])
"""


def kill_during_migration(db: Path, at_table: int) -> None:
    got = subprocess.run(
        [sys.executable, "-c", KILLER, str(db), str(at_table)], capture_output=True, timeout=120
    )
    assert got.returncode == -9, got.stderr  # it really was killed halfway


def tables(db: Path) -> set[str]:
    engine = create_engine(f"sqlite:///{db}")
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_a_first_migration_killed_halfway_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    kill_during_migration(db, at_table=4)
    assert tables(db) == set()  # the transaction was never committed
    with Store(str(db)) as store:  # and the next run makes the schema whole
        assert store.view.count_documents() == 0
    assert tables(db) >= tables_by_revision()[head_revision()]


def test_an_upgrade_killed_halfway_keeps_the_data_and_resumes(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:  # a database of revision 0002 holding a document
        command.upgrade(alembic_config(conn), "0002")
        conn.execute(
            text(
                "INSERT INTO documents (id, sha256, name, media_type, text, original, notes, "
                "ingested_at) VALUES ('d1', 'd1', 'kept', 'text/plain', 'kept text', x'00', "
                "'[]', '2024-01-01 00:00:00')"
            )
        )
    engine.dispose()
    kill_during_migration(db, at_table=3)  # inside 0003
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
        assert "users" not in inspect(conn).get_table_names()
    engine.dispose()
    with Store(str(db)) as store:
        assert [d.name for d in store.view.iter_documents()] == ["kept"]


def half_made_by_an_older_casefile(db: Path, revision: str, with_data: bool) -> None:
    """What casefile before #9 left when killed: tables of ``revision`` and one table of the
    next, but no schema version (its DDL committed statement by statement)."""
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("CREATE TABLE users (name TEXT PRIMARY KEY)"))  # half of 0003
        if with_data:
            conn.execute(
                text(
                    "INSERT INTO documents (id, sha256, name, media_type, text, original, "
                    "notes, ingested_at) VALUES ('d1', 'd1', 'kept', 'text/plain', 'kept', "
                    "x'00', '[]', '2024-01-01 00:00:00')"
                )
            )
    engine.dispose()


def test_an_empty_half_made_database_is_made_again(tmp_path: Path) -> None:
    db = tmp_path / "half.db"
    half_made_by_an_older_casefile(db, "0002", with_data=False)
    with Store(str(db)) as store:  # "table documents already exists" before #9
        assert store.view.count_documents() == 0


def test_a_half_made_database_with_data_says_how_to_repair(tmp_path: Path) -> None:
    db = tmp_path / "half.db"
    half_made_by_an_older_casefile(db, "0002", with_data=True)
    with pytest.raises(StoreError, match="casefile db repair"):
        Store(str(db))
    engine = create_engine(f"sqlite:///{db}")
    done = repair(engine, f"sqlite:///{db}")
    engine.dispose()
    assert done[0] == "recorded schema revision 0002, which its tables match"
    assert any("dropped empty table users" in line for line in done)
    with Store(str(db)) as store:
        assert [d.name for d in store.view.iter_documents()] == ["kept"]


@pytest.mark.slow
def test_processes_started_at_once_on_a_new_database_all_open_it(tmp_path: Path) -> None:
    db = tmp_path / "race.db"
    code = "import sys; from casefile.store import Store; Store(sys.argv[1]).close()"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(db)], stderr=subprocess.PIPE, text=True, env=env
        )
        for _ in range(4)
    ]
    for p in procs:
        _, stderr = p.communicate(timeout=120)
        assert p.returncode == 0, stderr
    with Store(str(db)) as store:
        store.view.count_documents()
        with store.writer() as w:
            assert w.add_document(Document.from_text("after the race", name="x"))


@pytest.mark.slow
def test_db_repair_command(cli: Callable[..., CompletedProcess[str]], tmp_path: Path) -> None:
    half_made_by_an_older_casefile(tmp_path / "half.db", "0002", with_data=True)
    (tmp_path / "a.txt").write_text("A depot burned.\n")
    refused = cli("--db", "half.db", "ingest", "a.txt")
    assert refused.returncode == 2 and "casefile db repair" in refused.stderr
    fixed = cli("--db", "half.db", "db", "repair")
    assert fixed.returncode == 0, fixed.stderr
    assert "copied" in fixed.stdout and "recorded schema revision 0002" in fixed.stdout
    assert list(tmp_path.glob("half.db.before-repair-*"))
    # its document predates the audit log (revision 0002 had none), and no head was ever
    # written for it: the log begins with this write
    stored = cli("--db", "half.db", "ingest", "a.txt")
    assert stored.returncode == 0 and stored.stdout.startswith("1 new"), stored.stderr
    assert cli("--db", "half.db", "audit", "verify").returncode == 0
