"""``casefile extract --jsonl``: the pipeline without a store, spec records out."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..extract.pipeline import Pipeline
from ..extract.records import extract_lines
from ..units import load_orbat
from .state import OutFile, err, open_lines, output, settings


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
    out_file: OutFile = None,
) -> None:
    """Analyse input lines without a store: one analysis record per line, on standard output
    or into --out FILE. A line that cannot be analysed gets an error record (exit 1)."""
    s = settings()
    pipeline = Pipeline.from_settings(s, orbat=load_orbat(files=units) if units else None)
    errors = 0
    with open_lines(jsonl) as lines, output(out_file) as stream:
        for record, problem in extract_lines(lines, jsonl, pipeline, s.max_bytes):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            if problem:
                errors += 1
                err.print(f"[red]error[/red] {problem}", highlight=False)
    if errors:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(extract)
