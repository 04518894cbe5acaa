"""``casefile fuse``: group the reports of one act into cases, in the store or over
``--jsonl`` records; thin over casefile/fuse/."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..fuse.records import fuse_lines
from ..fuse.stored import fuse_store
from .state import OutFile, err, open_lines, open_store, out, output, settings


def fuse(
    jsonl: Annotated[
        str | None,
        typer.Option("--jsonl", help="Analysis records with their texts (FILE or -); no store."),
    ] = None,
    out_file: OutFile = None,
    cases_path: Annotated[
        str | None,
        typer.Option(
            "--cases",
            metavar="FILE",
            help="With --jsonl: also write one case a line (reconciled values, grade, why).",
        ),
    ] = None,
    again: Annotated[
        bool, typer.Option("--again", help="Store: fuse every incident again, not only new ones.")
    ] = False,
) -> None:
    """Group incidents that report one act into cases: the store's (new incidents and the
    cases they could join), or --jsonl records, written back with `case` on every incident."""
    if jsonl is None:
        with open_store(settings()) as store:
            out.print(fuse_store(store, again).summary)
        return
    with open_lines(jsonl) as lines:
        records, cases = fuse_lines(lines, jsonl)
    with output(out_file) as stream:
        stream.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if cases_path:
        with output(cases_path) as stream:
            stream.writelines(json.dumps(c.to_record(), ensure_ascii=False) + "\n" for c in cases)
    joined = sum(len(c.members) > 1 for c in cases)
    err.print(f"{len(cases)} cases, {joined} of several reports", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(fuse)
