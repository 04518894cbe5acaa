"""The Store: SQLite by default, PostgreSQL by URL; Writer writes, View reads."""

from __future__ import annotations

from .store import Store, resolve_url
from .view import IncidentFilter, View
from .writer import Writer

__all__ = ["IncidentFilter", "Store", "View", "Writer", "resolve_url"]
