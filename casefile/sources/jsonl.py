"""JSON Lines in the input shape of the analysis format: one document per line.

A line's identity is the SHA-256 of its text (UTF-8, after the repairs below); its
``doc_id`` is kept as the document's name and echoed in every output. The line itself is
kept byte for byte as the document's original.

Repairs, each noted on the document: a lone surrogate (``"\ud800"`` unpaired, which no
UTF-8 text can hold) becomes U+FFFD; so does a byte that is not UTF-8.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import RecordError
from .preserve import decode_utf8_marking, scrub_surrogates

DOC_FIELDS = ("doc_id", "text", "published", "publisher", "title", "url", "language")


def parse_line(line: bytes | str, source: str, lineno: int, max_bytes: int) -> dict[str, Any]:
    """One input record, checked and repaired; raises RecordError naming ``source:lineno``."""
    return parse_record(line, source, lineno, max_bytes)[0]


def parse_record(
    line: bytes | str, source: str, lineno: int, max_bytes: int
) -> tuple[dict[str, Any], list[str]]:
    """One input record, checked and repaired, and a note for each repair."""
    notes: list[str] = []
    where = f"{source}:{lineno}"
    if len(line) > max_bytes:
        raise RecordError(
            where,
            f"line is {len(line):,} bytes, over the limit of {max_bytes:,}",
            "raise --max-bytes",
        )
    if isinstance(line, bytes):
        line, bad_bytes = decode_utf8_marking(line)
        if bad_bytes:
            notes.append(bad_bytes)
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise RecordError(where, f"not valid JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:
        raise RecordError(where, "JSON nested too deeply") from None
    if not isinstance(rec, dict):
        raise RecordError(where, "a line must be a JSON object")
    for key, value in list(rec.items()):
        if isinstance(value, str):
            rec[key], lone = scrub_surrogates(value)
            if lone:
                notes.append(_surrogate_note(key, lone))
    text = rec.get("text")
    if not isinstance(text, str):
        raise RecordError(where, "missing 'text' (a string)", f"doc_id {rec.get('doc_id')!r}")
    if not text.strip():
        raise RecordError(where, "'text' is empty", f"doc_id {rec.get('doc_id')!r}")
    if rec.get("doc_id") is not None and not isinstance(rec["doc_id"], str | int):
        raise RecordError(where, "'doc_id' must be a string")
    return rec, notes


def _surrogate_note(key: str, offsets: list[int]) -> str:
    n = len(offsets)
    shown = ", ".join(str(o) for o in offsets[:10]) + (" ..." if n > 10 else "")
    return (
        f"{n} lone surrogate{'s' if n != 1 else ''} in '{key}' replaced by U+FFFD "
        f"(characters {shown}); the original line is kept unchanged"
    )


def iter_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for each non-blank line."""
    for n, line in enumerate(data.splitlines(), 1):
        if line.strip():
            yield n, line
