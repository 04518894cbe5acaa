"""A report: one incident of one document, with what fusion knows around it.

Fusion reads incidents, never rows or loose dicts: :class:`Report` pairs an
:class:`~casefile.model.Incident` with its document's date, publisher, language and the
passage that tells of it (the :class:`casefile.compare.Side` that features read).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from casefile.compare import Side
from casefile.model import Incident, sha256

# The longest passage kept for text features, in characters.
PASSAGE_CHARS = 1200


@dataclass(slots=True)
class Report:
    """One incident as one document tells it."""

    id: str  # the incident's id (a content hash, as the store keys it)
    document: str  # the document's id
    name: str  # the document's name as users see it (its doc_id)
    side: Side
    publisher: str | None = None
    language: str | None = None
    denied: bool = False  # the document carries a denial (a statement of kind "denial")
    pinned: str | None = None  # the case an analyst put it in, where one did
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def incident(self) -> Incident:
        return self.side.incident

    @property
    def published(self) -> str | None:
        return self.side.published


@lru_cache(maxsize=1)
def contrast_cues() -> dict[str, tuple[str, ...]]:
    """Contrast cues per language (``fuse/data/contrast.yaml``)."""
    text = resources.files("casefile.fuse").joinpath("data/contrast.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return {lang: tuple(str(c) for c in cues) for lang, cues in data.items()}


def passage(text: str, incident: Incident) -> str:
    """The text of the incident's spans, joined, at most ``PASSAGE_CHARS`` long."""
    parts = [text[a:b] for a, b in incident.spans if 0 <= a < b <= len(text)]
    return " ".join(parts)[:PASSAGE_CHARS]


def incident_id(document_id: str, seq: int, incident: Incident) -> str:
    """The id the store gives the ``seq``-th incident of a document (store.writer.fact_id)."""
    return sha256(f"{document_id}\x1fincidents\x1f{seq}\x1f{incident.type}")


def make_report(
    incident: Incident,
    *,
    id: str,
    document: str,
    name: str = "",
    text: str = "",
    published: str | None = None,
    publisher: str | None = None,
    language: str | None = None,
    denied: bool = False,
    pinned: str | None = None,
) -> Report:
    """A :class:`Report` with its passage cut from ``text`` and its language's contrast cues."""
    lang = (language or "en").lower()[:2]
    cues = contrast_cues().get(lang, ())
    side = Side(incident, published=published, text=passage(text, incident), contrast=cues)
    return Report(id, document, name or document[:12], side, publisher, lang, denied, pinned)
