"""Romanisation of names by a national standard, and persons' English names.

Each pack names its system in ``pack.yaml`` and lists its letters in
``romanization.yaml``: Ukrainian by the Cabinet of Ministers' 2010 table
(Скобєлєв -> Skobieliev, Їжакевич -> Yizhakevych, Згурський -> Zghurskyi), Russian by
BGN/PCGN (Андреев -> Andreyev, Ельцин -> Yeltsin). A letter at the start of a word
takes its ``initial`` form; Russian е and ё also after a vowel or a sign
(``after_vowel``); ``pairs`` are letter pairs with a rendering of their own.

:func:`english_name` gives a person's name in English: the spelling of
``knowledge/data/persons.yaml`` where the person is known there (Зеленський ->
Volodymyr Zelenskyy), else the romanisation; an inflected surname ("Скобєлєва") is
first read as its nominative by pymorphy3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["KnownPersons", "Romanizer"]

_CYR_WORD = re.compile(r"[\u0400-\u04ff][\u0400-\u04ff'’ʼ]*")


@dataclass(frozen=True)
class Romanizer:
    """One romanisation system, from a pack's ``romanization.yaml``."""

    letters: dict[str, str]
    initial: dict[str, str]
    pairs: dict[str, str]
    after_vowel: str = ""

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> Romanizer:
        return cls(
            {str(k): str(v) for k, v in table["letters"].items()},
            {str(k): str(v) for k, v in table.get("initial", {}).items()},
            {str(k): str(v) for k, v in (table.get("pairs") or {}).items()},
            str(table.get("after_vowel", "")),
        )

    def __call__(self, text: str) -> str:
        """``text`` with its Cyrillic words romanised; other characters as they are."""
        return _CYR_WORD.sub(lambda m: self._word(m.group()), text)

    def _word(self, word: str) -> str:
        out: list[str] = []
        i = 0
        while i < len(word):
            ch, low = word[i], word[i].lower()
            pair = word[i : i + 2].lower()
            if pair in self.pairs:
                rep, step = self.pairs[pair], 2
            else:
                step = 1
                prev = word[i - 1].lower() if i else ""
                if low in self.initial and (i == 0 or (prev and prev in self.after_vowel)):
                    rep = self.initial[low]
                else:
                    rep = self.letters.get(low, "" if low in "'’ʼ" else ch)
            if ch != low and rep:  # a capital: the first letter of its rendering only
                rep = rep[0].upper() + rep[1:]
            out.append(rep)
            i += step
        return "".join(out)


@dataclass(frozen=True)
class Person:
    name: str  # the English spelling
    aliases: tuple[str, ...]


class KnownPersons:
    """The persons of ``knowledge/data/persons.yaml``: English spelling and other forms."""

    def __init__(self, persons: list[Person]) -> None:
        self.persons = persons
        self._by_surname: dict[str, list[Person]] = {}
        for p in persons:
            for alias in (p.name, *p.aliases):
                self._by_surname.setdefault(alias.split()[-1].lower(), []).append(p)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> KnownPersons:
        path = Path(__file__).parents[1] / "knowledge" / "data" / "persons.yaml"
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        return cls([Person(r["name"], tuple(r.get("aliases", []))) for r in raw])

    def get(self, name: str) -> Person | None:
        """The known person whose name or alias has the surname of ``name`` and agrees on the
        given name where both have one."""
        words = name.split()
        if not words:
            return None
        for p in self._by_surname.get(words[-1].lower(), []):
            # a surname-only alias ("Белоусов") does not let another given name through
            given = {f.split()[0].lower() for f in (p.name, *p.aliases) if len(f.split()) > 1}
            if len(words) == 1 or not given or words[0].lower() in given:
                return p
        return None
