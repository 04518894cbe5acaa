"""The assembler: event mentions grouped into incidents, each given its fields.

It knows no language: it reads the event mentions of ``events.v6`` (type, trigger,
arguments with roles, score) and the cue words of ``types/concepts.yaml``.

1. Mentions are read in text order. Each joins the open incident it scores best with, by the
   named features of ``JOIN_FEATURES`` (same sentence, sentences apart, conflicting dates or
   places, a cue of a new act such as "another", a cue that goes on such as "the strike",
   shared or different agents), or else starts an incident of its own.
2. An act is kept when it is likely enough as a whole (its probability by the act model
   reaches ``start_threshold`` of extract/weights.yaml): a strike on a railway station with
   no harm named may add its date and place to an act without making one.
3. Each incident's fields come from its mentions' arguments: the date and place that hang
   from the act's clause before those merely in its sentences, the count of the killed (of
   the victims, for acts that do not kill), the agents, and the cues for evidence, certainty
   and attribution.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property, lru_cache
from itertools import pairwise

import pycountry
from spacy.tokens import Token

from .. import registry
from ..config import Settings
from ..knowledge.demonyms import capital_demonym, demonyms
from ..knowledge.gazetteer import Gazetteer
from ..knowledge.groups import canonical_force
from ..knowledge.orbat import Orbat
from ..lang import get_pack
from ..model import Actor, Analysis, Count, DateRange, Incident, Mention, Place
from ..vocab import CERTAINTY, VICTIM_CATEGORIES
from ..vocab import INCIDENT_TYPES as T
from .base import BaseStage
from .counts import RISEN
from .dates import DateMatch, resolve_published
from .events import (
    AGENT,
    COUNT,
    DATELINE_SENTENCES,
    NON_STATE_NOUNS,
    PLACE,
    TIME,
    UNNAMED,
    EventMention,
    assailant,
    blamed_party,
    filed_end,
    headline_agents,
    parsed_span,
    score_features,
    tells_of_act,
    weights,
)
from .fields import (
    ADMIN_NAME,
    NOT_A_PLACE_AFTER,
    SPAN_CUE,
    SPEAKS_AFTER,
    SPEAKS_BEFORE,
    attribution,
    combine_counts,
    evidence,
    explicit,
    summary,
)
from .geo import RANK, km, lacked
from .lexicon import (
    CLAIM_NOUNS,
    DEFENCE_MINISTRY_WORDS,
    GOVERNMENT_SEATS,
    MILITARY_RANK,
    REJECTING_LEMMAS,
)
from .places import home_country, home_institution, opens_a_name, place_countries, stray
from .statistics import spreads
from .truecase import is_english_word, shouting
from .types import concepts, type_specs

# Types whose acts one report may tell with either word: the dead of a strike are its victims.
COMPATIBLE = {frozenset({T.ATTACK_ON_CIVILIANS, T.KILLING_OF_CIVILIANS})}
# The type an incident of compatible types takes, first listed first.
PRECEDENCE = [T.ATTACK_ON_CIVILIANS, T.EXECUTION_OF_POWS, T.KILLING_OF_CIVILIANS]

# Whether a mention joins an open incident: a weighted sum of named features, joined where
# it is above zero. These are the starting weights, set by hand on the structure of reports;
# scripts/fit_extraction.py fits them on gold documents (``join`` in extract/weights.yaml).
JOIN_FEATURES: dict[str, float] = {
    "bias": 0.3,
    "same_sentence": 1.0,  # two triggers of one act in one sentence
    "next_sentence": 0.5,
    "near": 0.2,  # two or three sentences apart
    "far": -0.2,  # more than three sentences apart
    "compatible_type": -0.3,  # attack and killing: one act told with two words
    # two stated dates that do not overlap (also a digest's "over the past 24 hours": ``_pinned``)
    "date_conflict": -4.0,
    "time_conflict": -4.0,  # two sentences told at different times of day ("о 06:30")
    "place_conflict": -4.0,  # two settlements (or regions) too far apart
    # the mention's sentence names weapons of one family only, the act's sentences of others
    # only ("an artillery strike" ... "a drone strike": ``Assembler.weapons``). Measured, not
    # yet used: on the gold of 2026-12 it never parts two mentions of one act (held-out pair
    # accuracy 0.805 -> 0.827 at -2.0, fitted weight -3.35), but two acts it parts take a date
    # or place misread ("In early April, Russia said ...", "blamed Kiev for the strike"):
    # held-out incident F1 0.780 -> 0.777, train 0.786 -> 0.785
    "weapon_conflict": 0.0,
    "new_act_cue": -1.4,  # "another", "a second", "separately" opening the sentence
    # "Нагадаємо, 20 березня ...": an act reported before, on a day the act just told (and
    # the sentence before it) does not name (``Assembler.recalled``)
    "reminder_cue": -4.0,
    "continues_cue": 0.8,  # "the strike", "it", "the victims" opening the sentence
    "same_agent": 0.4,
    "other_agent": -0.8,
}

# The longest span reckoned from publication that keeps an act apart from one stated outside
# it, as a day does: a digest's "over the past 24 hours" (two calendar days).
PINNED_DAYS = 2

# The families of weapons (concepts ``weapon_*`` of types/concepts.yaml) that tell two acts
# apart: drones, missiles, artillery (barrels and rocket launchers), aircraft and their bombs.
WEAPON_FAMILIES = ("weapon_drone", "weapon_missile", "weapon_artillery", "weapon_air")
# The hyphen of a compound of two words ("missile-drone"), read as a space.
COMPOUND = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")

# A time of day: an hour and its minutes ("06:30", "14.00"), not a date ("12.09.2025") nor
# a decimal of a figure ("19,5").
CLOCK = re.compile(r"(?<![\d.,:])(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?![\d.,:]\d|\d)")

# An hour on a twelve-hour clock ("9.45 p.m.", "11pm", "2 a.m."): its half of the day.
MERIDIEM = re.compile(
    r"(?<![\d.,:])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s?(?P<half>[ap])\.?m\b\.?", re.I
)


def clock_hours(text: str) -> list[int]:
    """The hours (0-23) of the times of day ``text`` states where their half of the day is
    plain: a twelve-hour time with "a.m."/"p.m.", a 24-hour time past noon ("21:45") or
    written with its leading zero ("03:10"); not "5.30" (which half?)."""
    hours = []
    taken: list[tuple[int, int]] = []
    for m in MERIDIEM.finditer(text):
        h = int(m["h"]) % 12 + (12 if m["half"].lower() == "p" else 0)
        hours.append(h)
        taken.append(m.span())
    for m in CLOCK.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        h = int(m["h"])
        if h >= 13 or (m["h"].startswith("0") and len(m["h"]) == 2):
            hours.append(h)
    return hours


# Prisoners of war named with their side (types/concepts.yaml) and the force that holds them.
CAPTORS = {"ukrainian_captives": "Russian forces", "russian_captives": "Ukrainian forces"}

# Counts by the role they were found in, for acts that kill and acts that do not.
COUNT_ROLES = {
    T.EXECUTION_OF_POWS: ("killed", "victims"),
    T.KILLING_OF_CIVILIANS: ("killed", "victims"),
    T.ATTACK_ON_CIVILIANS: ("killed",),
}
OTHER_COUNT_ROLES = ("victims", "killed")
TOLERANCE_KM = {"settlement": 30, "district": 60, "admin1": 250}
# What may stand around the date on a line that tells when a page was posted ("March 7, 2024
# 12:00AM EST", "Updated: 8 March 2024, 14:05 GMT"): no act is dated by it
STAMP = re.compile(
    r"[\W_]*(?:(?:first\s+|last\s+)?(?:published|updated|posted|issued|released|date)\b[\W_]*)?"
    r"(?:(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b\.?)?\s*(?:[A-Z]{2,4}\b)?(?:\s*[+-]\d{1,4})?)?"
    r"[\W_]*",
    re.IGNORECASE,
)
LEAD = 1  # the last sentence of a lead or heading that may date the acts told after it
FAR_DATE = 3  # sentences after an act's first beyond which a date is far from its telling
DATE_BACK = 3  # sentences before an act that may state its date, where nothing parses it
FOLD_REACH = 3  # sentences between a detention and the torture it began, without a parse
# What may stand between a village and the region it is told in ("<name> village, <name>
# township, "): its kind, the names and kinds of the areas between, commas and "in".
APPOSITION = re.compile(
    r"(?:\s*(?:,|\bin\b|\bthe\b|\b(?:village|hamlet|township|commune|district|county)\b"
    r"|[A-Z][\w'’-]*))*\s*",
)
APPOSITION_REACH = 60

# Acts done to the same people where one clause tells both ("held ... and tortured him").
SAME_VICTIMS = frozenset({T.UNLAWFUL_DETENTION, T.TORTURE, T.SEXUAL_VIOLENCE, T.DEPORTATION})
AND_CLAUSE = re.compile(r"^[^;:.]*\band\b[^;:.]*$")
AND_ONLY = re.compile(r"\s*(?:,\s*)?and(?:\s+then)?\s*", re.I)  # "detained and tortured"
AND_JOINED = re.compile(r"^\s*and\s+(?:(?:his|her|their|its|the)\s+)?$", re.I)
DISTRICT_REACH = 60.0  # km from a district's point within which a town may lie in it
PART_REACH = 60  # characters before a place that may hold its figure
ORDINAL_REACH = 4  # sentences after an act's first that may tell its acts one by one
ORDINAL_WORDS = 3  # words that open a sentence and may hold its ordinal ("The second grave")
PART_WORDS = 5  # words before a place that may hold its figure in a toll told place by place
AS_OF = re.compile(r"\b(?:by|as of|until|till)\s*$", re.I)  # a day a figure is told as of
CLAUSE_MARK = re.compile(r"[,;:()\[\]]")
# A place named as the point a distance is measured from ("45 km south of <town>"): the act
# was elsewhere.
DISTANCE_FROM = re.compile(
    r"\b\d[\d,.]*\s*(?:km|kilometers|kilometres|miles|mi|meters|metres|m)\b[\s\w-]{0,25}?"
    r"\b(?:from|of|outside)\s+(?:the\s+)?$",
    re.I,
)


@dataclass
class Group:
    """Event mentions assembled into one act."""

    events: list[EventMention] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)  # sentences that only add to the act
    counts: list[Mention] = field(default_factory=list)  # counts those sentences give
    agents: list[Mention] = field(default_factory=list)  # agents of acts folded into it
    denied: bool = False  # a denial in the document speaks of this act
    retold: list[EventMention] = field(default_factory=list)  # weak mentions that retell it
    stamps: int = 0  # lines before it that only stamp the page with a date (``stamp_lines``)
    toll_after: bool = False  # without a parse: a sentence right after gives its toll

    @property
    def type(self) -> str:
        types = {e.type for e in self.events}
        # a killing told beside an attack is a strike's toll where the report names a weapon
        # of war; in a report that names none ("gunmen stormed the village and set houses on
        # fire, killing forty"), or where the killing is told more than twice as often as the
        # attack (a massacre, and an air raid told in passing), the act is the killing
        said = Counter(e.type for e in self.events)
        if T.KILLING_OF_CIVILIANS in types and (
            not any(e.armed for e in self.events)
            or said[T.KILLING_OF_CIVILIANS] > 2 * said[T.ATTACK_ON_CIVILIANS]
        ):
            types.discard(T.ATTACK_ON_CIVILIANS)
        for t in PRECEDENCE:
            if t in types:
                return t
        return Counter(e.type for e in self.events).most_common(1)[0][0]

    @property
    def sentences(self) -> list[int]:
        return sorted({e.sentence for e in self.events} | set(self.extra))

    def args(self, role: str) -> list[Mention]:
        found = [m for e in self.events for m in e.of(role)]
        if role == AGENT:
            return found + self.agents
        return found + self.counts if role == COUNT else found

    @property
    def features(self) -> dict[str, float]:
        """The named features of the act as a whole (their weights: extract/weights.yaml):
        its strongest rule and its arguments pooled. No prior per type: the share of each
        type's acts that are real in our gold documents says little of other reports.
        Negated mentions and intents never reach an act (``Assembler.usable``)."""
        usable = [e for e in self.events if not e.support] or self.events
        roles = {a.role for e in self.events for a in e.args}
        out = {
            "rule": max(e.features["rule"] for e in self.events),
            "weakened": min(e.features["weakened"] for e in usable),
            "pattern": float(all(e.pattern_sentence for e in self.events) and len(roles) < 2),
            "aggregate": min(e.features["aggregate"] for e in self.events),
            "quoted": min(e.features["quoted"] for e in self.events),
            "generic": min(e.features["generic"] for e in self.events),
            "has_agent": float(AGENT in roles),
            "has_place": float(PLACE in roles),
            "has_time": float(TIME in roles),
            # without a parse, a toll told in the sentence right after counts as its own
            # ("Ракета влучила в будинок. Загинули семеро людей.": Assembler.tolls_after)
            "has_count": float(COUNT in roles or self.toll_after),
            # among the first two sentences but for a page's stamp ("25.11.2024 14:20"
            # between the headline and the body)
            "lead": float(self.events[0].sentence - self.stamps <= 1),
            "harm": float(any(e.harm for e in self.events)),
            "mentions": math.log(len(self.events)),
        }
        return out

    @property
    def score(self) -> float:
        return score_features(self.features)


@lru_cache(maxsize=4096)
def _capital_name(name: str) -> bool:
    return any(
        c.feature_code == "PPLC" and c.match == "name" for c in Gazetteer.default().candidates(name)
    )


def _capital(place: Place) -> bool:
    """The place is a country's capital (a name that may stand for its government)."""
    return place.precision == "settlement" and _capital_name(place.name)


def _own(events: list[EventMention], role: str) -> list[Mention]:
    """The arguments the parse hangs from the acts themselves; where a sentence had no parse
    (no parser for its language), those nearest to their trigger."""
    return [
        a.mention
        for e in events
        for a in e.args
        if a.role == role and (a.via.startswith("parse") or (a.via == "nearest" and not e.parsed))
    ]


def _unparsed(g: Group) -> bool:
    """No mention of the act had a parse (a language without a parser)."""
    return not any(e.parsed for e in g.events)


def _overlap(a: DateRange, b: DateRange) -> bool:
    a0, a1 = (a.start or a.end or ""), (a.end or a.start or "")
    b0, b1 = (b.start or b.end or ""), (b.end or b.start or "")
    n, m = min(len(a0), len(b1)), min(len(b0), len(a1))
    return a0[:n] <= b1[:n] and b0[:m] <= a1[:m]


def dates_conflict(a: list[DateMatch], b: list[DateMatch]) -> bool:
    """Both name a date of their own, and none of them overlap: a date the text states, or
    a day reckoned from publication that the parse hangs from the act ("on Tuesday")."""
    fa, fb = [d for d in a if _pinned(d)], [d for d in b if _pinned(d)]
    return bool(fa and fb) and not any(_overlap(x.range, y.range) for x in fa for y in fb)


def kindred(a: str, b: str) -> bool:
    """Two incident types one act may be told with: the same, or ``COMPATIBLE``."""
    return a == b or frozenset({a, b}) in COMPATIBLE


def _one_day(r: DateRange | None) -> bool:
    """The range is one day, to the day ("2024-03-10")."""
    return bool(r and r.start and r.start == r.end and len(r.start) == 10)


def _dated(d: DateMatch) -> bool:
    return explicit(d) or _one_day(d.range)


def _pinned(d: DateMatch) -> bool:
    """A date that pins an act for a conflict: a stated one, one day, or a span reckoned from
    publication no longer than ``PINNED_DAYS`` ("over the past 24 hours", "overnight")."""
    return _dated(d) or 0 < _span_days(d.range) <= PINNED_DAYS


def _named_place(p: Place) -> bool:
    """A settlement, also one the gazetteer places only by its district or region."""
    return p.precision == "settlement" or (
        p.precision in ("district", "admin1") and not ADMIN_NAME.search(p.name)
    )


def _inside(p: Place, q: Place) -> bool:
    """``q`` is the region (admin1) ``p`` lies in: "a town in Idlib province", where the
    gazetteer names the province as its capital is named."""
    return (
        q.precision == "admin1"
        and p.precision != "admin1"
        and bool(q.admin1)
        and p.admin1 == q.admin1
        and p.country == q.country
    )


def _apart(p: Place, q: Place) -> bool:
    if _inside(p, q) or _inside(q, p):
        return False
    if _named_place(p) and _named_place(q):
        if p.name in q.name or q.name in p.name:
            return False
        mapped = p.lat is not None and q.lat is not None
        if mapped and (p.precision != "settlement" or q.precision != "settlement"):
            return True  # two villages placed by their district: different names, two places
        if not mapped and p.precision == q.precision == "settlement":
            return True  # a village not on the map and another: different names, two places
        if not mapped:
            return False  # a village not on the map may lie in the region named
    if p.lat is None or q.lat is None or p.precision not in TOLERANCE_KM:
        return False
    if q.precision not in TOLERANCE_KM:
        return False
    return km(p, q) > max(TOLERANCE_KM[p.precision or ""], TOLERANCE_KM[q.precision or ""])


def _one_side(forces: set[str], units: set[str]) -> bool:
    """Whether ``forces`` are one side's forces ("Russian forces") and every name of
    ``units`` a unit of that side in the order of battle ("Russian Airborne Forces"): one
    party named twice, not two (without a parse, an order and its carrying out)."""
    if not forces or not all(f.endswith(" forces") for f in forces):
        return False
    orbat = Orbat.default()
    for name in units:
        record = orbat.resolve(name, fuzzy=False) or orbat.resolve(
            name.rsplit(", ", 1)[-1], fuzzy=False
        )
        side = demonyms().get(record.affiliation.lower()) if record else None
        if not side or f"{side} forces" not in forces:
            return False
    return True


def _one_side_with_men(forces: set[str], agents: list[Mention]) -> bool:
    """Whether the agents are units of the side of ``forces`` and men named beside them
    ("Sergeant <name> of <unit>": the unit says whose side he is on): ``_one_side`` over
    the units; False where they name no unit."""
    actors = [a for m in agents if (a := _actor(m)) is not None]
    units = {a.name for a in actors if a.kind != "person"}
    return any(a.kind == "unit" for a in actors) and _one_side(forces, units)


def _finest(places: list[Place], unparsed: bool) -> list[Place]:
    """Without a parse, the settlements of an act's places where it names any: a digest
    that opens with its region ("росіяни атакували 8 районів області") and goes on town by
    town tells one act a town, which the region they share would join."""
    if not unparsed:
        return places
    return [p for p in places if p.precision == "settlement"] or places


def places_conflict(a: list[Place], b: list[Place]) -> bool:
    """Every place of one lies beyond the reach of every place of the other."""
    pa = [p for p in a if p.precision in TOLERANCE_KM]
    pb = [p for p in b if p.precision in TOLERANCE_KM]
    if not pa or not pb:
        return False
    return all(_apart(p, q) for p in pa for q in pb)


class Assembler:
    """Groups one document's event mentions and fills each incident's fields."""

    def __init__(self, analysis: Analysis, model: str | None = None) -> None:
        self.a = analysis
        self.model = model or Settings().model  # the spaCy model whose lexicon names words
        self.words = concepts()
        self._opening: dict[tuple[str, int], bool] = {}
        self._tallies: dict[int, bool] = {}
        self._elsewhere: dict[tuple[int, int], bool] = {}
        self._weapons: dict[int, frozenset[str]] = {}
        self.told = {e.sentence for e in analysis.events}  # sentences that tell an act
        self.kept: list[Group] = []  # the acts ``groups`` keeps (none before it runs)
        # (force name, paragraphs, type) -> the one unit of its side they name
        self._side_unit: dict[tuple[str, frozenset[int], str], Actor | None] = {}

    # -- step 1: grouping --------------------------------------------------------------
    def opens_with(self, concept: str, i: int) -> bool:
        """The sentence opens with a cue word of ``concept`` (within its first five words)."""
        key = (concept, i)
        if key not in self._opening:
            s = self.a.sentences[i]
            head = " ".join(re.findall(r"[\w'’-]+", s.text)[:5])
            self._opening[key] = bool(self.words.find(concept, self.a.language_of(i), head))
        return self._opening[key]

    def join_features(self, group: Group, e: EventMention) -> dict[str, float]:
        last = group.events[-1]
        gap = e.sentence - last.sentence
        unparsed = not e.parsed and _unparsed(group)
        same_type = e.type in {g.type for g in group.events}
        compatible = any(frozenset({e.type, g.type}) in COMPATIBLE for g in group.events)
        agents = {a.name for m in e.of(AGENT) if (a := _actor(m))}
        theirs = {a.name for m in group.args(AGENT) if (a := _actor(m))}
        return {
            "same_sentence": float(gap == 0),
            "next_sentence": float(gap == 1),
            "near": float(2 <= gap <= 3),
            "far": float(gap > 3),
            "compatible_type": float(compatible and not same_type),
            "date_conflict": float(
                dates_conflict(
                    [m.value for m in _own(group.events, TIME)], [m.value for m in _own([e], TIME)]
                )
            ),
            "time_conflict": float(
                gap > 0
                and not e.parsed  # a parse tells which clause a time is of
                and bool(mine := self.clock(e.sentence))
                and bool(seen := {t for g in group.events for t in self.clock(g.sentence)})
                and not mine & seen
            ),
            "place_conflict": float(
                places_conflict(
                    _finest([m.value for m in self.places(_own(group.events, PLACE))], unparsed),
                    _finest([m.value for m in self.places(_own([e], PLACE))], unparsed),
                )
            ),
            "weapon_conflict": float(
                gap > 0
                and bool(kinds := self.weapons(e.sentence))
                and bool(
                    known := frozenset().union(*(self.weapons(g.sentence) for g in group.events))
                )
                and not kinds & known
            ),
            "new_act_cue": float(
                gap > 0
                and self.opens_with("new_act", e.sentence)
                and not self.opens_with("reporting", e.sentence)  # "He also said ..."
            ),
            "continues_cue": float(gap > 0 and self.opens_with("continues", e.sentence)),
            "reminder_cue": float(gap > 0 and self.recalled(group, e)),
            "same_agent": float(bool(agents & theirs)),
            "other_agent": float(
                bool(agents and theirs and not agents & theirs)
                # a side's forces and a unit of that side (and a man named with it, "Sergeant
                # <name> of <unit>"): one party named twice, not two
                and not (
                    _one_side_with_men(theirs, e.of(AGENT))
                    or _one_side_with_men(agents, group.args(AGENT))
                    or _one_side(agents, theirs)
                    or _one_side(theirs, agents)
                )
            ),
        }

    def recalled(self, group: Group, e: EventMention) -> bool:
        """Without a parse, the mention's sentence opens with a reminder (concept
        ``reminder``: "Нагадаємо, ...", "Напомним, ...") and states a day of its own that
        none of the group's sentences, nor the one before them, names: an earlier act
        recalled ("Нагадаємо, 23 січня ... загинули 11 людей"), not the one just told
        retold ("Напомним, город был под атакой с 06:28")."""
        if e.parsed or not self.opens_with("reminder", e.sentence):
            return False
        own = [m.value for m in self.a.mentions_of("date", e.sentence) if _dated(m.value)]
        first = min(g.sentence for g in group.events)
        told = [
            m.value
            for i in range(max(first - 1, 0), e.sentence)
            for m in self.a.mentions_of("date", i)
            if _dated(m.value)
        ]
        return bool(own) and not any(_overlap(x.range, y.range) for x in own for y in told)

    def weapons(self, i: int) -> frozenset[str]:
        """The families of weapons sentence ``i`` names (``WEAPON_FAMILIES``), also each
        half of a compound ("ракетно-дронова атака", "missile-drone attack"); the generic
        words of striking ("strike", "shelling") name none."""
        if i not in self._weapons:
            lang, text = self.a.language_of(i), self.a.sentences[i].text
            halves = COMPOUND.sub(" ", text)
            self._weapons[i] = frozenset(
                f
                for f in WEAPON_FAMILIES
                if self.words.find(f, lang, text) or self.words.find(f, lang, halves)
            )
        return self._weapons[i]

    def clock(self, i: int) -> set[tuple[int, int]]:
        """The times of day sentence ``i`` states ("06:30", "о 14.00 год"), as (hour,
        minute); not a time a figure is told as of ("станом на 16:00")."""
        text = self.a.sentences[i].text
        pack = get_pack(self.a.language_of(i))
        return {
            (int(m["h"]), int(m["m"]))
            for m in CLOCK.finditer(text)
            if not pack.as_of(text[max(0, m.start() - 15) : m.start()])
        }

    @staticmethod
    def join_score(features: dict[str, float]) -> float:
        """The log-odds that the mention tells the same act as the group: the fitted weights
        of extract/weights.yaml (``join``) where there are some, else JOIN_FEATURES."""
        w = weights().get("join") or JOIN_FEATURES
        return w.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in features.items())

    def usable(self) -> list[EventMention]:
        """Mentions that can be part of an act: not negated, not an intent, not a count of
        cases, and not a weaker
        reading of a sentence that another type reads without doubt."""
        by_sentence: dict[int, list[EventMention]] = {}
        for e in self.a.events:
            # a figure that counts cases is a statistic, not an incident (the spec)
            if not (e.negated or e.intent or e.counts_cases):
                by_sentence.setdefault(e.sentence, []).append(e)
        out = []
        for events in by_sentence.values():
            clear = {e.type for e in events if not e.features.get("weakened") and not e.support}
            for e in events:
                if e.features.get("weakened") and clear - {e.type}:
                    # its arguments go to the nearest reading that stays
                    kept = [x for x in events if x.type in clear - {e.type}]
                    into = min(kept, key=lambda x: abs(x.start - e.start))
                    have = {(a.role, a.mention.start, a.mention.end) for a in into.args}
                    into.args += [
                        a for a in e.args if (a.role, a.mention.start, a.mention.end) not in have
                    ]
                    continue
                out.append(e)
        return sorted(out, key=lambda e: (e.start, e.end))

    def share_conjoined(self) -> None:
        """Two acts' words joined by "and" ("detained and tortured 15 civilians", "were
        abducted and beaten in <village>") tell one clause's when, where and how many: each
        takes the dates, places and counts the other has and it lacks (not the agent); acts
        done to the same people (``SAME_VICTIMS``) told in one sentence with "and" between
        ("held a farmer in a cellar and tortured him") share their count."""
        by_sentence: dict[int, list[EventMention]] = {}
        for e in self.a.events:
            by_sentence.setdefault(e.sentence, []).append(e)
        for events in by_sentence.values():
            for a, b in pairwise(sorted(events, key=lambda e: e.start)):
                between = self.a.text[a.end : b.start]
                if a.type == b.type:
                    continue
                if AND_ONLY.fullmatch(between):
                    roles: tuple[str, ...] = (TIME, PLACE, COUNT)
                elif {a.type, b.type} <= SAME_VICTIMS and AND_CLAUSE.search(between):
                    # "held a farmer in a cellar for a week and tortured him": his count
                    roles = (COUNT,)
                else:
                    continue
                for x, y in ((a, b), (b, a)):
                    for role in roles:
                        if not x.of(role):
                            x.args += [arg for arg in y.args if arg.role == role]

    def groups(self) -> list[Group]:
        """The acts likely enough to be incidents (``start_threshold``), with what the
        sentences right after them add."""
        self.share_conjoined()
        groups = self.candidates()
        for g in groups:
            g.toll_after = _unparsed(g) and any(self.tolls_after(g))
        kept = [g for g in groups if g.score >= weights()["start_threshold"]]
        kept = self.without_tallies(kept)
        kept = self.fold_told_before(kept)
        kept = self.fold_doers_named(kept)
        self.fold_retellings(
            kept, [g for g in groups if g not in kept and not all(self.tally(e) for e in g.events)]
        )
        kept = self.fold_detentions(kept)
        self.add_told_after(kept)
        self.add_told_between(kept)
        self.kept = kept
        return kept

    def tally(self, e: EventMention) -> bool:
        """The mention tells a tally, not one act: its sentence counts many (``aggregate``)
        over a spread of time or places ("since the invasion", "across the country") and
        names no day (a day's toll over a region is that day's act). A tally and an act
        never join: a month's total is neither the toll nor the date of an act of that
        month."""
        i = e.sentence
        if i not in self._tallies:
            spread = spreads(self.a.sentences[i].text, get_pack(self.a.language_of(i)))
            day = any(_one_day(m.value.range) for m in self.a.mentions_of("date", i))
            self._tallies[i] = spread and not day
        return bool(e.features.get("aggregate")) and self._tallies[i]

    def without_tallies(self, kept: list[Group]) -> list[Group]:
        """A tally (``tally``) is no act of its own where the report also tells one act of
        its kind: the month's total before the strikes told one by one is the report's
        statistic (the statistics stage keeps it). A report that tells only tallies keeps
        those tied to a named place below a country ("across the Kharkiv region": violence
        tied to a named place and period is an incident, the spec); one over a whole country
        or over no named place ("219 civilians killed across Ukraine in July") is the
        report's statistic, not an act."""
        acts = [g for g in kept if not all(self.tally(e) for e in g.events)]
        if not acts:
            return [g for g in kept if self.named_area(g)]
        return [
            g
            for g in kept
            if g in acts or not any(kindred(g.type, x.type) for a in acts for x in a.events)
        ]

    def named_area(self, g: Group) -> bool:
        """The act's sentences name where it was, below a whole country."""
        mentions = [m for i in g.sentences for m in self.a.mentions_of("place", i)]
        return any(m.value.precision != "country" for m in self.places(mentions))

    def same_act(
        self, groups: list[Group], incidents: list[Incident]
    ) -> tuple[list[Group], list[Incident]]:
        """Incidents the joins left apart that can only be one act told twice (``_same_act``:
        one type, stated day, town and perpetrators) become one, unless the later is told
        as one more of its kind ("another strike", "a second attack"): its spans join the
        likelier one, which keeps its fields and takes the count and perpetrators it lacks."""
        out: list[tuple[Group, Incident]] = []
        for g, inc in zip(groups, incidents, strict=True):
            into = None
            if not any(self.opens_with("another_act", i) for i in g.sentences):
                into = next((k for k, (_, o) in enumerate(out) if _same_act(o, inc)), None)
            if into is None:
                out.append((g, inc))
                continue
            og, o = out[into]
            first, second = (o, inc) if (o.confidence or 0) >= (inc.confidence or 0) else (inc, o)
            merged = replace(
                first,
                spans=sorted({*o.spans, *inc.spans}),
                count=first.count or second.count,
                perpetrators=first.perpetrators or second.perpetrators,
            )
            out[into] = (og, merged)
        return [g for g, _ in out], [i for _, i in out]

    def fold_told_before(self, kept: list[Group]) -> list[Group]:
        """An act begun by what someone had said before ("officials had earlier said 90
        were killed": the ``told_before`` feature), where an act of its type told before it
        states no other date, is that act retold: no act of its own, it may give that act the
        date it lacks."""
        out: list[Group] = []
        for g in kept:
            if g.events[0].features.get("told_before"):
                # a retelling may name the wider region ("in the province"): dates only
                into = [k for k in out if self.retells(g, k, places=False)]
                if into:
                    into[-1].retold += g.events
                    continue
            out.append(g)
        return out

    def fold_doers_named(self, kept: list[Group]) -> list[Group]:
        """An act whose word comes right after words that say who did an act told before
        (concept ``doers_of_act``: "Officials said servicemen of <unit> committed the
        executions"), in the sentence right after an act kept before it (or the one after
        that), is that act told again to name its doers: no act of its own; its agents
        become that act's, where neither dates nor places of the two disagree."""
        out: list[Group] = []
        for g in kept:
            i = g.sentences[0]
            s = self.a.sentences[i]
            cues = self.words.find("doers_of_act", self.a.language_of(i), s.text)
            named = bool(g.args(AGENT)) and any(
                0 <= e.start - (s.start + end) <= DOERS_REACH
                for _, end in cues
                for e in g.events
                if e.sentence == i
            )
            before = [k for k in out if 1 <= i - k.sentences[-1] <= 2]
            if named and before and self.retells(g, before[-1], kinds=False):
                into = before[-1]
                into.agents += g.args(AGENT)
                into.extra += [j for j in g.sentences if j not in into.sentences]
                continue
            out.append(g)
        return out

    def fold_retellings(self, kept: list[Group], rest: list[Group]) -> None:
        """Mentions too weak to be an act of their own that retell the one act of their type
        the document tells (no date or place of their own that disagrees, no cue of another
        act) give that act the date it lacks: a report that comes back to it ("residents
        said the strike on Monday came without warning")."""
        for r in rest:
            if any(self.opens_with("new_act", e.sentence) for e in r.events):
                continue  # "an earlier strike on Monday": another act
            into = [k for k in kept if self.retells(r, k)]
            if len(into) == 1:
                into[0].retold += r.events

    def retells(self, g: Group, other: Group, places: bool = True, kinds: bool = True) -> bool:
        """Act ``g`` may retell ``other``: of its type (or one compatible; any type without
        ``kinds``), and neither the dates nor (with ``places``) the places their own mentions
        state disagree."""
        if kinds and not kindred(g.type, other.type):
            return False
        if dates_conflict(
            [m.value for m in _own(other.events, TIME)], [m.value for m in _own(g.events, TIME)]
        ):
            return False
        return not places or not places_conflict(
            [m.value for m in self.places(_own(other.events, PLACE))],
            [m.value for m in self.places(_own(g.events, PLACE))],
        )

    def fold_detentions(self, groups: list[Group]) -> list[Group]:
        """Without a parse, a detention told within ``FOLD_REACH`` sentences of a torture
        is where the torture began ("його затримали ... . Його били ..."): its sentences
        and figures join the torture, and it is no act of its own (the gold documents in
        Ukrainian and Russian never count the two apart). Not where their stated dates or
        places differ."""
        tortures = [g for g in groups if g.type == T.TORTURE and _unparsed(g)]
        out = []
        for g in groups:
            into = None
            if g.type == T.UNLAWFUL_DETENTION and _unparsed(g):
                near = [
                    t
                    for t in tortures
                    if abs(t.sentences[0] - g.sentences[0]) <= FOLD_REACH
                    and not dates_conflict(
                        [m.value for m in _own(t.events, TIME)],
                        [m.value for m in _own(g.events, TIME)],
                    )
                    and not places_conflict(
                        [m.value for m in self.places(_own(t.events, PLACE))],
                        [m.value for m in self.places(_own(g.events, PLACE))],
                    )
                ]
                into = min(near, key=lambda t: abs(t.sentences[0] - g.sentences[0]), default=None)
            if into is None:
                out.append(g)
                continue
            into.extra = sorted(set(into.extra) | set(g.sentences))
            into.counts += [m for e in g.events for m in e.of(COUNT)]
            # the people or units who held them are the torturers the report names
            # ("рядовий <name> утримував у підвалі ... . Окупанти били їх")
            into.agents += [m for m in g.args(AGENT) if m.kind in ("person", "unit")]
        return out

    def spread(self, i: int) -> bool:
        """Sentence ``i`` spreads its figures over time or places (a total since the
        invasion), by its language pack's words; English: never (its tolls by the parse)."""
        pack = get_pack(self.a.language_of(i))
        return pack.has_statistic_cues and pack.spread(self.a.sentences[i].text)

    def add_told_between(self, groups: list[Group]) -> None:
        """Without a parse: the sentences between an act's first and last that tell no act
        tell its setting (when and where, how many were taken), and join it with their
        counts."""
        for g in groups:
            if any(e.parsed for e in g.events):
                continue
            inner = range(g.sentences[0] + 1, g.sentences[-1])
            for j in inner:
                if j in self.told or j in g.extra:
                    continue
                g.extra.append(j)
                g.counts.extend(self.a.mentions_of("count", j))

    def candidates(self) -> list[Group]:
        """Every act the mentions make, however unlikely."""
        groups: list[Group] = []
        for e in self.usable():
            candidates = [
                (self.join_score(self.join_features(g, e)), n)
                for n, g in enumerate(groups)
                if any(kindred(e.type, x.type) for x in g.events)
                and all(self.tally(x) == self.tally(e) for x in g.events)
                and not self.digest_apart(g, e)
            ]
            best = max(candidates, default=None)
            if best is not None and best[0] > 0:
                groups[best[1]].events.append(e)
            else:
                stamps = sum(1 for i in self.stamp_lines if i < e.sentence)
                groups.append(Group([e], stamps=stamps))
        return groups

    def digest_apart(self, g: Group, e: EventMention) -> bool:
        """Without a parse, mention ``e`` tells an act at a settlement of its own, in a
        sentence after act ``g``, which names no settlement and opens with (or follows) a
        sentence that counts many strikes or places struck (``LanguagePack.counts_many``:
        "Минулої доби росіяни 412 разів обстріляли 18 населених пунктів області. Загинули
        троє. У <town> ..."): ``g`` is the region's digest of the day, ``e`` one of its acts,
        and the digest's toll is not the town's."""
        if e.parsed or not _unparsed(g) or e.sentence <= g.sentences[-1]:
            return False
        if not any(m.value.precision == "settlement" for m in self.places(e.of(PLACE))):
            return False
        if any(m.value.precision == "settlement" for m in self.places(g.args(PLACE))):
            return False
        first = g.sentences[0]
        return any(
            get_pack(self.a.language_of(i)).counts_many(self.a.sentences[i].text)
            for i in (first - 1, first)
            if i >= 0
        )

    @cached_property
    def stamp_lines(self) -> set[int]:
        """The sentences that hold nothing but one date, with a time or a word such as
        "Updated" (``STAMP``): a page's stamp of when it was posted, no sentence of the
        report."""
        out = set()
        for i, s in enumerate(self.a.sentences):
            dates = self.a.mentions_of("date", i)
            if len(dates) == 1:
                a, b = dates[0].start - s.start, dates[0].end - s.start
                if STAMP.fullmatch(s.text[:a]) and STAMP.fullmatch(s.text[b:]):
                    out.add(i)
        return out

    def add_told_after(self, groups: list[Group]) -> None:
        """Sentences right after an act that tell no act but give its toll ("Later the death
        toll rose to 52") join it (``tolls_after``)."""
        for g in groups:
            for j, counts in self.tolls_after(g):
                g.extra.append(j)
                g.counts.extend(counts)

    def tolls_after(self, g: Group) -> list[tuple[int, list[Mention]]]:
        """The sentences right after an act that tell no act but give its toll, with the
        counts of the killed or injured they give: up to two sentences, until the next act
        is told; a line that only names the report's source is passed over ("Про це
        повідомили в ОВА": ``LanguagePack.source_line``)."""
        told = {e.sentence for e in self.a.events}
        out: list[tuple[int, list[Mention]]] = []
        i = g.sentences[-1]
        after: list[int] = []
        j = i + 1
        while len(after) < 2 and j < len(self.a.sentences):
            if j in told or not self.source_only(j):
                after.append(j)
            j += 1
        for j in after:
            if j in told:
                break
            if self.spread(j):
                break  # "since the invasion began, 3,854 killed": a total, not its toll
            counts = [
                m for m in self.a.mentions_of("count", j) if m.value.role in ("killed", "injured")
            ]
            if self.other_day(g, j) and not self.risen(j, counts):
                if not counts:
                    continue  # "rescuers searched the rubble on Wednesday": no toll
                break  # "the attack on Tuesday left 28 dead": the toll of another act
            if counts:
                out.append((j, counts))
        return out

    def risen(self, j: int, counts: list[Mention]) -> bool:
        """Sentence ``j`` tells what the toll rose to ("by Monday the toll had risen to 13",
        English: ``counts.RISEN`` in a count's words; other languages: the pack's ``risen``):
        the day it names is the day the figure is told as of, not another act's."""
        if any(RISEN.search(m.text) for m in counts):
            return True
        pack = get_pack(self.a.language_of(j))
        return bool(counts) and pack.risen(self.a.sentences[j].text)

    def source_only(self, j: int) -> bool:
        """Sentence ``j`` only names the source of the report around it (its language
        pack's ``source_line``: "Про це повідомили ...", "Джерело: ..."; English: never)."""
        pack = get_pack(self.a.language_of(j))
        return pack.source_line(self.a.sentences[j].text) is not None

    def other_day(self, g: Group, j: int) -> bool:
        """Sentence ``j`` states a day (``_dated``), not one a figure is told as of, and none
        of its days falls within the act's date: what it tells is of another day."""
        pack = get_pack(self.a.language_of(j))
        days = [
            m.value
            for m in self.a.mentions_of("date", j)
            if _dated(m.value)
            # "by Tuesday the toll had risen": a day the act's figure is told as of
            and not AS_OF.search(self.a.text[max(0, m.start - 15) : m.start])
            and not AS_OF.search(m.text.split()[0])
            and not pack.as_of(self.a.text[max(0, m.start - 15) : m.start])
        ]
        when = self.date(g) if days else None
        return when is not None and not any(_overlap(d.range, when) for d in days)

    def parts(self, g: Group) -> list[tuple[Place, int, tuple[int, int]]]:
        """A toll the act's sentences tell place by place: each settlement with the figure
        a few words before it ("two people were killed in A, one in B and one in C"; "3 у
        A і 2 в B"), the figure's words by the sentence's language pack. Fewer than two
        different places: no parts."""
        out: list[tuple[Place, int, tuple[int, int]]] = []
        for i in g.sentences:
            language = self.a.language_of(i)
            dates = self.a.mentions_of("date", i)
            last = self.a.sentences[i].start
            for m in sorted(self.places(self.a.mentions_of("place", i)), key=lambda m: m.start):
                base, last = max(last, m.start - PART_REACH), m.end
                if m.value.precision != "settlement":
                    continue
                figure = self.figure_before(base, m, dates, language)
                if figure is not None and all(p.name != m.value.name for p, _, _ in out):
                    out.append((m.value, figure[0], (figure[1], m.end)))
        if len({p.name for p, _, _ in out}) < 2:
            return []
        return out

    def ordinal(self, i: int) -> str | None:
        """The ordinal word among the first ``ORDINAL_WORDS`` of sentence ``i`` ("The second
        grave ..."), lower-cased; None where there is none."""
        words = re.findall(r"[\w'’-]+", self.a.sentences[i].text)[:ORDINAL_WORDS]
        language = self.a.language_of(i)
        return next((w.lower() for w in words if self.words.find("ordinal", language, w)), None)

    def ordinal_parts(self, g: Group) -> list[tuple[int, Count]]:
        """Acts the report tells one by one after naming them together ("two graves were
        found. The first held ... bodies. The second held ..."): each sentence within
        ``ORDINAL_REACH`` after the act's first that opens with an ordinal, tells no other
        act and counts the killed, with its figure. Fewer than two such sentences with
        different ordinals: no parts."""
        first = g.sentences[0]
        out: list[tuple[int, Count]] = []
        seen: set[str] = set()
        for j in range(first + 1, min(first + 1 + ORDINAL_REACH, len(self.a.sentences))):
            if j in self.told and j not in g.sentences:
                continue  # the sentence tells an act of its own
            word = self.ordinal(j)
            counts = [m for m in self.a.mentions_of("count", j) if m.value.role == "killed"]
            if word is None or word in seen or not counts:
                continue
            seen.add(word)
            out.append((j, combine_counts(self.joined(counts[:1]))))
        return out if len(out) >= 2 else []

    def figure_before(
        self, base: int, m: Mention, dates: list[Mention], language: str
    ) -> tuple[int, int] | None:
        """(value, offset) of the figure among the few words from ``base`` to place ``m``,
        where the word right before the place is a locative one ("in", "у", "near")."""
        words = list(re.finditer(r"[\w'’-]+", self.a.text[base : m.start]))[-PART_WORDS:]
        if not words or not self.words.find("locative", language, words[-1][0]):
            return None
        pack = get_pack(language)
        figure = None
        for w in words[:-1]:
            at = base + w.start()
            if any(d.start <= at < d.end for d in dates):
                continue  # "3 May in Kyiv": a day, not a figure
            if CLAUSE_MARK.search(self.a.text[at : m.start]):
                continue  # "in all 34 provinces, mainly in A": not the figure of A
            value = pack.number(w[0])
            if value is not None and 0 < value < 10_000:
                figure = (value, at)
        return figure

    # -- step 2: fields --------------------------------------------------------------------
    def places(self, mentions: list[Mention]) -> list[Mention]:
        """Toponyms that name where something is, not an institution or a dateline."""
        out = []
        for m in mentions:
            if NOT_A_PLACE_AFTER.match(self.a.text[m.end : m.end + 40]):
                continue
            if m.value.precision in ("country", "admin1") or _capital(m.value):
                if SPEAKS_BEFORE.search(self.a.text[max(0, m.start - 20) : m.start]):
                    continue  # "according to Kyiv": its government, not where
                if SPEAKS_AFTER.match(self.a.text[m.end : m.end + 30]):
                    continue  # "Moscow denied"
            if m.end <= filed_end(self.a, m.sentence):
                continue
            if any(p.start <= m.start < p.end for p in self.a.mentions_of("person", m.sentence)):
                continue
            if any(u.start <= m.start < u.end for u in self.a.mentions_of("unit", m.sentence)):
                continue  # "Naval" in "155th Naval Infantry Brigade"
            if m.text in self.person_names:
                continue  # a surname the document gives a person elsewhere
            if self.elsewhere(m):
                continue
            out.append(m)
        return out

    def incident(self, g: Group) -> Incident:
        sents = [self.a.sentences[i] for i in g.sentences]
        kind = g.type
        incident = Incident(
            type=kind,
            summary=summary(sents[0].text),
            date=self.date(g) or self.publication_day(g, kind),
            place=self.place(g),
            perpetrators=self.perpetrators(g),
            victim_category=self.category(kind, g),
            count=self.count(kind, g),
            evidence=evidence(self.a, g.sentences, self.told),
            certainty=self.certainty(g),
            attribution=attribution(self.a, g.sentences, self.told),
            spans=[(s.start, s.end) for s in sents],
            confidence=g.score,
            trigger=(g.events[0].start, g.events[0].end),
        )
        # the language pack's summary: the sentence (English), or English from the fields
        language = self.a.language_of(g.sentences[0])  # a quoted post's act: its own
        incident.summary = get_pack(language).summary(incident, incident.summary)
        return incident

    def date(self, g: Group) -> DateRange | None:
        found = self._date(g)
        return self.night_side(g, found) if found else found

    def publication_day(self, g: Group, kind: str) -> DateRange | None:
        """The day an act the report dates nowhere was told, where the act's language pack
        dates such acts by it (``LanguagePack.dated_on_publication``: a Ukrainian post of
        a strike with no date): the day of publication in a report that states no date,
        the one day it was told on in one that states only that ("про це повідомили 19
        вересня"); none in a report that states another date."""
        pack = get_pack(self.a.language_of(g.sentences[0]))
        if not pack.dated_on_publication(kind):
            return None
        dates = self.a.mentions_of("date")
        if any(not self.told_on(m) for m in dates):
            return None
        told = {(m.value.range.start, m.value.range.end) for m in dates}
        if told:
            day = DateRange(*told.pop())
            return day if not told and _one_day(day) else None
        published = resolve_published(self.a.document.published) or ""
        return DateRange(published, published) if len(published) == 10 else None

    def night_side(self, g: Group, night: DateRange) -> DateRange:
        """A night across two days ("overnight", "in the night of 1 to 2 May") narrowed to
        the day its own sentences' time of day falls on: the evening's ("hit at 9.45
        p.m.") or the small hours' ("at 03:10"); the night where they give none, or both,
        or midnight."""
        start, end = night.start or "", night.end or ""
        if len(start) != 10 or len(end) != 10 or start == end:
            return night
        try:
            if date.fromisoformat(end) - date.fromisoformat(start) != timedelta(days=1):
                return night
        except ValueError:
            return night
        hours = [h for i in g.sentences for h in clock_hours(self.a.sentences[i].text)]
        evening = any(18 <= h <= 23 for h in hours)
        small_hours = any(1 <= h <= 5 for h in hours)
        if evening and not small_hours:
            return DateRange(start, start)
        if small_hours and not evening:
            return DateRange(end, end)
        return night

    def shifted_day(self, g: Group) -> DateRange | None:
        """An act whose sentence opens with a shift from the act told before it ("Two days
        earlier, a strike on <city> killed 11": ``LanguagePack.day_shift``) and names no
        date of its own: the day of that act, shifted; where no act kept before it has a
        day, the day the sentences before it give (``date_around``: "Russian forces struck
        the city on May 10. A day after the strike, ..."), shifted; None where neither is
        one day."""
        i = g.sentences[0]
        shift = get_pack(self.a.language_of(i)).day_shift(self.a.sentences[i].text)
        if shift is None:
            return None
        before = [k for k in self.kept if k is not g and k.sentences[0] < i]
        day = self.date(max(before, key=lambda k: k.sentences[0])) if before else None
        if day is None or day.start is None or not _one_day(day):
            day = self.date_around(g)
        if day is None or day.start is None or not _one_day(day):
            return None
        moved = (date.fromisoformat(day.start) + timedelta(days=shift)).isoformat()
        return DateRange(moved, moved)

    def toll_day(self, m: Mention) -> bool:
        """The date comes after a toll told as what it rose to in its sentence ("the toll
        rose to 12 on Monday"): the day the figure is told as of, not the act's."""
        return any(
            c.end <= m.start and RISEN.search(c.text)
            for c in self.a.mentions_of("count", m.sentence)
        )

    def _date(self, g: Group) -> DateRange | None:
        tally = self.tally_sentences(g)
        dates = self.dates_of(g.events, tally) or self.dates_of(g.retold, tally)
        dates = [d for d in dates if not self.toll_day(d[0])]
        # a date only a sentence far on gives (``FAR_DATE``) yields to a digest's period the
        # act's first telling follows ("Over the past day ... . In <village> a drone killed
        # a woman. ... On the night of 3 May, missiles hit ..."): that one is another act's
        first = g.sentences[0]
        near = [d for d in dates if d[0].sentence <= first + FAR_DATE]
        if near:
            # and to a date the act's first tellings give that it does not fall within
            dates = [
                d
                for d in dates
                if d in near or any(_overlap(d[0].value.range, n[0].value.range) for n in near)
            ]
        elif dates and (period := self.date_around(g, digest_only=True)) is not None:
            return period
        after = self.told_when(g)
        if after and not any(e.parsed for e in g.events):
            # without a parse, the date a sentence says the act happened on ("Розстріл
            # стався 27 листопада") over the one nearest its word ("на початку грудня
            # з'явилося відео, на якому військові розстрілюють ...")
            return after[0].value.range  # type: ignore[no-any-return]
        if not dates:
            if after:
                return after[0].value.range  # type: ignore[no-any-return]
            if (shifted := self.shifted_day(g)) is not None:
                return shifted
            if any(e.parsed for e in g.events):
                return self.date_around(g)
            return self.nearby_date(g, tally) or self.focal_day

        def rank(d: tuple[Mention, str]) -> tuple[bool, bool, int]:
            r = d[0].value.range
            return explicit(d[0].value), d[1] == "parse", len(r.start or "") + len(r.end or "")

        best = max(dates, key=rank)
        found: DateRange = best[0].value.range
        # a span only reckoned from publication ("over the weekend") or a tally's period
        # ("ten were killed between 1 and 11 April") gives way to a day alike inside it
        # that the act is told on ("the market was hit on Sunday"; "on 11 April, three ...")
        tallies = {e.sentence for e in g.events if e.features.get("aggregate")} - {
            e.sentence for e in g.events if not e.features.get("aggregate")
        }
        if not explicit(best[0].value) or best[0].sentence in tallies:
            inner = [
                r
                for d in dates
                if rank(d) == rank(best) and _within(r := d[0].value.range, found) and r != found
            ]
            if inner:
                found = min(inner, key=_span_days)
            # the sentence after that comes back to the act says when inside such a span
            # ("... killed 131 civilians last week. The victims were killed on 29 and 30
            # November.")
            told = [r for m in after if _within(r := m.value.range, found) and r != found]
            if not explicit(best[0].value) and told:
                return min(told, key=_span_days)  # type: ignore[no-any-return]
        if len(found.start or "") < 10:
            within = [m.value.range for m in after if _one_day(m.value.range)]
            within = [r for r in within if _overlap(r, found)]
            if within:
                return within[0]  # type: ignore[no-any-return]
            if not any(e.parsed for e in g.events):
                return self.day_within(g, found) or found
            return self.day_within(g, found, own=True) or found
        return found

    def told_when(self, g: Group) -> list[Mention]:
        """The dates of the sentence right after the act, where it tells no act of its own
        but comes back to this one to say when it happened ("The attack took place in the
        early hours of Saturday."): it opens with the act (``act_again``) and has a verb of
        happening (``happened``); none it was told on, nor a span ("since ..."). Without a
        parse, the sentence after one that tells no act may be it, and its date comes
        first (``_date``)."""
        j = g.sentences[-1] + 1
        if (
            j + 1 < len(self.a.sentences)
            and not any(e.parsed for e in g.events)
            and j not in self.told
            and not self.opens_with("act_again", j)
        ):
            # without a parse, past one sentence that tells no act ("На відео — бійці
            # 9-ї бригади. Розстріл стався 27 листопада.")
            j += 1
        if (
            j + 1 < len(self.a.sentences)
            and any(e.parsed for e in g.events)
            and j in self.told
            and not self.tells_another(j, g)
        ):
            # past a sentence that retells the act in words no kept act took ("footage shows
            # soldiers shooting them. Prosecutors said the shooting took place on <day>.")
            j += 1
        if j >= len(self.a.sentences) or (j in self.told and self.tells_another(j, g)):
            return []
        at = self.comes_back(j)
        if at is None:
            return []
        s = self.a.sentences[j]
        if not self.words.find("happened", self.a.language_of(j), s.text[at:]):
            return []
        pack = get_pack(self.a.language_of(j))
        return [
            m
            for m in self.a.mentions_of("date", j)
            if m.start >= s.start + at
            and not SPAN_CUE.match(m.text)
            # of the clause that comes back to the act: "said" before it tells no date
            and not (
                self.told_on(m) if not at else pack.told_on(s.text[at:], m.start - s.start - at)
            )
        ]

    def tells_another(self, j: int, g: Group) -> bool:
        """Sentence ``j`` tells an act another kept group holds, or one of its own (no kept
        group's mention in it, before grouping is done)."""
        others = [k for k in self.kept if k is not g]
        if not self.kept:
            return j in self.told
        return any(e.sentence == j for k in others for e in k.events)

    def comes_back(self, j: int) -> int | None:
        """Where the clause of sentence ``j`` that comes back to the act told before opens
        (``act_again``: "The attack took place ..."): 0 where the sentence opens with it,
        the end of the words of telling that open it where the clause after them does
        ("Prosecutors said the killings took place ...": ``reporting``, within
        ``TELLING_REACH`` characters); None where neither does."""
        s = self.a.sentences[j]
        language = self.a.language_of(j)
        told = self.words.find("reporting", language, s.text[:TELLING_REACH])
        if told:
            rest = s.text[told[0][1] :]
            at = told[0][1] + len(rest) - len(THAT.sub("", rest, count=1))
            head = " ".join(re.findall(r"[\w'’-]+", s.text[at:])[:5])
            if self.words.find("act_again", language, head):
                return at
        return 0 if self.opens_with("act_again", j) else None

    @staticmethod
    def dates_of(events: list[EventMention], tally: set[int]) -> list[tuple[Mention, str]]:
        """The dates the parse (or nearness) gives these mentions, but for those of a tally's
        sentences (``tally_sentences``)."""
        return [
            (m, a.via)
            for e in events
            for a in e.args
            if a.role == TIME
            for m in [a.mention]
            if (not SPAN_CUE.match(m.text) or _recent_since(m)) and m.sentence not in tally
        ]

    @staticmethod
    def tally_sentences(g: Group) -> set[int]:
        """Without a parse, the sentences of an act that tell it only as part of a tally
        ("since the invasion began, 150 prisoners have been executed": ``aggregate``) while
        others tell it alone: their dates are the tally's period, not the act's day."""
        if any(e.parsed for e in g.events):
            return set()
        alone = {e.sentence for e in g.events if not e.features.get("aggregate")}
        if not alone:
            return set()
        return {e.sentence for e in g.events if e.features.get("aggregate")} - alone

    def day_within(self, g: Group, coarse: DateRange, own: bool = False) -> DateRange | None:
        """Without a parse, the day a month or year the act's clause names is narrowed to
        by a sentence between its tellings, or the one right before them ("In January
        ... . On 14 January the troops shelled ... ."): a stated day inside it, not one
        it was told on. With a parse (``own``), a day its own sentences state inside it
        ("the worst case came on 3 May, when ... . Most killings this year ...")."""
        first, last = g.sentences[0], g.sentences[-1]
        where = g.sentences if own else range(max(first - 1, 0), last + 1)
        for i in where:
            s = self.a.sentences[i]
            pack = get_pack(self.a.language_of(i))
            for m in self.a.mentions_of("date", i):
                r = m.value.range
                if (
                    _one_day(r)
                    and explicit(m.value)
                    and _overlap(r, coarse)
                    and not SPAN_CUE.match(m.text)
                    and not pack.told_on(s.text, m.start - s.start)
                ):
                    return r  # type: ignore[no-any-return]
        return None

    def date_around(self, g: Group, digest_only: bool = False) -> DateRange | None:
        """An act whose own clause names no date: a stated date, or a day reckoned from
        publication ("on Sunday morning"), of the two sentences before it, where they tell no
        other act ("On 3 May ... . A drone hit a bus, killing two."; a lead's "over the past
        day"),
        or the one day the lead states (up to ``LEAD``) where no sentence from it to the act
        tells an act (a debunk that dates the act once, then tells it); never a dateline's
        day nor one something was told on; else the one day a document dates everything it
        states to (a report of one day). Not where the act's own sentence states a date the
        parse gives another clause ("conferred a title on the brigade on April 18, although
        officials accuse it of killing civilians"): that clause's, not a sign of the act's.
        Acts told before it with no date of their own are a digest's items: past them, only
        a digest's period (``digest_period``) of the act that leads them dates it, as one does
        where an act told right before it states it. ``digest_only``: that period or None."""
        first = g.sentences[0]
        if any(
            explicit(m.value) and not self.told_on(m) and m.start >= filed_end(self.a, first)
            for m in self.a.mentions_of("date", first)
        ):
            return None if digest_only else self.focal_day
        digest = False  # walked back past acts told with no date (a digest's items)
        for i in range(g.sentences[0] - 1, -1, -1):
            if i in self.told:
                # a digest: "Over the past day, the troops shelled 11 towns. In <town> a
                # drone killed ... . In <village> ...": acts told town by town with no date
                # of their own after one told over the day (or night) up to publication
                dates = self.a.mentions_of("date", i)
                period = [m for m in dates if self.digest_period(m)]
                if period:
                    return period[-1].value.range  # type: ignore[no-any-return]
                if dates:
                    break
                digest = True
                continue
            if digest or digest_only:
                if self.a.mentions_of("date", i):
                    break
                continue
            stated = [
                m
                for m in self.a.mentions_of("date", i)
                if explicit(m.value)
                or _one_day(m.value.range)
                # a digest's lead: "Over the past day, the troops shelled 11 towns. In <town>
                # ...": the day (or night) up to publication dates the acts told after it
                or (i == 0 and _span_days(m.value.range) == 2)
            ]
            stated = [m for m in stated if not SPAN_CUE.match(m.text) and not self.told_on(m)]
            # a dateline's date is the day the report was filed
            stated = [m for m in stated if m.start >= filed_end(self.a, i)]
            one = len({(m.value.range.start, m.value.range.end) for m in stated}) == 1
            if stated and (i >= g.sentences[0] - 2 or (i <= LEAD and one)):
                return stated[-1].value.range  # type: ignore[no-any-return]
            if stated:
                break
        return None if digest_only else self.focal_day

    def digest_period(self, m: Mention) -> bool:
        """A span of a day or a night reckoned from publication ("over the past day", "in the
        past 24 hours", "overnight") that no one was told on: a digest's period."""
        return (
            not explicit(m.value)
            and _span_days(m.value.range) == 2
            and not SPAN_CUE.match(m.text)
            and not self.told_on(m)
        )

    @cached_property
    def focal_day(self) -> DateRange | None:
        """The day every day-precise date the document gives names, if there is one: dates
        it states, and days reckoned from publication ("on Sunday", "overnight") in
        sentences that tell no act (those an act's clause does not hold are another
        clause's), where every day the parse gives an act is that day; none that says when
        something was told or published ("said on Sunday",
        "footage published on 11 March")."""
        days = {
            (r.start, r.end)
            for m in self.a.mentions_of("date")
            if (explicit(m.value) or m.sentence not in self.told) and not self.told_on(m)
            for r in [m.value.range]
            if _one_day(r)
        }
        # the days the parse gives acts: one of them the day above is not leaves it
        # another clause's ("struck on Monday ... . Ministers meet on Tuesday.")
        of_acts = {
            (r.start, r.end)
            for e in self.a.events
            for a in e.args
            if a.role == TIME
            for r in [a.mention.value.range]
            if _one_day(r)
        }
        return DateRange(*days.pop()) if len(days) == 1 and of_acts <= days else None

    def told_on(self, m: Mention) -> bool:
        """Whether the date ``m`` says when something was told or published, by its
        sentence's language pack ("..., повідомив прокурор 2 березня", "said on Monday"), or
        is a page's stamp: a line that holds the date alone, with a time or a word such as
        "Updated" (``STAMP``)."""
        sentence = self.a.sentences[m.sentence]
        start, end = m.start - sentence.start, m.end - sentence.start
        if STAMP.fullmatch(sentence.text[:start]) and STAMP.fullmatch(sentence.text[end:]):
            return True
        pack = get_pack(self.a.language_of(m.sentence))
        return pack.told_on(sentence.text, start)

    def nearby_date(
        self, g: Group, tally: set[int] | frozenset[int] = frozenset()
    ) -> DateRange | None:
        """Without a parse, a date its own sentences hold for another word, else one stated
        in the sentences around the act that tell no act of another type: those between
        its tellings, up to ``DATE_BACK`` before it (a report opens with when, then tells
        what), then the two right after ("... said the prosecutors today, 12 September";
        "The prosecutors report it. The crime took place on 14 October.");
        never a date it was told on."""
        own = [
            m
            for i in g.sentences
            if i not in tally  # a tally's period (``tally_sentences``)
            for m in self.a.mentions_of("date", i)
            if not SPAN_CUE.match(m.text) and not self.told_on(m)
        ]
        if own:
            return own[0].value.range  # type: ignore[no-any-return]
        types = {e.type for e in g.events}
        first, last = g.sentences[0], g.sentences[-1]
        between = [i for i in range(first + 1, last) if i not in g.sentences]
        around = [*between, *range(first - 1, first - DATE_BACK - 1, -1), last + 1, last + 2]
        for i in around:
            if not 0 <= i < len(self.a.sentences):
                continue
            if {e.type for e in self.a.events if e.sentence == i} - types:
                if i < first:
                    break  # another act is told before: its dates are its own
                continue
            stated = [
                m
                for m in self.a.mentions_of("date", i)
                # the lead's period reckoned from publication ("Минулої доби росіяни
                # атакували 8 районів області"): a digest's acts, told town by town after it
                if (explicit(m.value) or (i == 0 < first))
                and not SPAN_CUE.match(m.text)
                and not self.told_on(m)
            ]
            if stated:
                return stated[0].value.range  # type: ignore[no-any-return]
        return None

    def place(self, g: Group) -> Place | None:
        places = self.places(g.args(PLACE))
        if not places and not any(e.parsed for e in g.events):
            # without a parse: the places its sentences name (those it was told between)
            places = self.places([m for i in g.sentences for m in self.a.mentions_of("place", i)])
        if not places and self.mixed_case:
            # a place the parse hangs from nothing ("... before troops swept through the
            # village of <name>"): one its sentences name that no other act's parse takes
            # and the parse does not name as who did it,
            # nearer than a country (upper-case wire text: names too unsure, places.v5)
            others = {
                id(a.mention)
                for e in self.a.events
                if e not in g.events
                for a in e.args
                if a.role == PLACE
            } | {id(m) for e in g.events for m in e.not_here}
            places = [
                m
                for m in self.places(
                    [m for e in g.events for m in self.a.mentions_of("place", e.sentence)]
                )
                if id(m) not in others and m.value.precision != "country"
            ]
        if not places:  # the sentences around the act, where they tell no other act
            told = {e.sentence for e in self.a.events}
            for i in (g.sentences[0] - 1,):  # the lead or the next sentence often tell another
                if 0 <= i < len(self.a.sentences) and i not in told:
                    places += [
                        m
                        for m in self.places(self.a.mentions_of("place", i))
                        if self.at_home(m.value)
                    ]
                if places:
                    break
        if not any(e.parsed for e in g.events) and all(
            m.value.precision == "country" for m in places
        ):
            # without a parse, an act placed no nearer than its country ("з України"): the
            # places in that country of the lead, or of a document that tells this one act
            one_act = len(self.kept) <= 1
            where = range(len(self.a.sentences)) if one_act else [0]
            countries = {m.value.country for m in places}
            places += [
                m
                for m in self.places([m for i in where for m in self.a.mentions_of("place", i)])
                if not countries or m.value.country in countries
            ]
        places = [m for m in places if not self.court_seat(m)]
        if not places:
            # the lead's act, told in the dateline's sentence or the next
            lead = g.sentences[0] <= self.dateline_at + 1
            return self.dateline_place if lead else None
        named = Counter(m.value.name for m in places)
        parsed = {id(a.mention) for e in g.events for a in e.args if a.via == "parse"}
        home = self.home_country()

        unparsed = not any(e.parsed for e in g.events)

        def near(m: Mention) -> int:
            """Without a parse, how far the place stands from the act's word in its
            sentence ("Суд у Києві засудив військового, який катував людей у Бучі": Bucha)."""
            gaps = [abs(m.start - e.start) for e in g.events if e.sentence == m.sentence]
            return min(gaps) if unparsed and gaps else 0

        def rank(m: Mention) -> tuple[bool, bool, int, bool, int, int, int]:
            return (
                bool(home and m.value.country and m.value.country != home),
                id(m) not in parsed,  # the place the parse hangs from the act, else near it
                RANK["settlement"]
                if _village(m.value) or lacked(m.value)
                else RANK.get(m.value.precision, 4),
                not self.introduced(m),  # "in the village of <name>": where, precisely
                -named[m.value.name],
                near(m),
                m.start,
            )

        best: Place = min(places, key=rank).value
        if best.precision != "settlement" and (finer := self.place_told_again(g, best)):
            return finer
        if (
            best.precision in ("admin1", "district")
            and not any(e.parsed for e in g.events)
            and not _village(best)  # "У Білозерці ...": a village, named as finely as can be
        ):
            return self.place_within(g, best) or best
        if best.precision == "country":
            return self.one_place_in(g, best) or best
        return best

    def court_seat(self, m: Mention) -> bool:
        """The place is where a court sits ("районний суд м. Чернігова засудив ...": the
        language pack's ``court_seat``; English: never, its parse says where the act was)."""
        pack = get_pack(self.a.language_of(m.sentence))
        s = self.a.sentences[m.sentence]
        return pack.court_seat(self.a.text[s.start : m.start])

    def place_told_again(self, g: Group, coarse: Place) -> Place | None:
        """For an act placed no nearer than a region or a country, a settlement a word
        introduces in its own sentences ("in <name> village, <name> township, <region>"), or
        the one the sentence right after it names where it comes back to the act, telling no
        other ("The attack on <name> village came on Wednesday": opening with ``act_again``):
        one not known to lie elsewhere than that region."""
        j = g.sentences[-1] + 1
        again = j < len(self.a.sentences) and j not in self.told and self.opens_with("act_again", j)
        # a settlement a word introduces right before the region in the act's own sentences
        # ("in <name> village, <name> township, <region>"), then one the sentence coming
        # back to it names
        regions = [m for m in g.args(PLACE) if m.value == coarse]
        own = [
            m
            for i in g.sentences
            for m in self.a.mentions_of("place", i)
            if self.introduced(m)
            and any(
                0 <= r.start - m.end <= APPOSITION_REACH
                and APPOSITION.fullmatch(self.a.text[m.end : r.start])
                for r in regions
            )
        ]
        told = self.a.mentions_of("place", j) if again else []
        for m in self.places(own) + self.places(told):
            p = m.value
            if p.precision != "settlement":
                continue
            if p.country is None or (
                p.country == coarse.country
                and (coarse.precision == "country" or p.admin1 in (None, coarse.admin1))
            ):
                return p  # type: ignore[no-any-return]
        return None

    @cached_property
    def dateline(self) -> tuple[int, Place | None]:
        """The sentence a wire story's dateline opens and the town it names ("<TOWN>,
        <Country> (AP) — "), for the lead's act where it names no place of its own nor has
        one told around it: a reporter filing from a town not a capital files from where
        it happened. A capital's dateline is a bureau's; so is a town abroad, where the rest
        of the report names places only in other countries ("HAMBURG (DPA) -- ..." on an
        act in Peru)."""
        for i in range(min(DATELINE_SENTENCES, len(self.a.sentences))):
            filed = filed_end(self.a, i)
            for m in self.a.mentions_of("place", i):
                if m.end <= filed and m.value.precision == "settlement" and not _capital(m.value):
                    rest = place_countries(self.a, besides=m)
                    return (i, m.value) if not rest or rest[m.value.country] else (-2, None)
        return -2, None

    @property
    def dateline_at(self) -> int:
        return self.dateline[0]

    @property
    def dateline_place(self) -> Place | None:
        return self.dateline[1]

    def introduced(self, m: Mention) -> bool:
        """A word of a settlement introduces the toponym ("the village of <name>", "<name>
        village"): the text names the act's place precisely."""
        return bool(
            SETTLEMENT_BEFORE.search(self.a.text[max(0, m.start - 30) : m.start])
            or SETTLEMENT_AFTER.match(self.a.text, m.end)
        )

    def one_place_in(self, g: Group, country: Place) -> Place | None:
        """An act placed no nearer than its country ("a missile struck a mall in central
        <country>"): the one place in that country its own sentences name, of the finest
        precision they give ("... in <city>, the governor said"); none where they name two."""
        inside = [
            m.value
            for i in g.sentences
            for m in self.places(self.a.mentions_of("place", i))
            if m.value.country == country.country and m.value.precision != "country"
        ]
        finest = min((RANK.get(p.precision, 4) for p in inside), default=None)
        names = {p.name for p in inside if RANK.get(p.precision, 4) == finest}
        if len(names) != 1:
            return None
        return next(p for p in inside if p.name in names)

    def place_within(self, g: Group, region: Place) -> Place | None:
        """Without a parse, the settlement or district a region the act's sentences name is
        narrowed to by a sentence between its tellings, or one right before or after them
        ("на Київщині ... . Під час окупації Гостомеля ..."): the first inside the region;
        a district likewise to a settlement of its region within ``DISTRICT_REACH``."""
        first, last = g.sentences[0], g.sentences[-1]
        where = [
            i
            for i in range(max(first - 1, 0), min(last + 2, len(self.a.sentences)))
            # not the sentence after it where that tells an act of its own (a digest's
            # region is not the town the next sentence tells a strike on)
            if not (i > last and i in self.told and i not in g.sentences)
        ]
        for m in self.places([m for i in where for m in self.a.mentions_of("place", i)]):
            p = m.value
            if self.court_seat(m):
                continue  # "районний суд м. Чернігова": where the court sits
            if region.precision == "district":
                # a district: a settlement of its region near it
                if (
                    p.precision == "settlement"
                    and p.admin1 == region.admin1
                    and km(p, region) <= DISTRICT_REACH
                ):
                    return p  # type: ignore[no-any-return]
            elif p.precision in ("settlement", "district") and p.admin1 == region.name:
                return p  # type: ignore[no-any-return]
        return None

    def elsewhere(self, m: Mention) -> bool:
        """The toponym does not say where an act was: the point a distance is measured from
        ("180 km from <city>"), or in English a name read as a hamlet abroad ("Francisco",
        "Lopez": places.stray; in upper-case text too, where a place word may introduce a
        person's or a work's name: "AT THE <GIVEN NAME> <SURNAME> AIRPORT"). Judged once per
        mention."""
        key = (m.start, m.end)
        if key not in self._elsewhere:
            self._elsewhere[key] = bool(
                DISTANCE_FROM.search(self.a.text[max(0, m.start - 60) : m.start])
            ) or (
                self.a.language_of(m.sentence) == "en"
                and (
                    stray(self.a.text, m.start, m.text, m.value, self.home_country())
                    or (self.mixed_case and opens_a_name(self.a.text, m.start, m.text, m.value))
                )
            )
        return self._elsewhere[key]

    @cached_property
    def mixed_case(self) -> bool:
        """The text is in mixed case (upper-case text keeps only names a place word
        introduces: places.v5)."""
        return not shouting(self.a.text)

    @cached_property
    def person_names(self) -> set[str]:
        """The names and surnames of the people the document names."""
        people = [m.text for m in self.a.mentions_of("person")]
        return set(people) | {p.split()[-1] for p in people if " " in p}

    def home_country(self) -> str | None:
        """The country most of the document's settlements and regions lie in, once."""
        if not hasattr(self, "_home"):
            self._home = home_country(self.a)
        return self._home

    def at_home(self, place: Place) -> bool:
        """The place may be where an act of this report happened, though only a sentence
        beside the act names it: it lies in a country, and in the country most of the
        report's places lie in where there is one (a continent, or the foreign capital
        where talks were held, is not where the act told next was)."""
        home = self.home_country()
        return bool(place.country) and (home is None or place.country == home)

    def perpetrators(self, g: Group) -> list[Actor]:
        """Who did the act (``agents``), a state's forces by the name the armed groups table
        gives them ("Israeli troops": the Israel Defense Forces), each once."""
        out: list[Actor] = []
        for actor in self.agents(g) + self.ordered_by(g):
            if actor.kind in ("force", "group"):
                actor = canonical_force(actor.name) or _state_forces(actor) or actor
            if actor.name not in {a.name for a in out}:
                out.append(actor)
        if any(a.kind == "person" for a in out):  # the man who ordered it says more
            out = [a for a in out if a.kind != "force"]
        return out

    def ordered_by(self, g: Group) -> list[Actor]:
        """The people who ordered the act: the speakers of the orders (statements.v5) its
        sentences tell ("<rank> <name> ordered his men to fire on ...", "on the orders of
        <name>, soldiers shot ..."), where the document names them as people."""
        # the act's sentences, and those right before and after them in their paragraph
        # ("<name> ordered the prisoners shot. His men killed five.", "... shot five
        # prisoners. Their commander, <name>, ordered the killings.")
        told = [*g.sentences]
        for j, k in ((g.sentences[0] - 1, g.sentences[0]), (g.sentences[-1] + 1, g.sentences[-1])):
            if 0 <= j < len(self.a.sentences) and self.paragraph[j] == self.paragraph[k]:
                told.append(j)
        spans = [(self.a.sentences[i].start, self.a.sentences[i].end) for i in told]
        # by the name as written, or the English one a language pack gave it
        people = {m.text for m in self.a.mentions_of("person")} | {
            name
            for m in self.a.mentions_of("person")
            if isinstance(name := getattr(m.value, "name", None), str)
        }
        out = [
            Actor(st.speaker, "person")
            for st in self.a.statements
            if st.kind == "order"
            and st.speaker in people
            and any(a < y and x < b for x, y in st.spans for a, b in spans)
        ]
        # "за наказом командира роти <name> військові обстріляли ...", "по приказу <name>":
        # the man the words of an order go on to name, his title between
        for i in g.sentences:
            s = self.a.sentences[i]
            for _, end in self.words.find("on_orders_of", self.a.language_of(i), s.text):
                for m in self.a.mentions_of("person", i):
                    between = self.a.text[s.start + end : m.start]
                    if (
                        m.start >= s.start + end
                        and len(between) <= _ORDER_REACH
                        and not re.search(r"[,;:.()]", between)
                    ):
                        actor = _actor(m)
                        if actor and actor.name not in {o.name for o in out}:
                            out.append(actor)
                        break
        return out

    def agents(self, g: Group) -> list[Actor]:
        found = self.named_agents(g)
        return self.identified(g, found) or found

    def identified(self, g: Group, found: list[Actor]) -> list[Actor]:
        """The doer a sentence right after the act names (or the one after that, past one that
        tells no act and names no one), where the act names no person: a
        sentence that opens by saying who he is (concepts.yaml ``identifies_doer``: "He is a
        private of <unit>, <name>", "Його звати <name>, він служить у <unit>"), or says before
        the names that he was identified (``identified_as``: "Investigators identified them
        as <name> and <name>", "Слідчі встановили їхні особи: це ..."), and names a
        person and a unit of the side the act's forces are of (either side where it names
        none): the person and his unit, which say more than the force. Where the act names a
        person and no unit, such a sentence naming no one else gives his unit ("He serves in
        <unit>"). One that names the doers as suspects (``names_suspects``: "The suspects
        are <name> and <name>") gives the people it names without a unit, beside the unit
        the act names. Empty if none."""
        named = any(f.kind == "person" for f in found)
        if named and any(f.kind == "unit" for f in found):
            return []
        after = g.sentences[-1] + 1
        told = {e.sentence for e in self.a.events}
        if (
            after + 1 < len(self.a.sentences)
            and after not in told
            and not self.a.mentions_of("person", after)
            and not self.a.mentions_of("unit", after)
        ):
            # past one sentence that tells no act and names no one ("He was charged in
            # absentia."): the one after it may say who he is
            first = self.identified_in(g, found, after)
            return first or self.identified_in(g, found, after + 1)
        return self.identified_in(g, found, after)

    def identified_in(self, g: Group, found: list[Actor], after: int) -> list[Actor]:
        """``identified`` by sentence ``after``."""
        named = any(f.kind == "person" for f in found)
        if after >= len(self.a.sentences) or after in g.sentences:
            return []
        s = self.a.sentences[after]
        head = s.text.lstrip(" \"'«“—-")
        language = self.a.language_of(after)
        spans = self.words.find("identifies_doer", language, head[:60])
        persons = self.a.mentions_of("person", after)
        told = self.words.find("identified_as", language, s.text)
        # "identified the perpetrators as servicemen of <unit>": a unit named after the words
        units_told = bool(told) and any(
            m.start >= s.start + told[0][1] for m in self.a.mentions_of("unit", after)
        )
        if (
            not (spans and spans[0][0] == 0)
            and not (told and persons and s.start + told[0][1] <= persons[0].start)
            and not units_told
        ):
            return []
        people = [a for m in persons if (a := _actor(m)) is not None]
        forces = {f.name for f in found if f.kind == "force"} or {
            "Russian forces",
            "Ukrainian forces",
        }
        units = self.side_units([after], forces)
        if named and units and not people:
            # "<name> shot a man. He serves in <unit>.": the man named and his unit
            return found + units
        if units and not people and not any(f.kind == "unit" for f in found):
            # "... shot three prisoners. They identified the soldiers as men of <unit>.": the
            # unit, which says more than the force
            return units
        if (
            people
            and not units
            and spans
            and spans[0][0] == 0
            and self.words.find("names_suspects", language, head[:60])
        ):
            # "... detained a man and shot him. The suspects are <rank> <name> and <rank>
            # <name>.": the men named, beside the unit the act's own sentences name
            return people + [f for f in found if f.kind == "unit"]
        if not people or not units:
            return []
        out: list[Actor] = []
        for a in people + units + [f for f in found if f.kind not in ("force", "unit")]:
            if a.name not in {o.name for o in out}:
                out.append(a)
        return out

    def named_agents(self, g: Group) -> list[Actor]:
        found: list[Actor] = []
        agents = g.args(AGENT)
        # a doer named only in a claim ("the ministry repeated its claim that <force> fired
        # the missile") where another is named outright: a side's account, not the report's
        outright = [m for m in agents if not self.claimed(m)]
        for m in outright or agents:
            actor = _actor(m)
            if actor and actor.name not in {f.name for f in found}:
                found.append(actor)
        if len({f.name for f in found if f.kind == "force"}) > 1:
            # two sides' forces for one act: the side a denial blames is a counter-claim
            # ("Moscow denied it and blamed a Ukrainian missile"), not who the report says did it
            # a side named only in a claim the report rejects ("rejecting Moscow's claim that a
            # Ukrainian missile was to blame") is no doer either
            plain = [m for m in g.args(AGENT) if not self.rejected(m)]
            kept = {a.name for m in plain if (a := _actor(m)) is not None}
            if kept:
                found = [f for f in found if f.name in kept]
            denying = self.denial_sentences
            told = {
                a.name for m in plain if m.sentence not in denying and (a := _actor(m)) is not None
            }
            if told:
                found = [f for f in found if f.name in told]
        if not found:  # units named in the act's sentences, not those that tell of it
            for i in g.sentences:
                for m in self.a.mentions_of("unit", i):
                    if m.value.name not in {f.name for f in found} and not tells_of_act(
                        self.a, i, m, g.events
                    ):
                        found.append(m.value)
        if any(f.kind in ("unit", "person") for f in found):
            # the unit says more than "Russian forces"; so does a person, who is an agent only
            # as the act's verb's subject, one named after his unit or side, or the charged
            # ("<name> and another Russian soldier shot ...": the man named)
            found = [f for f in found if f.kind != "force"]
        if not any(e.parsed for e in g.events):
            return self.unparsed_perpetrators(g, found)
        if [f.kind for f in found] == ["force"]:  # "Russian troops", and one Russian unit named
            found = [self.side_unit(found[0], g) or found[0]]
        if all(f.kind == "group" for f in found):
            # "the army and allied militias": the army too, the home country's
            found += self.home_institution(g)
        if not found:
            found += self.blamed(g)
        if not found:
            main = self.principal_agent()
            if main:
                found.append(main)
        if not found:
            # a report about one unit ("the 64th brigade, suspected of the killings in <town>")
            # that tells an act with no doer: the one unit it names of a side other than the
            # country the act happened in
            place = self.place(g)
            home = _country_demonym(place.country if place else None)
            units = self.side_units(range(len(self.a.sentences)), _SIDES - {f"{home} forces"})
            if len(units) == 1:  # not of the country it happened in: its defenders'
                found += units
        if not found and g.type == T.EXECUTION_OF_POWS:
            # the captor of the prisoners of one side the act's sentences name ("the
            # execution of 16 Ukrainian soldiers"): the other side
            found += self.captor(g.sentences)
        if not found:
            found += self.foreign_troops(g)
        if not found and self.described(g):
            group = self.armed_group()
            if group:
                found.append(group)
        if not found:
            found += self.assailant_before(g)
        if not found and self.a.language_of(g.sentences[0]) == "en":
            # the doer the headline names, where the text names none ("Russian missile
            # strike on <city> kills 20"; the text: "A missile hit ...")
            title = self.a.document.title
            found += list(headline_agents(title, self.model)) if title else []
        return found

    def blamed(self, g: Group) -> list[Actor]:
        """Whom the report lays an act told without a doer on (``events.blamed_party``: "They
        blamed the attack on <force>", "..., blaming <group>"): in the act's sentences or the
        one right after them (a wire story's next paragraph), where that tells no other act,
        else in the lead paragraph's sentences before the act that tell none;
        not in a
        sentence with a word of denial ("Moscow denied any role and blamed ...": the
        language pack's ``denial`` cues), whose blame is a counter-claim."""
        where = list(g.sentences)
        j = g.sentences[-1] + 1
        own = {id(e) for e in g.events}
        if j < len(self.a.sentences) and all(
            id(e) in own for e in self.a.events if e.sentence == j
        ):
            where.append(j)
        # a lead that lays the period's toll on a party, before the acts it goes on to tell
        # ("Between 1 and 28 February, ... . Most casualties were caused by <force>.")
        lead = [i for i in range(g.sentences[0]) if self.paragraph[i] == 0 and i not in self.told]
        for sentences in (where, lead):
            out: list[Actor] = []
            for i in sentences:
                laid = blamed_party(self.a, i, self.model)
                if laid and get_pack(self.a.language_of(i)).cues(
                    self.a.sentences[i].text, ["denial"]
                ):
                    continue
                for m in laid:
                    actor = _actor(m)
                    if actor is not None and actor.name not in {a.name for a in out}:
                        out.append(actor)
            if out:
                return out
        return []

    def assailant_before(self, g: Group) -> list[Actor]:
        """Who the sentence right before the act, in its paragraph, names as the subject of
        an assault ("<force> shelled the town. A woman was killed."): the act it led to
        (``events.assailant``); none where that sentence names none."""
        j = g.sentences[0] - 1
        if j < 0 or self.paragraph[j] != self.paragraph[g.sentences[0]]:
            return []
        m = assailant(self.a, j, self.model)
        actor = _actor(m) if m is not None else None
        return [actor] if actor is not None else []

    def side_unit(self, force: Actor, g: Group) -> Actor | None:
        """The one unit of the force's side that the act's paragraphs, or sentences telling
        an act of its kind, name, if they name just one (``side_units``, commanding units
        left out): a report about a unit's soldiers tells their act with "Russian troops"
        elsewhere ("A soldier was charged with a murder. ... he and his unit shot ...").
        A unit of the other side (the victims') does not count; two of the force's side
        leave the force; a unit named only in another paragraph that tells no such act (an
        assessment's next section, where it advanced) is no doer of this act, nor is one
        named only in the sentences of another act kept apart from this one ("In one case,
        Russian soldiers shot ... . In another case, men of <unit> executed ...")."""
        paragraphs = frozenset(self.paragraph[i] for i in g.sentences)
        key = (force.name, paragraphs, g.type)
        if key not in self._side_unit:  # asked once per incident, one answer a paragraph
            others = {i for k in self.kept if k is not g for i in k.sentences} - set(g.sentences)
            kin = {e.sentence for e in self.a.events if kindred(e.type, g.type)} - others
            sentences = [i for i, p in enumerate(self.paragraph) if p in paragraphs or i in kin]
            units = self.side_units(sentences, {force.name})
            self._side_unit[key] = units[0] if len(units) == 1 else None
        return self._side_unit[key]

    @cached_property
    def paragraph(self) -> list[int]:
        """Each sentence's paragraph, counted from 0: a line break between two sentences
        parts them."""
        out: list[int] = []
        n, end = 0, 0
        for s in self.a.sentences:
            n += "\n" in self.a.text[end : s.start]
            out.append(n)
            end = s.end
        return out

    def unparsed_perpetrators(self, g: Group, found: list[Actor]) -> list[Actor]:
        """Who did an act told in a language without a parse, the most specific first:

        1. the people and units a notice of suspicion or a charge names
           (``LanguagePack.charged``) in the act's sentences, or anywhere in a document
           that tells one act;
        2. the agents named nearest the act's triggers, a force ("Russian forces") giving
           way to the units of its side that the act's sentences name, or a document that
           tells one act names ("their killers from the 2nd battalion"): of a chain of
           command only its last unit, which the others command; where none is named, the
           units the sentence right before or after the act names, else the captor of the
           prisoners of war of one side that the act's sentences name (``CAPTORS``);
        3. the agent the document names most often for its acts, the force it names most;
        4. the pack's default agent of the country the act happened in
           (``LanguagePack.default_agent_for``: a Ukrainian report of a strike on Ukraine
           that names no attacker means Russia's)."""
        one_act = len(self.kept) <= 1
        where = range(len(self.a.sentences)) if one_act else g.sentences
        charged = self.charged(where)
        if charged:
            if not any(c.kind == "unit" for c in charged):
                # "the commander of a platoon of <unit> and his subordinate tortured ... . The
                # suspects are <name> and <name>": the men and the one unit the act names
                units = [
                    u
                    for u in self.side_units(g.sentences, {"Russian forces", "Ukrainian forces"})
                    if not _branch(u.name)  # "командувачу дальньої авіації": a title
                ]
                charged += units if len(units) == 1 else []
            return charged
        if found and all(f.kind == "force" for f in found):
            units = self.side_units(g.sentences, {f.name for f in found})
            if not units and one_act:
                units = self.side_units(range(len(self.a.sentences)), {f.name for f in found})
            if units:
                return units
        first, last = g.sentences[0], g.sentences[-1]
        around = [i for i in (first - 1, last + 1) if 0 <= i < len(self.a.sentences)]
        if not found:
            # the units the sentence right before or after the act names ("... killed a man
            # in Bucha. They were privates of the 234th regiment"), of either side
            found += self.side_units(around, {"Russian forces", "Ukrainian forces"})
        if not found:
            # the captor of the prisoners of war of one side the act's sentences (or those
            # right before or after) name ("катували українських військовополонених")
            found += self.captor([*around, *g.sentences])
        if not found:
            main = self.principal_agent() or self.named_force()
            if main:
                found.append(main)
        if not found:
            pack = get_pack(self.a.language_of(g.sentences[0]))
            place = self.place(g)
            agent = pack.default_agent_for(place.country if place else None, g.type)
            if agent:
                found.append(Actor(agent, "force"))
        return found

    def captor(self, sentences: Iterable[int]) -> list[Actor]:
        """The captor of the prisoners of war of one side the sentences name (concepts
        ``ukrainian_captives``, ``russian_captives``): the other side's forces."""
        sentences = list(sentences)
        for concept, captor in CAPTORS.items():
            if any(
                concepts().find(concept, self.a.language_of(i), self.a.sentences[i].text)
                for i in sentences
            ):
                return [Actor(captor, "force")]
        return []

    def charged(self, sentences: Iterable[int]) -> list[Actor]:
        """The people and units named where the sentences charge someone with an act
        (``LanguagePack.charged``), not those named as the source of the charge."""
        out: list[Actor] = []
        commanding = {p for link in self.a.units for p in link.parents}
        for i in sentences:
            s = self.a.sentences[i]
            pack = get_pack(self.a.language_of(i))
            if not pack.charged(s.text):
                continue
            acts = [e for e in self.a.events if e.sentence == i]
            for m in sorted(
                self.a.mentions_of("person", i) + self.a.mentions_of("unit", i),
                key=lambda m: m.start,
            ):
                a, b = m.start - s.start, m.end - s.start
                if m.kind == "person" and pack.reports_about(s.text, a, b):
                    continue  # "за словами прокурора ...": who tells of the charge
                if any(_right_after(self.a.text, e.end, m.start) for e in acts):
                    continue  # "у вбивстві Петра Іваненка": the victim
                if m.kind == "unit" and _branch(m.value.name):
                    continue  # "командувачу дальньої авіації": the accused's title
                if m.kind == "unit" and m.value.name in commanding:
                    continue  # of a chain of command, the unit the others command
                actor = m.value if m.kind == "unit" else _actor(m)
                if actor is not None and actor.name not in {f.name for f in out}:
                    out.append(actor)
        return out

    def side_units(self, sentences: Iterable[int], forces: set[str]) -> list[Actor]:
        """The units the sentences name whose side is one of ``forces`` ("Russian forces":
        a unit of Russia's order of battle), none that another named unit is part of."""
        commanding = {p for link in self.a.units for p in link.parents}
        orbat = Orbat.default()
        out: list[Actor] = []
        for i in sentences:
            for m in self.a.mentions_of("unit", i):
                name = m.value.name
                if name in commanding or name in {f.name for f in out}:
                    continue
                # "2nd Battalion, 5th Tank Brigade": the side of the unit it belongs to
                record = orbat.resolve(name) or orbat.resolve(name.rsplit(", ", 1)[-1])
                side = demonyms().get(record.affiliation.lower()) if record else None
                if side and f"{side} forces" in forces:
                    out.append(m.value)
        return out

    def home_institution(self, g: Group) -> list[Actor]:
        """An agent named only as "the army" or "the military": that of the country the
        report's places lie in (``places.home_institution``)."""
        for m in g.args(AGENT):
            if isinstance(m.value, Actor) and m.value.kind == UNNAMED:
                name = home_institution(self.a, m.value.name)
                if name:
                    return [Actor(name, "force")]
        return []

    def foreign_troops(self, g: Group) -> list[Actor]:
        """An act whose doers are told only as a state's troops ("soldiers went from house to
        house": concepts.yaml ``state_troops``), in a report that names one side's forces
        of a country other than the one the act happened in: those forces (the invader's or
        occupier's troops). None where it names no such force, or several."""
        told = [
            m
            for m in g.args(AGENT)
            if isinstance(m.value, Actor)
            and m.value.kind == UNNAMED
            and self.words.find(
                "state_troops", self.a.language_of(m.sentence), m.value.name.split()[-1]
            )
        ]
        if not told:
            return []
        place = self.place(g)
        home = _country_demonym(place.country if place else None)
        forces = {
            m.value.name
            for m in self.a.mentions_of("actor")
            if isinstance(m.value, Actor) and m.value.kind == "force"
        } - {f"{home} forces"}
        return [Actor(forces.pop(), "force")] if len(forces) == 1 and home else []

    def described(self, g: Group) -> bool:
        """The act's agent is described as members of an armed group, not named ("the
        rebels", "urban guerrillas": concepts.yaml ``group_member``)."""
        for m in g.args(AGENT):
            if isinstance(m.value, Actor) and m.value.kind == UNNAMED:
                head = m.value.name.split()[-1]
                if self.words.find("group_member", self.a.language_of(m.sentence), head):
                    return True
                if head.lower() in NON_STATE_NOUNS:  # "Sudan's paramilitary group"
                    return True
        return False

    @cached_property
    def _armed_groups(self) -> list[Actor]:
        """The non-state armed groups the document names: a group of the table of armed
        groups, or an organisation with a word of an armed group's name in it ("... Liberation
        Front") or right after it ("<initials> guerrillas"); a name and its initials are one
        group, named by its initials."""
        names: dict[str, Actor] = {}
        for m in self.a.mentions_of("actor") + self.a.mentions_of("org"):
            if isinstance(m.value, Actor):
                if m.value.kind == "group":
                    names.setdefault(m.value.name, m.value)
                continue
            if m.kind != "org" or (not self.mixed_case and _one_common_word(m.text, self.model)):
                continue  # "URBAN" of "URBAN GUERRILLAS", tagged in upper-case text
            language = self.a.language_of(m.sentence)
            after = re.match(
                r"\s*(?:\[[^\]]{0,80}\]\s*)?([\w'’-]+)", self.a.text[m.end : m.end + 90]
            )
            if self.words.find("group_name", language, m.text) or (
                after and self.words.find("group_member", language, after[1])
            ):
                name = re.sub(r"^the\s+", "", " ".join(m.text.split()), flags=re.I)
                names.setdefault(name.upper() if name.isupper() else name, Actor(name, "group"))
        short = {m.text for m in self.a.mentions_of("org") if re.fullmatch(r"[A-Z]{2,6}", m.text)}
        out: dict[str, Actor] = {}
        for n, actor in names.items():
            initials = "".join(w[0] for w in re.findall(r"[\w'’-]+", n) if w[0].isupper())
            if initials.upper() in short:  # "... Liberation Front" and "<its initials>"
                actor = Actor(initials.upper(), "group")
            out.setdefault(actor.name, actor)
        return list(out.values())

    def armed_group(self) -> Actor | None:
        """The one non-state armed group the document names, if it names one only."""
        groups = self._armed_groups
        return groups[0] if len(groups) == 1 else None

    def named_force(self) -> Actor | None:
        """The force the document's actor mentions name most often, if one."""
        names = Counter(
            m.value.name
            for m in self.a.mentions_of("actor")
            if isinstance(m.value, Actor) and m.value.kind == "force" and not self.teller(m)
        )
        if not names:
            return None
        return Actor(names.most_common(1)[0][0], "force")

    def teller(self, m: Mention) -> bool:
        """The mention names who tells of an act ("як повідомляють окупанти"), by its
        sentence's language pack (English: never)."""
        s = self.a.sentences[m.sentence]
        pack = get_pack(self.a.language_of(m.sentence))
        return pack.told_by(s.text, m.start - s.start, m.end - s.start)

    def principal_agent(self) -> Actor | None:
        """The agent the document names most often for its acts."""
        names = Counter(
            (actor.name, actor.kind)
            for e in self.a.events
            if not (e.negated or e.intent)
            for m in e.of(AGENT)
            if (actor := _actor(m)) is not None
        )
        if not names:
            return None
        (name, kind), _ = names.most_common(1)[0]
        return Actor(name, kind)

    def category(self, kind: str, g: Group) -> str:
        spec = next((s for s in type_specs() if s.type == kind), None)
        default = spec.victim_category if spec else VICTIM_CATEGORIES.UNKNOWN
        if kind in (T.EXECUTION_OF_POWS, T.ATTACK_ON_CIVILIANS, T.KILLING_OF_CIVILIANS):
            return default
        text = " ".join(self.a.sentences[i].text for i in g.sentences)
        language = self.a.language_of(g.sentences[0])
        # the people the act's own figure counts ("the torture of 12 civilians"), where it
        # names them, over a word of another category elsewhere in its sentences
        named = {
            category
            for m in g.args(COUNT)
            for concept, category in (
                ("pow", VICTIM_CATEGORIES.POW),
                ("civilian", VICTIM_CATEGORIES.CIVILIAN),
            )
            if self.words.find(concept, self.a.language_of(m.sentence), m.text)
        }
        if len(named) == 1:
            return named.pop()
        if self.words.find("pow", language, text):
            return VICTIM_CATEGORIES.POW
        if self.words.find("civilian", language, text):
            return VICTIM_CATEGORIES.CIVILIAN
        return default

    def count(self, kind: str, g: Group) -> Count | None:
        """The figure of the first sentence of the act that gives one (of the killed, for
        acts that kill), with the tolls the sentences right after it give: a later sentence
        that tells more of the act often counts something else (a total, another act)."""
        own = [m for e in g.events for m in e.of(COUNT)]
        for role in COUNT_ROLES.get(kind, OTHER_COUNT_ROLES):
            chosen = [m for m in own if m.value.role == role]
            if chosen:
                first = min(m.sentence for m in chosen)
                later = [m.value.count for m in g.counts if m.value.role == role]
                counts = self.joined([m for m in chosen if m.sentence == first])
                exact = self.exact_after(counts, [m for m in chosen if m.sentence > first])
                return combine_counts(([exact] if exact else counts) + later)
        if not any(e.parsed for e in g.events):  # without a parse: what its setting counts
            for role in COUNT_ROLES.get(kind, OTHER_COUNT_ROLES):
                told = [m for m in g.counts if m.value.role == role]
                if told:
                    # the first figure, and what a later sentence says it rose to
                    risen = [
                        m.value.count
                        for m in told[1:]
                        if m.sentence > told[0].sentence and self.risen(m.sentence, [m])
                    ]
                    return combine_counts([told[0].value.count, *risen])
        return None

    @staticmethod
    def exact_after(first: list[Count], after: list[Mention]) -> Count | None:
        """Where the act's first figures are only a bound ("more than two dozen", "at least
        20": low and best, no high), the first exact figure a later telling of the act gives
        within it, up to twice the bound ("... was hit Sunday, killing 27 people"): the toll
        the report goes on to state; None where there is none."""
        if not first or not all(
            c.low is not None and c.high is None and c.best == c.low for c in first
        ):
            return None
        bound = max(c.low for c in first if c.low is not None)
        for m in sorted(after, key=lambda m: m.start):
            c = m.value.count
            if c.low is None and c.high is None and c.best and bound <= c.best <= 2 * bound:
                return c  # type: ignore[no-any-return]
        return None

    def joined(self, counts: list[Mention]) -> list[Count]:
        """Figures of one clause's victims joined by "and" are one figure, their sum ("a
        woman and her two children": 3); other figures stay side by side."""
        out: list[Count] = []
        last: Mention | None = None
        for m in sorted({(m.start, m.end): m for m in counts}.values(), key=lambda m: m.start):
            between = self.a.text[last.end : m.start] if last is not None else ""
            best, prev = m.value.count.best, out[-1].best if out else None
            pack = get_pack(self.a.language_of(m.sentence))
            joined = AND_JOINED.match(between) or pack.and_joined(between)
            if last is not None and joined and best and prev:
                out[-1] = Count(best=prev + best)
            else:
                out.append(m.value.count)
            last = m
        return out

    @cached_property
    def denial_sentences(self) -> set[int]:
        """The sentences that tell a denial (statements.v5)."""
        return {
            self.a.sentence_at(st.spans[0][0])
            for st in self.a.statements
            if st.kind == "denial" and st.spans
        }

    def claims_above(self, m: Mention) -> list[Token]:
        """The words of claiming the parse puts above mention ``m`` (lexicon ``CLAIM_NOUNS``
        and the verb "claim"): ``m`` lies in what they say."""
        span = parsed_span(self.a, m)
        if span is None:
            return []
        return [
            t
            for t in span.root.ancestors
            if t.lemma_.lower() in CLAIM_NOUNS or (t.pos_ == "VERB" and t.lemma_.lower() == "claim")
        ]

    def rejected(self, m: Mention) -> bool:
        """Whether mention ``m`` lies in the content of a claim its sentence rejects
        ("rejecting Moscow's claim that a Ukrainian missile was to blame": lexicon
        ``REJECTING_LEMMAS`` and ``CLAIM_NOUNS``), a counter-claim the report does not tell."""
        return any(
            t.lemma_.lower() in CLAIM_NOUNS
            and t.dep_ == "dobj"
            and t.head.lemma_.lower() in REJECTING_LEMMAS
            for t in self.claims_above(m)
        )

    def claimed(self, m: Mention) -> bool:
        """Whether mention ``m`` lies in what a claim says ("its claim that <force> fired",
        "<side> claimed that <force> fired"), a side's account rather than the report's own."""
        return bool(self.claims_above(m))

    def denied(self, groups: list[Group]) -> Group | None:
        """The act a denial in the document speaks of: the one told nearest to it."""
        denials = [
            self.a.sentence_at(st.spans[0][0])
            for st in self.a.statements
            if st.kind == "denial" and st.spans
        ]
        pairs = [
            (abs(d - j), n) for d in denials for n, g in enumerate(groups) for j in g.sentences
        ]
        return groups[min(pairs)[1]] if pairs else None

    def certainty(self, g: Group) -> str:
        idx = g.sentences
        cues = {m.value for i in idx for m in self.a.mentions_of("hedge", i)}
        if CERTAINTY.DISPUTED in cues or g.denied:
            return CERTAINTY.DISPUTED
        first = {m.value for m in self.a.mentions_of("hedge", idx[0])}
        if CERTAINTY.ALLEGED in first:
            return CERTAINTY.ALLEGED
        if CERTAINTY.CONFIRMED in first:
            return CERTAINTY.CONFIRMED
        return CERTAINTY.REPORTED


def _same_act(a: Incident, b: Incident) -> bool:
    """Two incidents that can only be one act told twice: of one type (or compatible ones),
    on the one stated day, in the one town, by the same perpetrators where both name some."""
    if not kindred(a.type, b.type):
        return False
    for inc in (a, b):
        if not _one_day(inc.date) or not (inc.place and inc.place.precision == "settlement"):
            return False
    if (a.date, a.place.name) != (b.date, b.place.name):  # type: ignore[union-attr]
        return False
    pa, pb = {p.name for p in a.perpetrators}, {p.name for p in b.perpetrators}
    return not (pa and pb and not pa & pb)


def told_together(incidents: list[Incident]) -> list[Incident]:
    """Acts of different types told in one sentence ("killed 131 civilians ... in a campaign
    of murder, rape and kidnapping") happened together: one that its own sentences give no
    date or place takes those of the other, the one with the most sentences first."""
    out = []
    for inc in incidents:
        others = sorted(
            (o for o in incidents if o.type != inc.type and set(o.spans) & set(inc.spans)),
            key=lambda o: -len(o.spans),
        )
        if others and (inc.date is None or inc.place is None):
            date = inc.date or next((o.date for o in others if o.date), None)
            place = inc.place or next((o.place for o in others if o.place), None)
            inc = replace(inc, date=date, place=place)
        out.append(inc)
    return out


# Words that introduce a settlement's name, before or after it.
SETTLEMENT_BEFORE = re.compile(
    r"\b(?:villages?|towns?|settlements?|hamlets?|communes?) of\s+$", re.I
)
SETTLEMENT_AFTER = re.compile(r"\s+(?:village|hamlet)\b", re.I)


def _village(place: Place) -> bool:
    """A village the gazetteer places at its raion's centre (``PPLV``, precision district):
    named as finely as a settlement, though its coordinates are coarse ("in the village of
    <name> near <city>": the village, not the city)."""
    if place.precision != "district" or place.lat is None:
        return False
    return _is_village(place.name, place.lat, place.lon)


@lru_cache(maxsize=4096)
def _is_village(name: str, lat: float, lon: float | None) -> bool:
    return any(
        c.feature_code == "PPLV" and c.place.lat == lat and c.place.lon == lon
        for c in Gazetteer.default().candidates(name)
    )


def _branch(name: str) -> bool:
    """A service branch, district or fleet of the order of battle ("Long-Range Aviation"),
    not a unit that takes part in an act."""
    record = Orbat.default().resolve(name, fuzzy=False)
    return record is not None and record.echelon in ("group", "district", "fleet")


def _right_after(text: str, end: int, start: int) -> bool:
    """Whether ``start`` follows ``end`` within two words of one clause."""
    between = text[end:start]
    return end <= start and not CLAUSE_MARK.search(between) and len(between.split()) <= 2


def _one_common_word(name: str, model: str) -> bool:
    words = name.split()
    return len(words) == 1 and is_english_word(words[0].lower(), model)


_SIDES = {"Russian forces", "Ukrainian forces"}


def _country_demonym(code: str | None) -> str | None:
    """The demonym of a country by its ISO code ("UA": "Ukrainian"), None if unknown."""
    found = pycountry.countries.get(alpha_2=code.upper()) if code else None
    return demonyms().get(found.name.lower()) if found else None


# Characters from a sentence's start within which its words of telling open it ("Ukrainian
# prosecutors said ..."): the clause after them may come back to an act told before.
TELLING_REACH = 60
# Characters at most between words that say who did an act told before ("committed the") and
# the act's word ("executions").
DOERS_REACH = 12
THAT = re.compile(r"^\s*(?:that\s+)?", re.I)  # what opens the clause of what was told

# Characters between the words of an order and the name of who gave it (his title).
_ORDER_REACH = 60


def _actor(m: Mention) -> Actor | None:
    """The actor a mention names: a unit or force as resolved, a state's forces by its name or
    demonym as agent ("Russia struck", "a Russian strike"), another group by its name."""
    if isinstance(m.value, Actor):
        if m.value.kind == UNNAMED:  # "Kyiv forces": a capital's troops are its state's
            return _capital_forces(m.value.name)
        return m.value
    name = re.sub(r"^the\s+", "", m.text.strip(), flags=re.I).removesuffix("'s").removesuffix("’s")
    if WEAPON_NAME.search(name):  # "Iskander-K", "a Russian Shahed": the weapon, not who
        side = demonyms().get(name.split()[0].lower()) if " " in name else None
        return Actor(f"{side} forces", "force") if side else None
    if name.lower() in GOVERNMENT_SEATS:  # "the Kremlin denies targeting homes"
        return Actor(f"{demonyms()[GOVERNMENT_SEATS[name.lower()].lower()]} forces", "force")
    if m.kind in ("norp", "gpe"):
        demonym = demonyms().get(name.lower())
        if demonym is None and m.kind == "norp" and name.endswith("s"):
            demonym = demonyms().get(name[:-1].lower())  # "the Ukrainians opened fire"
        if demonym is None and m.kind == "gpe":
            demonym = capital_demonym(name)  # "Moscow launched drones": its state
        if demonym:
            return Actor(f"{demonym} forces", "force")
        if m.kind == "gpe" and not name.isupper():
            return None  # a place named as the agent ("Kharkiv said") is not a group
    if m.kind == "org" and MILITARY_RANK.match(name):
        return Actor(MILITARY_RANK.sub("", name), "person")  # "Sergeant <name>" an org
    if m.kind in ("org", "norp", "gpe"):
        return Actor(name, "group")
    if m.kind == "person":  # "sentenced <name> for the murder of ...": by their English name
        name = getattr(m.value, "name", None) or name
        return Actor(MILITARY_RANK.sub("", name) or name, "person")  # "Sergeant <name>"
    return None


# A state's body that speaks for its forces, named by the state: "Russian Ministry of Defense",
# "Russia's Defence Ministry", "the Israeli government".
STATE_BODY = re.compile(
    rf"^(?P<state>[A-Z][a-z]+)(?:['’]s)? (?:{DEFENCE_MINISTRY_WORDS}|[Gg]overnment|General Staff)$"
)


def _state_forces(actor: Actor) -> Actor | None:
    """The forces a state's body named as a perpetrator speaks for ("Russian Ministry of
    Defense": Russian forces); None for another name. Read for the perpetrators only, once
    the acts are assembled: as an agent in the joins, a ministry that denies one act is no
    side's doer of another."""
    body = STATE_BODY.match(actor.name)
    side = demonyms().get(body.group("state").lower()) if body else None
    return Actor(f"{side} forces", "force") if side else _capital_forces(actor.name)


# A state's forces named by its capital: "Kyiv forces", "Moscow's troops", "the Khartoum army".
CAPITAL_FORCES = re.compile(
    r"^(?:the\s+)?(?P<capital>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)(?:['’]s)?\s+"
    r"(?:forces|troops|army|military|soldiers|servicemen)$"
)


def _capital_forces(name: str) -> Actor | None:
    """The state's forces a capital's troops are ("Kyiv forces": Ukrainian forces, by the
    gazetteer's capitals); None for another name."""
    m = CAPITAL_FORCES.match(name.strip())
    side = capital_demonym(m.group("capital")) if m else None
    if side is None:
        return None
    return canonical_force(f"{side} forces") or Actor(f"{side} forces", "force")


# Weapon names the tagger takes for organisations: "Iskander-K", "HIMARS", "FPV", "Shahed".
WEAPON_NAME = re.compile(
    r"(?:\b(?:Iskander|Kalibr|Kinzhal|Shahed|Geran|Lancet|HIMARS|FPV|Grad|Uragan|Smerch|"
    r"Tochka|ATACMS|Storm Shadow|S-300|S-400|Kh-\d+|Tornado|Bayraktar|UAV|MLRS)\b)",
    re.I,
)


# An act dated this many days or more before the report, in a report that also tells an act
# of the year before it, is the news's background ("the newspaper's director was murdered in
# 1986"), not an act the report tells.
BACKGROUND_DAYS = 365


# "since Sunday morning": an act still going on, begun this many days or fewer before
RECENT_SINCE_DAYS = 7


def _recent_since(m: Mention) -> bool:
    """A span "since" a day at most ``RECENT_SINCE_DAYS`` before publication (its end): the
    days of an act still going on, not a tally's period."""
    r = m.value.range
    return (
        m.text[:5].lower() == "since"
        and _one_day(DateRange(r.start, r.start))
        and 0 < _span_days(r) <= RECENT_SINCE_DAYS + 1
    )


def _span_days(r: DateRange) -> int:
    """How many days the interval ``r`` spans (0 where it cannot be read)."""
    lo, hi = _day(r.start or r.end, last=False), _day(r.end or r.start, last=True)
    return (hi - lo).days + 1 if lo and hi else 0


def _within(inner: DateRange, outer: DateRange) -> bool:
    """Whether the interval ``inner`` lies within ``outer`` (both readable)."""
    a, b = _day(inner.start or inner.end, False), _day(inner.end or inner.start, True)
    c, d = _day(outer.start or outer.end, False), _day(outer.end or outer.start, True)
    return bool(a and b and c and d) and c <= a and b <= d  # type: ignore[operator]


def _day(value: str | None, last: bool) -> date | None:
    """The first (or last) day of a partial-ISO date ("2024", "2024-08", "2024-08-17")."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", (value or "")[:10])
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or (12 if last else 1)), m[3]
    if day:
        return date(year, month, int(day))
    if not last:
        return date(year, month, 1)
    return date(year, month, calendar.monthrange(year, month)[1])


def years_before(incidents: list[Incident], published: str | None) -> list[bool]:
    """For each incident: whether it is background, dated ``BACKGROUND_DAYS`` or more before
    ``published`` while another incident of the report is dated within that span of it (a
    report of old acts alone, a war-crimes inquiry or a trial, keeps them all)."""
    pub = _day(published, last=False)
    ends = [_day(i.date.end or i.date.start, last=True) if i.date else None for i in incidents]
    old = [bool(pub and e and (pub - e).days >= BACKGROUND_DAYS) for e in ends]
    recent = any(bool(pub and e and not o) for e, o in zip(ends, old, strict=True))
    return [o and recent for o in old]


@registry.stages.register("casefile.incidents.v11")
class IncidentsV2(BaseStage):
    """Group event mentions into incidents (scored, explainable joins) and fill their fields."""

    name = "casefile.incidents.v11"
    requires = (
        "sentences",
        "events",
        "mentions.date",
        "mentions.place",
        "mentions.person",
        "mentions.hedge",
        "mentions.evidence",
        "mentions.org",
        "mentions.count",
        "statements",
    )
    assigns = ("incidents",)

    def __call__(self, analysis: Analysis) -> None:
        assembler = Assembler(analysis, self.settings.model)
        groups = assembler.groups()
        denied = assembler.denied(groups)
        if denied is not None:
            denied.denied = True
        incidents = told_together([assembler.incident(g) for g in groups])
        groups, incidents = assembler.same_act(groups, incidents)
        keep = [
            not background for background in years_before(incidents, analysis.document.published)
        ]
        groups = [g for g, k in zip(groups, keep, strict=True) if k]
        incidents = [inc for inc, k in zip(incidents, keep, strict=True) if k]
        for g, incident in zip(groups, incidents, strict=True):
            ordinals = assembler.ordinal_parts(g)
            if ordinals:
                # acts named together, then told one by one ("the first ... . The second ...")
                for j, toll in ordinals:
                    told = analysis.sentences[j]
                    analysis.incidents.append(
                        replace(
                            incident,
                            count=toll,
                            spans=[(told.start, told.end)],
                            trigger=(told.start, told.end),
                        )
                    )
                continue
            parts = assembler.parts(g)
            if len(parts) < 2:
                analysis.incidents.append(incident)
                continue
            # a toll told place by place ("two were killed in A, one in B"): one act per place
            for place, figure, span in parts:
                analysis.incidents.append(
                    replace(
                        incident,
                        place=place,
                        count=Count(best=figure),
                        spans=sorted({*incident.spans, span}),
                        trigger=span,
                    )
                )
