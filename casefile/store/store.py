"""Open a database by URL, migrate it to the current schema, hand out Writers and a View."""

from __future__ import annotations

import getpass
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import StoreError
from .audit import AuditLog, head_path_for
from .migrate import migrate, repair, sqlite_path
from .view import View
from .writer import Writer

DEFAULT_URL = "sqlite:///casefile.db"
MMAP_BYTES = 256 * 1024 * 1024  # SQLite maps this much of the database file at most


def resolve_url(url: str | None = None) -> str:
    """``--db`` value, else ``CASEFILE_DB``, else ``casefile.db`` in the working folder.
    A bare path means a SQLite file."""
    url = url or os.environ.get("CASEFILE_DB") or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    if url.startswith("postgres://"):  # the form many hosts hand out
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


class Store:
    """A migrated database. ``with store.writer() as w:`` writes in one transaction."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        try:
            self.engine = _engine(self.url)
            self.migrate()
        except ModuleNotFoundError as e:
            raise StoreError(f"{self.url}: database driver missing ({e.name})") from None
        except OperationalError as e:
            raise StoreError(f"{self._safe_url}: cannot open the database ({e.orig})") from None
        except SQLAlchemyError as e:
            raise StoreError(f"{self._safe_url}: {e}") from None
        self.view = View(self.engine)
        self.audit = AuditLog(head_path_for(self.url))
        self.actor = default_actor()  # who writes when the caller names nobody (the CLI)

    @property
    def _safe_url(self) -> str:
        return (
            self.engine.url.render_as_string(hide_password=True)
            if hasattr(self, "engine")
            else self.url
        )

    def migrate(self) -> None:
        """Bring the schema to the newest revision (idempotent; locked; all or nothing)."""
        migrate(self.engine, self.url)

    @contextmanager
    def writer(self, actor: str | None = None) -> Iterator[Writer]:
        """One transaction: everything written inside commits together or not at all.
        Audit entries it appends are made by ``actor``; their head is recorded after commit."""
        w: Writer | None = None
        try:
            with self.engine.begin() as conn:
                w = Writer(conn)
                w.audit, w.actor = self.audit, actor or self.actor
                w.refusal = self.audit.refusal(conn)  # the log as it stood: checked first
                yield w
        except SQLAlchemyError as e:
            raise StoreError(
                f"{self._safe_url}: writing failed, nothing of this batch was stored "
                f"({type(e).__name__}: {str(e).splitlines()[0]})"
            ) from None
        if w is not None and w.audited:
            self.audit.record_head(w.audited[-1])

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def repair_store(url: str | None = None) -> list[str]:
    """Make a database an interrupted older casefile left half-made usable (``casefile db
    repair``); a SQLite file is first copied beside itself. What was done, a line each."""
    url = resolve_url(url)
    done = []
    path = sqlite_path(url)
    if path is not None and path.exists():
        copy = path.with_name(f"{path.name}.before-repair-{time.strftime('%Y%m%dT%H%M%S')}")
        shutil.copy2(path, copy)
        done.append(f"copied {path} to {copy}")
    try:
        engine = _engine(url)
    except ModuleNotFoundError as e:
        raise StoreError(f"{url}: database driver missing ({e.name})") from None
    try:
        return done + repair(engine, url)
    except SQLAlchemyError as e:
        raise StoreError(f"{url}: repair failed, nothing changed ({e})") from None
    finally:
        engine.dispose()


def default_actor() -> str:
    """The operating-system account running casefile, as the audit log names it."""
    try:
        return f"os:{getpass.getuser()}"
    except (OSError, KeyError):  # no login name and no passwd entry (some containers)
        return f"os:uid{os.getuid()}"


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            # Read the file through a memory map (pages shared by every connection, via the
            # OS cache) instead of copying pages into each connection's 2 MB cache: reading
            # incidents by index costs about a third less (bench/api_load.py).
            cur.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            cur.close()

        return engine
    engine = create_engine(url, pool_pre_ping=True)

    @event.listens_for(engine, "connect")
    def _no_jit(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        # No JIT compilation: a list's page reads a few hundred rows by index, but its plan
        # (a LIMIT over a union) is costed past jit_above_cost, and compiling took 25 to
        # 100 ms of a 40 ms query at a million incidents (bench/list_queries.py --explain)
        cur = dbapi_conn.cursor()
        cur.execute("SET jit = off")
        cur.close()
        dbapi_conn.commit()

    return engine
