"""``casefile demo``: the bundled example reports, ingested and analysed in a database of its
own."""

from __future__ import annotations

import tempfile
from importlib.resources import files
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..analyze import analyze as run_analyze
from ..analyze import store_pipeline
from ..brief import Written, write_brief
from ..ingest import ingest as run_ingest
from ..store import IncidentQuery, Store
from ..vocab import INCIDENT_TYPES
from .incidents import render_incidents
from .state import out, settings


def demo(
    out_dir: Annotated[
        str, typer.Option("--out-dir", help="Where to write the brief of the examples.")
    ] = "casefile-demo",
) -> None:
    """Ingest the bundled example reports into a fresh database of its own, analyse, show,
    and write a cited brief of them (Markdown, HTML, and PDF where chromium is installed)."""
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
            rows = list(store.view.iter_reviewed_incidents(IncidentQuery()))
            render_incidents(rows, "table")
            counts = store.view.count_incidents_by_field("type")
            written = _brief(store, Path(out_dir))
        table = Table(title="Incidents by type")
        table.add_column("type")
        table.add_column("incidents", justify="right")
        for kind, n in counts.items():
            table.add_row(INCIDENT_TYPES.label(kind), str(n))
        out.print(table)
    for note in written.notes:
        out.print(f"[yellow]note[/yellow] {note}", highlight=False)
    names = ", ".join(str(p) for p in written.files if p.suffix in (".md", ".html", ".pdf"))
    out.print(f"[bold]brief[/bold] of the examples: {names}", highlight=False)


def _brief(store: Store, folder: Path) -> Written:
    """The brief of every example incident: Markdown, then HTML and PDF (or a note)."""
    folder.mkdir(parents=True, exist_ok=True)
    query = IncidentQuery(limit=None)
    title = "Brief of the bundled example reports"
    md = write_brief(store, query, folder / "brief.md", title=title)
    pdf = write_brief(store, query, folder / "brief.pdf", title=title)
    files = list(dict.fromkeys([*md.files, *pdf.files]))
    return Written(files, pdf.notes)


def register(app: typer.Typer) -> None:
    app.command()(demo)
