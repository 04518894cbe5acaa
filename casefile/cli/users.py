"""``casefile users``: who may use ``casefile serve``, thin over casefile/auth.py."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from ..auth import add_user, change_user, issue_token
from ..errors import CasefileError
from ..store import Store
from ..vocab import ROLES
from .state import out, settings

users_app = typer.Typer(
    help="Who may use `casefile serve`: add users, list them, issue API tokens.",
    no_args_is_help=True,
)

PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from the first line of standard input."
    ),
]


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Log-in name: letters, digits, . _ @ -.")],
    role: Annotated[str, typer.Option(help=f"One of: {', '.join(ROLES.values)}.")] = "viewer",
    password_stdin: PasswordStdin = False,
) -> None:
    """Add a user; asks for the password twice (hashed with argon2id; never stored)."""
    password = _password(password_stdin)
    with Store(settings().db) as store:
        add_user(store, name, role, password)
    out.print(f"added {name} ({role})", highlight=False)


@users_app.command("list")
def users_list(
    format_: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """List users, their roles and whether they may log in."""
    with Store(settings().db) as store:
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
    with Store(settings().db) as store:
        token = issue_token(store, name, label, days)
    out.print(token, highlight=False)


@users_app.command("disable")
def users_disable(name: Annotated[str, typer.Argument(help="The user.")]) -> None:
    """Stop a user from logging in; their sessions end at once."""
    with Store(settings().db) as store:
        change_user(store, name, disabled=True)
    out.print(f"disabled {name}", highlight=False)


@users_app.command("enable")
def users_enable(name: Annotated[str, typer.Argument(help="The user.")]) -> None:
    """Let a disabled user log in again."""
    with Store(settings().db) as store:
        change_user(store, name, disabled=False)
    out.print(f"enabled {name}", highlight=False)


@users_app.command("password")
def users_password(
    name: Annotated[str, typer.Argument(help="The user.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Set a user's password; their sessions end."""
    password = _password(password_stdin)
    with Store(settings().db) as store:
        change_user(store, name, password=password)
    out.print(f"password of {name} changed", highlight=False)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise CasefileError("--password-stdin: standard input held no password")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CasefileError("no terminal to ask for a password: use --password-stdin")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
