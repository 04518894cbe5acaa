"""Statements that link leaders to crimes: incitement, orders, honours and denials.

A statement needs a cue (what kind) and a speaker (who): the person or body named
in the sentence, else the subject carried over from the sentence before.
"""

from __future__ import annotations

import re

from .. import registry
from ..model import Analysis, Mention, Statement
from ..vocab import STATEMENT_KINDS as K
from .base import BaseStage

CUES: dict[str, re.Pattern[str]] = {
    K.HONOUR: re.compile(
        r"\b(?:award(?:ed|s|ing)?|honou?r(?:ed|ary)? title|(?:the )?[\"“]?Guards[\"”]? (?:title|status)|"
        r"conferred|bestowed|(?:praised|commended|thanked) (?:the |its |their )?(?:\w+ ){0,3}(?:brigade|regiment|division|unit|soldiers|troops|servicemen)|"
        r"Hero of (?:Russia|the Russian Federation)|medals?|Order of Courage|decorated)\b",
        re.I,
    ),
    K.INCITEMENT: re.compile(
        r"\b(?:(?:call(?:ed|s|ing)?|urg(?:ed|es|ing)) (?:for|on) (?:\w+ ){0,4}(?:kill\w*|destr\w+|execut\w+|exterminat\w+|liquidat\w+|death|genocide)|"
        r"(?:take|taking) no prisoners|no prisoners|should (?:all )?be (?:killed|destroyed|executed|shot|exterminated|liquidated)|"
        r"must be (?:killed|destroyed|exterminated|liquidated|eliminated)|exterminat\w+|wipe (?:them |it )?out|"
        r"(?:kill|destroy|execute) (?:them|all|every)\b|only one rule)",
        re.I,
    ),
    K.ORDER: re.compile(
        r"\b(?:order(?:ed|s)? (?:to |his |the |their )?(?:\w+ ){0,3}(?:kill|shoot|execut|destroy|attack|strike|shell|fire|blow)\w*|"
        r"gave (?:the |an )?orders? to|issued (?:the |an )?orders?|on (?:the )?orders? of|ordered by|"
        r"(?:capture|take) the commander and kill|kill the rest|(?:were|was) ordered)",
        re.I,
    ),
    K.DENIAL: re.compile(
        r"\b(?:denied|denies|deny|denying|rejected (?:the )?(?:accusations?|claims?|allegations?)|"
        r"(?:called|calls|dismissed|described) (?:it|this|the \w+|them|the reports?|the video|the footage)?\s?(?:as )?(?:a |an )?(?:provocation|fake|staged|hoax|lie|fabrication)|"
        r"blamed (?:Ukraine|Kyiv|Ukrainian\w*)|accused (?:Ukraine|Kyiv|Ukrainian \w+) of|(?:was|were) staged|"
        r"claimed (?:that )?(?:a )?Ukrain\w+ (?:\w+ ){0,3}(?:strike|struck|shelled|HIMARS|missile|was responsible))",
        re.I,
    ),
}
# Russian state bodies speak for "Russia"; named people keep their names.
STATE_SPEAKERS = re.compile(
    r"^(?:the )?(?:Russian|Russia['’]s) (?:Defen[cs]e Ministry|Ministry of Defen[cs]e|MoD|Foreign Ministry|"
    r"government|officials|authorities|propaganda|side|Federation)|^(?:the )?Kremlin$|^Moscow$|^Russia$",
    re.I,
)
RUSSIA_SPEAKER = re.compile(
    r"\b(?:Russia|Russian (?:Defen[cs]e Ministry|Ministry of Defen[cs]e|MoD|officials|authorities|"
    r"propaganda(?: media)?|side|government)|Kremlin|Moscow)\b", re.I)


def _speaker(analysis: Analysis, i: int, cue: re.Match[str], kind: str) -> str | None:
    """The person named closest before the cue in the sentence, else after it, else a state."""
    s = analysis.sentences[i]
    cue_at = s.start + cue.start()
    people = analysis.mentions_of("person", i)
    orgs = [m for m in analysis.mentions_of("org", i) + analysis.mentions_of("gpe", i)]
    before = [m for m in people if m.end <= cue_at]
    if kind == K.HONOUR or kind == K.INCITEMENT or kind == K.ORDER:
        if before:
            return before[-1].text
        after = [m for m in people if m.start >= cue_at]
        if after:
            return after[0].text
    if kind == K.DENIAL:
        if before:
            return before[-1].text
        m = RUSSIA_SPEAKER.search(s.text)
        if m:
            return "Russia"
        if orgs:
            return _org_speaker(orgs[0])
    if kind == K.ORDER and orgs:
        return _org_speaker(orgs[0])
    return None


def _org_speaker(m: Mention) -> str:
    return "Russia" if STATE_SPEAKERS.search(m.text) else m.text


def _target(analysis: Analysis, i: int) -> str | None:
    units = analysis.mentions_of("unit", i)
    if units:
        return str(units[0].value.name)
    norp = analysis.mentions_of("norp", i)
    return norp[0].text if norp else None


@registry.stages.register("casefile.statements.v1")
class Statements(BaseStage):
    """Incitement, orders, honours and denials, each with its speaker and target."""

    name = "casefile.statements.v1"
    requires = ("sentences", "mentions.person", "mentions.unit")
    assigns = ("statements",)

    def __call__(self, analysis: Analysis) -> None:
        seen: set[tuple[str, str]] = set()
        last_person: str | None = None
        for i, s in enumerate(analysis.sentences):
            people = analysis.mentions_of("person", i)
            for kind, rx in CUES.items():
                cue = rx.search(s.text)
                if not cue:
                    continue
                speaker = _speaker(analysis, i, cue, kind) or (
                    last_person if kind in (K.INCITEMENT, K.HONOUR) else None)
                if not speaker:
                    continue
                speaker = _full_name(analysis, speaker)
                if (kind, speaker) in seen:
                    continue
                seen.add((kind, speaker))
                dates = analysis.mentions_of("date", i)
                analysis.statements.append(
                    Statement(kind, speaker, _target(analysis, i), dates[0].value.range if dates else None,
                              [(s.start, s.end)])
                )
            if people:
                last_person = people[-1].text


def _full_name(analysis: Analysis, name: str) -> str:
    """'Medvedev' -> 'Dmitry Medvedev' when the document names him in full somewhere."""
    if " " in name:
        return name
    for m in analysis.mentions:
        if m.kind == "person" and m.text.endswith(" " + name):
            return m.text
    return name
