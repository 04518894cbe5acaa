"""Statements that link leaders to crimes: incitement, orders, honours and denials.

A statement needs a cue (what kind) and a speaker (who): the person or body named
in the sentence, else the subject carried over from the sentence before.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .. import registry
from ..lang import LanguagePack, get_pack
from ..model import Actor, Analysis, Mention, Statement
from ..vocab import STATEMENT_KINDS as K
from .base import BaseStage
from .events import ACCUSING_LEMMAS, antecedent, parse_sentences, phrase_head, refers_back
from .gate import may_match
from .lexicon import INSTITUTION_NOUNS
from .places import home_institution
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
        # a leader telling his own men: "told his fighters not to take prisoners"
        r"\b(?:(?:told|instructed|commanded|ordered|urged) (?:his|their|her) (?:\w+ ){0,2}"
        r"(?:men|fighters|troops|soldiers|subordinates|servicemen|units)\b.{0,40}?"
        r"(?:no prisoners|not to take (?:any )?prisoners|kill|shoot|execut|finish)\w*|"
        r"order(?:ed|s|ing)? (?:to |his |the |their )?(?:\w+ ){0,3}"
        r"(?:kill|shoot|execut|destroy|attack|strike|shell|fire|blow)\w*|"
        r"gave (?:the |an )?orders? to|issued (?:the |an )?orders?|on (?:the )?orders? of"
        r"|ordered by|"
        r"(?:capture|take) the commander and kill|kill the rest|(?:were|was) ordered)",
        re.I,
    ),
    K.DENIAL: re.compile(
        r"\b(?:denied|denies|deny|denying|denials?|"
        r"(?:is|are|was|were) (?:a |an |all )?"
        r"(?:lies?|fake|false|untrue|fabrication|provocation)\b|"
        r"(?:rejected|rejects|dismissed|dismisses|refuted|refutes|disputed)\b.{0,40}?"
        r"\b(?:accusations?|claims?|allegations?|reports?|charges?)|"
        r"(?:called|calls|dismissed|described|branded)\b.{0,80}?"
        r"\b(?:provocation|fake|staged|hoax|lies?|fabrication|fabricated|baseless|groundless|"
        r"false|untrue|disinformation)|"
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


def _speakers(
    analysis: Analysis, i: int, cue: re.Match[str], kind: str, last: str | None
) -> list[str]:
    """Who makes the statement: a person the sentence makes speak or act ("Putin signed",
    "awarded ... by Vladimir Putin"), else the last such person before (quotes run over
    several sentences); for a denial, a state or body."""
    s = analysis.sentences[i]
    cue_at = s.start + cue.start()
    doc = analysis.parses.get(i)
    if doc is not None:
        parsed = _parsed_speakers(analysis, i, cue, doc)
        if parsed:
            return parsed
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
            return [min(group, key=lambda m: abs(m.start - cue_at)).text]
    if kind == K.DENIAL:
        if RUSSIA_SPEAKER.search(s.text):
            return ["Russia"]
        orgs = [m for m in analysis.mentions_of("org", i) if m.end <= cue_at]
        if orgs:
            return [_org_speaker(orgs[-1])]
        # the capitalised subject right before the verb: "The DPR Ombudsman called ..."
        subject = re.search(r"((?:[A-Z][\w'’.-]*\s+){1,4})$", s.text[: cue.start()])
        named = re.sub(r"^(?:The|A|An)\s+", "", subject.group(1).strip()) if subject else ""
        return [named] if named else []
    if kind in (K.INCITEMENT, K.HONOUR):
        before = [m for m in people if m.end <= cue_at]
        return [before[-1].text] if before else [last] if last else []
    return []


# Who a parse can name as the one who speaks: people first, then bodies, then states.
SPEAKER_KINDS = ("person", "org", "unit", "gpe")


def _parsed_speakers(analysis: Analysis, i: int, cue: re.Match[str], doc: Doc) -> list[str]:
    """The speakers the parse gives: the subject of the cue's verb ("the ministry denied",
    "Medvedev and Kadyrov called for ..."), or its ``by`` agent ("was ordered by the
    commander"), or the subject of the verb that reports it ("'... lies,' said X"), or the
    accused of "convicted for ordering"; the people, else the body or state, named there."""
    s = analysis.sentences[i]
    span = doc.char_span(cue.start(), cue.end(), alignment_mode="expand")
    if span is None or not len(span):
        return []
    verb = span[0]
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            break
        verb = verb.head
    subject_deps = {"nsubj", "agent"}
    for _ in range(4):  # the cue's verb, then the verbs it hangs from
        subject = [
            t
            for c in verb.children
            if c.dep_ in subject_deps
            for t in (
                c.subtree if c.dep_ != "agent" else (x for p in c.children for x in p.subtree)
            )
        ]
        # the speaker's own words, not a clause about it ("the army, which has been
        # fighting <group>, denied ...")
        clauses = {x.i for t in subject if t.dep_ in ("relcl", "acl") for x in t.subtree}
        subject = sorted((t for t in subject if t.i not in clauses), key=lambda t: t.i)
        subject = [t for n, t in enumerate(subject) if t.i - subject[0].i == n]  # unbroken
        if subject:
            lo = s.start + min(t.idx for t in subject)
            hi = s.start + max(t.idx + len(t.text) for t in subject)
            for kind in SPEAKER_KINDS:
                inside = [m for m in analysis.mentions_of(kind, i) if lo <= m.start and m.end <= hi]
                if inside:
                    if kind == "person":
                        return list(dict.fromkeys(m.text for m in inside))
                    return [_org_speaker(inside[0])]
            unnamed = _unnamed_speaker(analysis, i, subject, s.start)
            if unnamed:
                return [unnamed]
            if verb.dep_ != "ccomp":
                return []  # a pronoun or a common noun: the fallbacks decide
        if verb.dep_ == "pcomp" and verb.head.head.lemma_ in ACCUSING_LEMMAS:
            verb = verb.head.head  # "convicted for ordering": the convicted
            subject_deps = {"nsubj", "nsubjpass", "dobj"}
            continue
        if verb.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "relcl") or verb.head.i == verb.i:
            break
        verb = verb.head
    return []


def _unnamed_speaker(analysis: Analysis, i: int, toks: list[Token], base: int) -> str | None:
    """A speaker the subject names only by a common noun: "the group" or "they", the armed
    group named last before (``events.antecedent``); "the army", the army of the country the
    report is about (``places.home_institution``)."""
    head = phrase_head(toks)
    if head is None:
        return None
    if head.lower_ in INSTITUTION_NOUNS and not any(
        c.dep_ in ("amod", "compound", "poss") for c in head.children
    ):
        return home_institution(analysis, head.lower_)
    if refers_back(toks, None):
        earlier = antecedent(analysis, i, base + toks[0].idx)
        if earlier is not None and isinstance(earlier.value, Actor):
            return earlier.value.name
    return None


def _org_speaker(m: Mention) -> str:
    return "Russia" if STATE_SPEAKERS.search(m.text) else m.text


def _target(analysis: Analysis, i: int) -> str | None:
    units = analysis.mentions_of("unit", i)
    if units:
        return str(units[0].value.name)
    norp = analysis.mentions_of("norp", i)
    return norp[0].text if norp else None


@registry.stages.register("casefile.statements.v5")
class Statements(BaseStage):
    """Incitement, orders, honours and denials, each with its speaker and target."""

    name = "casefile.statements.v5"
    requires = (
        "sentences",
        "mentions.person",
        "mentions.org",
        "mentions.unit",
        "mentions.date",
        "mentions.place",
        "mentions.actor",
    )
    assigns = ("statements", "parses")

    def __call__(self, analysis: Analysis) -> None:
        pack = get_pack(analysis.document.language)
        if pack.has_statement_cues:  # a language whose pack lists the cues (English: CUES)
            _by_pack(analysis, pack)
            return
        found: set[tuple[str, str]] = set()  # one statement of each kind by each speaker
        last: str | None = None
        cued = {
            i: _one_reading(
                [
                    (kind, cue)
                    for kind, rx in CUES.items()
                    if may_match(rx, s.text) and (cue := rx.search(s.text))
                ]
            )
            for i, s in enumerate(analysis.sentences)
        }
        english = [i for i, cues in cued.items() if cues and analysis.language_of(i) == "en"]
        if english:  # English has a parser
            parse_sentences(analysis, english, self.settings.model)
        for i, s in enumerate(analysis.sentences):
            for kind, cue in cued[i]:
                for speaker in _speakers(analysis, i, cue, kind, last):
                    speaker = _full_name(analysis, speaker)
                    if (kind, speaker) in found:
                        continue
                    found.add((kind, speaker))
                    dates = analysis.mentions_of("date", i)
                    analysis.statements.append(
                        Statement(
                            kind,
                            speaker,
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


def _one_reading(cues: list[tuple[str, re.Match[str]]]) -> list[tuple[str, re.Match[str]]]:
    """One reading of words two cues share: an order to one's own men that holds the words
    of a call ("told his fighters to take no prisoners") is an order, not incitement
    besides; a call that others be killed is no denial that blames them ("said Ukrainians
    should all be killed")."""

    def within(kind: str, c: re.Match[str]) -> bool:
        return any(k == kind and o.start() < c.end() and c.start() < o.end() for k, o in cues)

    return [
        (k, c)
        for k, c in cues
        if not (k == K.INCITEMENT and within(K.ORDER, c))
        and not (k == K.DENIAL and within(K.INCITEMENT, c))
    ]


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
