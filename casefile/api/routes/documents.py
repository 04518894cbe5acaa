"""/documents: what was ingested, its text and where each fact's spans lie."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from .. import schemas as s
from ..deps import MAX_OFFSET, StoreDep, Viewer, ok, page_links, safe_filename

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", **ok(s.DocumentPage))
def list_documents(
    request: Request,
    _: Viewer,
    store: StoreDep,
    text: Annotated[
        str | None, Query(max_length=200, description="Name, title, publisher or text contains.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    total, rows = store.view.page_documents(text, limit, offset)
    return {**page_links(request, total, limit, offset), "items": [d.to_record() for d in rows]}


@router.get("/{document_id}", **ok(s.DocumentDetail))
def get_document(document_id: str, _: Viewer, store: StoreDep) -> dict[str, Any]:
    """A document's metadata, its text, and the spans of the facts taken from it."""
    doc = store.view.get_document(document_id)
    if doc is None:
        raise HTTPException(404, f"no document {document_id}")
    spans = [
        {"fact_table": f, "fact_id": i, "start": a, "end": b}
        for f, i, a, b in store.view.iter_spans(doc.id)
    ]
    return {
        "id": doc.id,
        "name": doc.name,
        "title": doc.title,
        "publisher": doc.publisher,
        "url": doc.url,
        "published": doc.published,
        "language": doc.language,
        "media_type": doc.media_type,
        "ingested_at": doc.ingested_at,
        "notes": doc.notes,
        "bytes": len(doc.original),
        "text": doc.text,
        "spans": spans,
    }


@router.get(
    "/{document_id}/original",
    response_class=Response,
    responses={
        200: {
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            }
        }
    },
)
def original(document_id: str, _: Viewer, store: StoreDep) -> Response:
    """The bytes as ingested, as a download: never rendered here (an HTML original could run
    scripts)."""
    doc = store.view.get_document(document_id)
    if doc is None:
        raise HTTPException(404, f"no document {document_id}")
    name = safe_filename(doc.ref)
    return Response(
        doc.original,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
