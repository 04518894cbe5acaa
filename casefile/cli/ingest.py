"""``casefile ingest``: store documents unchanged and hashed, thin over casefile/ingest.py."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import CasefileError
from ..ingest import ingest as run_ingest
from ..model import Document
from ..sources import Meta
from .state import err, open_store, out, progress, settings


def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (recursive) or - for standard input.")
    ],
    publisher: Annotated[
        str | None, typer.Option(help="Publisher, where a document does not say.")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (ISO), where a document does not say.")
    ] = None,
    url: Annotated[
        str | None, typer.Option(help="Source URL, where a document does not say.")
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Largest file or JSONL line accepted [default: 20 MB].")
    ] = None,
) -> None:
    """Store documents unchanged and hashed; the same bytes twice are stored once."""
    s = settings()
    with open_store(s) as store, progress("ingesting") as bar:
        task = bar.add_task("ingest", total=None)

        def show(item: object, is_new: bool) -> None:
            bar.advance(task)
            if isinstance(item, CasefileError):
                err.print(f"[red]rejected[/red] {item}", highlight=False)
            elif isinstance(item, Document) and is_new:
                for note in item.notes:  # e.g. decoded with a fallback: say so
                    err.print(
                        f"[yellow]note[/yellow] {item.source_path or item.ref}: {note}",
                        highlight=False,
                    )

        report = run_ingest(
            store,
            paths,
            Meta(publisher, published, url),
            max_bytes or s.max_bytes,
            on_item=show,
        )
    out.print(report.summary)
    if report.rejected:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
