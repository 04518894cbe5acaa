"""The CLI package: every command module registers itself, none imports the package back."""

from __future__ import annotations

import ast
from pathlib import Path

import casefile.cli
from casefile.cli import COMMANDS

CLI = Path(casefile.cli.__file__).parent
LIBRARY = CLI.parent


def _relative_imports(path: Path) -> list[tuple[int, str | None, list[str]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.level, node.module, [a.name for a in node.names])
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level > 0
    ]


def test_every_command_module_is_registered() -> None:
    modules = {p.stem for p in CLI.glob("*.py")} - {"__init__", "state"}
    assert {m.__name__.rsplit(".", 1)[1] for m in COMMANDS} == modules
    for module in COMMANDS:
        assert callable(module.register), module.__name__


def test_command_modules_never_import_the_package() -> None:
    for path in CLI.glob("*.py"):
        if path.name == "__init__.py":
            continue
        for level, module, names in _relative_imports(path):
            # `from . import x` or `from .. import y` would run or need casefile/cli/__init__
            assert module is not None, f"{path.name}: from {'.' * level} import {names}"


def test_the_library_never_imports_the_cli() -> None:
    for path in LIBRARY.rglob("*.py"):
        if CLI in path.parents or path.name == "__main__.py":  # `python -m casefile` is the CLI
            continue
        text = path.read_text(encoding="utf-8")
        assert (
            "casefile.cli" not in text and "from .cli" not in text and "from ..cli" not in text
        ), path
