"""The domain objects that flow through casefile.

A :class:`Document` is what was ingested (bytes kept, text extracted). The
extraction pipeline fills an :class:`Analysis` for it: first :class:`Mention`
objects with character spans (dates, places, units, counts, ...), then the
facts of ``spec/analysis-format.md`` (incidents, statistics, units, statements,
persons). ``to_record`` / ``from_record`` are the only places where these objects
become the spec's JSON.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]  # [start, end) in code points of Document.text


def sha256(data: bytes | str) -> str:
    """Content hash used as identity (documents, facts)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


@dataclass
class Document:
    """One ingested document. ``id`` is the SHA-256 of its original bytes."""

    id: str
    text: str
    name: str = ""  # the input's doc_id, or the file name
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (may be partial)
    language: str | None = "en"
    media_type: str = "text/plain"
    original: bytes = b""
    source_path: str | None = None
    ingested_at: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "decoded as cp1252"

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Document:
        """A document made from text alone (a JSONL line): its identity is the text's hash."""
        original = text.encode("utf-8")
        return cls(id=sha256(original), text=text, original=original, **meta)

    @property
    def ref(self) -> str:
        """The name users see: the input's doc_id where it had one."""
        return self.name or self.id[:12]


@dataclass
class DateRange:
    """A partial-ISO interval: ``2024``, ``2024-08`` or ``2024-08-17`` at each end."""

    start: str | None
    end: str | None

    def to_record(self) -> dict[str, str | None]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_record(cls, rec: dict[str, Any] | None) -> DateRange | None:
        if not rec or not (rec.get("start") or rec.get("end")):
            return None
        return cls(rec.get("start"), rec.get("end"))


@dataclass
class Place:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # settlement | district | admin1 | country
    geonameid: int | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any] | None) -> Place | None:
        if not rec or not rec.get("name"):
            return None
        return cls(
            name=rec["name"],
            country=rec.get("country"),
            admin1=rec.get("admin1"),
            lat=rec.get("lat"),
            lon=rec.get("lon"),
            precision=rec.get("precision"),
        )


@dataclass
class Count:
    low: int | None = None
    best: int | None = None
    high: int | None = None

    def to_record(self) -> dict[str, int | None]:
        return {"low": self.low, "best": self.best, "high": self.high}

    @classmethod
    def from_record(cls, rec: Any) -> Count | None:
        if isinstance(rec, int):
            return cls(best=rec)
        if not isinstance(rec, dict):
            return None
        return cls(rec.get("low"), rec.get("best"), rec.get("high"))


@dataclass
class Mention:
    """Something a stage found in the text: a date, place, unit, count, cue ..."""

    kind: str  # see vocab.MENTION_KINDS
    start: int
    end: int
    text: str
    value: Any = None  # DateRange, Place, canonical unit name, Count, vocabulary value ...
    sentence: int = -1  # index into Analysis.sentences

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass
class Actor:
    name: str
    kind: str = "force"  # unit | person | group | force

    def to_record(self) -> dict[str, str]:
        return {"name": self.name, "kind": self.kind}


@dataclass
class Incident:
    type: str
    summary: str = ""
    date: DateRange | None = None
    place: Place | None = None
    perpetrators: list[Actor] = field(default_factory=list)
    victim_category: str = "unknown"
    count: Count | None = None
    evidence: list[str] = field(default_factory=list)
    certainty: str = "reported"
    attribution: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    case: str | None = None
    confidence: float | None = None  # probability that it is a real incident of this type
    trigger: Span | None = None  # the word that first tells the act; with the type, its key

    def to_record(self) -> dict[str, Any]:
        rec: dict[str, Any] = {
            "type": self.type,
            "summary": self.summary,
            "date": self.date.to_record() if self.date else None,
            "place": self.place.to_record() if self.place else None,
            "perpetrators": [p.to_record() for p in self.perpetrators],
            "victims": {
                "category": self.victim_category,
                "count": (self.count or Count()).to_record(),
            },
            "evidence": list(self.evidence),
            "certainty": self.certainty,
            "attribution": list(self.attribution),
            "spans": [list(s) for s in self.spans],
        }
        if self.confidence is not None:
            rec["confidence"] = round(self.confidence, 3)
        if self.case:
            rec["case"] = self.case
        return rec

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Incident:
        victims = rec.get("victims") or {}
        t = rec.get("type")
        return cls(
            type=t[0] if isinstance(t, list) else str(t),
            summary=rec.get("summary") or "",
            date=DateRange.from_record(rec.get("date")),
            place=Place.from_record(rec.get("place")),
            perpetrators=[
                Actor(p["name"], p.get("kind", "force")) if isinstance(p, dict) else Actor(str(p))
                for p in rec.get("perpetrators") or []
            ],
            victim_category=victims.get("category") or "unknown",
            count=Count.from_record(victims.get("count")),
            evidence=list(rec.get("evidence") or []),
            certainty=rec.get("certainty") or "reported",
            attribution=list(rec.get("attribution") or []),
            spans=[(int(a), int(b)) for a, b in rec.get("spans") or []],
            case=rec.get("case"),
            confidence=rec.get("confidence"),
        )


@dataclass
class Statistic:
    value: int
    counted: str  # victims | cases
    category: str = "unknown"
    period: DateRange | None = None
    as_of: str | None = None
    by: str | None = None
    spans: list[Span] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "counted": self.counted,
            "category": self.category,
            "period": self.period.to_record() if self.period else None,
            "as_of": self.as_of,
            "by": self.by,
            "spans": [list(s) for s in self.spans],
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Statistic:
        return cls(
            value=int(rec["value"]),
            counted=rec.get("counted") or "victims",
            category=rec.get("category") or "unknown",
            period=DateRange.from_record(rec.get("period")),
            as_of=rec.get("as_of"),
            by=rec.get("by"),
            spans=[(int(a), int(b)) for a, b in rec.get("spans") or []],
        )


@dataclass
class UnitLink:
    """A unit and the ancestors the document states for it, innermost first."""

    name: str
    parents: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {"name": self.name, "parents": list(self.parents)}


@dataclass
class Statement:
    kind: str  # incitement | order | honour | denial
    speaker: str
    target: str | None = None
    date: DateRange | None = None
    spans: list[Span] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "speaker": self.speaker,
            "target": self.target,
            "date": self.date.to_record() if self.date else None,
        }


@dataclass
class Person:
    name: str
    title: str | None = None
    affiliation: str | None = None
    spans: list[Span] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "affiliation": self.affiliation}


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    # the language of a sentence in another one than the document's (a Ukrainian post
    # quoted in an English article); None: the document's
    language: str | None = None


@dataclass
class Analysis:
    """What the pipeline knows about one document; stages read and add to it."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    units: list[UnitLink] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    extractor: str = ""  # pipeline name and version that produced it
    # Working state of the stages, never serialised: event mentions (extract/events.py) and
    # the dependency parses of the sentences that hold them (sentence index -> spaCy Doc).
    events: list[Any] = field(default_factory=list, repr=False, compare=False)
    parses: dict[int, Any] = field(default_factory=dict, repr=False, compare=False)
    # The document's extraction budget (casefile.extract.pipeline.Budget), set by the pipeline:
    # long loops call ``check_budget()``; its ``timings`` say how long each stage took.
    budget: Any = field(default=None, repr=False, compare=False)
    _index: dict[tuple[str, int | None], list[Mention]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _indexed: int = field(default=-1, repr=False, compare=False)
    # The text as the stages read it (set by the sentences stage): the document's, with the
    # line breaks of hard-wrapped paragraphs read as spaces. Same length, so every offset
    # into it is an offset into the document's text.
    reading: str | None = field(default=None, repr=False, compare=False)
    # What a batch read ahead for the stage about to run (extract/ahead.py): spaCy's Doc of
    # a sentence by (what, sentence index, text); emptied after each stage.
    ahead: dict[tuple[str, int, str], Any] = field(default_factory=dict, repr=False, compare=False)
    # What the stages work out once per document and read several times (an upper-case
    # document's mixed-case copy: extract/truecase.py); emptied when the pipeline is done.
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.reading if self.reading is not None else self.document.text

    def check_budget(self) -> None:
        """Raise BudgetError if this document has used up its time (a no-op without one).
        Cheap: call it inside any loop that can run long on hostile text."""
        if self.budget is not None:
            self.budget.check()

    @property
    def timings(self) -> dict[str, float]:
        """Seconds each stage took on this document (empty outside a pipeline)."""
        return dict(self.budget.timings) if self.budget is not None else {}

    def mentions_of(self, kind: str, sentence: int | None = None) -> list[Mention]:
        """Mentions of a kind (in one sentence), from an index rebuilt when mentions were added."""
        if self._indexed != len(self.mentions):
            self._index = {}
            for m in self.mentions:
                self._index.setdefault((m.kind, None), []).append(m)
                self._index.setdefault((m.kind, m.sentence), []).append(m)
            self._indexed = len(self.mentions)
        return list(self._index.get((kind, sentence), []))

    def language_of(self, i: int) -> str:
        """The language code sentence ``i`` is written in: its own, else the document's."""
        own = self.sentences[i].language if 0 <= i < len(self.sentences) else None
        return (own or self.document.language or "en").split("-")[0].lower()

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (-1 if none)."""
        for i, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return i
        return -1

    def to_record(self) -> dict[str, Any]:
        """The spec's analysis record for this document."""
        return {
            "doc_id": self.document.ref,
            "incidents": [i.to_record() for i in self.incidents],
            "statistics": [s.to_record() for s in self.statistics],
            "units": [u.to_record() for u in self.units],
            "statements": [s.to_record() for s in self.statements],
            "persons": [p.to_record() for p in self.persons],
        }


# The media type of a Document that holds testimony taken by the team and entered by an
# analyst with its incidents (POST /api/v1/incidents); `analyze` leaves such documents alone.
TESTIMONY = "text/x-casefile-testimony"
