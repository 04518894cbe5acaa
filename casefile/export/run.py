"""The export flow: a format by name, the incidents or cases a query matches, the bytes,
and an audit entry with their SHA-256. CLI, API and web call ``export`` alone."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..errors import CasefileError
from ..model import sha256
from ..registry import exporters
from ..store import Store
from ..store.audit import AuditEvent
from ..store.view import IncidentQuery
from . import acled, ftm, geojson, jsonl, records  # noqa: F401 - each registers its format
from .base import Exporter, Selection


@dataclass
class ExportResult:
    format: str
    media_type: str
    filename: str  # a name for the file: incidents.csv, cases.geojson ...
    data: bytes
    count: int  # incidents or cases exported
    sha256: str


def get_exporter(name: str) -> Exporter:
    """The registered format ``name``; ConfigError lists the known ones."""
    found = exporters.get(name)
    if not isinstance(found, Exporter):
        raise CasefileError(f"exporter {name!r} is not an export format (a plugin's mistake)")
    return found


def formats() -> list[Exporter]:
    return [get_exporter(n) for n in exporters.names()]


def export(
    store: Store, actor: str, fmt: str, query: IncidentQuery, cases: bool = False
) -> ExportResult:
    """Every incident (or case) ``query`` matches, its limit and offset ignored, in ``fmt``.

    1. the format; 2. the selection rendered; 3. the audit entry: who, the format, the
    filters, how many, and the SHA-256 of exactly the bytes handed out."""
    # 1. the format
    exporter = get_exporter(fmt)
    if cases and not exporter.cases:
        raise CasefileError(f"--cases: the {fmt} format exports incidents only")
    # 2. render
    sel = Selection(store, query, cases)
    data = exporter.render(sel)
    count = len(sel.items)
    digest = sha256(data)
    # 3. audit
    filters = {
        k: v
        for k, v in asdict(query).items()
        if v not in (None, []) and k not in ("limit", "offset", "sort")
    }
    what = "cases" if cases else "incidents"
    with store.writer(actor) as w:
        w.add_audit(
            AuditEvent(
                "export",
                what,
                fmt,
                after={
                    "format": fmt,
                    "filters": filters,
                    "records": count,
                    "bytes": len(data),
                    "sha256": digest,
                },
            )
        )
    return ExportResult(
        fmt, exporter.media_type, f"{what}.{exporter.extension}", data, count, digest
    )
