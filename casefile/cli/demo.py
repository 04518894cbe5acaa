"""``casefile demo``: the bundled example reports, ingested and analysed in a database of its
own."""

from __future__ import annotations

import tempfile
from importlib.resources import files
from pathlib import Path

import typer
from rich.table import Table

from ..analyze import analyze as run_analyze
from ..analyze import store_pipeline
from ..ingest import ingest as run_ingest
from ..store import Store
from ..vocab import INCIDENT_TYPES
from .incidents import render_incidents
from .state import out, settings


def demo() -> None:
    """Ingest the bundled example reports into a fresh database of its own, analyse, show."""
    examples = files("casefile") / "examples"
    with tempfile.TemporaryDirectory(prefix="casefile-demo-") as tmp:
        db = str(Path(tmp) / "demo.db")
        s = settings()
        s.db = db
        with Store(db) as store:
            paths = [
                str(p)
                for p in sorted(Path(str(examples)).iterdir())
                if p.suffix in (".md", ".txt", ".html", ".jsonl") and p.name != "README.md"
            ]
            report = run_ingest(store, paths)
            out.print(f"[bold]ingest[/bold] {len(paths)} example files: {report.summary}")
            result = run_analyze(store, store_pipeline(store, s))
            out.print(
                f"[bold]analyze[/bold] {result.analysed} documents, {result.incidents} incidents"
            )
            rows = list(store.view.iter_incidents())
            render_incidents(rows, "table")
            counts = store.view.count_incidents_by_type()
        table = Table(title="Incidents by type")
        table.add_column("type")
        table.add_column("incidents", justify="right")
        for kind, n in counts.items():
            table.add_row(INCIDENT_TYPES.label(kind), str(n))
        out.print(table)


def register(app: typer.Typer) -> None:
    app.command()(demo)
