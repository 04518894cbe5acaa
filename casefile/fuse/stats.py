"""Breakdowns: figures of one document that add up to another of its figures.

A *breakdown* is a set of figures of one document, measure (``counted``, ``category``) and
body (``by``) whose periods lie inside a total's period and add up to it (57 + 11 + 149 +
51 = 268). :mod:`casefile.figures` keeps the parts beside their total, out of the series,
so a part is never read as a "decrease" of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from casefile.model import Statistic

# The most parts a breakdown is searched for (subsets of a document's figures).
MAX_PARTS = 8


@dataclass
class Figure:
    statistic: Statistic
    document: str  # the document's name


@dataclass
class Breakdown:
    total: Figure
    parts: list[Figure]

    def to_record(self) -> dict[str, Any]:
        return {
            "total": self.total.statistic.value,
            "parts": [p.statistic.value for p in self.parts],
            "document": self.total.document,
        }


def breakdowns(figures: Sequence[Figure]) -> list[Breakdown]:
    """The breakdowns among one document's figures of one measure and body (step 2)."""
    out = []
    for total in sorted(figures, key=lambda f: -f.statistic.value):
        rest = [f for f in figures if f is not total and _inside(f, total)]
        rest = rest[:MAX_PARTS]
        for size in range(2, len(rest) + 1):
            found = next(
                (
                    c
                    for c in combinations(rest, size)
                    if sum(f.statistic.value for f in c) == total.statistic.value
                ),
                None,
            )
            if found:
                out.append(Breakdown(total, list(found)))
                break
    return out


def _inside(part: Figure, total: Figure) -> bool:
    p, t = part.statistic.period, total.statistic.period
    if t is None or p is None:
        return True
    return (t.start or "") <= (p.start or t.start or "") and (p.end or "") <= (t.end or "9999")
