"""Importing this module registers every built-in stage (each module registers its own)."""

from __future__ import annotations

from . import (  # noqa: F401
    assemble,
    counts,
    cues,
    dates,
    entities,
    events,
    persons,
    places,
    sentences,
    statements,
    statistics,
    units,
)
