"""``casefile examples``: where the bundled example reports are, or a copy of them."""

from __future__ import annotations

import filecmp
import shutil
from importlib.resources import files
from pathlib import Path
from typing import Annotated

import typer

from ..errors import CasefileError
from .state import out


def examples_folder() -> Path:
    """The folder of example reports installed with casefile."""
    return Path(str(files("casefile") / "examples"))


def examples(
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out", metavar="DIR", help="Copy the example reports into DIR (made if missing)."
        ),
    ] = None,
) -> None:
    """Copy the bundled example reports (written by the casefile team from public facts) into
    a folder to try casefile on; without --out, say where they are installed."""
    source = examples_folder()
    reports = sorted(p for p in source.iterdir() if p.is_file() and not p.name.startswith("."))
    if out_dir is None:
        out.print(f"{len(reports)} files in {source}", highlight=False)
        for p in reports:
            out.print(f"  {p.name}", highlight=False)
        return
    if out_dir.exists() and not out_dir.is_dir():
        raise CasefileError(f"--out {out_dir}: is a file; name a folder")
    clashes = [
        p.name
        for p in reports
        if (out_dir / p.name).exists() and not filecmp.cmp(p, out_dir / p.name, shallow=False)
    ]
    if clashes:
        raise CasefileError(
            f"--out {out_dir}: holds other files of the same names ({', '.join(clashes[:3])}); "
            "name a new folder"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    for p in reports:
        shutil.copyfile(p, out_dir / p.name)
    out.print(
        f"copied {len(reports)} files (example reports and their README) to {out_dir}/",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.command()(examples)
