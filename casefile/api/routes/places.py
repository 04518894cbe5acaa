"""/places: the gazetteer searched by name, for an analyst who corrects an incident's place."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from ...knowledge.gazetteer import oblasts
from ...resolve.geocode import search
from .. import schemas as s
from ..deps import Viewer, ok

router = APIRouter(prefix="/places", tags=["places"])


@router.get("", **ok(s.PlaceSearch))
async def search_places(
    _: Viewer,
    q: Annotated[str, Query(min_length=1, max_length=200, description="A place name.")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> dict[str, Any]:
    """Places of the gazetteer this name may denote, best first, with coordinates: what
    extraction would choose among, for the review's place field."""
    found = await run_in_threadpool(search, q, limit)
    return {
        "items": [
            {
                **c.candidate.place.to_record(),
                "feature_code": c.candidate.feature_code,
                "population": c.candidate.population,
                "score": round(c.score, 3),
            }
            for c in found
        ]
    }


@router.get("/regions", **ok(s.Regions))
def regions(_: Viewer) -> dict[str, Any]:
    """Ukraine's oblasts with a point inside each: the map writes their names there."""
    return {"items": oblasts()}
