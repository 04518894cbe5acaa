"""INGEST: turn files, folders and streams into Documents.

One module per input kind (text, html, pdf, jsonl); ``preserve`` checks and decodes
the original bytes, which are always kept unchanged. ``read_path`` is the one entry
point: it yields a Document or an IngestError per item, so one bad file never stops
the others.
"""

from __future__ import annotations

from .reader import DEFAULT_MAX_BYTES, Meta, read_path, read_stream

__all__ = ["DEFAULT_MAX_BYTES", "Meta", "read_path", "read_stream"]
