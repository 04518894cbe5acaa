"""PDF files: the text of every page, in order."""

from __future__ import annotations

import io
import logging
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ..errors import IngestError

logging.getLogger("pypdf").setLevel(logging.ERROR)


def pdf_to_text(data: bytes, source: str) -> tuple[str, dict[str, str]]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestError(source, "PDF is encrypted", "save an unencrypted copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        info: dict[Any, Any] = reader.metadata or {}  # pypdf's DocumentInformation is a dict
    except (PdfReadError, ValueError, KeyError, OSError) as e:
        raise IngestError(source, f"not a readable PDF ({e})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise IngestError(source, "PDF holds no extractable text", "it may be a scan: OCR it first")
    meta = {}
    if info.get("/Title"):
        meta["title"] = str(info["/Title"])
    if info.get("/Author"):
        meta["publisher"] = str(info["/Author"])
    return text, meta
