"""``casefile fuse`` on the store: incremental, analysts' decisions kept, order-free.

1. what to fuse again: the incidents not yet fused (new, or their document analysed
   again), or those ``incidents`` an analyst moved, and everything they are connected to
   by candidate pairs or by a case, found by reading the store around them only: the
   incidents in their blocks' windows (:func:`.block.windows`: related types, overlapping
   periods, neighbouring places), then around those that pair, until nothing new pairs
   (``again``: all incidents). Rejected incidents stay cases of their own;
2. an incident an analyst moved (merge, split, "not the same") is *pinned* to the case the
   analyst left it in: analysts' cases are never joined to each other nor taken apart;
3. fuse them with their passages' texts; the result of a group depends only on its members,
   never on the order documents came in, so doing it in any order gives the same cases;
4. write the incidents whose case changed, each case's fusion record, and one audit entry.

Cases of other blocks are neither read nor written: a new document costs the incidents
around it, not the archive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np

from casefile.store import Store
from casefile.store.audit import AuditEvent
from casefile.store.view import IncidentQuery, ReviewedIncident
from casefile.vocab import REVIEW_STATUS

from . import Case, fuse
from .block import candidate_pairs, windows
from .report import Report, make_report
from .vector import table

ACTOR = "casefile fuse"
# Beyond this many windows to query, one read of every incident costs less.
MAX_WINDOWS = 2000


@dataclass
class FuseReport:
    incidents: int = 0  # incidents fused again this run
    cases: int = 0  # cases they make
    joined: int = 0  # of those, cases of two or more incidents
    moved: int = 0  # incidents whose case changed
    read: int = 0  # incidents read from the store to find them

    @property
    def summary(self) -> str:
        return (
            f"{self.incidents} incidents fused into {self.cases} cases "
            f"({self.joined} of several reports), {self.moved} incidents moved, "
            f"{self.read} incidents read"
        )


def fuse_store(
    store: Store, again: bool = False, incidents: Collection[str] | None = None
) -> FuseReport:
    """Fuse the store's incidents into cases (see the module's steps). ``incidents``: fuse
    again the cases these incidents could join (after an analyst moved them), not the new."""
    # 1. what to fuse again, and their documents
    seeds = None if again else list(incidents or store.view.unfused_incident_ids())
    if seeds is not None and not seeds:
        return FuseReport()
    loaded = _Loaded(store)
    todo = loaded.everything() if seeds is None else loaded.around(seeds)
    if not todo:
        return FuseReport(read=len(loaded.rows))
    texts = {
        d["id"]: d["text"]
        for d in store.view.iter_fusion_documents(sorted({m.document_id for m in todo}), text=True)
    }
    # 2.-3. pins, and the fusion
    cases = fuse([_report(m, loaded.docs[m.document_id], texts[m.document_id]) for m in todo])
    # 4. write
    report = _write(store, todo, cases)
    report.read = len(loaded.rows)
    return report


class _Loaded:
    """The incidents read so far (not rejected), their documents, and their reports."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.rows: dict[str, ReviewedIncident] = {}
        self.docs: dict[str, dict] = {}
        self.complete = False  # every incident is read

    def everything(self) -> list[ReviewedIncident]:
        self._add(self.store.view.iter_reviewed_incidents(IncidentQuery(limit=None)))
        self.complete = True
        return list(self.rows.values())

    def around(self, seeds: list[str]) -> list[ReviewedIncident]:
        """The incidents connected to ``seeds`` by candidate pairs or cases (step 1)."""
        self._read(IncidentQuery(ids=seeds, limit=None))
        expanded: set[str] = set()
        while True:
            rows = list(self.rows.values())
            component = _component(rows, self._reports(rows), set(seeds))
            fresh = [k for k in component if rows[k].id not in expanded]
            if not fresh or self.complete:
                return [rows[k] for k in component]
            expanded.update(rows[k].id for k in fresh)
            found = windows(table(self._reports([rows[k] for k in fresh])), range(len(fresh)))
            if len(found) > MAX_WINDOWS:
                self.everything()
                continue
            ids = self.store.view.fusion_candidate_ids(found) - set(self.rows)
            self._read(IncidentQuery(ids=sorted(ids), limit=None))

    def _read(self, q: IncidentQuery) -> None:
        """Read the incidents ``q`` matches, and every member of their cases."""
        got = list(self.store.view.iter_reviewed_incidents(q))
        self._add(got)
        cases = sorted({m.case_id for m in got})
        for k in range(0, len(cases), 500):
            q = IncidentQuery(cases=cases[k : k + 500], limit=None)
            self._add(self.store.view.iter_reviewed_incidents(q))

    def _add(self, got: Iterable[ReviewedIncident]) -> None:
        new = [m for m in got if m.id not in self.rows and m.status != REVIEW_STATUS.REJECTED]
        for m in new:
            self.rows[m.id] = m
        docs = sorted({m.document_id for m in new} - set(self.docs))
        for k in range(0, len(docs), 500):
            self.docs.update(
                (d["id"], d) for d in self.store.view.iter_fusion_documents(docs[k : k + 500])
            )

    def _reports(self, rows: list[ReviewedIncident]) -> list[Report]:
        return [_report(m, self.docs[m.document_id], "") for m in rows]


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


def _component(rows: list[ReviewedIncident], reports: list[Report], seeds: set[str]) -> list[int]:
    """Indices of the rows connected to ``seeds`` by candidate pairs or by a shared case."""
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
    dirty = {find(k) for k, m in enumerate(rows) if m.id in seeds}
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
