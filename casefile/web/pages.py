"""The pages of the web UI. Each renders what one View call (or the API route it shares)
returns, and names its JSON twin under /api/v1. Forms post to the same library functions as
the API, with the session's CSRF token, and redirect back (no JavaScript needed to review).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from ..api.deps import DATE, MAX_SEQ, Admin, Analyst, Filters, StoreDep, Viewer, principal
from ..api.routes.audit import audit_page
from ..api.routes.brief import base_url
from ..api.routes.statistics import statistics_record
from ..api.routes.units import get_unit
from ..auth import MAX_PASSWORD, SESSION_COOKIE, log_in, log_out, may, unlocked_at
from ..brief import build_brief
from ..brief import html as brief_html
from ..display import (
    date_text,
    perpetrators_text,
    place_text,
    readable,
    total_text,
    victims_text,
)
from ..errors import AuthError, CasefileError
from ..export import formats as export_formats
from ..lang import pack_codes
from ..review import (
    DATE_PRECISION,
    EDITABLE,
    create_incident,
    etag,
    form_value,
    judge,
    judge_many,
    merge_cases,
    not_same,
    parse_text_value,
    split_case,
)
from ..store.audit import actions as audit_actions
from ..store.audit import iter_entries
from ..store.view import CASE_COUNT_LIMIT, COUNT_LIMIT, FACETS, IncidentQuery
from ..vocab import (
    CERTAINTY,
    CORROBORATION,
    INCIDENT_TYPES,
    REVIEW_STATUS,
    ROLES,
    VICTIM_CATEGORIES,
)
from . import TEMPLATES
from .text import changes, highlight

router = APIRouter(include_in_schema=False)
# Autoescaping always on: document texts are untrusted (a report may hold <script>).
templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)
)
templates.env.globals.update(
    INCIDENT_TYPES=INCIDENT_TYPES,
    CERTAINTY=CERTAINTY,
    CORROBORATION=CORROBORATION,
    REVIEW_STATUS=REVIEW_STATUS,
    VICTIM_CATEGORIES=VICTIM_CATEGORIES,
    ROLES=ROLES,
    EDITABLE=EDITABLE,
    DATE_PRECISION=DATE_PRECISION,
    EXPORT_FORMATS=export_formats,
    FACET_LABELS=FACETS,
    may=may,
    etag=etag,
)
templates.env.filters.update(
    readable=readable,
    date_text=date_text,
    place_text=place_text,
    perpetrators=perpetrators_text,
    # a page's total: "10,000+" past the count limit, "about N" for an estimate
    total_text=lambda p: total_text(p.total, p.total_exact, getattr(p, "total_estimated", False)),
    # the same of a total given as a record (the statistics' counts)
    count_text=lambda r: total_text(r["total"], r.get("total_exact"), r.get("total_estimated")),
)
templates.env.globals["victims_text"] = victims_text
templates.env.globals["changes"] = changes
LOGIN_CSRF = "casefile_login"


def page(request: Request, name: str, twin: str | None, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"twin": twin, **context})


@router.get("/login")
def login_form(request: Request, store: StoreDep, next: str = "/") -> Response:
    """The log-in form; a cookie carries its CSRF token (double submit)."""
    return _login_page(request, next, no_users=store.view.count_users() == 0)


@router.post("/login")
def login(
    request: Request,
    store: StoreDep,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=MAX_PASSWORD)],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the name and password, rate limited per name and per address."""
    config = request.app.state.config
    if not secrets.compare_digest(request.cookies.get(LOGIN_CSRF, "") or "-", csrf_token or "+"):
        raise HTTPException(403, "CSRF token missing or wrong: reload the log-in page")
    address = request.client.host if request.client else "?"
    wait = config.limiter.retry_after(name, address)
    if wait:  # an administrator may have lifted it since (`casefile users unlock`)
        lifted = unlocked_at(store, name)
        if lifted is not None:
            config.limiter.lift(name, lifted)
            wait = config.limiter.retry_after(name, address)
    if wait:
        raise HTTPException(
            429, f"too many failed log-ins: try again in {wait} seconds", {"Retry-After": str(wait)}
        )
    try:
        session = log_in(store, name, password, config.session_hours)
    except AuthError as e:
        config.limiter.failed(name, address)
        return _login_again(request, str(e), next)
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session.token,
        max_age=config.session_hours * 3600,
        httponly=True,
        samesite="strict",
        secure=config.secure_cookies,
    )
    response.delete_cookie(LOGIN_CSRF)
    return response


@router.post("/logout")
async def logout(request: Request, store: StoreDep) -> Response:
    if await principal(request) is not None:  # checks the CSRF token
        log_out(store, request.cookies[SESSION_COOKIE])
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/")
def map_page(request: Request, q: Filters, who: Viewer, store: StoreDep) -> Response:
    """The map, the timeline and the filters that drive both, with the first incidents."""
    config = request.app.state.config
    incidents = store.view.page_incidents(replace(q, count_limit=COUNT_LIMIT))  # as the API
    regions = store.view.count_incidents_by_field("admin1")
    return page(
        request,
        "map.html",
        _twin("/api/v1/incidents", request),
        user=who,
        q=q,
        page=incidents,
        regions=regions,
        languages=pack_codes(),
        tiles=config.tiles or "",
        attribution=config.tiles_attribution,
        query=request.url.query,
        done=request.query_params.get("done"),
        type_labels={t.value: t.label for t in INCIDENT_TYPES.terms},
    )


@router.get("/brief")
def brief_page(
    request: Request, q: Filters, who: Viewer, store: StoreDep, new_since: str | None = None
) -> Response:
    """The cited brief of the filtered incidents, as `casefile brief` writes it."""
    if new_since and not re.match(DATE, new_since):
        raise HTTPException(400, "new_since: an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    found = build_brief(store, q, new_since, base_url(request), "Brief")
    return page(
        request,
        "brief.html",
        _twin("/api/v1/brief", request),
        user=who,
        body=Markup(brief_html(found, fragment=True)),  # rendered with autoescape on
        query=request.url.query,
    )


@router.get("/cases")
def cases_page(request: Request, q: Filters, who: Viewer, store: StoreDep) -> Response:
    found = store.view.page_cases(replace(q, count_limit=CASE_COUNT_LIMIT))  # as the API
    return page(
        request,
        "cases.html",
        _twin("/api/v1/cases", request),
        user=who,
        q=q,
        page=found,
        query=request.url.query,
    )


@router.get("/cases/{case_id}")
def case_page(request: Request, case_id: str, who: Viewer, store: StoreDep) -> Response:
    """A case: each source's text with the spans it rests on highlighted, and the review."""
    case = store.view.get_case(case_id)
    if case is None:
        raise HTTPException(404, f"no case {case_id}")
    sources = []
    for m in case.members:
        doc = store.view.get_document(m.document_id)
        text = doc.text if doc else ""
        marks = [(a, b, m.id) for a, b in m.incident.spans]
        sources.append({"incident": m, "document": doc, "pieces": highlight(text, marks)})
    judged = [
        *store.view.iter_judgements("case", [case_id]),
        *store.view.iter_judgements("incident", [m.id for m in case.members]),
    ]
    return page(
        request,
        "case.html",
        f"/api/v1/cases/{case_id}",
        user=who,
        case=case,
        record=case.to_record(),
        sources=sources,
        judgements=judged,
        done=request.query_params.get("done"),
    )


@router.get("/review")
def review_page(
    request: Request, q: Filters, who: Analyst, store: StoreDep, skip: int = 0
) -> Response:
    """The review queue: the next unreviewed incident matching the filters (the likeliest
    by confidence first, then the most certain, the earliest), its source with the spans
    highlighted, and keys to judge it."""
    queue = replace(
        q,
        status=["unreviewed"],
        sort="queue",
        limit=1,
        offset=max(0, skip),
        count_limit=COUNT_LIMIT,
    )
    found = store.view.page_incidents(queue)
    item = found.items[0] if found.items else None
    pieces, doc = [], None
    if item is not None:
        doc = store.view.get_document(item.document_id)
        marks = [(a, b, item.id) for a, b in item.incident.spans]
        pieces = highlight(doc.text if doc else "", marks)
    filters = [(k, v) for k, v in request.query_params.multi_items() if k not in ("skip", "done")]
    return page(
        request,
        "review.html",
        "/api/v1/incidents/next" + (f"?{urlencode(filters)}" if filters else ""),
        user=who,
        item=item,
        record=item.to_record() if item else None,
        document=doc,
        pieces=pieces,
        left=total_text(found.total, found.total_exact, found.total_estimated),
        skip=max(0, skip),
        filters=urlencode(filters),
        done=request.query_params.get("done"),
    )


@router.post("/review")
def review_form(
    who: Analyst,
    store: StoreDep,
    incident: Annotated[str, Form()],
    action: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
    filters: Annotated[str, Form()] = "",
    skip: Annotated[int, Form()] = 0,
) -> Response:
    """Confirm or reject the incident on the review page; back to the queue, which moves on."""
    judge(store, who.actor, "incident", incident, action, reason)
    back = [*parse_qsl(filters), ("skip", str(skip)), ("done", action)]
    return RedirectResponse(f"/review?{urlencode(back)}", 303)


@router.post("/incidents/judge-many")
def judge_many_form(
    who: Analyst,
    store: StoreDep,
    action: Annotated[str, Form()],
    incidents: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI copies the default
    reason: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    """Bulk review from the list: the chosen incidents confirmed or rejected with one reason."""
    done = judge_many(store, who.actor, incidents, action, reason)
    query = [*parse_qsl(back), ("done", f"{action}: {len(done)}")]
    return RedirectResponse(f"/?{urlencode(query)}", 303)


@router.get("/search")
def search_page(
    request: Request, who: Viewer, store: StoreDep, q: str = "", offset: int = 0
) -> Response:
    """Full-text search of the incidents and of the documents, the hits marked."""
    words = q.strip()
    total, hits = store.view.search_documents(words, 20, max(0, offset)) if words else (0, [])
    searched = IncidentQuery(search=words, limit=20, count_limit=COUNT_LIMIT)
    incidents = store.view.page_incidents(searched) if words else None
    return page(
        request,
        "search.html",
        f"/api/v1/search?{urlencode({'q': q})}" if words else None,
        user=who,
        q=q,
        total=total,
        hits=hits,
        incidents=incidents,
        offset=max(0, offset),
    )


@router.get("/incidents/new")
def new_incident_form(request: Request, who: Analyst) -> Response:
    return page(request, "new_incident.html", "/api/v1/vocab", user=who, error=None, form={})


@router.post("/incidents/new")
def new_incident(
    request: Request,
    who: Analyst,
    store: StoreDep,
    type_: Annotated[str, Form(alias="type")],
    summary: Annotated[str, Form()],
    reason: Annotated[str, Form()],
    text: Annotated[str, Form()],
    date: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    perpetrators: Annotated[str, Form()] = "",
    victim_category: Annotated[str, Form()] = "unknown",
    count: Annotated[str, Form()] = "",
    certainty: Annotated[str, Form()] = "reported",
    title: Annotated[str, Form()] = "",
    taken_by: Annotated[str, Form()] = "",
    taken_on: Annotated[str, Form()] = "",
) -> Response:
    """Enter testimony taken by the team, and the incident it tells of."""
    form = {
        "type": type_,
        "summary": summary,
        "reason": reason,
        "text": text,
        "date": date,
        "place": place,
        "perpetrators": perpetrators,
        "victim_category": victim_category,
        "count": count,
        "certainty": certainty,
        "title": title,
        "taken_by": taken_by,
        "taken_on": taken_on,
    }
    try:
        record: dict[str, Any] = {
            "type": type_,
            "summary": summary,
            "certainty": certainty,
            "evidence": ["testimony"],
            "victims": {"category": victim_category},
        }
        for name, value in (("date", date), ("place", place), ("perpetrators", perpetrators)):
            if value.strip():
                record[name] = parse_text_value(name, value)
        if count.strip():
            record["victims"]["count"] = parse_text_value("count", count)
        source = {"text": text, "title": title, "taken_by": taken_by, "date": taken_on}
        made = create_incident(store, who.actor, record, source, reason)
    except CasefileError as e:
        return page(
            request, "new_incident.html", "/api/v1/vocab", user=who, error=str(e), form=form
        )
    return RedirectResponse(f"/cases/{quote(made.case_id)}?done=created", status_code=303)


@router.get("/incidents/{incident_id}")
def incident_page(incident_id: str, _: Viewer, store: StoreDep) -> Response:
    found = store.view.get_reviewed_incident(incident_id)
    if found is None:
        raise HTTPException(404, f"no incident {incident_id}")
    return RedirectResponse(f"/cases/{quote(found.case_id)}#incident-{incident_id}", 303)


@router.post("/{target}/{target_id}/judge")
def judge_form(
    request: Request,
    target: str,
    target_id: str,
    who: Analyst,
    store: StoreDep,
    action: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
    field: Annotated[str, Form()] = "",
    value: Annotated[str, Form()] = "",
    case: Annotated[str, Form()] = "",
    seen: Annotated[str, Form()] = "",
) -> Response:
    """Confirm, reject, reopen or edit (``field`` and ``value`` as one line of text). ``seen``
    is the target as the page showed it: changed since, the page says so (409)."""
    kinds = {"incidents": "incident", "cases": "case"}
    if target not in kinds:
        raise HTTPException(404, f"nothing at {request.url.path}")
    parsed = parse_text_value(field, value) if action == "edit" else None
    judge(
        store,
        who.actor,
        kinds[target],
        target_id,
        action,
        reason,
        field or None,
        parsed,
        seen=seen or None,
    )
    back = case or target_id
    return RedirectResponse(f"/cases/{quote(back)}?done={quote(action)}#incident-{target_id}", 303)


@router.post("/incidents/{incident_id}/edit/{field}")
async def edit_field_form(
    request: Request, incident_id: str, field: str, who: Analyst, store: StoreDep
) -> Response:
    """One field of an incident, edited in its own form (``review.form_value`` reads it)."""
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    value = form_value(field, fields) if field in EDITABLE else None
    reason = fields.get("reason", "")
    await run_in_threadpool(
        judge, store, who.actor, "incident", incident_id, "edit", reason, field, value
    )
    back = fields.get("case") or incident_id
    return RedirectResponse(f"/cases/{quote(back)}?done=edit#incident-{incident_id}", 303)


@router.post("/cases/merge")
def merge_selected_form(
    who: Analyst,
    store: StoreDep,
    cases: Annotated[list[str], Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Merge the cases ticked in the list into the first of them."""
    merged = merge_cases(store, who.actor, cases[0], cases[1:], reason)
    return RedirectResponse(f"/cases/{quote(merged.id)}?done=merge", 303)


@router.post("/cases/{case_id}/distinguish")
def distinguish_form(
    case_id: str,
    who: Analyst,
    store: StoreDep,
    other: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Record that two cases are not the same act: fusion keeps them apart."""
    kept = not_same(store, who.actor, case_id, other.strip(), reason)
    return RedirectResponse(f"/cases/{quote(kept.id)}?done=distinguish", 303)


@router.post("/cases/{case_id}/merge")
def merge_form(
    case_id: str,
    who: Analyst,
    store: StoreDep,
    cases: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    others = [c.strip() for c in cases.replace(",", " ").split() if c.strip()]
    merged = merge_cases(store, who.actor, case_id, others, reason)
    return RedirectResponse(f"/cases/{quote(merged.id)}?done=merge", 303)


@router.post("/cases/{case_id}/split")
def split_form(
    case_id: str,
    who: Analyst,
    store: StoreDep,
    incidents: Annotated[list[str], Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    new = split_case(store, who.actor, case_id, incidents, reason)
    return RedirectResponse(f"/cases/{quote(new.id)}?done=split", 303)


@router.get("/documents/{document_id}")
def document_page(request: Request, document_id: str, who: Viewer, store: StoreDep) -> Response:
    """A document's text with the spans of every fact taken from it highlighted."""
    doc = store.view.get_document(document_id)
    if doc is None:
        raise HTTPException(404, f"no document {document_id}")
    marks = [(a, b, f"{table}:{fid}") for table, fid, a, b in store.view.iter_spans(doc.id)]
    return page(
        request,
        "document.html",
        f"/api/v1/documents/{doc.id}",
        user=who,
        doc=doc,
        pieces=highlight(doc.text, marks),
    )


@router.get("/units/{name:path}")
def unit_page(request: Request, name: str, who: Viewer, store: StoreDep) -> Response:
    """A unit's chain of command, subordinates and attributed incidents."""
    record = get_unit(name, who, store, None, 50)
    return page(request, "unit.html", f"/api/v1/units/{quote(name)}", user=who, unit=record)


@router.get("/statistics")
def statistics_page(request: Request, q: Filters, who: Viewer, store: StoreDep) -> Response:
    return page(
        request,
        "statistics.html",
        _twin("/api/v1/statistics", request),
        user=who,
        stats=statistics_record(store, q),
    )


@router.get("/audit")
def audit_log_page(
    request: Request,
    who: Admin,
    store: StoreDep,
    before: Annotated[int | None, Query(ge=1, le=MAX_SEQ)] = None,
    actor: str = "",
    object_id: str = "",
    action: str = "",
) -> Response:
    """The audit log, newest first, 50 a page, filtered by who, by object or by action; each
    entry's change shown field by field, before and after."""
    wanted = (object_id.strip() or None, actor.strip() or None, action.strip() or None)
    entries = audit_page(store, 50, before, *wanted)
    newest = next(iter_entries(store.engine, newest_first=True, limit=1), None)
    return page(
        request,
        "audit.html",
        _twin("/api/v1/audit", request),
        user=who,
        entries=entries,
        newest=newest,
        actor=actor,
        object_id=object_id,
        action=action,
        actions=audit_actions(store.engine),
        filters=urlencode(
            {k: v for k, v in (("actor", actor), ("object_id", object_id), ("action", action)) if v}
        ),
    )


def _twin(path: str, request: Request) -> str:
    return f"{path}?{request.url.query}" if request.url.query else path


def _local(target: str) -> str:
    """A redirect target on this server only (never //host or a scheme)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _login_again(request: Request, message: str, next_: str) -> Response:
    response = _login_page(request, next_, error=message)
    response.status_code = 401
    return response


def _login_page(
    request: Request, next_: str, error: str | None = None, no_users: bool = False
) -> Response:
    """The log-in form with a new CSRF token, in the form and in a cookie (double submit)."""
    token = secrets.token_urlsafe(24)
    response = page(
        request,
        "login.html",
        None,
        user=None,
        csrf=token,
        next=_local(next_),
        no_users=no_users,
        error=error,
    )
    response.set_cookie(
        LOGIN_CSRF,
        token,
        httponly=True,
        samesite="strict",
        secure=request.app.state.config.secure_cookies,
    )
    return response
