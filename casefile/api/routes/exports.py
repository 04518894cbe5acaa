"""/exports: filtered incidents handed out as files; every export is in the audit log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from ...export.records import FORMAT, MEDIA_TYPE, export_records
from ...registry import exporters
from .. import schemas as s
from ..deps import Analyst, Filters, StoreDep, Viewer, ok

router = APIRouter(prefix="/exports", tags=["exports"])


@router.get("", **ok(s.ExportFormats))
def formats(_: Viewer) -> dict[str, Any]:
    """The export formats: ``records`` here; registered exporters come with later issues."""
    return {"formats": [FORMAT, *(n for n in exporters.names() if n != FORMAT)]}


@router.get(
    f"/{FORMAT}",
    response_class=Response,
    responses={200: {"content": {MEDIA_TYPE: {"schema": {"type": "string"}}}}},
)
def records(q: Filters, who: Analyst, store: StoreDep) -> Response:
    """Every incident matching the filters (limit and offset ignored), as JSON Lines."""
    data = export_records(store, who.actor, q)
    return Response(
        data,
        media_type=MEDIA_TYPE,
        headers={"Content-Disposition": 'attachment; filename="incidents.jsonl"'},
    )
