"""Statements that link leaders to crimes: incitement, orders, honours and denials.

A statement needs a cue (what kind) and a speaker (who): the person or body named
in the sentence, else the subject carried over from the sentence before.
"""

from __future__ import annotations

import re

from .. import registry
from ..lang import LanguagePack, get_pack
from ..model import Analysis, Mention, Statement
from ..vocab import STATEMENT_KINDS as K
from .base import BaseStage
from .types import concepts

CUES: dict[str, re.Pattern[str]] = {
    K.HONOUR: re.compile(
        r"\b(?:(?:awarded|conferred|bestowed|presented)\b.{0,60}?"
        r"\b(?:titles?|medals?|orders?|Hero|honou?rs?|awards?|decorations?)"
        r"|(?:honorary|[\"“]?Guards[\"”]?) (?:title|status)"
        r"|Hero of (?:Russia|the Russian Federation)|"
        r"(?:praised|commended|thanked|congratulat\w+) (?:the |its |their )?(?:\w+ ){0,4}"
        r"(?:brigade|regiment|division|unit|soldiers|troops|servicemen|fighters)"
        r"|Order of Courage)\b",
        re.I,
    ),
    K.INCITEMENT: re.compile(
        r"\b(?:(?:call(?:ed|s|ing)?|urg(?:ed|es|ing)) (?:for|on) (?:\w+ ){0,4}"
        r"(?:kill\w*|destr\w+|execut\w+|exterminat\w+|liquidat\w+|death|genocide)|"
        r"(?:take|taking) no prisoners|no prisoners"
        r"|should (?:all )?be (?:killed|destroyed|executed|shot|exterminated|liquidated)|"
        r"must be (?:killed|destroyed|exterminated|liquidated|eliminated)|exterminat\w+"
        r"|wipe (?:them |it )?out|"
        r"(?:kill|destroy|execute) (?:them|all|every)\b|only one rule)",
        re.I,
    ),
    K.ORDER: re.compile(
        r"\b(?:order(?:ed|s)? (?:to |his |the |their )?(?:\w+ ){0,3}"
        r"(?:kill|shoot|execut|destroy|attack|strike|shell|fire|blow)\w*|"
        r"gave (?:the |an )?orders? to|issued (?:the |an )?orders?|on (?:the )?orders? of"
        r"|ordered by|"
        r"(?:capture|take) the commander and kill|kill the rest|(?:were|was) ordered)",
        re.I,
    ),
    K.DENIAL: re.compile(
        r"\b(?:denied|denies|deny|denying|rejected (?:the )?(?:accusations?|claims?|allegations?)|"
        r"(?:called|calls|dismissed|described)\b.{0,80}?"
        r"\b(?:provocation|fake|staged|hoax|lie|fabrication)|"
        r"blamed (?:Ukraine|Kyiv|Ukrainian\w*)|accused (?:Ukraine|Kyiv|Ukrainian \w+) of"
        r"|(?:was|were) staged|"
        r"(?:claim(?:s|ed)?|suggest(?:s|ed)|insist(?:s|ed)|said|says|alleg(?:es|ed)) (?:that )?"
        r"(?:a |the )?"
        r"(?:Ukrain\w+|Kyiv|HIMARS)\b.{0,60}?"
        r"\b(?:killed|strike|struck|shelled|HIMARS|missile|rocket|responsible|fired|shot))",
        re.I,
    ),
}
SPEECH = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}?"
    r"(?:said|says|wrote|writes|posted|stated|responded|declared|called|urged|told|"
    r"added|claimed|claims|announced|signed|awarded|ordered|demanded|threatened|denied|insisted)\b",
    re.I,
)
# Russian state bodies speak for "Russia"; named people keep their names.
STATE_SPEAKERS = re.compile(
    r"^(?:the )?(?:Russian|Russia['’]s) "
    r"(?:Defen[cs]e Ministry|Ministry of Defen[cs]e|MoD|Foreign Ministry|"
    r"government|officials|authorities|propaganda|side|Federation)"
    r"|^(?:the )?Kremlin$|^Moscow$|^Russia$",
    re.I,
)
RUSSIA_SPEAKER = re.compile(
    r"\b(?:Russia|Russians|Russian "
    r"(?:Defen[cs]e Ministry|Ministry of Defen[cs]e|MoD|officials|authorities|"
    r"propaganda(?: media)?|side|government)|Kremlin|Moscow)\b"
)


def _speaker(
    analysis: Analysis, i: int, cue: re.Match[str], kind: str, last: str | None
) -> str | None:
    """Who makes the statement: a person the sentence makes speak or act ("Putin signed",
    "awarded ... by Vladimir Putin"), else the last such person before (quotes run over
    several sentences); for a denial, a state or body."""
    s = analysis.sentences[i]
    cue_at = s.start + cue.start()
    people = analysis.mentions_of("person", i)
    speaking = [m for m in people if SPEECH.match(analysis.text[m.end : m.end + 40])]
    by = [
        m
        for m in people
        if re.search(
            r"\bby\s+(?:\w+\s+){0,3}$", analysis.text[max(s.start, m.start - 40) : m.start]
        )
    ]
    if re.match(r"\s*by\b", s.text[cue.end() :]) or cue.group().lower().endswith(" by"):
        # "was ordered by the owner of the Wagner Group, Yevgeny Prigozhin": the first person after
        by += [m for m in people if m.start >= cue_at][:1]
    for group in (speaking, by):
        if group:
            return min(group, key=lambda m: abs(m.start - cue_at)).text
    if kind == K.DENIAL:
        if RUSSIA_SPEAKER.search(s.text):
            return "Russia"
        orgs = [m for m in analysis.mentions_of("org", i) if m.end <= cue_at]
        if orgs:
            return _org_speaker(orgs[-1])
        # the capitalised subject right before the verb: "The DPR Ombudsman called ..."
        subject = re.search(r"((?:[A-Z][\w'’.-]*\s+){1,4})$", s.text[: cue.start()])
        if subject:
            return re.sub(r"^(?:The|A|An)\s+", "", subject.group(1).strip()) or None
        return None
    if kind in (K.INCITEMENT, K.HONOUR):
        before = [m for m in people if m.end <= cue_at]
        return before[-1].text if before else last
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
        pack = get_pack(analysis.document.language)
        if pack.has_statement_cues:  # a language whose pack lists the cues (English: CUES)
            _by_pack(analysis, pack)
            return
        found: set[str] = set()  # one statement of each kind: the first, best supported
        last: str | None = None
        for i, s in enumerate(analysis.sentences):
            for kind, rx in CUES.items():
                cue = rx.search(s.text)
                if not cue or kind in found:
                    continue
                speaker = _speaker(analysis, i, cue, kind, last)
                if not speaker:
                    continue
                found.add(kind)
                dates = analysis.mentions_of("date", i)
                analysis.statements.append(
                    Statement(
                        kind,
                        _full_name(analysis, speaker),
                        _target(analysis, i),
                        dates[0].value.range if dates else None,
                        [(s.start, s.end)],
                    )
                )
            speaking = [
                m
                for m in analysis.mentions_of("person", i)
                if SPEECH.match(analysis.text[m.end : m.end + 40])
            ]
            if speaking:
                last = speaking[-1].text


def _full_name(analysis: Analysis, name: str) -> str:
    """'Medvedev' -> 'Dmitry Medvedev' when the document names him in full somewhere."""
    if " " in name:
        return name
    for m in analysis.mentions:
        if m.kind == "person" and m.text.endswith(" " + name):
            return m.text
    return name


# Words of harm that an order or a call must come with to link a leader to a crime
# (concepts.yaml), in a language read by its pack's cue lists.
_HARM_CONCEPTS = ("kill", "weapon", "harm")


def _by_pack(analysis: Analysis, pack: LanguagePack) -> None:
    """Statements by the pack's cue phrases (``LanguagePack.statement_cues``): the first of
    each kind whose sentence names its speaker (``_pack_speaker``); an order or a call to
    kill only in a sentence that names an act of harm."""
    language = pack.code
    words = concepts()
    found: set[str] = set()
    for i, s in enumerate(analysis.sentences):
        for cue in pack.statement_cues(s.text):
            if cue.kind in found:
                continue
            if cue.kind in (K.ORDER, K.INCITEMENT) and not any(
                words.find(c, language, s.text) for c in _HARM_CONCEPTS
            ):
                continue
            speaker = _pack_speaker(analysis, i, s.start + cue.start, cue.kind, pack)
            if not speaker:
                continue
            found.add(cue.kind)
            dates = analysis.mentions_of("date", i)
            analysis.statements.append(
                Statement(
                    cue.kind,
                    speaker,
                    _target(analysis, i),
                    dates[0].value.range if dates else None,
                    [(s.start, s.end)],
                )
            )


def _pack_speaker(
    analysis: Analysis, i: int, cue_at: int, kind: str, pack: LanguagePack
) -> str | None:
    """Who makes a statement in a language without a parse: the person named nearest the
    cue; for a denial, else the body named before it; for an order or a call, else the
    rank named ("одного з командирів") with the side of the forces the document names
    ("Russian commander")."""
    people = analysis.mentions_of("person", i)
    if people:
        m = min(people, key=lambda m: abs(m.start - cue_at))
        return str(getattr(m.value, "name", m.text))
    if kind == K.DENIAL:
        orgs = [m for m in analysis.mentions_of("org", i) if m.end <= cue_at]
        if orgs:
            name = str(getattr(orgs[-1].value, "name", orgs[-1].text))
            return "Russia" if STATE_SPEAKERS.search(name) else name
        return None
    if kind not in (K.ORDER, K.INCITEMENT):
        return None
    s = analysis.sentences[i]
    ranks = pack.ranks(s.text)
    if not ranks:
        return None
    _, _, rank, side = min(ranks, key=lambda r: abs(s.start + r[0] - cue_at))
    side = side or _side(analysis)
    return f"{side} {rank}" if side else rank


def _side(analysis: Analysis) -> str | None:
    """The side whose forces the document names most: "Russian" for "Russian forces"."""
    names = [
        str(m.value.name).removesuffix(" forces")
        for m in analysis.mentions_of("actor")
        if getattr(m.value, "kind", None) == "force"
        and str(getattr(m.value, "name", "")).endswith(" forces")
    ]
    return max(sorted(set(names)), key=names.count) if names else None
