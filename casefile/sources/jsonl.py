"""JSON Lines in the input shape of the analysis format: one document per line.

A line's identity is the SHA-256 of its text; its ``doc_id`` is kept as the
document's name and echoed in every output.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import RecordError

DOC_FIELDS = ("doc_id", "text", "published", "publisher", "title", "url", "language")


def parse_line(line: bytes | str, source: str, lineno: int, max_bytes: int) -> dict[str, Any]:
    """One input record, checked; raises RecordError naming ``source:lineno``."""
    where = f"{source}:{lineno}"
    if len(line) > max_bytes:
        raise RecordError(
            where,
            f"line is {len(line):,} bytes, over the limit of {max_bytes:,}",
            "raise --max-bytes",
        )
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise RecordError(where, f"not valid UTF-8 at byte {e.start}") from None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise RecordError(where, f"not valid JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(rec, dict):
        raise RecordError(where, "a line must be a JSON object")
    text = rec.get("text")
    if not isinstance(text, str):
        raise RecordError(where, "missing 'text' (a string)", f"doc_id {rec.get('doc_id')!r}")
    if not text.strip():
        raise RecordError(where, "'text' is empty", f"doc_id {rec.get('doc_id')!r}")
    if rec.get("doc_id") is not None and not isinstance(rec["doc_id"], str | int):
        raise RecordError(where, "'doc_id' must be a string")
    return rec


def iter_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for each non-blank line."""
    for n, line in enumerate(data.splitlines(), 1):
        if line.strip():
            yield n, line
