"""Clustering scored pairs into cases without chaining A-B-C where A and C conflict.

Greedy correlation clustering with cannot-links, in numbered steps:

1. analysts' cases come first: reports an analyst put in one case start as one cluster
   (must-link); two analysts' cases never join (an analyst decides that);
2. pairs are taken best score first (ties by the reports' ids, so the order of input does
   not matter); a pair with a score above ``threshold`` proposes joining its two clusters;
3. the join is made only where, between the two clusters, no compared pair holds a hard
   conflict, no two reports come from one document, and the compared pairs' mean score is
   above ``threshold`` (average link: evidence against counts as much as evidence for);
   and, over every member, not only the compared ones: the dates still share a day
   (an undated report bounds it by its publication) and the precise places still lie
   within tolerance of one another (:class:`Bounds`).

The pairs between two clusters are summed when a join is proposed, from the smaller
cluster's side (each report's pairs kept as a sorted adjacency array), and a cluster's
members merge small into large, so a run costs about the pairs times a log.
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
    """The clusters as arrays; lists only for clusters of several reports (a list per report
    for a million reports would weigh hundreds of megabytes)."""

    def __init__(
        self,
        n: int,
        docs: np.ndarray,
        pins: Sequence[str | None],
        bounds: Bounds | None,
        adjacency: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    ) -> None:
        self.root = np.arange(n, dtype=np.int32)  # each report's cluster, small into large
        self.merged: dict[int, list[int]] = {}  # the members of clusters of several reports
        self.lo = bounds.lo.astype(np.float64) if bounds else np.full(n, -math.inf)
        self.hi = bounds.hi.astype(np.float64) if bounds else np.full(n, math.inf)
        self.bounds_points = bounds.points if bounds else np.full((n, 3), np.nan)
        # the precise places of clusters of several reports (a singleton's are in bounds_points)
        self.merged_points: dict[int, list[tuple[float, float, float]]] = {}
        self.doc = docs  # each report's document, as a code
        self.merged_docs: dict[int, list[int]] = {}
        self.pin: dict[int, str] = {k: p for k, p in enumerate(pins) if p is not None}
        self.start, self.other, self.score, self.bad = adjacency

    def members(self, r: int) -> list[int]:
        return self.merged.get(r) or [r]

    def docs(self, r: int) -> list[int]:
        return self.merged_docs.get(r) or [int(self.doc[r])]

    def points(self, r: int) -> list[tuple[float, float, float]]:
        if r in self.merged_points:
            return self.merged_points[r]
        lat, lon, tol = self.bounds_points[r].tolist()
        return [] if math.isnan(lat) else [(lat, lon, tol)]

    def find(self, x: int) -> int:
        return int(self.root[x])

    def between(self, ra: int, rb: int) -> tuple[float, int, bool]:
        """Sum and number of the compared pairs between two clusters, and any conflict."""
        ma, mb = self.members(ra), self.members(rb)
        if len(ma) > len(mb):
            ra, rb, ma = rb, ra, mb
        if len(ma) == 1:
            idx = np.arange(self.start[ma[0]], self.start[ma[0] + 1])
        else:
            idx = np.concatenate([np.arange(self.start[m], self.start[m + 1]) for m in ma])
        hit = idx[self.root[self.other[idx]] == rb]
        return float(self.score[hit].sum()), len(hit), bool(self.bad[hit].any())

    def allowed(self, ra: int, rb: int, threshold: float) -> bool:
        pa, pb = self.pin.get(ra), self.pin.get(rb)
        if pa is not None and pb is not None and pa != pb:
            return False
        if max(self.lo[ra], self.lo[rb]) > min(self.hi[ra], self.hi[rb]):
            return False
        small, large = sorted((self.docs(ra), self.docs(rb)), key=len)
        if not set(large).isdisjoint(small):
            return False
        pa_, pb_ = self.points(ra), self.points(rb)
        if not all(_near(p, q) for p in pa_ for q in pb_):
            return False
        total, count, bad = self.between(ra, rb)
        return count > 0 and not bad and total / count > threshold

    def union(self, ra: int, rb: int) -> int:
        if len(self.members(ra)) < len(self.members(rb)):
            ra, rb = rb, ra
        moved = self.members(rb)
        self.root[moved] = ra
        self.merged[ra] = self.members(ra) + moved
        self.merged.pop(rb, None)
        self.merged_docs[ra] = self.docs(ra) + self.docs(rb)
        self.merged_docs.pop(rb, None)
        pin = self.pin.get(ra) or self.pin.pop(rb, None)
        if pin is not None:
            self.pin[ra] = pin
        self.lo[ra], self.hi[ra] = max(self.lo[ra], self.lo[rb]), min(self.hi[ra], self.hi[rb])
        self.merged_points[ra] = (self.points(ra) + self.points(rb))[:MAX_POINTS]
        self.merged_points.pop(rb, None)
        return ra


def _near(p: tuple[float, float, float], q: tuple[float, float, float]) -> bool:
    la1, lo1, la2, lo2 = map(math.radians, (p[0], p[1], q[0], q[1]))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h))) <= max(p[2], q[2])


def _adjacency(
    n: int, pairs: np.ndarray, scores: np.ndarray, conflicts: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each report's pairs, both ways: offsets (n + 1), the other report, score, conflict."""
    src = np.concatenate([pairs[:, 0], pairs[:, 1]]).astype(np.int32)
    order = np.argsort(src, kind="stable")
    start = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=start[1:])
    del src
    m = len(pairs)
    # position k of the doubled list is pair k % m, seen from its first (k < m) or second side
    second = order >= m
    order[second] -= m  # in place: now each position's pair
    other = pairs[order, 1].astype(np.int32)
    other[second] = pairs[order[second], 0]
    del second
    return start, other, scores[order], conflicts[order]


def cluster(
    ids: Sequence[str],
    docs: Sequence[str] | np.ndarray,
    pairs: np.ndarray,
    scores: np.ndarray,
    conflicts: np.ndarray,
    pins: Sequence[str | None] | None = None,
    threshold: float = 0.0,
    bounds: Bounds | None = None,
) -> tuple[list[int], list[tuple[int, int]]]:
    """Each report's cluster (a representative index) and the pairs that made each join."""
    n = len(ids)
    pairs = np.asarray(pairs).reshape(-1, 2)
    if not np.issubdtype(pairs.dtype, np.integer):
        pairs = pairs.astype(np.int64)
    pins = list(pins) if pins is not None else [None] * n
    cl = _Clusters(n, _doc_codes(docs), pins, bounds, _adjacency(n, pairs, scores, conflicts))
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
    # 2. best pairs first; ties broken by the reports' ids, never by input order
    rank = np.empty(n, dtype=np.int32)
    rank[sorted(range(n), key=ids.__getitem__)] = np.arange(n, dtype=np.int32)
    ra_, rb_ = rank[pairs[:, 0]], rank[pairs[:, 1]]
    lo, hi = np.minimum(ra_, rb_), np.maximum(ra_, rb_)
    del ra_, rb_, rank
    order = np.lexsort((hi, lo, -scores))
    del lo, hi
    order = order[scores[order] > threshold]
    joins: list[tuple[int, int]] = []
    for s in range(0, len(order), 100_000):  # as lists in slices: 7 million pairs would be 1 GB
        for i, j in pairs[order[s : s + 100_000]].tolist():
            ra, rb = cl.find(i), cl.find(j)
            # 3. join only where the clusters agree as wholes
            if ra != rb and cl.allowed(ra, rb, threshold):
                cl.union(ra, rb)
                joins.append((i, j))
    return cl.root.tolist(), joins


def _doc_codes(docs: Sequence[str] | np.ndarray) -> np.ndarray:
    """Documents as integer codes (equal documents, equal codes)."""
    if isinstance(docs, np.ndarray) and np.issubdtype(docs.dtype, np.integer):
        return docs
    index: dict[str, int] = {}
    return np.fromiter((index.setdefault(d, len(index)) for d in docs), np.int64, len(docs))
