"""The state every command shares, in one place: the global options of this run (--db, --set),
the settings they give, the two consoles, and small helpers (open the store, a progress bar,
check a --format, the incident filters that ``export`` and ``brief`` take).

Command modules import from here and never from ``casefile.cli`` itself, so the package has
no import cycle: ``__init__`` imports the command modules, they import ``state``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, ClassVar, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..config import Settings, parse_overrides
from ..errors import CasefileError
from ..store import Store
from ..store.view import IncidentQuery, is_partial_date
from ..units import unit_and_subordinates
from ..vocab import INCIDENT_TYPES, REVIEW_STATUS

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


def settings() -> Settings:
    """The settings of this run: defaults, casefile.toml, CASEFILE_* env, --set, --db."""
    return State.settings()


@contextmanager
def open_store(s: Settings | None = None) -> Iterator[Store]:
    """The store of this run (or of ``s``), closed at the end of the block."""
    store = Store((s or settings()).db)
    try:
        yield store
    finally:
        store.close()


def progress(what: str) -> Progress:
    """A progress bar on standard error, only where that is a terminal."""
    return Progress(
        TextColumn(f"[bold]{what}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


# The --out option of every command that writes a file.
OutFile = Annotated[
    str | None,
    typer.Option(
        "--out",
        metavar="FILE",
        help="Write to FILE, only once all went well, instead of standard output.",
    ),
]


@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """Where a command writes: standard output, or ``path``, written only on success.

    The text goes to a temporary file beside ``path``, renamed over it at the end of the
    block; an error (or Ctrl-C) removes it, so a failed command never leaves a half-written
    or empty file, nor spoils one that was there."""
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    if target.is_dir():
        raise CasefileError(f"--out {path}: is a folder; name a file to write")
    folder = target.parent
    if not folder.is_dir():
        raise CasefileError(f"--out {path}: the folder {folder} does not exist")
    fd, part = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
    except BaseException:
        os.unlink(part)
        raise
    os.replace(part, target)
    err.print(f"wrote {path}", highlight=False)


def write_json(stream: TextIO, data: Any) -> None:
    """JSON to a terminal, a pipe or a file: pretty and coloured on a terminal."""
    if stream is sys.stdout:
        out.print_json(json.dumps(data, ensure_ascii=False))
    else:
        stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def console_for(stream: TextIO) -> Console:
    """The console that writes to ``stream``: ``out``, or plain text into a file."""
    if stream is sys.stdout:
        return out
    return Console(file=stream, width=160, soft_wrap=True, no_color=True, highlight=False)


def write_rich(stream: TextIO, renderable: Any) -> None:
    """A rich table or text to standard output or a file (plain text there)."""
    console_for(stream).print(renderable)


def note_stdin(path: str) -> None:
    """Say so where ``-`` would wait on a terminal for text typed in."""
    if path == "-" and sys.stdin.isatty():
        err.print(
            "reading standard input: type or paste, then Ctrl-D (Ctrl-Z Enter on Windows); "
            "or name a file instead of -",
            highlight=False,
        )


def check_format(format_: str, formats: tuple[str, ...]) -> None:
    """Refuse a --format this command does not write, naming the ones it does."""
    if format_ not in formats:
        raise CasefileError(f"--format {format_!r}: use {', '.join(formats[:-1])} or {formats[-1]}")


# -- the incident filters of ``incidents``, ``export`` and ``brief``: options, and the
# IncidentQuery (the reviewed read path: the values in force) they make; one place for each

TypeOpt = Annotated[
    str | None, typer.Option("--type", help="Incident type, e.g. execution_of_pows.")
]
SinceOpt = Annotated[
    str | None,
    typer.Option(help="Only incidents that may end on or after this date (ISO, e.g. 2024-01)."),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(help="Only incidents that may start on or before this date (ISO, e.g. 2024-03)."),
]
PlaceOpt = Annotated[str | None, typer.Option(help="Place or region name contains this.")]
UnitOpt = Annotated[str | None, typer.Option(help="A perpetrator's name contains this.")]
SubordinatesOpt = Annotated[
    bool,
    typer.Option(
        "--include-subordinates",
        help="With --unit: the unit (any spelling) and every unit under it today.",
    ),
]
TextOpt = Annotated[str | None, typer.Option(help="Summary or source text contains this.")]
SearchOpt = Annotated[
    str | None,
    typer.Option(
        help="Full-text search: every word (stemmed) in the summary, place, perpetrators or "
        "type, as analysts left them."
    ),
]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option(help=f"Review status (repeatable): {', '.join(REVIEW_STATUS.values)}."),
]


def incident_query(
    store: Store,
    type_: str | None,
    since: str | None,
    until: str | None,
    place: str | None,
    unit: str | None,
    include_subordinates: bool,
    text: str | None,
    status: list[str] | None = None,
    since_option: str = "--since",  # what the command calls it (brief: --from)
    search: str | None = None,
) -> IncidentQuery:
    """The query of the filter options, checked; every match (no limit)."""
    if type_ and type_ not in INCIDENT_TYPES:
        raise CasefileError(
            f"--type {type_!r} is not an incident type (one of: {', '.join(INCIDENT_TYPES.values)})"
        )
    for option, given in ((since_option, since), ("--until", until)):
        if given is not None and not is_partial_date(given):
            raise CasefileError(f"{option} {given!r}: give a date as 2024, 2024-03 or 2024-03-05")
    for value in status or []:
        if value not in REVIEW_STATUS:
            raise CasefileError(
                f"--status {value!r} is not a review status "
                f"(one of: {', '.join(REVIEW_STATUS.values)})"
            )
    q = IncidentQuery(
        type=type_,
        since=since,
        until=until,
        place=place,
        text=text,
        search=search or None,
        status=list(status) if status else None,
        limit=None,
    )
    if include_subordinates:
        if not unit:
            raise CasefileError("--include-subordinates needs --unit NAME")
        q.units = unit_and_subordinates(store, unit)
    else:
        q.unit = unit
    return q


@contextmanager
def open_lines(path: str) -> Iterator[Iterator[bytes]]:
    """The lines of ``path`` (``-``: standard input, said on a terminal); a file that cannot
    be read is one clear error."""
    if path == "-":
        note_stdin(path)
        yield iter(sys.stdin.buffer)
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as e:
        raise CasefileError(f"{path}: cannot be read ({e.strerror})") from None
    with fh:
        yield iter(fh)
