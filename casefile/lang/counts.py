"""Counts in Ukrainian and Russian text: digits and number words in any case form.

``WordCounts(table, lemma).find(text)`` returns :class:`CountMatch` objects: a run of
number words ("двадцять п'ять", "трьох", "девятерых", "три тисячі") or digits
("12", "1 200", "5-ти") with the value it names, and the bound a word before it sets
("щонайменше 5" is at least 5; "близько 20" about 20). A word is a number when its
lemma (pymorphy3) or its form is in the pack's ``numbers.yaml``; a run adds its parts
and multiplies by a scale word ("три тисячі" = 3000). The words are data; the order of
the parts is all this module knows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .morph import WORD, normalise_apostrophes

__all__ = ["CountMatch", "WordCounts"]


@dataclass(frozen=True)
class CountMatch:
    """``text[start:end]`` names ``value``; ``bound`` is "", "at_least", "at_most" or "about"."""

    start: int
    end: int
    text: str
    value: int
    bound: str = ""


# Digits, with thin or plain spaces as thousands separators, and a case ending ("5-ти").
_DIGITS = re.compile(
    r"(?<![\d.,])\d{1,3}(?:[  \u202f]\d{3})+(?![\d.,]\d)|(?<![\d.,])\d+(?![\d]|[.,]\d)"
)
_DIGIT_ENDING = re.compile(r"-?(?:ти|х|ох|ьох|ми|ма|ом|м|и)(?!\w)")
_TOKEN = re.compile(rf"{_DIGITS.pattern}|{WORD.pattern}")


class WordCounts:
    """The count finder of one language: its number words and bound words from data."""

    def __init__(self, table: dict[str, Any], lemma: Callable[[str], str]) -> None:
        norm = normalise_apostrophes
        self.units = {norm(k): int(v) for k, v in table["units"].items()}
        self.scales = {norm(k): int(v) for k, v in table["scales"].items()}
        self.forms = {norm(k): int(v) for k, v in table.get("forms", {}).items()}
        self.bounds = [
            (tuple(norm(p).lower().split()), kind)
            for kind in ("at_least", "at_most", "about")
            for p in table.get(kind, [])
        ]
        self.bounds.sort(key=lambda b: -len(b[0]))
        self.lemma = lemma

    def number(self, word: str) -> int | None:
        """The value of one number word in any case form ("дев'ятьох" -> 9), or None."""
        w = normalise_apostrophes(word.lower())
        if w in self.forms:
            return self.forms[w]
        if w in self.units:
            return self.units[w]
        lem = normalise_apostrophes(self.lemma(w))
        return self.units.get(lem)

    def _scale(self, word: str) -> int | None:
        w = normalise_apostrophes(word.lower())
        if w in self.scales:
            return self.scales[w]
        return self.scales.get(normalise_apostrophes(self.lemma(w)))

    def value(self, phrase: str) -> int | None:
        """The value of a phrase that is one number ("двадцять п'ять" -> 25), else None."""
        found = self.find(phrase)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(phrase.rstrip()):
            return found[0].value
        return None

    def find(self, text: str) -> list[CountMatch]:
        """Every count in ``text``, in text order."""
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        out: list[CountMatch] = []
        i = 0
        while i < len(tokens):
            start, end, tok = tokens[i]
            total, current, j = 0, None, i
            # 1. a run of number words or one number in digits
            if tok[0].isdigit():
                current = int(re.sub(r"\D", "", tok))
                j = i + 1
                ending = _DIGIT_ENDING.match(text, end)
                if ending:
                    end = ending.end()
                    while j < len(tokens) and tokens[j][0] < end:
                        j += 1
            else:
                while j < len(tokens) and not tokens[j][2][0].isdigit():
                    w = tokens[j][2]
                    if j > i and text[tokens[j - 1][1] : tokens[j][0]].strip():
                        break  # a comma or a dash ends the number
                    scale = self._scale(w)
                    n = None if scale else self.number(w)
                    if scale and (current is not None or j == i):
                        total += (current or 1) * scale
                        current = None
                    elif n is not None:
                        current = (current or 0) + n
                    else:
                        break
                    end = tokens[j][1]
                    j += 1
            if j == i or (current is None and total == 0):
                i += 1
                continue
            value = total + (current or 0)
            # 2. the bound set by the words before it
            bound, start = self._bound(text, tokens, i, start)
            out.append(CountMatch(start, end, text[start:end], value, bound))
            i = j
        return out

    def _bound(
        self, text: str, tokens: list[tuple[int, int, str]], i: int, start: int
    ) -> tuple[str, int]:
        for words, kind in self.bounds:
            k = len(words)
            if i < k:
                continue
            before = tokens[i - k : i]
            if tuple(normalise_apostrophes(t[2].lower()) for t in before) == words:
                return kind, before[0][0]
        return "", start
