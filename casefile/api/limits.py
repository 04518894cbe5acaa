"""Limits on what a request may make the server do, applied before any route runs.

``BodyLimit`` is plain ASGI middleware in front of the app:

1. A request that declares a body (``Content-Length`` over the cap) gets 413 at once; its
   body is never read.
2. A request that changes something (POST, PUT, PATCH, DELETE) must authenticate first: the
   bearer token or session cookie is checked before one byte of the body is read, so an
   anonymous client cannot make the server read, buffer or parse a body at all. The log-in
   form is the one exception (it is how one authenticates), and it is capped like the rest.
3. A body sent without a length (chunked) is counted as it streams: past the cap the request
   ends with 413 and the rest is never read.

So a hostile 300 MB body costs the server at most the cap (10 MB by default, the
``max_request_bytes`` setting), not 300 MB or its parsed form.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.concurrency import run_in_threadpool

from ..auth import SESSION_COOKIE, session_user, token_user
from ..errors import AuthError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_MAX_BODY = 10_000_000
CHANGES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
OPEN_PATHS = frozenset({"/login"})  # bodies anyone may send: the log-in form


class BodyLimit:
    """Cap request bodies at ``max_bytes`` and authenticate changes before reading them."""

    def __init__(self, app: ASGIApp, store: Any, max_bytes: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.store = store
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        # 1. a declared length over the cap: refused unread
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await _answer(send, 400, "Content-Length is not a number", scope)
                return
            if int(declared) > self.max_bytes:
                await _answer(send, 413, self._too_large(), scope)
                return
        # 2. changes authenticate before their body is read
        if scope["method"] in CHANGES and scope["path"] not in OPEN_PATHS:
            problem = await _authenticate(self.store, headers)
            if problem is not None:
                await _answer(send, 401, problem, scope, {"WWW-Authenticate": "Bearer"})
                return
        # 3. a body without a length is counted as it comes; past the cap the client gets
        #    413 and the app sees the client gone (what it answers then is dropped)
        seen = 0
        started = cut = False

        async def counted() -> Message:
            nonlocal seen, cut
            if cut:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    cut = True
                    if not started:
                        await _answer(send, 413, self._too_large(), scope)
                    return {"type": "http.disconnect"}
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if cut:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counted, tracked)

    def _too_large(self) -> str:
        return (
            f"request body over the limit of {self.max_bytes:,} bytes "
            "(the max_request_bytes setting)"
        )


async def _authenticate(store: Any, headers: dict[str, str]) -> str | None:
    """Why the request's credentials do not hold, or None when they do (or when there are
    none and the route itself will say so without reading the body: see ``deps``)."""
    header = headers.get("authorization")
    try:
        if header:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                return "Authorization: use `Bearer <token>`"
            await run_in_threadpool(token_user, store, token.strip())
            return None
        cookie = _cookie(headers.get("cookie", ""), SESSION_COOKIE)
        if cookie is None:
            return "authentication required: log in, or send `Authorization: Bearer <token>`"
        await run_in_threadpool(session_user, store, cookie)
    except AuthError as e:
        return str(e)
    return None


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key == name:
            return value
    return None


async def _answer(
    send: Send, status: int, message: str, scope: Scope, headers: dict[str, str] | None = None
) -> None:
    """A short JSON (API) or text (pages) answer; the connection closes after it."""
    api = scope["path"].startswith("/api/")
    body = (
        json.dumps({"error": message, "status": status}).encode()
        if api
        else f"{status}: {message}\n".encode()
    )
    raw = [
        (b"content-type", b"application/json" if api else b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        (b"cache-control", b"no-store"),
        (b"x-content-type-options", b"nosniff"),
        *((k.lower().encode(), v.encode()) for k, v in (headers or {}).items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
