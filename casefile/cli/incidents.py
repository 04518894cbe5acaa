"""``casefile incidents``: list stored incidents, filtered, as analysts left them: the values
in force (an analyst's edit wins), the review status and the machine's value beside it; table,
JSON or CSV. The same read path as the API and the web UI (``View.page_incidents``)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from typing import Annotated, Any, TextIO

import typer
from rich.markup import escape
from rich.table import Table

from ..display import date_text, perpetrators_text, place_text, victims_text
from ..store import ReviewedIncident
from ..vocab import INCIDENT_TYPES, REVIEW_STATUS
from .state import (
    OutFile,
    PlaceOpt,
    SearchOpt,
    SinceOpt,
    StatusOpt,
    SubordinatesOpt,
    TextOpt,
    TypeOpt,
    UnitOpt,
    UntilOpt,
    check_format,
    incident_query,
    open_store,
    output,
    write_json,
    write_rich,
)

FORMATS = ("table", "json", "csv")


def incidents(
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    unit: UnitOpt = None,
    include_subordinates: SubordinatesOpt = False,
    text: TextOpt = None,
    search: SearchOpt = None,
    status: StatusOpt = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    format_: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
    out_file: OutFile = None,
) -> None:
    """List stored incidents as analysts left them, filtered: the values in force, the review
    status, and the machine's value beside each edited field (with --search, the summary with
    the words marked)."""
    check_format(format_, FORMATS)
    with open_store() as store:
        q = incident_query(
            store, type_, since, until, place, unit, include_subordinates, text, status,
            search=search,
        )  # fmt: skip
        if limit is None:
            rows = list(store.view.iter_reviewed_incidents(q))
        else:
            rows = store.view.page_incidents(replace(q, limit=limit)).items
    with output(out_file) as stream:
        render_incidents(rows, format_, stream)


CSV_COLUMNS = (
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
    "status",
    "edited",
    "machine",
    "reviewed_by",
)


def render_incidents(rows: list[ReviewedIncident], format_: str, stream: TextIO) -> None:
    """Write reviewed incidents as a table, JSON (their API records) or CSV."""
    if format_ == "json":
        write_json(stream, [r.to_record() for r in rows])
    elif format_ == "csv":
        stream.write(incidents_csv(rows))
    else:
        write_rich(stream, incidents_table(rows))


def incidents_csv(rows: list[ReviewedIncident]) -> str:
    """One line per incident; ``machine`` holds the machine's values of the edited fields."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for r in rows:
        i = r.incident
        machine = r.to_record()["machine"]
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
                r.status,
                "; ".join(r.edited),
                json.dumps(machine, ensure_ascii=False) if machine else "",
                r.reviewed_by or "",
            ]
        )
    return buf.getvalue()


def incidents_table(rows: list[ReviewedIncident]) -> Table:
    """A table of the values in force; an edited field shows the machine's value under it."""
    table = Table(title=f"{len(rows)} incidents", show_lines=False)
    searched = any(r.hit for r in rows)  # --search: the summary, its words in bold
    for col in (
        "date",
        "type",
        "place",
        *(("summary",) if searched else ()),
        "perpetrators",
        "victims",
        "certainty",
        "status",
        "document",
    ):
        table.add_column(col, overflow="fold")
    for r in rows:
        i, m = r.incident, r.machine
        edited = set(r.edited) | ({"count"} if "victim_category" in r.edited else set())

        def cell(group: str, text: Any, was: Any, edited: set[str] = edited) -> str:
            shown = escape(str(text))
            if group in edited:
                shown += f"\n[dim](machine: {escape(str(was))})[/dim]"
            return shown

        summary = "".join(
            f"[bold]{escape(x)}[/bold]" if hit else escape(x) for x, hit in r.hit or []
        )
        table.add_row(
            cell("date", date_text(i.date), date_text(m.date)),
            cell("type", INCIDENT_TYPES.label(i.type), INCIDENT_TYPES.label(m.type)),
            cell("place", place_text(i.place), place_text(m.place)),
            *((summary or escape(i.summary),) if searched else ()),
            cell("perpetrators", perpetrators_text(i), perpetrators_text(m)),
            cell("count", victims_text(i), victims_text(m)),
            cell("certainty", i.certainty, m.certainty),
            REVIEW_STATUS.label(r.status).lower(),
            escape(r.document_name),
        )
    return table


def register(app: typer.Typer) -> None:
    app.command()(incidents)
