"""Importing this module registers every built-in stage (each module registers its own)."""

from __future__ import annotations

from . import (  # noqa: F401
    counts,
    cues,
    dates,
    entities,
    incidents,
    persons,
    places,
    sentences,
    statements,
    statistics,
    units,
)
