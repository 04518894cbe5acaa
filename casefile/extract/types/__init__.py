"""Incident types as data: one YAML file per type, word groups in ``concepts.yaml``.

A type file (``execution_of_pows.yaml`` ...) lists rules. A rule says which words tell the
act (``triggers``) and what else the sentence must name (``needs``: alternatives, each a
list of concepts that must all be there), what rules it out (``excludes``) and what makes
it less likely (``weakens``). ``support: true`` rules never start an incident alone;
``target: true`` rules hold only where the parse shows the act done to a person, people or a
civilian object (events: ``_names_target``); ``reach: 1`` lets the sentence after the
trigger's own give what the rule needs, and holds only where the trigger's sentence has no
trigger of another rule (a strike in one sentence, its toll in the next);
``not_describing: [soldier]``: a trigger the parse shows to be an adjective of a noun of
those concepts, or the first word of a compound with it, tells who they are, not an act
("two detained servicemen", "a tank commander"). A new
type is a new file; a new language is a new key in each list.

Word lists are compiled into one regular expression per concept and language: an entry is a
lower-case word or phrase, and a word ending in ``*`` matches every word it begins, which
covers inflection in English, Ukrainian and Russian alike without a lemmatiser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ...errors import ConfigError
from ...vocab import INCIDENT_TYPES
from ..gate import may_match

DEFAULT_LANGUAGE = "en"
_WORD = r"[\w'’-]*"


def compile_entries(entries: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for a list of words and phrases (``*`` = any ending)."""
    alternatives = []
    for entry in sorted({e.strip().lower() for e in entries if e and e.strip()}, key=len)[::-1]:
        words = []
        for word in entry.split():
            if word == "*":
                words.append(r"[\w'’-]+")
            elif word.endswith("*"):
                words.append(re.escape(word[:-1]) + _WORD)
            else:
                words.append(re.escape(word))
        alternatives.append(r"\s+".join(words))
    if not alternatives:
        return None
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(alternatives) + r")(?![\w'’-])", re.I)


# The shortest first word ``first_words`` gives.
FIRST_LETTERS = 3


def first_words(entries: list[str]) -> frozenset[str] | None:
    """The first word (lower case) of every entry, or its stem for ``word*``: text that
    ``compile_entries(entries)`` matches has a word that begins with one of them. None where
    an entry begins with ``*`` or a word shorter than ``FIRST_LETTERS``."""
    out = set()
    for entry in {e.strip().lower() for e in entries if e and e.strip()}:
        first = entry.split()[0]
        stem = first[:-1] if first.endswith("*") else first
        if len(stem) < FIRST_LETTERS:
            return None
        out.add(stem)
    return frozenset(out)


@dataclass(frozen=True)
class Rule:
    """One way a sentence can tell an act of a type."""

    triggers: dict[str, re.Pattern[str]]  # language -> pattern of the trigger words
    needs: tuple[tuple[str, ...], ...]
    excludes: tuple[str, ...] = ()
    weakens: tuple[str, ...] = ()
    support: bool = False
    target: bool = False  # holds only where the act's own target is a person or civil object
    # how many sentences after the trigger's own may give what ``needs`` asks (and what
    # ``excludes`` and ``weakens`` name): a strike told in one sentence, its toll in the next
    reach: int = 0
    # concepts whose nouns the trigger word may only describe (an adjective of them): no act
    not_describing: tuple[str, ...] = ()
    # language -> the first words of the trigger words (``first_words``)
    starts: dict[str, frozenset[str] | None] = field(default_factory=dict)

    def trigger(self, language: str) -> re.Pattern[str] | None:
        return self.triggers.get(language) or self.triggers.get(DEFAULT_LANGUAGE)

    def trigger_starts(self, language: str) -> frozenset[str] | None:
        """``first_words`` of what ``trigger(language)`` matches (None: any word)."""
        return self.starts.get(language if language in self.triggers else DEFAULT_LANGUAGE)


@dataclass(frozen=True)
class TypeSpec:
    type: str
    victim_category: str
    rules: tuple[Rule, ...]


class Concepts:
    """The word groups of ``concepts.yaml``, compiled per language."""

    def __init__(self, data: dict[str, dict[str, list[str]]]) -> None:
        self.entries = data
        self._compiled: dict[tuple[str, str], re.Pattern[str] | None] = {}

    def __contains__(self, name: object) -> bool:
        return name in self.entries

    def pattern(self, name: str, language: str) -> re.Pattern[str] | None:
        key = (name, language)
        if key not in self._compiled:
            by_lang = self.entries.get(name)
            if by_lang is None:
                raise ConfigError(f"incident types: unknown concept {name!r} (see concepts.yaml)")
            entries = by_lang.get(language)
            if entries is None:
                entries = by_lang.get(DEFAULT_LANGUAGE, [])
            self._compiled[key] = compile_entries(entries)
        return self._compiled[key]

    def find(self, name: str, language: str, text: str) -> list[tuple[int, int]]:
        """Where ``text`` names the concept: its words, less those inside a phrase of a
        concept its ``unless`` lists ("prisoners" is no POW in "political prisoners")."""
        rx = self.pattern(name, language)
        spans = [m.span() for m in rx.finditer(text)] if rx and may_match(rx, text) else []
        for other in self.entries.get(name, {}).get("unless", []) if spans else []:
            blocked = self.find(other, language, text)
            spans = [s for s in spans if not any(a <= s[0] < b for a, b in blocked)]
        return spans

    def words(self, name: str, language: str) -> list[str]:
        by_lang = self.entries.get(name, {})
        return list(by_lang.get(language, by_lang.get(DEFAULT_LANGUAGE, [])))


def _read(name: str) -> Any:
    path = resources.files(__package__).joinpath(name)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise ConfigError(f"incident types: {name} is not valid YAML ({e})") from None


@cache
def concepts() -> Concepts:
    return Concepts(_read("concepts.yaml"))


def _rule(raw: dict[str, Any], where: str, words: Concepts) -> Rule:
    triggers = raw.get("triggers")
    by_lang: dict[str, list[str]] = {}
    if isinstance(triggers, list):
        triggers = {"*": triggers}
    if not isinstance(triggers, dict) or not triggers:
        raise ConfigError(f"incident types: {where}: a rule needs `triggers`")
    languages = {lang for c in words.entries.values() for lang in c} | {
        lang for lang in triggers if lang != "*"
    }
    for lang in languages:
        entries = list(triggers.get(lang, [])) + list(triggers.get("*", []))
        expanded: list[str] = []
        for entry in entries:
            if entry in words:
                expanded += words.words(entry, lang)
            else:
                expanded.append(entry)
        if expanded:
            by_lang[lang] = expanded
    compiled = {lang: rx for lang, e in by_lang.items() if (rx := compile_entries(e))}
    starts = {lang: first_words(by_lang[lang]) for lang in compiled}
    for group in [
        *raw.get("needs", []),
        raw.get("excludes", []),
        raw.get("weakens", []),
        raw.get("not_describing", []),
    ]:
        for name in group:
            if name not in words:
                raise ConfigError(f"incident types: {where}: unknown concept {name!r}")
    return Rule(
        triggers=compiled,
        needs=tuple(tuple(alt) for alt in raw.get("needs") or [[]]),
        excludes=tuple(raw.get("excludes") or ()),
        weakens=tuple(raw.get("weakens") or ()),
        support=bool(raw.get("support", False)),
        target=bool(raw.get("target", False)),
        reach=int(raw.get("reach", 0) or 0),
        not_describing=tuple(raw.get("not_describing") or ()),
        starts=starts,
    )


@cache
def type_specs() -> tuple[TypeSpec, ...]:
    """Every incident type file, in the vocabulary's order."""
    words = concepts()
    specs = []
    for value in INCIDENT_TYPES.values:
        path = resources.files(__package__).joinpath(f"{value}.yaml")
        if not path.is_file():
            continue  # a type with no rules (other_violation) is never found by rule
        raw = _read(f"{value}.yaml")
        if raw.get("type") != value:
            raise ConfigError(f"incident types: {value}.yaml names type {raw.get('type')!r}")
        rules = tuple(_rule(r, f"{value}.yaml", words) for r in raw.get("rules", []))
        specs.append(TypeSpec(value, raw.get("victim_category", "unknown"), rules))
    return tuple(specs)
