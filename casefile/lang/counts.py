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
from dataclasses import dataclass, replace
from typing import Any

from ..model import Count
from .morph import WORD, normalise_apostrophes

__all__ = ["CountMatch", "VictimCount", "WordCounts"]


@dataclass(frozen=True)
class CountMatch:
    """``text[start:end]`` names ``value``; ``bound`` is "", "at_least", "at_most" or "about"."""

    start: int
    end: int
    text: str
    value: int
    bound: str = ""


# Digits, with thin or plain spaces as thousands separators, and a case ending ("5-ти").
# A time of day ("13:25") and a share ("80%") are no counts.
# A decimal counts only with a scale word after it ("19,5 тис.", "1.2 млн": find).
_DIGITS = re.compile(
    r"(?<![\d.,:])\d+[.,]\d{1,2}(?![\d.,:]|\s?%)"
    r"|(?<![\d.,:])\d{1,3}(?:[  \u202f]\d{3})+(?![\d.,:]\d|\s?%)"
    r"|(?<![\d.,:])\d+(?![\d]|[.,:]\d|\s?%)"
)
_DIGIT_ENDING = re.compile(r"-?(?:ти|х|ох|ьох|ми|ма|ом|м|и)(?!\w)")
# An ordinal's ending after a hyphen ("64-ї бригади", "5-го батальону", "3-я рота"): a
# unit's or a day's number, no count.
_ORDINAL_ENDING = re.compile(r"-(?:ї|й|го|му|ій|ої|ого|ому|им|ий|ая|ой|ого|ому|я|е|ю|а)(?!\w)")
_TOKEN = re.compile(rf"{_DIGITS.pattern}|{WORD.pattern}")
_CLAUSE_END = re.compile(r"[,;:.!?()]")
_SENTENCE_END = re.compile(r"[;.!?]")
_AFTER = 4  # words after a count that may name its people or its role
_BEFORE = 6  # words before it that may name its role ("загинули ... двоє")
_BEYOND = 8  # words past its clause that may name the role of a count of people
_SINGLE_GAP = 2  # words at most between a role word and the one person it tells of
_NUMBER = re.compile(r"\d+(?!\d|-\w)")  # digits that are no age ("45-річний")


@dataclass(frozen=True)
class VictimCount:
    """A count of people with its role: the shape of ``casefile.extract.counts.CountMatch``,
    which the extraction stages read."""

    start: int
    end: int
    text: str
    count: Count
    role: str  # killed | injured | victims


def _count(value: int, bound: str) -> Count:
    if bound == "at_least":
        return Count(low=value, best=value, high=None)
    if bound == "at_most":
        return Count(low=None, best=value, high=value)
    return Count(best=value)


class WordCounts:
    """The count finder of one language: its number words and bound words from data."""

    def __init__(
        self,
        table: dict[str, Any],
        lemma: Callable[[str], str],
        singular: Callable[[str], bool] | None = None,
        noun: Callable[[str], bool] | None = None,
        grammemes: Callable[[str], set[str]] | None = None,
    ) -> None:
        norm = normalise_apostrophes
        self.units = {norm(k): int(v) for k, v in table["units"].items()}
        self.scales = {norm(k): int(v) for k, v in table["scales"].items()}
        self.forms = {norm(k): int(v) for k, v in table.get("forms", {}).items()}
        # a share of the scale word after it ("полтора десятка": 15, "півтори тисячі": 1500)
        self.fractions = {norm(k): float(v) for k, v in table.get("fractions", {}).items()}
        # forms of a scale word that alone name no number ("десятки людей": tens of them)
        self.vague = {norm(w) for w in table.get("vague", [])}
        self.bounds = [
            (tuple(norm(p).lower().split()), kind)
            for kind in ("at_least", "at_most", "about")
            for p in table.get(kind, [])
        ]
        self.bounds.sort(key=lambda b: -len(b[0]))
        self.lemma = lemma

        def forms(words: list[str]) -> set[str]:
            # each word and the lemma the text's words get: the dictionary reads some
            # nominatives as another lemma's form ("людина"), and so it reads the text
            return {norm(w) for w in words} | {self._lem(w) for w in words}

        self.roles = {
            form: role
            for role, lems in table.get("roles", {}).items()
            for form in forms(list(lems))
        }
        self.victim_nouns = forms(table.get("victim_nouns", []))
        self.not_after = forms(table.get("not_people_after", []))
        self.not_before = forms(table.get("not_people_before", []))
        self.weak = {norm(w) for w in table.get("weak", [])}
        self.single_nouns = forms(table.get("single_nouns", []))
        # nouns of one person that count only in the nominative ("загинула людина"; the law's
        # "спричинило загибель людини" names no one)
        self.nominative_nouns = forms(table.get("nominative_only", []))
        self.grammemes = grammemes
        # words after which a single noun is an adjective of many ("цивільне населення")
        self.collective = {norm(w) for w in table.get("collective_after", [])}
        self.subset = {norm(w) for w in table.get("subset_words", [])}
        self.and_words = {norm(w) for w in table.get("and_words", [])}
        self.and_owners = {norm(w) for w in table.get("and_owners", [])}
        self.object_pronouns = {norm(w) for w in table.get("object_pronouns", [])}
        self.noun = noun
        self.singular = singular

    def number(self, word: str) -> int | None:
        """The value of one number word in any case form ("дев'ятьох" -> 9), or None."""
        w = normalise_apostrophes(word.lower())
        if w in self.forms:
            return self.forms[w]
        if w in self.units:
            return self.units[w]
        lem = normalise_apostrophes(self.lemma(w))
        return self.units.get(lem)

    def _fraction(self, word: str) -> float | None:
        w = normalise_apostrophes(word.lower())
        if w in self.fractions:
            return self.fractions[w]
        return self.fractions.get(normalise_apostrophes(self.lemma(w)))

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
                if _ORDINAL_ENDING.match(text, end):
                    i += 1
                    continue
                decimal = re.fullmatch(r"(\d+)[.,](\d+)", tok)
                current = int(re.sub(r"\D", "", tok))
                j = i + 1
                ending = _DIGIT_ENDING.match(text, end)
                if ending:
                    end = ending.end()
                    while j < len(tokens) and tokens[j][0] < end:
                        j += 1
                # "240 тисяч", "1,5 млн": digits and a scale word
                scale = self._scale(tokens[j][2]) if j < len(tokens) else None
                if scale and not text[end : tokens[j][0]].strip():
                    if decimal:  # "19,5 тис.": 19 500
                        whole, part = decimal.groups()
                        current = int(whole) * scale + int(part) * scale // 10 ** len(part)
                    else:
                        current *= scale
                    end = tokens[j][1]
                    if text[end : end + 1] == "." and len(tokens[j][2]) <= 4:
                        end += 1  # "тис.", "млн.": the abbreviation's stop ends no clause
                    j += 1
                elif decimal:
                    i = j
                    continue  # "2,5 км": a measure, no count
            else:
                while j < len(tokens) and not tokens[j][2][0].isdigit():
                    w = tokens[j][2]
                    if j > i and text[tokens[j - 1][1] : tokens[j][0]].strip():
                        break  # a comma or a dash ends the number
                    scale = self._scale(w)
                    if scale and j == i and normalise_apostrophes(w.lower()) in self.vague:
                        break  # "десятки загиблих": no number
                    share = self._fraction(w) if j + 1 < len(tokens) else None
                    following = self._scale(tokens[j + 1][2]) if share else None
                    if share and following and current is None and total == 0:
                        total = round(share * following)  # "полтора десятка": 15
                        end = tokens[j + 1][1]
                        j += 2
                        break
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

    def victims(self, text: str) -> list[VictimCount]:
        """The counts of people in ``text`` with their roles: a count followed within a few
        words by a person noun or a role word ("двоє дітей", "п'ятеро загинули"), or after
        a role word ("загинули двоє"). A year-like number is never one, nor an age, a
        measure or a reference ("67 років", "ч. 2 ст. 438": the pack's ``not_people_*``).
        One person told without a number counts 1 (``_singles``)."""
        words = [(m.start(), m.end(), self._lem(m.group())) for m in WORD.finditer(text)]
        starts = [w[0] for w in words]
        out = []
        for c in self.find(text):
            if 1900 <= c.value <= 2100 and c.text[-4:].isdigit():
                continue
            # the words of its own clause: up to a comma or a stop either side
            stop = _CLAUSE_END.search(text, c.end)
            until = stop.start() if stop else len(text)
            since = max((m.end() for m in _CLAUSE_END.finditer(text, 0, c.start)), default=0)
            i = next((k for k, s in enumerate(starts) if s >= c.end), len(words))
            after = [lem for s, _, lem in words[i : i + _AFTER] if s < until]
            j = next((k for k, s in enumerate(starts) if s >= c.start), len(words))
            before = [lem for s, _, lem in words[max(0, j - _BEFORE) : j] if s >= since]
            if (after and after[0] in self.not_after) or (
                before
                and before[-1] in self.not_before
                and not any(lem in self.victim_nouns for lem in after[:2])
            ):
                continue  # "67 років", "ч. 2 ст. 438", "у 3 областях"; not "у двох цивільних"
            person = any(lem in self.victim_nouns for lem in after)
            if not (after and after[0] in self.victim_nouns) and self._lem(c.text) in self.weak:
                continue  # "одній із вулиць"
            role_after = next((self.roles[lem] for lem in after if lem in self.roles), None)
            role_before = next(
                (self.roles[lem] for lem in reversed(before) if lem in self.roles), None
            )
            if not (person or role_after or role_before):
                continue  # "5 км", "у 3 областях": not people
            if person and not (role_after or role_before):
                # "49 людей, серед них дитина, загинули": the verb past an apposition
                stop = _SENTENCE_END.search(text, c.end)
                end = stop.start() if stop else len(text)
                beyond = [lem for s, _, lem in words[i : i + _BEYOND] if s < end]
                role_after = next((self.roles[lem] for lem in beyond if lem in self.roles), None)
            if before and before[-1] in self.roles:
                role_after = None  # "поранили 6 українців та 26 убили": the verb right before
            role = role_after or role_before or "victims"
            out.append(VictimCount(c.start, c.end, c.text, _count(c.value, c.bound), role))
        singles = self._singles(text, words, out)  # may join one person to a count of out
        return sorted(out + singles, key=lambda v: v.start)

    def _singles(
        self, text: str, words: list[tuple[int, int, str]], counted: list[VictimCount]
    ) -> list[VictimCount]:
        """One person told without a number ("загинула жінка", "поранено чоловіка"): a noun
        of ``single_nouns`` in the singular with a role word not in the plural at most
        ``_SINGLE_GAP`` words before or after it in its clause, where no count of people
        stands in that clause already ("жінка і двоє дітей" is left to its count) and no
        word of ``subset_words`` before it makes the person one of a count told before
        ("серед загиблих"). One joined to a count after it by "and" adds to that count in
        ``counted`` ("жінка та її двоє дітей": 3), and so does one joined after it, told
        with no role of its own ("двоє дорослих і дитина": 3)."""
        if self.singular is None or not self.single_nouns:
            return []
        out: list[VictimCount] = []
        for k, (start, end, lem) in enumerate(words):
            if lem not in self.single_nouns or not self.singular(text[start:end]):
                continue
            if (
                lem in self.nominative_nouns
                and self.grammemes is not None
                and "nomn" not in self.grammemes(text[start:end])
            ):
                continue  # "загибель людини": the law's formula
            if k + 1 < len(words) and words[k + 1][2] in self.collective:
                continue  # "цивільне населення": many, not one
            if any(v.start <= start < v.end for v in out):
                continue  # the second of a pair counted with the first
            pair = self._pair(text, words, k)
            if pair is not None:
                end = words[pair][1]
            stop = _CLAUSE_END.search(text, end)
            until = stop.start() if stop else len(text)
            since = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
            joined = [v for v in counted if self._joins(text[end : v.start])]
            if joined:
                # "жінка та її двоє дітей": one more than the count joined to her
                v = joined[0]
                i = counted.index(v)
                counted[i] = VictimCount(
                    start,
                    v.end,
                    text[start : v.end],
                    replace(v.count, best=(v.count.best or 0) + 1),
                    v.role,
                )
                continue
            after = [
                v for v in counted if v.end <= start and self._joins_after(text[v.end : start])
            ]
            if (
                after
                and pair is None
                and not any(w[2] in self.roles for w in words[k + 1 : k + 3] if w[1] <= until)
            ):
                # "двоє дорослих і дитина": one more than the count it is joined to
                v = after[-1]
                i = counted.index(v)
                counted[i] = VictimCount(
                    v.start,
                    end,
                    text[v.start : end],
                    replace(v.count, best=(v.count.best or 0) + 1),
                    v.role,
                )
                continue
            if any(since <= v.start < until for v in counted + out):
                continue
            near = [w for w in words[max(0, k - _SINGLE_GAP - 1) : k] if w[0] >= since]
            near += [w for w in words[k + 1 : k + _SINGLE_GAP + 2] if w[1] <= until]
            # the role word agrees: "жінки загинули" tells of women, "загинула жінка" of one
            if pair is not None:  # "загинули чоловік і жінка": the verb in the plural
                near = [w for w in words[max(0, k - _SINGLE_GAP - 1) : k] if w[0] >= since]
                near += [w for w in words[pair + 1 : pair + _SINGLE_GAP + 2] if w[1] <= until]
            role = next(
                (
                    self.roles[w[2]]
                    for w in near
                    if w[2] in self.roles and (pair is not None or self.singular(text[w[0] : w[1]]))
                ),
                None,
            )
            if any(text[a:b].lower() in self.subset for a, b, _ in words[:k] if a >= since):
                continue  # "серед загиблих чоловік": one of those counted already
            if role is None or self._people_number(text, words, since, until):
                continue  # no role, or a number in the clause ("5 чоловік"; not "45-річний")
            count = Count(best=2 if pair is not None else 1)
            out.append(VictimCount(start, end, text[start:end], count, role))
        return out

    def _people_number(
        self, text: str, words: list[tuple[int, int, str]], since: int, until: int
    ) -> bool:
        """Whether ``text[since:until]`` holds a number that may count people: not an
        age or a measure told by the word after it ("жінка 67 років", "мужчина 60 лет": the
        pack's ``not_people_after``)."""
        for m in _NUMBER.finditer(text, since, until):
            after = next((lem for s, _, lem in words if s >= m.end()), None)
            if after is None or after not in self.not_after:
                return True
        return False

    def one_after(self, text: str, at: int) -> tuple[int, int] | None:
        """The span of one person an act's word at ``text[:at]`` is done to, told without a
        number right after it ("зґвалтували жительку", "похитили волонтера"): a noun of
        ``single_nouns`` in the singular among the next three words of its clause."""
        if self.singular is None:
            return None
        stop = _CLAUSE_END.search(text, at)
        until = stop.start() if stop else len(text)
        after = list(WORD.finditer(text, at, until))[:3]
        for k, m in enumerate(after):
            word = m.group()
            if self._lem(word) in self.single_nouns and self.singular(word):
                if k + 1 < len(after) and self._lem(after[k + 1].group()) in self.collective:
                    return None  # "знищували цивільне населення"
                return m.start(), m.end()
            if k == 0 and self._object_pronoun(word, after[1:2]):
                return m.start(), m.end()  # "били мене", "пытали его"
        return None

    def one_before(self, text: str, at: int) -> tuple[int, int] | None:
        """The span of an object pronoun right before an act's word at ``text[at:]``,
        in its clause ("його затримали", "меня избили"): one person."""
        since = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at)), default=0)
        before = list(WORD.finditer(text, since, at))
        if before and not text[before[-1].end() : at].strip():
            m = before[-1]
            if self._object_pronoun(m.group(), []):
                return m.start(), m.end()
        return None

    def _object_pronoun(self, word: str, following: list[re.Match[str]]) -> bool:
        """One of ``object_pronouns`` ("мене", "його"), not a possessive before a noun
        ("його будинок": a possessive is one of ``and_owners``)."""
        w = normalise_apostrophes(word.lower())
        if w not in self.object_pronouns:
            return False
        possessive = w in self.and_owners and bool(following) and self.noun is not None
        return not (possessive and self.noun(following[0].group()))  # type: ignore[misc]

    def _joins(self, between: str) -> bool:
        """Whether ``between`` joins one person to a count after it: a word of
        ``and_words`` and at most a possessive of ``and_owners`` ("та її")."""
        words = between.lower().split()
        return (
            0 < len(words) <= 2
            and words[0] in self.and_words
            and (len(words) == 1 or words[1] in self.and_owners)
        )

    def _joins_after(self, between: str) -> bool:
        """Whether one person after a count is joined to it: at most two words of the
        count's own noun phrase ("двоє дорослих"), then a word of ``and_words``, in one
        clause ("двоє дорослих і дитина")."""
        if _CLAUSE_END.search(between):
            return False
        words = [w.lower() for w in WORD.findall(between)]
        return 1 <= len(words) <= 3 and normalise_apostrophes(words[-1]) in self.and_words

    def _pair(self, text: str, words: list[tuple[int, int, str]], k: int) -> int | None:
        """The index of a second person joined to the one at ``k`` ("чоловік і жінка",
        "жінка та її син"): a word of ``and_words``, at most one word more, and a noun of
        ``single_nouns`` in the singular, in one clause."""
        if k + 2 >= len(words) or text[words[k + 1][0] : words[k + 1][1]].lower() not in (
            self.and_words
        ):
            return None
        for j in (k + 2, k + 3):
            if j >= len(words) or _CLAUSE_END.search(text, words[k][1], words[j][0]):
                return None
            a, b, lem = words[j]
            if lem in self.single_nouns and self.singular(text[a:b]):  # type: ignore[misc]
                return j
        return None

    def _lem(self, word: str) -> str:
        return normalise_apostrophes(self.lemma(word))

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
