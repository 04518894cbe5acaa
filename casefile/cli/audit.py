"""``casefile audit``: verify the hash-chained audit log and list its entries, thin over
casefile/store/audit.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..store import Store
from ..store.audit import iter_entries
from .state import err, out, settings

audit_app = typer.Typer(
    help="The audit log: verify its chain, list its entries.", no_args_is_help=True
)


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
    with Store(settings().db) as store:
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
    with Store(settings().db) as store:
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


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
