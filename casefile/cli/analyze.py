"""``casefile analyze``: run the pipeline over stored documents, thin over casefile/analyze.py."""

from __future__ import annotations

from typing import Annotated

import typer

from ..analyze import analyze as run_analyze
from ..analyze import store_pipeline
from .state import err, open_store, out, progress, settings


def analyze(
    again: Annotated[
        bool, typer.Option("--again", help="Analyse every document, not only new ones.")
    ] = False,
) -> None:
    """Extract incidents, statistics, units, statements and persons from stored documents."""
    s = settings()
    with open_store(s) as store:
        pipeline = store_pipeline(store, s)  # the store's units, user files included
        todo = store.view.count_documents()
        with progress("analysing") as bar:
            task = bar.add_task("analyze", total=todo)
            report = run_analyze(store, pipeline, again, on_item=lambda d, a: bar.advance(task))
    for name, problem in report.failed:
        err.print(f"[red]failed[/red] {name}: {problem}", highlight=False)
    out.print(
        f"{report.analysed} analysed, {report.incidents} incidents, {len(report.failed)} failed"
    )
    if report.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(analyze)
