"""Cue words per sentence: incident triggers (with their type), evidence and hedges.

A trigger needs two kinds of words in one sentence (an act and a protected victim
or object), which keeps combat reports ("Russian forces struck Ukrainian positions")
out while catching "a missile hit a railway station, killing 30".
"""

from __future__ import annotations

import re

from .. import registry
from ..model import Analysis, Mention
from ..vocab import INCIDENT_TYPES as T
from . import lexicon as lx
from .base import BaseStage
from .events import TriggerCue
from .types import DEFAULT_LANGUAGE, concepts, type_specs


def _first(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    return rx.search(text)


def incident_types(text: str) -> list[tuple[str, int, int]]:
    """Incident types this sentence can report, each with the span of its trigger word,
    strongest first. Empty for combat, patterns and sentences with no act."""
    found: list[tuple[str, int, int]] = []
    if not lx.ANY_ACT.search(text):
        return found  # most sentences name no act at all: skip the costlier patterns

    def add(kind: str, m: re.Match[str] | None) -> None:
        if m and kind not in {k for k, _, _ in found}:
            found.append((kind, m.start(), m.end()))

    kill, execute = _first(lx.KILL, text), _first(lx.EXECUTE, text)
    pow_, soldier = _first(lx.POW, text), _first(lx.SOLDIER, text)
    civilian, strike = _first(lx.CIVILIAN, text), _first(lx.STRIKE, text)
    civil_object, casualty = _first(lx.CIVIL_OBJECT, text), _first(lx.CASUALTY, text)

    held = _first(lx.DETENTION_PLACE, text)
    if (kill or execute) and (pow_ or (execute and soldier) or (soldier and held)):
        add(T.EXECUTION_OF_POWS, execute or kill)
    if strike and (civil_object or civilian) and casualty and not pow_:
        military = lx.MILITARY_TARGET.search(text)
        if not military or civilian or civil_object:
            add(T.ATTACK_ON_CIVILIANS, strike)
    if (
        kill
        and civilian
        and not pow_
        and not strike
        and (not soldier or lx.STRONG_CIVILIAN.search(text))
    ):
        add(T.KILLING_OF_CIVILIANS, kill)
    add(T.SEXUAL_VIOLENCE, _first(lx.SEXUAL, text))
    add(T.TORTURE, _first(lx.TORTURE, text))
    add(T.DEPORTATION, _first(lx.DEPORTATION, text))
    detention = _first(lx.DETENTION, text)
    if detention and (
        civilian or pow_ or soldier or re.search(r"\b(?:him|her|them|mayor|priest)\b", text)
    ):
        add(T.UNLAWFUL_DETENTION, detention)
    return found


ANY_TYPE = "*"  # a support cue that may join an act of any type


def support_types(text: str) -> list[tuple[str, int, int]]:
    """Weaker cues: a strike on a civilian object with no casualty named in the sentence
    ("the missile hit the railway station on the morning of April 8"). They never make
    an incident alone, but add their date and place to one that other sentences report."""
    strike, civil_object = _first(lx.STRIKE, text), _first(lx.CIVIL_OBJECT, text)
    held = _first(lx.DETENTION_PLACE, text)
    out = []
    if strike and held:  # "a blast destroyed the barracks of the prison"
        out.append((T.EXECUTION_OF_POWS, strike.start(), strike.end()))
    on_town = lx.STRIKE_ON_TOWN.search(text)
    if (civil_object or on_town) and strike and not lx.MILITARY_TARGET.search(text):
        out.append((T.ATTACK_ON_CIVILIANS, strike.start(), strike.end()))
    bodies = _first(lx.BODIES_FOUND, text)
    if bodies:
        out.append((T.KILLING_OF_CIVILIANS, bodies.start(), bodies.end()))
    blame = _first(lx.RESPONSIBILITY, text)
    if blame:
        out.append((ANY_TYPE, blame.start(), blame.end()))
    return out


@registry.stages.register("casefile.cues.v1")
class Cues(BaseStage):
    """Mark incident triggers, evidence cues and certainty hedges in every sentence."""

    name = "casefile.cues.v1"
    requires = ("sentences",)
    assigns = ("mentions.trigger", "mentions.support", "mentions.evidence", "mentions.hedge")

    def __call__(self, analysis: Analysis) -> None:
        marked: set[int] = set()
        for i, s in enumerate(analysis.sentences):
            triggers = incident_types(s.text)
            for kind, a, b in triggers:
                analysis.mentions.append(
                    Mention("trigger", s.start + a, s.start + b, s.text[a:b], kind, i)
                )
            for kind, a, b in [] if triggers else support_types(s.text):
                analysis.mentions.append(
                    Mention("support", s.start + a, s.start + b, s.text[a:b], kind, i)
                )
            if triggers or any(
                m.sentence == i for m in analysis.mentions[-3:] if m.kind == "support"
            ):
                marked.update((i - 1, i, i + 1))
        _evidence_and_hedges(analysis, marked)


def _evidence_and_hedges(analysis: Analysis, marked: set[int]) -> None:
    """Evidence and hedges matter only around an act: the sentences ``marked``."""
    for i in sorted(marked):
        if not 0 <= i < len(analysis.sentences):
            continue
        s = analysis.sentences[i]
        for kind, cues in (("evidence", lx.EVIDENCE_CUES), ("hedge", lx.HEDGE_CUES)):
            for value, rx in cues.items():
                for m in rx.finditer(s.text):
                    analysis.mentions.append(
                        Mention(kind, s.start + m.start(), s.start + m.end(), m.group(), value, i)
                    )


def sentence_triggers(text: str, language: str) -> list[tuple[int, int, TriggerCue]]:
    """Every trigger word of ``text`` by the rules of the incident type files: each match of a
    rule's triggers in a sentence that names what the rule needs and nothing it excludes."""
    words = concepts()
    present: dict[str, bool] = {}

    def has(name: str) -> bool:
        if name not in present:
            present[name] = bool(words.find(name, language, text))
        return present[name]

    found: dict[tuple[int, int, str], TriggerCue] = {}
    for spec in type_specs():
        for rule in spec.rules:
            rx = rule.trigger(language)
            if rx is None:
                continue
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
                if old is None or (old.support and not rule.support):
                    found[key] = TriggerCue(spec.type, rule.support, weakened)
    return [(a, b, cue) for (a, b, _), cue in sorted(found.items())]


@registry.stages.register("casefile.cues.v2")
class CuesV2(BaseStage):
    """Mark incident triggers by the type files' rules, evidence cues and certainty hedges."""

    name = "casefile.cues.v2"
    requires = ("sentences",)
    assigns = ("mentions.trigger", "mentions.evidence", "mentions.hedge")

    def __call__(self, analysis: Analysis) -> None:
        language = (analysis.document.language or DEFAULT_LANGUAGE).split("-")[0].lower()
        marked: set[int] = set()
        for i, s in enumerate(analysis.sentences):
            for a, b, cue in sentence_triggers(s.text, language):
                analysis.mentions.append(
                    Mention("trigger", s.start + a, s.start + b, s.text[a:b], cue, i)
                )
                marked.update((i - 1, i, i + 1))
        _evidence_and_hedges(analysis, marked)
