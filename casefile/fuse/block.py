"""Blocking: the pairs of reports worth comparing, found without comparing them all.

Two reports are a candidate pair when, cheaply checked on the columns of
:func:`.vector.table` (numpy):

1. they come from different documents (one document's incidents are different acts);
2. their places lie in the same or a neighbouring grid cell (``CELL_DEG`` degrees), or,
   for an oblast or a country, share that area: places without coordinates, or as coarse as
   a country, meet in their country's block;
3. their periods overlap, with ``SLACK_DAYS`` of slack: an undated report's period is the
   ``UNDATED_DAYS`` before its publication; a period is cut to ``MAX_SPAN_DAYS`` from its
   start (a whole year would pair with everything in it);
4. their types are the same or related (``compare.RELATED_TYPES``), and their places are
   within tolerance (``compare.TOLERANCE_KM``).

Each report also meets at most ``MAX_PARTNERS`` reports after it in time, so a city
shelled every day costs a bounded number of comparisons. Pairs are kept as one int64 key
each (``i * n + j``) until the end: a million reports give some eight million pairs, and
a key is a quarter of the memory of a Python tuple's pointer alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np

from casefile.store.view import FusionWindow

from .cluster import Bounds
from .vector import CELL_DEG, MAX_SPAN_DAYS, SLACK_DAYS, UNDATED_DAYS, Table

__all__ = [
    "CELL_DEG",
    "MAX_SPAN_DAYS",
    "SLACK_DAYS",
    "UNDATED_DAYS",
    "bounds",
    "candidate_pairs",
    "windows",
]

MAX_PARTNERS = 200
OWN_CHUNK = 5000


def bounds(t: Table) -> Bounds:
    """What every member of a case must agree with (see :class:`.cluster.Bounds`): the days
    of its dated reports, the publication of its undated ones, its precise places."""
    return Bounds(t.blo, t.bhi, t.points)


def candidate_pairs(t: Table) -> np.ndarray:
    """The candidate pairs, as an ``(m, 2)`` int32 array of rows ``i < j``, sorted."""
    n = len(t.doc)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int32)
    # each key's members: its own rows, and a cell row in its oblast's and country's keys
    rows = np.arange(n, dtype=np.int64)
    cell = t.area >= 0
    member_key = np.concatenate([t.block, t.area[cell], t.nation[cell]])
    member_row = np.concatenate([rows, rows[cell], rows[cell]])
    order = np.argsort(member_key, kind="stable")
    member_row = member_row[order]
    starts = np.searchsorted(member_key[order], np.arange(len(t.keys) + 1))
    del member_key, order
    own_order = np.argsort(t.block, kind="stable")
    own_starts = np.searchsorted(t.block[own_order], np.arange(len(t.keys) + 1))
    code = {key: c for c, key in enumerate(t.keys)}
    found: list[np.ndarray] = []
    for c, key in enumerate(t.keys):
        own_all = own_order[own_starts[c] : own_starts[c + 1]]
        if not len(own_all):
            continue
        near = [code[x] for x in _neighbours(key) if x in code]
        pool = np.unique(np.concatenate([member_row[starts[k] : starts[k + 1]] for k in near]))
        for s in range(0, len(own_all), OWN_CHUNK):  # bounds the memory of a dense block
            pairs = _overlapping(own_all[s : s + OWN_CHUNK], pool, t.t0, t.t1)
            if len(pairs):
                found.append(_kept(pairs, t, n))
    if not found:
        return np.zeros((0, 2), dtype=np.int32)
    keys = np.concatenate(found)
    found.clear()
    keys.sort()  # in place, and duplicates (a pair found from both sides) dropped in place
    if len(keys):
        keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])]
    out = np.empty((len(keys), 2), dtype=np.int32)
    out[:, 0], out[:, 1] = np.divmod(keys, n)
    return out


def _neighbours(key: tuple) -> list[tuple]:
    if key[0] != "cell":
        return [key]
    _, x, y = key
    return [("cell", x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]


def _kept(pairs: np.ndarray, t: Table, n: int) -> np.ndarray:
    """The keys ``i * n + j`` (``i < j``) of the pairs of two documents, related types and
    places within tolerance."""
    a, b = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
    keep = (a != b) & (t.doc[a] != t.doc[b]) & t.related[t.type[a], t.type[b]]
    a, b = a[keep], b[keep]
    km = _haversine(t.lat[a], t.lon[a], t.lat[b], t.lon[b])
    ok = np.isnan(km) | (km <= np.maximum(t.tol[a], t.tol[b]))
    return a[ok] * n + b[ok]


def _overlapping(own: np.ndarray, pool: np.ndarray, t0: np.ndarray, t1: np.ndarray) -> np.ndarray:
    """Pairs (i in own, j in pool) whose periods overlap (with slack), each i meeting at most
    ``MAX_PARTNERS`` of the pool's reports that start at or after its start, and the pairs
    where j starts first found from j's side when j is in own, else here too."""
    order = pool[np.argsort(t0[pool], kind="stable")]
    starts = t0[order]
    # reports of the pool starting within [t0_i - MAX_SPAN - slack, t1_i + slack]
    lo = np.searchsorted(starts, t0[own] - MAX_SPAN_DAYS - SLACK_DAYS, side="left")
    hi = np.searchsorted(starts, t1[own] + SLACK_DAYS, side="right")
    mid = np.searchsorted(starts, t0[own], side="left")
    lo = np.maximum(lo, mid - MAX_PARTNERS)
    hi = np.minimum(hi, mid + MAX_PARTNERS)
    sizes = hi - lo
    total = int(sizes.sum())
    if total == 0:
        return np.zeros((0, 2), dtype=np.int64)
    i = np.repeat(own, sizes)
    offsets = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    j = order[np.repeat(lo, sizes) + offsets]
    overlap = (t0[j] <= t1[i] + SLACK_DAYS) & (t0[i] <= t1[j] + SLACK_DAYS)
    return np.stack([i[overlap], j[overlap]], axis=1)


def _haversine(la1: np.ndarray, lo1: np.ndarray, la2: np.ndarray, lo2: np.ndarray) -> np.ndarray:
    la1, lo1, la2, lo2 = (np.radians(x) for x in (la1, lo1, la2, lo2))
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def windows(t: Table, rows: Iterable[int]) -> list[FusionWindow]:
    """For a store to answer without reading every incident: where and when the reports that
    ``rows`` could pair with lie (more than :func:`candidate_pairs` keeps, never fewer), one
    window per distinct row. A pair needs related types, periods that overlap with slack (an
    undated report's ends at its publication) and a block that meets the row's."""
    out: dict[FusionWindow, None] = {}
    for k in rows:
        types = tuple(sorted(t.type_names[c] for c in np.flatnonzero(t.related[t.type[k]])))
        t0, t1 = int(t.t0[k]), int(t.t1[k])
        if t0 <= SLACK_DAYS:  # neither dated nor published: meets only its like
            first = last = "0000-00-00"
            published = None
        else:
            first, last = _iso(t0 - SLACK_DAYS), _iso(t1 + SLACK_DAYS)
            published = (first, _iso(t1 + SLACK_DAYS + UNDATED_DAYS))
        key = t.keys[t.block[k]]
        w = FusionWindow(types, first, last, published)
        if key[0] == "cell":  # the 3 x 3 cells around, and the coarse reports of its areas
            _, x, y = key
            _, country, area = t.keys[t.area[k]]
            bbox = ((y - 1) * CELL_DEG, (x - 1) * CELL_DEG, (y + 2) * CELL_DEG, (x + 2) * CELL_DEG)
            w = FusionWindow(types, first, last, published, bbox, country, area, coarse=True)
        elif key[0] == "admin1":  # its oblast's coarse reports and settlements
            w = FusionWindow(types, first, last, published, None, key[1], key[2])
        else:  # its country's reports, coarse and fine
            w = FusionWindow(types, first, last, published, None, key[1], country_all=True)
        out[w] = None
    return list(out)


def _iso(day: int) -> str:
    return date.fromordinal(max(1, day)).isoformat()
