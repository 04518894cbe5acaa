"""Statements that link leaders to crimes: incitement, orders, honours and denials.

A statement needs a cue (what kind) and a speaker (who): the person or body named
in the sentence, else the subject carried over from the sentence before.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .. import registry
from ..knowledge.demonyms import demonyms
from ..knowledge.groups import canonical_force
from ..knowledge.orbat import Orbat
from ..lang import LanguagePack, get_pack
from ..lang.romanize import KnownPersons
from ..model import Actor, Analysis, Mention, Statement
from ..vocab import STATEMENT_KINDS as K
from .base import BaseStage
from .events import (
    ACCUSING_LEMMAS,
    antecedent,
    parse_sentences,
    phrase_head,
    read_parses,
    refers_back,
)
from .gate import may_match
from .lexicon import (
    DEFENCE_MINISTRY_WORDS,
    GOVERNMENT_SEATS,
    INSTITUTION_NOUNS,
    MILITARY_RANK,
    STATE_BODY_NOUNS,
)
from .places import home_institution
from .types import concepts

# Word classes the cues share (stems; a cue adds the endings). What a call or an order asks
# done to people: to kill them, destroy them, drive them out.
_HARM = (
    r"(?:kill|murder|destr|annihilat|exterminat|liquidat|eliminat|execut|expel|expuls|deport|"
    r"drown|hang|hanged|shoot|shot|slaughter|massacr|genocid|ethnic(?:ally)? cleans|"
    r"wip(?:e|ed|es|ing) (?:\w+ ){0,2}?out|(?:driv(?:e|en|es|ing)|drove) (?:\w+ ){0,3}?out|burn|"
    r"rap(?:e|ed|ing)|eras(?:e|ed|ing)|flatten|raz(?:e|ed|ing)|starv|nuk(?:e|ed|ing))"
)
# ... told as a participle after "should be" / "must be".
_HARMED = (
    r"(?:killed|murdered|destroyed|annihilated|exterminated|liquidated|eliminated|executed|"
    r"expelled|deported|drowned|hanged|hung|shot|slaughtered|massacred|burned|burnt|"
    r"wiped (?:off|out)|driven out|razed|erased|gassed|nuked)"
)
# Verbs of a call on others: "called for", "urged", "demanded", "incited".
_CALL = (
    r"(?:call(?:ed|s|ing)? (?:for|on|upon)|urg(?:e|ed|es|ing)|demand(?:ed|s|ing)?|"
    r"incit(?:e|ed|es|ing)|exhort(?:ed|s|ing)?|appeal(?:ed|s|ing)? (?:for|to)|"
    r"advocat(?:e|ed|es|ing)|encourag(?:e|ed|es|ing))"
)
# Verbs of telling someone what to do (an order when it is a leader's to his own men).
_TELL = r"(?:tell|tells|told|telling|instruct(?:ed|s|ing)?|command(?:ed|s|ing)?|order(?:ed|s|ing)?)"
# Who a unit's praise goes to.
_TROOPS = (
    r"(?:brigades?|regiments?|divisions?|units?|battalions?|soldiers|troops|servicemen|fighters|"
    r"paratroopers|marines|pilots|gunners|crews?|guardsmen|forces|personnel|operators)\b"
)
# A word the cues pass over, quoted or not ("called for 'the annihilation' of ..."), and a
# quote mark before the harm ("urged troops to 'destroy' them").
_Q = r"[\"“”'‘’«»]?"
_WORDS = rf"(?:{_Q}[\w-]+{_Q},? )"
# The negated auxiliaries, spelt out (not "\w+n't"): a pattern whose matches begin with known
# letters is searched only in sentences that hold them (extract.gate).
_NOT = (
    r"(?:do|does|did|is|are|was|were|have|has|had|wo|would|ca|could|should|must|need|ai|sha)n['’]t"
)
CUES: dict[str, re.Pattern[str]] = {
    K.HONOUR: re.compile(
        r"\b(?:(?:award(?:ed|s|ing)?|confer(?:red|s|ring)?|bestow(?:ed|s|ing)?|presented)\b.{0,60}?"
        r"\b(?:titles?|medals?|orders?|Hero|honou?rs?|awards?|decorations?)"
        # "granted the brigade the honorary name", "decorated them with medals"
        r"|(?:grant(?:ed|s|ing)?|decorat(?:ed|es|ing)|handed)\b.{0,60}?"
        r"\b(?:titles?|medals?|Order of|Hero|honorary|awards?|decorations?)"
        r"|(?:honorary|[\"“]?Guards[\"”]?) (?:title|status|name|rank|honorific|designation)"
        r"|honorific (?:title|name|status|of)"
        r"|Hero of (?:Russia|the Russian Federation)|"
        r"(?:praised|commended|thanked|congratulat\w+|hailed|lauded|saluted) "
        rf"(?:the |its |their |his )?(?:[\w-]+ ){{0,7}}?{_TROOPS}"
        r"|Order of Courage)\b",
        re.I,
    ),
    K.INCITEMENT: re.compile(
        rf"\b(?:(?P<call>{_CALL} {_Q}{_WORDS}{{0,5}}?{_Q}"
        rf"(?:{_HARM}\w*|death|genocide|(?:show|showing|shows) no mercy|spare no ?one))|"
        # (not a deed told: "the fighters who had taken no prisoners", "they took no prisoners")
        r"(?:take|taking) no prisoners|(?<!\btaken )(?<!\btook )no prisoners"
        r"|(?:should|must|ought to|need to|needs to|have to|has to) (?:all |simply |just )?be "
        rf"{_Q}(?:\w+ )?{_Q}{_HARMED}|"
        r"exterminat\w+"
        r"|wipe (?:them |it )?out|"
        r"(?:kill|destroy|execute) (?:them|all|every)\b|only one rule)",
        re.I,
    ),
    K.ORDER: re.compile(
        # a leader telling his own men: "told his fighters not to take prisoners", "ordered
        # all of his commanders ... to kill"
        rf"\b(?:(?P<own>(?:{_TELL}|urg(?:e|ed|es|ing)) "
        r"(?:all (?:of )?)?(?:his|their|her) (?:\w+ ){0,2}"
        r"(?:men|fighters|troops|soldiers|subordinates|servicemen|units|commanders|forces)\b"
        rf".{{0,40}}?(?:no prisoners|not to take (?:any )?prisoners|no mercy|spare no ?one|"
        rf"{_HARM}|finish)\w*)|"
        # an instruction not to take prisoners: "were ordered to take no prisoners"
        r"order(?:ed|s)? (?:\w+ ){0,5}?(?:not to take (?:any )?prisoners|to take no prisoners)|"
        rf"order(?:ed|s|ing)? (?:to |his |the |their )?{_WORDS}{{0,3}}{_Q}"
        rf"(?:{_HARM}|attack|strike|shell|fire|blow)\w*|"
        # "instructed them to shoot", "told the gunner to fire on"
        rf"{_TELL} (?:\w+ ){{0,3}}?to {_Q}(?:{_HARM}|open fire|fire (?:on|at)|finish)\w*|"
        r"(?:gave|give|gives|given|giving|issued|issue|issues|issuing) (?:the |an |a )?(?:\w+ )?"
        r"(?:orders?|instructions?|commands?|directives?) to|issued (?:the |an )?orders?|"
        r"(?:on|by|at|under) (?:the )?(?:direct )?(?:orders?|instructions?) (?:of|from)"
        r"|ordered by|"
        r"(?:capture|take) the commander and kill|kill the rest|(?:were|was) ordered|"
        # the order quoted: "told them: 'Shoot them all'"
        rf"{_TELL} (?:\w+ ){{0,3}}?[:,]?\s*[\"“'‘](?:{_HARM}|finish|fire))",
        re.I,
    ),
    K.DENIAL: re.compile(
        r"\b(?:denied|denies|deny|denying|denials?|"
        rf"(?:is|are|was|were|had been|have been|has been) {_Q}(?:a |an |all )?{_Q}"
        rf"{_WORDS}{{0,2}}?{_Q}"
        r"(?:lies?|fake|faked|false|untrue|not true|fabrication|fabricated|provocation|baseless|"
        r"groundless|unfounded|absurd|nonsense|slander|fiction|invention|invented|doctored|"
        r"forged|forgery|falsified|hoax|made up(?! of))\b|"
        # "told the council that the others were lying about ...", "accused them of lying"
        r"(?:are|were|is|was) lying\b|of lying\b|"
        r"(?:rejected|rejects|dismissed|dismisses|refuted|refutes|disputed|contested|"
        r"repudiated)\b.{0,40}?"
        r"\b(?:accusations?|claims?|allegations?|reports?|charges?|findings|conclusions|"
        r"version|account)|"
        # told in the passive: "the accusations were rejected by ..."
        r"(?:accusations?|claims?|allegations?|charges?) (?:\w+ ){0,3}?(?:was|were|has been|"
        r"have been) (?:\w+ )?(?:rejected|dismissed|refuted|denied)\b|"
        r"(?:called|calls|dismissed|described|branded|rejected|rejects|denounced)\b.{0,80}?"
        r"\b(?:provocation|fake|faked|staged|hoax|lies?|fabrication|fabricated|baseless|"
        r"groundless|false|untrue|disinformation|absurd|nonsense|slander\w*|unsubstantiated|"
        r"forgery|doctored|falsified|propaganda)|"
        # responsibility not taken: "refused to accept responsibility", "disclaimed any role"
        r"(?:refused|refuses|declined|declines) to (?:accept|take|acknowledge|admit|assume) "
        r"(?:any )?(?:responsibility|blame|involvement)|"
        r"(?:rejected|rejects|disclaimed|disclaims|disowned) (?:any )?"
        r"(?:responsibility|involvement|role)\b|"
        # "its troops are not targeting cities": the harm to civilians denied
        rf"(?:not|never|{_NOT}) (?:been )?(?:deliberately )?"
        r"(?:target|strik|attack|shell|fight|harm|bomb)\w* "
        r"(?:\w+ ){0,2}?(?:civilians?|cities|towns|residential|populat\w+)\b|"
        # "had not been involved in the killings"
        r"(?:not|never|no) (?:been )?involve(?:d|ment) in (?:the |any |these )?(?:\w+ ){0,2}?"
        r"(?:killings?|attacks?|massacres?|strikes?|shelling|abuses|crimes|violence|shooting)\b|"
        # "does not use chemical weapons": a banned means denied
        rf"(?:not|never|{_NOT}) (?:use|used|uses|using|deploy\w*) (?:\w+ ){{0,2}}?"
        r"(?:chemical|cluster|banned|prohibited|incendiary|phosphorus) (?:weapons|munitions|arms)|"
        # "its forces only strike military targets", "it targets only militants", "takes
        # measures to avoid harm to civilians"
        r"(?:only|solely|exclusively) (?:target|strik|attack|hit)\w* (?:\w+ ){0,3}?"
        r"(?:military|militants?|terrorists?|combatants?|legitimate|armed)\b|"
        r"(?:target|strik|attack|hit)\w* (?:only|solely|exclusively) (?:\w+ ){0,3}?"
        r"(?:military|militants?|terrorists?|combatants?|legitimate|armed)\b|"
        r"(?:measures|precautions|steps) to (?:avoid|minimi[sz]e|mitigate|reduce) "
        r"(?:\w+ ){0,2}?(?:harm|civilian)|"
        r"(?:was|were|had been|has been|have been) (?:\w+ )?staged|"
        # a counter-claim: the other side did it (a denial only where a state makes it)
        r"(?P<blame>blamed (?:Ukraine|Kyiv|Ukrainian\w*)|accused (?:Ukraine|Kyiv|Ukrainian \w+) of|"
        r"(?:claim(?:s|ed)?|suggest(?:s|ed)|insist(?:s|ed)|said|says|alleg(?:es|ed)) (?:that )?"
        r"(?:a |the )?"
        r"(?:Ukrain\w+|Kyiv|HIMARS)\b.{0,60}?"
        r"\b(?:killed|strike|struck|shelled|HIMARS|missile|rocket|responsible|fired|shot|staged)|"
        # ... or the strike hit a military target ("it had hit a nearby arms depot")
        r"(?:struck|hit|targeted|destroyed) (?:a |an |the )?(?:\w+ ){0,2}?"
        r"(?:(?:military|arms|ammunition|weapons?) "
        r"(?:depot|facilit|target|site|warehouse|storage)\w*|"
        r"(?:\w+ )?(?:command (?:centre|center|post)|headquarters|launch (?:site|pad)s?)|"
        # "it hit a gathering of foreign mercenaries", "a temporary base of militants"
        r"(?:\w+ ){0,4}?(?:mercenaries|militants|military personnel|deployment points?))))",
        re.I,
    ),
}
SPEECH = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}?"
    r"(?:said|says|wrote|writes|posted|stated|responded|declared|called|urged|told|"
    r"added|claimed|claims|announced|signed|awarded|ordered|demanded|threatened|denied|insisted)\b",
    re.I,
)
# Words for the Russian state as a whole speak for "Russia"; a named body (a ministry) and
# named people keep their names: the most specific speaker the text gives.
_RUSSIA_SEATS = "|".join(seat for seat, state in GOVERNMENT_SEATS.items() if state == "Russia")
STATE_SPEAKERS = re.compile(
    r"^(?:the )?(?:Russian|Russia['’]s) "
    r"(?:government|officials|authorities|propaganda|side|Federation)"
    rf"|^(?:the )?(?:{_RUSSIA_SEATS})$|^Moscow$|^Russians?$",
    re.I,
)
RUSSIA_SPEAKER = re.compile(
    r"\b(?:Russia|Russians|Russian "
    rf"(?:{DEFENCE_MINISTRY_WORDS}|officials|authorities|"
    rf"propaganda(?: media)?|side|government)|(?i:{_RUSSIA_SEATS})|Moscow)\b"
)


def _speakers(
    analysis: Analysis,
    i: int,
    cue: re.Match[str],
    kind: str,
    last: str | None,
    refined: dict[str, str],
) -> list[str]:
    """Who makes the statement: a person the sentence makes speak or act ("Putin signed",
    "awarded ... by Vladimir Putin"), else the last such person before (quotes run over
    several sentences); for a denial, a state or body."""
    s = analysis.sentences[i]
    cue_at = s.start + cue.start()
    doc = analysis.parses.get(i)
    if (
        doc is not None
        and kind == K.ORDER
        and re.search(r"\b(?:orders?|instructions?) (?:of|from)$", cue.group(), re.I)
    ):
        # "killed on the orders of the command": the giver follows; who acted is no speaker
        return _giver(analysis, i, cue, doc)
    if doc is not None:
        parsed = _parsed_speakers(analysis, i, cue, doc, refined, kind)
        if parsed:
            return parsed
    people = analysis.mentions_of("person", i)
    speaking = [
        m
        for m in people
        if SPEECH.match(analysis.text[m.end : m.end + 40])
        or re.match(r"\s*:\s*[\"“«]", analysis.text[m.end : m.end + 6])  # 'X: "..."'
    ]
    if kind == K.DENIAL and speaking and re.match(r"\s*:", analysis.text[speaking[0].end :]):
        return [speaking[0].text]  # the quote is his: no subject inside it speaks
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
        told = _according_to(analysis, i)
        if told:
            return [told]
        if RUSSIA_SPEAKER.search(re.split(r"[,;:]", s.text[: cue.start()])[-1]):
            return ["Russia"]
        orgs = [m for m in analysis.mentions_of("org", i) if m.end <= cue_at]
        if orgs:
            return [_org_speaker(orgs[-1])]
        # the capitalised subject right before the verb: "The DPR Ombudsman called ..."
        if s.text.isupper():
            return []  # every word is capitalised: no subject to tell by case
        subject = re.search(r"((?:[A-Z][\w'’.-]*[ \t]+){1,4})$", s.text[: cue.start()])
        named = re.sub(r"^(?:The|A|An)\s+", "", subject.group(1).strip()) if subject else ""
        if re.fullmatch(r"(?:He|She|It|They|We|I|This|That|These|Those)\b.*", named):
            return []  # a pronoun names no one
        return [named] if named else []
    if kind == K.HONOUR and re.search(
        r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+){0,2}$", s.text[: cue.start()], re.I
    ):
        # "<name> was named a Hero of ...": who receives it gives nothing; the giver is the
        # one who spoke before, if any
        return [last] if last else []
    if kind in (K.INCITEMENT, K.HONOUR):
        before = [m for m in people if m.end <= cue_at]
        return [before[-1].text] if before else [last] if last else []
    if kind == K.ORDER:
        ranked = _rank_speaker(analysis, i, cue_at)
        return [ranked] if ranked else []
    return []


# Who gives an order named only by rank: "his commander", "a deputy brigade commander",
# "a Russian officer" (with the side that names it, else the side of the document's forces).
RANK_NOUN = re.compile(
    r"\b(?P<rank>(?:(?:deputy|senior|battalion|company|brigade|platoon|regiment(?:al)?|unit|"
    r"squad|field|military) ){0,2}(?:commander|commanding officer|officer|superior))\b",
    re.I,
)


def _rank_only(speaker: str) -> str | None:
    """The side of a speaker named only by side and rank ("Russian officer", "Russian deputy
    brigade commander"): a report's unnamed officers of one side cannot be told apart."""
    side, _, rank = speaker.partition(" ")
    return side if rank and RANK_NOUN.fullmatch(rank) else None


def _rank_speaker(analysis: Analysis, i: int, cue_at: int) -> str | None:
    """An order's giver the sentence names by rank only: "Russian commander" for "ordered by
    his commander" in a report on Russian forces; the rank nearest the cue."""
    s = analysis.sentences[i]
    ranks = list(RANK_NOUN.finditer(s.text))
    if not ranks:
        return None
    r = min(ranks, key=lambda m: abs(s.start + m.start() - cue_at))
    at = s.start + r.start()
    side = next(
        (
            m.text
            for m in analysis.mentions_of("norp", i)
            if m.end <= at and not analysis.text[m.end : at].strip()
        ),
        None,
    ) or _side(analysis)
    rank = r.group("rank").lower()
    return f"{side} {rank}" if side else None


# Verbs that report what someone says: the one who says a denial makes it.
REPORTING_LEMMAS = frozenset(
    ["say", "tell", "insist", "claim", "state", "stress", "add", "write", "assert", "maintain"]
)
# Who a parse can name as the one who speaks: people first, then bodies, then states.
SPEAKER_KINDS = ("person", "org", "unit", "gpe")


def _parsed_speakers(
    analysis: Analysis,
    i: int,
    cue: re.Match[str],
    doc: Doc,
    refined: dict[str, str],
    kind: str | None = None,
) -> list[str]:
    """The speakers the parse gives: the subject of the cue's verb ("the ministry denied",
    "Medvedev and Kadyrov called for ..."), or its ``by`` agent ("was ordered by the
    commander"), or the subject of the verb that reports it ("'... lies,' said X"), or the
    accused of "convicted for ordering"; the people, else the body or state, named there.
    A subject the sentence makes more specific ("Kyiv denied it, with its press centre
    saying ...") gives the specific one, and ``refined`` keeps it for the subject's name.
    The subject of a copula ("the story is a provocation") is what is denied, not who; so is
    the subject of a denial someone reports ("<spokesman> said its forces do not target
    civilians": the spokesman denies, not the forces)."""
    span = doc.char_span(cue.start(), cue.end(), alignment_mode="expand")
    if span is None or not len(span):
        return []
    verb = span[0]
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            break
        verb = verb.head
    if verb.dep_ in ("aux", "auxpass"):
        verb = verb.head  # "were lying": the verb
    if (
        kind == K.DENIAL
        and verb.dep_ == "ccomp"
        and verb.head.lemma_ in REPORTING_LEMMAS
        and any(c.dep_ == "nsubj" for c in verb.head.children)
    ):
        verb = verb.head  # who reports the denial makes it
    subject_deps = {"nsubj", "agent"}
    if verb.lemma_ == "be" and verb.i == span[0].i:
        subject_deps = set()  # "<claim> is a lie": the claim is no speaker
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
        whole = subject
        subject = sorted((t for t in subject if t.i not in clauses), key=lambda t: t.i)
        subject = [t for n, t in enumerate(subject) if t.i - subject[0].i == n]  # unbroken
        if subject:
            names = _subject_speakers(analysis, i, subject, whole)
            specific = _with_its(analysis, i, verb)
            if specific:
                refined.update(dict.fromkeys(names, specific))
                return [specific]
            if names:
                return names
            head = phrase_head(subject)
            if verb.dep_ != "ccomp" or (
                kind == K.ORDER and head is not None and head.pos_ != "PRON"
            ):
                # a pronoun or a common noun: the fallbacks decide; an order told by a common
                # noun is not given by who reports it ("a soldier says his commander told them
                # to shoot"), though one told by a pronoun is ("X said he had ordered ...")
                return []
        if verb.dep_ == "pcomp" and verb.head.head.lemma_ in ACCUSING_LEMMAS:
            verb = verb.head.head  # "convicted for ordering": the convicted
            subject_deps = {"nsubj", "nsubjpass", "dobj"}
            continue
        subject_deps = {"nsubj", "agent"}
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "called for taking no prisoners": who called
            continue
        if (
            verb.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "relcl", "parataxis")
            or verb.head.i == verb.i
        ):
            break
        verb = verb.head
    return []


def _subject_speakers(
    analysis: Analysis, i: int, subject: list[Token], whole: list[Token]
) -> list[str]:
    """Who a subject names: the people (in it, else in its apposition), else the body or
    state, else the group or institution it stands for, else the proper name the parse
    reads as it though no mention holds it ("Kyiv denied ...")."""
    s = analysis.sentences[i]
    lo = s.start + min(t.idx for t in subject)
    hi = s.start + max(t.idx + len(t.text) for t in subject)
    named = _named_in_apposition(analysis, i, whole, lo, hi)
    if named:
        return named
    state = _state_body(analysis, i, subject)
    head = phrase_head(subject)
    ranked = head is not None and RANK_NOUN.fullmatch(head.text) is not None
    for kind in SPEAKER_KINDS:
        if ranked and kind != "person":
            break  # "the commander of an assault company of <unit>": a rank, not the unit
        if kind == "gpe" and state:
            # "the Russian embassy in <city>", "the Myanmar military": the body, not a place
            return [state]
        inside = [m for m in analysis.mentions_of(kind, i) if lo <= m.start and m.end <= hi]
        if inside:
            if kind == "person":
                return list(dict.fromkeys(m.text for m in inside))
            return [_org_speaker(inside[0])]
    unnamed = _unnamed_speaker(analysis, i, subject, s.start)
    if unnamed:
        return [unnamed]
    if state:
        return [state]
    words = [t for t in subject if t.dep_ != "det"]
    if words and all(t.pos_ == "PROPN" for t in words):
        name = " ".join(t.text for t in words)
        return ["Russia" if STATE_SPEAKERS.search(name) else name]
    return []


def _state_body(analysis: Analysis, i: int, subject: list[Token]) -> str | None:
    """A state's body a subject names by its nationality and a common noun: "The Syrian
    government denied ..." -> "Syrian government" (a state's words for itself, "the Russian
    government", speak for the state)."""
    head = phrase_head(subject)
    if head is None or head.lower_ not in STATE_BODY_NOUNS:
        return None
    s = analysis.sentences[i]
    nations = [m for kind in ("norp", "gpe") for m in analysis.mentions_of(kind, i)]
    mods = [c for c in head.lefts if c.dep_ in ("amod", "compound", "poss")]
    if not any(
        any(m.start <= s.start + t.idx < m.end for m in nations) for c in mods for t in c.subtree
    ):
        return None
    first = min(t.i for c in mods for t in c.subtree)
    name = head.doc[first : head.i + 1].text
    # (Russia's bodies named so speak for Russia, as its state's words do)
    return "Russia" if STATE_SPEAKERS.search(name) or RUSSIA_SPEAKER.match(name) else name


def _according_to(analysis: Analysis, i: int) -> str | None:
    """The source a sentence reports from ("according to the ministry, the footage is a
    fake"): the person, body or state named right after "according to"."""
    s = analysis.sentences[i]
    for m in re.finditer(r"\baccording to\s+", s.text, re.I):
        at = s.start + m.end()
        for kind in SPEAKER_KINDS:
            named = [x for x in analysis.mentions_of(kind, i) if at <= x.start <= at + 30]
            if named:
                first = min(named, key=lambda x: x.start)
                return first.text if kind == "person" else _org_speaker(first)
    return None


def _giver(analysis: Analysis, i: int, cue: re.Match[str], doc: Doc) -> list[str]:
    """Who gave an order told as "on the orders of X": the person, body or unit X names,
    else X itself where it names a command ("the Russian military command"); one told only
    as "his commander" is no one the text names."""
    s = analysis.sentences[i]
    span = doc.char_span(cue.start(), cue.end(), alignment_mode="expand")
    of = (
        next((t for t in reversed(span) if t.lower_ in ("of", "from")), None)
        if span is not None
        else None
    )
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is None:
        return []
    toks = [t for t in obj.subtree if not t.is_punct]
    lo = s.start + toks[0].idx
    hi = s.start + toks[-1].idx + len(toks[-1].text)
    for kind in SPEAKER_KINDS:
        inside = [m for m in analysis.mentions_of(kind, i) if lo <= m.start and m.end <= hi]
        if inside:
            return [inside[0].text if kind == "person" else _org_speaker(inside[0])]
    if any(c.dep_ == "poss" for c in obj.children) or obj.lower_ not in COMMAND_NOUNS:
        # "on the orders of their battalion commander": the rank, with the side
        ranked = _rank_speaker(analysis, i, lo) if obj.lower_ in COMMAND_NOUNS else None
        return [ranked] if ranked else []
    words = [t for t in obj.lefts if t.dep_ in ("amod", "compound")] + [obj]
    return [" ".join(t.text for t in words)]


# Nouns of those who command: "on the orders of the Russian military command".
COMMAND_NOUNS = frozenset(["command", "commander", "commanders", "leadership", "headquarters"])


def _with_its(analysis: Analysis, i: int, verb: Token) -> str | None:
    """A more specific speaker the sentence adds to its subject ("Kyiv denied it, with its
    press centre saying ..."): the body or person that speaks for it."""
    s = analysis.sentences[i]
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "with":
            continue
        for t in prep.subtree:
            if t.dep_ != "nsubj" or not any(
                c.dep_ == "poss" and c.lower_ in ("its", "their") for c in t.children
            ):
                continue
            toks = [x for x in t.subtree if x.dep_ not in ("poss", "det") and not x.is_punct]
            lo = s.start + toks[0].idx
            hi = s.start + toks[-1].idx + len(toks[-1].text)
            if any(
                lo <= m.end and m.start <= hi
                for kind in ("person", "org", "unit")
                for m in analysis.mentions_of(kind, i)
            ) or any(x.text[:1].isupper() for x in toks):
                return analysis.text[lo:hi]
    return None


def _named_in_apposition(
    analysis: Analysis, i: int, subject: list[Token], lo: int, hi: int
) -> list[str]:
    """People a subject names only in apposition, past a clause about them ("two officials
    who hold office in <state>, namely A and B, called for ..."): the speakers, from the
    first one set in apposition ("namely", "including", or the parse's ``appos``) on."""
    s = analysis.sentences[i]
    people = analysis.mentions_of("person", i)
    if not subject or any(lo <= m.start and m.end <= hi for m in people):
        return []  # the subject names them itself
    start = s.start + min(t.idx for t in subject)
    end = s.start + max(t.idx + len(t.text) for t in subject)
    inside = [m for m in people if start <= m.start and m.end <= end]
    apposed = {s.start + t.idx for t in subject if t.dep_ == "appos"}
    for n, m in enumerate(inside):
        before = analysis.text[max(s.start, m.start - 16) : m.start]
        if re.search(r"\b(?:namely|including|such as|notably)\W*$", before, re.I) or any(
            m.start <= a < m.end for a in apposed
        ):
            return list(dict.fromkeys(x.text for x in inside[n:]))
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
    if head.tag_ == "PRP" and head.lower_ in ("he", "she"):
        # "<name> spoke on Monday. He denied ...": the person named last before
        at = base + head.idx
        for j in range(i, max(-1, i - 3), -1):
            people = [m for m in analysis.mentions_of("person", j) if m.end <= at]
            if people:
                return max(people, key=lambda m: m.start).text
        return None
    if head.tag_ == "PRP" and head.lower_ == "it":
        # "<state> said ... and it had struck": the state or body that is a subject before;
        # "<state> did not comment. It has struck ... though it denies targeting civilians":
        # the state or body the sentences before name first (their subject, most often)
        subjects = [
            m
            for kind in ("gpe", "org")
            for m in analysis.mentions_of(kind, i)
            if m.end <= base + head.idx
            and any(t.dep_ == "nsubj" and m.start <= base + t.idx < m.end for t in head.doc)
        ]
        if subjects:
            return _org_speaker(max(subjects, key=lambda m: m.start))
        for j in range(i - 1, max(-1, i - 3), -1):
            named = [m for kind in ("gpe", "org") for m in analysis.mentions_of(kind, j)]
            if named:
                return _org_speaker(min(named, key=lambda m: m.start))
    return None


def _state(speaker: str) -> bool:
    """A speaker that is a state or a body of one ("Russia", "the Russian Defense Ministry",
    "the Israeli army", a state's forces by their name)."""
    force = canonical_force(speaker)
    return bool(
        STATE_SPEAKERS.search(speaker)
        or RUSSIA_SPEAKER.search(speaker)
        or (force is not None and force.kind == "force")
        or re.search(r"\b(?:army|military|government|ministry|junta)$", speaker, re.I)
    )


def _org_speaker(m: Mention) -> str:
    return "Russia" if STATE_SPEAKERS.search(m.text) else re.sub(r"^the\s+", "", m.text, flags=re.I)


def _target(analysis: Analysis, i: int) -> str | None:
    units = analysis.mentions_of("unit", i)
    if units:
        return str(units[0].value.name)
    norp = analysis.mentions_of("norp", i)
    return norp[0].text if norp else None


@registry.stages.register("casefile.statements.v9")
class Statements(BaseStage):
    """Incitement, orders, honours and denials, each with its speaker and target."""

    name = "casefile.statements.v9"
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

    def prepare(self, analyses: list[Analysis]) -> None:
        """A batch's parses in one call: each document's English sentences with a cue (the
        cues found are kept for the document's run)."""
        english: dict[int, list[int]] = {}
        for analysis in analyses:
            if get_pack(analysis.document.language).has_statement_cues:
                continue
            cued = _cued(analysis)
            analysis.ahead[_CUED] = cued
            english[id(analysis)] = _english(analysis, cued)
        read_parses(analyses, lambda a: english.get(id(a), []), self.settings.model)

    def __call__(self, analysis: Analysis) -> None:
        pack = get_pack(analysis.document.language)
        if pack.has_statement_cues:  # a language whose pack lists the cues (English: CUES)
            _by_pack(analysis, pack)
            return
        found: set[tuple[str, str]] = set()  # one statement of each kind by each speaker
        last: str | None = None
        refined: dict[str, str] = {}  # a subject -> the more specific speaker told for it
        cued = analysis.ahead.pop(_CUED, None) or _cued(analysis)  # a batch's, or now
        english = _english(analysis, cued)
        if english:  # English has a parser
            parse_sentences(analysis, english, self.settings.model)
        words = concepts()
        for i, s in enumerate(analysis.sentences):
            for kind, cue in cued[i]:
                if (
                    kind == K.ORDER
                    and not _CRIME_WORDS.search(s.text)
                    and not any(
                        words.find(c, analysis.language_of(i), s.text) for c in _HARM_CONCEPTS
                    )
                ):
                    continue  # an order to do no harm ("recalled by order of the ministry")
                if kind == K.INCITEMENT and not _calls_for_harm(analysis, i, cue):
                    continue
                for speaker in _speakers(analysis, i, cue, kind, last, refined):
                    if kind == K.DENIAL and cue.group("blame") and not _state(speaker):
                        continue  # a person or a governor blaming the other side accuses
                    speaker = _full_name(analysis, MILITARY_RANK.sub("", speaker) or speaker)
                    speaker = _body_name(analysis, i, speaker)
                    # a state's forces by the name the table gives them ("Sudanese Armed
                    # Forces" for "the Sudanese army"), as perpetrators are named
                    force = canonical_force(speaker)
                    speaker = force.name if force else speaker
                    if (kind, speaker) in found or (
                        _rank_only(speaker)
                        and any(
                            k == kind and _rank_only(x) == _rank_only(speaker) for k, x in found
                        )
                    ):
                        continue  # one speaker; officers of one side told only by rank: one
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
        if refined:  # the most specific speaker the text gives, once
            kept: set[tuple[str, str]] = set()
            statements = []
            for st in analysis.statements:
                st.speaker = refined.get(st.speaker, st.speaker)
                if (st.kind, st.speaker) not in kept:
                    kept.add((st.kind, st.speaker))
                    statements.append(st)
            analysis.statements[:] = statements
        # an officer told only by rank where the report names who gave such a statement ("the
        # battalion commander who ordered ..." and, later, his name): the named one
        people = {m.text for m in analysis.mentions_of("person")}
        named = {
            st.kind
            for st in analysis.statements
            if not _rank_only(st.speaker)
            and any(st.speaker in p or p in st.speaker for p in people)
        }
        analysis.statements[:] = [
            st for st in analysis.statements if not (_rank_only(st.speaker) and st.kind in named)
        ]


# Words between a call and the harm it names that make it no call to harm: "called for an
# investigation into the killings", "urged them to stop the shelling".
_NOT_A_CALL_TO_HARM = frozenset(
    [
        "stop",
        "end",
        "halt",
        "cease",
        "prevent",
        "avoid",
        "refrain",
        "investigate",
        "investigation",
        "inquiry",
        "probe",
        "accountability",
        "justice",
        "punishment",
        "punish",
        "condemn",
        "condemnation",
        "prosecution",
        "prosecute",
        "protection",
        "protect",
        "ban",
    ]
)
_HARM_WORD = re.compile(rf"{_HARM}|death|genocide|mercy|no ?one", re.I)


def _calls_for_harm(analysis: Analysis, i: int, cue: re.Match[str]) -> bool:
    """Whether a call ("urged", "demanded", "called for") asks harm done, by the parse: the
    harm word hangs from the call through words of harm or of telling only, without a
    negation ("urged them not to kill") or a word that turns it round ("called for an end to
    the killing", "demanded an investigation into the executions"); and it is harm to more
    than one named person ("incited the murder of <a leader>" calls for no atrocity)."""
    doc = analysis.parses.get(i)
    if doc is None or cue.group("call") is None:
        return True
    span = doc.char_span(cue.start("call"), cue.end("call"), alignment_mode="expand")
    if span is None or len(span) < 2:
        return True
    call = span[0]
    harm = next((t for t in reversed(span) if _HARM_WORD.match(t.text)), None)
    if harm is None:
        return True
    s = analysis.sentences[i]
    people = analysis.mentions_of("person", i)
    for prep in (c for c in harm.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            at = s.start + obj.idx
            if obj.pos_ == "PROPN" and any(m.start <= at < m.end for m in people):
                return False  # one named person's killing
    t = harm
    for _ in range(8):
        if any(c.dep_ == "neg" for c in t.children) or t.lemma_.lower() in _NOT_A_CALL_TO_HARM:
            return False
        if t.i == call.i or t.head.i == t.i:
            return True
        if t.i != harm.i and t.pos_ == "NOUN" and not _HARM_WORD.match(t.text):
            return False  # the harm told of something else the call asks for
        t = t.head
    return True


_CUED = ("statements.cued", -1, "")  # where a batch keeps a document's cues (Analysis.ahead)


def _cued(analysis: Analysis) -> dict[int, list[tuple[str, re.Match[str]]]]:
    """Each sentence's statement cues, one reading of the words two cues share."""
    return {
        i: _one_reading(
            [
                (kind, cue)
                for kind, rx in CUES.items()
                if may_match(rx, s.text) and (cue := rx.search(s.text))
            ]
        )
        for i, s in enumerate(analysis.sentences)
    }


def _english(analysis: Analysis, cued: dict[int, list[tuple[str, re.Match[str]]]]) -> list[int]:
    """The sentences with a cue the parse reads (English has a parser)."""
    return [i for i, cues in cued.items() if cues and analysis.language_of(i) == "en"]


def _one_reading(cues: list[tuple[str, re.Match[str]]]) -> list[tuple[str, re.Match[str]]]:
    """One reading of words two cues share: an order to one's own men that holds or is
    followed by the words of a call ("told his fighters to take no prisoners") is an order,
    not incitement besides; a call that others be killed is no denial that blames them
    ("said Ukrainians should all be killed")."""

    def within(kind: str, c: re.Match[str]) -> bool:
        return any(k == kind and o.start() < c.end() and c.start() < o.end() for k, o in cues)

    # a leader telling his own men what to do: the words of a call that follow are the
    # order's ("ordered his commanders not to take prisoners and to kill all who surrender")
    own = min((c.start() for k, c in cues if k == K.ORDER and c.group("own")), default=None)
    return [
        (k, c)
        for k, c in cues
        if not (k == K.INCITEMENT and (within(K.ORDER, c) or (own is not None and c.start() > own)))
        and not (k == K.DENIAL and within(K.INCITEMENT, c))
    ]


# A defence ministry, named the one way whatever the spelling ("Russian Defense Ministry" for
# "Russia's Ministry of Defence", "the Russian MoD", "Ministry of Defence of Russia"): the
# state's adjective and "Defense Ministry".
_MINISTRY = DEFENCE_MINISTRY_WORDS
DEFENCE_MINISTRY = re.compile(
    rf"\b(?:(?P<a>[A-Z][a-z]+(?: Federation)?)(?:['’]s)? {_MINISTRY}"
    r"|(?i:defen[cs]e ministry|ministry of defen[cs]e) of (?:the )?"
    r"(?P<b>[A-Z][a-z]+(?: Federation)?))(?!\w)"
)


def _ministry_name(m: re.Match[str]) -> str | None:
    state = m.group("a") or m.group("b")
    if state.lower() in ("the", "a", "its", "their", "his", "her"):
        return None
    adjective = demonyms().get(state.lower(), state)
    if adjective.lower().endswith(" federation"):
        adjective = adjective.split()[0]
    return f"{adjective} Defense Ministry"


def _body_name(analysis: Analysis, i: int, speaker: str) -> str:
    """A defence ministry by its one name ("Russian Defense Ministry"), whether the speaker
    names it ("Russian Ministry of Defence") or the sentence does where the speaker is only
    the ministry or its state ("Russia's Defence Ministry" read as "Defence Ministry" or
    "Russia")."""
    own = DEFENCE_MINISTRY.search(speaker)
    if own:
        return _ministry_name(own) or speaker
    text = analysis.sentences[i].text
    if speaker != "Russia" and not re.fullmatch(_MINISTRY, speaker):
        # a body named with its state's possessive ("Russia's Investigative Committee"):
        # the state's adjective, as a ministry's
        m = re.search(rf"\b([A-Z][a-z]+)['’]s {re.escape(speaker)}\b", text)
        adjective = demonyms().get(m.group(1).lower()) if m else None
        if adjective and speaker[:1].isupper():
            return f"{adjective} {speaker}"
        return speaker
    named = {n for m in DEFENCE_MINISTRY.finditer(text) if (n := _ministry_name(m))}
    if len(named) != 1:
        return speaker
    (name,) = named
    return name if speaker != "Russia" or name.startswith("Russian ") else speaker


def _full_name(analysis: Analysis, name: str) -> str:
    """'Medvedev' -> 'Dmitry Medvedev' when the document names him in full somewhere, else
    when he is a known person (``knowledge/data/persons.yaml``) of that surname."""
    if " " in name:
        return name
    for m in analysis.mentions:
        if m.kind == "person" and m.text.endswith(" " + name):
            return m.text
    known = KnownPersons.default().get(name)
    if known is not None and known.name.split()[-1].lower() == name.lower():
        return known.name
    return name


# Words of crimes besides harm's (concepts.yaml) that an English order may come with.
_CRIME_WORDS = re.compile(
    r"\b(?:open(?:ed|ing)? fire|fir(?:e|ed|ing) (?:at|on|upon)|tortur\w*|rap(?:e|ed)|"
    r"deport\w*|prisoners?|captives?|civilians?|no mercy|spare no ?one)\b",
    re.I,
)
# Words of harm that an order or a call must come with to link a leader to a crime
# (concepts.yaml), in a language read by its pack's cue lists.
_HARM_CONCEPTS = ("kill", "weapon", "harm")
# ... or, for a call whose own words name the harm, people it is to be done to.
_PEOPLE_CONCEPTS = ("civilian", "pow", "soldier")
# A people named by its nationality in Ukrainian or Russian ("українців", "украинцев").
_NATIONALS = re.compile(r"\b(?:українц|украинц|росіян|россиян|русских)\w*", re.I)


def _by_pack(analysis: Analysis, pack: LanguagePack) -> None:
    """Statements by the pack's cue phrases (``LanguagePack.statement_cues``): one of each
    kind by each speaker a cue's sentence names (``_pack_speaker``; for an order told "on
    the orders of", the person named after it), as in English; an order or a call to kill
    only in a sentence that names an act of harm."""
    language = pack.code
    words = concepts()
    found: set[tuple[str, str]] = set()
    for i, s in enumerate(analysis.sentences):
        for cue in pack.statement_cues(s.text):
            if (
                cue.kind in (K.ORDER, K.INCITEMENT)
                and not any(words.find(c, language, s.text) for c in _HARM_CONCEPTS)
                # a call's own words name the harm ("закликав знищувати"): it needs only the
                # people it is to be done to
                and not (
                    cue.kind == K.INCITEMENT
                    and (
                        any(words.find(c, language, s.text) for c in _PEOPLE_CONCEPTS)
                        or analysis.mentions_of("norp", i)
                        or _NATIONALS.search(s.text)
                    )
                )
            ):
                continue
            given_by = cue.kind == K.ORDER and any(
                b.start <= cue.start < b.end for b in pack.cues(s.text, ["order_by"])
            )
            if given_by:  # "<soldier> shot them on the orders of <giver>": the giver only
                speaker = _giver_named(analysis, i, s.start + cue.end)
            else:
                speaker = _pack_speaker(analysis, i, s.start + cue.start, cue.kind, pack)
            if not speaker:
                continue
            speaker = _body_name(analysis, i, speaker)
            if (cue.kind, speaker) in found:
                continue
            found.add((cue.kind, speaker))
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
        # a word that speaks for a state, just before the cue ("Кремль заперечив") or with
        # a verb of saying between ("у Кремлі назвали ... фейком"); not a state a noun cue
        # is told of ("РФ готує провокацію")
        s = analysis.sentences[i]
        at = cue_at - s.start
        for _, end, name in reversed(pack.states(s.text)):
            if end > at:
                continue
            if at - end <= 3 or pack.cues(s.text[end:at], ["attribution"]):
                return name
            break
        return None
    if kind not in (K.ORDER, K.INCITEMENT):
        return None
    s = analysis.sentences[i]
    ranks = pack.ranks(s.text)
    if not ranks:
        # an order to kill that names no giver ("отримали наказ розстрілювати полонених"):
        # the command of the side whose forces the report names ("Russian commander")
        side = _side(analysis) if kind == K.ORDER else None
        return f"{side} commander" if side else None
    _, _, rank, side = min(ranks, key=lambda r: abs(s.start + r[0] - cue_at))
    side = side or _side(analysis)
    return f"{side} {rank}" if side else rank


def _giver_named(analysis: Analysis, i: int, after: int) -> str | None:
    """The person named right after an "on the orders of" cue (a pack's ``order_by``):
    who gave the order; None where it is told only by rank ("своего командира")."""
    people = [m for m in analysis.mentions_of("person", i) if after <= m.start <= after + 60]
    return str(getattr(people[0].value, "name", people[0].text)) if people else None


def _side(analysis: Analysis) -> str | None:
    """The side whose forces the document names most: "Russian" for "Russian forces"; where
    it names none, the side the order of battle gives its units ("71st Motorized Rifle
    Regiment": Russian)."""
    names = [
        str(m.value.name).removesuffix(" forces")
        for m in analysis.mentions_of("actor")
        if getattr(m.value, "kind", None) == "force"
        and str(getattr(m.value, "name", "")).endswith(" forces")
    ]
    if not names:
        orbat = Orbat.default()
        for m in analysis.mentions_of("unit"):
            record = orbat.resolve(str(getattr(m.value, "name", m.text)), fuzzy=False)
            side = demonyms().get(record.affiliation.lower()) if record else None
            if side:
                names.append(side)
    return max(sorted(set(names)), key=names.count) if names else None
