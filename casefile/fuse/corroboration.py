"""How well a case is corroborated: independent origins, and a grade with its reasons.

An *origin* is where an account comes from. A report's attribution lists its sources,
outermost first (a paper citing CNN citing Ukrainian intelligence); a report without one is
its publisher's own. Two reports that share a source, or a publisher, are one origin (their
accounts hang on one chain); the independent origins are the groups left after joining
every two that share one.

Grades (:data:`casefile.vocab.CORROBORATION`), first that holds:

- ``contested``: a source denies it (a report's certainty is ``disputed``, or its document
  carries a denial);
- ``single-source``: one document tells it;
- ``strong``: three or more independent origins, or two with one of them confirmed or
  backed by material (video, photos, forensic, documents);
- ``fair``: two independent origins;
- ``weak``: several documents, one origin (they cite one another or one source).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from casefile.resolve.names import name_tokens, spelling
from casefile.vocab import CORROBORATION as GRADE

from .report import Report

MATERIAL = frozenset(
    {"video", "drone_video", "photo", "forensic", "documents", "satellite_imagery"}
)


@dataclass
class Corroboration:
    grade: str
    origins: list[list[str]]  # each independent origin: the sources and publishers in it
    reasons: list[str] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {"grade": self.grade, "origins": self.origins, "reasons": list(self.reasons)}


def _key(name: str) -> str:
    return " ".join(spelling(w) for w in name_tokens(name)) or name.casefold().strip()


def origins(reports: Sequence[Report]) -> list[list[str]]:
    """The independent origins: reports joined where they share a source or a publisher."""
    parent = list(range(len(reports)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[str, int] = {}
    names: list[list[str]] = []
    for k, r in enumerate(reports):
        own = [*r.incident.attribution] or [r.publisher or r.name]
        if r.publisher:
            own.append(r.publisher)
        names.append(own)
        for name in own:
            key = _key(name)
            if key in owner:
                parent[find(k)] = find(owner[key])
            else:
                owner[key] = k
    groups: dict[int, list[str]] = {}
    for k in range(len(reports)):
        groups.setdefault(find(k), []).extend(names[k])
    return sorted(sorted(set(g)) for g in groups.values())


def corroborate(reports: Sequence[Report]) -> Corroboration:
    """The case's grade and the reasons for it."""
    found = origins(reports)
    docs = {r.document for r in reports}
    reasons = [f"{len(docs)} document(s), {len(found)} independent origin(s)"]
    disputed = [r.name for r in reports if r.incident.certainty == "disputed" or r.denied]
    if disputed:
        reasons.append("denied or disputed in " + ", ".join(sorted(set(disputed))))
        return Corroboration(GRADE.CONTESTED, found, reasons)
    if len(docs) == 1:
        return Corroboration(GRADE.SINGLE_SOURCE, found, reasons)
    backed = [
        r.name
        for r in reports
        if r.incident.certainty == "confirmed" or MATERIAL & set(r.incident.evidence)
    ]
    if len(found) >= 3 or (len(found) == 2 and backed):
        if backed:
            reasons.append("confirmed or backed by material in " + ", ".join(sorted(set(backed))))
        return Corroboration(GRADE.STRONG, found, reasons)
    if len(found) == 2:
        return Corroboration(GRADE.FAIR, found, reasons)
    reasons.append("every report rests on one origin")
    return Corroboration(GRADE.WEAK, found, reasons)
