"""The Store: SQLite by default, PostgreSQL by URL; Writer writes, View reads."""

from __future__ import annotations

from .store import Store, resolve_url
from .view import IncidentPage, IncidentQuery, ReviewedIncident, View
from .writer import Writer

__all__ = [
    "IncidentPage",
    "IncidentQuery",
    "ReviewedIncident",
    "Store",
    "View",
    "Writer",
    "resolve_url",
]
