"""Statistics: aggregate figures ("75 cases involving the execution of 268 POWs"),
with their breakdowns ("57 in 2022, 11 in 2023 ..."), period, as-of date and source."""

from __future__ import annotations

import re

from .. import registry
from ..model import Analysis, DateRange, Place, Statistic
from ..vocab import COUNTED, VICTIM_CATEGORIES
from . import lexicon as lx
from .base import BaseStage
from .counts import NUM, CountMatch, number
from .types import concepts

CASES = re.compile(
    rf"(?P<q>at least |more than |over |nearly |about |some )?(?P<n>{NUM})\s+"
    r"(?:(?:new|more|separate|other|such|"
    rf"criminal|war crimes?|recorded|documented|known|verified|confirmed|reported)\s+){{0,2}}"
    rf"(?P<what>cases|instances|incidents|investigations|criminal proceedings|proceedings|episodes|"
    rf"criminal investigations)\b",
    re.I,
)
SPREAD = re.compile(
    r"\b(?:since|so far|to date|in (?:the (?:past|last) )?24 hours|"
    r"over the (?:winter|summer|spring|autumn|past|last|course)"
    r"|during the (?:winter|summer|spring|autumn|period|war)|"
    r"throughout|across|between\s+\w+\.?\s+\d|from\s+\w+\s+\d{1,4}\s+to|per (?:day|week|month)|"
    r"nationwide|overall|in all)\b",
    re.I,
)
BREAKDOWN = re.compile(
    r"(?P<n>\d[\d,]*)\s+(?:(?:so far|in all|thus far)\s+)?in\s+(?P<y>(?:19|20)\d\d)\b"
)
AS_OF = re.compile(r"\bas of\b", re.I)


def is_aggregate(text: str, counts: list[CountMatch], places: list[Place]) -> bool:
    """A sentence that counts many acts ("12 cases", "20 civilians in 24 hours", "1,200
    civilians killed in the Kyiv region") rather than telling one at one settlement."""
    if any(p.precision == "settlement" for p in places):
        return False
    if CASES.search(text) or (counts and SPREAD.search(text)):
        return True

    regional = places and all(p.precision in ("admin1", "country") for p in places)
    return bool(regional and any((c.count.best or 0) >= 100 for c in counts))


def is_tally(text: str, counts: list[CountMatch], places: list[Place], language: str) -> bool:
    """A figure a counting body gives ("investigating the killing of 40 prisoners",
    "documented 30 killings"): a statistic, though the sentence may also tell an act."""
    if any(p.precision == "settlement" for p in places):
        return False
    return any((c.count.best or 0) >= 10 for c in counts) and bool(
        concepts().find("tally", language, text)
    )


def _category(text: str) -> str:
    words = concepts()
    if words.find("pow", "en", text) or re.search(r"\b(?:servicem[ae]n|soldiers)\b", text, re.I):
        return VICTIM_CATEGORIES.POW
    if words.find("civilian", "en", text):
        return VICTIM_CATEGORIES.CIVILIAN
    return VICTIM_CATEGORIES.UNKNOWN


@registry.stages.register("casefile.statistics.v2")
class Statistics(BaseStage):
    """Aggregate figures of cases and victims, one Statistic per part of a breakdown."""

    name = "casefile.statistics.v2"
    requires = ("sentences", "mentions.count", "mentions.date", "mentions.place")
    assigns = ("statistics",)

    def __call__(self, analysis: Analysis) -> None:
        language = (analysis.document.language or "en").split("-")[0].lower()
        for i, s in enumerate(analysis.sentences):
            counts = analysis.mentions_of("count", i)
            places = [m.value for m in analysis.mentions_of("place", i)]
            found = [c.value for c in counts]
            if not (
                is_aggregate(s.text, found, places) or is_tally(s.text, found, places, language)
            ):
                continue
            cases = list(CASES.finditer(s.text))
            if not re.search(
                r"\b(?:kill|execut|shot|dead|died|death|tortur|deport|detain|victim|murder|"
                r"war crimes?|abduct|civilians?|POWs?|prisoners|injur|wounded)",
                s.text,
                re.I,
            ):
                continue
            category = _category(s.text)
            parts = list(BREAKDOWN.finditer(s.text))
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
                category: str = category,
                as_of: str | None = as_of,
                by: str | None = by,
            ) -> None:
                if (value, counted) in seen:
                    return
                seen.add((value, counted))
                analysis.statistics.append(Statistic(value, counted, category, per, as_of, by, sp))

            for m in cases:
                n = number(m.group("n"))
                if n is not None:
                    add(n, COUNTED.CASES)
            if counts:
                for c in counts:
                    if c.value.role in ("killed", "victims") and c.value.count.best is not None:
                        add(c.value.count.best, COUNTED.VICTIMS)
            if seen:
                counted = (
                    COUNTED.VICTIMS if any(k == COUNTED.VICTIMS for _, k in seen) else COUNTED.CASES
                )
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
