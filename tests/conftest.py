"""Shared fixtures: factories for documents and analyses, a fresh store, a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from casefile.model import Analysis, Document
from casefile.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def make_document() -> Callable[..., Document]:
    def make(text: str, published: str | None = "2024-10-01", name: str = "doc", **meta: str) -> Document:
        return Document.from_text(text, name=name, published=published, **meta)

    return make


@pytest.fixture
def make_analysis(make_document: Callable[..., Document]) -> Callable[..., Analysis]:
    """An Analysis of ``text`` with sentences split, ready for one stage to run on it."""
    from casefile.extract.sentences import split_sentences

    def make(text: str, published: str | None = "2024-10-01") -> Analysis:
        a = Analysis(document=make_document(text, published))
        a.sentences = split_sentences(text)
        return a

    return make


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(str(tmp_path / "test.db"))
    yield store
    store.close()


def run_cli(*args: str, cwd: Path, stdin: bytes | None = None, env: dict[str, str] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``casefile ARGS`` in a subprocess, as a user runs it."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    full_env = {**base, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "casefile", *args], cwd=cwd, input=stdin.decode() if stdin else None,
        capture_output=True, text=True, env=full_env, timeout=timeout,
    )


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    def run(*args: str, stdin: bytes | None = None, **kw: object) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, cwd=tmp_path, stdin=stdin, **kw)  # type: ignore[arg-type]

    return run
