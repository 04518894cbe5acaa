"""Clustering scored pairs into cases without chaining A-B-C where A and C conflict.

Greedy correlation clustering with cannot-links, in numbered steps:

1. analysts' cases come first: reports an analyst put in one case start as one cluster
   (must-link); two analysts' cases never join (an analyst decides that);
2. pairs are taken best score first (ties by the reports' ids, so the order of input does
   not matter); a pair with a positive score proposes joining its two clusters;
3. the join is made only where, between the two clusters, no compared pair holds a hard
   conflict, no two reports come from one document, and the compared pairs' mean score is
   above ``threshold`` (average link: evidence against counts as much as evidence for);
   and, over every member, not only the compared ones: the dates still share a day
   (an undated report bounds it by its publication) and the precise places still lie
   within tolerance of one another (:class:`Bounds`).

The pair scores between clusters are kept per cluster and merged small into large, so the
whole run is about linear in the number of pairs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# The most precise places a cluster keeps to check a join against (more add little).
MAX_POINTS = 8


@dataclass
class Bounds:
    """What every member of a cluster must agree with: ``lo``/``hi`` (n,) the days an act can
    lie in (ordinals; an undated report: up to its publication); ``points`` (n, 3) lat, lon and
    tolerance in km of a precise place (NaN where the place is coarse or unknown)."""

    lo: np.ndarray
    hi: np.ndarray
    points: np.ndarray


class _Clusters:
    def __init__(
        self, n: int, docs: Sequence[str], pins: Sequence[str | None], bounds: Bounds | None
    ) -> None:
        self.parent = list(range(n))
        self.lo = bounds.lo.astype(np.float64).tolist() if bounds else [-np.inf] * n
        self.hi = bounds.hi.astype(np.float64).tolist() if bounds else [np.inf] * n
        self.points: list[list[tuple[float, float, float]]] = [
            [tuple(p)] if bounds and not np.isnan(p[0]) else []  # type: ignore[misc]
            for p in (bounds.points.tolist() if bounds else [[np.nan]] * n)
        ]
        self.docs: list[set[str]] = [{d} for d in docs]
        self.pin: list[str | None] = list(pins)
        self.links: list[dict[int, list[float]]] = [{} for _ in range(n)]  # root -> [sum, n, bad]

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def add_pair(self, i: int, j: int, score: float, conflict: bool) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        for a, b in ((ri, rj), (rj, ri)):
            agg = self.links[a].setdefault(b, [0.0, 0.0, 0.0])
            agg[0] += score
            agg[1] += 1
            agg[2] += conflict

    def allowed(self, ra: int, rb: int, threshold: float) -> bool:
        pa, pb = self.pin[ra], self.pin[rb]
        if pa is not None and pb is not None and pa != pb:
            return False
        if self.docs[ra] & self.docs[rb]:
            return False
        if max(self.lo[ra], self.lo[rb]) > min(self.hi[ra], self.hi[rb]):
            return False
        if not all(_near(p, q) for p in self.points[ra] for q in self.points[rb]):
            return False
        agg = self.links[ra].get(rb)
        if agg is None:
            return False
        total, count, bad = agg
        return not bad and total / count > threshold

    def union(self, ra: int, rb: int) -> int:
        if len(self.links[ra]) + len(self.docs[ra]) < len(self.links[rb]) + len(self.docs[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.docs[ra] |= self.docs[rb]
        self.pin[ra] = self.pin[ra] or self.pin[rb]
        self.lo[ra], self.hi[ra] = max(self.lo[ra], self.lo[rb]), min(self.hi[ra], self.hi[rb])
        self.points[ra] = (self.points[ra] + self.points[rb])[:MAX_POINTS]
        moved = self.links[rb]
        self.links[rb] = {}
        self.docs[rb] = set()
        moved.pop(ra, None)
        self.links[ra].pop(rb, None)
        for other, agg in moved.items():
            mine = self.links[ra].setdefault(other, [0.0, 0.0, 0.0])
            theirs = self.links[other]
            back = theirs.pop(rb)
            for k in range(3):
                mine[k] += agg[k]
            into = theirs.setdefault(ra, [0.0, 0.0, 0.0])
            for k in range(3):
                into[k] += back[k]
        return ra


def _near(p: tuple[float, float, float], q: tuple[float, float, float]) -> bool:
    la1, lo1, la2, lo2 = map(math.radians, (p[0], p[1], q[0], q[1]))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h))) <= max(p[2], q[2])


def cluster(
    ids: Sequence[str],
    docs: Sequence[str],
    pairs: np.ndarray,
    scores: np.ndarray,
    conflicts: np.ndarray,
    pins: Sequence[str | None] | None = None,
    threshold: float = 0.0,
    bounds: Bounds | None = None,
) -> tuple[list[int], list[tuple[int, int]]]:
    """Each report's cluster (a representative index) and the pairs that made each join."""
    n = len(ids)
    pins = list(pins) if pins is not None else [None] * n
    cl = _Clusters(n, docs, pins, bounds)
    # 1. analysts' cases
    by_pin: dict[str, int] = {}
    for k, pin in enumerate(pins):
        if pin is None:
            continue
        if pin in by_pin:
            ra, rb = cl.find(by_pin[pin]), cl.find(k)
            if ra != rb:
                cl.union(ra, rb)
        else:
            by_pin[pin] = k
    for (i, j), s, c in zip(pairs.tolist(), scores.tolist(), conflicts.tolist(), strict=True):
        cl.add_pair(i, j, s, c)
    # 2. best pairs first; ties broken by the reports' ids, never by input order
    rank = np.empty(n, dtype=np.int64)
    rank[sorted(range(n), key=ids.__getitem__)] = np.arange(n)
    ra_, rb_ = rank[pairs[:, 0]], rank[pairs[:, 1]]
    lo, hi = np.minimum(ra_, rb_), np.maximum(ra_, rb_)
    order = np.lexsort((hi, lo, -scores))
    order = order[scores[order] > threshold]
    joins: list[tuple[int, int]] = []
    for k in order.tolist():
        i, j = int(pairs[k, 0]), int(pairs[k, 1])
        ra, rb = cl.find(i), cl.find(j)
        # 3. join only where the clusters agree as wholes
        if ra != rb and cl.allowed(ra, rb, threshold):
            cl.union(ra, rb)
            joins.append((i, j))
    return [cl.find(k) for k in range(n)], joins
