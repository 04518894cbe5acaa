"""``casefile ingest``: store documents unchanged and hashed, thin over casefile/ingest.py."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import CasefileError
from ..export.imports import import_acled, restore_records
from ..ingest import ingest as run_ingest
from ..model import Document
from ..sources import Meta
from ..store.store import default_actor
from .state import err, note_stdin, open_store, out, progress, settings


def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders (recursive) or - for standard input."),
    ] = None,
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
    records: Annotated[
        str | None,
        typer.Option(
            "--records",
            help="Restore a casefile jsonl export (`export --format jsonl`): documents, "
            "analyses and reviews, without re-analysis.",
        ),
    ] = None,
    acled: Annotated[
        str | None,
        typer.Option("--acled", help="Enter each row of an ACLED-style CSV as an incident."),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(help="Language code (en, uk, ru) of every document, over the detected one."),
    ] = None,
) -> None:
    """Store documents unchanged and hashed; the same bytes twice are stored once. In a
    folder, files that are no reports (README, LICENSE, hidden files) are skipped, each named.
    With --records or --acled, import an export instead."""
    if sum(bool(x) for x in (paths, records, acled)) != 1:
        raise CasefileError("give documents to ingest, or --records FILE, or --acled FILE")
    if records or acled:
        _import(records, acled)
        return
    s = settings()
    if paths and "-" in paths:
        note_stdin("-")
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

        def skipped(path: str, why: str) -> None:
            err.print(f"[dim]skipped[/dim] {path}: {why}", highlight=False)

        report = run_ingest(
            store,
            paths or [],
            Meta(publisher, published, url, language=language),
            max_bytes or s.max_bytes,
            on_item=show,
            on_skip=skipped,
        )
    out.print(report.summary)
    if report.rejected:
        raise typer.Exit(1)


def _import(records: str | None, acled: str | None) -> None:
    with open_store() as store:
        if records:
            out.print(restore_records(store, default_actor(), records).summary)
            return
        created, rejected = import_acled(store, default_actor(), acled or "")
    for problem in rejected:
        err.print(f"[red]rejected[/red] {problem}", highlight=False)
    out.print(f"{len(created)} incidents entered, {len(rejected)} rows rejected")
    if rejected:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
