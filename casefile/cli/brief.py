"""``casefile brief``: a cited brief of the filtered incidents as Markdown, HTML or PDF; thin
over casefile/brief."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..brief import write_brief
from ..errors import CasefileError
from ..store.view import is_partial_date
from .state import (
    PlaceOpt,
    StatusOpt,
    SubordinatesOpt,
    TextOpt,
    TypeOpt,
    UnitOpt,
    UntilOpt,
    err,
    incident_query,
    open_store,
    out,
)


def brief(
    out_: Annotated[str, typer.Option("--out", help="FILE.md, FILE.html or FILE.pdf.")],
    type_: TypeOpt = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="Only incidents on or after this date (ISO).")
    ] = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    unit: UnitOpt = None,
    include_subordinates: SubordinatesOpt = False,
    text: TextOpt = None,
    status: StatusOpt = None,
    since: Annotated[
        str | None,
        typer.Option(help="What is new: takeaways whose sources were published on or after."),
    ] = None,
    base_url: Annotated[
        str, typer.Option(help="Where `casefile serve` runs: citations link to its case pages.")
    ] = "http://127.0.0.1:8000",
    title: Annotated[str, typer.Option(help="The brief's title.")] = "Brief",
) -> None:
    """Write a cited brief: key takeaways, figures by body, units and their chain of command,
    a timeline and a map; every sentence links to the spans it rests on."""
    if since is not None and not is_partial_date(since):
        raise CasefileError(f"--since {since!r}: give a date as 2024, 2024-03 or 2024-03-05")
    with open_store() as store:
        q = incident_query(
            store, type_, from_, until, place, unit, include_subordinates, text, status, "--from"
        )
        written = write_brief(store, q, Path(out_), since, base_url, title)
    for note in written.notes:
        err.print(f"[yellow]note[/yellow] {note}", highlight=False)
    for path in written.files:
        out.print(f"wrote {path}", highlight=False)
    if written.notes:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(brief)
