"""``casefile units``: the order of battle and chains of command, thin over casefile/units.py."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from ..store import Store
from ..units import ChainLink, UnitReport, load_orbat, load_unit_file, unit_report, unit_to_record
from ..vocab import INCIDENT_TYPES, STATEMENT_KINDS
from .state import check_format, out, settings

units_app = typer.Typer(
    help="The order of battle: list, show and load units.",
    no_args_is_help=True,
)
FORMATS = ("table", "json")


@units_app.command("load")
def load(
    path: Annotated[str, typer.Argument(help="A unit file in the format of the built-in one.")],
) -> None:
    """Check a user unit file and keep it in the store, merged over the built-in order of battle;
    a file of the same name loaded before is replaced."""
    with Store(settings().db) as store:
        loaded = load_unit_file(store, path)
    verb = "replaced the earlier" if loaded.replaced else "loaded"
    out.print(
        f"{verb} {loaded.name}: {loaded.units} unit{'' if loaded.units == 1 else 's'} "
        f"(unit file #{loaded.seq} of the store); {loaded.total} units known",
        highlight=False,
    )
    if loaded.analysed:
        were = "document was" if loaded.analysed == 1 else "documents were"
        out.print(
            f"{loaded.analysed} {were} analysed before: `casefile analyze --again` "
            "finds these units in them too",
            highlight=False,
        )


@units_app.command("list")
def list_(
    format_: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """List every known unit with its current parent; unverified relations are marked."""
    check_format(format_, FORMATS)
    with Store(settings().db) as store:
        orbat = load_orbat(store)
    if format_ == "json":
        out.print_json(json.dumps([unit_to_record(u) for u in orbat], ensure_ascii=False))
        return
    table = Table(title=f"{len(orbat)} units")
    for column in ("unit", "echelon", "affiliation", "parent today", "source"):
        table.add_column(column, overflow="fold")
    for unit in orbat:
        now = unit.parent_on(None)
        source = "" if now is None else now.source if now.verified else "[yellow]unverified[/]"
        table.add_row(unit.name, unit.echelon, unit.affiliation, now.parent if now else "-", source)
    out.print(table)


@units_app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="A unit, in any known spelling or alias.")],
    on: Annotated[str | None, typer.Option(help="The chain of command on this date (ISO).")] = None,
    limit: Annotated[int, typer.Option(help="List at most this many incidents.")] = 10,
    format_: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """A unit's chain of command, subordinates, sources, incidents and statements."""
    check_format(format_, FORMATS)
    with Store(settings().db) as store:
        report = unit_report(store, name, on=on, limit=limit)
    if format_ == "json":
        out.print_json(json.dumps(report.to_record(), ensure_ascii=False))
    else:
        render_report(report)


def render_report(report: UnitReport) -> None:
    """A unit report as text: one section per question."""
    p = out.print
    rec = report.record
    kind = f"{rec.echelon}, {rec.type}, {rec.affiliation}" if rec else "known from documents only"
    p(f"[bold]{report.name}[/bold] ({kind})", highlight=False)
    if rec and rec.aliases:
        p(f"  aliases: {', '.join(rec.aliases)}", highlight=False)
    p(f"\n[bold]Chain of command[/bold] ({report.on or 'today'})")
    p(f"  {report.name}", highlight=False)
    for depth, link in enumerate(report.chain, start=1):
        p(f"  {'  ' * depth}└ {link.parent}  [dim]{_basis(link)}[/dim]", highlight=False)
    if not report.chain:
        p("  (no parent known)")
    p(f"\n[bold]Subordinates[/bold] ({len(report.descendants)} in all)")
    for link in report.subordinates:
        p(f"  {link.unit}  [dim]{_basis(link)}[/dim]", highlight=False)
    if not report.subordinates:
        p("  (none known)")
    p("\n[bold]Relations by source[/bold]")
    for r in report.relations:
        when = f" {r.start or '…'}..{r.end or ''}" if r.start or r.end else ""
        if r.origin == "document":
            source = f"stated by {r.document} ({r.published or 'undated'})"
        else:
            source = f"{r.origin}: {r.source if r.verified else '[yellow]unverified[/yellow]'}"
        flag = (
            f"  [red]contradicts the knowledge base ({r.contradicts})[/red]"
            if r.contradicts
            else ""
        )
        p(f"  {r.child} -> {r.parent}{when}  [dim]{source}[/dim]{flag}", highlight=False)
    if not report.relations:
        p("  (none)")
    p(f"\n[bold]Incidents[/bold] attributed to it or its subordinates: {report.incident_count}")
    for kind_, n in report.incidents_by_type.items():
        p(f"  {INCIDENT_TYPES.label(kind_)}: {n}", highlight=False)
    for row in report.incidents:
        i = row.incident
        date = i.date.start if i.date and i.date.start else "undated"
        place = i.place.name if i.place else "place unknown"
        who = ", ".join(a.name for a in i.perpetrators)
        p(f"  - {date} {INCIDENT_TYPES.label(i.type)}, {place} ({who}) [dim]{row.document_name}[/]")
    p("\n[bold]Statements[/bold]")
    for s in report.statements_about:
        st, doc = s.statement, s.document_name
        p(f"  {STATEMENT_KINDS.label(st.kind)} by {st.speaker} to {st.target} [dim]{doc}[/]")
    for person in report.chain_people:
        named, doc = person.person, person.document_name
        p(f"  in its chain: {named.name}, {named.title} [dim]{doc}[/]", highlight=False)
    for s in report.chain_statements:
        st, doc = s.statement, s.document_name
        p(f"  {STATEMENT_KINDS.label(st.kind)} by {st.speaker} (its chain) [dim]{doc}[/]")
    if not (report.statements_about or report.chain_people or report.chain_statements):
        p("  (none)")


def _basis(link: ChainLink) -> str:
    """Why a link is believed: the knowledge base's source, or the documents that state it."""
    if link.basis == "documents":
        over = (
            f", outranks the unverified knowledge base ({link.overrides})" if link.overrides else ""
        )
        return f"stated by {link.source}{over}"
    text = f"{link.basis}: {link.source}" if link.verified else f"{link.basis}: unverified"
    return text + (f"; stated by {', '.join(link.documents)}" if link.documents else "")


def register(app: typer.Typer) -> None:
    app.add_typer(units_app, name="units")
