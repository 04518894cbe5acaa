"""Stateless extraction: input lines in, one analysis record per line out (the spec's format)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import CasefileError, InputError
from ..lang import detect_language
from ..model import Analysis, Document
from ..sources.jsonl import parse_line
from ..sources.reader import DEFAULT_MAX_BYTES, language_code
from .dates import resolve_published
from .pipeline import BATCH_SIZE, Pipeline


def extract_lines(
    lines: Iterable[bytes],
    source: str,
    pipeline: Pipeline | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[dict[str, Any], str | None]]:
    """(record, error message or None) for every non-blank input line, in order.
    A line that cannot be analysed still gets a record: ``{"doc_id": ..., "error": ...}``.
    The lines are analysed ``batch_size`` documents at a time (``Pipeline.outcomes``: memory
    holds one batch), so the records of a batch come out together."""
    pipeline = pipeline or Pipeline.from_settings()
    batch: list[tuple[int, Document | dict[str, Any], str | None]] = []
    documents = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            batch.append((lineno, _document(line, lineno, source, max_bytes), None))
            documents += 1
        except InputError as e:
            batch.append((lineno, {"doc_id": _doc_id(line, lineno), "error": e.problem}, str(e)))
        if documents >= batch_size:
            yield from _analysed(batch, source, pipeline)
            batch, documents = [], 0
    yield from _analysed(batch, source, pipeline)


def _document(line: bytes, lineno: int, source: str, max_bytes: int) -> Document:
    rec = parse_line(line.rstrip(b"\r\n"), source, lineno, max_bytes)
    return Document.from_text(
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


def _analysed(
    batch: list[tuple[int, Document | dict[str, Any], str | None]],
    source: str,
    pipeline: Pipeline,
) -> Iterator[tuple[dict[str, Any], str | None]]:
    """The records of a batch's lines in order: each document's analysis, or its error."""
    documents = [item for _, item, _ in batch if isinstance(item, Document)]
    results = pipeline.outcomes(documents, batch_size=max(1, len(documents)), settle=True)
    for lineno, item, problem in batch:
        if not isinstance(item, Document):
            yield item, problem
            continue
        try:
            result = next(results)
            if not isinstance(result, Analysis):
                raise result
            yield result.to_record(), None
        except (CasefileError, ValueError, RecursionError) as e:
            yield (
                {"doc_id": item.ref, "error": f"extraction failed: {e}"},
                f"{source}:{lineno}: {e}",
            )


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
