"""The ``casefile`` command: thin commands over the library, errors as one clear line."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Annotated, ClassVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .analyze import analyze as run_analyze
from .analyze import store_pipeline
from .cli_serve import audit_app, serve, users_app
from .cli_units import units_app
from .config import Settings, parse_overrides
from .errors import CasefileError
from .extract.pipeline import Pipeline
from .extract.records import extract_lines
from .fuse.records import fuse_lines
from .fuse.stored import fuse_store
from .ingest import ingest as run_ingest
from .model import Document
from .sources import Meta
from .store import IncidentFilter, Store
from .store.view import StoredIncident
from .units import load_orbat, unit_and_subordinates
from .vocab import INCIDENT_TYPES

app = typer.Typer(
    help="casefile: turn reports of atrocity crimes into a verified, source-linked incident "
    "database.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
# Piped output gets a wide table rather than rich's 80-column default.
out = Console(
    soft_wrap=True, width=None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", 160))
)
err = Console(stderr=True, soft_wrap=True)


class State:
    """The global options (--db, --set) of this run, for the commands to read."""

    db: ClassVar[str | None] = None
    overrides: ClassVar[list[str]] = []

    @classmethod
    def settings(cls) -> Settings:
        s = Settings.load(parse_overrides(cls.overrides))
        if cls.db:
            s.db = cls.db
        return s


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Database URL or SQLite file [env: CASEFILE_DB; default: casefile.db]."
        ),
    ] = None,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Override a setting: name=value (repeatable).")
    ] = None,
) -> None:
    State.db = db
    State.overrides = list(set_ or [])


def _progress(total: int | None, what: str) -> Progress:
    return Progress(
        TextColumn(f"[bold]{what}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


@app.command()
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
    settings = State.settings()
    with _store(settings) as store, _progress(None, "ingesting") as bar:
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
            max_bytes or settings.max_bytes,
            on_item=show,
        )
    out.print(report.summary)
    if report.rejected:
        raise typer.Exit(1)


@app.command()
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
    settings = State.settings()
    with _store(settings) as store:
        pipeline = store_pipeline(store, settings)  # the store's units, user files included
        todo = store.view.count_documents()
        with _progress(todo, "analysing") as bar:
            task = bar.add_task("analyze", total=todo)
            report = run_analyze(store, pipeline, again, on_item=lambda d, a: bar.advance(task))
        fused = None if no_fuse else fuse_store(store)
    for name, problem in report.failed:
        err.print(f"[red]failed[/red] {name}: {problem}", highlight=False)
    out.print(
        f"{report.analysed} analysed, {report.incidents} incidents, {len(report.failed)} failed"
    )
    if fused is not None:
        out.print(fused.summary)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def fuse(
    jsonl: Annotated[
        str | None,
        typer.Option("--jsonl", help="Analysis records with their texts (FILE or -); no store."),
    ] = None,
    out_path: Annotated[
        str | None, typer.Option("--out", help="Write the records here [default: stdout].")
    ] = None,
    cases_path: Annotated[
        str | None,
        typer.Option("--cases", help="Also write one case a line: reconciled values, grade, why."),
    ] = None,
    again: Annotated[
        bool, typer.Option("--again", help="Store: fuse every incident again, not only new ones.")
    ] = False,
) -> None:
    """Group incidents that report one act into cases: in the store, or --jsonl records."""
    if jsonl is None:
        with _store(State.settings()) as store:
            out.print(fuse_store(store, again).summary)
        return
    with _open_lines(jsonl) as lines:
        records, cases = fuse_lines(lines, jsonl)
    _write_lines(out_path, [json.dumps(r, ensure_ascii=False) for r in records])
    if cases_path:
        _write_lines(cases_path, [json.dumps(c.to_record(), ensure_ascii=False) for c in cases])
    joined = sum(len(c.members) > 1 for c in cases)
    err.print(f"{len(cases)} cases, {joined} of several reports", highlight=False)


def _write_lines(path: str | None, lines: list[str]) -> None:
    if path is None:
        sys.stdout.write("".join(line + "\n" for line in lines))
        sys.stdout.flush()
        return
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.writelines(line + "\n" for line in lines)
    except OSError as e:
        raise CasefileError(f"{path}: cannot be written ({e.strerror})") from None


@app.command()
def extract(
    jsonl: Annotated[
        str, typer.Option("--jsonl", help="Input documents, one JSON object a line (FILE or -).")
    ],
    units: Annotated[
        list[str] | None,
        typer.Option(
            "--units",
            help="A unit file merged over the built-in order of battle (repeatable, in order).",
        ),
    ] = None,
) -> None:
    """Analyse input lines without a store: one analysis record per line on standard output."""
    settings = State.settings()
    pipeline = Pipeline.from_settings(settings, orbat=load_orbat(files=units) if units else None)
    errors = 0
    with _open_lines(jsonl) as lines:
        for record, problem in extract_lines(lines, jsonl, pipeline, settings.max_bytes):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            if problem:
                errors += 1
                err.print(f"[red]error[/red] {problem}", highlight=False)
    sys.stdout.flush()
    if errors:
        raise typer.Exit(1)


@app.command()
def incidents(
    type_: Annotated[
        str | None, typer.Option("--type", help="Incident type, e.g. execution_of_pows.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Only incidents on or after this date (ISO).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only incidents on or before this date (ISO).")
    ] = None,
    place: Annotated[str | None, typer.Option(help="Place or region name contains this.")] = None,
    unit: Annotated[str | None, typer.Option(help="A perpetrator's name contains this.")] = None,
    include_subordinates: Annotated[
        bool,
        typer.Option(
            "--include-subordinates",
            help="With --unit: the unit (any spelling) and every unit under it today.",
        ),
    ] = False,
    text: Annotated[str | None, typer.Option(help="Summary or source text contains this.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    format_: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """List stored incidents, filtered."""
    if type_ and type_ not in INCIDENT_TYPES:
        raise CasefileError(
            f"--type {type_!r} is not an incident type (one of: {', '.join(INCIDENT_TYPES.values)})"
        )
    if format_ not in ("table", "json", "csv"):
        raise CasefileError(f"--format {format_!r}: use table, json or csv")
    f = IncidentFilter(
        type=type_, since=since, until=until, place=place, unit=unit, text=text, limit=limit
    )
    with _store(State.settings()) as store:
        if include_subordinates:
            if not unit:
                raise CasefileError("--include-subordinates needs --unit NAME")
            f.unit, f.units = None, unit_and_subordinates(store, unit)
        rows = list(store.view.iter_incidents(f))
    render_incidents(rows, format_)


app.add_typer(units_app, name="units")
app.command()(serve)
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")


@app.command()
def demo() -> None:
    """Ingest the bundled example reports into a fresh database of its own, analyse, show."""
    examples = files("casefile") / "examples"
    with tempfile.TemporaryDirectory(prefix="casefile-demo-") as tmp:
        db = str(Path(tmp) / "demo.db")
        settings = State.settings()
        settings.db = db
        with Store(db) as store:
            paths = [
                str(p)
                for p in sorted(Path(str(examples)).iterdir())
                if p.suffix in (".md", ".txt", ".html", ".jsonl") and p.name != "README.md"
            ]
            report = run_ingest(store, paths)
            out.print(f"[bold]ingest[/bold] {len(paths)} example files: {report.summary}")
            result = run_analyze(store, store_pipeline(store, settings))
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


def render_incidents(rows: list[StoredIncident], format_: str) -> None:
    if format_ == "json":
        out.print_json(
            json.dumps(
                [{"id": r.id, "document": r.document_name, **r.incident.to_record()} for r in rows],
                ensure_ascii=False,
            )
        )
        return
    if format_ == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(
            [
                "id",
                "document",
                "type",
                "date_start",
                "date_end",
                "place",
                "lat",
                "lon",
                "perpetrators",
                "victims",
                "count_best",
                "certainty",
                "summary",
            ]
        )
        for r in rows:
            i = r.incident
            w.writerow(
                [
                    r.id,
                    r.document_name,
                    i.type,
                    i.date.start if i.date else "",
                    i.date.end if i.date else "",
                    i.place.name if i.place else "",
                    i.place.lat if i.place else "",
                    i.place.lon if i.place else "",
                    "; ".join(p.name for p in i.perpetrators),
                    i.victim_category,
                    i.count.best if i.count and i.count.best is not None else "",
                    i.certainty,
                    i.summary,
                ]
            )
        sys.stdout.write(buf.getvalue())
        return
    table = Table(title=f"{len(rows)} incidents", show_lines=False)
    for col in ("date", "type", "place", "perpetrators", "victims", "certainty", "document"):
        table.add_column(col, overflow="fold")
    for r in rows:
        i = r.incident
        date = (
            i.date.start
            if i.date and i.date.start == i.date.end
            else f"{i.date.start}..{i.date.end}"
            if i.date
            else ""
        )
        victims = i.victim_category + (
            f" {i.count.best}" if i.count and i.count.best is not None else ""
        )
        table.add_row(
            date or "-",
            INCIDENT_TYPES.label(i.type),
            i.place.name if i.place else "-",
            ", ".join(p.name for p in i.perpetrators) or "-",
            victims,
            i.certainty,
            r.document_name,
        )
    out.print(table)


@contextmanager
def _store(settings: Settings) -> Iterator[Store]:
    store = Store(settings.db)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def _open_lines(path: str) -> Iterator[Iterator[bytes]]:
    if path == "-":
        yield iter(sys.stdin.buffer)
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as e:
        raise CasefileError(f"{path}: cannot be read ({e.strerror})") from None
    with fh:
        yield iter(fh)


def main() -> None:
    """Entry point: one boundary where casefile's errors become one line and an exit code."""
    try:
        app()
    except CasefileError as e:
        err.print(f"[red]error:[/red] {e}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
