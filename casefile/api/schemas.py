"""The shapes of the API's answers, for the OpenAPI document a client is generated from.

The routes build their answers from the library's ``to_record`` methods and return them as
they are (no second validation on the hot paths); these models describe them, and
tests/api/test_openapi.py checks real answers against a client generated from the document
(unknown fields refused), so the two cannot drift apart. Fields holding a vocabulary value
carry its values as an ``enum`` (vocab.py is the one place they are defined).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field

from ..vocab import (
    ACTOR_KINDS,
    CERTAINTY,
    COUNTED,
    EVIDENCE,
    INCIDENT_TYPES,
    REVIEW_STATUS,
    ROLES,
    STATEMENT_KINDS,
    VICTIM_CATEGORIES,
)


def one_of(vocab: Any, description: str = "") -> Any:
    """A string field that holds one value of ``vocab``, listed as the schema's enum."""
    return Field(description=description or vocab.name, json_schema_extra={"enum": vocab.values})


IncidentType = Annotated[str, one_of(INCIDENT_TYPES)]
ReviewStatus = Annotated[str, one_of(REVIEW_STATUS)]
Certainty = Annotated[str, one_of(CERTAINTY)]
EvidenceKind = Annotated[str, one_of(EVIDENCE)]
Role = Annotated[str, one_of(ROLES)]


class Error(BaseModel):
    """Every error of the API."""

    error: str = Field(description="What went wrong, in one line.")
    status: int = Field(description="The HTTP status, repeated.")


class Page(BaseModel):
    total: int
    limit: int | None
    offset: int
    next: str | None = Field(description="The URL of the next page; null on the last.")
    total_exact: bool | None = Field(
        None,
        description="False where `total` stopped counting (past 10,000 incidents or 1,000 "
        "cases): a floor, or an estimate where `total_estimated`.",
    )
    total_estimated: bool | None = Field(
        None,
        description="True where `total` is an estimate, not a count: PostgreSQL's planner "
        "estimate of a list of 10,000 or more, or, on SQLite, a sample's estimate of a list of "
        "15,000 or more.",
    )


# -- incidents


class DateRange(BaseModel):
    """A partial-ISO interval: 2024, 2024-08 or 2024-08-17 at each end."""

    start: str | None
    end: str | None


class Place(BaseModel):
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str | None


class Actor(BaseModel):
    name: str
    kind: Annotated[str, one_of(ACTOR_KINDS)]


class Count(BaseModel):
    low: int | None
    best: int | None
    high: int | None


class Victims(BaseModel):
    category: Annotated[str, one_of(VICTIM_CATEGORIES)]
    count: Count


class DocumentRef(BaseModel):
    id: str
    name: str


class SnippetPiece(BaseModel):
    text: str
    hit: bool = Field(description="Whether this piece matched a searched word.")


class Incident(BaseModel):
    """An incident as analysts left it: the values in force, its review status, and the
    machine's value of every field an analyst edited."""

    id: str
    document: DocumentRef
    case: str
    status: ReviewStatus
    type: IncidentType
    summary: str
    date: DateRange | None
    place: Place | None
    perpetrators: list[Actor]
    victims: Victims
    evidence: list[EvidenceKind]
    certainty: Certainty
    attribution: list[str]
    spans: list[list[int]] = Field(description="[start, end] character offsets in the document.")
    edited: list[str] = Field(description="The fields an analyst changed.")
    machine: dict[str, Any] = Field(description="The machine's value of each edited field.")
    reviewed_by: str | None
    reviewed_at: str | None
    confidence: float | None = Field(
        None, description="The extractor's probability that this is a real incident of its type."
    )
    etag: str | None = Field(None, description="Send it back as If-Match with the next edit.")
    hit: list[SnippetPiece] | None = Field(
        None, description="With `q`: the summary in pieces, the searched words marked."
    )


class IncidentPage(Page):
    items: list[Incident]


class JudgementRecord(BaseModel):
    """An analyst's act on an incident or a case, as kept (never changed)."""

    id: str
    target_type: str
    target_id: str
    action: str
    field: str | None
    machine: Any
    before: Any
    after: Any
    reason: str
    user_name: str
    at: str


class IncidentDetail(Incident):
    judgements: list[JudgementRecord]


class Point(BaseModel):
    id: str
    lat: float
    lon: float
    type: IncidentType
    date: str | None
    place: str | None
    status: ReviewStatus
    case: str


class Points(BaseModel):
    total: int
    truncated: bool
    points: list[Point]


class Month(BaseModel):
    month: str
    incidents: int
    cases: int = Field(0, description="Cases whose earliest matching incident starts then.")


class Histogram(BaseModel):
    months: list[Month]
    year_only: int = Field(description="Incidents dated to a year only.")
    undated: int
    cases_year_only: int = Field(0, description="Cases dated to a year only.")
    cases_undated: int = 0


class Facets(BaseModel):
    """Matching incidents per value of each field."""

    type: dict[str, int]
    admin1: dict[str, int]
    certainty: dict[str, int]
    status: dict[str, int]
    year: dict[str, int] = Field(description="Of the start date.")
    language: dict[str, int] = Field(description="Of the document.")


# -- cases


class Claim(BaseModel):
    value: Any
    incident: str
    document: str


class Case(BaseModel):
    id: str
    status: ReviewStatus
    type: Any
    summary: Any
    date: Any
    place: Any
    perpetrators: Any
    victim_category: Any
    count: Any
    certainty: Any
    edited: list[str]
    claims: dict[str, list[Claim]] = Field(description="What each source claims, per field.")
    incidents: list[Incident]
    corroboration: Any = Field(
        None, description="Fusion's grade (strong, fair, weak, contested, single-source), why."
    )
    reconciled: Any = Field(None, description="Fusion's reconciled date, place, victims, ...")
    links: list[Any] = Field(default=[], description="The scored pairs that joined the case.")
    etag: str | None = Field(None, description="Send it back as If-Match with the next edit.")


class CasePage(Page):
    items: list[Case]


class CaseDetail(Case):
    judgements: list[JudgementRecord]


# -- documents


class DocumentSummary(BaseModel):
    id: str
    name: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None
    media_type: str
    ingested_at: str
    sha256: str
    incidents: int


class DocumentPage(Page):
    items: list[DocumentSummary]


class Span(BaseModel):
    fact_table: str
    fact_id: str
    start: int
    end: int


class DocumentDetail(BaseModel):
    id: str
    name: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None
    language: str | None
    media_type: str
    ingested_at: str
    notes: list[str]
    bytes: int
    text: str
    spans: list[Span]


class DocumentHit(BaseModel):
    id: str
    name: str
    title: str | None
    publisher: str | None
    published: str | None
    snippet: list[SnippetPiece]


class SearchPage(Page):
    items: list[DocumentHit]


# -- statements, statistics, units


class Statement(BaseModel):
    id: str
    document: str
    document_id: str
    published: str | None
    kind: Annotated[str, one_of(STATEMENT_KINDS)]
    speaker: str
    target: str
    date: DateRange | None
    spans: list[list[int]]


class StatementPage(Page):
    items: list[Statement]


class Figure(BaseModel):
    id: str
    document: str
    document_id: str
    published: str | None
    value: int
    counted: Annotated[str, one_of(COUNTED)]
    category: str
    period: DateRange | None
    as_of: str | None
    by: Any
    spans: list[list[int]]


class IncidentCounts(BaseModel):
    total: int
    total_exact: bool = Field(
        True,
        description="False where `total` stopped counting (past 10,000, as the incident list "
        "counts): a floor, or an estimate where `total_estimated`.",
    )
    total_estimated: bool = Field(
        False, description="True where `total` is an estimate, as in the incident list."
    )
    by_type: dict[str, int]
    by_region: dict[str, int]
    by_status: dict[str, int]
    by_month: Histogram


class CaseCounts(BaseModel):
    """The cases the matching incidents make: one act counted once, however many report it."""

    total: int
    total_exact: bool = Field(
        True, description="False where `total` stopped counting (past 1,000 cases): a floor."
    )
    by_type: dict[str, int]
    by_region: dict[str, int]
    by_corroboration: dict[str, int]
    by_month: Histogram


class Statistics(BaseModel):
    incidents: IncidentCounts
    figures: list[Figure]
    series: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    cases: CaseCounts
    side_by_side: dict[str, Any] | None = Field(
        None, description="Each measure's series by body, side by side, never merged."
    )


class Parent(BaseModel):
    name: str
    source: str
    start: str | None
    end: str | None
    verified: bool


class Unit(BaseModel):
    name: str
    aliases: list[str]
    type: str
    echelon: str
    affiliation: str
    parents: list[Parent]
    note: str | None
    file: str


class UnitList(BaseModel):
    total: int
    items: list[Unit]


class UnitIncident(Incident):
    units: list[str] = Field(description="The unit and its subordinates the incident names.")


class UnitIncidents(BaseModel):
    count: int
    by_type: dict[str, int]
    list: list[UnitIncident]


class UnitReport(BaseModel):
    """A unit in any spelling; units known only from documents have only a name."""

    name: str
    aliases: list[str] | None = None
    type: str | None = None
    echelon: str | None = None
    affiliation: str | None = None
    parents: list[Parent] | None = None
    note: str | None = None
    file: str | None = None
    known_from: str
    on: str | None
    chain: list[dict[str, Any]]
    subordinates: list[dict[str, Any]]
    descendants: list[str]
    relations: list[dict[str, Any]]
    contradictions: list[dict[str, Any]]
    incidents: UnitIncidents
    statements: dict[str, list[dict[str, Any]]]
    chain_people: list[dict[str, Any]]


class PlaceCandidate(Place):
    feature_code: str = Field(description="GeoNames feature code: PPL a settlement, ADM1 ...")
    population: int
    score: float = Field(description="The geocoder's score; the first is its choice.")


class PlaceSearch(BaseModel):
    items: list[PlaceCandidate]


class Region(BaseModel):
    name: str
    iso: str = Field(description="ISO 3166-2 code.")
    lat: float
    lon: float


class Regions(BaseModel):
    """First-level areas with a point inside each, for a map's labels."""

    items: list[Region]


# -- exports, users, vocabularies, audit


class Unlocked(BaseModel):
    name: str
    unlocked: bool


class ExportFormat(BaseModel):
    name: str
    media_type: str
    extension: str
    cases: bool
    description: str


class ExportFormats(BaseModel):
    formats: list[str]
    details: list[ExportFormat]


class User(BaseModel):
    name: str
    role: Role
    created_at: str
    disabled: bool


class Me(User):
    via: str = Field(description="session or token")


class Term(BaseModel):
    value: str
    label: str
    description: str


class AuditEntry(BaseModel):
    seq: int
    at: str
    actor: str
    action: str
    object_type: str
    object_id: str
    before: Any
    after: Any
    reason: str
    prev: str
    hash: str


class AuditPage(BaseModel):
    items: list[AuditEntry]
    before: int | None = Field(description="Pass as `before` for older entries; null: no more.")


class AuditProblem(BaseModel):
    seq: int | None
    message: str


class AuditVerification(BaseModel):
    ok: bool
    entries: int
    lines: list[str]
    problems: list[AuditProblem]


# -- briefs (#13)


class Brief(BaseModel):
    """A cited brief: key takeaways, figures by body, units implicated; every sentence with
    its sources (``sources``, each with a link to its highlighted span)."""

    title: str
    filters: dict[str, Any]
    since: str | None
    incidents: int
    cases: int
    takeaways: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    figure_notes: list[Any]
    units: list[dict[str, Any]]
    months: list[Any]
    base_url: str
    sources: list[dict[str, Any]]
