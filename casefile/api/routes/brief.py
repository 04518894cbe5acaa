"""/brief: the cited brief of the filtered incidents, as data (the web page's JSON twin)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool

from ...brief import build_brief
from .. import schemas as s
from ..deps import DATE, Filters, StoreDep, Viewer, ok

router = APIRouter(tags=["brief"])


def base_url(request: Request) -> str:
    """Where this server runs: the brief's citations link to its case pages."""
    return str(request.base_url).rstrip("/")


@router.get("/brief", **ok(s.Brief))
async def brief(
    request: Request,
    q: Filters,
    _: Viewer,
    store: StoreDep,
    new_since: Annotated[
        str | None, Query(pattern=DATE, description="What is new: sources published on or after.")
    ] = None,
) -> dict[str, Any]:
    """Key takeaways, figures by body, units implicated; every sentence with its sources."""
    found = await run_in_threadpool(build_brief, store, q, new_since, base_url(request))
    return found.to_record()
