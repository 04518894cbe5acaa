"""Every read query of casefile lives here; CLI, API and exports call these methods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, and_, exists, false, func, or_, select

from ..model import Actor, Count, DateRange, Document, Incident, Person, Place, Statement
from . import tables as t


@dataclass
class IncidentFilter:
    """Filters of ``incidents``; every given field must hold (AND)."""

    type: str | None = None
    since: str | None = None  # ISO date: the incident's interval ends on or after it
    until: str | None = None  # ISO date: the interval starts on or before it
    place: str | None = None  # substring of the place name or region
    unit: str | None = None  # substring of a perpetrator's name
    units: list[str] | None = None  # exact perpetrator names (e.g. a unit and its subordinates)
    text: str | None = None  # substring of the summary or of the document's text
    limit: int | None = None
    offset: int = 0


@dataclass
class StoredIncident:
    id: str
    document_id: str
    document_name: str
    incident: Incident


@dataclass
class StoredRelation:
    """A stored subordination: from a document (``document_id`` set) or the knowledge base."""

    child: str
    parent: str
    source: str  # the document's name, or the knowledge base's reference
    document_id: str | None = None
    document_name: str | None = None
    published: str | None = None  # the document's publication date
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass
class StoredStatement:
    id: str
    document_id: str
    document_name: str
    published: str | None
    statement: Statement


@dataclass
class StoredPerson:
    id: str
    document_id: str
    document_name: str
    person: Person


def _like(value: str) -> str:
    """A LIKE pattern matching ``value`` literally anywhere (wildcards escaped)."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


class View:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- documents
    def count_documents(self) -> int:
        with self.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(t.documents)).scalar_one())

    def get_document(self, key: str) -> Document | None:
        """By id (or an id prefix of 12+ characters) or by name."""
        d = t.documents
        cond = or_(d.c.id == key, d.c.name == key)
        if len(key) >= 12:
            cond = or_(cond, d.c.id.like(key + "%"))
        with self.engine.connect() as c:
            row = c.execute(select(d).where(cond).limit(1)).mappings().first()
        return _document(row) if row else None

    def iter_documents(self, unanalysed_by: str | None = None) -> Iterator[Document]:
        """All documents in ingest order; with ``unanalysed_by``, only those not yet analysed
        by that extractor."""
        d, a = t.documents, t.analyses
        q = select(d).order_by(d.c.ingested_at, d.c.id)
        if unanalysed_by is not None:
            done = exists().where(and_(a.c.document_id == d.c.id, a.c.extractor == unanalysed_by))
            q = q.where(~done)
        with self.engine.connect() as c:
            for row in c.execute(q).mappings():
                yield _document(row)

    def count_analyses(self) -> int:
        with self.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(t.analyses)).scalar_one())

    def get_record(self, document_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as c:
            rec = c.execute(
                select(t.analyses.c.record).where(t.analyses.c.document_id == document_id)
            ).scalar()
        return dict(rec) if rec else None

    # -- incidents
    def _incident_query(self, f: IncidentFilter) -> Select[Any]:
        i, d = t.incidents, t.documents
        q = select(i, d.c.name.label("document_name")).join(d, d.c.id == i.c.document_id)
        if f.type:
            q = q.where(i.c.type == f.type)
        if f.since:
            q = q.where(func.coalesce(i.c.date_end, i.c.date_start) >= f.since[:10])
        if f.until:
            q = q.where(i.c.date_start <= f.until[:10])
        if f.place:
            pat = _like(f.place)
            q = q.where(
                or_(
                    func.lower(i.c.place_name).like(pat, escape="\\"),
                    func.lower(i.c.admin1).like(pat, escape="\\"),
                )
            )
        if f.unit:
            q = q.where(func.lower(i.c.perpetrator_names).like(_like(f.unit), escape="\\"))
        if f.units is not None:
            # _like lowers the pattern, and PostgreSQL's LIKE (unlike SQLite's) is case-sensitive.
            names = func.lower(i.c.perpetrator_names)
            wanted = [names.like(_like(f"|{u}|"), escape="\\") for u in f.units]
            q = q.where(or_(false(), *wanted))  # an empty list matches nothing
        if f.text:
            pat = _like(f.text)
            q = q.where(
                or_(
                    func.lower(i.c.summary).like(pat, escape="\\"),
                    func.lower(d.c.text).like(pat, escape="\\"),
                )
            )
        return q

    def iter_incidents(self, f: IncidentFilter | None = None) -> Iterator[StoredIncident]:
        f = f or IncidentFilter()
        i = t.incidents
        q = self._incident_query(f).order_by(
            i.c.date_start.is_(None), i.c.date_start, i.c.document_id, i.c.seq
        )
        if f.limit is not None:
            q = q.limit(f.limit)
        if f.offset:
            q = q.offset(f.offset)
        with self.engine.connect() as c:
            rows = c.execute(q).mappings().all()
            spans = self._spans(c, "incidents", [r["id"] for r in rows])
        for r in rows:
            yield StoredIncident(
                r["id"], r["document_id"], r["document_name"], _incident(r, spans.get(r["id"], []))
            )

    def count_incidents(self, f: IncidentFilter | None = None) -> int:
        q = self._incident_query(f or IncidentFilter()).subquery()
        with self.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(q)).scalar_one())

    def count_incidents_by_type(self, f: IncidentFilter | None = None) -> dict[str, int]:
        q = self._incident_query(f or IncidentFilter()).subquery()
        with self.engine.connect() as c:
            rows = c.execute(select(q.c.type, func.count()).group_by(q.c.type)).all()
        return {str(k): int(n) for k, n in sorted(rows, key=lambda r: (-r[1], r[0]))}

    # -- units, statements, persons
    def get_unit(self, name: str) -> str | None:
        """The canonical name of a unit some document names, exactly as stored, or None."""
        with self.engine.connect() as c:
            found = c.execute(select(t.units.c.name).where(t.units.c.name == name)).scalar()
        return str(found) if found is not None else None

    def iter_unit_relations(
        self, children: list[str] | None = None, parents: list[str] | None = None
    ) -> Iterator[StoredRelation]:
        """Stored relations whose child is one of ``children`` or whose parent is one of
        ``parents`` (every relation where both are None), oldest document first."""
        r, d = t.unit_relations, t.documents
        q = select(r, d.c.name.label("document_name"), d.c.published).outerjoin(
            d, d.c.id == r.c.document_id
        )
        if children is not None or parents is not None:
            q = q.where(or_(false(), r.c.child.in_(children or []), r.c.parent.in_(parents or [])))
        q = q.order_by(r.c.child, d.c.published.is_(None), d.c.published, d.c.name, r.c.parent)
        with self.engine.connect() as c:
            for row in c.execute(q).mappings():
                yield StoredRelation(
                    child=row["child"],
                    parent=row["parent"],
                    source=row["source"],
                    document_id=row["document_id"],
                    document_name=row["document_name"],
                    published=row["published"],
                    valid_from=row["valid_from"],
                    valid_to=row["valid_to"],
                )

    def iter_statements(
        self, kinds: list[str] | None = None, targets: list[str] | None = None
    ) -> Iterator[StoredStatement]:
        """Statements of the given kinds, about one of ``targets`` (compared without case)."""
        s, d = t.statements, t.documents
        q = select(s, d.c.name.label("document_name"), d.c.published).join(
            d, d.c.id == s.c.document_id
        )
        if kinds is not None:
            q = q.where(s.c.kind.in_(kinds))
        if targets is not None:
            q = q.where(func.lower(s.c.target).in_([x.lower() for x in targets]))
        q = q.order_by(d.c.published.is_(None), d.c.published, d.c.name, s.c.seq)
        with self.engine.connect() as c:
            rows = c.execute(q).mappings().all()
            spans = self._spans(c, "statements", [r["id"] for r in rows])
        for r in rows:
            date = DateRange(r["date_start"], r["date_end"]) if r["date_start"] else None
            statement = Statement(r["kind"], r["speaker"], r["target"], date, spans.get(r["id"], []))
            yield StoredStatement(
                r["id"], r["document_id"], r["document_name"], r["published"], statement
            )

    def iter_persons(self, title_contains: list[str] | None = None) -> Iterator[StoredPerson]:
        """Persons as each document names them; with ``title_contains``, only those whose
        title contains one of the strings (without case)."""
        p, d = t.persons, t.documents
        q = select(p, d.c.name.label("document_name")).join(d, d.c.id == p.c.document_id)
        if title_contains is not None:
            title = func.lower(p.c.title)
            q = q.where(or_(false(), *(title.like(_like(x), escape="\\") for x in title_contains)))
        q = q.order_by(d.c.name, p.c.seq)
        with self.engine.connect() as c:
            for r in c.execute(q).mappings():
                person = Person(r["name"], r["title"], r["affiliation"])
                yield StoredPerson(r["id"], r["document_id"], r["document_name"], person)

    def _spans(self, c: Any, table: str, ids: list[str]) -> dict[str, list[tuple[int, int]]]:
        out: dict[str, list[tuple[int, int]]] = {}
        s = t.spans
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            rows = c.execute(
                select(s.c.fact_id, s.c.start, s.c.end)
                .where(s.c.fact_table == table, s.c.fact_id.in_(part))
                .order_by(s.c.id)
            ).all()
            for fid, a, b in rows:
                out.setdefault(fid, []).append((a, b))
        return out


def _document(row: Any) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        name=row["name"],
        publisher=row["publisher"],
        title=row["title"],
        url=row["url"],
        published=row["published"],
        language=row["language"],
        media_type=row["media_type"],
        original=row["original"],
        source_path=row["source_path"],
        ingested_at=_timestamp(row["ingested_at"]),
        notes=list(row["notes"] or []),
    )


def _timestamp(value: dt.datetime) -> str:
    """A stored UTC time as SQLite returns it: naive, ``2024-10-01 12:00:00.123456``.
    PostgreSQL returns it aware, in the session's time zone."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return str(value)


def _incident(r: Any, spans: list[tuple[int, int]]) -> Incident:
    place = None
    if r["place_name"]:
        place = Place(
            r["place_name"], r["country"], r["admin1"], r["lat"], r["lon"], r["precision"]
        )
    count = None
    if any(r[k] is not None for k in ("count_low", "count_best", "count_high")):
        count = Count(r["count_low"], r["count_best"], r["count_high"])
    date = DateRange(r["date_start"], r["date_end"]) if r["date_start"] or r["date_end"] else None
    return Incident(
        type=r["type"],
        summary=r["summary"],
        date=date,
        place=place,
        perpetrators=[Actor(p["name"], p.get("kind", "force")) for p in r["perpetrators"]],
        victim_category=r["victim_category"],
        count=count,
        evidence=list(r["evidence"]),
        certainty=r["certainty"],
        attribution=list(r["attribution"]),
        spans=spans,
        case=r["case_id"],
    )
