"""What routes depend on: the store, who is asking (and may they), and incident filters.

Who is asking: ``Authorization: Bearer <token>`` (scripts), else the session cookie (the web
UI). A request that changes something with a cookie must carry the session's CSRF token
(header ``X-CSRF-Token`` or form field ``csrf_token``); a bearer token is not sent by a
browser on its own, so it needs none.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyCookie, HTTPBearer
from pydantic import BaseModel, model_validator

from ..auth import SESSION_COOKIE, Principal, csrf_ok, may, session_user, token_user
from ..errors import AuthError, CasefileError
from ..sources.preserve import scrub_value
from ..store import Store
from ..store.view import PARTIAL_DATE, SORTS, IncidentQuery, is_partial_date
from ..units import unit_and_subordinates
from ..vocab import CERTAINTY, CORROBORATION, INCIDENT_TYPES, REVIEW_STATUS

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
INVALID = 422  # the one status of every invalid request: a parameter, a body, a judgement
DATE = PARTIAL_DATE
_NUMBER = r"-?\d{1,3}(\.\d{1,10})?"
BBOX = rf"^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$"
MAX_OFFSET = 10_000_000  # paging further is no use, and past 2**63 the database overflows
MAX_SEQ = 2**62  # audit entry numbers: a bigint with room


class Body(BaseModel):
    """A JSON request body. A lone surrogate (``"\\ud800"``, which JSON allows and UTF-8
    cannot hold) becomes U+FFFD before any field is read, as in ingest."""

    @model_validator(mode="before")
    @classmethod
    def _no_lone_surrogates(cls, data: Any) -> Any:
        return scrub_value(data)


# The two ways in, as OpenAPI security schemes (either will do). `principal` reads the header
# and the cookie itself, to answer a bad one with its own message; these only document them.
BEARER = HTTPBearer(
    scheme_name="bearer",
    description="An API token: `casefile users token NAME`.",
    auto_error=False,
)
COOKIE = APIKeyCookie(
    name=SESSION_COOKIE,
    scheme_name="session",
    description="The web UI's session (log in at /login); a change also needs the session's "
    "CSRF token in the X-CSRF-Token header.",
    auto_error=False,
)


def ok(model: Any, status: int = 200, *errors: int) -> dict[str, Any]:
    """Route arguments that document the answer as ``model`` (casefile/api/schemas.py)
    without validating it again at run time: routes return the library's records as they are,
    and tests/api/test_openapi.py checks them against the document. ``errors``: statuses the
    route gives beyond those create_app documents on every route that can give them."""
    responses: dict[int | str, Any] = {status: {"model": model}}
    responses.update({code: {"description": "an error"} for code in errors})
    return {"response_model": None, "responses": responses}


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def _store(request: Request) -> Store:
    """``get_store`` as a dependency; async, so it skips the thread pool (it does no I/O)."""
    return get_store(request)


async def principal(request: Request) -> Principal | None:
    """Who makes the request, or None; 401 for a bad token or an expired session, 403 for a
    cookie request that changes something without its CSRF token."""
    store = get_store(request)
    header = request.headers.get("authorization")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(
                401, "Authorization: use `Bearer <token>`", {"WWW-Authenticate": "Bearer"}
            )
        try:
            return await run_in_threadpool(token_user, store, token.strip())
        except AuthError as e:
            raise HTTPException(401, str(e), {"WWW-Authenticate": "Bearer"}) from None
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    try:
        found = await run_in_threadpool(session_user, store, cookie)
    except AuthError as e:
        raise HTTPException(401, str(e)) from None
    if request.method not in SAFE_METHODS:
        given = request.headers.get("x-csrf-token")
        if given is None and "form" in request.headers.get("content-type", ""):
            value = (await request.form()).get("csrf_token")
            given = value if isinstance(value, str) else None
        if not csrf_ok(found.csrf, given):
            raise HTTPException(403, "CSRF token missing or wrong: reload the page and try again")
    return found


def require(role: str) -> Any:
    """A dependency: the Principal, who must hold ``role`` (or a higher one)."""

    async def check(
        request: Request,
        _bearer: Annotated[Any, Security(BEARER)] = None,
        _cookie: Annotated[Any, Security(COOKIE)] = None,
    ) -> Principal:
        who = await principal(request)
        if who is None:
            raise HTTPException(
                401,
                "authentication required: log in, or send `Authorization: Bearer <token>`",
                {"WWW-Authenticate": "Bearer"},
            )
        if not may(who.user.role, role):
            raise HTTPException(
                403, f"this needs the {role} role; {who.user.name} is {who.user.role}"
            )
        return who

    return Depends(check)


Viewer = Annotated[Principal, require("viewer")]
Analyst = Annotated[Principal, require("analyst")]
Admin = Annotated[Principal, require("admin")]
StoreDep = Annotated[Store, Depends(_store)]


async def incident_query(
    store: StoreDep,
    type_: Annotated[
        str | None,
        Query(
            alias="type",
            description="Incident type.",
            json_schema_extra={"enum": INCIDENT_TYPES.values},
        ),
    ] = None,
    since: Annotated[
        str | None,
        Query(
            pattern=DATE,
            description="May end on or after this partial ISO date: an incident dated 2024 "
            "or 2024-03 counts to the end of its year or month.",
        ),
    ] = None,
    until: Annotated[
        str | None,
        Query(
            pattern=DATE,
            description="May start on or before this partial ISO date (2024-03: by the 31st).",
        ),
    ] = None,
    place: Annotated[
        str | None, Query(max_length=200, description="Place or region contains.")
    ] = None,
    admin1: Annotated[
        str | None, Query(max_length=200, description="Region (oblast) exactly.")
    ] = None,
    unit: Annotated[
        str | None,
        Query(
            max_length=300,
            description="A perpetrator's name contains this; with subordinates, the unit "
            "in any spelling.",
        ),
    ] = None,
    subordinates: Annotated[
        bool, Query(description="With unit: also every unit under it.")
    ] = False,
    text: Annotated[
        str | None, Query(max_length=200, description="Summary or source text contains.")
    ] = None,
    search: Annotated[
        str | None,
        Query(
            alias="q",
            max_length=500,
            description="Full-text search: every word (stemmed) in the summary, place, "
            "perpetrators or type as analysts left them; each item's `hit` marks the words.",
        ),
    ] = None,
    certainty: Annotated[
        list[str] | None,
        Query(description="Certainty (repeatable).", json_schema_extra=items_of(CERTAINTY)),
    ] = None,
    status: Annotated[
        list[str] | None,
        Query(description="Review status (repeatable).", json_schema_extra=items_of(REVIEW_STATUS)),
    ] = None,
    corroboration: Annotated[
        list[str] | None,
        Query(
            description="The case's corroboration grade, as fused (repeatable).",
            json_schema_extra=items_of(CORROBORATION),
        ),
    ] = None,
    bbox: Annotated[
        str | None, Query(pattern=BBOX, description="west,south,east,north in degrees.")
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="The extractor's confidence at least.")
    ] = None,
    language: Annotated[
        str | None,
        Query(
            pattern=r"^(?:[a-z]{2,3})?$",
            description="The source document's language (ISO 639-1 code, e.g. uk, ru, en).",
        ),
    ] = None,
    sort: Annotated[
        str, Query(description="The order of the list.", json_schema_extra={"enum": list(SORTS)})
    ] = "date",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    after: Annotated[
        str | None,
        Query(max_length=1000, description="The page after the one whose `next` gave this."),
    ] = None,
) -> IncidentQuery:
    """The filters of /incidents, /cases and their map, timeline and export, checked."""
    q = IncidentQuery(
        type=type_ or None,
        since=since or None,
        until=until or None,
        place=place or None,
        admin1=admin1 or None,
        text=text or None,
        search=search.strip() or None if search else None,
        language=language or None,
        sort=sort,
        limit=limit,
        offset=offset,
        min_confidence=min_confidence,
        after=after or None,
    )
    _check(q.type is None or q.type in INCIDENT_TYPES, "type", q.type, INCIDENT_TYPES.values)
    _check(sort in SORTS, "sort", sort, list(SORTS))
    for name, given in (("since", since), ("until", until)):
        if given and not is_partial_date(given):
            raise HTTPException(
                INVALID, f"{name}: {given!r} is not a date (2024, 2024-03, 2024-03-05)"
            )
    for value in certainty or []:
        _check(value in CERTAINTY, "certainty", value, CERTAINTY.values)
    for value in status or []:
        _check(value in REVIEW_STATUS, "status", value, REVIEW_STATUS.values)
    for value in corroboration or []:
        _check(value in CORROBORATION, "corroboration", value, CORROBORATION.values)
    q.certainty = [c for c in certainty or [] if c] or None
    q.status = [s for s in status or [] if s] or None
    q.corroboration = [c for c in corroboration or [] if c] or None
    if bbox:
        west, south, east, north = (float(x) for x in bbox.split(","))
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise HTTPException(
                INVALID,
                "bbox: west,south,east,north with west <= east and south <= north, in degrees",
            )
        q.bbox = (west, south, east, north)
    if unit and subordinates:
        try:
            q.units = await run_in_threadpool(unit_and_subordinates, store, unit)
        except CasefileError as e:
            raise HTTPException(404, str(e)) from None
    elif unit:
        q.unit = unit
    return q


Filters = Annotated[IncidentQuery, Depends(incident_query)]


def items_of(vocab: Any) -> dict[str, Any]:
    """The schema of a repeatable query parameter whose values come from ``vocab``."""
    return {"items": {"type": "string", "enum": vocab.values}}


def _check(good: bool, name: str, value: Any, allowed: list[str]) -> None:
    if not good:
        raise HTTPException(INVALID, f"{name}: {value!r} is not one of {', '.join(allowed)}")


def page_links(
    request: Request, total: int, limit: int | None, offset: int, cursor: str | None = None
) -> dict[str, Any]:
    """total, limit, offset and the URL of the next page (None on the last): by the list's
    ``cursor`` where it gives one (keyset pagination), else by offset."""
    nxt, by_cursor = None, "after" in request.query_params
    if cursor is not None and (by_cursor or offset + (limit or 0) < total):
        nxt = str(request.url.remove_query_params("offset").include_query_params(after=cursor))
    elif not by_cursor and limit is not None and offset + limit < total:
        nxt = str(request.url.include_query_params(offset=offset + limit))
    return {"total": total, "limit": limit, "offset": offset, "next": nxt}


def safe_filename(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text)[:80] or "download"
