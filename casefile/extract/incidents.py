"""Incidents: trigger sentences grouped into acts, each act given its fields.

A document usually tells one act over several sentences (a strike, then its toll,
then who said so), and sometimes several acts (three videos, two places). Trigger
sentences of one type join the open incident of that type unless they name a
different date or a different settlement, or say "another". Sentences that state
law, a pattern or an aggregate never start an incident.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from .. import registry
from ..lang import get_pack
from ..model import Actor, Analysis, Count, DateRange, Incident, Mention, Place, Span
from ..vocab import CERTAINTY, EVIDENCE, VICTIM_CATEGORIES
from ..vocab import INCIDENT_TYPES as T
from . import lexicon as lx
from .base import BaseStage
from .cues import ANY_TYPE
from .dates import DateMatch
from .geo import RANK, km
from .statistics import is_aggregate

# Sentences that state law, a pattern or a trend, never one act.
GENERIC = re.compile(
    r"\b(?:(?:is|are|constitutes?|amounts? to|would be) (?:a |)"
    r"(?:war crimes?|crimes? against humanity)|"
    r"prohibit\w*|(?:expressly |strictly )?forbidden|not targetable|trend|rise in|increase in|"
    r"continues? to track|in general|"
    r"(?:as a |state )policy|(?:common|widespread) practice|proof that|evidence that|campaign of|"
    r"genocid\w+)\b|\d\s?%|\bper ?cent\b",
    re.I,
)
NEW_ACT = re.compile(
    r"\b(?:(?:another|a second|a third|a fourth|a fifth|(?:the )?(?:second|third|fourth|fifth)|"
    r"separate|other)\s+"
    r"(?:\w+\s+)?(?:videos?|clips?|footage|instances?|cases?|incidents?|attacks?|strikes?|"
    r"executions?|killings?|"
    r"episodes?|recordings?|soldiers?|prisoners?|POWs?|men|groups?)"
    r"|in one case|one of the videos)\b",
    re.I,
)
ANAPHORA = re.compile(
    r"^\W*(?:It|They|He|She|This|These|The (?:attack|strike|blast|explosion|shelling|"
    r"killing|killings|execution|victims|dead|toll))\b"
)
SPAN_CUE = re.compile(r"(?:since|until|till|as of|by the end of|through(?:out)?)\b", re.I)
CLAIMED = re.compile(
    r"\b(?:claim(?:s|ed)?|insist(?:s|ed)?|alleg(?:es|ed)|blam(?:es|ed)|accus(?:es|ed))\b"
    r"(?:\s+\w+){0,3}\s+(?:that\s+)?[^.]*$",
    re.I,
)
# "a Ukrainian serviceman who had been killed": the force named is the victim
PASSIVE = re.compile(
    r"^\W*(?:who|that|which)?\s*(?:was|were|had been|has been|have been|being|is|are)\b", re.I
)
FOUND_DEAD = re.compile(r"bodies|corpses|dead|died|deaths?|death toll|lives|remains", re.I)
CLAUSE_BREAK = re.compile(
    r"\b(?:after|before|because|following|when|while|whereas|although|but)\b", re.I
)
DATE_REACH = 90  # characters between a date and the act's word for the one to date the other
ADMIN_NAME = re.compile(r"\b(?:Raion|Oblast|district|region|Krai|Republic)\b", re.I)
REPORT_AFTER = re.compile(
    r"^\W*(?:[\w’'-]+\W+){0,3}?"
    r"(?:reported|said|announced|published|posted|wrote|stated|released|shared)\b"
    r"|^\s*(?:\([^)]{0,60}\)\s*)?--",  # a wire dateline: "SAN SALVADOR, 10 JAN 90 (ACAN-EFE) --"
    re.I,
)
MODAL = re.compile(
    r"\b(?:wants?|wanted|plans?|planned|intends?|intended|threaten(?:s|ed)?|aims?|seeks?|"
    r"will|would|could|might|may|must|should)\s+(?:\w+\s+){0,5}$",
    re.I,
)
QUOTE_END = re.compile(r"^\W{0,2}[\"”]")
REPORT_DATE = re.compile(
    r"(?:published|posted|reported|said|announced|released|stated|wrote|appeared|surfaced|"
    r"shared|uploaded|circulated|as of|since|until|dated|report(?:ed)?|statement)"
    r"\W+(?:\w+\W+){0,3}$",
    re.I,
)
# A place name followed by one of these names an institution ("Donetsk regional police",
# "Kharkiv Oblast Prosecutor's Office", "Kyiv Independent"), not where something happened.
NOT_A_PLACE_AFTER = re.compile(
    r"^\W{0,2}(?:(?:regional|Regional|Oblast|oblast|city|City|district|District|State|state)\s+)?"
    r"(?:\w+\s+)?"
    r"(?:[Pp]olice|[Pp]rosecutor\w*|[Aa]dministration|[Cc]ouncil|[Gg]overnor|"
    r"[Mm]ilitary [Aa]dministration|"
    r"RMA|OVA|[Ss]tate [Ee]mergency|[Dd]epartment|[Cc]ourt|[Aa]uthorities|[Oo]fficials|[Mm]ayor|"
    r"Independent|Post|Times|Pravda|Herald|Observer)\b"
)
# Words right before a force that make it the victim or an owner, not the agent:
# "16 Ukrainian soldiers", "captured Ukrainian soldiers",
# "the General Staff of the Ukrainian Armed Forces".
AGENT_BLOCK = re.compile(
    r"(?:\b\d[\d,]*|\b(?:of|captured|surrendering|unarmed|executed|killed|shot|two|three|"
    r"four|five|six|seven|eight|nine|ten|several|dozens|many)(?:\s+the)?)\s+$",
    re.I,
)


@dataclass
class _Act:
    type: str
    sentences: list[int] = field(default_factory=list)
    dates: list[DateMatch] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)


def _overlap(a: DateRange, b: DateRange) -> bool:
    a0, a1 = (a.start or a.end or ""), (a.end or a.start or "")
    b0, b1 = (b.start or b.end or ""), (b.end or b.start or "")
    # compare partial ISO strings on their common precision
    n = min(len(a0), len(b1))
    m = min(len(b0), len(a1))
    return a0[:n] <= b1[:n] and b0[:m] <= a1[:m]


class IncidentBuilder:
    """Everything the incident stage needs to know about one Analysis, indexed once."""

    def __init__(self, analysis: Analysis) -> None:
        self.a = analysis
        self.by_sentence: dict[tuple[str, int], list[Mention]] = {}
        for m in analysis.mentions:
            self.by_sentence.setdefault((m.kind, m.sentence), []).append(m)
        self.denied_act: _Act | None = None
        self.doc_mentions_russia = bool(re.search(r"\bRussi", analysis.text))
        # the country most of the document's settlements and regions lie in
        countries = Counter(
            m.value.country
            for m in analysis.mentions
            if m.kind == "place" and m.value.country and m.value.precision != "country"
        )
        self.home_country = countries.most_common(1)[0][0] if countries else None

    def of(self, kind: str, i: int) -> list[Mention]:
        return self.by_sentence.get((kind, i), [])

    # -- step 1: which sentences report an act, of which type
    def trigger_types(self, i: int) -> list[str]:
        return [m.value for m in self.of("trigger", i)]

    def is_generic(self, i: int) -> bool:
        text = self.a.sentences[i].text
        s = self.a.sentences[i]
        acts = self.of("trigger", i)
        if acts and all(
            MODAL.search(self.a.text[max(s.start, m.start - 50) : m.start]) for m in acts
        ):
            return True  # "they want to take civilians hostage": an intent, not an act
        if GENERIC.search(text) or lx.PATTERN.search(text):
            return True
        if text.rstrip().endswith("!") and not self.of("count", i):
            return True  # slogans and calls, not reports of an act
        return bool(
            re.search(
                r"\b\d[\d,]*\s+(?:\w+\s+){0,2}(?:cases|investigations|proceedings|incidents)\b",
                text,
                re.I,
            )
        )

    # -- step 2: what a sentence says about when and where
    def act_dates(self, i: int) -> list[DateMatch]:
        """Dates named close to the act's words, less those of the telling: "on Thursday
        protesters demanded ... after forces killed POWs" does not date the killing."""
        s = self.a.sentences[i]
        marks = self.of("trigger", i) + self.of("support", i)
        out = []
        for m in self.of("date", i):
            before = self.a.text[max(s.start, m.start - 40) : m.start]
            after = self.a.text[m.end : min(s.end, m.end + 40)]
            quoted = bool(QUOTE_END.match(after))  # '... today," police said': the quote's date
            if REPORT_DATE.search(before) or (REPORT_AFTER.match(after) and not quoted):
                continue  # when it was told, not when it happened
            if SPAN_CUE.match(m.text):
                continue  # "since 2022", "as of May": the span of a tally, not the act
            opening = m.start - s.start <= 3  # "On 29 July 2022, ..." dates the whole sentence
            if marks and not opening and not any(self._dates_act(m, t) for t in marks):
                continue
            out.append(m.value)
        return out

    def _dates_act(self, date: Mention, act: Mention) -> bool:
        """Near enough, and not in another clause ("on Thursday protesters demanded ...
        after forces killed"): the date tells when the act happened."""
        if abs(act.start - date.start) > DATE_REACH:
            return False
        a, b = sorted((date.end, act.start))
        return not CLAUSE_BREAK.search(self.a.text[a:b])

    def places(self, i: int) -> list[Mention]:
        out = []
        people = self.of("person", i)
        for m in self.of("place", i):
            after = self.a.text[m.end : m.end + 40]
            if NOT_A_PLACE_AFTER.match(after):
                continue
            if any(p.start <= m.start < p.end for p in people):
                continue  # "Volodymyr" in "Volodymyr Zelenskyy" is not the town
            out.append(m)
        return out

    def is_aggregate(self, i: int) -> bool:
        """Counts many acts, and names no settlement to tie it to one."""
        return is_aggregate(
            self.a.sentences[i].text,
            [m.value for m in self.of("count", i)],
            [m.value for m in self.places(i)],
        )

    # -- step 3: group trigger sentences into acts
    def acts(self) -> list[_Act]:
        """Trigger and support sentences in text order, each joining the open act of its
        type unless it names another date or settlement or says "another"; acts made of
        support sentences alone are dropped."""
        has_attack = any(
            m.value == T.ATTACK_ON_CIVILIANS
            for m in self.a.mentions
            if m.kind in ("trigger", "support")
        )
        acts: list[_Act] = []
        strong: set[int] = set()
        responsible: list[int] = []  # "committed war crimes in Bucha": joins the nearest act
        for i in range(len(self.a.sentences)):
            types = self.trigger_types(i)
            support = [m.value for m in self.of("support", i)]
            if not (types or support) or self.is_generic(i) or self.is_aggregate(i):
                continue
            dates, places = self.act_dates(i), self.places(i)
            if not types and ANY_TYPE in support:
                responsible.append(i)
                support = [t for t in support if t != ANY_TYPE]
                if not support:
                    continue
            kind = (types or support)[0]
            if kind == T.KILLING_OF_CIVILIANS and has_attack:
                kind = T.ATTACK_ON_CIVILIANS  # the dead of a strike are its victims
            # a date splits acts only where the sentence also says where or how many:
            # "Last night, a woman died in hospital" dates a death, not a new strike,
            # and only a date the text states outright: "40 days ago" and "today" are approximate
            splitting = (
                [d for d in dates if _explicit(d)] if (places or self.of("count", i)) else []
            )
            near = self._near_trigger(i, places)
            anchored = bool(dates or places or self.of("count", i) or self.of("evidence", i))
            text = self.a.sentences[i].text
            new_act = bool(NEW_ACT.search(text)) and anchored
            open_act = next((x for x in reversed(acts) if x.type == kind), None)
            # "It killed at least 50 POWs": a sentence that opens by pointing back continues
            follows = bool(ANAPHORA.match(text)) and not new_act
            if (
                open_act
                and not new_act
                and self._compatible(open_act, splitting, [] if follows else near)
            ):
                self._join(open_act, i, dates, places)
            elif not self._denies(i):  # a denial speaks of an act; it does not tell a new one
                acts.append(_Act(kind, [i], list(dates), list(places)))
            if types:
                strong.add(i)
        for i in responsible:
            target = self._nearest(acts, i, None, self.act_dates(i), self.places(i))
            if target:
                self._join(target, i, self.act_dates(i), self.places(i))
                target.sentences.sort()
        return [a for a in acts if strong.intersection(a.sentences)]

    def nearest_to_denial(self, acts: list[_Act]) -> _Act | None:
        """The act a denial elsewhere in the document speaks of: the one told nearest to it."""
        denials = [
            self.a.sentence_at(st.spans[0][0])
            for st in self.a.statements
            if st.kind == "denial" and st.spans
        ]
        pairs = [(abs(d - j), act) for d in denials for act in acts for j in act.sentences]
        return min(pairs, key=lambda p: p[0])[1] if pairs else None

    def _denies(self, i: int) -> bool:
        """A sentence that opens with a denial ("officials blamed Ukraine for shelling ...")."""
        marks = self.of("trigger", i) + self.of("support", i)
        first = min((m.start for m in marks), default=0)
        return not self.of("count", i) and any(
            m.value == CERTAINTY.DISPUTED and m.start < first for m in self.of("hedge", i)
        )

    def _nearest(
        self,
        acts: list[_Act],
        i: int,
        kind: str | None,
        dates: list[DateMatch],
        places: list[Mention],
    ) -> _Act | None:
        """The closest act (of ``kind``, or any) that the sentence does not contradict."""
        near = self._near_trigger(i, places)
        fixed = [d for d in dates if _explicit(d)]
        candidates = sorted(
            (x for x in acts if kind is None or x.type == kind),
            key=lambda x: min(abs(j - i) for j in x.sentences),
        )
        return next((x for x in candidates if self._compatible(x, fixed, near)), None)

    def _near_trigger(self, i: int, places: list[Mention]) -> list[Mention]:
        """Places named close to the act's words: only these can tell two acts apart
        ("protesters in Kyiv demand ... after POWs were killed in Olenivka")."""
        s = self.a.sentences[i]
        marks = [s.start + m.start() for m in lx.ANY_ACT.finditer(s.text)]  # every act word
        return [p for p in places if any(abs(t - p.start) <= 60 for t in marks)]

    @staticmethod
    def _join(act: _Act, i: int, dates: list[DateMatch], places: list[Mention]) -> None:
        act.sentences.append(i)
        act.dates += dates
        act.places += places

    @staticmethod
    def _compatible(act: _Act, dates: list[DateMatch], places: list[Mention]) -> bool:
        fixed = [d for d in act.dates if _explicit(d)]
        if fixed and dates and not any(_overlap(a.range, b.range) for a in fixed for b in dates):
            return False
        if _far_apart(act.places, places):
            return False
        towns_a = [
            m.value
            for m in act.places
            if m.value.precision == "settlement" and m.value.lat is not None
        ]
        towns_b = [
            m.value for m in places if m.value.precision == "settlement" and m.value.lat is not None
        ]
        if towns_a and towns_b:
            return any(km(p, q) <= 30 for p in towns_a for q in towns_b)
        return True

    # -- step 4: each act's fields
    def incident(self, act: _Act, first_of_doc: bool) -> Incident:
        idx = act.sentences
        sents = [self.a.sentences[i] for i in idx]
        spans: list[Span] = [(s.start, s.end) for s in sents]
        return Incident(
            type=act.type,
            summary=_summary(sents[0].text),
            date=_date(act.dates),
            place=self._place(act, first_of_doc),
            perpetrators=self._perpetrators(idx),
            victim_category=self._category(act.type, idx),
            count=self._count(idx),
            evidence=self._evidence(idx),
            certainty=self._certainty(act, idx),
            attribution=self._attribution(idx),
            spans=spans,
        )

    def _place(self, act: _Act, first_of_doc: bool) -> Place | None:
        """The most precise place named for the act; among equals, the one named most
        often, then the one named closest to a trigger word ("killed in Olenivka", not
        "commemorated in Kyiv")."""
        places = list(act.places)
        if not places:
            window = [act.sentences[0] - 1, act.sentences[-1] + 1] + (
                [0, 1] if first_of_doc else []
            )
            for i in window:
                if 0 <= i < len(self.a.sentences) and (not self.trigger_types(i) or i in (0, 1)):
                    places += self.places(i)
        if not places:
            return None

        named = [m.value.name for m in places]
        home = self.home_country

        def rank(m: Mention) -> tuple[bool, int, bool, int, int]:
            marks = self.of("trigger", m.sentence) + self.of("support", m.sentence)
            distance = min((abs(t.start - m.start) for t in marks), default=10_000)
            admin_name = bool(ADMIN_NAME.search(m.value.name))
            abroad = bool(home and m.value.country and m.value.country != home)
            return (
                abroad,
                RANK.get(m.value.precision, 4),
                admin_name,
                -named.count(m.value.name),
                distance,
            )

        return min(places, key=rank).value

    def _perpetrators(self, idx: list[int]) -> list[Actor]:
        found: list[Actor] = []

        def add(actor: Actor) -> None:
            if actor.name not in {f.name for f in found}:
                found.append(actor)

        for i in idx:
            s = self.a.sentences[i]
            # "soldiers who entered Bucha found the bodies": finders are not agents
            trig = [m for m in self.of("trigger", i) if not FOUND_DEAD.fullmatch(m.text)]
            first_trigger = min(
                (m.start for m in trig), default=s.start if self.of("trigger", i) else s.end
            )
            units = self.of("unit", i)
            for m in units:
                before = self.a.text[s.start : m.start]
                opened = before.rfind("(")
                if opened > before.rfind(")") and any(u.end <= s.start + opened for u in units):
                    # "(2nd Combined Arms Army, ...)" names the unit's chain, not another culprit
                    continue
                add(m.value)
            for m in self.of("actor", i):
                before = self.a.text[max(s.start, m.start - 25) : m.start]
                by_agent = re.search(r"\bby\s+(?:the\s+)?$", before)
                between = self.a.text[m.end : max(m.end, first_trigger)]
                if CLAIMED.search(self.a.text[s.start : m.start]):
                    continue  # "the MoD repeated its claim that Ukrainian forces fired"
                if (
                    m.start < first_trigger
                    and not AGENT_BLOCK.search(before)
                    and not PASSIVE.match(between)
                ) or by_agent:
                    add(m.value)
        forces = [f for f in found if f.kind == "force"]
        if len(forces) > 1:  # both sides named: the attacker is the first named
            found = [f for f in found if f.kind != "force" or f is forces[0]]
        if any(f.kind == "unit" for f in found):  # the unit says more than "Russian forces"
            found = [f for f in found if f.kind != "force"]
        if not found:  # other wars: "FMLN guerrillas attacked", "killed by unidentified gunmen"
            for i in idx:
                for name in armed_agents(self.a.sentences[i].text):
                    add(Actor(name, "group"))
        if not found and self.doc_mentions_russia:
            found.append(Actor("Russian forces", "force"))
        return found

    def _category(self, kind: str, idx: list[int]) -> str:
        if kind == T.EXECUTION_OF_POWS:
            return VICTIM_CATEGORIES.POW
        text = " ".join(self.a.sentences[i].text for i in idx)
        if kind in (
            T.TORTURE,
            T.UNLAWFUL_DETENTION,
            T.SEXUAL_VIOLENCE,
            T.OTHER_VIOLATION,
        ) and lx.POW.search(text):
            return VICTIM_CATEGORIES.POW
        if kind in (
            T.ATTACK_ON_CIVILIANS,
            T.KILLING_OF_CIVILIANS,
            T.DEPORTATION,
        ) or lx.CIVILIAN.search(text):
            return VICTIM_CATEGORIES.CIVILIAN
        return VICTIM_CATEGORIES.UNKNOWN

    def _count(self, idx: list[int]) -> Count | None:
        counts = [m.value for i in idx for m in self.of("count", i)]
        for role in ("killed", "victims", "injured"):
            chosen = [c.count for c in counts if c.role == role]
            if chosen:
                return _combine(chosen)
        return None

    def _evidence(self, idx: list[int]) -> list[str]:
        window = set(idx)
        nxt = idx[-1] + 1
        if nxt < len(self.a.sentences) and not self.trigger_types(nxt):
            window.add(nxt)
        ms = [m for i in sorted(window) for m in self.of("evidence", i)]
        drone = [m for m in ms if m.value == EVIDENCE.DRONE_VIDEO]
        sat = [m for m in ms if m.value == EVIDENCE.SATELLITE_IMAGERY]
        out: list[str] = []
        for m in ms:
            if m.value == EVIDENCE.VIDEO and any(d.start <= m.start < d.end for d in drone):
                continue
            if m.value == EVIDENCE.PHOTO and any(d.start <= m.start < d.end for d in sat):
                continue
            if m.value not in out:
                out.append(m.value)
        return out

    def _certainty(self, act: _Act, idx: list[int]) -> str:
        cues = {m.value for i in idx for m in self.of("hedge", i)}
        if CERTAINTY.DISPUTED in cues or act is self.denied_act:
            return CERTAINTY.DISPUTED
        first = {m.value for m in self.of("hedge", idx[0])}
        if CERTAINTY.ALLEGED in first:
            return CERTAINTY.ALLEGED
        if CERTAINTY.CONFIRMED in first:
            return CERTAINTY.CONFIRMED
        return CERTAINTY.REPORTED

    def _attribution(self, idx: list[int]) -> list[str]:
        """Who the account comes from, outermost first: the people and bodies the act's
        sentences (and the next one) quote, "according to", "said", "citing"."""
        window = list(idx)
        nxt = idx[-1] + 1
        if nxt < len(self.a.sentences) and not self.trigger_types(nxt):
            window.append(nxt)
        taken = [(m.start, m.end) for i in window for m in self.of("unit", i) + self.of("actor", i)]
        pack = get_pack(self.a.document.language)
        out: list[str] = []
        for i in window:
            s = self.a.sentences[i]
            named = self.of("org", i) + self.of("person", i)
            for sm in SOURCE_PHRASE.finditer(s.text):
                g = 1 if sm.group(1) else 2
                named.append(
                    Mention("org", s.start + sm.start(g), s.start + sm.end(g), sm.group(g), None, i)
                )
            for m in sorted(named, key=lambda m: m.start):
                if any(a <= m.start < b for a, b in taken):
                    continue  # a unit or force named as the culprit
                if TITLE_ONLY.fullmatch(m.text):
                    continue  # "Dnipropetrovsk Oblast Governor" before the governor's name
                around = self.a.text[max(s.start, m.start - 30) : min(s.end, m.end + 30)]
                if not pack.reports(around):  # English: lx.REPORTING_VERB
                    continue
                english = getattr(m.value, "name", None)  # a pack's English name, if any
                name = english or self._full_name(_clean_name(m.text))
                if name and name not in out and not any(name in o or o in name for o in out):
                    out.append(name)
        return out

    def _full_name(self, name: str) -> str:
        """A surname as the document names the person in full ("Kostin": "Andrii Kostin")."""
        if " " in name:
            return name
        for m in self.a.mentions_of("person"):
            if m.text.endswith(" " + name):
                return m.text
        return name


# Sources that the NER model misses: "regional police said", "according to prosecutors".
SOURCE_PHRASE = re.compile(
    r"\b((?:[A-Z][\w'’-]+\s+){0,3}(?:regional |city |national )?(?:[Pp]olice|[Pp]rosecutors?|"
    r"[Pp]rosecutor['’]s [Oo]ffice|[Mm]ilitary [Ii]ntelligence|[Ii]ntelligence|[Aa]uthorities|"
    r"[Oo]fficials|"
    r"[Ee]mergency [Ss]ervices?|[Gg]eneral [Ss]taff|[Mm]inistry(?: of [A-Z]\w+)?))\s+"
    r"(?:said|say|says|reported|reports|stated|announced|told|confirmed|wrote|added)\b"
    r"|\b(?:according to|citing)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'’-]+\s+){0,3}(?:[Pp]olice|[Pp]rosecutors?|"
    r"[Ii]ntelligence|[Aa]uthorities|[Oo]fficials))\b"
)
TITLE_ONLY = re.compile(
    r"(?:[A-Z][\w'’-]+\s+){0,4}(?:Governor|President|Minister|Mayor|Head|Chief|Spokes\w+)"
)


TOLERANCE_KM = {"settlement": 30, "district": 60, "admin1": 250}


def _far_apart(ours: list[Mention], theirs: list[Mention]) -> bool:
    """Every place near one act's words lies beyond the other's reach: two acts. A coarse
    place reaches as far as its region ("Zeleny Shlyakh, Kursk region" is not Pokrovsk)."""
    a = [m.value for m in ours if m.value.lat is not None and m.value.precision in TOLERANCE_KM]
    b = [m.value for m in theirs if m.value.lat is not None and m.value.precision in TOLERANCE_KM]
    if not a or not b:
        return False
    reach = lambda p, q: max(TOLERANCE_KM[p.precision], TOLERANCE_KM[q.precision]) + 30  # noqa: E731
    return all(km(p, q) > reach(p, q) for p in a for q in b)


MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b\.?", re.I)


def _explicit(d: DateMatch) -> bool:
    """A date the text states (with its year, or a named month: "on April 19"), not one
    only reckoned from publication ("today", "40 days ago", "last night")."""
    return not d.relative or bool(MONTH.search(d.text))


_ARMED = (
    r"(?:guerrillas?|terrorists?|gunmen|rebels?|insurgents?|militants?|death squads?|"
    r"paramilitar(?:y|ies)|assassins?|hit ?men|drug traffickers?|cartel|mafia|armed men|"
    r"(?:unidentified|unknown|masked|hooded) "
    r"(?:men|individuals|persons|people|attackers|assailants)|"
    r"attackers|assailants|kidnappers|urban commandos?|commandos?)"
)
_ACT_VERB = (
    r"(?:killed|shot|murdered|attacked|bombed|kidnapped|abducted|executed|assassinated|set fire|"
    r"blew up|detonated|dynamited|machine-?gunned|fired|opened fire|raided|stormed|burned|torched|"
    r"took|seized|hurled|threw|planted)"
)
AGENT_NP = re.compile(
    rf"((?:\b[A-Za-z][\w.'’-]*\s+){{0,3}}\b{_ARMED})(?:\s+\w+){{0,2}}?\s+{_ACT_VERB}\b"
    rf"|\bby\s+((?:[\w.'’-]+\s+){{0,3}}{_ARMED})\b",
    re.I,
)
_LEAD = re.compile(
    r"^(?:(?:the|a|an|some|several|other|two|three|four|five|armed|heavily|alleged|"
    r"suspected|presumed)\s+)+",
    re.I,
)
_ARMED_MODIFIERS = {"urban", "death", "drug", "unidentified", "masked", "hooded", "armed"}


def armed_agents(text: str) -> list[str]:
    """Armed groups named as doing the act, in wars with no sides in our lexicons:
    "FMLN urban guerrillas attacked ...", "... killed by unidentified gunmen"."""
    out = []
    for m in AGENT_NP.finditer(text):
        phrase = (m.group(1) or m.group(2) or "").strip()
        words = phrase.split()
        # keep the noun and the capitalised names or acronyms right before it
        keep = [words[-1]]
        for w in reversed(words[:-1]):
            if w.lower() in STOP_WORDS or not (w[:1].isupper() or w.lower() in _ARMED_MODIFIERS):
                break
            keep.insert(0, w)
        name = _LEAD.sub("", " ".join(keep))
        if name and name not in out:
            out.append(name)
    return out


def _clean_name(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name).strip(" ,.;:\"'")


def _summary(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 240 else text[:237].rsplit(" ", 1)[0] + "..."


def _date(dates: list[DateMatch]) -> DateRange | None:
    """The date named for the act: absolute before relative ("on 5 October" over "last
    night", which often dates a later death), then the most precise, then the first."""
    if not dates:
        return None
    best = max(
        dates, key=lambda d: (_explicit(d), len(d.range.start or "") + len(d.range.end or ""))
    )
    return best.range


def _combine(counts: list[Count]) -> Count:
    """Several figures for one act: keep them side by side as low/best/high."""
    if len(counts) == 1:
        return counts[0]
    bests = [c.best for c in counts if c.best is not None]
    lows = [c.low for c in counts if c.low is not None] + bests
    highs = [c.high for c in counts if c.high is not None] + bests
    if len(set(bests)) <= 1:
        return counts[-1]
    return Count(low=min(lows), best=max(bests), high=max(highs))


@registry.stages.register("casefile.incidents.v1")
class Incidents(BaseStage):
    """Group trigger sentences into incidents and fill every field of the record."""

    name = "casefile.incidents.v1"
    requires = (
        "sentences",
        "mentions.trigger",
        "mentions.count",
        "mentions.date",
        "mentions.place",
        "mentions.actor",
    )
    assigns = ("incidents",)

    def __call__(self, analysis: Analysis) -> None:
        builder = IncidentBuilder(analysis)
        acts = builder.acts()
        builder.denied_act = builder.nearest_to_denial(acts)
        for n, act in enumerate(acts):
            analysis.incidents.append(builder.incident(act, first_of_doc=(n == 0)))
