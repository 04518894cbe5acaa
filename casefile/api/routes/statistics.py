"""/statistics: incidents by type and month, and the aggregate figures as series, with their
conflicts flagged."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter

from ...figures import conflicts_of, series_of, side_by_side
from ...store.view import CASE_COUNT_LIMIT, COUNT_LIMIT, IncidentQuery
from .. import schemas as s
from ..deps import Filters, StoreDep, Viewer, ok

router = APIRouter(prefix="/statistics", tags=["statistics"])


def statistics_record(store: Any, q: IncidentQuery) -> dict[str, Any]:
    figures = list(store.view.iter_statistics())
    series = series_of(figures)
    months = store.view.incident_histogram(q)
    # the totals counted as far as the lists count them (a floor past it, or the database's
    # estimate far past it): an exact count of a million cost 70 ms of CPU (#14)
    first = replace(q, limit=1, offset=0, after=None)
    incidents = store.view.page_incidents(replace(first, count_limit=COUNT_LIMIT))
    cases = store.view.page_cases(replace(first, count_limit=CASE_COUNT_LIMIT))
    return {
        "incidents": {
            "total": incidents.total,
            "total_exact": incidents.total_exact,
            "total_estimated": incidents.total_estimated,
            "by_type": store.view.count_incidents_by_field("type", q),
            "by_region": store.view.count_incidents_by_field("admin1", q),
            "by_status": store.view.count_incidents_by_field("status", q),
            "by_month": months,
        },
        "figures": [
            {
                "id": f.id,
                "document": f.document_name,
                "document_id": f.document_id,
                "published": f.published,
                **f.statistic.to_record(),
            }
            for f in figures
        ],
        "cases": {
            "total": cases.total,
            "total_exact": cases.total_exact,
            "by_type": store.view.count_cases_by_field("type", q),
            "by_region": store.view.count_cases_by_field("admin1", q),
            "by_corroboration": store.view.count_case_grades(q),
            "by_month": months,
        },
        "series": [s.to_record() for s in series],
        "side_by_side": {
            measure: sorted(bodies) for measure, bodies in side_by_side(series).items()
        },
        "conflicts": [c.to_record() for c in conflicts_of(series)],
    }


@router.get("", **ok(s.Statistics))
def statistics(q: Filters, _: Viewer, store: StoreDep) -> dict[str, Any]:
    """Case and incident counts (filtered like /incidents: the reports of one act make one
    case) and every figure documents give."""
    return statistics_record(store, q)
