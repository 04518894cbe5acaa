"""The match: each candidate pair scored by the shared features of :mod:`casefile.compare`.

:func:`score_pairs` scores many pairs at once on arrays (:mod:`.vector`); it gives what
:func:`score_one_by_one`, the reference, gives by calling :func:`casefile.compare.compare`
for each pair (a test holds them equal). Scores are kept as arrays; each feature's
contribution is computed again, by :func:`explain`, only for the pairs that joined a case.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from casefile.compare import WEIGHTS, Comparison, Weights, compare

from . import vector
from .report import Report


def score_pairs(
    reports: Sequence[Report], pairs: np.ndarray, weights: Weights = WEIGHTS
) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's score and whether it holds a hard conflict (dates, places, victims)."""
    return vector.score_pairs(vector.table(reports), pairs, weights)


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
    """Why two reports were joined (or not): each feature's weighted contribution."""
    return compare(a.side, b.side, weights)
