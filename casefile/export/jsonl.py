"""``jsonl``: one analysis record of the spec per document, under the ``doc_id`` it was
ingested with, its incidents carrying the values in force and their case ids.

Beside the spec's keys each line carries what a restore needs (``casefile ingest --records``):
the document's fields as the spec's input lines have them (``text``, ``published``,
``publisher``, ``title``, ``url``, ``language``), and a ``casefile`` object that marks the line
as an export of this format (its ``format`` and ``version``, the document's id, media type and
the extractor that analysed it). Each incident adds its ``id``, review ``status``, the fields
an analyst ``edited``, the ``machine``'s value of each, and who reviewed it.

Without filters every document is exported, those without incidents too; with filters, the
documents of the matching incidents, with those incidents only.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from ..registry import exporters
from ..store.view import IncidentQuery, ReviewedIncident
from .base import Exporter, Selection

FORMAT = "casefile.analysis"  # the marker `ingest --records` checks for
VERSION = 1
_NOT_FILTERS = ("sort", "limit", "offset")


def render(sel: Selection) -> bytes:
    """1. the documents; 2. their incidents, in the order the analysis gave them; 3. a line
    each: the stored analysis with the incidents as they stand."""
    by_document: dict[str, list[ReviewedIncident]] = {}
    for r in sel.reviewed:
        by_document.setdefault(r.document_id, []).append(r)
    lines = []
    everything = unfiltered(sel.query)
    for doc in sel.view.iter_documents():
        if doc.id not in by_document and not everything:
            continue
        stored = sel.view.get_record(doc.id) or {}
        extractor = sel.view.get_extractor(doc.id)
        # in the order the analysis gave them: the text's (by their first span)
        incidents = sorted(
            by_document.get(doc.id, []),
            key=lambda r: (r.machine.spans[0] if r.machine.spans else (1 << 62, 0), r.id),
        )
        record = {
            "doc_id": doc.ref,
            "incidents": [incident_record(r) for r in incidents],
            "statistics": stored.get("statistics", []),
            "units": stored.get("units", []),
            "statements": stored.get("statements", []),
            "persons": stored.get("persons", []),
            "text": doc.text,
            "published": doc.published,
            "publisher": doc.publisher,
            "title": doc.title,
            "url": doc.url,
            "language": doc.language,
            "casefile": {
                "format": FORMAT,
                "version": VERSION,
                "document_id": doc.id,
                "media_type": doc.media_type,
                "extractor": extractor,
            },
        }
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return "".join(lines).encode("utf-8")


def incident_record(r: ReviewedIncident) -> dict[str, Any]:
    """The spec's incident with the values in force, its case, and how it was reviewed."""
    rec = r.incident.to_record()
    rec["case"] = r.case_id
    full = r.to_record()
    return {
        **rec,
        "id": r.id,
        "status": r.status,
        "edited": full["edited"],
        "machine": full["machine"],
        "reviewed_by": r.reviewed_by,
    }


def unfiltered(q: IncidentQuery) -> bool:
    """Whether the query filters nothing (then documents without incidents belong too)."""
    empty = IncidentQuery()
    return all(
        getattr(q, f.name) == getattr(empty, f.name)
        for f in fields(q)
        if f.name not in _NOT_FILTERS
    )


EXPORTER = exporters.register("jsonl")(
    Exporter(
        "jsonl",
        "application/x-ndjson",
        "jsonl",
        "one analysis record of the spec per document, incidents with case ids; "
        "restored by `casefile ingest --records`",
        render,
        cases=False,
    )
)
