"""``casefile audit``: verify the hash-chained audit log and list its entries, thin over
casefile/store/audit.py."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..store import Store
from ..store.audit import iter_entries
from .state import OutFile, err, out, output, settings, write_json, write_rich

audit_app = typer.Typer(
    help="The audit log: verify its chain, list its entries.", no_args_is_help=True
)


@audit_app.command("adopt-head")
def audit_adopt_head() -> None:
    """Record the log's newest entry as its head, after the head file was lost: only where
    the whole chain verifies. Keep the head where the database's administrators cannot
    write (see docs/audit.md)."""
    with Store(settings().db) as store:
        entry = store.audit.adopt_head(store.engine)
        where = store.audit.head_path
    if entry is None:
        out.print(f"the log is empty: started it with a head at #0 in {where}", highlight=False)
    else:
        out.print(
            f"adopted entry #{entry.seq} ({entry.at}) as the head in {where}", highlight=False
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
    out_file: OutFile = None,
) -> None:
    """List the newest entries of the audit log."""
    with Store(settings().db) as store:
        entries = [
            e.to_record() for e in iter_entries(store.engine, limit=limit, newest_first=True)
        ]
    if format_ == "json":
        with output(out_file) as stream:
            write_json(stream, entries)
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
    with output(out_file) as stream:
        write_rich(stream, table)


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
