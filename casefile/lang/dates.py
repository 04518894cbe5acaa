"""Dates in Ukrainian and Russian text, resolved to partial-ISO intervals.

The same contract as :func:`casefile.extract.dates.find_dates` (English): every date
expression with its span and a :class:`~casefile.model.DateRange` whose ends are partial
ISO dates; a text that names a month gets a month, never a made-up day. The words come
from the pack's ``dates.yaml`` (every case form listed), so this module holds no word of
either language. ``CyrillicDates(table).find(text, published)`` does it in three steps:

1. one regex per kind of expression, built from the table, finds candidates: a day and
   a month with an optional year ("8 липня 2024 року", "7-9 июля", "з 7 по 9 липня"),
   a numeric date ("08.07.2024": day first, as both languages write it), a month with a
   cue or a year ("у жовтні 2024 року"), a year with a cue or a year word ("у 2022 році",
   "2022 года"), the night before a day ("в ночь на 8 июля", "у ніч з 7 на 8 липня"),
   days and periods relative to publication ("вчора", "минулого тижня", "на прошлой
   неделе"), a weekday after a preposition or "last" ("у понеділок", "в прошлую
   пятницу"), a season with a year or as an adverb ("влітку 2023 року", "зимой");
2. where candidates overlap the longest wins;
3. what the text leaves open is resolved against ``published``, as the English rules
   do: a month or day without a year takes the publication year unless that puts it
   after ``published`` (then the year before); a cue of "since" ("з 2022 року") runs to
   ``published``; "last week" is the Monday-to-Sunday week before the publication week;
   "the night before the 8th" is the 7th to the 8th; "у вихідні" is the last Saturday and
   Sunday begun by publication.

Without ``published`` the expressions that need it are skipped.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..model import DateRange
from .morph import normalise_apostrophes

__all__ = ["CyrillicDates", "DateMatch", "reference_date"]


@dataclass(frozen=True)
class DateMatch:
    """A date expression: ``text[start:end]`` and the interval it names (the same fields
    as :class:`casefile.extract.dates.DateMatch`)."""

    start: int
    end: int
    text: str
    range: DateRange
    relative: bool  # resolved against the publication date
    # the month is named ("5 жовтня", "у березні"): a date the text states, only its year
    # reckoned from publication (``casefile.extract.fields.explicit``)
    named: bool = False


_PD = tuple[int, int | None, int | None]  # (year, month or None, day or None)
_SINCE_REACH = 80  # characters between "since the start of" and the date it names


def reference_date(published: str | date | None) -> date | None:
    """The publication date as a ``date``; None where it is missing or only partial."""
    if isinstance(published, date):
        return published
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _alt(words: list[str]) -> str:
    """A regex alternation of words, longest first, spaces as any run of blanks."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)
    )


def _iso(pd: _PD) -> str:
    y, m, d = pd
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _valid(y: int, m: int, d: int | None) -> bool:
    return 1 <= m <= 12 and (d is None or 1 <= d <= monthrange(y, m)[1])


def _story_year(stated: _PD | None, month: int, day: int, p: date | None) -> int | None:
    """The year of a day told without one after a date ``stated`` with its year: that
    year, or the next where the day comes earlier in it ("28 грудня 2023 року ... 3
    січня": 2024); None where there is none, or the day would fall after publication."""
    if stated is None:
        return None
    year = stated[0]
    if (month, day) < (stated[1] or 1, stated[2] or 1):
        year += 1
    if not _valid(year, month, day) or (p is not None and date(year, month, day) > p):
        return None
    return year


def _day(d: date) -> _PD:
    return (d.year, d.month, d.day)


_BESIDE = re.compile(r"[\s,]*")  # what may stand between a night's adverb and its day


@dataclass
class _Cand:
    start: int
    end: int
    lo: _PD | None = None
    hi: _PD | None = None
    month_day: tuple[int, int | None, int | None] | None = None  # (month, d1, d2), no year
    since: bool = False
    relative: bool = False
    night: bool = False
    named: bool = False  # a month named, only the year reckoned
    adverb: bool = False  # "вночі", "ночью": a night told by one word, no day of its own


class CyrillicDates:
    """The date finder of one language, its patterns built from that pack's table."""

    def __init__(self, table: dict[str, Any]) -> None:
        norm = normalise_apostrophes
        self.months = {norm(f): int(m) for m, forms in table["months"].items() for f in forms}
        self.weekdays = {norm(f): int(d) for d, forms in table["weekdays"].items() for f in forms}
        self.seasons = {norm(f): s for s, forms in table["seasons"].items() for f in forms}
        self.adverb_seasons = {norm(forms[0]) for forms in table["seasons"].values()}
        self.days = {norm(k): int(v) for k, v in table["days"].items()}
        self.periods = {" ".join(norm(k).split()): v for k, v in table["periods"].items()}
        self.since = {norm(w) for w in table["since"]}
        phrases = table.get("since_phrases") or []
        # events whose first day the text need not state ("повномасштабного вторгнення")
        self.since_events = {
            " ".join(norm(k).split()): date.fromisoformat(str(v))
            for k, v in (table.get("since_events") or {}).items()
        }
        self._since_before = (
            re.compile(rf"(?<!\w)(?:{_alt(phrases)})(?:\s+[\w'-]+){{0,3}}?\s+\Z", re.I)
            if phrases
            else None
        )
        # "три дні тому": the number words and the units of days ("тиждень": 7)
        self.ago_numbers = {norm(k): int(v) for k, v in (table.get("ago_numbers") or {}).items()}
        self.ago_units = {norm(k): int(v) for k, v in (table.get("ago_units") or {}).items()}
        self.ago_alone = {norm(w) for w in table.get("ago_alone") or []}  # "тиждень тому"
        mon, yw = _alt(list(self.months)), _alt(table["year_words"])
        cue, frm, to = _alt(table["cues"]), _alt(table["range_from"]), _alt(table["range_to"])
        # the last word of a cue of two ("на початку"): the second month of a range may drop
        # the preposition ("в конце февраля – начале марта")
        cue_tail = _alt(sorted({str(c).split()[-1] for c in table["cues"] if " " in str(c)}))
        night, night_to = _alt(table["night"]), _alt(table["night_to"])
        # "у ніч" after its preposition, or an adverb of the night ("уночі на 8 липня")
        adverbs = table.get("night_adverbs") or []
        night = rf"(?:(?:[уві]|во)\s+(?:{night}))" + (rf"|(?:{_alt(adverbs)})" if adverbs else "")
        day = r"(?:[0-3]?\d)(?:-?(?:го|е|ого|ге|те|ме|я|ое))?"
        b, e = r"(?<![\w-])", r"(?![\w])"
        year_after = rf"(?:\s+(?P<y>(?:19|20)\d\d)(?:\s*(?:{yw})(?!\w))?)?"
        self._rules: list[tuple[re.Pattern[str], Any]] = [
            (
                re.compile(
                    rf"""{b}(?:{frm})\s+(?P<d1>{day})\s+(?P<mon1>{mon})(?:\s+(?P<y1>(?:19|20)\d\d)
                    (?:\s*(?:{yw})(?!\w))?)?\s*(?:{to}|-|–|—)\s*(?P<d2>{day})\s+(?P<mon>{mon}){e}
                    {year_after}""",
                    re.I | re.X,
                ),
                self._day_month_range,
            ),
            (
                re.compile(
                    rf"""{b}(?:{night})\s+(?:(?:{frm})\s+(?:{_alt(list(self.weekdays))})\s+)?
                    (?:{night_to})\s+(?P<wd>{_alt(list(self.weekdays))}){e}""",
                    re.I | re.X,
                ),
                self._night_weekday,
            ),
            (
                re.compile(
                    rf"""{b}(?:(?P<night>(?:{night})\s+
                              (?:(?:{frm})\s+(?P<n1>[0-3]?\d)\s+)?(?:{night_to})\s+)
                        |(?P<from>{frm})\s+)?
                    (?P<d1>{day})(?:\s*(?:-|–|—|(?:{to})\s|і\s|та\s|и\s)\s*(?P<d2>{day}))?
                    \s+(?P<mon>{mon}){e}{year_after}""",
                    re.I | re.X,
                ),
                self._day_month,
            ),
            (
                re.compile(
                    r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d|\d\d)(?![\d.]\d|\d)"
                ),
                self._numeric,
            ),
            (
                # "10.03 близько 14:00": a day and month, both of two digits, with no year;
                # not a time ("о 10.30") nor a figure ("10.05 млн", "12.03%")
                re.compile(
                    rf"""(?<![\d.,])(?:(?P<at>{_alt(table.get("time_prepositions") or ["-"])})\s+)?
                    (?P<d>[0-3]\d)\.(?P<m>[01]\d)(?![\d.,]?\d|\s*%|\s*[^\W\d_]{{1,4}}\.?\s*\d)
                    (?!\s*(?:{_alt(table.get("figure_words") or ["-"])})(?!\w))""",
                    re.I | re.X,
                ),
                self._day_month_numeric,
            ),
            (
                # "три дні тому", "2 дня назад", "тиждень тому": days back from publication
                re.compile(
                    rf"""{b}(?:(?P<n>\d{{1,2}}|{_alt(list(self.ago_numbers) or ["-"])})\s+)?
                    (?P<u>{_alt(list(self.ago_units) or ["-"])})\s+
                    (?:{_alt(table.get("ago") or ["-"])}){e}""",
                    re.I | re.X,
                ),
                self._ago,
            ),
            (
                re.compile(
                    rf"""{b}(?:(?P<cue>{cue})\s+)?(?P<mon>{mon})
                    \s*(?:-|–|—|\s(?:{to}|{_alt(table.get("and", []))})\s)\s*
                    (?:(?:{cue}|{cue_tail})\s+)?(?P<mon2>{mon}){e}{year_after}""",
                    re.I | re.X,
                ),
                self._months,
            ),
            (
                re.compile(rf"{b}(?:(?P<cue>{cue})\s+)?(?P<mon>{mon}){e}{year_after}", re.I | re.X),
                self._month,
            ),
            (
                re.compile(
                    rf"""{b}(?:(?P<cue>{cue})\s+)?(?P<y>(?:19|20)\d\d)
                    (?:\s*(?:-|–|—|/)\s*(?P<y2>(?:19|20)\d\d))?(?:\s*(?P<yw>{yw})(?!\w))?
                    (?!\s*%|\d)""",
                    re.I | re.X,
                ),
                self._year,
            ),
            (
                # "з початку повномасштабного вторгнення": since the day that event began
                re.compile(
                    rf"""{b}(?:{_alt(phrases or ["-"])})\s+
                    (?P<ev>{_alt(list(self.since_events) or ["-"])}){e}""",
                    re.I | re.X,
                ),
                self._since_event,
            ),
            (re.compile(rf"{b}(?P<w>{_alt(list(self.days))}){e}", re.I), self._rel_day),
            (re.compile(rf"{b}(?P<w>{_alt(list(self.periods))}){e}", re.I), self._period),
            (
                re.compile(
                    rf"""{b}(?:(?P<prep>[ув]|во)\s+)?(?:(?P<last>{_alt(table["last"])})\s+)?
                    (?P<wd>{_alt(list(self.weekdays))}){e}""",
                    re.I | re.X,
                ),
                self._weekday,
            ),
            (
                re.compile(rf"{b}(?P<s>{_alt(list(self.seasons))}){e}{year_after}", re.I | re.X),
                self._season,
            ),
        ]

    # -- the flow -------------------------------------------------------------------

    def find(self, text: str, published: str | date | None) -> list[DateMatch]:
        """Every date expression in ``text`` resolved against ``published``, in text order."""
        p = reference_date(published)
        scan = normalise_apostrophes(text)
        # 1. candidates of every rule
        cands: list[_Cand] = []
        for rx, handle in self._rules:
            for m in rx.finditer(scan):
                c = handle(m, p)
                if c is not None:
                    cands.append(c)
        # 2. overlaps: the longest wins
        cands.sort(key=lambda c: (c.start - c.end, c.start))
        kept: list[_Cand] = []
        for c in cands:
            if all(c.end <= k.start or c.start >= k.end for k in kept):
                kept.append(c)
        kept.sort(key=lambda c: c.start)
        # a date after "since the start of" and a few words ("з початку повномасштабного
        # вторгнення 24 лютого 2022 року"): since that date
        if self._since_before is not None:
            for c in kept:
                cue = self._since_before.search(scan, max(0, c.start - _SINCE_REACH), c.start)
                if cue is not None and c.lo is not None and not c.relative:
                    c.start, c.since = cue.start(), True
            # "з початку повномасштабного вторгнення 24 лютого 2022 року": one date
            kept = [
                c
                for c in kept
                if not any(o is not c and o.start <= c.start and c.end < o.end for o in kept)
            ]
        # a night told by one word beside a day ("вночі 10 лютого", "10 февраля ночью") is
        # that day's night, not the last one before publication
        kept = [
            c
            for c in kept
            if not c.adverb
            or not any(
                o is not c
                and not o.relative
                and (o.month_day is not None or (o.lo is not None and o.lo[2] is not None))
                and _BESIDE.fullmatch(scan, min(c.end, o.end), max(c.start, o.start))
                for o in kept
            )
        ]
        # 3. open ends from the publication date; a day without its year takes the year
        # of the last date before it that states one with its month ("5 березня 2022 року
        # ... 7 березня": 2022), where that day is not after publication
        out = []
        stated: _PD | None = None  # the last date stated with its year and month
        # without a publication date, the year a day told without one is in: that of the
        # last date stated with a year, else the one year the text states if just one
        years = {c.hi[0] for c in kept if c.hi is not None and not c.relative}
        year: int | None = years.pop() if len(years) == 1 else None
        for c in kept:
            match = self._finish(text, c, p, stated, year if p is None else None)
            if match is not None:
                out.append(match)
            if c.hi is not None and not c.relative and c.month_day is None:
                year = c.hi[0]
                if c.hi[1] is not None:
                    stated = c.hi
        return out

    def _finish(
        self,
        text: str,
        c: _Cand,
        p: date | None,
        stated: _PD | None = None,
        year: int | None = None,
    ) -> DateMatch | None:
        lo, hi, relative, named = c.lo, c.hi, c.relative, c.named
        if c.month_day is not None:
            named = True
            month, d1, d2 = c.month_day
            last = d2 or d1
            y = _story_year(stated, month, last or 1, p)
            if y is None and p is None and year is not None:
                y = year  # no publication date: the year the text states
            if y is None:
                if p is None:
                    return None
                y = p.year if (month, last or 1) <= (p.month, p.day) else p.year - 1
            if not _valid(y, month, d1) or not _valid(y, month, last):
                return None
            lo, hi, relative = (y, month, d1), (y, month, last), True
            if c.night and d1 is not None and d2 is None:
                lo = _day(date(y, month, d1) - timedelta(days=1))
        if lo is None or hi is None:
            return None
        end: str | None = _iso(hi)
        if c.since:
            end = p.isoformat() if p else None
            relative = relative or p is not None
        return DateMatch(
            c.start, c.end, text[c.start : c.end], DateRange(_iso(lo), end), relative, named
        )

    # -- the rules ------------------------------------------------------------------

    def _day_month(self, m: re.Match[str], p: date | None) -> _Cand | None:
        month = self.months[m["mon"].lower()]
        d1 = int(re.match(r"\d+", m["d1"]).group())  # type: ignore[union-attr]
        d2 = int(re.match(r"\d+", m["d2"]).group()) if m["d2"] else None  # type: ignore[union-attr]
        if m["n1"]:  # "у ніч з 7 на 8 липня"
            d1, d2 = int(m["n1"]), d1
        if d2 is not None and d2 <= d1:
            return None
        night = bool(m["night"]) and not m["n1"]
        since = bool(m["from"]) and m["from"].lower() in self.since and d2 is None
        if m["y"]:
            y = int(m["y"])
            if not _valid(y, month, d1) or not _valid(y, month, d2 or d1):
                return None
            lo: _PD = (y, month, d1)
            if night:
                lo = _day(date(y, month, d1) - timedelta(days=1))
            return _Cand(m.start(), m.end(), lo, (y, month, d2 or d1), since=since)
        return _Cand(m.start(), m.end(), month_day=(month, d1, d2), since=since, night=night)

    def _day_month_range(self, m: re.Match[str], p: date | None) -> _Cand | None:
        """Two days of different months as one range, the year said once at its end ("з 24
        лютого по 30 березня 2022 року"), or at each end."""
        m1, m2 = self.months[m["mon1"].lower()], self.months[m["mon"].lower()]
        d1 = int(re.match(r"\d+", m["d1"]).group())  # type: ignore[union-attr]
        d2 = int(re.match(r"\d+", m["d2"]).group())  # type: ignore[union-attr]
        if m["y"]:
            y2 = int(m["y"])
        elif p is not None:
            y2 = p.year if (m2, d2) <= (p.month, p.day) else p.year - 1
        else:
            return None
        y1 = int(m["y1"]) if m["y1"] else (y2 if (m1, d1) <= (m2, d2) else y2 - 1)
        if not (_valid(y1, m1, d1) and _valid(y2, m2, d2)) or (y1, m1, d1) > (y2, m2, d2):
            return None
        return _Cand(m.start(), m.end(), (y1, m1, d1), (y2, m2, d2), relative=not m["y"])

    def _night_weekday(self, m: re.Match[str], p: date | None) -> _Cand | None:
        """The night before a weekday ("у ніч на неділю"): that day, the latest by the
        publication, and the day before it."""
        if p is None:
            return None
        back = (p.weekday() - self.weekdays[m["wd"].lower()]) % 7
        day = p - timedelta(days=back)
        return _Cand(m.start(), m.end(), _day(day - timedelta(days=1)), _day(day), relative=True)

    def _numeric(self, m: re.Match[str], p: date | None) -> _Cand | None:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if y < 100:  # "09.03.25": the century of publication, else this one
            y += (p.year // 100 * 100) if p is not None else 2000
        if not _valid(y, mo, d):
            return None
        return _Cand(m.start(), m.end(), (y, mo, d), (y, mo, d))

    def _day_month_numeric(self, m: re.Match[str], p: date | None) -> _Cand | None:
        """A day and month in digits with no year ("10.03"): its year as for "10 березня"."""
        if m["at"]:
            return None  # "о 10.30": a time of day
        mo, d = int(m["m"]), int(m["d"])
        if not _valid(2000, mo, d):  # 29.02 is valid in a leap year
            return None
        return _Cand(m.start("d"), m.end(), month_day=(mo, d, None))

    def _ago(self, m: re.Match[str], p: date | None) -> _Cand | None:
        """A number of days or weeks before publication ("три дні тому"): that day."""
        if p is None:
            return None
        n = m["n"]
        if not n and m["u"].lower() not in self.ago_alone:
            return None  # "кілька днів тому": how many, the text does not say
        count = 1 if not n else int(n) if n.isdigit() else self.ago_numbers[n.lower()]
        if not 0 < count <= 31:
            return None
        d = _day(p - timedelta(days=count * self.ago_units[m["u"].lower()]))
        return _Cand(m.start(), m.end(), d, d, relative=True)

    def _month(self, m: re.Match[str], p: date | None) -> _Cand | None:
        month = self.months[m["mon"].lower()]
        cue = (m["cue"] or "").lower()
        since = cue in self.since
        if m["y"]:
            y = int(m["y"])
            return _Cand(m.start(), m.end(), (y, month, None), (y, month, None), since=since)
        if not cue or p is None:
            return None  # a bare month name is not a date ("Травень" may be a name)
        y = p.year if month <= p.month else p.year - 1
        return _Cand(
            m.start(),
            m.end(),
            (y, month, None),
            (y, month, None),
            since=since,
            relative=True,
            named=True,
        )

    def _months(self, m: re.Match[str], p: date | None) -> _Cand | None:
        """Two months as one range: "у лютому та березні 2022 року", "з липня по вересень",
        "наприкінці лютого – на початку березня 2022 року"."""
        m1, m2 = self.months[m["mon"].lower()], self.months[m["mon2"].lower()]
        if m["y"]:
            y2 = int(m["y"])
        elif m["cue"] and p is not None:
            y2 = p.year if m2 <= p.month else p.year - 1
        else:
            return None
        y1 = y2 if m1 <= m2 else y2 - 1
        return _Cand(
            m.start(), m.end(), (y1, m1, None), (y2, m2, None), relative=not m["y"], named=True
        )

    def _year(self, m: re.Match[str], p: date | None) -> _Cand | None:
        cue = (m["cue"] or "").lower()
        if not (cue or m["yw"]):
            return None  # "2000 осіб" is a count, not a year
        y = int(m["y"])
        y2 = int(m["y2"]) if m["y2"] else y
        if not y <= y2 <= y + 50:
            return None
        return _Cand(m.start(), m.end(), (y, None, None), (y2, None, None), since=cue in self.since)

    def _since_event(self, m: re.Match[str], p: date | None) -> _Cand | None:
        """Since an event the pack knows the first day of ("з початку повномасштабного
        вторгнення": 24 February 2022), to publication."""
        day = self.since_events[" ".join(m["ev"].lower().split())]
        if p is not None and day > p:
            return None
        return _Cand(m.start(), m.end(), _day(day), _day(day), since=True)

    def _rel_day(self, m: re.Match[str], p: date | None) -> _Cand | None:
        if p is None:
            return None
        d = _day(p + timedelta(days=self.days[m["w"].lower()]))
        return _Cand(m.start(), m.end(), d, d, relative=True)

    def _period(self, m: re.Match[str], p: date | None) -> _Cand | None:
        if p is None:
            return None
        kind = self.periods[" ".join(m["w"].lower().split())]
        monday = p - timedelta(days=p.weekday())
        if kind == "last_week":
            lo, hi = _day(monday - timedelta(days=7)), _day(monday - timedelta(days=1))
        elif kind == "past_week":
            lo, hi = _day(p - timedelta(days=7)), _day(p)
        elif kind == "this_week":
            lo, hi = _day(monday), _day(p)
        elif kind == "last_month":
            y, mo = (p.year, p.month - 1) if p.month > 1 else (p.year - 1, 12)
            lo = hi = (y, mo, None)
        elif kind == "this_month":
            lo = hi = (p.year, p.month, None)
        elif kind == "last_year":
            lo = hi = (p.year - 1, None, None)
        elif kind == "this_year":
            lo = hi = (p.year, None, None)
        elif kind == "weekend":  # the last Saturday and Sunday begun by publication
            saturday = p - timedelta(days=(p.weekday() - 5) % 7)
            lo, hi = _day(saturday), _day(min(p, saturday + timedelta(days=1)))
        elif kind in ("past_day", "past_night"):
            lo, hi = _day(p - timedelta(days=1)), _day(p)
        else:
            return None
        adverb = kind == "past_night" and len(m.group().split()) == 1
        return _Cand(m.start(), m.end(), lo, hi, relative=True, adverb=adverb)

    def _weekday(self, m: re.Match[str], p: date | None) -> _Cand | None:
        if p is None or not (m["prep"] or m["last"]):
            return None
        back = (p.weekday() - self.weekdays[m["wd"].lower()]) % 7
        if m["last"] and back == 0:
            back = 7
        d = _day(p - timedelta(days=back))
        return _Cand(m.start(), m.end(), d, d, relative=True)

    def _season(self, m: re.Match[str], p: date | None) -> _Cand | None:
        word = m["s"].lower()
        season = self.seasons[word]
        first, last = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "winter": (12, 2)}[
            season
        ]
        if m["y"]:
            y = int(m["y"])
            relative = False
        elif word in self.adverb_seasons and p is not None:
            if season == "winter":  # the latest one begun by then, named by its January
                y = p.year + 1 if p.month == 12 else p.year
            else:
                y = p.year if first <= p.month else p.year - 1
            relative = True
        else:
            return None
        if season == "winter":  # "взимку 2023 року": the winter whose January is in 2023
            lo: _PD = (y - 1, 12, None)
            hi: _PD = (y, 2, None)
        else:
            lo, hi = (y, first, None), (y, last, None)
        return _Cand(m.start(), m.end(), lo, hi, relative=relative)
