"""/me and /users: who is logged in; the users (administrators only)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ...auth import unlock_user
from ...vocab import ALL, REVIEW_STATUS, ROLES
from .. import schemas as s
from ..deps import Admin, StoreDep, Viewer, ok

router = APIRouter(tags=["users"])


@router.get("/me", **ok(s.Me))
def me(who: Viewer) -> dict[str, Any]:
    return {**who.user.to_record(), "via": who.via}


@router.get("/users", **ok(list[s.User]))
def users(_: Admin, store: StoreDep) -> list[dict[str, Any]]:
    return [u.to_record() for u in store.view.iter_users()]


@router.post("/users/{name}/unlock", **ok(s.Unlocked))
def unlock(name: str, who: Admin, store: StoreDep, request: Request) -> dict[str, Any]:
    """Lift a lockout after too many failed log-ins (recorded in the audit log)."""
    unlock_user(store, name, who.actor)
    request.app.state.config.limiter.lift(name)
    return {"name": name, "unlocked": True}


@router.get("/vocab", **ok(dict[str, list[s.Term]]))
def vocabularies(_: Viewer) -> dict[str, Any]:
    """Every closed vocabulary: value, label, description."""
    return {
        v.name: [{"value": t.value, "label": t.label, "description": t.description} for t in v]
        for v in (*ALL, ROLES, REVIEW_STATUS)
    }
