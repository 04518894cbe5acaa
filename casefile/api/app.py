"""``create_app``: the FastAPI app that serves /api/v1 (JSON) and the web UI (HTML) over one
Store. Both use the same View calls; every web page links its JSON twin.

Errors: the API answers JSON ``{"error": message, "status": code}``; pages render an error
page, or send the browser to the log-in page when it must log in first. Every response
carries a Content-Security-Policy that allows only this server's own scripts and styles
(and the map tile server, where one is configured).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..auth import SESSION_HOURS, LoginLimiter
from ..errors import (
    AuditError,
    AuthError,
    CasefileError,
    ConflictError,
    NotFoundError,
    ReviewError,
)
from ..store import Store
from ..web import STATIC
from ..web.pages import router as pages_router
from ..web.pages import templates
from .deps import INVALID
from .limits import DEFAULT_MAX_BODY, BodyLimit
from .routes import (
    audit,
    brief,
    cases,
    documents,
    exports,
    incidents,
    places,
    search,
    statements,
    statistics,
    units,
    users,
)
from .schemas import Error

API = "/api/v1"


@dataclass
class ServeConfig:
    """How ``casefile serve`` runs; see docs/architecture.md."""

    tiles: str | None = None  # map tile URL template ({z}/{x}/{y}); None: a map without tiles
    tiles_attribution: str = ""
    session_hours: int = SESSION_HOURS
    secure_cookies: bool = False  # set behind HTTPS: cookies then travel only over TLS
    limiter: LoginLimiter = field(default_factory=LoginLimiter)
    threads: int | None = None  # requests doing blocking work (queries) at once; see _threads
    max_body: int = DEFAULT_MAX_BODY  # bytes; larger request bodies get 413 unread (limits.py)


def create_app(store: Store, config: ServeConfig | None = None) -> FastAPI:
    """The app over ``store``: /api/v1 (OpenAPI at /api/v1/openapi.json), pages, /static."""
    app = FastAPI(
        title="casefile",
        version=__version__,
        description="Verified, source-linked incidents: documents, incidents, cases, units, "
        "statements, statistics, review and audit. Authenticate with a session cookie (web "
        "UI, CSRF token required for changes) or `Authorization: Bearer <token>` "
        "(`casefile users token NAME`).",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,  # FastAPI's Swagger UI loads from a CDN: ours is at /api/v1/docs, offline
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.store = store
    app.state.config = config or ServeConfig()
    for module in (
        documents,
        incidents,
        cases,
        statistics,
        units,
        statements,
        places,
        search,
        exports,
        brief,
        audit,
        users,
    ):
        app.include_router(module.router, prefix=API)
    _document_errors(app)
    app.include_router(pages_router)
    app.add_api_route(f"{API}/docs", _docs_page, include_in_schema=False)
    app.mount("/static/swagger-ui", StaticFiles(directory=SWAGGER_UI), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _handle_errors(app)
    csp = _csp(app.state.config.tiles)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    # outermost: bodies are capped, and changes authenticated, before anything reads them
    app.add_middleware(BodyLimit, store=store, max_bytes=app.state.config.max_body)
    return app


# Swagger UI's files, as the PyPI package swagger-ui-py ships them (Apache-2.0; see NOTICE).
# Found without importing the package, whose code casefile does not use.
SWAGGER_UI = Path(str(importlib.util.find_spec("swagger_ui").origin)).parent / "static"  # type: ignore[union-attr]
DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>casefile API</title>
<link rel="stylesheet" href="/static/swagger-ui/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""


def _docs_page() -> HTMLResponse:
    """The API's interactive documentation, served offline. Swagger UI sets style attributes
    from its script, so this page (and only this one) allows inline styles; never scripts."""
    csp = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    )
    return HTMLResponse(DOCS_PAGE, headers={"Content-Security-Policy": csp})


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Sync routes and dependencies (every query) run in anyio's thread pool; its size bounds
    # how many run at once.
    anyio.to_thread.current_default_thread_limiter().total_tokens = _threads(app)
    yield


def _threads(app: FastAPI) -> int:
    """ServeConfig.threads, else: with SQLite one per core, as its queries run on this
    process's cores and more at once only share them (each then takes longer: p95 of
    bench/api_load.py); with PostgreSQL anyio's default, as its queries mostly wait."""
    config: ServeConfig = app.state.config
    if config.threads is not None:
        return config.threads
    store: Store = app.state.store
    if store.engine.dialect.name == "sqlite":
        return max(2, os.cpu_count() or 2)
    return 40


def _csp(tiles: str | None) -> str:
    img = "'self' data:"
    if tiles:
        parts = urlsplit(tiles.replace("{s}", "a"))
        host = parts.hostname or ""
        if "{s}" in tiles:  # subdomains a, b, c of the tile server
            host = "*." + host.split(".", 1)[1] if "." in host else host
        port = f":{parts.port}" if parts.port else ""
        img += f" {parts.scheme}://{host}{port}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {img}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    )


def _status(e: CasefileError) -> int:
    if isinstance(e, NotFoundError):
        return 404
    if isinstance(e, ConflictError):
        return 409
    if isinstance(e, ReviewError):
        return 422
    if isinstance(e, AuthError):
        return 401
    if isinstance(e, AuditError):
        return 500
    return INVALID  # a request the library refuses as asked: one status for all of them


# The errors the API gives, by status: what each means (docs/architecture.md lists them too).
ERRORS = {
    401: "Not authenticated: no or a bad token, no or an expired session.",
    403: "Authenticated, but this needs another role; or a change by session without its "
    "CSRF token.",
    404: "No such object (or, with subordinates, no such unit).",
    422: "An invalid request: a parameter, a body or a judgement (the one status of every "
    "invalid request).",
    500: "An internal error; the server log has the details.",
}


def _document_errors(app: FastAPI) -> None:
    """The OpenAPI document lists, for each API operation, the errors it can really give, all
    of them shaped as ``Error``: 401 and 403 (every route needs a role), 404 where the path
    names an object or a unit is taken with its subordinates, 422 where there are parameters
    or a body (in place of FastAPI's own shape, which this API never sends), and 500."""
    make = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = make()
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        schemas["Error"] = Error.model_json_schema()
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for path, operations in doc["paths"].items():
            if not path.startswith(API):
                continue
            for op in operations.values():
                params = {p["name"] for p in op.get("parameters", [])}
                codes = [401, 403, 500, *(int(c) for c in op["responses"] if c[0] in "45")]
                if "{" in path or "subordinates" in params:
                    codes.append(404)
                if params or "requestBody" in op:
                    codes.append(422)
                for code in codes:
                    op["responses"][str(code)] = {"description": ERRORS[code], "content": error}
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to amend it


def _handle_errors(app: FastAPI) -> None:
    def error(
        request: Request,
        status: int,
        message: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> Response:
        if request.url.path.startswith(API):
            body = {"error": message, "status": status, **extra}
            return JSONResponse(body, status_code=status, headers=headers)
        if status == 401 and request.method in ("GET", "HEAD"):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "message": message, "user": None},
            status_code=status,
            headers=headers,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, e: StarletteHTTPException) -> Response:
        message = str(e.detail) if e.detail else "error"
        if e.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error(request, e.status_code, message, dict(e.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, e: RequestValidationError) -> Response:
        problems = []
        for err in e.errors():
            loc = [str(x) for x in err.get("loc", ())]
            problems.append(f"{'.'.join(loc[1:]) or loc[0]}: {err.get('msg', 'invalid')}")
        return error(request, INVALID, "invalid request: " + "; ".join(problems))

    @app.exception_handler(CasefileError)
    async def casefile_error(request: Request, e: CasefileError) -> Response:
        if isinstance(e, ConflictError):  # the target as it now stands, to look again
            return error(request, 409, str(e), current=e.current)
        return error(request, _status(e), str(e))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, e: Exception) -> Response:  # never a traceback out
        return error(request, 500, f"internal error ({type(e).__name__}); see the server log")
