"""``records``: one JSON object a line per incident: the analysis format's incident record
with its id, document, case and review status (the values in force, the machine's beside
them where an analyst edited). The per-document analysis records are ``jsonl``."""

from __future__ import annotations

import json

from ..registry import exporters
from ..store import Store
from ..store.view import IncidentQuery
from .base import Exporter, Selection

FORMAT = "records"
MEDIA_TYPE = "application/x-ndjson"


def render(sel: Selection) -> bytes:
    lines = [
        json.dumps(i.to_record(), ensure_ascii=False, sort_keys=True) + "\n" for i in sel.reviewed
    ]
    return "".join(lines).encode("utf-8")


def export_records(store: Store, actor: str, query: IncidentQuery) -> bytes:
    """Every incident ``query`` matches (its limit and offset ignored), as JSON Lines, audited."""
    from .run import export  # the runner imports every format, this one included

    return export(store, actor, FORMAT, query).data


EXPORTER = exporters.register(FORMAT)(
    Exporter(
        FORMAT,
        MEDIA_TYPE,
        "jsonl",
        "one incident record a line with its id, document, case and review status",
        render,
        cases=False,
    )
)
