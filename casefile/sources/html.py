"""HTML pages: the main text via trafilatura, metadata from the page."""

from __future__ import annotations

from typing import Any

import trafilatura
from lxml import html as lxml_html


def html_to_text(page: str) -> tuple[str, dict[str, Any]]:
    """Main text (boilerplate removed) and whatever metadata the page declares."""
    result = trafilatura.bare_extraction(
        page, include_comments=False, include_tables=True, with_metadata=True
    )
    meta: dict[str, Any] = {}
    text = ""
    if result is not None:
        doc = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = doc.get("text") or ""
        for key in ("title", "date", "url"):
            if doc.get(key):
                meta["published" if key == "date" else key] = doc[key]
        if doc.get("sitename") or doc.get("author"):
            meta["publisher"] = doc.get("sitename") or doc.get("author")
    if not text.strip():
        # trafilatura finds no article in very short pages: fall back to all visible text.
        tree = lxml_html.fromstring(page)
        for bad in tree.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        text = "\n".join(t.strip() for t in tree.itertext() if t.strip())
    return text, meta
