"""FUSE: incidents of different documents that tell of one act become one case.

The flow (:func:`fuse`), in numbered steps:

1. blocking (:mod:`.block`): pairs of reports close in type, time and place;
2. the match (:mod:`.score`): each pair scored by the shared, explainable features of
   :mod:`casefile.compare`;
3. clustering (:mod:`.cluster`): best pairs first, a join only where the clusters agree as
   wholes, analysts' cases kept as they left them;
4. each case: its id (an analyst's, else the hash of its members' ids, so it stays while
   its members do), reconciled values (:mod:`.reconcile`), corroboration
   (:mod:`.corroboration`) and the features of the pairs that joined it.

:func:`fuse_records` runs it statelessly over analysis records (``casefile fuse --jsonl``);
:mod:`.store` runs it over the store (``casefile fuse``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from casefile.compare import WEIGHTS, Comparison, Weights
from casefile.model import Incident, sha256

from .block import bounds, candidate_pairs
from .cluster import cluster
from .corroboration import Corroboration, corroborate
from .reconcile import Reconciled, reconcile
from .report import Report, incident_id, make_report
from .score import explain, score_pairs
from .vector import table

__all__ = [
    "Case",
    "Link",
    "Report",
    "case_id",
    "fuse",
    "fuse_records",
    "iter_cases",
    "link",
    "make_cases",
    "make_report",
]


@dataclass
class Link:
    """A pair of reports that joined a case, and why (each feature's contribution)."""

    a: str
    b: str
    comparison: Comparison

    def to_record(self) -> dict[str, Any]:
        return {
            "incidents": [self.a, self.b],
            "score": round(self.comparison.score, 3),
            "features": self.comparison.contributions,
        }


@dataclass
class Case:
    id: str
    members: list[Report]
    reconciled: Reconciled
    corroboration: Corroboration
    links: list[Link] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "incidents": [{"id": r.id, "document": r.name} for r in self.members],
            **self.reconciled.to_record(),
            "corroboration": self.corroboration.to_record(),
            "links": [link.to_record() for link in self.links],
        }


def case_id(member_ids: Sequence[str]) -> str:
    """A machine case's id: the hash of its members' ids (as review.split_case makes them)."""
    return sha256("case\x1f" + "\x1f".join(sorted(member_ids)))


def fuse(reports: Sequence[Report], weights: Weights = WEIGHTS) -> list[Case]:
    """Group ``reports`` into cases (see the module's steps); every report is in one case."""
    # 1.-3. blocking, the match, clustering
    roots, joins = link(reports, weights)
    # 4. the cases
    return make_cases(reports, roots, joins, weights)


def link(
    reports: Sequence[Report], weights: Weights = WEIGHTS
) -> tuple[list[int], list[tuple[int, int]]]:
    """Each report's cluster (a representative index) and the pairs that joined them: the
    reports read once into columns (:func:`.vector.table`), then dropped for the clustering."""
    t = table(reports)
    # 1. blocking
    pairs = candidate_pairs(t)
    # 2. the match
    scores, conflicts = score_pairs(t, pairs, weights)
    docs, limits = t.doc, bounds(t)
    del t
    # 3. clustering
    return cluster(
        [r.id for r in reports],
        docs,
        pairs,
        scores,
        conflicts,
        [r.pinned for r in reports],
        bounds=limits,
    )


def make_cases(
    reports: Sequence[Report],
    roots: Sequence[int],
    joins: Sequence[tuple[int, int]],
    weights: Weights = WEIGHTS,
) -> list[Case]:
    """The cases of a clustering: ids, reconciled values, corroboration, why they joined."""
    return list(iter_cases(reports, roots, joins, weights))


def iter_cases(
    reports: Sequence[Report],
    roots: Sequence[int],
    joins: Sequence[tuple[int, int]],
    weights: Weights = WEIGHTS,
) -> Iterator[Case]:
    """:func:`make_cases` one case at a time, by id: only the ids are held for all cases
    (a million reports make some 400,000 cases, each with its values and explanations)."""
    root = np.asarray(roots, dtype=np.int64)
    order = np.argsort(root, kind="stable")  # members of a case in input order, as before
    cut = np.flatnonzero(np.diff(root[order])) + 1
    groups = np.split(order, cut) if len(order) else []
    join_arr = np.asarray(joins, dtype=np.int64).reshape(-1, 2)
    join_order = np.argsort(root[join_arr[:, 0]], kind="stable")
    join_roots = root[join_arr[join_order, 0]]
    ids = [_id_of(reports, g) for g in groups]
    for k in sorted(range(len(groups)), key=ids.__getitem__):
        rs = _members(reports, groups[k])
        r0 = root[groups[k][0]]
        a, b = np.searchsorted(join_roots, [r0, r0 + 1])
        links = [
            Link(reports[i].id, reports[j].id, explain(reports[i], reports[j], weights))
            for i, j in join_arr[join_order[a:b]].tolist()
        ]
        yield Case(ids[k], rs, reconcile(rs), corroborate(rs), links)


def _members(reports: Sequence[Report], group: np.ndarray) -> list[Report]:
    return sorted((reports[k] for k in group.tolist()), key=lambda r: (r.published or "", r.id))


def _id_of(reports: Sequence[Report], group: np.ndarray) -> str:
    """A case's id: an analyst's where one pinned a member, else the hash of its members."""
    rs = _members(reports, group)
    pin = next((r.pinned for r in rs if r.pinned), None)
    return pin or case_id([r.id for r in rs])


def reports_of_record(rec: dict[str, Any]) -> list[Report]:
    """The reports of one analysis record that carries its document (``text``, ``published``)."""
    text = rec.get("text") or ""
    doc = sha256(text.encode("utf-8")) if text else sha256(str(rec.get("doc_id")))
    denied = any(
        isinstance(s, dict) and s.get("kind") == "denial" for s in rec.get("statements") or []
    )
    out = []
    for seq, raw in enumerate(rec.get("incidents") or []):
        inc = Incident.from_record(raw)
        out.append(
            make_report(
                inc,
                id=incident_id(doc, seq, inc),
                document=doc,
                name=str(rec.get("doc_id") or doc[:12]),
                text=text,
                published=rec.get("published"),
                publisher=rec.get("publisher"),
                language=rec.get("language"),
                denied=denied,
            )
        )
    return out


def fuse_records(
    records: Sequence[dict[str, Any]], weights: Weights = WEIGHTS
) -> tuple[list[dict[str, Any]], list[Case]]:
    """Analysis records in (with their texts), the same records out with ``case`` on every
    incident, and the cases."""
    reports: list[Report] = []
    where: list[tuple[int, int]] = []
    for n, rec in enumerate(records):
        for seq, r in enumerate(reports_of_record(rec)):
            reports.append(r)
            where.append((n, seq))
    cases = fuse(reports, weights)
    case_of = {r.id: c.id for c in cases for r in c.members}
    out = [dict(rec) for rec in records]
    for n in range(len(out)):
        out[n]["incidents"] = [dict(i) for i in out[n].get("incidents") or []]
    for (n, seq), r in zip(where, reports, strict=True):
        out[n]["incidents"][seq]["case"] = case_of[r.id]
    return out, cases
