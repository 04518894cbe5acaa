"""The match: each candidate pair scored by the shared features of :mod:`casefile.compare`.

Scores are kept as arrays (a million reports give millions of pairs); the contributions of
each feature are computed again, by :func:`explain`, only for the pairs that joined a case.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from casefile.compare import WEIGHTS, Comparison, Weights, compare

from .report import Report


def score_pairs(
    reports: Sequence[Report], pairs: np.ndarray, weights: Weights = WEIGHTS
) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's score and whether it holds a hard conflict (dates, places, victims)."""
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
