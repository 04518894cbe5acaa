"""Statistics across documents: series per measure and body, breakdowns checked, bodies apart.

1. a *measure* is what is counted (``counted``, ``category``); a *series* is one body's
   (``by``) figures of one measure over time (``as_of``, else the period's end);
2. a *breakdown* is a set of figures of one document, measure and body whose periods lie
   inside a total's period and add up to it (57 + 11 + 149 + 51 = 268): its parts are kept
   beside the total, never read as a "decrease" of the series;
3. a series flags a decrease where a later total is lower than an earlier one;
4. different bodies' figures for one measure are shown side by side, never merged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from casefile.model import Statistic

# The most parts a breakdown is searched for (subsets of a document's figures).
MAX_PARTS = 8


@dataclass
class Figure:
    statistic: Statistic
    document: str  # the document's name

    @property
    def when(self) -> str:
        s = self.statistic
        return s.as_of or (s.period.end if s.period else None) or ""


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


@dataclass
class Series:
    measure: tuple[str, str]  # (counted, category)
    body: str
    figures: list[Figure] = field(default_factory=list)  # totals, in time order
    breakdowns: list[Breakdown] = field(default_factory=list)
    decreases: list[tuple[Figure, Figure]] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {
            "counted": self.measure[0],
            "category": self.measure[1],
            "by": self.body,
            "figures": [
                {"value": f.statistic.value, "as_of": f.when, "document": f.document}
                for f in self.figures
            ],
            "breakdowns": [b.to_record() for b in self.breakdowns],
            "decreases": [[a.statistic.value, b.statistic.value] for a, b in self.decreases],
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


def series(figures: Sequence[Figure]) -> list[Series]:
    """Every (measure, body) series, breakdowns set apart and decreases flagged (steps 1-3)."""
    groups: dict[tuple[str, str, str], list[Figure]] = {}
    for f in figures:
        s = f.statistic
        groups.setdefault((s.counted, s.category, s.by or "unknown"), []).append(f)
    out = []
    for (counted, category, body), group in sorted(groups.items()):
        ser = Series((counted, category), body)
        parts: set[int] = set()
        for doc in sorted({f.document for f in group}):
            for b in breakdowns([f for f in group if f.document == doc]):
                ser.breakdowns.append(b)
                parts |= {id(p) for p in b.parts}
        ser.figures = sorted((f for f in group if id(f) not in parts), key=lambda f: f.when)
        ser.decreases = [
            (a, b)
            for a, b in zip(ser.figures, ser.figures[1:], strict=False)
            if b.statistic.value < a.statistic.value and b.when > a.when
        ]
        out.append(ser)
    return out


def side_by_side(all_series: Sequence[Series]) -> dict[tuple[str, str], dict[str, Series]]:
    """Each measure's series by body (step 4): one row per measure, one column per body."""
    out: dict[tuple[str, str], dict[str, Series]] = {}
    for s in all_series:
        out.setdefault(s.measure, {})[s.body] = s
    return out
