"""The ``casefile`` command: thin commands over the library, errors as one clear line.

Layout of this package:

- ``__init__.py`` (this file): the Typer ``app``, its global options (``--db``, ``--set``),
  the list of command modules, and ``main`` (the entry point, ``casefile = "casefile.cli:main"``,
  where casefile's errors become one line and an exit code).
- ``state.py``: everything the commands share, in one module: the options of this run
  (``State``, ``settings()``), the consoles ``out`` and ``err``, ``open_store()``,
  ``progress()``, ``check_format()``.
- one module per command or command group: ``ingest``, ``analyze``, ``extract``,
  ``incidents``, ``units``, ``serve``, ``users``, ``audit``, ``demo``.

How to add a command module (say ``casefile fuse``):

1. Write ``casefile/cli/fuse.py``. Import the library (``from ..fuse import fuse``) and the
   shared state (``from .state import open_store, out, settings``); never import
   ``casefile.cli`` itself (that would be an import cycle) nor another command module's
   private helpers. A command parses its options, calls one library function, renders the
   result; raise ``CasefileError`` for a user's mistake (``main`` prints it as one line).
2. End the module with ``def register(app: typer.Typer) -> None`` that adds its commands:
   ``app.command()(fuse)`` for one command, or for a group
   ``app.add_typer(fuse_app, name="fuse")`` with ``fuse_app = typer.Typer(...)`` defined in
   the module.
3. Add the module to ``COMMANDS`` below, where it should appear in ``casefile --help``.
4. Run ``python scripts/gen_docs.py`` to regenerate docs/cli.md (tests/test_docs.py checks it)
   and add a test beside the others in tests/ (the CLI tests run ``casefile`` as a
   subprocess).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..errors import CasefileError
from . import analyze, audit, demo, extract, incidents, ingest, serve, units, users
from .state import State, err

# The command modules, in the order `casefile --help` lists them.
COMMANDS = (ingest, analyze, extract, incidents, units, serve, users, audit, demo)

app = typer.Typer(
    help="casefile: turn reports of atrocity crimes into a verified, source-linked incident "
    "database.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Database URL or SQLite file [env: CASEFILE_DB; default: casefile.db]."
        ),
    ] = None,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Override a setting: name=value (repeatable).")
    ] = None,
) -> None:
    State.db = db
    State.overrides = list(set_ or [])


for _module in COMMANDS:
    _module.register(app)


def main() -> None:
    """Entry point: one boundary where casefile's errors become one line and an exit code."""
    try:
        app()
    except CasefileError as e:
        err.print(f"[red]error:[/red] {e}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


__all__ = ["COMMANDS", "app", "main"]
