"""What a brief says, as data: the key takeaways ranked, the figures by body, the units
implicated with their chain of command, the timeline, the places, and the sources cited.

Takeaways are ranked by three named features with weights (the shape of
resolve/geocode.py), and each takeaway carries every feature's share of its score:

- ``severity``: how grave the type is (severity.yaml) and how many victims, on a log scale;
- ``corroboration``: how many source documents report the case (a fused case's grade, when
  fusion gives one, counts as the documents it rests on), and an analyst's confirmation;
- ``novelty``: whether a source reached casefile (published) on or after ``--since``.

Every sentence of a brief cites sources: a citation is a document and one of the spans the
fact rests on, linked to the web UI's case page at the span's anchor.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from ..export.base import corroboration as fused_corroboration
from ..figures import conflicts_of, series_of
from ..model import DateRange
from ..store import Store
from ..store.view import IncidentQuery, StoredCase, StoredStatistic
from ..units import Hierarchy, load_orbat
from ..vocab import INCIDENT_TYPES

TAKEAWAYS = 10  # the most a brief lists


@cache
def severity_weights() -> dict[str, float]:
    data: dict[str, float] = yaml.safe_load(
        (files("casefile.brief") / "severity.yaml").read_text("utf-8")
    )
    return data


@dataclass(frozen=True)
class Citation:
    """A source of a sentence: a document and one span of it, as the case page shows it."""

    document: str  # the document's name (doc_id)
    title: str
    publisher: str | None
    published: str | None
    page: str  # the web UI's page that highlights the span: cases/ID, or documents/ID
    fact_id: str  # the incident (or statistic) the span supports
    start: int
    end: int
    quote: str  # the span's text, shortened

    @property
    def anchor(self) -> str:
        """The span's anchor on its page (web/templates/case.html, document.html)."""
        if self.page.startswith("cases/"):
            return f"span-{self.fact_id[:12]}-{self.start}"
        return f"span-{self.start}"

    def url(self, base: str) -> str:
        return f"{base.rstrip('/')}/{self.page}#{self.anchor}"

    def key(self) -> tuple[str, int, int]:
        return (self.fact_id, self.start, self.end)


@dataclass(frozen=True)
class Context:
    """What the features read besides the case: ``--since`` and each document's date."""

    since: str | None
    published: dict[str, str | None]  # document id -> publication date


@dataclass
class Feature:
    """A named ranking feature: a function of a case, in 0..1, and its weight."""

    name: str
    weight: float
    func: Callable[[StoredCase, Context], float]


def severity(case: StoredCase, ctx: Context) -> float:
    """The type's weight times the victims on a log scale (1000 victims or more: full)."""
    weight = severity_weights().get(str(case.value("type")), 0.4)
    count = case.value("count") or {}
    victims = count.get("best") or count.get("low") or 0
    return weight * (0.5 + 0.5 * min(1.0, math.log10(1 + victims) / 3))


def corroboration(case: StoredCase, ctx: Context) -> float:
    """Independent sources reporting the case (three or more: full; fusion's origins where
    fusion graded the case, else its documents), an analyst's confirmation a third."""
    origins = (fused_corroboration(case) or {}).get("origins")
    documents = len(origins) if origins else len({m.document_id for m in case.members})
    confirmed = 1.0 if case.status == "confirmed" else 0.0
    return min(1.0, documents / 3) * (2 / 3) + confirmed / 3


def novelty(case: StoredCase, ctx: Context) -> float:
    """1 where a source was published on or after ``since`` (without --since: every case)."""
    if ctx.since is None:
        return 1.0
    dates = [ctx.published.get(m.document_id) or "" for m in case.members]
    return 1.0 if any(d >= ctx.since for d in dates) else 0.0


FEATURES = [
    Feature("severity", 0.5, severity),
    Feature("corroboration", 0.3, corroboration),
    Feature("novelty", 0.2, novelty),
]


@dataclass
class Takeaway:
    case_id: str
    sentence: str
    score: float
    shares: dict[str, float]  # each feature's weighted contribution
    new: bool
    citations: list[Citation]
    date: str | None
    type: str
    place: str | None
    lat: float | None
    lon: float | None


@dataclass
class FigureRow:
    measure: str  # e.g. "victims (pow)"
    body: str
    value: int
    period: str
    as_of: str
    citations: list[Citation]
    flags: list[str] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        return any("conflict" in f for f in self.flags)


@dataclass
class UnitRow:
    unit: str
    chain: list[str]  # the parents, innermost first
    on: str | None
    basis: str
    incidents: int
    sentence: str
    citations: list[Citation]


@dataclass
class Brief:
    title: str
    filters: dict[str, Any]
    since: str | None
    incidents: int
    cases: int
    takeaways: list[Takeaway]
    figures: list[FigureRow]
    figure_notes: list[tuple[str, list[Citation]]]
    units: list[UnitRow]
    months: list[tuple[str, int]]  # incidents per month of the matching incidents
    base_url: str

    def to_record(self) -> dict[str, Any]:
        """The brief as JSON (the web page's twin), each citation with its link."""
        rec = asdict(self)
        cited = self.citations()
        rec["sources"] = [{**asdict(c), "url": c.url(self.base_url)} for c in cited]
        return rec

    def citations(self) -> list[Citation]:
        """Every citation, each once, in order of first use (the brief's numbered sources)."""
        seen: dict[tuple[str, int, int], Citation] = {}
        for t in self.takeaways:
            for c in t.citations:
                seen.setdefault(c.key(), c)
        for f in self.figures:
            for c in f.citations:
                seen.setdefault(c.key(), c)
        for _, cs in self.figure_notes:
            for c in cs:
                seen.setdefault(c.key(), c)
        for u in self.units:
            for c in u.citations:
                seen.setdefault(c.key(), c)
        return list(seen.values())


def build_brief(
    store: Store,
    query: IncidentQuery,
    since: str | None = None,
    base_url: str = "http://127.0.0.1:8000",
    title: str = "Brief",
) -> Brief:
    """The brief of the incidents ``query`` matches (rejected ones left out).

    1. the cases and their sources; 2. the takeaways, ranked; 3. the figures by body, with
    breakdowns checked against totals and conflicts flagged; 4. the units implicated with
    their chain of command on each incident's date; 5. the months of the timeline."""
    view = store.view
    # 1. cases and sources
    cases = [c for c in _all_cases(store, query) if c.status != "rejected"]
    documents: dict[str, Any] = {}
    for c in cases:
        for m in c.members:
            if m.document_id not in documents:
                documents[m.document_id] = view.get_document(m.document_id)
    ctx = Context(since, {k: (d.published if d else None) for k, d in documents.items()})
    # 2. takeaways
    takeaways = sorted(
        (_takeaway(c, ctx, documents) for c in cases),
        key=lambda t: (-t.score, t.date or "", t.case_id),
    )[:TAKEAWAYS]
    # 3. figures
    figures, notes = _figures(list(view.iter_statistics()), view)
    # 4. units
    units = _units(store, cases, documents)
    # 5. timeline
    months: dict[str, int] = {}
    for c in cases:
        for m in c.members:
            start = m.incident.date.start if m.incident.date else None
            if start and len(start) >= 7:
                months[start[:7]] = months.get(start[:7], 0) + 1
    filters = {
        k: v
        for k, v in vars(query).items()
        if v not in (None, []) and k not in ("limit", "offset", "sort")
    }
    return Brief(
        title=title,
        filters=filters,
        since=since,
        incidents=sum(len(c.members) for c in cases),
        cases=len(cases),
        takeaways=takeaways,
        figures=figures,
        figure_notes=notes,
        units=units,
        months=sorted(months.items()),
        base_url=base_url,
    )


def _all_cases(store: Store, query: IncidentQuery) -> list[StoredCase]:
    found: list[StoredCase] = []
    offset = 0
    while True:
        page = store.view.page_cases(replace(query, limit=500, offset=offset))
        found.extend(page.items)
        offset += 500
        if len(page.items) < 500:
            return found


def _citations(case: StoredCase, documents: dict[str, Any]) -> list[Citation]:
    """The first span of each member incident, in its document."""
    found = []
    for m in case.members:
        doc = documents.get(m.document_id)
        if doc is None:
            continue
        for start, end in m.incident.spans[:1]:
            found.append(
                Citation(
                    document=doc.ref,
                    title=doc.title or doc.ref,
                    publisher=doc.publisher,
                    published=doc.published,
                    page=f"cases/{case.id}",
                    fact_id=m.id,
                    start=start,
                    end=end,
                    quote=_shorten(doc.text[start:end]),
                )
            )
    return found


def _takeaway(case: StoredCase, ctx: Context, documents: dict[str, Any]) -> Takeaway:
    shares = {f.name: round(f.weight * f.func(case, ctx), 4) for f in FEATURES}
    kind = str(case.value("type"))
    date = case.value("date") or {}
    place = case.value("place") or {}
    count = case.value("count") or {}
    perpetrators = [p["name"] for p in case.value("perpetrators") or []]
    when = _when(date)
    where = f" in {place['name']}" if place.get("name") else ""
    who = f", attributed to {_join(perpetrators)}" if perpetrators else ""
    victims = _victims(count, str(case.value("victim_category") or "unknown"))
    sources = len({m.document_id for m in case.members})
    certainty = str(case.value("certainty") or "reported")
    grade = (fused_corroboration(case) or {}).get("grade")
    graded = f"; corroboration: {grade}" if grade else ""
    sentence = (
        f"{when}{_lower_first(INCIDENT_TYPES.label(kind))}{where}{victims}{who} "
        f"({certainty}; {sources} source{'s' if sources != 1 else ''}{graded}; "
        f"review: {case.status})."
    )
    sentence = sentence[0].upper() + sentence[1:]
    return Takeaway(
        case_id=case.id,
        sentence=sentence,
        score=round(sum(shares.values()), 4),
        shares=shares,
        new=ctx.since is not None and novelty(case, ctx) > 0,
        citations=_citations(case, documents),
        date=date.get("start"),
        type=kind,
        place=place.get("name"),
        lat=place.get("lat"),
        lon=place.get("lon"),
    )


def _when(date: dict[str, Any]) -> str:
    start, end = date.get("start"), date.get("end")
    if not start:
        return "Undated: "
    if end and end != start:
        return f"{start} to {end}: "
    return f"On {start}: " if len(start) == 10 else f"In {start}: "


def _victims(count: dict[str, Any], category: str) -> str:
    best, low, high = count.get("best"), count.get("low"), count.get("high")
    if best is None and low is None:
        return ""
    who = {"pow": "prisoners of war", "civilian": "civilians"}.get(category, "victims")
    if low is not None and high is not None and low != high:
        return f", {low} to {high} {who}"
    if high is None and low is not None and best == low:
        return f", {best} {who}"
    return f", {best if best is not None else low} {who}"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _shorten(text: str, most: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


# -- figures by body


def _figures(
    stats: list[StoredStatistic], view: Any
) -> tuple[list[FigureRow], list[tuple[str, list[Citation]]]]:
    """A row per figure, by measure and body; flags where a breakdown's parts do not add up
    to its total, and the conflicts of figures.py (differing values for one date, a total
    that went down)."""
    documents: dict[str, Any] = {}

    def cite(s: StoredStatistic) -> list[Citation]:
        doc = documents.setdefault(s.document_id, view.get_document(s.document_id))
        if doc is None:
            return []
        return [
            Citation(
                doc.ref, doc.title or doc.ref, doc.publisher, doc.published,
                f"documents/{doc.id}", s.id, a, b,
                _shorten(doc.text[a:b]),
            )
            for a, b in s.statistic.spans[:1]
        ]  # fmt: skip

    rows: dict[str, FigureRow] = {}
    for s in stats:
        st = s.statistic
        period = _period(
            st.period.start if st.period else None, st.period.end if st.period else None
        )
        rows[s.id] = FigureRow(
            measure=f"{st.counted} ({st.category})",
            body=st.by or "unattributed",
            value=st.value,
            period=period,
            as_of=st.as_of or s.published or "",
            citations=cite(s),
        )
    # breakdowns: in one document, figures of one measure and body whose periods lie inside
    # another's (the total; one without a period covers all up to its as-of date) and do not
    # overlap each other
    groups: dict[tuple[str, str, str, str | None], list[StoredStatistic]] = {}
    for s in stats:
        st = s.statistic
        groups.setdefault((s.document_id, st.counted, st.category, st.by), []).append(s)
    notes: list[tuple[str, list[Citation]]] = []
    parts_of_breakdowns: set[str] = set()
    breakdown_of: dict[str, str] = {}  # a total and its parts -> the total's id
    for members in groups.values():
        for total in members:
            tp = total.statistic.period
            open_total = tp is None
            if open_total and (total.statistic.as_of or total.published):
                tp = DateRange(None, total.statistic.as_of or total.published)
            if tp is None:
                continue
            parts = [
                s
                for s in members
                if s is not total
                and s.statistic.period
                and _inside(s.statistic.period, tp)
                # a total without a period: only the parts its own sentence gives
                and (not open_total or _within(s.statistic.spans, total.statistic.spans))
            ]
            if len(parts) < 2 or _overlap(parts):
                continue
            parts_of_breakdowns |= {p.id for p in parts}
            breakdown_of |= {x.id: total.id for x in [total, *parts]}
            added = sum(p.statistic.value for p in parts)
            row = rows[total.id]
            if added == total.statistic.value:
                row.flags.append(f"breakdown checked: {len(parts)} parts add up to {added}")
            elif added < total.statistic.value:
                row.flags.append(
                    f"breakdown: {len(parts)} parts add up to {added}, "
                    f"{total.statistic.value - added} fewer than the total"
                )
            else:
                row.flags.append(
                    f"breakdown conflict: {len(parts)} parts add up to {added}, "
                    f"more than the total {total.statistic.value}"
                )
    for conflict in conflicts_of(series_of(stats)):
        ids = {p.statistic for p in conflict.points}
        if conflict.kind == "decrease" and ids & parts_of_breakdowns:
            continue  # the parts of a breakdown are no running total: 11 after 57 is no drop
        if len({breakdown_of.get(i) for i in ids} - {None}) == 1 and ids <= set(breakdown_of):
            continue  # a total and its last part end on one date: checked above, not a conflict
        for sid in ids:
            if sid in rows:
                rows[sid].flags.append(f"conflict ({conflict.kind.replace('_', ' ')})")
        cited = [c for sid in sorted(ids) if sid in rows for c in rows[sid].citations]
        notes.append((conflict.message[0].upper() + conflict.message[1:] + ".", cited))
    # bodies that differ: one measure, one period, different values from different bodies
    by_period: dict[tuple[str, str, str], list[StoredStatistic]] = {}
    for s in stats:
        if rows[s.id].period:
            key = (s.statistic.counted, s.statistic.category, rows[s.id].period)
            by_period.setdefault(key, []).append(s)
    for (counted, category, period), found in by_period.items():
        bodies = {rows[s.id].body for s in found}
        if len(bodies) < 2 or len({s.statistic.value for s in found}) < 2:
            continue
        for s in found:
            rows[s.id].flags.append("bodies differ")
        values = ", ".join(f"{rows[s.id].body} {s.statistic.value}" for s in found)
        cited = [c for s in found for c in rows[s.id].citations]
        notes.append(
            (f"For {counted} ({category}) in {period} the bodies differ: {values}.", cited)
        )
    ordered = sorted(rows.values(), key=lambda r: (r.measure, r.body, r.period, r.as_of, r.value))
    return ordered, notes


def _period(start: str | None, end: str | None) -> str:
    if not start and not end:
        return ""
    return start or "" if start == end else f"{start or '…'} to {end or '…'}"


def _inside(part: Any, total: Any) -> bool:
    ps, pe = part.start or "", part.end or part.start or ""
    ts, te = total.start or "", total.end or "9999"
    # compared as prefixes: a part "2025" ends inside a total ending "2025-05"
    return bool(ps) and ts[: len(ps)] <= ps and pe[: len(te)] <= te and (ps, pe) != (ts, te)


def _within(inner: list[tuple[int, int]], outer: list[tuple[int, int]]) -> bool:
    """Whether every span of ``inner`` lies inside one of ``outer``."""
    return bool(inner) and all(any(a <= x and y <= b for a, b in outer) for x, y in inner)


def _overlap(parts: list[StoredStatistic]) -> bool:
    spans = sorted(
        (p.statistic.period.start or "", p.statistic.period.end or "")
        for p in parts
        if p.statistic.period
    )
    return any(a[1] >= b[0] for a, b in itertools.pairwise(spans))


# -- units implicated


def _units(store: Store, cases: list[StoredCase], documents: dict[str, Any]) -> list[UnitRow]:
    """Each unit named as a perpetrator, with its chain of command on the date of its
    earliest incident, and the cases that name it."""
    named: dict[str, list[StoredCase]] = {}
    for c in cases:
        for p in c.value("perpetrators") or []:
            if p.get("kind") == "unit":
                named.setdefault(p["name"], []).append(c)
    if not named:
        return []
    orbat = load_orbat(store)
    rows = []
    for unit in sorted(named):
        its = named[unit]
        dates = sorted(d for c in its if (d := (c.value("date") or {}).get("start")))
        on = dates[0] if dates else None
        links = Hierarchy(orbat, store.view, on).chain(unit)
        chain = [link.parent for link in links]
        basis = "; ".join(dict.fromkeys(f"{link.basis}: {link.source}" for link in links))
        day = f"on {on}" if on else "today"
        under = f"stood under {' → '.join(chain)} {day}" if chain else f"has no known parent {day}"
        sentence = (
            f"{unit} is named as perpetrator in {len(its)} case{'s' if len(its) != 1 else ''} "
            f"and {under}."
        )
        citations = [c for case in its for c in _citations(case, documents)]
        rows.append(UnitRow(unit, chain, on, basis, len(its), sentence, citations))
    return rows


def _lower_first(label: str) -> str:
    """A label inside a sentence: "Execution of POWs" -> "execution of POWs"."""
    return label[:1].lower() + label[1:]
