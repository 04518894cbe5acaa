"""``casefile incidents``: list stored incidents, filtered; table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from ..errors import CasefileError
from ..store import IncidentFilter
from ..store.view import StoredIncident
from ..units import unit_and_subordinates
from ..vocab import INCIDENT_TYPES
from .state import check_format, open_store, out

FORMATS = ("table", "json", "csv")


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
    check_format(format_, FORMATS)
    f = IncidentFilter(
        type=type_, since=since, until=until, place=place, unit=unit, text=text, limit=limit
    )
    with open_store() as store:
        if include_subordinates:
            if not unit:
                raise CasefileError("--include-subordinates needs --unit NAME")
            f.unit, f.units = None, unit_and_subordinates(store, unit)
        rows = list(store.view.iter_incidents(f))
    render_incidents(rows, format_)


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


def register(app: typer.Typer) -> None:
    app.command()(incidents)
