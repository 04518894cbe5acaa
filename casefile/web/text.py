"""Text for templates to escape: a document's text cut into plain and highlighted pieces,
values as a person reads them, and an audit entry's change as before and after per field."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..display import readable


@dataclass
class Piece:
    text: str
    marks: list[str]  # the ids of the facts whose spans cover this piece (empty: plain text)
    start: int = 0  # where the piece begins in the text: a span's anchor (briefs link there)


def highlight(text: str, spans: list[tuple[int, int, str]]) -> list[Piece]:
    """``text`` in pieces at every span boundary; each piece lists the facts covering it.
    ``spans`` are (start, end, fact id); ones outside the text are clipped or dropped."""
    cuts = {0, len(text)}
    clean = []
    for start, end, fact in spans:
        start, end = max(0, start), min(len(text), end)
        if start < end:
            clean.append((start, end, fact))
            cuts |= {start, end}
    points = sorted(cuts)
    pieces = []
    for a, b in itertools.pairwise(points):
        marks = [fact for start, end, fact in clean if start <= a and b <= end]
        pieces.append(Piece(text[a:b], list(dict.fromkeys(marks)), a))
    return pieces


def changes(before: object, after: object) -> list[tuple[str, str, str]]:
    """What an audit entry changed, field by field: (field, before, after), readable, only
    the fields whose value differs (a nested record's fields named ``place.name``). A value
    that is not a record is one row named ``value``."""
    if not isinstance(before, dict) and not isinstance(after, dict):
        return [] if before == after else [("value", readable(before), readable(after))]
    old = _flat(before if isinstance(before, dict) else {})
    new = _flat(after if isinstance(after, dict) else {})
    return [
        (key, readable(old.get(key)), readable(new.get(key)))
        for key in dict.fromkeys([*old, *new])
        if old.get(key) != new.get(key)
    ]


def _flat(record: dict[str, object], prefix: str = "") -> dict[str, object]:
    """A record's fields, nested records' fields as ``outer.inner`` (lists stay whole)."""
    out: dict[str, object] = {}
    for key, value in record.items():
        if isinstance(value, dict) and value:
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out
