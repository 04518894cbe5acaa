"""People named in Ukrainian and Russian text, found by the dictionary's name tags.

No spaCy model names people in these languages, so :class:`MorphPersons` reads pymorphy3's
grammemes: a run of capitalised words (at most three) is a person when one of them is a
given name (``Name``; by a less likely reading of the word only with a surname after it:
"Максим Жуков") and another a surname, a patronymic or any capitalised word after the
given name ("Олександр Гуз", "Гуза Олександра", "Мария Ивановна Петрова"), or when the word
is a known person's form (``knowledge/data/persons.yaml``: "Зеленський"). Each person comes
with its English name (:meth:`LanguagePack.person_name`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .morph import _analyzer, normalise_apostrophes

__all__ = ["MorphPersons"]

_CAP_WORD = re.compile(r"(?<![\w'’ʼ-])[А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ]+(?:-[А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ]+)?")
_GAP = re.compile(r"[ \xa0]+\Z")


class MorphPersons:
    """Persons in one language's text by pymorphy3's Name, Surn and Patr grammemes."""

    def __init__(self, lang: str, known: Callable[[str], Any]) -> None:
        self.lang = lang
        self.known = known  # a surname -> a known person, or None

    def _tags(self, word: str) -> set[str]:
        parses = _analyzer(self.lang).parse(normalise_apostrophes(word.lower()))
        out: set[str] = set()
        for p in parses[:3]:
            out |= {"Name", "Surn", "Patr", "Geox"} & set(p.tag.grammemes)
        if any("Name" in p.tag.grammemes for p in parses[3:]):
            out.add("name?")  # a given name by a less likely reading ("Максим": a maxim)
        return out

    def find(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each person's name in ``text``: a given name with the patronymic
        and the surname after it, or the surname just before it ("Гуза Олександра")."""
        words = [(m.start(), m.end(), m.group()) for m in _CAP_WORD.finditer(text)]
        tags = [self._tags(w) for _, _, w in words]

        def next_to(i: int, j: int) -> bool:  # words i and j (i < j) stand side by side
            return bool(_GAP.match(text, words[i][1], words[j][0])) or (
                words[i][1] < words[j][0] and not text[words[i][1] : words[j][0]].strip()
            )

        out: list[tuple[int, int]] = []
        used = -1
        for i, t in enumerate(tags):
            if i <= used:
                continue
            if "name?" in t and i + 1 < len(words) and next_to(i, i + 1) and "Surn" in tags[i + 1]:
                t = t | {"Name"}  # a rarer reading as a given name, a surname after it
            if (
                "Name" in t
                and "Geox" in t
                and i + 1 < len(words)
                and next_to(i, i + 1)
                and "Surn" in tags[i + 1]
                and "Geox" not in tags[i + 1]
            ):
                t = t - {"Geox"}  # a given name that is a town too ("Владимир"), a surname after
            if "Name" in t and "Geox" not in t:
                lo = hi = i
                if i + 1 < len(words) and next_to(i, i + 1) and "Patr" in tags[i + 1]:
                    hi = i + 1
                after = tags[hi + 1] if hi + 1 < len(words) else set()
                if (
                    hi + 1 < len(words)
                    and next_to(hi, hi + 1)
                    and ("Geox" not in after or "Surn" in after)  # "Иванову": not Иваново
                ):
                    hi += 1  # the surname after the given name, whatever the dictionary says
                    if hi + 1 < len(words) and next_to(hi, hi + 1) and "Surn" in tags[hi + 1]:
                        hi += 1  # "Василь Іванович Петренко": that was the patronymic
                elif i > 0 and i - 1 > used and next_to(i - 1, i) and "Surn" in tags[i - 1]:
                    lo = i - 1  # the surname first, as in lists and court papers
                if hi > lo:
                    out.append((words[lo][0], words[hi][1]))
                    used = hi
            elif self.known(words[i][2]) is not None:
                out.append((words[i][0], words[i][1]))
        return out
