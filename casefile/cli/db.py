"""``casefile db``: the database itself, thin over casefile/store (``repair``)."""

from __future__ import annotations

import typer

from ..store.store import repair_store
from .state import out, settings

db_app = typer.Typer(help="The database itself: repair one an interrupted run left.")


@db_app.command("repair")
def db_repair() -> None:
    """Make usable a database that an older casefile, interrupted while creating or upgrading
    it, left half-made ("table documents already exists"). A SQLite file is copied first;
    tables holding data are kept and the schema revision they match is recorded."""
    for line in repair_store(settings().db):
        out.print(line, highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
