"""/units: the order of battle and what documents say; one unit's chain of command,
subordinates, attributed incidents and statements."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from ...errors import CasefileError
from ...units import load_orbat, unit_report, unit_to_record
from .. import schemas as s
from ..deps import DATE, StoreDep, Viewer, ok

router = APIRouter(prefix="/units", tags=["units"])


@router.get("", **ok(s.UnitList))
def list_units(
    _: Viewer,
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="Name contains this.")] = None,
) -> dict[str, Any]:
    """Every known unit with its current parent."""
    units = [unit_to_record(u) for u in load_orbat(store)]
    if q:
        units = [u for u in units if q.lower() in u["name"].lower()]
    return {"total": len(units), "items": units}


@router.get("/{name:path}", **ok(s.UnitReport))
def get_unit(
    name: str,
    _: Viewer,
    store: StoreDep,
    on: Annotated[
        str | None, Query(pattern=DATE, description="Chain of command on this date.")
    ] = None,
    limit: Annotated[int, Query(ge=0, le=500)] = 50,
) -> dict[str, Any]:
    """A unit in any spelling: chain of command, subordinates, incidents, statements."""
    try:
        report = unit_report(store, name, on, limit)
    except CasefileError as e:
        raise HTTPException(404, str(e)) from None
    return report.to_record()
