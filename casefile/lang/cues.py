"""Cue phrases (hedges, denials, attributions, triggers) found by their lemmas.

A phrase list is lemmatised once, word by word, with the same lemmatizer as the text,
so "повідомили", "повідомляє" and "повідомив" all match the entry "повідомити", and
"по предварительным данным" matches "по предварительным данным" in any case. A match
is a run of consecutive words whose lemmas equal the phrase's, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

__all__ = ["CueMatch", "PhraseMatcher"]


@dataclass(frozen=True)
class CueMatch:
    """``text[start:end]`` is the cue ``phrase`` (as the data file writes it) of ``kind``."""

    start: int
    end: int
    text: str
    kind: str
    phrase: str


class PhraseMatcher:
    """Phrases of several kinds, matched by lemma sequences over a text's lemmas."""

    def __init__(
        self,
        phrases: Mapping[str, Iterable[str]],
        lemmas: Callable[[str], list[tuple[int, int, str]]],
    ) -> None:
        self._lemmas = lemmas
        # first lemma -> [(lemma sequence, kind, phrase)], longest first
        self._index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for kind, items in phrases.items():
            for phrase in items:
                seq = tuple(lem for _, _, lem in lemmas(phrase))
                if seq:
                    self._index.setdefault(seq[0], []).append((seq, kind, phrase))
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def kinds(self) -> set[str]:
        return {kind for entries in self._index.values() for _, kind, _ in entries}

    def find(self, text: str, kinds: Iterable[str] | None = None) -> list[CueMatch]:
        """Every cue of ``kinds`` (all kinds if None) in ``text``, in text order, no overlaps."""
        wanted = set(kinds) if kinds is not None else None
        words = self._lemmas(text)
        out: list[CueMatch] = []
        i = 0
        while i < len(words):
            hit = None
            for seq, kind, phrase in self._index.get(words[i][2], ()):
                if wanted is not None and kind not in wanted:
                    continue
                n = len(seq)
                if tuple(w[2] for w in words[i : i + n]) == seq:
                    hit = (n, kind, phrase)
                    break
            if hit is None:
                i += 1
                continue
            n, kind, phrase = hit
            start, end = words[i][0], words[i + n - 1][1]
            out.append(CueMatch(start, end, text[start:end], kind, phrase))
            i += n
        return out
