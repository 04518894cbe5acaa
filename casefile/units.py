"""Chains of command: which unit stood under which, what they did, what was said about them.

Three kinds of knowledge meet here, and every answer says which it came from:

- the **built-in knowledge base** (``knowledge/data/units.yaml``): each relation names a public
  reference or says ``unverified``;
- **user unit files** (same format) loaded with :func:`load_unit_file`: each file is kept
  whole in the store's ``unit_files`` table (SQLite or PostgreSQL), its text as loaded, and
  merged over the built-in records, in load order, by :func:`load_orbat`. ``analyze`` hands
  that order of battle to the pipeline, so the units stage finds the user's units too;
- **documents**: the hierarchies reports state ("30th MRB (2nd CAA, CMD)"), stored by
  ``analyze`` in ``unit_relations`` with the document's id.

Which parent counts on a day (:meth:`Hierarchy.link`):

1. the knowledge base's relation valid that day, where a public reference backs it;
2. else the parent a document states, where it differs from the unverified relation (a
   document outranks an unverified relation, but not one that started after the document
   was published); the latest document wins;
3. else the knowledge base's unverified relation; else the parent documents state.

A document that names a parent that is neither the knowledge base's parent nor one of its
ancestors, on the day the document was published, *contradicts* the knowledge base and is
flagged as such, whichever of the two wins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CasefileError, KnowledgeError
from .knowledge.orbat import BUILTIN_UNITS, Orbat, UnitRecord
from .model import sha256
from .resolve.names import same_person
from .resolve.units import canonical_unit, find_units
from .store import Store
from .store.audit import AuditEvent
from .store.view import (
    IncidentQuery,
    ReviewedIncident,
    StoredPerson,
    StoredRelation,
    StoredStatement,
    StoredUnitFile,
    View,
)

__all__ = [
    "ChainLink",
    "Hierarchy",
    "LoadedFile",
    "UnitRelation",
    "UnitReport",
    "load_orbat",
    "load_unit_file",
    "resolve_unit",
    "unit_and_subordinates",
    "unit_report",
    "unit_to_record",
]

KNOWLEDGE_BASE = "knowledge base"
USER_FILE = "user file"
DOCUMENTS = "documents"
_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Statements by people that can tie a chain of command to crimes.
_CHAIN_KINDS = ["incitement", "order"]


# -- user unit files ------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedFile:
    """What :func:`load_unit_file` did: ``units`` records from ``path``, kept in the store as
    the unit file ``name``, ``seq``-th in the load order."""

    path: Path
    name: str
    seq: int
    sha256: str
    units: int
    replaced: bool  # a file of the same name, loaded before, was replaced
    total: int  # units known after loading, built-in ones included
    analysed: int  # documents analysed before, which keep the units they were analysed with


def load_orbat(store: Store | None = None, files: Iterable[str | Path] = ()) -> Orbat:
    """The built-in order of battle, with the store's user unit files merged over it in load
    order, then ``files`` (paths of unit files, e.g. ``casefile extract --units``)."""
    orbat = Orbat.default()
    for kept in store.view.iter_unit_files() if store is not None else []:
        try:
            orbat.load(kept.name, text=kept.content)
        except KnowledgeError as e:
            raise KnowledgeError(
                f"{_one_line(e)} (unit file #{kept.seq} of the store; load a corrected file "
                "of the same name with `casefile units load`)"
            ) from None
    for path in files:
        try:
            orbat.load(path)
        except KnowledgeError as e:
            raise KnowledgeError(_one_line(e)) from None
    return orbat


def load_unit_file(store: Store, path: str | Path) -> LoadedFile:
    """Check a user unit file against everything loaded so far, then keep it in the store.

    1. read the file (UTF-8 text);
    2. rebuild the order of battle: built-in, the store's files in load order, this file in
       its place (a file of the same name, loaded before, is replaced and keeps its place);
    3. any error stores nothing and raises KnowledgeError naming the file, the record and the
       field, on one line;
    4. keep the file and an audit entry of the load, in one transaction.
    """
    path = Path(path)
    # 1. the file as it is now: what is checked is what is kept
    text = _read_unit_file(path)
    # 2. and 3. the whole order of battle, with this file in its place
    kept = list(store.view.iter_unit_files())
    earlier = next((f for f in kept if f.name == path.name), None)
    sequence: list[StoredUnitFile | None] = [None if f is earlier else f for f in kept]
    if earlier is None:
        sequence.append(None)  # None: this file
    orbat = Orbat.default()
    count = 0
    for position, f in enumerate(sequence):
        try:
            if f is None:
                count = orbat.load(path, text=text)
            else:
                orbat.load(f.name, text=f.content)
        except KnowledgeError as e:
            if f is None:
                raise KnowledgeError(_one_line(e)) from None
            if position < sequence.index(None):
                hint = f"unit file #{f.seq} of the store; load a corrected file of the same name"
            else:
                hint = f"a unit file loaded earlier needs what {path} changes; nothing was loaded"
            raise KnowledgeError(f"{_one_line(e)} ({hint})") from None
    # 4. keep it
    with store.writer() as w:
        seq = w.add_unit_file(path.name, text)
        digest = sha256(text)
        w.add_audit(
            AuditEvent(
                "unit_file.load",
                "unit_file",
                path.name,
                before={"sha256": earlier.sha256} if earlier else None,
                after={"sha256": digest, "seq": seq, "units": count, "source_path": str(path)},
            )
        )
    analysed = store.view.count_analyses()
    return LoadedFile(
        path, path.name, seq, digest, count, earlier is not None, len(orbat), analysed
    )


def _read_unit_file(path: Path) -> str:
    """The text of a unit file; KnowledgeError where it cannot be read or is not UTF-8."""
    try:
        return path.read_bytes().decode("utf-8")
    except OSError as e:
        raise KnowledgeError(f"{path}: cannot read the unit file ({e.strerror})") from None
    except UnicodeDecodeError as e:
        raise KnowledgeError(f"{path}: not UTF-8 text ({e.reason})") from None


def unit_to_record(unit: UnitRecord) -> dict[str, Any]:
    """A unit of the order of battle as JSON: its names, kind and dated parents."""
    builtin = Path(unit.source_file) == BUILTIN_UNITS
    return {
        "name": unit.name,
        "aliases": list(unit.aliases),
        "type": unit.type,
        "echelon": unit.echelon,
        "affiliation": unit.affiliation,
        "parents": [
            {
                "name": r.parent,
                "source": r.source,
                "start": r.start,
                "end": r.end,
                "verified": r.verified,
            }
            for r in unit.parents
        ],
        "note": unit.note or None,
        "file": "built-in" if builtin else unit.source_file,
    }


# -- the hierarchy: knowledge base and documents ----------------------------------------------


@dataclass(frozen=True)
class ChainLink:
    """``unit`` stood under ``parent``, and why casefile says so.

    ``basis`` is ``knowledge base``, ``user file`` or ``documents``; ``source`` the reference (or
    ``unverified``) of a knowledge-base relation, or the names of the documents;
    ``verified`` whether a public reference backs it (a document always names itself);
    ``documents`` the documents that state this link; ``overrides`` the unverified
    knowledge-base parent that the documents outranked.
    """

    unit: str
    parent: str
    basis: str
    source: str
    verified: bool
    documents: tuple[str, ...] = ()
    overrides: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "parent": self.parent,
            "basis": self.basis,
            "source": self.source,
            "verified": self.verified,
            "documents": list(self.documents),
            "overrides": self.overrides,
        }


@dataclass(frozen=True)
class UnitRelation:
    """One relation touching a unit, as a source states it (knowledge base, file or document).

    ``contradicts`` is the knowledge base's parent, where a document names another one.
    """

    child: str
    parent: str
    origin: str  # "knowledge base", "user file" or "document"
    source: str  # the reference or "unverified"; the document's name
    verified: bool
    start: str | None = None
    end: str | None = None
    document: str | None = None
    published: str | None = None
    contradicts: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "child": self.child,
            "parent": self.parent,
            "origin": self.origin,
            "source": self.source,
            "verified": self.verified,
            "start": self.start,
            "end": self.end,
            "document": self.document,
            "published": self.published,
            "contradicts": self.contradicts,
        }


class Hierarchy:
    """The chain of command on one day (None: today), from the order of battle and a store.

    Document relations are read from the store as they are needed and kept for the object's
    life; build one per question.
    """

    def __init__(self, orbat: Orbat, view: View | None = None, on: str | None = None) -> None:
        self.orbat, self.view, self.on = orbat, view, _check_day(on)
        self._stated: dict[str, list[StoredRelation]] = {}

    def name(self, mention: str) -> str:
        """The canonical name of a unit mention: the knowledge base's, else the grammar's."""
        record = self.orbat.resolve(mention, fuzzy=False)
        if record:
            return record.name
        return canonical_unit(mention, self.orbat) or mention.strip()

    def stated(self, unit: str) -> list[StoredRelation]:
        """Documents' relations with ``unit`` as the child, self-references left out."""
        self._fetch([unit])
        return self._stated[unit]

    def link(self, unit: str) -> ChainLink | None:
        """The parent of ``unit`` on the day, by the ranking of this module's docstring."""
        record = self.orbat.get(unit)
        kb = record.parent_on(self.on) if record else None
        stated = [r for r in self.stated(unit) if _holds(r, self.on)]
        if record is not None and kb is not None:
            line = self._kb_line(unit, self.on)
            agreeing = _names(r for r in stated if self.name(r.parent) == kb.parent)
            rivals = [
                r
                for r in stated
                if self.name(r.parent) not in line
                and not (kb.start and r.published and r.published[: len(kb.start)] < kb.start)
            ]
            if kb.verified or not rivals:
                basis = _origin(record)
                return ChainLink(unit, kb.parent, basis, kb.source, kb.verified, agreeing)
            return self._from_documents(unit, rivals, overrides=kb.parent)
        return self._from_documents(unit, stated) if stated else None

    def chain(self, unit: str) -> list[ChainLink]:
        """The links above ``unit``, innermost first; a cycle stops the walk."""
        links: list[ChainLink] = []
        seen = {unit}
        link = self.link(unit)
        while link is not None and link.parent not in seen:
            links.append(link)
            seen.add(link.parent)
            link = self.link(link.parent)
        return links

    def children(self, unit: str) -> list[ChainLink]:
        """The units directly under ``unit`` on the day: known ones first, then stated ones."""
        known = self.orbat.get(unit) is not None
        candidates = [u.name for u in self.orbat.children(unit, self.on)] if known else []
        if self.view is not None:
            for r in self.view.iter_unit_relations(parents=[unit]):
                child = self.name(r.child)
                if r.document_id is not None and child != unit and child not in candidates:
                    candidates.append(child)
        self._fetch(candidates)
        return [
            link for c in candidates if (link := self.link(c)) is not None and link.parent == unit
        ]

    def descendants(self, unit: str) -> list[str]:
        """Every unit under ``unit`` on the day, breadth first."""
        found: list[str] = []
        seen = {unit}
        queue = [unit]
        while queue:
            for link in self.children(queue.pop(0)):
                if link.unit not in seen:
                    seen.add(link.unit)
                    found.append(link.unit)
                    queue.append(link.unit)
        return found

    def contradicts(self, relation: StoredRelation) -> str | None:
        """The knowledge base's parent of the relation's child, where the document names one
        that is neither it nor one of its ancestors on the day the document was published."""
        if relation.document_id is None:
            return None
        child = self.name(relation.child)
        record = self.orbat.get(child)
        day = _check_day(relation.published[:10]) if relation.published else None
        kb = record.parent_on(day) if record else None
        if kb is None or self.name(relation.parent) in self._kb_line(child, day):
            return None
        return kb.parent

    # -- helpers

    def _fetch(self, units: list[str]) -> None:
        """Read the documents' relations of ``units`` not read yet, in one query."""
        todo = [u for u in units if u not in self._stated]
        for u in todo:
            self._stated[u] = []
        if not todo or self.view is None:
            return
        for r in self.view.iter_unit_relations(children=todo):
            if r.document_id is not None and r.child in self._stated and r.child != r.parent:
                self._stated[r.child].append(r)

    def _kb_line(self, unit: str, on: str | None) -> set[str]:
        """The knowledge base's parent of ``unit`` on ``on`` and every unit above it."""
        return {u.name for u in self.orbat.ancestors(unit, on)}

    def _from_documents(
        self, unit: str, stated: list[StoredRelation], overrides: str | None = None
    ) -> ChainLink:
        """The parent the latest documents state (then the one most documents state)."""
        by_parent: dict[str, list[StoredRelation]] = {}
        for r in stated:
            by_parent.setdefault(self.name(r.parent), []).append(r)
        parent, relations = max(
            by_parent.items(),
            key=lambda item: (max(r.published or "" for r in item[1]), len(item[1])),
        )
        documents = _names(relations)
        return ChainLink(unit, parent, DOCUMENTS, ", ".join(documents), True, documents, overrides)


# -- the report of one unit -------------------------------------------------------------------


@dataclass
class UnitReport:
    """Everything casefile knows about one unit: ``casefile units show``."""

    name: str
    record: UnitRecord | None  # None where only documents know the unit
    on: str | None
    chain: list[ChainLink] = field(default_factory=list)
    subordinates: list[ChainLink] = field(default_factory=list)
    descendants: list[str] = field(default_factory=list)
    relations: list[UnitRelation] = field(default_factory=list)
    incident_count: int = 0
    incidents_by_type: dict[str, int] = field(default_factory=dict)
    incidents: list[ReviewedIncident] = field(default_factory=list)  # the first few, reviewed
    statements_about: list[StoredStatement] = field(default_factory=list)
    chain_people: list[StoredPerson] = field(default_factory=list)
    chain_statements: list[StoredStatement] = field(default_factory=list)

    @property
    def contradictions(self) -> list[UnitRelation]:
        return [r for r in self.relations if r.contradicts]

    def to_record(self) -> dict[str, Any]:
        own = unit_to_record(self.record) if self.record else {"name": self.name}
        names = {self.name, *self.descendants}
        return {
            **own,
            "known_from": KNOWLEDGE_BASE if self.record else DOCUMENTS,
            "on": self.on,
            "chain": [link.to_record() for link in self.chain],
            "subordinates": [link.to_record() for link in self.subordinates],
            "descendants": list(self.descendants),
            "relations": [r.to_record() for r in self.relations],
            "contradictions": [r.to_record() for r in self.contradictions],
            "incidents": {
                "count": self.incident_count,
                "by_type": dict(self.incidents_by_type),
                "list": [
                    {
                        **row.to_record(),
                        "units": [p.name for p in row.incident.perpetrators if p.name in names],
                    }
                    for row in self.incidents
                ],
            },
            "statements": {
                "about": [_statement_record(s) for s in self.statements_about],
                "by_chain": [_statement_record(s) for s in self.chain_statements],
            },
            "chain_people": [
                {"name": p.person.name, "title": p.person.title, "document": p.document_name}
                for p in self.chain_people
            ],
        }


def resolve_unit(orbat: Orbat, view: View | None, mention: str) -> tuple[str, UnitRecord | None]:
    """The canonical name of a unit in any spelling, and its record where the knowledge base
    has one; CasefileError where neither the knowledge base nor any document knows it."""
    record = orbat.resolve(mention)
    if record is not None:
        return record.name, record
    name = canonical_unit(mention, orbat)
    if name and view is not None:
        known = view.get_unit(name) or view.count_incidents(IncidentQuery(units=[name]))
        if known:
            return name, None
    raise CasefileError(
        f"unknown unit {mention!r}: not in the order of battle and named by no analysed "
        "document (`casefile units list` lists the known units)"
    )


def unit_report(
    store: Store, name: str, on: str | None = None, limit: int = 10, orbat: Orbat | None = None
) -> UnitReport:
    """What the order of battle and the store say about the unit ``name`` (any spelling).

    1. resolve the name; 2. its chain of command and subordinates on ``on`` (None: today);
    3. every relation that touches it, knowledge base and documents, contradictions flagged;
    4. incidents attributed to it or a subordinate: counts by type and the first ``limit``;
    5. statements about it or a subordinate, people whose title places them in its chain,
       and the incitement and orders they (or the units of the chain) gave.
    """
    orbat = orbat or load_orbat(store)
    view = store.view
    hierarchy = Hierarchy(orbat, view, on)
    unit, record = resolve_unit(orbat, view, name)
    report = UnitReport(unit, record, hierarchy.on)
    # 2. the chain and what stands under the unit
    report.chain = hierarchy.chain(unit)
    report.subordinates = hierarchy.children(unit)
    report.descendants = hierarchy.descendants(unit)
    # 3. the relations, by source
    report.relations = _relations(hierarchy, unit, record)
    # 4. incidents, with the values in force (an analyst's edit wins) and their review
    wanted = IncidentQuery(units=[unit, *report.descendants], limit=limit)
    report.incident_count = view.count_incidents(wanted)
    report.incidents_by_type = view.count_incidents_by_field("type", wanted)
    report.incidents = view.page_incidents(wanted).items
    # 5. statements
    targets = [unit, *(record.aliases if record else ()), *report.descendants]
    report.statements_about = list(view.iter_statements(targets=targets))
    chain_units = [unit, *(link.parent for link in report.chain)]
    report.chain_people = _chain_people(orbat, view, chain_units)
    report.chain_statements = _chain_statements(hierarchy, view, chain_units, report.chain_people)
    return report


def unit_and_subordinates(store: Store, name: str, on: str | None = None) -> list[str]:
    """The canonical name of the unit ``name`` and of every unit under it, on ``on``."""
    orbat = load_orbat(store)
    unit, _ = resolve_unit(orbat, store.view, name)
    return [unit, *Hierarchy(orbat, store.view, on).descendants(unit)]


# -- helpers ------------------------------------------------------------------------------------


def _relations(hierarchy: Hierarchy, unit: str, record: UnitRecord | None) -> list[UnitRelation]:
    """The unit's own knowledge-base relations, then every document relation touching it."""
    found: list[UnitRelation] = []
    if record is not None:
        origin = _origin(record)
        found += [
            UnitRelation(unit, r.parent, origin, r.source, r.verified, r.start, r.end)
            for r in record.parents
        ]
    if hierarchy.view is None:
        return found
    for r in hierarchy.view.iter_unit_relations(children=[unit], parents=[unit]):
        if r.document_id is None or r.child == r.parent:
            continue
        found.append(
            UnitRelation(
                hierarchy.name(r.child),
                hierarchy.name(r.parent),
                "document",
                r.document_name or r.source,
                True,
                r.valid_from,
                r.valid_to,
                document=r.document_name,
                published=r.published,
                contradicts=hierarchy.contradicts(r),
            )
        )
    return found


def _chain_people(orbat: Orbat, view: View, chain_units: list[str]) -> list[StoredPerson]:
    """Persons whose title names a unit of the chain ("commander of the 2nd CAA")."""
    names = set(chain_units)
    spellings: list[str] = []
    for unit in chain_units:
        record = orbat.get(unit)
        spellings += [unit, *(record.aliases if record else ())]
    people = []
    for p in view.iter_persons(title_contains=spellings):
        title = p.person.title or ""
        if any(n in names for _, _, n in find_units(title, orbat)):
            people.append(p)
    return people


def _chain_statements(
    hierarchy: Hierarchy, view: View, chain_units: list[str], people: list[StoredPerson]
) -> list[StoredStatement]:
    """Incitement and orders given by a person of the chain (any spelling) or by its units.

    Every incitement and order is read and matched in Python: speakers are spelled too many
    ways for SQL, and such statements are few next to incidents.
    """
    units = set(chain_units)
    speakers = {p.person.name for p in people}
    return [
        s
        for s in view.iter_statements(kinds=_CHAIN_KINDS)
        if any(same_person(s.statement.speaker, name) for name in speakers)
        or hierarchy.name(s.statement.speaker) in units
    ]


def _origin(record: UnitRecord) -> str:
    """Where a record comes from: the built-in knowledge base or a user file."""
    return KNOWLEDGE_BASE if Path(record.source_file) == BUILTIN_UNITS else USER_FILE


def _statement_record(s: StoredStatement) -> dict[str, Any]:
    return {"document": s.document_name, **s.statement.to_record()}


def _names(relations: Iterable[StoredRelation]) -> tuple[str, ...]:
    """The distinct document names of relations, in order."""
    return tuple(dict.fromkeys(r.document_name or r.source for r in relations))


def _holds(relation: StoredRelation, on: str | None) -> bool:
    """Whether a document's relation speaks for ``on``: within its stored bounds, else from
    the document's publication on (a statement without a date speaks only for today)."""
    if relation.valid_from or relation.valid_to:
        if on is None:
            return relation.valid_to is None
        start, end = relation.valid_from, relation.valid_to
        return (start is None or start[: len(on)] <= on) and (end is None or on <= end[: len(on)])
    if on is None:
        return True
    return relation.published is not None and relation.published[: len(on)] <= on


def _check_day(on: str | None) -> str | None:
    """``on`` as a partial ISO date, checked; CasefileError if it is not one."""
    if on is None:
        return None
    match = _DAY.match(on)
    try:
        if not match:
            raise ValueError(on)
        dt.date(*(int(part) if part else 1 for part in match.groups()))
    except ValueError:
        raise CasefileError(f"not a date: {on!r} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return on


def _one_line(error: Exception) -> str:
    """An error message on one line (a YAML parser's message spans several)."""
    return " ".join(str(error).split())
