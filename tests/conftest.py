"""Shared fixtures: factories for documents and analyses, a fresh store (SQLite and PostgreSQL),
a CLI runner, a throwaway PostgreSQL server."""

from __future__ import annotations

import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

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


@pytest.fixture(autouse=True)
def _audit_outside_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The audit log's secret and head live outside the database (store/audit.py): each test
    gets its own, in a temporary home, never the user's ~/.config or ~/.local/state. The CLI
    in a subprocess reads the same secret file, so both write one chain."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("CASEFILE_SECRET", raising=False)
    monkeypatch.delenv("CASEFILE_AUDIT_HEAD", raising=False)


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


# -- a small stocked store for the review, API and browser tests (#5)

# Each text is written by us; the incident's span is its first sentence.
STOCK = [
    (
        "news-2024-10-02-pokrovsk",
        "2024-10-02",
        "Russian troops shot six Ukrainian prisoners of war near Pokrovsk on 1 October 2024. "
        "Witnesses named the 30th Motorized Rifle Brigade.",
        [
            (
                "execution_of_pows",
                "2024-10-01",
                ("Pokrovsk", "UA", "Donetsk Oblast", 48.28, 37.18),
                "30th Motorized Rifle Brigade",
                "pow",
                6,
                "Six POWs shot near Pokrovsk.",
            )
        ],
    ),
    (
        "news-2023-10-05-hroza",
        "2023-10-05",
        "A missile struck a cafe in Hroza on 5 October 2023, killing 59 civilians. "
        '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> was posted.',
        [
            (
                "attack_on_civilians",
                "2023-10-05",
                ("Hroza", "UA", "Kharkiv Oblast", 49.65, 37.75),
                "Russian forces",
                "civilian",
                59,
                "Missile strike on a cafe in Hroza.",
            )
        ],
    ),
    (
        "report-2022-04-bucha",
        "2022-04-10",
        "Detainees were beaten in Bucha in March 2022. Civilians were shot in Bucha in March 2022.",
        [
            (
                "torture",
                "2022-03",
                ("Bucha", "UA", "Kyiv Oblast", 50.54, 30.21),
                "64th Motorized Rifle Brigade",
                "civilian",
                None,
                "Detainees beaten in Bucha.",
            ),
            (
                "killing_of_civilians",
                "2022-03",
                ("Bucha", "UA", "Kyiv Oblast", 50.54, 30.21),
                "64th Motorized Rifle Brigade",
                "civilian",
                None,
                "Civilians shot in Bucha.",
            ),
        ],
    ),
    (
        "pgo-2024-10-13-kursk",
        "2024-10-13",
        "Nine Ukrainian prisoners of war were shot in Kursk Oblast on 13 October 2024.",
        [
            (
                "execution_of_pows",
                "2024-10-13",
                ("Kursk Oblast", "RU", "Kursk Oblast", 51.73, 36.19),
                "Russian forces",
                "pow",
                9,
                "Nine POWs shot in Kursk Oblast.",
            )
        ],
    ),
]


def stock(store: Store) -> dict[str, str]:
    """Write STOCK into ``store`` as analysed documents; {summary: incident id}."""
    from casefile.model import Actor, Count, DateRange, Incident, Place
    from casefile.store.writer import incident_id

    ids: dict[str, str] = {}
    with store.writer() as w:
        for name, published, text, incidents in STOCK:
            doc = Document.from_text(text, name=name, published=published, publisher="Test")
            w.add_document(doc)
            sentences = [s.end() for s in re.finditer(r"\. ", text)] + [len(text)]
            made = []
            for seq, (kind, date, place, unit, victims, count, summary) in enumerate(incidents):
                start = 0 if seq == 0 else sentences[seq - 1]
                made.append(
                    inc := Incident(
                        type=kind,
                        summary=summary,
                        date=DateRange(date, date),
                        place=Place(*place),
                        perpetrators=[Actor(unit, "unit" if "Brigade" in unit else "force")],
                        victim_category=victims,
                        count=Count(best=count) if count else None,
                        spans=[(start, sentences[seq] - 1)],
                        certainty="reported",
                    )
                )
                ids[summary] = incident_id(doc.id, inc, set(ids.values()))
            w.add_analysis(Analysis(doc, incidents=made, extractor="test"))
    return ids


@pytest.fixture
def stocked(fresh_store: Store) -> tuple[Store, dict[str, str]]:
    """``fresh_store`` (SQLite and PostgreSQL) holding STOCK; with {summary: incident id}."""
    return fresh_store, stock(fresh_store)


# -- casefile serve: an app over a stocked SQLite store, with a user of each role (#5)

PASSWORD = "correct horse battery staple"
ROLE_USERS = {"viewer": "vic", "analyst": "ana", "admin": "adam"}


@dataclass
class Served:
    """The app under test: ``client`` is an httpx client (Starlette's TestClient) into it."""

    store: Store
    ids: dict[str, str]
    client: Any
    tokens: dict[str, str]  # user name -> API token

    def bearer(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"}

    def login(self, name: str, password: str = PASSWORD, client: Any = None) -> str:
        """Log in through the form as a browser does; the session's CSRF token."""
        c = client or self.client
        form = c.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
        assert token, form.text
        r = c.post(
            "/login",
            data={"name": name, "password": password, "csrf_token": token.group(1), "next": "/"},
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text
        page = c.get("/")
        found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert found, page.text
        return found.group(1)


@functools.cache
def _password_hash() -> str:
    from casefile.auth import hash_password

    return hash_password(PASSWORD)


class LiveServer:
    """uvicorn serving ``app`` on a free loopback port in a thread: the real server, over HTTP."""

    def __init__(self, app: Any) -> None:
        import threading

        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            access_log=False,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        for _ in range(500):
            if self.server.started:
                return
            self.thread.join(0.01)
        raise RuntimeError("the test server did not start")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def live_server() -> Iterator[Callable[[Any], LiveServer]]:
    """Serve an app on loopback for the test: ``live_server(app).url``."""
    started: list[LiveServer] = []

    def start(app: Any) -> LiveServer:
        started.append(LiveServer(app))
        return started[-1]

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """A stocked SQLite store served by uvicorn on loopback, with an httpx client."""
    import httpx

    from casefile.api import create_app
    from casefile.auth import issue_token

    store = Store(str(tmp_path / "served.db"))
    ids = stock(store)
    tokens = {}
    with store.writer() as w:  # one argon2 hash for all: hashing is slow on purpose
        for role, name in ROLE_USERS.items():
            w.add_user(name, role, _password_hash())
    for name in ROLE_USERS.values():
        tokens[name] = issue_token(store, name, "tests")
    server = LiveServer(create_app(store))
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            yield Served(store, ids, client, tokens)
    finally:
        server.stop()
        store.close()
