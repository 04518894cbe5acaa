"""casefile: turn reports of atrocity crimes into a verified, source-linked incident database.

The public API; ``__all__`` is pinned by tests/test_public_api.py.
"""

from __future__ import annotations

from .analyze import AnalyzeReport, analyze
from .config import Settings
from .errors import (
    CasefileError,
    ConfigError,
    IngestError,
    InputError,
    KnowledgeError,
    RecordError,
    StoreError,
)
from .extract.pipeline import Pipeline
from .extract.records import extract_lines
from .ingest import IngestReport, ingest
from .model import (
    Actor,
    Analysis,
    Count,
    DateRange,
    Document,
    Incident,
    Mention,
    Person,
    Place,
    Statement,
    Statistic,
    UnitLink,
)
from .sources import Meta, read_path
from .store import IncidentPage, IncidentQuery, ReviewedIncident, Store, View

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Analysis",
    "AnalyzeReport",
    "CasefileError",
    "ConfigError",
    "Count",
    "DateRange",
    "Document",
    "Incident",
    "IncidentPage",
    "IncidentQuery",
    "IngestError",
    "IngestReport",
    "InputError",
    "KnowledgeError",
    "Mention",
    "Meta",
    "Person",
    "Pipeline",
    "Place",
    "RecordError",
    "ReviewedIncident",
    "Settings",
    "Statement",
    "Statistic",
    "Store",
    "StoreError",
    "UnitLink",
    "View",
    "__version__",
    "analyze",
    "extract_lines",
    "ingest",
    "read_path",
]
