"""/search: full-text search of the documents, hits marked (SQLite FTS5, PostgreSQL tsvector)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from .. import schemas as s
from ..deps import StoreDep, Viewer, ok, page_links

router = APIRouter(prefix="/search", tags=["search"])


@router.get("", **ok(s.SearchPage))
def search(
    request: Request,
    _: Viewer,
    store: StoreDep,
    q: Annotated[
        str, Query(min_length=1, max_length=500, description="Words; every one must hold.")
    ],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> dict[str, Any]:
    """Documents whose name, title or text hold every word (stemmed), best first, each with a
    snippet cut into pieces that say which are hits."""
    total, hits = store.view.search_documents(q, limit, offset)
    return {**page_links(request, total, limit, offset), "items": [h.to_record() for h in hits]}
