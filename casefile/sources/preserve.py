"""Checks on original bytes and their decoding to text.

The original bytes are never altered; these helpers only decide whether they can
be ingested and what text they hold. Where a few bytes or characters cannot be
read, they become U+FFFD in the *text* where they stand, and a note says where:
the rest of the text is never re-decoded because of them.
"""

from __future__ import annotations

import codecs
import re
import threading
from typing import Any

from ..errors import IngestError

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))
# Byte-order marks, longest first (UTF-32 LE starts with UTF-16 LE's mark).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
SHOW_OFFSETS = 10  # offsets named in a note; the count says how many more


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


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark at the start declares and the mark's length, or None."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """Text of ``data`` and notes on how it was read.

    1. A byte-order mark (UTF-8, UTF-16, UTF-32) names the encoding: the file is text.
    2. Otherwise binary-looking bytes are refused.
    3. Valid UTF-8 is read as such.
    4. UTF-8 with a few bad bytes (fewer than its valid multi-byte characters): each bad
       byte becomes U+FFFD where it stands, and the note gives their byte offsets.
    5. Otherwise a legacy single-byte file: cp1252, then latin-1 (which reads anything).
    """
    marked = bom_encoding(data)
    if marked is not None:
        encoding, skip = marked
        text, bad = _decode_marking(data, encoding, skip)
        notes = [] if encoding == "utf-8" else [f"read as {encoding} (byte-order mark)"]
        if bad:
            notes.append(_bad_bytes_note(bad, encoding))
        return text, notes
    if looks_binary(data):
        raise IngestError(source, "file looks binary, not text", "convert it to text or PDF first")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text, bad = _decode_marking(data, "utf-8")
    if len(bad) <= len(_MULTIBYTE.findall(data)):
        return text, [_bad_bytes_note(bad, "UTF-8")]
    for legacy in ("cp1252", "latin-1"):
        try:
            text = data.decode(legacy)
        except UnicodeDecodeError:
            continue
        return text, [f"not valid UTF-8 (first bad byte at offset {bad[0]}); decoded as {legacy}"]
    raise IngestError(source, "text cannot be decoded")  # pragma: no cover - latin-1 never fails


def decode_utf8_marking(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (a BOM allowed) with each bad byte as U+FFFD, and a note naming them (or None)."""
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    text, bad = _decode_marking(data, "utf-8", start)
    return text, _bad_bytes_note(bad, "UTF-8") if bad else None


def _decode_marking(data: bytes, encoding: str, start: int = 0) -> tuple[str, list[int]]:
    """Decode ``data[start:]``, each undecodable byte run becoming U+FFFD; the byte offsets
    (in ``data``) of those runs."""
    _marks.bad = []
    text = data[start:].decode(encoding, errors="casefile-mark")
    bad: list[int] = [start + o for o in _marks.bad]
    _marks.bad = []
    return text, bad


_marks = threading.local()  # the offsets the error handler saw, per thread


def _mark(e: UnicodeError) -> tuple[str, int]:
    assert isinstance(e, UnicodeDecodeError)
    _marks.bad.append(e.start)
    return REPLACEMENT, e.end


codecs.register_error("casefile-mark", _mark)


def _bad_bytes_note(offsets: list[int], encoding: str) -> str:
    shown = ", ".join(str(o) for o in offsets[:SHOW_OFFSETS])
    more = f" and {len(offsets) - SHOW_OFFSETS} more" if len(offsets) > SHOW_OFFSETS else ""
    n = len(offsets)
    return (
        f"{n} byte sequence{'s' if n != 1 else ''} not valid {encoding}, replaced by U+FFFD "
        f"where they stand (byte offsets {shown}{more})"
    )


def scrub_surrogates(text: str) -> tuple[str, list[int]]:
    """``text`` with every lone surrogate (JSON's ``"\\ud800"`` unpaired) as U+FFFD, and the
    character offsets replaced. A lone surrogate cannot be stored or encoded as UTF-8."""
    found = [m.start() for m in _SURROGATE.finditer(text)]
    if not found:
        return text, []
    return _SURROGATE.sub(REPLACEMENT, text), found


def scrub_value(value: Any) -> Any:
    """``value`` (JSON: dicts, lists, strings) with every lone surrogate as U+FFFD."""
    if isinstance(value, str):
        return scrub_surrogates(value)[0]
    if isinstance(value, dict):
        return {scrub_value(k): scrub_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_value(v) for v in value]
    return value
