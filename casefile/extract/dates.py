"""Dates in English text, found and resolved to partial-ISO intervals.

``find_dates(text, published)`` returns every date expression with its span and a
:class:`~casefile.model.DateRange` whose ends are partial ISO dates (``2024``,
``2024-08``, ``2024-08-17``) as ``spec/analysis-format.md`` asks: a text that names
a month gets a month, never a made-up day.

How it works, in three steps:

1. Compiled regexes find the *core* of each expression (a month with its day and
   year, a season, a weekday, "yesterday", ...). The cue words in front of it
   ("since", "as of", "between", "the end of", "last", a weekday) are read by one
   small regex anchored just before the core, so that the big patterns never have
   to try every preposition at every position.
2. Where candidates overlap the longest wins; then "A - B", "between A and B",
   "from A to B" join two neighbours into one range, a missing year being taken
   from the other end.
3. What the text leaves open is resolved against ``published``: a month or day
   without a year takes the publication year unless that puts it after
   ``published`` (then the year before); "since X" runs to ``published``.

Choices a reader should know (the tests' tables show each):

- A span starts at its cue word when there is one ("since 2022", "on Saturday",
  "as of late February"), so callers can tell "since" and "as of" from the text.
- ``relative`` is true whenever ``published`` was needed to resolve the match (a
  weekday, "last week", but also "29 July" without a year); without ``published``
  such expressions are not returned at all, and "since 2022" ends open (None).
- "last week" is the Monday-to-Sunday week before the publication week; "the
  past week" is the seven days up to ``published``; "last night" is the day
  before ``published``, "overnight" the night from that day to ``published``; "on
  Saturday" is the latest Saturday on or before it,
  "last Saturday" the latest one strictly before it; "last May" the latest May
  before the publication month.
- Seasons are meteorological: spring is March-May, summer June-August, fall
  September-November, winter December-February. "winter 2023" is the winter whose
  January and February fall in 2023 (2022-12..2023-02); "winter 2023-2024" is
  2023-12..2024-02. "the winter", "over the winter" is the latest winter begun on
  or before ``published``.
- Two dates joined by "and" are one interval where they share a month or a year
  ("on February 25 and 26", "in March and April 2023", "in December and January"), or
  are two weekdays in order ("on Sunday and Monday"); a breakdown ("57 in 2022, 11 in
  2023") stays one match per part. "Saturday night into Sunday" and "the night of 9/10
  March" are the two days.
- A day without its year that falls up to two weeks after ``published`` is one to come
  ("the vote on 31 May", told on 25 May): no match, rather than the year before.
- "over the weekend" is the weekend begun by ``published``, else the last one; "the end
  of last month" is that calendar month (only "the last month" is the rolling one).
- A bare year needs a cue ("in 2022", "since 2022", "mid-2023", "2022-2023", "the
  1990s"): "2000 people" and "the 2022 invasion" are not dates. A bare month needs
  one too ("in May", "last May"), and must be capitalised, which keeps the verbs
  "may" and "march" out. Two-digit years only in wire datelines ("10 JAN 90").

- The first days of a war the document names ("on the first day of the full-scale invasion",
  "the early days of the invasion": the ``wars`` of the English date words) are its first day,
  or its first month and the next (``war_dates``, read by the stage over the whole document,
  which must name the war's country and be published after it began).

Not supported, on purpose: future dates ("next week", "next Monday" match but
yield nothing, so that "Monday" alone is not read as the past one); dates
relative to an event rather than to publication ("the next day", "two days
later"); vague spans ("recently", "a few days ago"); ambiguous numeric dates
("03/04/2024": day and month cannot be told apart); lists of three or more days
("May 7, 8 and 9" gives May 7 alone).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from calendar import monthrange
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .. import registry
from ..lang import get_pack
from ..model import Analysis, DateRange, Mention
from .base import BaseStage

__all__ = ["DateMatch", "Dates", "find_dates", "resolve_published"]


@dataclass(frozen=True)
class DateMatch:
    """A date expression: ``text[start:end]`` and the interval it names."""

    start: int
    end: int
    text: str
    range: DateRange
    relative: bool  # resolved against the publication date


# A partial date: (year, month or None, day or None).
_PD = tuple[int, int | None, int | None]
# A month and optional day whose year is still unknown.
_MD = tuple[int, int | None]


@dataclass
class _Atom:
    """A candidate match before ranges are joined and years inferred."""

    start: int
    end: int
    core: int  # where the date words begin, after the cue words
    prep: str = ""
    lo: _PD | None = None
    hi: _PD | None = None
    md: tuple[_MD, _MD] | None = None  # set instead of lo/hi while the year is unknown
    relative: bool = False
    blocked: bool = False  # wins its span but yields nothing ("next Monday")


def _read_table() -> dict[str, Any]:
    """The English pack's date words (a data file, so that every language's words live in
    ``casefile/lang/data``)."""
    path = Path(__file__).parents[1] / "lang" / "data" / "en" / "dates.yaml"
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


# --- vocabulary --------------------------------------------------------------------

# The words are the English pack's data (casefile/lang/data/en/dates.yaml), read once.
_TABLE = _read_table()
_MONTHS: dict[str, int] = _TABLE["months"]
_FULL_MONTHS = frozenset(_TABLE["full_months"])
_WEEKDAYS: dict[str, int] = _TABLE["weekdays"]
_SEASONS = {k: (int(v[0]), int(v[1])) for k, v in _TABLE["seasons"].items()}
_NUMBERS: dict[str, int] = _TABLE["numbers"]

_NUMBER_RX = "|".join(sorted(_NUMBERS, key=len, reverse=True))
_DAY_RX = r"[0-3]?\d(?i:st|nd|rd|th)?(?![\w:]|[.,]\d)"
_YEAR_RX = r"(?:19|20)\d\d(?!\w|[.,]\d)"
_DASH_RX = r"-|–|—"
# A month name less its capital, which the patterns match on its own: a pattern that
# starts with a plain character class lets the regex engine skip ahead to candidates
# instead of trying the whole pattern at every position (ten times faster here); the
# handlers check that capital and tail make a real name ("Mune" does not).
_MONTH_TAIL = (
    r"(?i:(?:anuary|ebruary|arch|pril|ay|une|uly|ugust|eptember|ctober|ovember|ecember)\b"
    r"|(?:an|eb|ar|pr|un|ul|ug|ept|ep|ct|ov|ec)\b\.?)"
)

# Cue words that let a bare month, year or season stand as a date.
_MONTH_CUES = frozenset(_TABLE["month_cues"])
_YEAR_CUES = _MONTH_CUES | set(_TABLE["year_cues_extra"])
_SEASON_CUES = _MONTH_CUES | set(_TABLE["season_cues_extra"])
_NTH_CUES = frozenset(_TABLE["nth_cues"])

# Words that may follow a day number without making it a count ("May 12 people").
_AFTER_DAY_OK = frozenset(_TABLE["after_day_ok"])
_COUNT_NOUNS = frozenset(_TABLE["count_nouns"])
# Words that may follow "the 21st" when it is a day of the month.
_AFTER_NTH_OK = frozenset(_TABLE["after_nth_ok"])
# Names that end in "Today" (newspapers, channels), and quotes around a programme's name.
_TODAY_NAMES = frozenset(_TABLE["today_names"])
_QUOTES = set("\"“”'‘’")
# Capitalised words that turn a weekday into a name ("Bloody Sunday").
_WEEKDAY_NAMES = frozenset(_TABLE["weekday_names"])

# --- patterns ----------------------------------------------------------------------
# Each starts with a plain character class and checks the word boundary just after it
# (see _MONTH_TAIL); the rest is case-insensitive, for upper-case wire copy.

_ISO = re.compile(
    r"(?P<y>(?:19|20)(?<![\w.\-/]..)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)", re.VERBOSE
)
_NUMERIC = re.compile(
    r"""(?P<a>\d(?<![\w.,/:\-]\d)\d?)(?P<sep>[./])(?P<b>\d\d?)(?P=sep)
    (?P<y>(?:19|20)\d\d)(?!\d)""",
    re.VERBOSE,
)
_MONTH_FIRST = re.compile(
    rf"""(?P<mon>[JFMASOND](?<![\w][JFMASOND]){_MONTH_TAIL})
    (?i:
      (?:\s+(?P<d1>{_DAY_RX})
         (?:\s*(?P<conn>{_DASH_RX}|to|through|until|till|and|&)\s*(?P<d2>{_DAY_RX}))?
      )?
      (?:,?\s+(?:of\s+)?(?P<y>{_YEAR_RX})
       | \s+(?:of\s+)?(?P<yrel>this|last|next)\s+year\b
      )?
    )""",
    re.VERBOSE,
)
_DAY_FIRST = re.compile(
    rf"""(?P<d1>\d(?<![\w.,:/]\d)\d?(?i:st|nd|rd|th)?)(?![\w:]|[.,]\d)
    (?i:(?:\s*(?P<conn>{_DASH_RX}|to|through|until|till|and|&|/)\s*(?P<d2>{_DAY_RX}))?
        \s+(?:of\s+)?)
    (?P<mon>[JFMASOND]{_MONTH_TAIL})
    (?i:(?:,?\s+(?P<y>{_YEAR_RX})
         | \s+(?P<yy>\d\d)(?![\w:]|[.,]\d)
         | \s+(?:of\s+)?(?P<yrel>this|last|next)\s+year\b
    )?)""",
    re.VERBOSE,
)
_WEEKDAY = re.compile(
    r"""(?P<wd>[MTWFS](?<![\w][MTWFS])(?i:onday|uesday|ednesday|hursday|riday|aturday|unday))
    (?P<plural>[sS])?\b
    (?i:\s+(?:morning|afternoon|evening|night)\b)?""",
    re.VERBOSE,
)
_RELATIVE = re.compile(
    rf"""(?P<k>[TtYyLlPpEeNnOo])(?<![\w][TtYyLlPpEeNnOo])
    (?i:
      (?<=y)(?P<yday>esterday)(?:\s+(?:morning|afternoon|evening|night))?
    | (?<=o)(?P<onight>vernight)
    | (?<=o)ver\s+the\s+(?P<owkend>weekend)
    | (?<=t)(?P<today>o(?:day|night)|his\s+(?:morning|afternoon|evening))
    | (?<=l)(?P<lnight>ast\s+night)
    | (?<=[lp])(?:ast|revious)\s+(?P<past_n>\d{{1,3}}|{_NUMBER_RX})
        \s+(?P<past_u>hour|day|week|month|year)s
    | (?:(?<=e)arlier|(?<=l)ater)\s+(?P<el>this)\s+(?P<el_unit>weekend|week|month|year)
    | (?<=p)ast\s+(?P<pday>day)
    | (?P<rel>(?<=l)ast|(?<=t)his|(?<=n)ext|(?<=p)ast)\s+(?P<unit>weekend|week|month|year)
    )\b""",
    re.VERBOSE,
)
_AGO = re.compile(r"[Aa](?<![\w][Aa])(?i:go)\b")
_AGO_BACK = re.compile(
    rf"(?<![\w])(?P<n>\d{{1,3}}|{_NUMBER_RX})\s+(?P<u>day|week|month|year)s?\s+\Z", re.IGNORECASE
)
_SEASON = re.compile(
    rf"""(?P<season>[SsFfAaWw](?<![\w][SsFfAaWw])(?i:pring|ummer|all|utumn|inter))(?i:time)?\b
    (?i:(?:\s+(?:of\s+)?(?P<y>{_YEAR_RX})
           (?:\s*(?:{_DASH_RX}|/)\s*(?P<y2>(?:19|20)?\d\d)(?!\d|[.,]\d))?
    )?)""",
    re.VERBOSE,
)
_YEAR = re.compile(
    rf"""(?P<y>(?:19|20)(?<![\w.,$€£#/:]..)\d\d)(?:(?P<decade>'?s)\b|(?!\w|[.,]\d))
    (?i:(?:\s*(?P<conn>{_DASH_RX}|/|to|through|until|till|and|or)\s*
           (?P<y2>(?:19|20)?\d\d)(?!\d|[.,]\d))?)
    (?!\s*(?:%|(?i:percent)\b))""",
    re.VERBOSE,
)
_NTH = re.compile(
    r"""(?P<d>\d(?<![\w]\d)\d?)(?P<ord>(?i:st|nd|rd|th))\b
    (?i:(?:\s+of\s+(?P<of>this|last)\s+month\b)?)""",
    re.VERBOSE,
)
# The cue words before a core, anchored at the core's start with \Z (searched with endpos).
_PREFIX = re.compile(
    rf"""(?:(?<![\w])(?P<prep>since|as\s+of|in|on|at|from|between|during|by|until|till
          |through(?:out)?|before|after|over|around|for)\s+)?
    (?:(?<![\w])(?P<wd>{"|".join(_WEEKDAYS)})(?:\s*,\s*|\s+))?
    (?:(?<![\w])(?P<the>the)\s+)?
    (?:(?<![\w])(?P<qual>(?:very\s+)?(?:early|mid|late)
          |(?:end|beginning|start|middle|turn|(?:first|second)\s+half
             |(?:first|last|final)\s+(?:days?|weeks?))\s+of)(?:\s*-\s*|\s+))?
    (?:(?<![\w])(?P<rel>last|this|next)\s+)?
    \Z""",
    re.IGNORECASE | re.VERBOSE,
)
# A day told without its year that falls this many days or fewer after publication is one
# to come ("the vote on 31 May", told on 25 May), not the one of the year before
_AHEAD_DAYS = 14
_PREFIX_WINDOW = 45
_PREFIX_GAP = frozenset(" \t\r\n\xa0,-")
# The words a run of cue words can end with: the last word of each part of _PREFIX.
_PREFIX_LAST_WORDS = frozenset({
    "since", "of", "in", "on", "at", "from", "between", "during", "by", "until", "till",
    "through", "throughout", "before", "after", "over", "around", "for", "the", "early",
    "mid", "late", "last", "this", "next", *_WEEKDAYS,
})  # fmt: skip
_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*)")
_JOIN = re.compile(rf"\s*(?:{_DASH_RX}|to|until|till|through|thru|into)\s*\Z", re.IGNORECASE)
_JOIN_AND = re.compile(r"\s*,?\s*(?:and|&)\s*\Z", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
# A cued full month and "and" right before a month ("in December and January")
_CUES_RX = "|".join(c.replace(" ", r"\s+") for c in sorted(_MONTH_CUES, key=len, reverse=True))
_AND_MONTH_BEFORE = re.compile(
    rf"(?<![\w])(?i:{_CUES_RX})\s+(?:{'|'.join(m.capitalize() for m in _FULL_MONTHS)})"
    r"\s+(?i:and|&)\s+\Z"
)
_DBY_BEFORE = re.compile(r"(?<![\w])the\s+day\s+before\s+\Z", re.IGNORECASE)
# The other end of a range of figures a year-like number begins ("between 2000 and 2500",
# "2000 to 3,000"): a larger figure; not a smaller one after "and", a figure of its own
# ("39 were killed in 2024 and 18 this year", "11 in 2023 and 149 in 2024").
_NUMBER_RANGE_AFTER = re.compile(
    rf"\s*(?:{_DASH_RX}|to|and|or)\s*(?P<n>\d{{1,3}}(?:[,.]\d{{3}})+|\d+)", re.IGNORECASE
)
_ORD_DIGITS = re.compile(r"(?:st|nd|rd|th)\Z", re.IGNORECASE)


@dataclass(frozen=True)
class _Prefix:
    """The cue words before a core, lower-cased; ``start`` is where the span begins."""

    start: int
    prep: str = ""
    wd: str = ""
    the: int = -1  # where "the" stands, if it does
    qual: str = ""
    rel: str = ""


def _prefix(text: str, core: int) -> _Prefix:
    """The longest run of cue words the prefix grammar accepts just before ``core``."""
    # most cores have no cue: look at the word before first, which is cheap
    i = core - 1
    while i >= 0 and text[i] in _PREFIX_GAP:
        i -= 1
    j = i
    while j >= 0 and text[j].isalpha():
        j -= 1
    if text[j + 1 : i + 1].lower() not in _PREFIX_LAST_WORDS:
        return _Prefix(core)
    m = _PREFIX.search(text, max(0, core - _PREFIX_WINDOW), core)
    if m is None or m.start() == core:
        return _Prefix(core)
    prep, wd, qual, rel = (
        " ".join((m.group(g) or "").lower().split()) for g in ("prep", "wd", "qual", "rel")
    )
    # "the" alone stays out of the span: "the February 16 attack" is "February 16"
    start = m.start() if (prep or wd or qual or rel) else core
    return _Prefix(start, prep, wd, m.start("the"), qual, rel)


# --- date helpers ------------------------------------------------------------------


def _valid(y: int, m: int, d: int | None) -> bool:
    return 1 <= m <= 12 and (d is None or 1 <= d <= monthrange(y, m)[1])


def _valid_md(m: int, d: int | None) -> bool:
    return d is None or 1 <= d <= (29 if m == 2 else monthrange(2001, m)[1])


def _iso(pd: _PD) -> str:
    y, m, d = pd
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _day(d: date) -> _PD:
    return (d.year, d.month, d.day)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _ordered(lo: _PD, hi: _PD) -> bool:
    """Whether the interval from ``lo`` to ``hi`` is not empty."""
    return (lo[0], lo[1] or 1, lo[2] or 1) <= (hi[0], hi[1] or 12, hi[2] or 31)


def _latest_year(md: _MD, ref: date) -> int | None:
    """The year that puts ``md`` on or before ``ref`` and nearest to it."""
    m, d = md
    y = ref.year if (m, d or 1) <= (ref.month, ref.day) else ref.year - 1
    for _ in range(8):  # only 29 February needs more than one try
        if _valid(y, m, d):
            return y
        y -= 1
    return None


def _int_day(s: str) -> int:
    return int(_ORD_DIGITS.sub("", s))


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1) if m else ""


def _is_count_noun(word: str) -> bool:
    """Whether ``word`` after a number makes it a count ("12 soldiers"), not a day."""
    w = word.lower()
    if w in _COUNT_NOUNS:
        return True
    return word.islower() and len(w) > 3 and w.endswith("s") and w not in _AFTER_DAY_OK


def _season_bounds(season: str, y: int) -> tuple[_PD, _PD]:
    a, b = _SEASONS[season]
    if season == "winter":
        return (y, 12, None), (y + 1, 2, None)
    return (y, a, None), (y, b, None)


# --- handlers: one per pattern, each turns a match into candidate atoms ------------


class _Ctx:
    """The text, the publication date and the cue words already read, per core."""

    __slots__ = ("_prefixes", "published", "text")

    def __init__(self, text: str, published: date | None) -> None:
        self.text = text
        self.published = published
        self._prefixes: dict[int, _Prefix] = {}

    def prefix(self, core: int) -> _Prefix:
        pre = self._prefixes.get(core)
        if pre is None:
            pre = self._prefixes[core] = _prefix(self.text, core)
        return pre


def _exact(ctx: _Ctx, m: re.Match[str], y: int, mo: int, d: int) -> list[_Atom]:
    if not _valid(y, mo, d):
        return []
    pre = ctx.prefix(m.start())
    return [_Atom(pre.start, m.end(), m.start(), pre.prep, lo=(y, mo, d), hi=(y, mo, d))]


def _iso_date(ctx: _Ctx, m: re.Match[str]) -> list[_Atom]:
    return _exact(ctx, m, int(m["y"]), int(m["m"]), int(m["d"]))


def _numeric_date(ctx: _Ctx, m: re.Match[str]) -> list[_Atom]:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if m["sep"] == ".":
        return _exact(ctx, m, y, b, a)  # dotted dates are day-first wherever they are written
    if a > 12 >= b:
        return _exact(ctx, m, y, b, a)
    if b > 12 >= a:
        return _exact(ctx, m, y, a, b)
    return []  # 03/04/2024: day and month cannot be told apart


def _month_of(m: re.Match[str]) -> tuple[str, int] | None:
    name = m["mon"].rstrip(".")
    month = _MONTHS.get(name.lower())
    return (name, month) if month else None


def _year_of(ctx: _Ctx, m: re.Match[str]) -> tuple[int | None, bool] | None:
    """The year group or "this/last year" (then relative); None where it cannot resolve."""
    if m["y"]:
        return int(m["y"]), False
    yrel = (m["yrel"] or "").lower()
    if not yrel:
        return None, False
    if ctx.published is None or yrel == "next":
        return None
    return ctx.published.year - (yrel == "last"), True


def _days(ctx: _Ctx, m: re.Match[str], month: int, year: int | None, end: int) -> list[_Atom]:
    """The atom for a month with one or two day numbers (month-first and day-first forms).

    ``end`` is where the match ends. Two days make one interval, whether joined by a
    dash, "to" or "and": "on February 25 and 26" is 25..26, the days it names.
    """
    pre = ctx.prefix(m.start())
    d1 = _int_day(m["d1"])
    d2 = d1
    if m["d2"] and end > m.end("d1"):
        d2 = _int_day(m["d2"])
        if not _valid_md(month, d2) or d2 <= d1:
            if m.start("mon") > m.start("d1"):
                return []  # "16-12 February" is no range of days
            d2, end = d1, m.end("d1")  # "February 12-3": the first day alone
    if not _valid_md(month, d1) or (year is not None and not _valid(year, month, d2)):
        return []
    if year is not None:
        return [
            _Atom(pre.start, end, m.start(), pre.prep, lo=(year, month, d1), hi=(year, month, d2))
        ]
    return [_Atom(pre.start, end, m.start(), pre.prep, md=((month, d1), (month, d2)))]


def _month_first(ctx: _Ctx, m: re.Match[str]) -> list[_Atom]:
    text = ctx.text
    named = _month_of(m)
    year_rel = _year_of(ctx, m)
    if named is None or year_rel is None:
        return []
    (name, month), (year, relative) = named, year_rel
    end = m.end()
    # "the November 29-30 massacres": a date that names the days of what follows
    modifier = text[max(0, m.start() - 4) : m.start()].lower() == "the "
    if m["d1"] and year is None and ctx.prefix(m.start()).prep != "on" and not modifier:
        # "In May 12 people were killed": a count after the month, not a day
        if _is_count_noun(_next_word(text, m.end("d1"))):
            return _month_only(ctx, m.start(), m.end("mon"), month, name, None)
        if m["d2"] and _is_count_noun(_next_word(text, m.end("d2"))):
            end = m.end("d1")
    if not m["d1"]:
        return _month_only(ctx, m.start(), end, month, name, year, relative)
    atoms = _days(ctx, m, month, year, end)
    if not atoms:
        return _month_only(ctx, m.start(), m.end("mon"), month, name, None)
    for a in atoms:
        a.relative = relative
    return atoms


def _month_only(
    ctx: _Ctx,
    core: int,
    end: int,
    month: int,
    name: str,
    year: int | None,
    relative: bool = False,
) -> list[_Atom]:
    p = ctx.published
    pre = ctx.prefix(core)
    if year is not None:
        lo: _PD = (year, month, None)
        return [_Atom(pre.start, end, core, pre.prep, lo=lo, hi=lo, relative=relative)]
    if name.lower() not in _FULL_MONTHS:
        return []  # "in Dec." alone is too easily something else
    if pre.rel == "next":
        return [_Atom(pre.start, end, core, pre.prep, blocked=True)]
    if pre.rel:
        if p is None:
            return []
        # "this May" is in the publication year; "last May" the latest May before
        # the publication month
        y = p.year if pre.rel == "this" or month < p.month else p.year - 1
        lo = (y, month, None)
        return [_Atom(pre.start, end, core, pre.prep, lo=lo, hi=lo, relative=True)]
    if pre.prep in _MONTH_CUES or pre.qual or _AND_MONTH_BEFORE.search(ctx.text, 0, core):
        # "in December and January": the second month takes the first one's cue
        return [_Atom(pre.start, end, core, pre.prep, md=((month, None), (month, None)))]
    return []


def _day_first(ctx: _Ctx, m: re.Match[str]) -> list[_Atom]:
    text, p = ctx.text, ctx.published
    named = _month_of(m)
    year_rel = _year_of(ctx, m)
    if named is None or year_rel is None:
        return []
    (name, month), (year, relative) = named, year_rel
    end = m.end()
    if m["yy"]:
        # "10 JAN 90" (wire-service datelines): only with an abbreviated or upper-case
        # month, and not when a word follows ("16 Feb 24 people")
        short = name.isupper() or name.lower() not in _FULL_MONTHS
        if short and not _next_word(text, end)[:1].islower():
            base = p.year if p else 2049
            year = base - (base - int(m["yy"])) % 100
        else:
            end = m.end("mon")
    atoms = _days(ctx, m, month, year, end)
    for a in atoms:
        a.relative = relative
    return atoms


def _weekday(ctx: _Ctx, m: re.Match[str]) -> list[_Atom]:
    text, p = ctx.text, ctx.published
    weekday = _WEEKDAYS.get(m["wd"].lower())
    if weekday is None or m["plural"]:
        return []
    before = text[max(0, m.start() - 8) : m.start()].split()
    if before and before[-1].lower() in _WEEKDAY_NAMES and before[-1][0].isupper():
        return []
    pre = ctx.prefix(m.start())
    if pre.rel == "next":
        return [_Atom(pre.start, m.end(), m.start(), pre.prep, blocked=True)]
    if p is None:
        return []
    back = (p.weekday() - weekday) % 7
    if pre.rel == "last" and back == 0:
        back = 7  # "last Saturday" said on a Saturday
    d = _day(p - timedelta(days=back))
    return [_Atom(pre.start, m.end(), m.start(), pre.prep, lo=d, hi=d, relative=True)]


def _relative(ctx: _Ctx, m: re.Match[str]) -> list[_Atom]:
    text, p = ctx.text, ctx.published
    core, end = m.start(), m.end()
    if m["today"]:
        before = text[max(0, core - 8) : core].split()
        if before and before[-1] in _TODAY_NAMES:
            return [_Atom(core - len(before[-1]) - 1, end, core, blocked=True)]  # "USA Today"
        if text[core - 1 : core] in _QUOTES and text[end : end + 1] in _QUOTES:
            return []  # a programme called "Today"
    # "over the weekend" is "this weekend": the one begun by publication, else the last
    rel = "this" if m["el"] or m["owkend"] else (m["k"] + m["rel"]).lower() if m["rel"] else ""
    pre = ctx.prefix(core)
    if rel == "next":
        return [_Atom(pre.start, end, core, pre.prep, blocked=True)]
    if p is None:
        return []
    # "last week" is the calendar week before; "the last week", "the past week" the
    # seven days up to publication
    # ("the end of last month" is in the calendar month: its "the" is the qualifier's)
    rolling = (
        bool(m["past_n"] or m["pday"])
        or rel == "past"
        or (rel == "last" and pre.the >= 0 and not pre.qual)
    )
    start = pre.the if rolling and pre.the >= 0 and pre.start == core else pre.start

    def one(lo: _PD, hi: _PD | None = None, at: int = start) -> list[_Atom]:
        return [_Atom(at, end, core, pre.prep, lo=lo, hi=hi or lo, relative=True)]

    if m["yday"]:
        dby = _DBY_BEFORE.search(text, max(0, core - 20), core)
        if dby:
            return one(_day(p - timedelta(days=2)), at=dby.start())
        return one(_day(p - timedelta(days=1)))
    if m["lnight"]:
        return one(_day(p - timedelta(days=1)))
    if m["onight"]:  # "an overnight strike": the night before publication, across two dates
        return one(_day(p - timedelta(days=1)), _day(p))
    if m["today"]:
        return one(_day(p))
    if m["past_n"]:
        return one(_rolling_start(p, m["past_u"].lower(), _count(m["past_n"])), _day(p))
    if m["pday"]:  # "over the past day": the day up to publication, as "the past 24 hours"
        return one(_rolling_start(p, "hour", 24), _day(p))
    unit = (m["el_unit"] or m["unit"] or m["owkend"]).lower()
    if rolling and unit != "weekend":
        return one(_rolling_start(p, unit, 1), _day(p))
    monday = p - timedelta(days=p.weekday())
    if unit == "week" and pre.wd in _WEEKDAYS and rel in ("last", "this"):
        # "on Thursday last week": that day of the week named
        week = monday - timedelta(days=7) if rel == "last" else monday
        return one(_day(week + timedelta(days=_WEEKDAYS[pre.wd])))
    if unit == "week":
        if rel == "last":
            return one(_day(monday - timedelta(days=7)), _day(monday - timedelta(days=1)))
        return one(_day(monday), _day(p))
    if unit == "weekend":
        if rel == "this" and p.weekday() >= 5:
            return one(_day(monday + timedelta(days=5)), _day(monday + timedelta(days=6)))
        return one(_day(monday - timedelta(days=2)), _day(monday - timedelta(days=1)))
    if unit == "month":
        y, mo = (p.year, p.month) if rel == "this" else _add_months(p.year, p.month, -1)
        return one((y, mo, None))
    return one((p.year if rel == "this" else p.year - 1, None, None))


def _ago(ctx: _Ctx, m: re.Match[str]) -> list[_Atom]:
    p = ctx.published
    back = _AGO_BACK.search(ctx.text, max(0, m.start() - 30), m.start())
    if back is None or p is None:
        return []
    n, unit = _count(back["n"]), back["u"].lower()
    if unit in ("day", "week"):
        lo = _day(p - timedelta(days=n * (7 if unit == "week" else 1)))
    elif unit == "year" and n >= 2:  # "ten years ago": that year; its month is a guess
        lo = (p.year - n, None, None)
    else:  # "a year ago": the month of publication that many years before
        y, mo = _add_months(p.year, p.month, -n * (12 if unit == "year" else 1))
        lo = (y, mo, None)
    pre = ctx.prefix(back.start())
    return [_Atom(pre.start, m.end(), back.start(), pre.prep, lo=lo, hi=lo, relative=True)]


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _rolling_start(p: date, unit: str, n: int) -> _PD:
    """The first day of the last ``n`` units up to ``p`` ("the past 24 hours")."""
    if unit == "hour":
        return _day(p - timedelta(days=max(1, -(-n // 24))))
    if unit in ("day", "week"):
        return _day(p - timedelta(days=n * (7 if unit == "week" else 1)))
    if unit == "month":
        y, mo = _add_months(p.year, p.month, -n)
    else:
        y, mo = p.year - n, p.month
    return (y, mo, min(p.day, monthrange(y, mo)[1]))


def _season(ctx: _Ctx, m: re.Match[str]) -> list[_Atom]:
    text, p = ctx.text, ctx.published
    season = m["season"].lower()
    if season not in _SEASONS:
        return []
    core, end = m.start(), m.end()
    pre = ctx.prefix(core)
    if m["y"]:
        y = int(m["y"])
        if m["y2"]:
            y2 = int(m["y2"]) + (y // 100 * 100 if len(m["y2"]) == 2 else 0)
            if not y < y2 <= y + 10:
                return []
            if season == "winter" and y2 == y + 1:
                lo, hi = _season_bounds(season, y)  # "winter 2023-2024"
            else:
                lo, hi = _season_bounds(season, y)[0], _season_bounds(season, y2)[1]
        else:
            lo, hi = _season_bounds(season, y - 1 if season == "winter" else y)
        return [_Atom(pre.start, end, core, pre.prep, lo=lo, hi=hi)]
    of = _OF_AFTER.match(text, end)
    if of:
        return [_Atom(pre.start, of.end(), core, pre.prep, blocked=True)]  # "the fall of Bakhmut"
    if pre.rel == "next":
        return [_Atom(pre.start, end, core, pre.prep, blocked=True)]
    if not (pre.rel or pre.prep in _SEASON_CUES) or p is None:
        return []
    first = _SEASONS[season][0]
    y = p.year if first <= p.month else p.year - 1  # the latest one begun by publication
    if pre.rel == "this":
        y = p.year if season != "winter" else (p.year - 1 if p.month <= 6 else p.year)
    elif pre.rel == "last":
        _, (hy, hm, _d) = _season_bounds(season, y)
        if (p.year, p.month) <= (hy, hm or 12):
            y -= 1  # "last winter" said during a winter is the one before
    lo, hi = _season_bounds(season, y)
    return [_Atom(pre.start, end, core, pre.prep, lo=lo, hi=hi, relative=True)]


def _year(ctx: _Ctx, m: re.Match[str]) -> list[_Atom]:
    text = ctx.text
    core, end = m.start(), m.end()
    y = int(m["y"])
    pre = ctx.prefix(core)
    if core > 0 and text[core - 1] in "-–" and pre.qual != "mid":
        return []
    if m["decade"]:
        if y % 10:
            return []
        end = m.end("decade")  # "the 1990s": no cue needed, nothing else ends in "0s"
        return [_Atom(pre.start, end, core, pre.prep, lo=(y, None, None), hi=(y + 9, None, None))]
    cued = pre.prep in _YEAR_CUES or bool(pre.qual)
    if m["y2"]:
        conn, short = m["conn"].lower(), len(m["y2"]) == 2
        y2 = int(m["y2"]) + (y // 100 * 100 if short else 0)
        if conn == "-" and short and y2 <= y and 1 <= int(m["y2"]) <= 12:
            lo: _PD = (y, int(m["y2"]), None)  # "2022-10": ISO year and month
            return [_Atom(pre.start, end, core, pre.prep, lo=lo, hi=lo)]
        # "2022-2023", "from 2022 to 2024", "in 2022 and 2023" (the years it names);
        # "2022 and 2023" with no cue before is left alone, like "2000 and 2500"
        words = conn in ("to", "through", "until", "till", "and", "or")
        if y < y2 <= y + 50 and (cued or not words) and not (short and words):
            hi: _PD = (y2, None, None)
            return [_Atom(pre.start, end, core, pre.prep, lo=(y, None, None), hi=hi)]
        end = m.end("y")
    after = _NUMBER_RANGE_AFTER.match(text, end)
    if after and int(re.sub(r"\D", "", after["n"])) > y:
        return []  # "between 2000 and 2500 people"
    return _single_year(pre, core, end, y, cued)


def _single_year(pre: _Prefix, core: int, end: int, y: int, cued: bool) -> list[_Atom]:
    if not cued:
        return []  # "2000 people", "the 2022 invasion"
    lo: _PD = (y, None, None)
    hi: _PD = lo
    if pre.qual == "first half of":
        lo, hi = (y, 1, None), (y, 6, None)
    elif pre.qual == "second half of":
        lo, hi = (y, 7, None), (y, 12, None)
    return [_Atom(pre.start, end, core, pre.prep, lo=lo, hi=hi)]


def _nth(ctx: _Ctx, m: re.Match[str]) -> list[_Atom]:
    text, p = ctx.text, ctx.published
    d = int(m["d"])
    expected = {1: "st", 2: "nd", 3: "rd"}.get(d % 10 if d // 10 != 1 else 0, "th")
    if not 1 <= d <= 31 or m["ord"].lower() != expected:
        return []
    core, end = m.start(), m.end()
    pre = ctx.prefix(core)
    if pre.the < 0 or not (pre.prep in _NTH_CUES or pre.wd or m["of"]):
        return []
    if not m["of"]:
        word = _next_word(text, end)
        if word and (not word.islower() or word not in _AFTER_NTH_OK):
            return []  # "the 30th Motorized Rifle Brigade", "the 21st century"
    if p is None:
        return []
    y, mo = p.year, p.month
    if (m["of"] or "").lower() == "last" or (not m["of"] and d > p.day):
        y, mo = _add_months(y, mo, -1)
    for _ in range(3):  # "the 31st" said early in a month after a 30-day one
        if _valid(y, mo, d):
            return [
                _Atom(pre.start, end, core, pre.prep, lo=(y, mo, d), hi=(y, mo, d), relative=True)
            ]
        y, mo = _add_months(y, mo, -1)
    return []


_RULES = (
    (_ISO, _iso_date),
    (_NUMERIC, _numeric_date),
    (_MONTH_FIRST, _month_first),
    (_DAY_FIRST, _day_first),
    (_WEEKDAY, _weekday),
    (_RELATIVE, _relative),
    (_AGO, _ago),
    (_SEASON, _season),
    (_YEAR, _year),
    (_NTH, _nth),
)


# --- public API --------------------------------------------------------------------


def find_dates(text: str, published: str | date | None) -> list[DateMatch]:
    """Every date expression in ``text``, resolved against ``published``.

    ``published`` is the document's publication date (an ISO date or datetime
    string, as :func:`resolve_published` accepts); expressions that need it are
    skipped when it is None. Matches are in text order and never overlap.
    """
    ctx = _Ctx(text, _reference(published))
    # 1. every candidate of every pattern
    candidates: list[_Atom] = []
    for rx, handle in _RULES:
        for m in rx.finditer(text):
            candidates.extend(handle(ctx, m))
    # 2. overlaps: the longest wins
    atoms = _longest(candidates)
    # 3. "A - B", "between A and B": one range
    atoms = _join_ranges(text, atoms)
    # 4. years and open ends from the publication date
    out: list[DateMatch] = []
    for a in atoms:
        match = _finish(text, a, ctx.published)
        if match is not None:
            out.append(match)
    return out


def resolve_published(value: object) -> str | None:
    """The document's ``published`` field as ``YYYY-MM-DD`` (or a partial ISO date).

    Takes an ISO date or datetime string (the date as written, not moved to UTC),
    a ``date`` or ``datetime``, or None; a date with dots is day first ("05.11.2024"), one
    in Ukrainian or Russian words is read by those packs ("5 листопада 2024"); other
    strings ("16 Feb 2024", RFC 2822) go to dateparser. Returns None for what cannot be
    read.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    return _resolve_published_str(value.strip())


@lru_cache(maxsize=256)
def _resolve_published_str(value: str) -> str | None:
    if not value:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T ]\d)", value)
    if m:
        y, mo, d = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
        if mo is None:
            return f"{y:04d}"
        if not _valid(y, mo, d):
            return None
        return _iso((y, mo, d))
    m = _DOTTED.match(value)
    if m:  # "05.11.2024": day first, as every country that writes dots between them does
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        return _iso((y, mo, d)) if _valid(y, mo, d) else None
    if _CYRILLIC_LETTER.search(value):  # "25 листопада 2024", "25 ноября 2024 г."
        from ..lang import get_pack

        for code in ("uk", "ru"):
            for found in get_pack(code).dates(value, None):
                r = found.range
                if r.start and r.start == r.end and len(r.start) == 10:
                    return str(r.start)
        return None
    try:  # RFC 2822, as feeds write it: the date as written, in its own time zone
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import and to run: only for the odd other field

    parsed = dateparser.parse(
        value,
        languages=["en"],
        # absolute dates with day, month and year only: "2 days ago" or "16 Feb" would
        # be read against the clock of the machine, which no document is about
        settings={
            "PARSERS": ["custom-formats", "absolute-time"],
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RELATIVE_BASE": datetime(2000, 1, 1),
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date().isoformat() if parsed else None


_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
# a publication date with dots, day first ("05.11.2024", "05.11.2024 10:35")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?=$|[T ,]\s*\d|\s*$)")


def _reference(published: str | date | None) -> date | None:
    """The publication date as a ``date``; None where it is missing or only partial."""
    if isinstance(published, date):
        return published.date() if isinstance(published, datetime) else published
    iso = resolve_published(published)
    if iso is None or len(iso) != 10:
        return None
    return date.fromisoformat(iso)


# --- steps of find_dates -----------------------------------------------------------


def _longest(candidates: list[_Atom]) -> list[_Atom]:
    """Non-overlapping candidates, longest first (ties: the earlier, then a real match)."""
    candidates.sort(key=lambda a: (a.start - a.end, a.start, a.blocked))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[_Atom] = []
    for a in candidates:
        i = bisect_right(starts, a.start)
        if i > 0 and ends[i - 1] > a.start:
            continue
        if i < len(starts) and starts[i] < a.end:
            continue
        starts.insert(i, a.start)
        ends.insert(i, a.end)
        chosen.insert(i, a)
    return chosen


def _join_ranges(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Neighbours joined by a dash, "to", "until", "through" (or "and") as one range."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is not None and not a.blocked and not b.blocked and b.core - a.end <= 12:
            gap = text[a.end : b.core]
            # "and" joins after "between", and where the first end lacks the year the
            # second gives: "in March and April 2023"
            listed = (
                a.prep == "between"
                or (a.md is not None and b.lo is not None and not b.relative)
                # "in December and January": two months, the year of neither said
                or (a.md is not None and b.md is not None and a.md[1][1] is None is b.md[0][1])
                # "on Tuesday and Wednesday": two days of the week, the days between them
                or bool(_WEEKDAY.match(text, a.core) and _WEEKDAY.match(text, b.core))
            )
            if _JOIN.match(gap) or (listed and _JOIN_AND.match(gap)):
                joined = _join(a, b)
                if joined is not None:
                    out.append(joined)
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _join(a: _Atom, b: _Atom) -> _Atom | None:
    """One range from ``a`` to ``b``; a missing year comes from the other end."""
    rel = a.relative or b.relative
    prep = "" if a.prep == "since" else a.prep
    if a.md is not None and b.md is not None:
        return _Atom(a.start, b.end, a.core, prep, md=(a.md[0], b.md[1]), relative=rel)
    if a.md is not None and b.lo is not None:
        y = b.lo[0]
        (m, d), end = a.md[0], b.lo
        if (m, d or 1) > (end[1] or 12, end[2] or 31):
            y -= 1
        if not _valid(y, m, d):
            return None
        return _Atom(a.start, b.end, a.core, prep, lo=(y, m, d), hi=b.hi, relative=rel)
    if b.md is not None and a.lo is not None and a.hi is not None:
        y = a.hi[0]
        (m, d), start = b.md[1], a.hi
        if (m, d or 31) < (start[1] or 1, start[2] or 1):
            y += 1
        if not _valid(y, m, d):
            return None
        return _Atom(a.start, b.end, a.core, prep, lo=a.lo, hi=(y, m, d), relative=rel)
    if a.lo is not None and b.hi is not None and _ordered(a.lo, b.hi):
        return _Atom(a.start, b.end, a.core, prep, lo=a.lo, hi=b.hi, relative=rel)
    return None


def _finish(text: str, a: _Atom, p: date | None) -> DateMatch | None:
    """The match for ``a``, its year and open end taken from ``p``; None if it has none."""
    if a.blocked:
        return None
    lo, hi, relative = a.lo, a.hi, a.relative
    if a.md is not None:
        if p is None:
            return None
        (m1, d1), (m2, d2) = a.md
        if d2 is not None and _valid(p.year, m2, d2):
            ahead = (date(p.year, m2, d2) - p).days
            if 0 < ahead <= _AHEAD_DAYS:
                return None  # "a stoppage from 31 May", told on 25 May: days to come
        y2 = _latest_year((m2, d2), p)
        if y2 is None:
            return None
        y1 = y2 if (m1, d1 or 1) <= (m2, d2 or 31) else y2 - 1
        if not _valid(y1, m1, d1):
            return None
        lo, hi, relative = (y1, m1, d1), (y2, m2, d2), True
    if lo is None or hi is None:
        return None
    end: str | None = _iso(hi)
    if a.prep == "since" and not (p and not _ordered(lo, _day(p))):
        end = p.isoformat() if p else None
        relative = relative or p is not None
    return DateMatch(a.start, a.end, text[a.start : a.end], DateRange(_iso(lo), end), relative)


def _war_rx() -> re.Pattern[str]:
    def alt(words: list[str]) -> str:
        return "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
        )

    return re.compile(
        rf"\b(?:on|in|during|within)\s+the\s+(?:(?P<day>{alt(_TABLE['war_first_day'])})"
        rf"|(?P<days>{alt(_TABLE['war_first_days'])}))\s+of\s+(?:the\s+|this\s+)?"
        rf"(?:(?:{alt(_TABLE['war_kinds'])})\s+)*(?:{alt(_TABLE['war_nouns'])})\b"
        # not a noun the war words name ("the first day of the war crimes trial")
        rf"(?!\s+(?:{alt(_TABLE['war_compounds'])})\b)",
        re.I,
    )


_WAR_RX = _war_rx()


def war_dates(text: str, published: str | None) -> list[DateMatch]:
    """The first days of a war the document names (``wars`` of the English pack's date words:
    "on the first day of the full-scale invasion" is 24 February 2022 in a report that names
    Ukraine; "the early days of the invasion" that month and the next), where the report was
    published on or after the war began; none where it names no such war or has no date."""
    day = resolve_published(published)
    if not day or len(day) < 10:
        return []
    out: list[DateMatch] = []
    for war in _TABLE["wars"]:
        start = str(war["start"])
        if day < start or not re.search(
            r"\b(?:" + "|".join(map(re.escape, war["names"])) + r")", text
        ):
            continue
        first = date.fromisoformat(start)
        month = start[:7]
        after = (first.replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
        for m in _WAR_RX.finditer(text):
            rng = DateRange(start, start) if m["day"] else DateRange(month, after)
            out.append(DateMatch(m.start(), m.end(), m.group(), rng, relative=False))
    return out


@registry.stages.register("casefile.dates.v11")
class Dates(BaseStage):
    """Find date expressions in the document's language, resolved against its publication."""

    name = "casefile.dates.v11"
    requires = ("sentences",)
    assigns = ("mentions.date",)

    def __call__(self, analysis: Analysis) -> None:
        starts = [s.start for s in analysis.sentences]
        # the date rules of the document's language (English: find_dates above)
        pack = get_pack(analysis.document.language)
        published = analysis.document.published
        # sentences in another language (a quoted post) are read by their own pack
        foreign = [(i, s) for i, s in enumerate(analysis.sentences) if s.language]
        matches: list[Any] = list(pack.dates(analysis.text, published))
        if pack.settings["dates"] == "english":
            # a war's first days ("on the first day of the full-scale invasion")
            matches += [
                w
                for w in war_dates(analysis.text, published)
                if not any(d.start < w.end and w.start < d.end for d in matches)
            ]
        for m in matches:
            i = bisect_right(starts, m.start) - 1
            if i >= 0 and analysis.sentences[i].language:
                continue
            analysis.mentions.append(Mention("date", m.start, m.end, m.text, m, i))
        for i, s in foreign:
            for m in get_pack(s.language).dates(s.text, published):
                found = replace(m, start=s.start + m.start, end=s.start + m.end)
                analysis.mentions.append(
                    Mention("date", found.start, found.end, found.text, found, i)
                )
