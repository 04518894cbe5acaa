"""The features of :mod:`casefile.compare` over arrays: millions of pairs scored at once.

:func:`casefile.compare.compare` is the reference, one pair at a time, with each feature's
contribution; this module computes the same scores for many pairs with numpy (a test holds
the two equal on random pairs). Only perpetrator names are compared in Python, and only for
the pairs where both reports name someone beyond a whole force.

:func:`table` reads the reports once, into the columns that blocking (:mod:`.block`), the
clustering's bounds and every feature read: fusion keeps no Python object per report
beside the reports themselves (a million of them would weigh gigabytes).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from casefile.compare import (
    _PRECISION_RANK,
    RECENT_DAYS,
    RELATED_TYPES,
    TOLERANCE_KM,
    WEIGHTS,
    Side,
    Weights,
    _bound,
    _content_words,
    _figures,
    _has_cue,
    _place_key,
    day_range,
    perp_names,
    same_name,
)
from casefile.model import Place

from .report import Report

# Pairs scored per numpy step (bounds the memory of the word comparison).
CHUNK = 20_000
# Blocking: the grid's cell, in degrees; an undated report's period before its publication;
# the longest period kept (a whole year would pair with everything in it); the days of slack.
CELL_DEG = 0.5
UNDATED_DAYS = 10
MAX_SPAN_DAYS = 62
SLACK_DAYS = 1
# Places precise enough to bound a whole case (a cluster's members must all lie near them).
_PRECISE = (None, "settlement", "district")


@dataclass
class Table:
    """Reports as columns: what every feature reads, one row per report."""

    lo: np.ndarray  # first day (ordinal), NaN where undated
    hi: np.ndarray
    pub: np.ndarray  # the report's last possible day of publication, NaN where unknown
    has_place: np.ndarray  # bool
    lat: np.ndarray  # NaN where the place has no coordinates
    lon: np.ndarray
    tol: np.ndarray  # km
    coarse: np.ndarray  # bool: an oblast or a country
    precision: np.ndarray  # code of the precision string (None is a code too)
    place_key: np.ndarray  # code of the place's folded name
    type: np.ndarray  # code
    type_fit: np.ndarray  # (types, types) the value of type_fit
    category: np.ndarray  # code, -1 unknown
    fmin: np.ndarray  # victims' figures, NaN where none
    fmax: np.ndarray
    perps: dict[int, list[str]]  # the names that tell acts apart, of the rows that have any
    named: np.ndarray  # bool: the row is in perps
    words: np.ndarray  # (n, L) int32 word codes, padded with -1 - row (never equal across rows)
    nwords: np.ndarray
    cue: np.ndarray  # bool: the passage holds a contrast cue
    # blocking and bounds
    doc: np.ndarray  # int32 code of the document
    related: np.ndarray  # (types, types) bool: the same or related types
    t0: np.ndarray  # int64 the period blocking compares (undated: before publication)
    t1: np.ndarray
    block: np.ndarray  # int32 code of the row's block key (see block.py)
    area: np.ndarray  # int32 code of a cell row's oblast key, -1 for other rows
    nation: np.ndarray  # int32 code of a cell row's country key, -1 for other rows
    keys: list[tuple]  # the block keys, by code
    type_names: list[str]  # the types, by code
    blo: np.ndarray  # the days an act can lie in (-inf/inf where unbounded)
    bhi: np.ndarray
    points: np.ndarray  # (n, 3) lat, lon, tolerance of a precise place, NaN otherwise


def table(reports: Sequence[Report]) -> Table:
    """The columns of ``reports``."""
    n = len(reports)
    lo, hi, pub = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    has_place = np.zeros(n, bool)
    lat, lon = np.full(n, np.nan), np.full(n, np.nan)
    tol, coarse = np.full(n, TOLERANCE_KM["settlement"]), np.zeros(n, bool)
    precision, place_key = np.zeros(n, np.int32), np.zeros(n, np.int32)
    types, category = np.zeros(n, np.int32), np.full(n, -1, np.int32)
    fmin, fmax = np.full(n, np.nan), np.full(n, np.nan)
    cue = np.zeros(n, bool)
    doc = np.zeros(n, np.int32)
    block, area, nation = np.zeros(n, np.int32), np.full(n, -1, np.int32), np.full(n, -1, np.int32)
    precise = np.zeros(n, bool)
    codes: dict[object, int] = {}
    type_codes: dict[str, int] = {}
    word_codes: dict[str, int] = {}
    doc_codes: dict[str, int] = {}
    key_codes: dict[tuple, int] = {}
    perps: dict[int, list[str]] = {}
    flat = array("i")  # every report's word codes, one after another (int32: half the memory)
    nwords = np.zeros(n, np.int32)
    for k, r in enumerate(reports):
        inc, side = r.incident, r.side
        rng = day_range(inc)
        if rng is not None:
            lo[k], hi[k] = rng
        if side.published:
            b = _bound(side.published, False)
            pub[k] = np.nan if b is None else b
        doc[k] = doc_codes.setdefault(r.document, len(doc_codes))
        p = inc.place
        if p is not None:
            has_place[k] = True
            if p.lat is not None and p.lon is not None:
                lat[k], lon[k] = p.lat, p.lon
            tol[k] = TOLERANCE_KM.get(p.precision or "settlement", 20.0)
            coarse[k] = _PRECISION_RANK.get(p.precision or "settlement", 0) >= 2
            precision[k] = codes.setdefault(("precision", p.precision), len(codes))
            place_key[k] = codes.setdefault(("place", _place_key(p.name)), len(codes))
            precise[k] = p.precision in _PRECISE
        key, cell = _block_key(p)
        block[k] = key_codes.setdefault(key, len(key_codes))
        if cell and p is not None:  # a settlement also meets its oblast's and country's
            area[k] = key_codes.setdefault(("admin1", p.country, p.admin1), len(key_codes))
            nation[k] = key_codes.setdefault(("country", p.country), len(key_codes))
        types[k] = type_codes.setdefault(inc.type, len(type_codes))
        if inc.victim_category and inc.victim_category != "unknown":
            category[k] = codes.setdefault(("category", inc.victim_category), len(codes))
        f = _figures(inc)
        if f:
            fmin[k], fmax[k] = f
        named = perp_names(side)
        if named:
            perps[k] = named
        # words: the cached set where compare() made one, else made here and not kept
        bag = side._words if side._words is not None else _words_of(side)
        flat.extend(word_codes.setdefault(w, len(word_codes)) for w in bag)
        nwords[k] = len(bag)
        text = side.text.casefold()
        cue[k] = any(_has_cue(text, c) for c in side.contrast)
    names = list(type_codes)
    type_fit = np.array(
        [
            [1.0 if a == b else RELATED_TYPES.get(frozenset({a, b}), -1.0) for b in names]
            for a in names
        ]
    ).reshape(len(names), len(names))
    related = np.array(
        [[a == b or frozenset({a, b}) in RELATED_TYPES for b in names] for a in names], dtype=bool
    ).reshape(len(names), len(names))
    width = max(int(nwords.max(initial=0)), 1)
    # padded rows: a report's words, then -1 - its row (padding never equals a word)
    words = np.repeat(-1 - np.arange(n, dtype=np.int32)[:, None], width, axis=1)
    codes_of = np.frombuffer(flat, dtype=np.int32)
    ends = np.cumsum(nwords)
    for start in range(0, n, 65536):  # in slices: the row and column indices stay small
        stop = min(n, start + 65536)
        sizes = nwords[start:stop]
        rows = np.repeat(np.arange(start, stop, dtype=np.int32), sizes)
        first = ends[start] - nwords[start]
        cols = np.arange(len(rows), dtype=np.int64) - np.repeat(
            ends[start:stop] - sizes - first, sizes
        )
        words[rows, cols] = codes_of[first : first + len(rows)]
    del flat, codes_of
    named_rows = np.zeros(n, bool)
    named_rows[list(perps)] = True
    t0, t1 = _periods(lo, hi, pub)
    with np.errstate(invalid="ignore"):
        blo = np.where(np.isnan(lo), -np.inf, lo)
        bhi = np.where(np.isnan(hi), np.where(np.isnan(pub), np.inf, pub + SLACK_DAYS), hi)
    points = np.full((n, 3), np.nan)
    where = precise & ~np.isnan(lat) & ~np.isnan(lon)
    points[where] = np.stack([lat[where], lon[where], tol[where]], axis=1)
    return Table(lo, hi, pub, has_place, lat, lon, tol, coarse, precision, place_key, types,
                 type_fit, category, fmin, fmax, perps, named_rows, words, nwords, cue,
                 doc, related, t0, t1, block, area, nation, list(key_codes), names, blo, bhi,
                 points)  # fmt: skip


def _block_key(p: Place | None) -> tuple[tuple, bool]:
    """A row's block key, and whether it is a grid cell: places without coordinates, or as
    coarse as a country, meet in their country's block; an oblast in its oblast's."""
    if p is None:
        return ("country", None), False
    if p.precision == "country" or p.lat is None or p.lon is None:
        return ("country", p.country), False
    if p.precision == "admin1":
        return ("admin1", p.country, p.admin1 or p.name), False
    return ("cell", int(np.floor(p.lat / CELL_DEG)), int(np.floor(p.lon / CELL_DEG))), True


def _periods(lo: np.ndarray, hi: np.ndarray, pub: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The periods blocking compares: the act's days, an undated act's ``UNDATED_DAYS``
    before its publication (day 0 where neither is known), cut to ``MAX_SPAN_DAYS``."""
    dated = ~np.isnan(lo)
    known = ~np.isnan(pub)
    t0 = np.where(dated, lo, np.where(known, pub - UNDATED_DAYS, 0.0))
    t1 = np.where(dated, hi, np.where(known, pub, 0.0))
    t0, t1 = np.nan_to_num(t0).astype(np.int64), np.nan_to_num(t1).astype(np.int64)
    return t0, np.minimum(t1, t0 + MAX_SPAN_DAYS)


def _words_of(side: Side) -> frozenset[str]:
    return frozenset(_content_words(side.incident.summary + " " + side.text))


def score_pairs(
    t: Table, pairs: np.ndarray, weights: Weights = WEIGHTS
) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's score and whether it holds a hard conflict, as compare() gives them."""
    scores = np.empty(len(pairs))
    conflicts = np.zeros(len(pairs), bool)
    for s in range(0, len(pairs), CHUNK):
        i, j = pairs[s : s + CHUNK, 0], pairs[s : s + CHUNK, 1]
        total = np.full(len(i), weights.get("bias", 0.0))
        bad = np.zeros(len(i), bool)
        for name, func in FEATURES.items():
            w = weights.get(name, 0.0)
            value, conflict = func(t, i, j)
            if w:
                total += w * value
            if conflict is not None:
                bad |= conflict
        scores[s : s + CHUNK] = total
        conflicts[s : s + CHUNK] = bad
    return scores, conflicts


def _date(t: Table, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    da, db = ~np.isnan(t.lo[i]), ~np.isnan(t.lo[j])
    out = np.zeros(len(i))
    # both dated
    both = da & db
    lo, hi = np.fmax(t.lo[i], t.lo[j]), np.fmin(t.hi[i], t.hi[j])
    wide = np.fmax(t.hi[i] - t.lo[i], t.hi[j] - t.lo[j]) + 1
    with np.errstate(invalid="ignore"):
        out = np.where(both & (hi < lo), -1.0, out)
        out = np.where(both & (hi >= lo), (hi - lo + 1) / wide, out)
    # one dated: the other's publication bounds it
    one = da ^ db
    dlo = np.where(da, t.lo[i], t.lo[j])
    dhi = np.where(da, t.hi[i], t.hi[j])
    pub = np.where(da, t.pub[j], t.pub[i])
    with np.errstate(invalid="ignore"):
        v = np.where(
            dlo > pub + 1,
            -1.0,
            np.where(
                dhi >= pub - RECENT_DAYS,
                np.where(dhi - dlo < 2, 0.6, 0.2),
                np.where(dhi >= pub - 30, 0.0, -0.3),
            ),
        )
    v = np.where(np.isnan(pub), 0.0, v)
    out = np.where(one, v, out)
    # neither: the reports' dates
    gap = np.abs(t.pub[i] - t.pub[j])
    with np.errstate(invalid="ignore"):
        v = np.where(gap <= 1, 0.4, np.where(gap <= 7, 0.1, -0.4))
    v = np.where(np.isnan(gap), 0.0, v)
    out = np.where(~da & ~db, v, out)
    with np.errstate(invalid="ignore"):
        conflict = both & (np.fmin(t.hi[i], t.hi[j]) < np.fmax(t.lo[i], t.lo[j]))
    return out, conflict


def _km(t: Table, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    la1, lo1, la2, lo2 = (np.radians(x) for x in (t.lat[i], t.lon[i], t.lat[j], t.lon[j]))
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def _place(t: Table, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    both = t.has_place[i] & t.has_place[j]
    km = _km(t, i, j)
    tol = np.fmax(t.tol[i], t.tol[j])
    coarse = t.coarse[i] | t.coarse[j]
    same_prec = t.precision[i] == t.precision[j]
    with np.errstate(invalid="ignore"):
        v = np.where(
            km > tol,
            -1.0,
            np.where(coarse, np.where(same_prec & (km < tol / 4), 0.3, 0.1), 1.0 - 0.5 * km / tol),
        )
        by_name = np.where(t.place_key[i] == t.place_key[j], 1.0, 0.0)
        v = np.where(np.isnan(km), by_name, v)
        conflict = both & ~np.isnan(km) & (km > tol)
    return np.where(both, v, 0.0), conflict


def _type(t: Table, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, None]:
    return t.type_fit[t.type[i], t.type[j]], None


def _victims(t: Table, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ca, cb = t.category[i], t.category[j]
    known = (ca >= 0) & (cb >= 0)
    v = np.where(known, np.where(ca == cb, 1.0, -1.0), 0.0)
    return v, v < 0


def _count(t: Table, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, None]:
    a0, a1, b0, b1 = t.fmin[i], t.fmax[i], t.fmin[j], t.fmax[j]
    known = ~np.isnan(a0) & ~np.isnan(b0)
    with np.errstate(invalid="ignore"):
        overlap = (a0 <= b1) & (b0 <= a1)
        a_low = a1 < b0
        ratio = np.where(a_low, (a1 + 1) / (b0 + 1), (b1 + 1) / (a0 + 1))
        pa, pb = t.pub[i], t.pub[j]
        ordered = ~np.isnan(pa) & ~np.isnan(pb) & (pa != pb)
        later_higher = a_low == (pb > pa)
        v = np.where(
            ordered,
            np.where(later_higher, 0.5 * ratio, np.where(ratio < 0.5, -0.5, 0.0)),
            np.where(ratio >= 0.5, 0.3 * ratio, -0.3),
        )
    return np.where(known, np.where(overlap, 1.0, v), 0.0), None


def _perpetrators(t: Table, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, None]:
    out = np.zeros(len(i))
    for k in np.flatnonzero(t.named[i] & t.named[j]):
        na, nb = t.perps[i[k]], t.perps[j[k]]
        out[k] = 1.0 if any(same_name(x, y) for x in na for y in nb) else -0.5
    return out, None


def _text(t: Table, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, None]:
    # words in common: sort both rows' words together; a word in both sits twice in a row
    # (each side's words are distinct, and padding is negative)
    both = np.sort(np.concatenate([t.words[i], t.words[j]], axis=1), axis=1)
    common = ((both[:, 1:] == both[:, :-1]) & (both[:, 1:] >= 0)).sum(axis=1)
    union = t.nwords[i] + t.nwords[j] - common
    with np.errstate(invalid="ignore", divide="ignore"):
        v = np.minimum(1.0, 3.0 * common / union)
    return np.where((t.nwords[i] > 0) & (t.nwords[j] > 0), v, 0.0), None


def _contrast(t: Table, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, None]:
    return np.where(t.cue[i] | t.cue[j], -1.0, 0.0), None


FEATURES = {
    "date": _date,
    "place": _place,
    "type": _type,
    "victims": _victims,
    "count": _count,
    "perpetrators": _perpetrators,
    "text": _text,
    "contrast": _contrast,
}
