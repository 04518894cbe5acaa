"""A document's text cut into plain and highlighted pieces, for templates to escape."""

from __future__ import annotations

import itertools
from dataclasses import dataclass


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
