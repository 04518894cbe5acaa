"""The state every command shares, in one place: the global options of this run (--db, --set),
the settings they give, the two consoles, and small helpers (open the store, a progress bar,
check a --format).

Command modules import from here and never from ``casefile.cli`` itself, so the package has
no import cycle: ``__init__`` imports the command modules, they import ``state``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..config import Settings, parse_overrides
from ..errors import CasefileError
from ..store import Store

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


def check_format(format_: str, formats: tuple[str, ...]) -> None:
    """Refuse a --format this command does not write, naming the ones it does."""
    if format_ not in formats:
        raise CasefileError(f"--format {format_!r}: use {', '.join(formats[:-1])} or {formats[-1]}")
