"""Shared fixtures: factories for documents and analyses, a fresh store (SQLite and PostgreSQL),
a CLI runner, a throwaway PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

import psycopg
import pytest

from casefile.model import Analysis, Document
from casefile.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def make_document() -> Callable[..., Document]:
    def make(
        text: str, published: str | None = "2024-10-01", name: str = "doc", **meta: str
    ) -> Document:
        return Document.from_text(text, name=name, published=published, **meta)

    return make


@pytest.fixture
def make_analysis(make_document: Callable[..., Document]) -> Callable[..., Analysis]:
    """An Analysis of ``text`` with sentences split, ready for one stage to run on it."""
    from casefile.extract.sentences import split_sentences

    def make(text: str, published: str | None = "2024-10-01") -> Analysis:
        a = Analysis(document=make_document(text, published))
        a.sentences = split_sentences(text)
        return a

    return make


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty, migrated store; every test using it runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        store = Store(str(tmp_path / "test.db"))
    else:
        store = Store(request.getfixturevalue("postgres_url"))
    yield store
    store.close()


def run_cli(
    *args: str,
    cwd: Path,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``casefile ARGS`` in a subprocess, as a user runs it."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    full_env = {**base, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "casefile", *args],
        cwd=cwd,
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    def run(
        *args: str, stdin: bytes | None = None, **kw: object
    ) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, cwd=tmp_path, stdin=stdin, **kw)  # type: ignore[arg-type]

    return run


# -- a throwaway PostgreSQL server for the `postgres` tests


@dataclass
class PostgresServer:
    port: int
    socket_dir: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


def _postgres_bin() -> Path | None:
    """The newest Debian server binaries (/usr/lib/postgresql/N/bin), else pg_ctl on PATH."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL cluster in a temp folder on a free port of 127.0.0.1, gone after the session."""
    bindir = _postgres_bin()
    if bindir is None:
        what = (
            "PostgreSQL server binaries (initdb, pg_ctl) not found; install them: "
            "`sudo apt-get install postgresql` (or run `make test`, which does)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{what}. CI must run the postgres tests.", pytrace=False)
        pytest.skip(what)
    # PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user
    # and /tmp is used so that user can reach it (TMPDIR may lie under /root).
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="casefile-pg-", dir="/tmp" if as_root else None))
    prefix: list[str] = []
    if as_root:
        shutil.chown(base, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data, log, port = base / "data", base / "server.log", _free_port()

    def run(*cmd: str) -> None:
        subprocess.run([*prefix, *cmd], check=True, capture_output=True, text=True)

    try:
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
        run(*initdb, "-E", "UTF8", "--locale=C", "--no-sync")
        # Durability is worth nothing in a throwaway cluster; without it tests run faster.
        # A zone other than UTC, so that a timestamp read in the session's zone shows.
        opts = (
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c timezone=Europe/Kyiv"
        )
        run(str(bindir / "pg_ctl"), "start", "-w", "-D", str(data), "-l", str(log), "-o", opts)
    except subprocess.CalledProcessError as e:
        server_log = log.read_text() if log.exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {e.stderr}{server_log}", pytrace=False)
    try:
        yield PostgresServer(port, base)
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "stop", "-D", str(data), "-m", "immediate"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty database on the session's server, as a ``postgresql://`` URL."""
    name = "test_" + sha256(request.node.nodeid.encode()).hexdigest()[:16]
    with psycopg.connect(postgres_server.url(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield postgres_server.url(name)
    with psycopg.connect(postgres_server.url(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
