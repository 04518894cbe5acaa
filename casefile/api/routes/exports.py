"""/export and /exports: filtered incidents (or cases) handed out as files, in any registered
format; every export is in the audit log with the SHA-256 of what left."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from ...errors import CasefileError
from ...export import ExportResult, export, formats
from ...export.records import FORMAT
from .. import schemas as s
from ..deps import Analyst, Filters, StoreDep, Viewer, ok

router = APIRouter(tags=["exports"])


@router.get("/exports", **ok(s.ExportFormats))
def list_formats(_: Viewer) -> dict[str, Any]:
    """The export formats, each with its media type and whether it can export cases."""
    found = formats()
    return {
        "formats": [f.name for f in found],
        "details": [
            {
                "name": f.name,
                "media_type": f.media_type,
                "extension": f.extension,
                "cases": f.cases,
                "description": f.description,
            }
            for f in found
        ],
    }


FILE_ANSWER: dict[str, Any] = {
    "response_class": Response,
    "responses": {
        200: {
            "description": "The export file (its media type says which format).",
            "content": {"application/octet-stream": {"schema": {"type": "string"}}},
        }
    },
}


@router.get("/export", **FILE_ANSWER)
async def export_file(
    q: Filters,
    who: Analyst,
    store: StoreDep,
    format_: Annotated[str, Query(alias="format", description="csv, geojson, ftm, jsonl, ...")],
    cases: Annotated[bool, Query(description="The cases holding the matching incidents.")] = False,
) -> Response:
    """Every incident (or case) matching the filters, limit and offset ignored, as a file."""
    try:
        result = await run_in_threadpool(export, store, who.actor, format_, q, cases)
    except CasefileError as e:
        raise HTTPException(400, str(e)) from None
    return _file(result)


@router.get(f"/exports/{FORMAT}", **FILE_ANSWER)
def records(q: Filters, who: Analyst, store: StoreDep) -> Response:
    """Every incident matching the filters (limit and offset ignored), as JSON Lines."""
    return _file(export(store, who.actor, FORMAT, q))


def _file(result: ExportResult) -> Response:
    name = result.filename if result.format != FORMAT else "incidents.jsonl"
    return Response(
        result.data,
        media_type=result.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-SHA256": result.sha256,
        },
    )
