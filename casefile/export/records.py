"""Export incidents as records: one JSON object a line, the analysis format's incident record
with its id, document, case and review status (the values in force, the machine's beside
them where an analyst edited). Every export is audited: who, when, which filter, how many,
and the SHA-256 of exactly what was handed out."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..model import sha256
from ..store import Store
from ..store.audit import AuditEvent
from ..store.view import IncidentQuery

FORMAT = "records"
MEDIA_TYPE = "application/x-ndjson"


def export_records(store: Store, actor: str, query: IncidentQuery) -> bytes:
    """Every incident ``query`` matches (its limit and offset ignored), as JSON Lines."""
    # 1. the records
    lines = [
        json.dumps(i.to_record(), ensure_ascii=False, sort_keys=True) + "\n"
        for i in store.view.iter_reviewed_incidents(query)
    ]
    data = "".join(lines).encode("utf-8")
    # 2. the audit entry: the filter, the count and the hash of the bytes handed out
    filters = {
        k: v
        for k, v in asdict(query).items()
        if v not in (None, []) and k not in ("limit", "offset", "sort")
    }
    with store.writer(actor) as w:
        w.add_audit(
            AuditEvent(
                "export",
                "incidents",
                FORMAT,
                after={
                    "format": FORMAT,
                    "filters": filters,
                    "records": len(lines),
                    "sha256": sha256(data),
                },
            )
        )
    return data
