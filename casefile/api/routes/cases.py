"""/cases: incidents grouped as one act by ``casefile fuse``, with reconciled values, a
corroboration grade and the features that joined them; analysts merge, split and keep
cases apart, and fusion respects it."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import Field

from ...review import etag, merge_cases, not_same, split_case
from ...store.view import CASE_COUNT_LIMIT
from .. import schemas as s
from ..deps import Analyst, Body, Filters, StoreDep, Viewer, ok, page_links
from .incidents import Judgement

router = APIRouter(prefix="/cases", tags=["cases"])


class Merge(Body):
    cases: list[str] = Field(description="Cases whose incidents move into this one.")
    reason: str


class Split(Body):
    incidents: list[str] = Field(description="Incidents that leave this case for a new one.")
    reason: str


class Distinguish(Body):
    case: str = Field(description="A case that is not the same act as this one.")
    reason: str


@router.get("", **ok(s.CasePage))
def list_cases(request: Request, q: Filters, _: Viewer, store: StoreDep) -> dict[str, Any]:
    """Cases with at least one incident matching every filter, earliest first; ``next`` links
    the following page by its cursor (``after``)."""
    try:
        page = store.view.page_cases(replace(q, count_limit=CASE_COUNT_LIMIT))
    except ValueError as e:  # a cursor of another list
        raise HTTPException(400, str(e)) from None
    return {
        **page_links(request, page.total, q.limit, q.offset, page.next),
        "total_exact": page.total_exact,
        "items": [c.to_record() for c in page.items],
    }


@router.get("/{case_id}", **ok(s.CaseDetail))
def get_case(case_id: str, _: Viewer, store: StoreDep) -> dict[str, Any]:
    """A case: its values, what each source claims, its incidents and every judgement."""
    case = store.view.get_case(case_id)
    if case is None:
        raise HTTPException(404, f"no case {case_id}")
    judged = [
        *store.view.iter_judgements("case", [case_id]),
        *store.view.iter_judgements("incident", [m.id for m in case.members]),
    ]
    judgements = [j.to_record() for j in judged]
    return {**case.to_record(), "etag": etag(case), "judgements": judgements}


@router.post("/{case_id}/judgements", **ok(s.Case))
def judge_case(
    case_id: str,
    body: Judgement,
    who: Analyst,
    store: StoreDep,
    if_match: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    got = body.judge(store, who.actor, "case", case_id, if_match)
    return {**got.to_record(), "etag": etag(got)}


@router.post("/{case_id}/merge", **ok(s.Case))
def merge(case_id: str, body: Merge, who: Analyst, store: StoreDep) -> dict[str, Any]:
    """Move the incidents of other cases into this one."""
    return merge_cases(store, who.actor, case_id, body.cases, body.reason).to_record()


@router.post("/{case_id}/split", status_code=201, **ok(s.Case, 201))
def split(case_id: str, body: Split, who: Analyst, store: StoreDep) -> dict[str, Any]:
    """Move some incidents out of this case into a new case; returns the new case."""
    return split_case(store, who.actor, case_id, body.incidents, body.reason).to_record()


@router.post("/{case_id}/distinguish", **ok(s.Case))
def distinguish(case_id: str, body: Distinguish, who: Analyst, store: StoreDep) -> dict[str, Any]:
    """Record that another case is not the same act: fusion never joins the two."""
    return not_same(store, who.actor, case_id, body.case, body.reason).to_record()
