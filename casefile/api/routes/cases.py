"""/cases: incidents grouped as one event. Until fusion lands, each incident is a case of its
own (case id = incident id) unless an analyst merged cases."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from ...review import judge, merge_cases, split_case
from ..deps import Analyst, Filters, StoreDep, Viewer, page_links
from .incidents import Judgement

router = APIRouter(prefix="/cases", tags=["cases"])


class Merge(BaseModel):
    cases: list[str] = Field(description="Cases whose incidents move into this one.")
    reason: str


class Split(BaseModel):
    incidents: list[str] = Field(description="Incidents that leave this case for a new one.")
    reason: str


@router.get("")
def list_cases(request: Request, q: Filters, _: Viewer, store: StoreDep) -> dict[str, Any]:
    """Cases with at least one incident matching every filter, earliest first; ``next`` links
    the following page by its cursor (``after``)."""
    try:
        page = store.view.page_cases(q)
    except ValueError as e:  # a cursor of another list
        raise HTTPException(400, str(e)) from None
    return {
        **page_links(request, page.total, q.limit, q.offset, page.next),
        "items": [c.to_record() for c in page.items],
    }


@router.get("/{case_id}")
def get_case(case_id: str, _: Viewer, store: StoreDep) -> dict[str, Any]:
    """A case: its values, what each source claims, its incidents and every judgement."""
    case = store.view.get_case(case_id)
    if case is None:
        raise HTTPException(404, f"no case {case_id}")
    judged = [
        *store.view.iter_judgements("case", [case_id]),
        *store.view.iter_judgements("incident", [m.id for m in case.members]),
    ]
    return {**case.to_record(), "judgements": [j.to_record() for j in judged]}


@router.post("/{case_id}/judgements")
def judge_case(case_id: str, body: Judgement, who: Analyst, store: StoreDep) -> dict[str, Any]:
    got = judge(store, who.actor, "case", case_id, body.action, body.reason, body.field, body.value)
    return got.to_record()


@router.post("/{case_id}/merge")
def merge(case_id: str, body: Merge, who: Analyst, store: StoreDep) -> dict[str, Any]:
    """Move the incidents of other cases into this one."""
    return merge_cases(store, who.actor, case_id, body.cases, body.reason).to_record()


@router.post("/{case_id}/split", status_code=201)
def split(case_id: str, body: Split, who: Analyst, store: StoreDep) -> dict[str, Any]:
    """Move some incidents out of this case into a new case; returns the new case."""
    return split_case(store, who.actor, case_id, body.incidents, body.reason).to_record()
