"""``casefile analyze``: run the pipeline over stored documents, thin over casefile/analyze.py."""

from __future__ import annotations

from typing import Annotated

import typer

from ..analyze import analyze as run_analyze
from ..analyze import store_pipeline
from ..fuse.stored import fuse_store
from .state import err, open_store, out, progress, settings


def analyze(
    again: Annotated[
        bool, typer.Option("--again", help="Analyse every document, not only new ones.")
    ] = False,
    no_fuse: Annotated[
        bool, typer.Option("--no-fuse", help="Do not fuse the new incidents into cases.")
    ] = False,
) -> None:
    """Extract incidents, statistics, units, statements and persons from stored documents,
    then fuse the new incidents into cases (unless --no-fuse)."""
    s = settings()
    with open_store(s) as store:
        pipeline = store_pipeline(store, s)  # the store's units, user files included
        todo = store.view.count_documents()
        with progress("analysing") as bar:
            task = bar.add_task("analyze", total=todo)
            report = run_analyze(store, pipeline, again, on_item=lambda d, a: bar.advance(task))
        fused = None if no_fuse else fuse_store(store)
    for name, why in report.skipped:
        err.print(f"[yellow]skipped[/yellow] {name}: {why}", highlight=False)
    for name, problem in report.failed:
        err.print(f"[red]failed[/red] {name}: {problem}", highlight=False)
    out.print(
        f"{report.analysed} analysed, {report.incidents} incidents, {len(report.failed)} failed"
        + (f", {len(report.skipped)} skipped (language)" if report.skipped else "")
    )
    if fused is not None:
        out.print(fused.summary)
    if report.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(analyze)
