"""``casefile demo``: the bundled example reports, ingested and analysed into a database of
their own, ``demo.db`` in the working folder (never the user's ``casefile.db``)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..analyze import analyze as run_analyze
from ..analyze import store_pipeline
from ..errors import CasefileError
from ..ingest import ingest as run_ingest
from ..store import IncidentQuery, Store, resolve_url
from ..vocab import INCIDENT_TYPES
from .examples import examples_folder
from .incidents import render_incidents
from .state import err, out, settings

DEMO_DB = "demo.db"


def demo(
    out_file: Annotated[
        str,
        typer.Option(
            "--out", metavar="FILE", help="The demo's SQLite database, made anew each run."
        ),
    ] = DEMO_DB,
) -> None:
    """Ingest and analyse the bundled example reports into a database of their own (demo.db in
    this folder, made anew; casefile.db is never touched), show the incidents, keep the
    database for you to query."""
    target = Path(out_file)
    s = settings()
    yours = resolve_url(s.db)
    if yours.startswith("sqlite:///") and Path(yours[10:]).resolve() == target.resolve():
        raise CasefileError(
            f"--out {out_file}: that is your database ({s.db}); the demo writes only its own"
        )
    if target.is_dir() or not target.parent.is_dir():
        raise CasefileError(f"--out {out_file}: name a file in a folder that exists")
    # 1. build it in a folder of its own beside the target: nothing is replaced until it is done
    tmp = Path(tempfile.mkdtemp(prefix=".casefile-demo-", dir=target.parent))
    try:
        db = tmp / DEMO_DB
        with Store(str(db)) as store:
            store.audit.head_path = Path(f"{db}.audit-head")  # its own, not CASEFILE_AUDIT_HEAD
            # 2. ingest the examples (their README is skipped and named), 3. analyse them
            report = run_ingest(
                store,
                [str(examples_folder())],
                on_skip=lambda path, why: err.print(
                    f"[dim]skipped[/dim] {Path(path).name}: {why}", highlight=False
                ),
            )
            out.print(f"[bold]ingest[/bold] the bundled example reports: {report.summary}")
            result = run_analyze(store, store_pipeline(store, s))
            out.print(
                f"[bold]analyze[/bold] {result.analysed} documents, {result.incidents} incidents"
            )
            # 4. show what came out
            rows = list(store.view.iter_reviewed_incidents(IncidentQuery()))
            render_incidents(rows, "table", sys.stdout)
            counts = store.view.count_incidents_by_field("type")
        # 5. keep it: the database and its audit head move into place together
        for suffix in ("", ".audit-head"):
            if Path(f"{db}{suffix}").exists():
                os.replace(f"{db}{suffix}", f"{target}{suffix}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    table = Table(title="Incidents by type")
    table.add_column("type")
    table.add_column("incidents", justify="right")
    for kind, n in counts.items():
        table.add_row(INCIDENT_TYPES.label(kind), str(n))
    out.print(table)
    out.print(
        f"The demo's database is [bold]{target}[/bold] (your casefile.db is untouched). "
        f"Query it:\n  casefile --db {target} incidents --since 2024-01-01\n"
        f"  casefile --db {target} units show '30th MRB'",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.command()(demo)
