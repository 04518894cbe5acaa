"""``casefile fuse`` on the store: incremental, analysts' decisions kept, order-free.

1. read every incident with the values in force (an analyst's edits win) and its
   document's date, publisher and language; rejected incidents stay cases of their own;
2. an incident an analyst moved (merge, split, "not the same") is *pinned* to the case the
   analyst left it in: analysts' cases are never joined to each other nor taken apart;
3. block all reports (cheap) and take the connected groups of candidate pairs that hold an
   incident not yet fused (a new or re-analysed document), with every case they touch:
   only those are fused again (``again``: all of them);
4. fuse them with their passages' texts; the result of a group depends only on its members,
   never on the order documents came in, so doing it in any order gives the same cases;
5. write the incidents whose case changed, each case's fusion record, and one audit entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from casefile.store import Store
from casefile.store.audit import AuditEvent
from casefile.store.view import IncidentQuery, ReviewedIncident
from casefile.vocab import REVIEW_STATUS

from . import Case, fuse
from .block import candidate_pairs
from .report import Report, make_report
from .vector import table

ACTOR = "casefile fuse"


@dataclass
class FuseReport:
    incidents: int = 0  # incidents fused again this run
    cases: int = 0  # cases they make
    joined: int = 0  # of those, cases of two or more incidents
    moved: int = 0  # incidents whose case changed

    @property
    def summary(self) -> str:
        return (
            f"{self.incidents} incidents fused into {self.cases} cases "
            f"({self.joined} of several reports), {self.moved} incidents moved"
        )


def fuse_store(
    store: Store, again: bool = False, incidents: Collection[str] | None = None
) -> FuseReport:
    """Fuse the store's incidents into cases (see the module's steps). ``incidents``: fuse
    again the cases these incidents could join (after an analyst moved them), not the new."""
    # 1. incidents and their documents
    rows = [
        m
        for m in store.view.iter_reviewed_incidents(IncidentQuery(limit=None))
        if m.status != REVIEW_STATUS.REJECTED
    ]
    docs = {d["id"]: d for d in store.view.iter_fusion_documents()}
    # 2. pins
    reports = [_report(m, docs[m.document_id], "") for m in rows]
    # 3. what to fuse again
    touched = range(len(rows)) if again else _touched(rows, reports, incidents)
    if not touched:
        return FuseReport()
    todo = [rows[k] for k in touched]
    texts = {
        d["id"]: d["text"]
        for d in store.view.iter_fusion_documents(sorted({m.document_id for m in todo}), text=True)
    }
    # 4. fuse
    cases = fuse([_report(m, docs[m.document_id], texts[m.document_id]) for m in todo])
    # 5. write
    return _write(store, todo, cases)


def _report(m: ReviewedIncident, doc: dict, text: str) -> Report:
    return make_report(
        m.incident,
        id=m.id,
        document=m.document_id,
        name=m.document_name,
        text=text,
        published=doc["published"],
        publisher=doc["publisher"],
        language=doc["language"],
        denied=bool(doc["denied"]),
        pinned=m.case_id if "case" in m.edited else None,
    )


def _touched(
    rows: list[ReviewedIncident], reports: list[Report], only: Collection[str] | None
) -> list[int]:
    """Indices of the incidents to fuse again: the groups of candidate pairs, and of current
    cases, that hold an incident not yet fused (or one of ``only``)."""
    n = len(rows)
    parent = np.arange(n)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = int(parent[x])
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for i, j in candidate_pairs(table(reports)).tolist():
        union(i, j)
    first: dict[str, int] = {}
    for k, m in enumerate(rows):
        union(k, first.setdefault(m.case_id, k))
    wanted = set(only) if only is not None else None
    dirty = {
        find(k)
        for k, m in enumerate(rows)
        if (m.id in wanted if wanted is not None else m.machine.case is None)
    }
    return [k for k in range(n) if find(k) in dirty]


def _write(store: Store, todo: list[ReviewedIncident], cases: list[Case]) -> FuseReport:
    assignment = {r.id: c.id for c in cases for r in c.members}
    before = {m.case_id for m in todo}
    made = {c.id for c in cases}
    rows = [
        {
            "id": c.id,
            "corroboration": c.corroboration.grade,
            "size": len(c.members),
            "record": c.to_record(),
        }
        for c in cases
    ]
    report = FuseReport(len(todo), len(cases), sum(len(c.members) > 1 for c in cases))
    with store.writer(ACTOR) as w:
        report.moved = w.put_cases(assignment, rows, sorted(before - made))
        w.add_audit(
            AuditEvent(
                "cases.fuse",
                "case",
                "*",
                after={"incidents": report.incidents, "cases": report.cases, "moved": report.moved},
            )
        )
    return report


def by_case(rows: list[ReviewedIncident]) -> dict[str, list[str]]:
    """Incident ids by the case in force (a helper for tests and checks)."""
    out: dict[str, list[str]] = defaultdict(list)
    for m in rows:
        out[m.case_id].append(m.id)
    return dict(out)
