"""``casefile serve``, ``casefile users`` and ``casefile audit``: thin over casefile/api,
casefile/auth.py and casefile/store/audit.py."""

from __future__ import annotations

import gc
import ipaddress
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .auth import add_user, change_user, issue_token
from .config import Settings
from .errors import AuthError, CasefileError
from .store import Store
from .store.audit import iter_entries
from .vocab import ROLES

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
users_app = typer.Typer(
    help="Who may use `casefile serve`: add users, list them, issue API tokens.",
    no_args_is_help=True,
)
audit_app = typer.Typer(
    help="The audit log: verify its chain, list its entries.", no_args_is_help=True
)


PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from the first line of standard input."
    ),
]


def _settings() -> Settings:
    from .cli import State  # cli.py registers this module; its global options live there

    return State.settings()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; anything but loopback needs users.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    tiles: Annotated[
        str | None,
        typer.Option(
            envvar="CASEFILE_TILES",
            help="Map tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png "
            "[env: CASEFILE_TILES; default: none, a map without tiles].",
        ),
    ] = None,
    attribution: Annotated[str, typer.Option(help="Attribution the tile server asks for.")] = "",
    secure_cookies: Annotated[
        bool,
        typer.Option("--secure-cookies", help="Send cookies over HTTPS only (behind a TLS proxy)."),
    ] = False,
) -> None:
    """Serve the REST API (/api/v1) and the web UI for investigators."""
    import uvicorn

    from .api import ServeConfig, create_app

    settings = _settings()
    store = Store(settings.db)
    users = store.view.count_users()
    if not is_loopback(host) and users == 0:
        raise AuthError(
            f"refusing to listen on {host} with no users defined: anyone who can "
            "reach it could read the record; create one first with `casefile "
            "users add NAME --role admin`"
        )
    _ = store.audit.key  # a bad CASEFILE_SECRET stops here, not at the first change
    if users == 0:
        err.print("no users yet: create one with `casefile users add NAME --role admin`")
    config = ServeConfig(
        tiles=tiles,
        tiles_attribution=attribution,
        secure_cookies=secure_cookies,
        max_body=settings.max_request_bytes,
    )
    app = create_app(store, config)
    # All loaded so far lives as long as the server: keep it out of the collector's full
    # passes, which would walk its 100,000+ objects (70 ms with every request stopped).
    gc.collect()
    gc.freeze()
    err.print(f"casefile serves http://{host}:{port}/ ({users} users)", highlight=False)
    uvicorn.run(
        app,
        host=host,
        port=port,
        server_header=False,
        proxy_headers=False,
        log_level="info",
    )


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Log-in name: letters, digits, . _ @ -.")],
    role: Annotated[str, typer.Option(help=f"One of: {', '.join(ROLES.values)}.")] = "viewer",
    password_stdin: PasswordStdin = False,
) -> None:
    """Add a user; asks for the password twice (hashed with argon2id; never stored)."""
    password = _password(password_stdin)
    with Store(_settings().db) as store:
        add_user(store, name, role, password)
    out.print(f"added {name} ({role})", highlight=False)


@users_app.command("list")
def users_list(
    format_: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """List users, their roles and whether they may log in."""
    with Store(_settings().db) as store:
        users = [u.to_record() for u in store.view.iter_users()]
    if format_ == "json":
        out.print_json(json.dumps(users))
        return
    table = Table(title=f"{len(users)} users")
    for column in ("name", "role", "created", "disabled"):
        table.add_column(column)
    for u in users:
        table.add_row(u["name"], u["role"], u["created_at"], "yes" if u["disabled"] else "")
    out.print(table)


@users_app.command("token")
def users_token(
    name: Annotated[str, typer.Argument(help="The user the token acts as.")],
    label: Annotated[str, typer.Option(help="What the token is for.")] = "",
    days: Annotated[
        int | None, typer.Option(help="Expire after this many days [default: never].")
    ] = None,
) -> None:
    """Issue an API token (Authorization: Bearer ...); printed once, only its hash is kept."""
    with Store(_settings().db) as store:
        token = issue_token(store, name, label, days)
    out.print(token, highlight=False)


@users_app.command("disable")
def users_disable(name: Annotated[str, typer.Argument(help="The user.")]) -> None:
    """Stop a user from logging in; their sessions end at once."""
    with Store(_settings().db) as store:
        change_user(store, name, disabled=True)
    out.print(f"disabled {name}", highlight=False)


@users_app.command("enable")
def users_enable(name: Annotated[str, typer.Argument(help="The user.")]) -> None:
    """Let a disabled user log in again."""
    with Store(_settings().db) as store:
        change_user(store, name, disabled=False)
    out.print(f"enabled {name}", highlight=False)


@users_app.command("password")
def users_password(
    name: Annotated[str, typer.Argument(help="The user.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Set a user's password; their sessions end."""
    password = _password(password_stdin)
    with Store(_settings().db) as store:
        change_user(store, name, password=password)
    out.print(f"password of {name} changed", highlight=False)


@audit_app.command("verify")
def audit_verify(
    head: Annotated[
        Path | None,
        typer.Option(
            help="The head file [env: CASEFILE_AUDIT_HEAD; default: beside a SQLite file]."
        ),
    ] = None,
) -> None:
    """Check every entry's MAC and link and the head kept outside the database; name each
    entry that was edited, inserted or deleted. Exit 1 if any was."""
    with Store(_settings().db) as store:
        if head is not None:
            store.audit.head_path = head
        report = store.audit.verify(store.engine)
    for line in report.lines():
        (out if report.ok else err).print(line, highlight=False, markup=False)
    if not report.ok:
        raise typer.Exit(1)


@audit_app.command("log")
def audit_log(
    limit: Annotated[int, typer.Option(help="The newest this many entries.")] = 20,
    format_: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """List the newest entries of the audit log."""
    with Store(_settings().db) as store:
        entries = [
            e.to_record() for e in iter_entries(store.engine, limit=limit, newest_first=True)
        ]
    if format_ == "json":
        out.print_json(json.dumps(entries, ensure_ascii=False))
        return
    table = Table(title=f"the newest {len(entries)} audit entries")
    for column in ("#", "when (UTC)", "who", "action", "object", "reason"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(
            str(e["seq"]),
            e["at"][:19],
            e["actor"],
            e["action"],
            f"{e['object_type']} {e['object_id'][:12]}",
            e["reason"],
        )
    out.print(table)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise CasefileError("--password-stdin: standard input held no password")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CasefileError("no terminal to ask for a password: use --password-stdin")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
