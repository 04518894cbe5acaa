"""Stateless extraction: input lines in, one analysis record per line out (the spec's format)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import CasefileError, InputError
from ..lang import detect_language
from ..model import Document
from ..sources.jsonl import parse_line
from ..sources.reader import DEFAULT_MAX_BYTES, language_code
from .dates import resolve_published
from .pipeline import Pipeline


def extract_lines(
    lines: Iterable[bytes],
    source: str,
    pipeline: Pipeline | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[tuple[dict[str, Any], str | None]]:
    """(record, error message or None) for every non-blank input line, in order.
    A line that cannot be analysed still gets a record: ``{"doc_id": ..., "error": ...}``."""
    pipeline = pipeline or Pipeline.from_settings()
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = parse_line(line.rstrip(b"\r\n"), source, lineno, max_bytes)
        except InputError as e:
            yield {"doc_id": _doc_id(line, lineno), "error": e.problem}, str(e)
            continue
        doc = Document.from_text(
            rec["text"],
            name=str(rec.get("doc_id") or f"line {lineno}"),
            publisher=rec.get("publisher"),
            title=rec.get("title"),
            url=rec.get("url"),
            published=resolve_published(rec.get("published")),
            # a line that gives no language is told by its text
            language=language_code(rec["language"])
            if rec.get("language")
            else detect_language(rec["text"]),
        )
        try:
            yield pipeline(doc).to_record(), None
        except (CasefileError, ValueError, RecursionError) as e:
            yield {"doc_id": doc.ref, "error": f"extraction failed: {e}"}, f"{source}:{lineno}: {e}"


_DOC_ID = re.compile(rb'"doc_id"\s*:\s*"((?:[^"\\]|\\.){1,500})"')


def _doc_id(line: bytes, lineno: int) -> str:
    """The doc_id of a line that failed, if it can be read at all (even from a huge line)."""
    m = _DOC_ID.search(line[:10_000])
    if m:
        try:
            return str(json.loads(b'"' + m.group(1) + b'"'))
        except ValueError:
            pass
    return f"line {lineno}"
