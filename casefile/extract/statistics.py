"""Statistics: aggregate figures ("75 cases involving the execution of 268 POWs"),
with their breakdowns ("57 in 2022, 11 in 2023 ..."), period, as-of date and source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import registry
from ..lang import LanguagePack, get_pack
from ..model import Analysis, DateRange, Place, Statistic
from ..vocab import COUNTED, VICTIM_CATEGORIES
from . import lexicon as lx
from .base import BaseStage
from .counts import NUM, CountMatch, may_hold_counts, number
from .geo import lacked
from .types import concepts

_CASES = re.compile(
    rf"(?P<q>at least |more than |over |nearly |about |some )?(?P<n>{NUM})\s+"
    r"(?:(?:new|more|separate|other|such|"
    rf"criminal|war crimes?|recorded|documented|known|verified|confirmed|reported)\s+){{0,2}}"
    rf"(?P<what>cases|instances|incidents|investigations|criminal proceedings|proceedings|episodes|"
    rf"criminal investigations)\b",
    re.I,
)
# The nouns every match of CASES ends in: a sentence without one is not searched position by
# position (the pattern begins with an optional group, so the engine tries it at every
# character).
_CASES_NOUNS = ("cases", "instances", "incidents", "investigations", "proceedings", "episodes")
# Acts counted by their noun ("218 extrajudicial killings", "33 human rights violations"):
# a killing, an execution or a murder has one victim each; other acts are cases.
_ACTS = re.compile(
    # (not the end of a range of days: "the November 29-30 massacres")
    rf"(?P<q>at least |more than |over |nearly |about |some |another )?(?<![-–])(?P<n>{NUM})\s+"
    r"(?:(?:new|more|separate|other|such|further|extrajudicial|summary|arbitrary|unlawful|"
    r"human rights|enforced|documented|recorded|verified|confirmed|reported|alleged|possible|"
    r"suspected|potential|civilian|conflict-related|war-related)\s+){0,2}"
    r"[\"“']?(?:(?P<victims>killings|executions|murders)|(?P<cases>violations|abuses|abductions|"
    r"disappearances|massacres|attacks on civilians|war crimes|crimes|"
    r"arrests|detentions|deportations|rapes|"
    # attacks counted by what they hit: "23 attacks on hospitals", "40 attacks on health care"
    r"attacks (?:on|against) (?:\w+ ){0,2}?(?:hospitals?|health|medical|schools?|humanitarian|"
    r"aid|ambulances?|shelters?|camps?|markets?|homes|residential|places of worship)|"
    r"torture (?:chambers|rooms|cells|sites))|(?P<deaths>deaths))\b",
    re.I,
)
_ACTS_NOUNS = (
    *("killings", "executions", "murders", "violations", "abuses", "abductions"),
    *("disappearances", "massacres", "civilians", "crimes", "torture"),
    *("arrests", "detentions", "deportations", "rapes", "attacks", "deaths"),
)
# A count that tells no figure of a tally: one person told by an article ("a local
# official says ..."), or a figure in millions or billions read as its first word.
_UNCOUNTED = re.compile(r"an?\s|\S+\s+(?:million|billion)\b", re.I)
# Lives a conflict or a campaign took, over a period: "claiming over 40,000 lives since ...".
_LIVES = re.compile(
    rf"\b(?:claim\w*|cost\w*|took|taken|taking) (?:the )?(?P<q>at least |more than |over |"
    rf"nearly |about |some )?(?P<n>{NUM}) (?:civilian |human )?lives\b",
    re.I,
)
# A toll told in a sentence that counts many acts: "98 villagers have been slaughtered",
# "eleven local leaders were assassinated".
_TOLL = re.compile(
    rf"(?<![\w,.])(?P<n>{NUM}) (?:[\w-]+ ){{1,3}}?(?:have been|had been|were|was) "
    r"(?:killed|slaughtered|murdered|massacred|executed|assassinated)\b",
    re.I,
)
# A tally told as what it rose to: "the death toll has risen to 540", "the number of
# documented executions reached 147", "the total now stands at 210 dead". ``what`` is the
# tally's own words, which tell victims from cases.
_RISEN = re.compile(
    r"\b(?P<what>(?:[\w'’-]+ ){0,2}?(?:toll|number|total|tally|count)\b(?: of)?"
    r"(?: [\w'’-]+){0,12}?) "
    r"(?:has |had |have )?(?:now |since |so far |already )?"
    r"(?:rose|risen|rises|climbed|climbs|increased|jumped|grew|grown|reached|reaches|stands|"
    r"stood|hit|passed|surpassed|exceeded|exceeds|topped|is|was|totals|totalled|totaled|"
    r"amounts to|amounted to)"
    r"(?: now)? (?:to |at )?(?:at least |more than |over |nearly |about |some |almost )?"
    rf"(?P<n>{NUM})\b",
    re.I,
)
# A figure that brings a running total to another: "bringing the total since <date> to more
# than 43,000", "brings the death toll to 210".
_BRINGING = re.compile(
    r"\bbring(?:s|ing)?\s+(?:the|its|their)\s+(?:[\w'’-]+ ){0,2}?(?:toll|total|number|tally|count)"
    r"\b(?: [\w'’,-]+){0,8}? to (?:at least |more than |over |nearly |about |some |almost )?"
    rf"(?P<n>{NUM})\b",
    re.I,
)
# A part of a whole that died: "at least 200 of the 5,000 prisoners ... died in captivity".
_PART = re.compile(
    rf"(?P<n>{NUM}) of (?:the |these |those )?{NUM} (?:[\w'’-]+ ){{0,8}}?"
    r"(?:died|were killed|have died|had died|were executed|perished)\b",
    re.I,
)
# People prosecuted for crimes, each a case: "412 people were notified of suspicion",
# "80 servicemen have already been convicted", "eight of whom we have convicted", "we have
# notified 300 people of suspicion", "97 suspects".
_PERSONS = r"(?:people|persons|individuals|servicem[ae]n|soldiers|officers|perpetrators|suspects)"
_PROSECUTED = re.compile(
    rf"(?<![\w,.-])(?P<n>{NUM}) (?:(?:[\w'’-]+ ){{0,3}}?{_PERSONS}|of whom)"
    r"(?: [\w'’]+){0,3}? (?:notified|convicted|sentenced|charged|indicted|prosecuted)\b"
    rf"|\bnotified (?P<n2>{NUM}) {_PERSONS} of suspicion"
    rf"|(?<![\w,.-])(?P<n3>{NUM}) suspects\b",
    re.I,
)
# Cases of killing (one victim each), where no figure of victims follows: "recorded 60 cases
# of executions of prisoners in 20 incidents" counts 60 victims; "75 cases of the execution
# of 268 prisoners" counts cases and victims apart.
_CASES_OF_KILLING = re.compile(
    rf"(?P<n>{NUM}) (?:cases|instances) of (?:the )?(?:extrajudicial |summary )?"
    r"(?:executions?|killings?|murders?)\b(?! of (?:at least |more than |over |about )?\d)",
    re.I,
)


class Gated:
    """A pattern searched only in text that holds one of ``words``: the same matches as the
    pattern's own, where every match of it holds one of them (lower case), found without
    trying the pattern at every character of a sentence that holds none. Text with a letter
    outside ASCII is asked of the words as a pattern that ignores case, as ``pattern`` does
    (it may match such a letter to another: "ſ" to "s")."""

    def __init__(self, pattern: re.Pattern[str], words: tuple[str, ...]) -> None:
        self.pattern, self.words = pattern, words
        self.gate = re.compile("|".join(map(re.escape, words)), re.I)

    def _may_match(self, text: str) -> bool:
        if not text.isascii():
            return self.gate.search(text) is not None
        low = text.lower()
        return any(w in low for w in self.words)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self._may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self._may_match(text) else iter(())


CASES = Gated(_CASES, _CASES_NOUNS)
ACTS = Gated(_ACTS, _ACTS_NOUNS)
SPREAD = re.compile(
    r"\b(?:since|so far|to date|in 24 hours|"
    # a run up to publication: "in the past month", "during the last two weeks"
    r"(?:in|during|within) the (?:past|last|previous)\s+(?:(?:few|several|\w+|\d+)\s+)?"
    r"(?:hours?|days?|weeks?|months?|years?|fortnight)|"
    r"over the (?:winter|summer|spring|autumn|past|last|course)"
    r"|during the (?:winter|summer|spring|autumn|period|war)|"
    r"throughout|across|between\s+\w+\.?\s+\d|from\s+\w+\s+\d{1,4}\s+to|per (?:day|week|month)|"
    # days of a month, told day first: "between 1 and 30 June", "from 1 to 15 May"
    r"(?:between|from)\s+\d{1,2}(?:st|nd|rd|th)?\s+(?:and|to)\s+\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|"
    # a time into a war: "three years into the war", "100 days into the invasion"
    r"(?:years?|months?|weeks?|days?) into the (?:war|invasion|conflict|fighting|siege)|"
    r"nationwide|overall|in all|"
    # a part of a longer run told on its own: "in January alone", "last week alone"
    r"(?:(?:19|20)\d\d|January|February|March|April|May|June|July|August|September|October|"
    r"November|December|week|month|year|weekend|quarter|summer|winter|spring|autumn) alone)\b",
    re.I,
)
BREAKDOWN = re.compile(
    r"(?P<n>\d[\d,]*)\s+(?:(?:so far|in all|thus far)\s+)?in\s+(?P<y>(?:19|20)\d\d)\b"
)
# ... told year first, as in a list or a table: "2022: 57, 2023: 11", "in 2022 – 57"
# (not a range of years, "2022 - 2024", nor a date, "2022-03-15")
BREAKDOWN_YEAR_FIRST = re.compile(
    r"\b(?P<y>(?:19|20)\d\d)\s*(?::|\s[–—-])\s*(?P<n>[1-9][\d,]*)\b(?<!\b(?:19|20)\d\d)"
)
# ... in any language, for a pack's statistics: the year, a word for it ("році", "году") and
# the figure after a dash or a colon ("у 2023 році — 2 500"), or the figure and a short word
# before the year ("57 у 2022 році"); figures with their thousands set apart by spaces.
_FIGURE = r"(?P<n>[1-9]\d{0,2}(?:[ \xa0]\d{3})+|[1-9]\d*)"
PACK_BREAKDOWN = re.compile(
    rf"(?<![\d./-])\b(?P<y>(?:19|20)\d\d)(?:\s+\w+\.?)?\s*[:–—-]\s*{_FIGURE}(?!\d|[.,:]\d)"
    r"(?<!\b(?:19|20)\d\d)"
    rf"|(?<![\d.,:])(?<!\d[ \xa0]){_FIGURE.replace('?P<n>', '?P<n2>')}\s+\w{{1,2}}\s+"
    r"(?P<y2>(?:19|20)\d\d)\b"
)
AS_OF = re.compile(r"\bas of\b", re.I)
# A sentence that goes on with the figure told just before it: "Of these, 62 were ...",
# "Among them, at least 40 children".
PART_OF_BEFORE = re.compile(
    r"^\W*(?:of (?:these|them|those|this number|this total|the total|which)|"
    r"among (?:them|these|those|the victims|the dead))\W+"
    rf"(?:(?:at least|more than|over|nearly|about|some|almost)\s+)?(?P<n>{NUM})\b",
    re.I,
)
# The least number of victims a tally counts where a language pack reads statistics: a
# day's toll of a few is told as incidents (measured on gold/train's Ukrainian and Russian
# documents, where every statistic under ten was a day's toll).
MIN_TALLY = 10


def spreads(text: str, pack: LanguagePack | None = None) -> bool:
    """The text spreads a figure over time or places ("since the invasion", "across the
    country"): by the pack's words where it lists statistic cues, else ``SPREAD``."""
    if pack is not None and pack.has_statistic_cues:
        return pack.spread(text)
    return bool(SPREAD.search(text))


def is_aggregate(
    text: str, counts: list[CountMatch], places: list[Place], pack: LanguagePack | None = None
) -> bool:
    """A sentence that counts many acts ("12 cases", "20 civilians in 24 hours", "1,200
    civilians killed in the Kyiv region") rather than telling one at one settlement. A
    ``pack`` that lists statistic cues gives the words of cases and spread instead."""
    if any(p.precision == "settlement" or lacked(p) for p in places):
        return False
    own = pack is not None and pack.has_statistic_cues
    cases = pack.case_counts(text) if own and pack is not None else CASES.search(text)
    if cases or (counts and spreads(text, pack)):
        return True

    regional = places and all(p.precision in ("admin1", "country") for p in places)
    return bool(regional and any((c.count.best or 0) >= 100 for c in counts))


def is_tally(text: str, counts: list[CountMatch], places: list[Place], language: str) -> bool:
    """A figure a counting body gives ("investigating the killing of 40 prisoners",
    "documented 30 killings"): a statistic, though the sentence may also tell an act."""
    if any(p.precision == "settlement" or lacked(p) for p in places):
        return False
    return any((c.count.best or 0) >= MIN_TALLY for c in counts) and bool(
        concepts().find("tally", language, text)
    )


def _category(text: str) -> str:
    words = concepts()
    if words.find("pow", "en", text) or re.search(r"\b(?:servicem[ae]n|soldiers)\b", text, re.I):
        return VICTIM_CATEGORIES.POW
    if words.find("civilian", "en", text):
        return VICTIM_CATEGORIES.CIVILIAN
    return VICTIM_CATEGORIES.UNKNOWN


@registry.stages.register("casefile.statistics.v9")
class Statistics(BaseStage):
    """Aggregate figures of cases and victims, one Statistic per part of a breakdown."""

    name = "casefile.statistics.v9"
    requires = ("sentences", "mentions.count", "mentions.date", "mentions.place")
    assigns = ("statistics",)

    def __call__(self, analysis: Analysis) -> None:
        pack = get_pack(analysis.document.language)
        if pack.has_statistic_cues:  # the language's own words (English: the patterns above)
            _by_pack(analysis, pack)
            return
        from .events import dateline_end  # (events reads this module's patterns)

        language = pack.code
        told: set[tuple[int, str]] = set()  # the document's figures
        last: tuple[int, Statistic] | None = None  # the last figure told: its sentence, itself
        for i, s in enumerate(analysis.sentences):
            counts = analysis.mentions_of("count", i)
            if not counts and not may_hold_counts(s.text):
                continue  # no figure at all: nothing to count (a cheap test first)
            part = PART_OF_BEFORE.match(s.text)
            if part and last is not None and last[0] == i - 1:
                # "Of these, 62 were recorded in 2024": a part of the figure just told
                n, whole = number(part.group("n")), last[1]
                if n is not None and n < whole.value and (n, whole.counted) not in told:
                    told.add((n, whole.counted))
                    period, as_of = self._period(analysis, s.start, analysis.mentions_of("date", i))
                    analysis.statistics.append(
                        Statistic(
                            n,
                            whole.counted,
                            whole.category,
                            period,
                            as_of,
                            whole.by,
                            [(s.start, s.end)],
                        )
                    )
                continue
            # where a wire story was filed is no place of what it counts
            filed = s.start + dateline_end(s.text)
            places = [m.value for m in analysis.mentions_of("place", i) if m.start >= filed]
            found = [c.value for c in counts]
            spread = bool(SPREAD.search(s.text))
            tallied = bool(concepts().find("tally", language, s.text))
            many = [  # many acts counted: "30 massacres", "218 killings"
                m
                for m in ACTS.finditer(s.text)
                if (number(m.group("n")) or 0) >= MIN_TALLY
                # deaths are an act's toll but where counted over a period or by a body
                and (not m.group("deaths") or spread or tallied)
            ]
            risen = [  # "the number of documented executions rose to 147"
                (n, m)
                for m in _RISEN.finditer(s.text)
                if (n := number(m.group("n"))) is not None
                and n >= MIN_TALLY
                and _counted_by(m.group("what"), language) is not None
                and (
                    spread
                    or tallied
                    # as of a day, not of an hour of the day an act's toll is told at
                    or bool(re.search(r"\bas of (?!\d{1,2}[:.]\d\d)", s.text, re.I))
                    or bool(_RUNNING.search(m.group("what")))
                )
            ]
            # many killed where a settlement is named, over a long run: "at least 2,000
            # civilians have been killed in <town> over the past year"
            # the victims of an abuse the sentence names ("kidnapped 20,000 residents")
            abused = any(concepts().find(c, language, s.text) for c in ("violation", "kill"))
            long_run = any(
                c.value.role in ("killed", "victims")
                and not _UNCOUNTED.match(c.text)
                and (
                    (
                        (c.value.count.best or 0) >= HUGE
                        and (c.value.role == "killed" or abused)
                        # (troops, whether sent to do harm or lost in battle, are not its victims)
                        and not concepts().find("soldier", language, c.text)
                    )
                    or (LONG_RUN.search(s.text) and (c.value.count.best or 0) >= 100)
                )
                for c in counts
            )
            # a table told as prose: "killed: 11,126; injured: 21,863" as of a date or over a
            # period
            labelled = [
                (n, m)
                for m in _LABELLED.finditer(s.text)
                if (n := number(m.group("n"))) is not None
                and n >= MIN_TALLY
                and (spread or tallied or AS_OF.search(s.text) or LONG_RUN.search(s.text))
            ]
            counted_acts = bool(many) or (
                bool(ACTS.search(s.text))
                and bool(concepts().find("tally", language, s.text) or spread)
            )  # "UNAMA documented 218 killings", "three massacres between <date> and <date>"
            # "claiming 40,000 lives since <year>", "200 of the 5,000 ... since <date> died"
            lives = spread and bool(_LIVES.search(s.text) or _PART.search(s.text))
            prosecuted = [  # people prosecuted for crimes (a few: "eight of whom")
                (n, m)
                for m in _PROSECUTED.finditer(s.text)
                if (n := number(m.group("n") or m.group("n2") or m.group("n3"))) is not None
                and (n >= MIN_TALLY or "whom" in m.group().lower())
            ]
            # a body counting cases counts them wherever it names ("In <town>, the mission
            # documented 9 cases of ...")
            counted_cases = bool(CASES.search(s.text)) and bool(
                concepts().find("tally", language, s.text)
            )
            if not (
                is_aggregate(s.text, found, places)
                or is_tally(s.text, found, places, language)
                or counted_acts
                or counted_cases
                or lives
                or prosecuted
                or risen
                or long_run
                or labelled
            ):
                continue
            cases = list(CASES.finditer(s.text))
            acts = [m for m in ACTS.finditer(s.text) if not m.group("deaths") or spread or tallied]
            # acts counted that are abuses by their noun ("3,200 arbitrary arrests", "23 attacks
            # on hospitals") need no further word of harm
            abuses = any(m.group("cases") for m in many)
            if (
                not lives
                and not abuses
                and not any(concepts().find(c, language, s.text) for c in _HARM_OR_VIOLATION)
            ):
                continue
            category = _category(s.text)
            parts = list(BREAKDOWN.finditer(s.text)) + list(BREAKDOWN_YEAR_FIRST.finditer(s.text))
            # the years of a breakdown ("57 in 2022, 11 in 2023") are its parts' periods,
            # not the total's
            dates = [
                m
                for m in analysis.mentions_of("date", i)
                if not any(s.start + b.start() <= m.start < s.start + b.end() for b in parts)
            ]
            period, as_of = self._period(analysis, s.start, dates)
            by = self._source(analysis, i)
            span = [(s.start, s.end)]
            seen: set[tuple[int, str]] = set()

            # this iteration's values bound as defaults, like period and span (ruff B023)
            def add(
                value: int,
                counted: str,
                per: DateRange | None = period,
                sp: list = span,
                seen: set[tuple[int, str]] = seen,
                told: set[tuple[int, str]] = told,
                category: str = category,
                as_of: str | None = as_of,
                by: str | None = by,
            ) -> None:
                if (value, counted) in seen:
                    return
                seen.add((value, counted))
                if (value, counted) in told:
                    return  # a figure told again (the lead, then the body)
                told.add((value, counted))
                analysis.statistics.append(Statistic(value, counted, category, per, as_of, by, sp))

            killing = {  # cases of killing, one victim each (no figure of victims follows)
                m.start("n"): number(m.group("n")) for m in _CASES_OF_KILLING.finditer(s.text)
            }
            for m in cases:
                n = number(m.group("n"))
                if n is not None:
                    add(n, COUNTED.VICTIMS if m.start("n") in killing else COUNTED.CASES)
            for m in acts:
                n = number(m.group("n"))
                # a few are told as incidents, but for acts (not victims) counted over a
                # period ("three massacres between <date> and <date>")
                if n is not None and (n >= MIN_TALLY or (spread and m.group("cases"))):
                    add(n, COUNTED.CASES if m.group("cases") else COUNTED.VICTIMS)
            for n, _ in prosecuted:
                add(n, COUNTED.CASES)
            for n, _ in labelled:
                add(n, COUNTED.VICTIMS)
            for n, m in risen:
                add(n, _counted_by(m.group("what"), language) or COUNTED.VICTIMS)
            for rx in (_LIVES, _TOLL, _PART):
                for m in rx.finditer(s.text):
                    n = number(m.group("n"))
                    if n is not None:
                        add(n, COUNTED.VICTIMS)
            if counts:
                for c in counts:
                    if (
                        c.value.role in ("killed", "victims")
                        and c.value.count.best is not None
                        and not _UNCOUNTED.match(c.text)
                        and not any(  # the prosecuted are no victims, nor cases counted
                            c.start < s.start + m.end() and s.start + m.start() < c.end
                            for m in [m for _, m in prosecuted] + cases
                        )
                    ):
                        add(c.value.count.best, COUNTED.VICTIMS)
                # a part of a tally's victims ("12,605 civilians, including 669 children") is
                # one more figure of it, as a breakdown's parts are
                wholes = [c.start for c in counts if (c.value.count.best, COUNTED.VICTIMS) in seen]
                for c in counts:
                    if (
                        c.value.role == "subset"
                        and c.value.count.best is not None
                        and any(w < c.start for w in wholes)
                    ):
                        add(c.value.count.best, COUNTED.VICTIMS)
            if seen:
                counted = (
                    COUNTED.VICTIMS if any(k == COUNTED.VICTIMS for _, k in seen) else COUNTED.CASES
                )
                largest = max(
                    (x for x in analysis.statistics if x.spans == span and x.counted == counted),
                    key=lambda x: x.value,
                    default=None,
                )
                last = (i, largest) if largest is not None else last
                # "..., bringing the total since <date> to 43,000": the running total of
                # what the figure before counts
                for m in _BRINGING.finditer(s.text):
                    n = number(m.group("n"))
                    if n is not None and n >= MIN_TALLY:
                        add(n, counted, None)
                for b in parts:
                    n = number(b.group("n"))
                    if n is not None and not any(v == n for v, _ in seen):
                        y = b.group("y")
                        add(n, counted, DateRange(y, y), [(s.start + b.start(), s.start + b.end())])

    @staticmethod
    def _period(analysis: Analysis, start: int, dates: list) -> tuple[DateRange | None, str | None]:
        period, as_of = None, None
        for m in dates:
            before = analysis.text[max(0, m.start - 12) : m.start]
            if AS_OF.search(before):
                as_of = m.value.range.end or m.value.range.start
            elif period is None:
                period = m.value.range
        return period, as_of

    @staticmethod
    def _source(analysis: Analysis, i: int) -> str | None:
        s = analysis.sentences[i]
        for m in analysis.mentions_of("org", i):
            around = analysis.text[max(s.start, m.start - 30) : min(s.end, m.end + 30)]
            if lx.REPORTING_VERB.search(around):
                return re.sub(r"^the\s+", "", m.text, flags=re.I)
        return None


# A tally that says it runs over the whole: "the total number", "the overall toll".
_RUNNING = re.compile(
    r"\b(?:total|overall|cumulative|killings|executions|massacres|murders|cases|crimes|"
    r"violations|incidents|investigations|proceedings)\b",
    re.I,
)
# Cases a tally counts by its words: "the number of criminal cases", "investigations".
_CASE_WORDS = re.compile(
    r"\b(?:cases|investigations|proceedings|crimes|violations|incidents|episodes|attacks)\b", re.I
)
# So many killed that no one act's toll is meant: a tally ("at least 10,500 people have died
# in the fighting").
HUGE = 1000
# So many that a figure told as what is known so far is a tally, not one act's toll.
MANY = 100
# A figure of the dead set after a label, as in a table: "killed: 11,126", "dead – 420".
_LABELLED = re.compile(
    rf"\b(?:killed|dead|deaths|died|executed)\s*[:–—]\s*(?:at least |more than |over )?"
    rf"(?P<n>{NUM})\b",
    re.I,
)
# A long run of time, over which a toll at one place is a statistic: "since the war began",
# "over the past year", "so far this year".
LONG_RUN = re.compile(
    r"\b(?:since (?:the (?:start|beginning|outbreak)|(?:the )?(?:war|conflict|invasion|fighting|"
    r"siege|coup)|(?:19|20)\d\d|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b)|so far this year|to date|over the (?:past|last) "
    r"(?:year|\w+ (?:years|months))|throughout the (?:war|conflict|year)|"
    r"in the first (?:half|quarter|\w+ (?:months|weeks)) of)",
    re.I,
)


def _counted_by(what: str, language: str) -> str | None:
    """What a tally's words count: victims where they name the dead or harm ("the death
    toll", "the number of executed prisoners"), cases where they name cases or acts ("the
    number of criminal cases"); None where they name neither (a tally of something else)."""
    words = concepts()
    if re.search(r"\bof (?:[\w-]+ ){0,2}?" + _CASE_WORDS.pattern, what, re.I):
        return COUNTED.CASES  # what is counted comes first: "the number of proceedings over ..."
    if re.search(r"\b(?:injur|wound|hurt)\w*", what, re.I) and not re.search(
        r"\b(?:kill\w*|dead|deaths?|died|execut\w*)\b", what, re.I
    ):
        return None  # the injured, no victims of a tally of the dead
    if any(words.find(c, language, what) for c in ("casualty", "kill", "pow")) or re.search(
        r"\btoll\b", what, re.I
    ):
        return COUNTED.VICTIMS
    if _CASE_WORDS.search(what) or words.find("violation", language, what):
        return COUNTED.CASES
    return None


# Concepts (types/concepts.yaml) a sentence must name for its figures to count victims.
_VICTIM_CONCEPTS = ("harm", "kill", "pow", "civilian")
# ... and for English figures of cases or victims: the dead or wounded, victims, or an abuse.
_HARM_OR_VIOLATION = ("casualty", "kill", "pow", "violation")


def _by_pack(analysis: Analysis, pack: LanguagePack) -> None:
    """Statistics in a language whose pack lists the cues: in each aggregate sentence
    (``is_aggregate`` with the pack, or a running total) that names harm or victims, each
    count of cases (``LanguagePack.case_counts``) and of people prosecuted
    (``LanguagePack.prosecuted_counts``: in any sentence), and each count of the killed, injured
    or victims where the sentence makes it a running total or one of a long period
    (``LanguagePack.cumulative``), or names a body that counts (the ``tally`` concept)
    and spreads the figure (``LanguagePack.spread``)."""
    words = concepts()
    lang = pack.code
    seen: set[tuple[int, str]] = set()  # a figure told again (the lead, then the body)
    told = {e.sentence for e in analysis.events}
    running = False  # the sentence before gave a running total
    for i, s in enumerate(analysis.sentences):
        counts = analysis.mentions_of("count", i)
        places = [m.value for m in analysis.mentions_of("place", i)]
        found = [c.value for c in counts]
        # a running total names places without telling an act there ("з початку вторгнення
        # у Маріуполі"); the sentence after one that tells no act goes on with it ("Із
        # них 40 дітей загинули ...")
        # a figure told as a running tally: spread over a period where it is large
        # ("загалом загинули 245 ..."), what is known of it or what it rose to, where large
        # or of prisoners ("відомо про 268 розстріляних полонених", "маємо дані про страту
        # 90 полонених", "кількість страчених полонених зросла до 147"), or a figure as of
        # a day ("станом на 1 травня"); none where a settlement names one act's place (the
        # soldiers a tally counts are the category's prisoners, as below)
        large = any((c.count.best or 0) >= MANY for c in found)
        as_of_day = any(
            pack.as_of(analysis.text[max(s.start, m.start - 30) : m.start])
            for m in analysis.mentions_of("date", i)
        )
        tallied = not any(p.precision == "settlement" for p in places) and (
            (pack.spread(s.text) and large)
            or (
                (pack.known(s.text) or pack.risen(s.text))
                and (large or any(words.find(c, lang, s.text) for c in ("pow", "soldier")))
            )
            or (as_of_day and any((c.count.best or 0) >= MIN_TALLY for c in found))
        )
        cumulative = pack.cumulative(s.text) or (running and i not in told) or tallied
        running = bool(found and cumulative)
        # people prosecuted for crimes ("понад 1100 осіб отримали підозри"): cases
        prosecuted = [c for c in pack.prosecuted_counts(s.text) if c.value >= MIN_TALLY]
        if not (is_aggregate(s.text, found, places, pack) or (found and cumulative) or prosecuted):
            continue
        cases = pack.case_counts(s.text)
        cases += [
            c for c in prosecuted if not any(c.start < x.end and x.start < c.end for x in cases)
        ]
        if not cases and not any(words.find(c, lang, s.text) for c in _VICTIM_CONCEPTS):
            continue
        # civilians before soldiers: "військової адміністрації" names no soldier
        if words.find("pow", lang, s.text):
            category = VICTIM_CATEGORIES.POW
        elif words.find("civilian", lang, s.text):
            category = VICTIM_CATEGORIES.CIVILIAN
        elif words.find("soldier", lang, s.text):
            category = VICTIM_CATEGORIES.POW
        else:
            category = VICTIM_CATEGORIES.UNKNOWN
        parts = list(PACK_BREAKDOWN.finditer(s.text))
        period, as_of = None, None
        for m in analysis.mentions_of("date", i):
            if any(m.start < s.start + b.end() and s.start + b.start() < m.end for b in parts):
                continue  # a year of a breakdown is its part's period, not the total's
            if pack.as_of(analysis.text[max(s.start, m.start - 30) : m.start]):
                as_of = m.value.range.end or m.value.range.start
            elif period is None:
                period = m.value.range
        orgs = analysis.mentions_of("org", i)
        by = str(getattr(orgs[0].value, "name", orgs[0].text)) if orgs else None
        values = [(c.value, COUNTED.CASES) for c in cases]
        case_spans = {(s.start + c.start, s.start + c.end) for c in cases}
        # victims are a statistic over a long period or a running total, or where a body
        # counts them over a spread ("зафіксували за добу"); "загалом загинули 12 людей"
        # after one strike, and "розслідування вбивства 12 полонених", are an act's toll
        if cumulative or (pack.spread(s.text) and words.find("tally", lang, s.text)):
            values += [
                (c.value.count.best, COUNTED.VICTIMS)
                for c in counts
                if c.value.count.best is not None
                and c.value.role in ("killed", "injured", "victims")
                and (c.start, c.end) not in case_spans
                and not any(  # the prosecuted are no victims
                    c.start < s.start + p.end and s.start + p.start < c.end for p in prosecuted
                )
            ]
        added: list[tuple[int, str]] = []
        for value, counted in values:
            if counted == COUNTED.VICTIMS and value < MIN_TALLY:
                continue  # "5 killed in the past day": the toll of acts, told as incidents
            if (value, counted) in seen:
                continue
            seen.add((value, counted))
            added.append((value, counted))
            cat = VICTIM_CATEGORIES.UNKNOWN if counted == COUNTED.CASES else category
            analysis.statistics.append(
                Statistic(value, counted, cat, period, as_of, by, [(s.start, s.end)])
            )
        if not added:
            continue
        # the parts of a breakdown by year ("у 2022 році — 7 000, у 2023 році — 2 500"): each
        # counts what the sentence's figures count, over its year
        counted = COUNTED.VICTIMS if any(k == COUNTED.VICTIMS for _, k in added) else COUNTED.CASES
        cat = VICTIM_CATEGORIES.UNKNOWN if counted == COUNTED.CASES else category
        for b in parts:
            value = int(re.sub(r"\D", "", b.group("n") or b.group("n2")))
            y = b.group("y") or b.group("y2")
            if (value, counted) in seen or any(v == value for v, _ in added):
                continue
            seen.add((value, counted))
            analysis.statistics.append(
                Statistic(
                    value,
                    counted,
                    cat,
                    DateRange(y, y),
                    as_of,
                    by,
                    [(s.start + b.start(), s.start + b.end())],
                )
            )
