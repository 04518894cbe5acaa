"""/incidents: list, map points, timeline, facets, one incident, judgements, new incidents."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import Field

from ...review import (
    BULK_ACTIONS,
    UNSEEN,
    create_incident,
    etag,
    judge,
    judge_many,
    next_unreviewed,
)
from ...store.view import COUNT_LIMIT, FACETS
from .. import schemas as s
from ..deps import Analyst, Body, Filters, StoreDep, Viewer, ok, page_links

router = APIRouter(prefix="/incidents", tags=["incidents"])


class Judgement(Body):
    """An analyst's judgement: confirm, reject, reopen, or edit one field."""

    action: str = Field(description="confirm | reject | reopen | edit")
    field: str | None = Field(
        None,
        description="With edit: type, summary, date, place, "
        "perpetrators, victim_category, count or certainty.",
    )
    value: Any = Field(None, description="With edit: the value, shaped as in the record.")
    reason: str = Field(description="Why; kept with the judgement and in the audit log.")
    expected: Any = Field(
        None,
        description="The value the analyst saw (of `field` for edit, else the status): a "
        "judgement on a value changed since is refused with 409 and the current target.",
    )
    seen: str | None = Field(
        None,
        description="The target's `etag` when the analyst saw it (or send `If-Match`): 409 "
        "if anything a judgement can change has changed since.",
    )

    def judge(
        self, store: Any, actor: str, target_type: str, target_id: str, if_match: str | None
    ) -> Any:
        """Apply this judgement (what the analyst saw included) to the target."""
        return judge(
            store,
            actor,
            target_type,
            target_id,
            self.action,
            self.reason,
            self.field,
            self.value,
            seen=self.seen or (if_match.strip('"') if if_match else None),
            expected=self.expected if "expected" in self.model_fields_set else UNSEEN,
        )


class BulkJudgement(Body):
    """One judgement of several incidents: confirm, reject or reopen them, with one reason."""

    incidents: list[str] = Field(description="The incidents' ids.", min_length=1, max_length=500)
    action: str = Field(
        description="confirm | reject | reopen", json_schema_extra={"enum": list(BULK_ACTIONS)}
    )
    reason: str = Field(description="Why; kept with each judgement and in the audit log.")


class NewIncident(Body):
    """An incident no document holds: testimony taken by the team."""

    incident: dict[str, Any] = Field(
        description="In the analysis format: type, summary, date, "
        "place, perpetrators, victims, evidence, certainty."
    )
    source: dict[str, Any] = Field(
        description="The testimony: text (required), title, taken_by, date, spans."
    )
    reason: str


@router.get("", **ok(s.IncidentPage))
def list_incidents(request: Request, q: Filters, _: Viewer, store: StoreDep) -> JSONResponse:
    """Incidents matching every filter, with the analyst's values in force; ``next`` links the
    following page by its cursor (``after``: as fast deep in the list as on its first page)."""
    try:
        page = store.view.page_incidents(replace(q, count_limit=COUNT_LIMIT))
    except ValueError as e:  # a cursor of another list or sort
        raise HTTPException(400, str(e)) from None
    body = {
        **page_links(request, page.total, q.limit, q.offset, page.next),
        "total_exact": page.total_exact,
        "total_estimated": page.total_estimated,
        "items": [i.to_record() for i in page.items],
    }
    return JSONResponse(body)  # plain JSON already: skips FastAPI's re-encoding (the hot path)


@router.get("/points", **ok(s.Points))
def points(
    q: Filters,
    _: Viewer,
    store: StoreDep,
    most: Annotated[int, Query(alias="max", ge=1, le=20_000)] = 5000,
) -> JSONResponse:
    """Incidents with coordinates, for the map (the first ``max``)."""
    total, rows = store.view.incident_points(q, most)
    return JSONResponse({"total": total, "truncated": total > len(rows), "points": rows})


@router.get("/histogram", **ok(s.Histogram))
def histogram(q: Filters, _: Viewer, store: StoreDep) -> dict[str, Any]:
    """Incidents per month, for the timeline."""
    return store.view.incident_histogram(q)


@router.get("/facets", **ok(s.Facets))
def facets(q: Filters, _: Viewer, store: StoreDep) -> dict[str, Any]:
    """Counts per value of each facet (FACETS) among the matching incidents."""
    return {name: store.view.count_incidents_by_field(name, q) for name in FACETS}


@router.get("/next", **ok(s.Incident))
def next_incident(q: Filters, _: Viewer, store: StoreDep) -> dict[str, Any]:
    """The review queue: the next unreviewed incident matching the filters, the likeliest
    (confidence) first, then the most certain, the earliest; 404 when none is left."""
    found = next_unreviewed(store, q)
    if found is None:
        raise HTTPException(404, "no unreviewed incident left (with these filters)")
    return found.to_record()


@router.post("/judgements", **ok(list[s.Incident], 200, 404))
def judge_incidents(body: BulkJudgement, who: Analyst, store: StoreDep) -> list[dict[str, Any]]:
    """Confirm, reject or reopen several incidents with one reason; all are checked first."""
    done = judge_many(store, who.actor, body.incidents, body.action, body.reason)
    return [d.to_record() for d in done]


@router.get("/{incident_id}", **ok(s.IncidentDetail))
def get_incident(incident_id: str, _: Viewer, store: StoreDep) -> dict[str, Any]:
    """One incident, its machine values where edited, and every judgement of it."""
    found = store.view.get_reviewed_incident(incident_id)
    if found is None:
        raise HTTPException(404, f"no incident {incident_id}")
    judgements = store.view.iter_judgements("incident", [incident_id])
    return {
        **found.to_record(),
        "etag": etag(found),
        "judgements": [j.to_record() for j in judgements],
    }


@router.post("", status_code=201, **ok(s.Incident, 201))
def new_incident(body: NewIncident, who: Analyst, store: StoreDep) -> dict[str, Any]:
    """Enter an incident that no document holds; its testimony is stored as a document."""
    return create_incident(store, who.actor, body.incident, body.source, body.reason).to_record()


@router.post("/{incident_id}/judgements", **ok(s.Incident))
def judge_incident(
    incident_id: str,
    body: Judgement,
    who: Analyst,
    store: StoreDep,
    if_match: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Confirm, reject, reopen or edit the incident; returns it as it now stands."""
    got = body.judge(store, who.actor, "incident", incident_id, if_match)
    return {**got.to_record(), "etag": etag(got)}


@router.get("/{incident_id}/judgements", **ok(list[s.JudgementRecord]))
def judgements(incident_id: str, _: Viewer, store: StoreDep) -> list[dict[str, Any]]:
    return [j.to_record() for j in store.view.iter_judgements("incident", [incident_id])]
