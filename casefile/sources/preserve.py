"""Checks on original bytes and their decoding to text.

The original bytes are never altered; these helpers only decide whether they can
be ingested and what text they hold.
"""

from __future__ import annotations

from ..errors import IngestError

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))


def check_bytes(data: bytes, source: str, max_bytes: int) -> None:
    """Reject what cannot be a document: too large, empty, or binary."""
    if len(data) > max_bytes:
        raise IngestError(
            source,
            f"file is {len(data):,} bytes, over the limit of {max_bytes:,}",
            "raise it with --max-bytes",
        )
    if not data.strip():
        raise IngestError(source, "file is empty")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean binary."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b in _CONTROL)
    return control > max(8, len(head) // 100)


def decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode as UTF-8 (BOM allowed); fall back to cp1252, then latin-1, and say so."""
    if looks_binary(data):
        raise IngestError(source, "file looks binary, not text", "convert it to text or PDF first")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        where = f"byte {e.start}"
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, [f"not valid UTF-8 (at {where}); decoded as {encoding}"]
    raise IngestError(source, "text cannot be decoded")  # pragma: no cover - latin-1 never fails
