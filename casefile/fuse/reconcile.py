"""Reconciled values of a case: what its sources agree on, each source's value kept.

1. date: the narrowest member date consistent with (overlapping) every other dated member;
   where they do not all overlap, the hull of them all, marked as a conflict;
2. place: the most precise member place within tolerance of every other; else the most
   common one, marked as a conflict;
3. victims: low / best / high across sources as UCDP gives them: low the lowest figure,
   high the highest, best the latest report's (a toll that grows over days is best told by
   its latest figure), and the category the sources agree on;
4. perpetrators: every name (spellings and scripts folded, :func:`resolve.names.cluster_names`)
   with the documents that support it, most supported first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casefile.compare import _PRECISION_RANK, day_range, place_km, tolerance_km
from casefile.model import Count, DateRange, Place
from casefile.resolve.names import cluster_names

from .report import Report


@dataclass
class Reconciled:
    date: DateRange | None = None
    place: Place | None = None
    victim_category: str = "unknown"
    count: Count | None = None
    perpetrators: list[dict[str, Any]] = field(default_factory=list)  # name, kind, support
    conflicts: list[str] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {
            "date": self.date.to_record() if self.date else None,
            "place": self.place.to_record() if self.place else None,
            "victims": {
                "category": self.victim_category,
                "count": (self.count or Count()).to_record(),
            },
            "perpetrators": self.perpetrators,
            "conflicts": list(self.conflicts),
        }


def reconcile(reports: Sequence[Report]) -> Reconciled:
    """The case's reconciled values from its members' (see the module's steps)."""
    out = Reconciled()
    out.date = _date(reports, out.conflicts)
    out.place = _place(reports, out.conflicts)
    out.victim_category = _category(reports, out.conflicts)
    out.count = _count(reports)
    out.perpetrators = _perpetrators(reports)
    return out


def _date(reports: Sequence[Report], conflicts: list[str]) -> DateRange | None:
    dated: list[tuple[DateRange, tuple[int, int]]] = []
    for r in reports:
        d, rng = r.incident.date, day_range(r.incident)
        if d is not None and rng is not None:
            dated.append((d, rng))
    if not dated:
        return None
    consistent = [
        (d, rng) for d, rng in dated if all(rng[0] <= o[1] and o[0] <= rng[1] for _, o in dated)
    ]
    if consistent:
        d, _ = min(consistent, key=lambda x: (x[1][1] - x[1][0], x[1]))
        return DateRange(d.start, d.end)
    conflicts.append("date")
    lo = min(dated, key=lambda x: x[1][0])[1][0]
    hi = max(dated, key=lambda x: x[1][1])[1][1]
    return DateRange(date.fromordinal(lo).isoformat(), date.fromordinal(hi).isoformat())


def _place(reports: Sequence[Report], conflicts: list[str]) -> Place | None:
    places = [r.incident.place for r in reports if r.incident.place is not None]
    if not places:
        return None

    def fits(p: Place, q: Place) -> bool:
        km = place_km(p, q)
        return km is None or km <= tolerance_km(p, q)

    consistent = [p for p in places if all(fits(p, q) for q in places)]
    if consistent:
        return min(consistent, key=lambda p: _PRECISION_RANK.get(p.precision or "settlement", 0))
    conflicts.append("place")
    names = Counter(p.name for p in places)
    top = names.most_common(1)[0][0]
    return next(p for p in places if p.name == top)


def _category(reports: Sequence[Report], conflicts: list[str]) -> str:
    known = {r.incident.victim_category for r in reports} - {"unknown", ""}
    if len(known) > 1:
        conflicts.append("victims")
    return sorted(known)[0] if len(known) == 1 else "unknown"


def _count(reports: Sequence[Report]) -> Count | None:
    figures: list[tuple[str, int, Count]] = []
    for k, r in enumerate(reports):
        c = r.incident.count
        if c is not None and any(v is not None for v in (c.low, c.best, c.high)):
            figures.append((r.published or "", k, c))
    if not figures:
        return None
    values = [v for _, _, c in figures for v in (c.low, c.best, c.high) if v is not None]
    latest = max(figures, key=lambda f: (f[0], f[1]))[2]
    best = latest.best if latest.best is not None else latest.low or latest.high
    highs = [v for _, _, c in figures for v in (c.high, c.best) if v is not None]
    return Count(low=min(values), best=best, high=max(highs) if highs else None)


def _perpetrators(reports: Sequence[Report]) -> list[dict[str, Any]]:
    names = [p.name for r in reports for p in r.incident.perpetrators]
    canon = cluster_names(names)
    support: dict[str, set[str]] = {}
    kinds: dict[str, str] = {}
    for r in reports:
        for p in r.incident.perpetrators:
            name = canon.get(p.name, p.name)
            support.setdefault(name, set()).add(r.name)
            kinds.setdefault(name, p.kind)
    return [
        {"name": n, "kind": kinds[n], "support": sorted(s)}
        for n, s in sorted(support.items(), key=lambda x: (-len(x[1]), x[0]))
    ]
