"""Aggregate figures as series over time, and the conflicts between them.

A *series* is every stored figure that counts the same thing (``counted``, ``category``) by the
same source (``by``), ordered by the date it holds for (``as_of``, else the end of its period,
else the document's publication). Two kinds of conflict are flagged:

- ``same_date``: figures of one series for the same date that differ;
- ``decrease``: a later figure of a cumulative series lower than an earlier one (totals such
  as "POWs executed since 2022" do not go down; a drop means a misreading or a correction).

The parts of a breakdown (figures of one document that add up to another of its figures,
:func:`casefile.fuse.stats.breakdowns`) are kept beside their total, out of the series, so
they are never read as a decrease. Different bodies' series of one measure are shown side by
side (:func:`side_by_side`), never merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .fuse.stats import Figure, breakdowns
from .store.view import StoredStatistic


@dataclass
class Point:
    date: str | None
    value: int
    statistic: str
    document: str
    document_id: str

    def to_record(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "value": self.value,
            "statistic": self.statistic,
            "document": self.document,
            "document_id": self.document_id,
        }


@dataclass
class Series:
    counted: str
    category: str
    by: str | None
    points: list[Point] = field(default_factory=list)
    breakdowns: list[dict[str, Any]] = field(default_factory=list)  # total, parts, document

    @property
    def key(self) -> str:
        return f"{self.counted}/{self.category}/{self.by or 'unattributed'}"

    def to_record(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "counted": self.counted,
            "category": self.category,
            "by": self.by,
            "points": [p.to_record() for p in self.points],
            "breakdowns": list(self.breakdowns),
        }


@dataclass
class Conflict:
    kind: str  # same_date | decrease
    series: str
    message: str
    points: list[Point]

    def to_record(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "series": self.series,
            "message": self.message,
            "points": [p.to_record() for p in self.points],
        }


def series_of(figures: list[StoredStatistic]) -> list[Series]:
    """Figures grouped into series, each ordered by date (undated last)."""
    out: dict[tuple[str, str, str | None], Series] = {}
    parts = _breakdown_parts(figures, out)
    for f in figures:
        if f.id in parts:
            continue
        s = f.statistic
        date = s.as_of or (s.period.end if s.period else None) or f.published
        key = (s.counted, s.category, s.by)
        out.setdefault(key, Series(*key)).points.append(
            Point(date, s.value, f.id, f.document_name, f.document_id)
        )
    for series in out.values():
        series.points.sort(key=lambda p: (p.date is None, p.date or "", p.value))
    return sorted(out.values(), key=lambda s: (-len(s.points), s.key))


def _breakdown_parts(
    figures: list[StoredStatistic], out: dict[tuple[str, str, str | None], Series]
) -> set[str]:
    """The ids of the figures that are parts of a breakdown; each breakdown noted on its series."""
    groups: dict[tuple[str, str, str | None, str], list[StoredStatistic]] = {}
    for f in figures:
        s = f.statistic
        groups.setdefault((s.counted, s.category, s.by, f.document_id), []).append(f)
    parts: set[str] = set()
    for (counted, category, by, _), group in groups.items():
        if len(group) < 3:
            continue
        ids = {id(f.statistic): f.id for f in group}
        for b in breakdowns([Figure(f.statistic, f.document_name) for f in group]):
            key = (counted, category, by)
            out.setdefault(key, Series(*key)).breakdowns.append(b.to_record())
            parts |= {ids[id(p.statistic)] for p in b.parts}
    return parts


def side_by_side(series: list[Series]) -> dict[str, dict[str, Series]]:
    """Each measure ("victims/pow") with its series by body: bodies apart, never merged."""
    out: dict[str, dict[str, Series]] = {}
    for s in series:
        out.setdefault(f"{s.counted}/{s.category}", {})[s.by or "unattributed"] = s
    return out


def conflicts_of(series: list[Series]) -> list[Conflict]:
    """Differing figures for one date, and decreasing totals, in each series."""
    found: list[Conflict] = []
    for s in series:
        dated = [p for p in s.points if p.date]
        by_date: dict[str, list[Point]] = {}
        for p in dated:
            by_date.setdefault(p.date or "", []).append(p)
        for date, points in by_date.items():
            if len({p.value for p in points}) > 1:
                values = ", ".join(f"{p.value} ({p.document})" for p in points)
                found.append(Conflict("same_date", s.key, f"{s.key} on {date}: {values}", points))
        highest: Point | None = None
        for p in dated:
            if highest is not None and p.value < highest.value and p.date != highest.date:
                found.append(
                    Conflict(
                        "decrease",
                        s.key,
                        f"{s.key}: {p.value} on {p.date} ({p.document}) is lower than "
                        f"{highest.value} on {highest.date} ({highest.document})",
                        [highest, p],
                    )
                )
            if highest is None or p.value >= highest.value:
                highest = p
    return found
