"""``casefile extract --jsonl``: the pipeline without a store, spec records out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from ..errors import CasefileError
from ..extract.pipeline import Pipeline
from ..extract.records import extract_lines
from ..units import load_orbat
from .state import err, settings


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
    s = settings()
    pipeline = Pipeline.from_settings(s, orbat=load_orbat(files=units) if units else None)
    errors = 0
    with _open_lines(jsonl) as lines:
        for record, problem in extract_lines(lines, jsonl, pipeline, s.max_bytes):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            if problem:
                errors += 1
                err.print(f"[red]error[/red] {problem}", highlight=False)
    sys.stdout.flush()
    if errors:
        raise typer.Exit(1)


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


def register(app: typer.Typer) -> None:
    app.command()(extract)
