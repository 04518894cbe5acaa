"""``casefile fuse --jsonl``: analysis records in (with their documents' fields), the same
records out with ``case`` on every incident; nothing stored."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from casefile.compare import WEIGHTS, Weights
from casefile.errors import RecordError
from casefile.model import Incident
from casefile.vocab import INCIDENT_TYPES

from . import Case, fuse_records


def read_records(lines: Iterable[bytes], source: str) -> list[dict[str, Any]]:
    """The analysis records of ``lines``, checked; RecordError names ``source:line``."""
    out = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            rec = json.loads(line.decode("utf-8-sig"))
        except UnicodeDecodeError as e:
            raise RecordError(where, f"not valid UTF-8 at byte {e.start}") from None
        except json.JSONDecodeError as e:
            raise RecordError(where, f"not valid JSON ({e.msg} at column {e.colno})") from None
        if not isinstance(rec, dict):
            raise RecordError(where, "a line must be a JSON object (an analysis record)")
        incidents = rec.get("incidents") or []
        if not isinstance(incidents, list):
            raise RecordError(where, "'incidents' must be a list")
        for n, inc in enumerate(incidents):
            t = inc.get("type") if isinstance(inc, dict) else None
            t = t[0] if isinstance(t, list) and t else t
            if t not in INCIDENT_TYPES:
                raise RecordError(
                    where,
                    f"incident {n}: 'type' must be one of {', '.join(INCIDENT_TYPES.values)}",
                )
            try:
                Incident.from_record(inc)
            except (TypeError, ValueError, KeyError, AttributeError) as e:
                raise RecordError(
                    where, f"incident {n}: not in the analysis format ({e})"
                ) from None
        out.append(rec)
    return out


def fuse_lines(
    lines: Iterable[bytes], source: str, weights: Weights = WEIGHTS
) -> tuple[list[dict[str, Any]], list[Case]]:
    """Records of ``lines`` with their cases (see :func:`casefile.fuse.fuse_records`)."""
    return fuse_records(read_records(lines, source), weights)
