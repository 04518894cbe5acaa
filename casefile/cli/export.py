"""``casefile export``: the filtered incidents (or cases) in an export format, to standard
output or a file; thin over casefile/export."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from ..errors import CasefileError
from ..export import export as run_export
from ..store.store import default_actor
from .state import (
    PlaceOpt,
    SearchOpt,
    SinceOpt,
    StatusOpt,
    SubordinatesOpt,
    TextOpt,
    TypeOpt,
    UnitOpt,
    UntilOpt,
    err,
    incident_query,
    open_store,
)


def export(
    format_: Annotated[
        str, typer.Option("--format", help="csv (ACLED columns), geojson, ftm, jsonl or records.")
    ],
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    unit: UnitOpt = None,
    include_subordinates: SubordinatesOpt = False,
    text: TextOpt = None,
    search: SearchOpt = None,
    status: StatusOpt = None,
    cases: Annotated[
        bool, typer.Option("--cases", help="Export the cases holding the matching incidents.")
    ] = False,
    out_: Annotated[
        str | None, typer.Option("--out", help="Write to FILE (only once all went well).")
    ] = None,
) -> None:
    """Export incidents or cases with the analysts' values; the export is audited."""
    with open_store() as store:
        q = incident_query(
            store,
            type_,
            since,
            until,
            place,
            unit,
            include_subordinates,
            text,
            status,
            search=search,
        )
        result = run_export(store, default_actor(), format_, q, cases)
    if out_ is None:
        sys.stdout.buffer.write(result.data)
        sys.stdout.flush()
    else:
        write_file(Path(out_), result.data)
        err.print(f"{result.count} {'cases' if cases else 'incidents'} -> {out_} ({result.format})")


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file beside it, renamed."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CasefileError(f"--out {path}: the folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise CasefileError(f"--out {path}: cannot be written ({e.strerror})") from None


def register(app: typer.Typer) -> None:
    app.command()(export)
