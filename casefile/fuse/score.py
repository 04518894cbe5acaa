"""The match: each candidate pair scored by the shared features of :mod:`casefile.compare`.

:func:`score_pairs` scores many pairs at once on arrays (:mod:`.vector`); it gives what
:func:`score_one_by_one`, the reference, gives by calling :func:`casefile.compare.compare`
for each pair (a test holds them equal). Scores are kept as arrays; each feature's
contribution is computed again, by :func:`explain`, only for the pairs that joined a case.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from casefile.compare import WEIGHTS, Comparison, Side, Weights, compare

from . import vector
from .report import Report
from .vector import Table


def score_pairs(
    t: Table, pairs: np.ndarray, weights: Weights = WEIGHTS
) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's score and whether it holds a hard conflict (dates, places, victims), from
    the reports' columns (:func:`.vector.table`)."""
    return vector.score_pairs(t, pairs, weights)


def score_one_by_one(
    reports: Sequence[Report], pairs: np.ndarray, weights: Weights = WEIGHTS
) -> tuple[np.ndarray, np.ndarray]:
    """The same as :func:`score_pairs`, one :func:`compare` call a pair (the reference)."""
    scores = np.empty(len(pairs), dtype=np.float64)
    conflicts = np.zeros(len(pairs), dtype=bool)
    for k, (i, j) in enumerate(pairs.tolist()):
        c = compare(reports[i].side, reports[j].side, weights)
        scores[k] = c.score
        conflicts[k] = c.conflict
    return scores, conflicts


def explain(a: Report, b: Report, weights: Weights = WEIGHTS) -> Comparison:
    """Why two reports were joined (or not): each feature's weighted contribution. Compared
    on copies of the reports' sides, so no report keeps the word set compare() caches
    (across a million reports those sets would weigh more than the reports)."""
    return compare(_uncached(a.side), _uncached(b.side), weights)


def _uncached(side: Side) -> Side:
    return Side(side.incident, side.published, side.text, side.contrast, side.common)
