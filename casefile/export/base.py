"""What every export format reads: the incidents (or cases) a query matches, each as one
:class:`Item` with the values in force, which of them an analyst changed, and the machine's.

An exporter is registered by name in ``registry.exporters`` (built-ins through the same door
as plugins): a :class:`Exporter` whose ``render`` turns a :class:`Selection` into bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from ..knowledge.orbat import Orbat
from ..model import Document
from ..store import Store
from ..store.view import IncidentQuery, ReviewedIncident, StoredCase, View
from ..units import load_orbat


@dataclass(frozen=True)
class Exporter:
    """One export format: its name, media type, file extension and renderer."""

    name: str
    media_type: str
    extension: str
    description: str
    render: Callable[[Selection], bytes]
    cases: bool = True  # whether it can export cases (``--cases``) as well as incidents


@dataclass
class Item:
    """One exported incident or case, with the values in force in the analysis format."""

    kind: str  # incident | case
    id: str
    case_id: str
    status: str  # vocab.REVIEW_STATUS
    record: dict[str, Any]  # type, summary, date, place, perpetrators, victims, evidence, ...
    edited: list[str]  # EDIT_GROUPS an analyst changed
    machine: dict[str, Any]  # the machine's value of each edited group
    documents: list[tuple[str, str]]  # (document id, name) of every source
    incidents: list[str]  # the incident ids (one, or a case's members)
    grade: str | None = None  # a case's corroboration grade, where fusion gave one
    reviewed_by: str | None = None
    reviewed_at: str | None = None

    @classmethod
    def of_incident(cls, r: ReviewedIncident) -> Item:
        rec = r.incident.to_record()
        rec.pop("case", None)
        return cls(
            kind="incident",
            id=r.id,
            case_id=r.case_id,
            status=r.status,
            record=rec,
            edited=list(r.edited),
            machine=r.to_record()["machine"],
            documents=[(r.document_id, r.document_name)],
            incidents=[r.id],
            grade=None,  # grades are a case's (fusion); an incident has none
            reviewed_by=r.reviewed_by,
            reviewed_at=r.reviewed_at,
        )

    @classmethod
    def of_case(cls, c: StoredCase) -> Item:
        rec = c.to_record()
        count = rec["count"] or {"low": None, "best": None, "high": None}
        record = {
            "type": rec["type"],
            "summary": rec["summary"],
            "date": rec["date"],
            "place": rec["place"],
            "perpetrators": rec["perpetrators"],
            "victims": {"category": rec["victim_category"], "count": count},
            # not editable on a case: every source's, each once, in member order
            "evidence": _union(m.incident.evidence for m in c.members),
            "certainty": rec["certainty"],
            "attribution": _union(m.incident.attribution for m in c.members),
            "spans": [],  # spans belong to each member's document
        }
        docs = list(dict.fromkeys((m.document_id, m.document_name) for m in c.members))
        review = c.review or {}
        return cls(
            kind="case",
            id=c.id,
            case_id=c.id,
            status=c.status,
            record=record,
            edited=list(rec["edited"]),
            machine={},  # a case has no machine value of its own: its members' are its claims
            documents=docs,
            incidents=[m.id for m in c.members],
            grade=_grade(c),
            reviewed_by=review.get("updated_by"),
            reviewed_at=None,
        )


def corroboration(case: StoredCase) -> dict[str, Any] | None:
    """Fusion's corroboration of the case ({grade, origins, reasons}), where fusion made it.
    Fusion (branch ``fuse``) keeps it in ``StoredCase.fusion``; a case without it (not fused
    yet, or a store before fusion) has none, and exports leave the grade empty."""
    fusion = getattr(case, "fusion", None)
    found = fusion.get("corroboration") if isinstance(fusion, dict) else None
    return found if isinstance(found, dict) else None


def _grade(case: StoredCase) -> str | None:
    grade = (corroboration(case) or {}).get("grade")
    return str(grade) if grade else None


def _union(lists: Any) -> list[str]:
    return list(dict.fromkeys(x for values in lists for x in values))


@dataclass
class Selection:
    """What one export reads: the query's incidents, or its cases with ``cases``."""

    store: Store
    query: IncidentQuery
    cases: bool = False
    _documents: dict[str, Document | None] = field(default_factory=dict, repr=False)
    _orbat: Orbat | None = field(default=None, repr=False)

    @property
    def view(self) -> View:
        return self.store.view

    def orbat(self) -> Orbat:
        """The order of battle with the store's unit files (loaded once)."""
        if self._orbat is None:
            self._orbat = load_orbat(self.store)
        return self._orbat

    @cached_property
    def reviewed(self) -> list[ReviewedIncident]:
        return list(self.view.iter_reviewed_incidents(self.query))

    @cached_property
    def items(self) -> list[Item]:
        """Incidents in the query's order, or cases earliest first."""
        if not self.cases:
            return [Item.of_incident(r) for r in self.reviewed]
        found: list[StoredCase] = []
        offset = 0
        while True:
            page = self.view.page_cases(replace(self.query, limit=500, offset=offset))
            found.extend(page.items)
            offset += 500
            if len(page.items) < 500:
                break
        return [Item.of_case(c) for c in found]

    def document(self, document_id: str) -> Document | None:
        if document_id not in self._documents:
            self._documents[document_id] = self.view.get_document(document_id)
        return self._documents[document_id]
