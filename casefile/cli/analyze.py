"""``casefile analyze``: run the pipeline over stored documents, thin over casefile/analyze.py
(in this process) and casefile/batch/dask.py (``--workers N`` or ``--scheduler URL``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from ..analyze import AnalyzeReport, store_pipeline
from ..analyze import analyze as run_analyze
from ..config import Settings
from ..fuse.stored import fuse_store
from ..store import Store
from .state import err, open_store, out, progress, settings


def analyze(
    again: Annotated[
        bool, typer.Option("--again", help="Analyse every document, not only new ones.")
    ] = False,
    no_fuse: Annotated[
        bool, typer.Option("--no-fuse", help="Do not fuse the new incidents into cases.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(help="Extract on a local Dask cluster of this many worker processes."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Extract on the Dask cluster of this scheduler (tcp://HOST:PORT)."),
    ] = None,
) -> None:
    """Extract incidents, statistics, units, statements and persons from stored documents,
    then fuse the new incidents into cases (unless --no-fuse)."""
    s = settings()
    with open_store(s) as store:
        todo = store.view.count_documents()
        with progress("analysing") as bar:
            task = bar.add_task("analyze", total=todo)
            try:
                report = _run(store, s, again, workers, scheduler, lambda d, a: bar.advance(task))
            except KeyboardInterrupt:
                err.print("stopped: what was stored stays; `casefile analyze` does the rest")
                raise typer.Exit(130) from None
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


def _run(
    store: Store,
    s: Settings,
    again: bool,
    workers: int | None,
    scheduler: str | None,
    on_item: Callable[[Any, Any], None],
) -> AnalyzeReport:
    if workers is None and scheduler is None:
        pipeline = store_pipeline(store, s)  # the store's units, user files included
        return run_analyze(store, pipeline, again, on_item=on_item)
    from ..batch.dask import analyze_on_dask, dask_client  # Dask starts only when asked for

    with dask_client(workers, scheduler) as client:
        return analyze_on_dask(store, client, s, again, on_item=on_item)


def register(app: typer.Typer) -> None:
    app.command()(analyze)
