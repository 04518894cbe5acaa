"""Cue words per sentence: incident triggers (with their type), evidence and hedges.

Triggers come from the rules of the incident type files (``types/``): a rule needs the
act's word and what it needs besides in one sentence (a protected victim, a civilian
object, harm), which keeps combat reports ("Russian forces struck Ukrainian positions")
out while catching "a missile hit a railway station, killing 30".
"""

from __future__ import annotations

import re
from functools import cache

from .. import registry
from ..lang import get_pack
from ..model import Analysis, Mention
from . import lexicon as lx
from .base import BaseStage
from .events import TriggerCue
from .gate import may_match
from .types import FIRST_LETTERS, concepts, type_specs


def _evidence_and_hedges(analysis: Analysis, marked: set[int]) -> None:
    """Evidence and hedges matter only around an act: the sentences ``marked``. A language
    pack that lists them gives them (by lemma); English has its patterns in ``lexicon``."""
    for i in sorted(marked):
        if not 0 <= i < len(analysis.sentences):
            continue
        s = analysis.sentences[i]
        pack = get_pack(analysis.language_of(i))
        if pack.has_certainty_cues:
            found = [("evidence", *c) for c in pack.evidence_cues(s.text)]
            found += [("hedge", *c) for c in pack.hedges(s.text)]
            for kind, a, b, value in found:
                analysis.mentions.append(
                    Mention(kind, s.start + a, s.start + b, s.text[a:b], value, i)
                )
            continue
        for kind, cues in (("evidence", lx.EVIDENCE_CUES), ("hedge", lx.HEDGE_CUES)):
            for value, rx in cues.items():
                if not may_match(rx, s.text):
                    continue  # most sentences name none of the cue's words
                for m in rx.finditer(s.text):
                    analysis.mentions.append(
                        Mention(kind, s.start + m.start(), s.start + m.end(), m.group(), value, i)
                    )


# Where a trigger word can begin (as in types.compile_entries), and its first letters.
_WORD_START = re.compile(rf"(?<![\w'’-])(?=(\S{{{FIRST_LETTERS}}}))")


@cache
def _trigger_starts(language: str) -> dict[str, tuple[str, ...]] | None:
    """The first words of every rule's trigger words in ``language``, by their first
    letters (None: some rule's triggers may begin with any word)."""
    out: dict[str, set[str]] = {}
    for spec in type_specs():
        for rule in spec.rules:
            if rule.trigger(language) is None:
                continue
            starts = rule.trigger_starts(language)
            if starts is None:
                return None
            for word in starts:
                out.setdefault(word[:FIRST_LETTERS], set()).add(word)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def trigger_starts_in(text: str, language: str) -> set[str] | None:
    """The first words of trigger words (``_trigger_starts``) that words of ``text`` begin
    with; a rule whose triggers begin with none of them cannot match in ``text``, and most
    sentences hold none at all. One scan of the words instead of every rule's pattern tried
    at every character. None where that cannot be told: a word with a letter outside ASCII
    (a pattern that ignores case may match it to another letter, the Kelvin sign to "k"), or
    a rule whose triggers may begin with any word."""
    starts = _trigger_starts(language)
    if starts is None:
        return None
    found = set()
    for m in _WORD_START.finditer(text):
        head = m.group(1)
        if not head.isascii():
            return None
        for word in starts.get(head.lower(), ()):
            at = text[m.start() : m.start() + len(word)]
            if not at.isascii():
                return None
            if at.lower() == word:
                found.add(word)
    return found


def sentence_triggers(
    text: str, language: str, after: str | None = None
) -> list[tuple[int, int, TriggerCue]]:
    """Every trigger word of ``text`` by the rules of the incident type files: each match of a
    rule's triggers in a sentence that names what the rule needs and nothing it excludes.

    With ``after`` (the sentences after this one, as far as a rule's ``reach``), only the
    rules with a reach are tried, and what they need may be named in ``text`` or ``after``:
    the caller asks so for a sentence that has no trigger of its own."""
    begun = trigger_starts_in(text, language)
    if begun is not None and not begun:
        return []
    words = concepts()
    present: dict[str, bool] = {}
    scope = text if after is None else text + "\n" + after

    def has(name: str) -> bool:
        if name not in present:
            present[name] = bool(words.find(name, language, scope))
        return present[name]

    found: dict[tuple[int, int, str], TriggerCue] = {}
    for spec in type_specs():
        for rule in spec.rules:
            if (after is not None) != bool(rule.reach):
                continue
            rx = rule.trigger(language)
            if rx is None:
                continue
            if begun is not None and (rule.trigger_starts(language) or set()).isdisjoint(begun):
                continue  # none of its trigger words begins here
            matches = list(rx.finditer(text))
            if not matches:
                continue
            if not any(all(has(c) for c in alt) for alt in rule.needs):
                continue
            if any(has(c) for c in rule.excludes):
                continue
            weakened = tuple(c for c in rule.weakens if has(c))
            for m in matches:
                key = (m.start(), m.end(), spec.type)
                old = found.get(key)
                if (
                    old is None
                    or (old.support and not rule.support)
                    or (old.target and not rule.target and not rule.support)
                ):
                    found[key] = TriggerCue(
                        spec.type,
                        rule.support,
                        weakened,
                        rule.target,
                        rule.reach,
                        rule.not_describing,
                    )
    # a word inside a longer phrase of another type is that phrase's ("beaten to death" is a
    # killing, not a beating), and one inside a phrase that tells no act is none (concept
    # `not_an_act`: "a hunger strike", "the strikers")
    phrases = [(a, b, k) for (a, b, k), cue in found.items() if not cue.support]
    idle = words.find("not_an_act", language, text) if found else []
    return [
        (a, b, cue)
        for (a, b, kind), cue in sorted(found.items())
        if not any(k != kind and x <= a and b <= y and y - x > b - a for x, y, k in phrases)
        and not any(x <= a and b <= y for x, y in idle)
    ]


@registry.stages.register("casefile.cues.v11")
class CuesV2(BaseStage):
    """Mark incident triggers by the type files' rules, evidence cues and certainty hedges."""

    name = "casefile.cues.v11"
    requires = ("sentences",)
    assigns = ("mentions.trigger", "mentions.evidence", "mentions.hedge")

    def __call__(self, analysis: Analysis) -> None:
        marked: set[int] = set()
        sentences = analysis.sentences
        # each sentence by its own language (a quoted post: Analysis.language_of)
        own = [sentence_triggers(s.text, analysis.language_of(i)) for i, s in enumerate(sentences)]
        for i, s in enumerate(sentences):
            found = own[i]
            j = i + 1
            if j + 1 < len(sentences) and not own[j] and _source_only(analysis, j):
                j += 1  # "... атакували Суми. Про це повідомили в ОВА. Загинула жінка."
            if not found and j < len(sentences) and not own[j]:
                # a strike told in one sentence, its toll in the next (a rule's ``reach``)
                language = analysis.language_of(i)
                if analysis.language_of(j) == language:
                    found = sentence_triggers(s.text, language, sentences[j].text)
            for a, b, cue in found:
                analysis.mentions.append(
                    Mention("trigger", s.start + a, s.start + b, s.text[a:b], cue, i)
                )
                marked.update((i - 1, i, i + 1))
        _evidence_and_hedges(analysis, marked)


def _source_only(analysis: Analysis, i: int) -> bool:
    """Whether sentence ``i`` only names the source of the report around it ("Про це
    повідомили в ОВА.", "Джерело: ...": ``LanguagePack.source_line``), a line a strike and
    its toll told around it reach across."""
    return get_pack(analysis.language_of(i)).source_line(analysis.sentences[i].text) is not None
