"""Schema migrations that cannot half-happen, run by one process at a time.

1. A quick look: a database already at the newest revision is left alone (no lock taken).
2. The lock: on SQLite a file lock beside the database file (``casefile.db.migrate-lock``)
   and then ``BEGIN IMMEDIATE``; on PostgreSQL ``pg_advisory_xact_lock``. A second process
   waits, then finds the schema current and does nothing.
3. One transaction for the whole upgrade, DDL included: SQLite's DDL is transactional once
   the driver stops committing on its own (the connection runs in the driver's autocommit
   mode and casefile issues BEGIN and COMMIT itself); PostgreSQL's always is. A process
   killed halfway leaves the database as it was before.
4. A database left half-made by an older casefile (tables without a schema version, or
   tables of a revision the version does not reach): where those tables are empty they are
   dropped and made again; where they hold data, ``repair`` (``casefile db repair``) works
   out the revision the tables match, records it, and upgrades from there.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, func, inspect, select, table, text

from ..errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"
LOCK_WAIT_S = 300  # how long a process waits for another one's migration
PG_LOCK_KEY = 0x6361_7365_6669_6C65 & 0x7FFF_FFFF_FFFF_FFFF  # "casefile", a bigint
# Tables whose rows do not count as data when deciding whether leftovers may be dropped.
BOOKKEEPING = {"alembic_version", "audit_lock"}


def alembic_config(conn: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


@cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, url: str) -> None:
    """Bring the schema to the newest revision: locked, in one transaction (see above)."""
    # 1. already current: nothing to lock
    with engine.connect() as conn:
        if current_revision(conn) == head_revision():
            return
    # 2. one process at a time, 3. in one transaction
    with _file_lock(url), _transaction(engine) as conn:
        _drop_empty_leftovers(conn, url)
        command.upgrade(alembic_config(conn), "head")


def repair(engine: Engine, url: str) -> list[str]:
    """Make a database an older, interrupted casefile left half-made usable again; what was
    done, one line each. Tables holding data are kept; the revision they match is recorded."""
    done: list[str] = []
    with _file_lock(url), _transaction(engine) as conn:
        found = _casefile_tables(conn)
        rev = current_revision(conn)
        if rev is None and found:
            rev = _matching_revision(found)
            if rev is None:
                raise StoreError(
                    f"{url}: its tables ({', '.join(sorted(found))}) match no casefile "
                    "revision: restore a backup"
                )
            command.stamp(alembic_config(conn), rev)
            done.append(f"recorded schema revision {rev}, which its tables match")
        done += _drop_empty_leftovers(conn, url)
        before = current_revision(conn)
        command.upgrade(alembic_config(conn), "head")
        if before != head_revision():
            done.append(f"upgraded from revision {before or '(none)'} to {head_revision()}")
    return done or ["nothing to repair: the schema is complete and current"]


# -- the lock and the transaction


@contextmanager
def _file_lock(url: str) -> Iterator[None]:
    """An exclusive lock on ``<file>.migrate-lock`` beside a SQLite file (else nothing)."""
    path = sqlite_path(url)
    if path is None:
        yield
        return
    lock_path = Path(str(path) + ".migrate-lock")
    with open(lock_path, "a") as fh:
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"{path}: another casefile process has been migrating this database "
                        f"for over {LOCK_WAIT_S} s (lock {lock_path}); is it stuck?"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def _transaction(engine: Engine) -> Iterator[Connection]:
    """One database transaction that DDL cannot escape, holding the migration lock."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            # The driver would commit before each DDL statement on its own: take BEGIN and
            # COMMIT into our hands. IMMEDIATE takes the write lock at once.
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
            return
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(select(func.pg_advisory_xact_lock(PG_LOCK_KEY)))
            yield conn


def sqlite_path(url: str) -> Path | None:
    if not url.startswith("sqlite:///"):
        return None
    path = url[len("sqlite:///") :]
    return Path(path) if path and path != ":memory:" else None


# -- half-made databases


@cache
def tables_by_revision() -> dict[str, frozenset[str]]:
    """Every revision and the tables the schema has at it (run once on an in-memory SQLite)."""
    script = ScriptDirectory.from_config(alembic_config())
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    out: dict[str, frozenset[str]] = {}
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        for rev in revisions:
            command.upgrade(alembic_config(conn), rev)
            out[rev] = frozenset(_casefile_tables(conn))
    engine.dispose()
    return out


def _casefile_tables(conn: Connection) -> set[str]:
    """Every table but Alembic's own (a ``_alembic_tmp_*`` left by a cut batch step too)."""
    return set(inspect(conn).get_table_names()) - {"alembic_version"}


def _matching_revision(found: set[str]) -> str | None:
    """The newest revision whose tables all exist in ``found``."""
    best = None
    for rev, tables in tables_by_revision().items():
        if tables <= found:
            best = rev
    return best


def _drop_empty_leftovers(conn: Connection, url: str) -> list[str]:
    """Drop tables the recorded revision does not have (a migration cut short by an older
    casefile) where they hold nothing; refuse where they hold data."""
    rev = current_revision(conn)
    expected = tables_by_revision().get(rev, frozenset()) if rev else frozenset()
    if rev is not None and rev not in tables_by_revision():
        return []  # a revision newer than this casefile: alembic itself says so
    extra = _casefile_tables(conn) - expected
    if not extra:
        return []
    full = sorted(n for n in extra - BOOKKEEPING if _has_rows(conn, n))
    if full:
        raise StoreError(
            f"{url}: an earlier run was interrupted while changing the schema (tables "
            f"{', '.join(sorted(extra))} exist but schema revision is "
            f"{rev or 'not recorded'}) and {', '.join(full)} hold data: run "
            "`casefile db repair` (copy the database first)"
        )
    for name in sorted(extra):
        conn.exec_driver_sql(f'DROP TABLE "{name}"')  # names read from the database itself
    return [f"dropped empty table {name}, left by an interrupted migration" for name in extra]


def _has_rows(conn: Connection, name: str) -> bool:
    return conn.execute(select(text("1")).select_from(table(name)).limit(1)).first() is not None
