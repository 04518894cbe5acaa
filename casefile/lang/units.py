"""Units in Ukrainian and Russian that the unit grammar leaves unread.

``casefile.resolve.units.find_units`` reads most Cyrillic unit names ("155-ї окремої
бригади морської піхоти"). What it cannot read alone, :class:`CyrillicUnits` reads with
the pack's ``units.yaml`` (lemmas of unit nouns, ordinals and modifiers, each with the
English word):

1. a number with a case ending or an ordinal word, up to four modifier words, and a unit
   noun ("121-го важкого бомбардувального полку", "другого батальйону") become English
   words ("121st Heavy Bomber Regiment") that ``canonical_unit`` and the order of battle
   are asked about (they know it as the 121st Heavy Bomber Aviation Regiment);
2. a mention the knowledge base does not know, followed by the unit it belongs to
   ("237-го полку 76-ї дивізії"), is looked for among that unit's children with the same
   number and noun (the 237th Air Assault Regiment of the 76th Air Assault Division);
3. a battalion or company followed by its parent is named "<ordinal> Battalion, <parent>",
   with its type where the text gives one ("2nd Motorized Rifle Battalion, <parent>");
4. an ordinal in words with no modifier ("третьому корпусі") is a unit only with its
   parent after it: alone it is as often a building's section or a school's class;
5. formations without a number, ``units.yaml``'s ``named`` ("Південного військового
   округу", "Чорноморського флоту"), by the lemmas of their words.

``chain_links`` reads the chain of command such a phrase states: in the genitive a unit
followed by another with nothing but a space between is part of it ("другого батальйону
237-го полку 76-ї дивізії": battalion -> regiment -> division).

Mentions are read from the last to the first, so a parent is known before its child.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import permutations
from typing import Any

from .morph import normalise_apostrophes

__all__ = ["CyrillicUnits", "chain_links"]

_ORDINAL_NUMBER = re.compile(
    r"(?<![\w-])(?P<n>\d{1,4})-?(?:[а-яіїєґ]{1,3})?(?=\s)|(?<![\w-])(?P<w>[а-яіїєґ']{4,})(?=\s)",
    re.I,
)
_WORDS_AFTER = re.compile(r"(?:\s+[а-яіїєґё'’-]+){1,9}", re.I)
_WORD = re.compile(r"[\w'’ʼ-]+")
_MAX_HONORIFICS = 4  # words of a unit's honorific name between its modifiers and noun
_PARENT_GAP = 3  # characters between a mention and the parent after it (a space, a comma)
_SUBUNITS = ("Battalion", "Company")
# Echelons a bare number may name by itself: Ukraine's forces field brigades and corps, so
# "80-ї бригади" may be either side's; divisions, armies and regiments are Russia's.
_ONLY_NOUNS = ("Division", "Army", "Regiment")
# Echelons both sides field: a bare number names the one formation of the order of battle
# (Russia's) only where the words beside it say the unit is Russian ("бойовики 64-ї
# бригади", "64-й бригады ВС РФ"; ``units.yaml``'s ``russian_side``).
_EITHER_NOUNS = ("Brigade",)
_SIDE_BEFORE = 40  # characters before a unit that may say its side
_SIDE_AFTER = 12  # characters after it ("64-ї бригади РФ")
_SIDE_WORDS = 2  # words right before it that may say its side ("окупанти з")


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{({1: 'st', 2: 'nd', 3: 'rd'}).get(number % 10, 'th')}"


class CyrillicUnits:
    """Numbered unit mentions read with a pack's ``units.yaml``."""

    part_of: re.Pattern[str] | None = None

    def __init__(self, table: dict[str, Any], lemma: Callable[[str], str]) -> None:
        norm = normalise_apostrophes
        self.nouns = {norm(k): str(v) for k, v in table["nouns"].items()}
        self.ordinals = {norm(k): int(v) for k, v in table["ordinals"].items()}
        self.modifiers = {norm(k): str(v) for k, v in table["modifiers"].items()}
        self.honorifics = {norm(str(w)) for w in table.get("honorifics", [])}
        self.lemma = lemma
        # unnumbered formations by lemma phrase ("Південного військового округу")
        self.named: dict[tuple[str, ...], str] = {}
        for english, phrases_of in (table.get("named") or {}).items():
            for phrase in phrases_of:
                key = tuple(self._lem(w) for w in _WORD.findall(str(phrase)))
                if key:
                    self.named[key] = str(english)
        self._named_longest = max((len(k) for k in self.named), default=0)
        side = [re.escape(str(p)).replace(r"\*", r"\w*") for p in table.get("russian_side", [])]
        other = [re.escape(str(p)).replace(r"\*", r"\w*") for p in table.get("ukrainian_side", [])]
        self._side = re.compile(r"(?<!\w)(?:" + "|".join(side) + r")(?!\w)", re.I) if side else None
        self._other = (
            re.compile(r"(?<!\w)(?:" + "|".join(other) + r")(?!\w)", re.I) if other else None
        )
        phrases = [re.escape(str(p)).replace(r"\*", r"\w*") for p in table.get("part_of", [])]
        if phrases:
            self.part_of = re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)", re.I)

    def _russian(self, text: str, start: int, end: int) -> bool:
        """Whether the two words of its clause right before a unit mention, or those right
        after it, say it is Russian ("окупанти з 64-ї бригади", "64-ї бригади ЗС РФ"), and none
        says it is Ukrainian."""
        if self._side is None:
            return False
        before = re.split(r"[.,;:!?()«»\"—–]", text[max(0, start - _SIDE_BEFORE) : start])[-1]
        # the two words right before it: the noun phrase the unit ends ("російські
        # військові 64-ї бригади"), not a verb's subject ("окупанти стратили бійців ...")
        near = " ".join(before.split()[-_SIDE_WORDS:]) + " " + text[end : end + _SIDE_AFTER]
        if self._other is not None and self._other.search(near):
            return False
        return bool(self._side.search(near))

    def _lem(self, word: str) -> str:
        return normalise_apostrophes(self.lemma(word))

    def mentions(self, text: str) -> list[tuple[int, int, int, list[str], str]]:
        """(start, end, number, English modifiers, English noun) of each numbered mention."""
        out = []
        for m in _ORDINAL_NUMBER.finditer(text):
            number = int(m["n"]) if m["n"] else self.ordinals.get(self._lem(m["w"]), 0)
            if not number:
                continue
            after = _WORDS_AFTER.match(text, m.end())
            if after is None:
                continue
            modifiers: list[str] = []
            skipped = 0
            for word in re.finditer(r"\S+", after.group()):
                w = word.group()
                lem = self._lem(w)
                if (
                    modifiers
                    and skipped < _MAX_HONORIFICS
                    and (w[:1].isupper() or lem in self.honorifics)
                ):
                    # "танкової Тацинської Червонопрапорної ордена Суворова бригади": the
                    # honorific name is not part of the canonical one
                    skipped += 1
                    continue
                if lem in self.nouns or w.lower() in self.nouns:
                    noun = self.nouns.get(lem) or self.nouns[w.lower()]
                    end = m.end() + word.end()
                    out.append((m.start(), end, number, modifiers, noun))
                    break
                if lem not in self.modifiers:
                    break
                modifiers.append(self.modifiers[lem])
        return out

    def named_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, English name) of the unnumbered formations ``units.yaml``'s
        ``named`` lists ("Південного військового округу": Southern Military District,
        "ВДВ": Russian Airborne Forces), by the lemmas of their words, longest first."""
        if not self.named:
            return []
        words = [(m.start(), m.end(), self._lem(m.group())) for m in _WORD.finditer(text)]
        out = []
        i = 0
        while i < len(words):
            for n in range(min(self._named_longest, len(words) - i), 0, -1):
                english = self.named.get(tuple(w[2] for w in words[i : i + n]))
                if english is not None:
                    out.append((words[i][0], words[i + n - 1][1], english))
                    i += n
                    break
            else:
                i += 1
        return out

    def find(
        self,
        text: str,
        known: list[tuple[int, int, str]],
        canonical: Callable[[str], str | None],
        children: Callable[[str], list[str]],
        only: Callable[[str, str], str | None] | None = None,
    ) -> list[tuple[int, int, str]]:
        """``known`` (the grammar's finds) and what this reads besides, in text order.

        ``canonical`` is ``canonical_unit`` with the order of battle; ``children`` lists
        the names of a unit's children there; ``only`` names the one formation there with
        an ordinal and a noun ("76th", "Division"), if just one, for a numbered division,
        army or regiment named with no modifier or parent that says more ("76-ї
        дивізії")."""
        found = {(s, e): name for s, e, name in known}
        for start, end, english in self.named_mentions(text):
            name = canonical(english)
            if name is not None and not any(s < end and start < e for s, e in found):
                found[(start, end)] = name
        for start, end, number, modifiers, noun in reversed(self.mentions(text)):
            if any(s <= start < e or start <= s < end for s, e in found):
                continue
            english = " ".join([_ordinal(number), *modifiers, noun])
            name = canonical(english)
            if name is None and 1 < len(modifiers) <= 4:
                # "важкої авіаційної бомбардувальної": the words in another order than the
                # order of battle's ("Heavy Bomber Aviation")
                for order in permutations(modifiers):
                    name = canonical(" ".join([_ordinal(number), *order, noun]))
                    if name is not None:
                        break
            parent = next(
                (n for (s, _e), n in sorted(found.items()) if 0 <= s - end <= _PARENT_GAP), None
            )
            if not text[start].isdigit() and not modifiers and parent is None:
                continue  # "у третьому корпусі будинку": a bare ordinal word is a unit only
                # with its parent after it ("другого батальйону 237-го полку")
            if name is None and parent is not None:
                if noun in _SUBUNITS:
                    name = f"{_ordinal(number)} {noun}, {parent}"
                else:
                    prefix = _ordinal(number) + " "
                    name = next(
                        (c for c in children(parent) if c.startswith(prefix) and c.endswith(noun)),
                        None,
                    )
            if (
                name is None
                and parent is None
                and not modifiers
                and only is not None
                and text[start].isdigit()
                and (
                    noun in _ONLY_NOUNS
                    or (noun in _EITHER_NOUNS and self._russian(text, start, end))
                )
            ):
                name = only(_ordinal(number), noun)
            if name is not None:
                found[(start, end)] = name
        # "2-го мотострілецького батальйону 1194-го полку" read by the grammar alone: a
        # battalion or company is named by the unit it belongs to (3. above), the last first
        for (start, end), name in sorted(found.items(), reverse=True):
            parent = next(
                (n for (s, _e), n in sorted(found.items()) if 0 <= s - end <= _PARENT_GAP), None
            )
            if parent is not None and ", " not in name and name.rsplit(" ", 1)[-1] in _SUBUNITS:
                found[(start, end)] = f"{name}, {parent}"
        return sorted((s, e, n) for (s, e), n in found.items())


def chain_links(
    text: str, found: list[tuple[int, int, str]], part_of: re.Pattern[str] | None = None
) -> list[tuple[str, str, int, int]]:
    """(child, parent, start, end) for each unit mention followed, across nothing but
    white space, by another: a genitive chain names each unit's parent after it; or across
    words that say so (``part_of``: "який входить до складу", "в составе")."""
    out = []
    ordered = sorted(found)
    for k, (a, b, child) in enumerate(ordered[:-1]):
        c, d, parent = ordered[k + 1]
        if c < b or child == parent:
            continue
        between = text[b:c]
        if not between.strip() or (
            part_of is not None and len(between) <= _PART_OF_REACH and part_of.search(between)
        ):
            out.append((child, parent, a, d))
    return out


_PART_OF_REACH = 60  # characters between a unit and the one it is said to be part of
