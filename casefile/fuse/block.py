"""Blocking: the pairs of reports worth comparing, found without comparing them all.

Two reports are a candidate pair when, cheaply checked on arrays (numpy):

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
shelled every day costs a bounded number of comparisons.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from casefile.compare import RELATED_TYPES, TOLERANCE_KM, _bound, day_range

from .cluster import Bounds
from .report import Report

CELL_DEG = 0.5
SLACK_DAYS = 1
UNDATED_DAYS = 10
MAX_SPAN_DAYS = 62
MAX_PARTNERS = 200
OWN_CHUNK = 5000
_COARSE = ("admin1", "country")


def _periods(reports: Sequence[Report]) -> tuple[np.ndarray, np.ndarray]:
    n = len(reports)
    t0 = np.zeros(n, dtype=np.int64)
    t1 = np.zeros(n, dtype=np.int64)
    for k, r in enumerate(reports):
        rng = day_range(r.incident)
        if rng is None:
            pub = _bound(r.published or "", False)
            rng = (pub - UNDATED_DAYS, pub) if pub is not None else (0, 0)
        t0[k], t1[k] = rng[0], min(rng[1], rng[0] + MAX_SPAN_DAYS)
    return t0, t1


def bounds(reports: Sequence[Report]) -> Bounds:
    """What every member of a case must agree with (see :class:`.cluster.Bounds`): the days
    of its dated reports, the publication of its undated ones, its precise places."""
    n = len(reports)
    lo = np.full(n, -np.inf)
    hi = np.full(n, np.inf)
    points = np.full((n, 3), np.nan)
    for k, r in enumerate(reports):
        rng = day_range(r.incident)
        if rng is not None:
            lo[k], hi[k] = rng
        else:
            pub = _bound(r.published or "", False)
            if pub is not None:
                hi[k] = pub + SLACK_DAYS
        p = r.incident.place
        if (
            p is not None
            and p.lat is not None
            and p.lon is not None
            and p.precision in (None, "settlement", "district")
        ):
            points[k] = (p.lat, p.lon, TOLERANCE_KM.get(p.precision or "settlement", 20.0))
    return Bounds(lo, hi, points)


def _keys(reports: Sequence[Report]) -> tuple[list[tuple], np.ndarray, np.ndarray, np.ndarray]:
    """Each report's block keys (its cell, and its area for coarse places), lat, lon, tol."""
    n = len(reports)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    tol = np.full(n, TOLERANCE_KM["settlement"])
    keys: list[tuple] = []
    for k, r in enumerate(reports):
        p = r.incident.place
        if p is None:
            keys.append(("country", None))
            continue
        tol[k] = TOLERANCE_KM.get(p.precision or "settlement", TOLERANCE_KM["settlement"])
        if p.lat is not None and p.lon is not None:
            lat[k], lon[k] = p.lat, p.lon
        if p.precision == "country" or p.lat is None or p.lon is None:
            keys.append(("country", p.country))
        elif p.precision == "admin1":
            keys.append(("admin1", p.country, p.admin1 or p.name))
        else:
            keys.append(("cell", int(np.floor(p.lat / CELL_DEG)), int(np.floor(p.lon / CELL_DEG))))
    return keys, lat, lon, tol


def _neighbours(key: tuple) -> list[tuple]:
    if key[0] != "cell":
        return [key]
    _, x, y = key
    return [("cell", x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]


def candidate_pairs(reports: Sequence[Report]) -> np.ndarray:
    """The candidate pairs, as an ``(m, 2)`` array of indices ``i < j`` into ``reports``."""
    n = len(reports)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    t0, t1 = _periods(reports)
    keys, lat, lon, tol = _keys(reports)
    # a settlement also meets the coarse reports of its oblast and country
    primary: dict[tuple, list[int]] = {}
    members: dict[tuple, list[int]] = {}
    for k, key in enumerate(keys):
        primary.setdefault(key, []).append(k)
        members.setdefault(key, []).append(k)
        p = reports[k].incident.place
        if key[0] == "cell" and p is not None:
            members.setdefault(("admin1", p.country, p.admin1), []).append(k)
            members.setdefault(("country", p.country), []).append(k)
    arrays = {key: np.asarray(v, dtype=np.int64) for key, v in members.items()}
    doc_codes = _codes([r.document for r in reports])
    type_codes, related = _type_table([r.incident.type for r in reports])
    found: list[np.ndarray] = []
    for key, own_list in primary.items():
        near = [arrays[k] for k in _neighbours(key) if k in arrays]
        pool = np.unique(np.concatenate(near))
        for s in range(0, len(own_list), OWN_CHUNK):  # bounds the memory of a dense block
            own = np.asarray(own_list[s : s + OWN_CHUNK], dtype=np.int64)
            pairs = _overlapping(own, pool, t0, t1)
            if len(pairs):
                found.append(_kept(pairs, doc_codes, type_codes, related, lat, lon, tol))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def _kept(
    pairs: np.ndarray,
    doc_codes: np.ndarray,
    type_codes: np.ndarray,
    related: np.ndarray,
    lat: np.ndarray,
    lon: np.ndarray,
    tol: np.ndarray,
) -> np.ndarray:
    """Pairs ordered ``i < j``, of two documents, related types, places within tolerance."""
    a, b = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
    keep = (a != b) & (doc_codes[a] != doc_codes[b]) & related[type_codes[a], type_codes[b]]
    a, b = a[keep], b[keep]
    km = _haversine(lat[a], lon[a], lat[b], lon[b])
    ok = np.isnan(km) | (km <= np.maximum(tol[a], tol[b]))
    return np.stack([a[ok], b[ok]], axis=1)


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


def _codes(values: Sequence[str]) -> np.ndarray:
    index: dict[str, int] = {}
    return np.fromiter((index.setdefault(v, len(index)) for v in values), np.int64, len(values))


def _type_table(types: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    index: dict[str, int] = {}
    codes = np.fromiter((index.setdefault(t, len(index)) for t in types), np.int64, len(types))
    names = list(index)
    related = np.array(
        [[a == b or frozenset({a, b}) in RELATED_TYPES for b in names] for a in names], dtype=bool
    )
    return codes, related


def _haversine(la1: np.ndarray, lo1: np.ndarray, la2: np.ndarray, lo2: np.ndarray) -> np.ndarray:
    la1, lo1, la2, lo2 = (np.radians(x) for x in (la1, lo1, la2, lo2))
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(h)))
