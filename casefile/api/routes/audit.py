"""/audit: the audit log, newest first, and its verification."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...store.audit import iter_entries
from .. import schemas as s
from ..deps import MAX_SEQ, Admin, StoreDep, ok

router = APIRouter(prefix="/audit", tags=["audit"])


def audit_page(
    store: Any,
    limit: int,
    before: int | None,
    object_id: str | None,
    actor: str | None,
    action: str | None = None,
) -> dict[str, Any]:
    entries = list(
        iter_entries(
            store.engine,
            limit=limit,
            newest_first=True,
            before=before,
            object_id=object_id,
            actor=actor,
            action=action,
        )
    )
    older = entries[-1].seq if len(entries) == limit else None
    return {"items": [e.to_record() for e in entries], "before": older}


@router.get("", **ok(s.AuditPage))
def audit_log(
    _: Admin,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    before: Annotated[
        int | None, Query(ge=1, le=MAX_SEQ, description="Entries older than this number.")
    ] = None,
    object_id: Annotated[str | None, Query(max_length=300)] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    action: Annotated[
        str | None, Query(max_length=100, description='One action, e.g. "incident.confirm".')
    ] = None,
) -> dict[str, Any]:
    """Who changed, imported or exported what, when, and why; newest first. ``before`` in the
    answer pages on."""
    return audit_page(store, limit, before, object_id, actor, action)


@router.get("/verify", **ok(s.AuditVerification))
def verify(_: Admin, store: StoreDep) -> dict[str, Any]:
    """Walk the chain: every edited, inserted or deleted entry, and a cut tail, named."""
    report = store.audit.verify(store.engine)
    return {
        "ok": report.ok,
        "entries": report.entries,
        "lines": report.lines(),
        "problems": [{"seq": p.seq, "message": p.message} for p in report.problems],
    }
