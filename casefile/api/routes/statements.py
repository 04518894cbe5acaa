"""/statements: incitement, orders, honours and denials, by speaker."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi import Query as Q

from ...vocab import STATEMENT_KINDS
from .. import schemas as s
from ..deps import INVALID, MAX_OFFSET, StoreDep, Viewer, items_of, ok, page_links

router = APIRouter(prefix="/statements", tags=["statements"])


@router.get("", **ok(s.StatementPage))
def list_statements(
    request: Request,
    _: Viewer,
    store: StoreDep,
    kind: Annotated[
        list[str] | None,
        Q(description="Statement kind (repeatable).", json_schema_extra=items_of(STATEMENT_KINDS)),
    ] = None,
    speaker: Annotated[str | None, Q(max_length=200, description="Speaker contains this.")] = None,
    limit: Annotated[int, Q(ge=1, le=500)] = 50,
    offset: Annotated[int, Q(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    for k in kind or []:
        if k not in STATEMENT_KINDS:
            raise HTTPException(
                INVALID, f"kind: {k!r} is not one of {', '.join(STATEMENT_KINDS.values)}"
            )
    rows = [
        s
        for s in store.view.iter_statements(kinds=kind or None)
        if not speaker or speaker.lower() in s.statement.speaker.lower()
    ]
    items = [
        {
            "id": s.id,
            "document": s.document_name,
            "document_id": s.document_id,
            "published": s.published,
            **s.statement.to_record(),
            "spans": [list(x) for x in s.statement.spans],
        }
        for s in rows[offset : offset + limit]
    ]
    return {**page_links(request, len(rows), limit, offset), "items": items}
