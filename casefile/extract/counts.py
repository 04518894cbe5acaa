"""Victim counts: digits and number words, ranges, "at least", "more than".

A count mention's value is a :class:`Count`; its ``text`` names the role it was found
in (killed, injured, victims) through ``role_of``. "six unarmed POWs" is best 6;
"23 to 30" is low 23, high 30, best 30; "at least 32" is low and best 32.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import registry
from ..lang import get_pack
from ..model import Analysis, Count, Mention
from .base import BaseStage
from .types import concepts

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Hundreds and thousands in words: "two hundred", "nine thousand", "a thousand".
_WORD_SCALE = (
    r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:hundred|thousand))\b"
)
_SCALES = {"hundred": 100, "thousand": 1000}
_WORD = (
    rf"(?:{_WORD_SCALE}|(?:two|three|four|five|six|seven|eight|nine|ten) dozen"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|a dozen|dozens|hundreds|a hundred|one hundred)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d:.,]\d)"
_THOUSANDS = r"(?:\d{1,3}(?:\.\d)?\s+thousand)"  # "122 thousand", "1.5 thousand"
NUM = rf"(?:{_THOUSANDS}|{_DIGITS}|{_WORD})"

VICTIM_NOUN = (
    r"(?:people|persons|civilians?|residents|children|child|kids|women|men|POWs?|"
    r"prisoners(?: of war)?|"
    r"soldiers|servicem[ae]n|service ?members|troops|defenders|fighters|marines|bodies|corpses|"
    r"victims|villagers|passengers|patients|inhabitants|detainees|captives|hostages|"
    r"individuals|Ukrainians|Russians|teenagers|minors|boys|girls|adults|drone operators|"
    r"paratroopers|volunteers|participants|dead|killed|wounded|injured|of (?:them|whom)|"
    # people by their work or their plight ("nine farmers", "40 worshippers")
    r"farmers|peasants|workers|students|pupils|teachers|miners|herders|fishermen|worshippers|"
    r"mourners|shoppers|journalists|medics|doctors|nurses|refugees|migrants|displaced people|"
    r"inmates|family members|relatives|traders|vendors|drivers|guests|"
    r"sons|daughters|brothers|sisters|grandchildren|parents)"
)
# Up to four modifiers between the number and the noun: "16 captured Ukrainian", "six unarmed";
# never another figure ("in 2013 of 288 civilians": the year counts no one, the 288 does).
_MODS = r"(?:(?!\d)[\w'’-]+\s+){0,4}?"


def _q(name: str = "q") -> str:
    return (
        rf"(?P<{name}>at least|more than|over|nearly|almost|about|around|approximately|some|"
        r"up to|as many as|roughly|fewer than|less than)?\s*"
    )


_Q = _q()

COUNT_RX = re.compile(
    rf"(?<![\w#№-])(?:{_Q}(?:between\s+(?P<a>{NUM})\s+and\s+(?P<b>{NUM})"
    rf"|(?:from\s+)?(?P<c>{NUM})(?:\s*(?:to|or|–)\s*|(?<=\d)-(?=\d))(?P<d>{NUM})"
    rf"|(?P<n>{NUM})))"
    rf"(?P<tail>\s+{_MODS}{VICTIM_NOUN}\b"
    r"|\s+(?:were|have been|had been|was|are)\s+"
    r"(?:killed|dead|executed|shot|injured|wounded|murdered|tortured|deported))",
    re.I,
)
# "killing 53", "killed 12 people", "death toll rose to 56", "bringing the number ... to 51"
TOLL_RX = re.compile(
    r"(?:\b(?:killing|killed|executed|executing|shot|shooting|wounding|injuring|injured|wounded|"
    r"murdered|murdering|massacred|massacring)"
    # "killing 10 to 15 people", "killed 100-120": a range
    rf"\s+{_q('q1')}(?P<n>{NUM})(?:(?:\s*(?:to|–)\s*|(?<=\d)-(?=\d))(?P<n2>{NUM}))?\b"
    # "the death toll from Saturday's strike on <town> has risen to 21"
    r"|\b(?:(?:death toll|toll)(?:\s+(?:from|of|in)\s+[^.;:!?]{1,60}?)?|number of (?:the )?"
    r"(?:dead|victims|people killed|fatalities|those killed|killed)(?: [\w ]{0,40}?)?)"
    r"\s+(?:has |had )?"
    r"(?:risen|rose|rises|increased|increases|climbed|reached|stands|stood|is|was|grew|went up)"
    rf"(?: to| at)?\s+{_q('q2')}(?P<m>{NUM})\b"
    rf"|\bbringing the (?:death toll|number [\w ]{{0,40}}?|toll) to\s+{_q('q3')}(?P<k>{NUM})\b)",
    re.I,
)
# The words of a toll told as what it rose to (TOLL_RX): a later figure of the same act.
RISEN = re.compile(
    r"\b(?:risen|rose|rises|increased|increases|climbed|reached|grew|went up|bringing)\b", re.I
)
# The words before a figure of the whole some were taken from ("110 of its 1,200 residents").
_OF_WHOLE = re.compile(
    rf"(?<![\w#№-])(?P<part>{NUM})\s+of\s+(?:its|their|the|a|his|her)\s+(?:total\s+)?$", re.I
)
_AGE = re.compile(r"^\s*-?\s*(?:year|month|week|day)s?[- ]old", re.I)
_DURATION = re.compile(r"^\s*(?:year|month|week|day|hour|minute)s?\b(?![- ]old)", re.I)
KILLED_WORDS = re.compile(
    r"\b(?:kill\w*|dead|died|deaths?|death toll|toll|executed|executing|execution|shot|murder\w*|"
    r"bodies|"
    r"corpses|fatalit\w+|lives|perished|beheaded|of whom were killed)\b",
    re.I,
)
INJURED_WORDS = re.compile(r"\b(?:injur\w*|wound\w*|hurt|hospitali[sz]ed)\b", re.I)
KILLED_VERB_BEFORE = re.compile(
    r"\b(?:kill(?:ing|ed|s)?|shot|shooting|execut(?:ing|ed)|murder(?:ing|ed))\s+$", re.I
)
INJURED_VERB_BEFORE = re.compile(r"\b(?:injur(?:ing|ed|es)|wound(?:ing|ed|s))\s+$", re.I)


def number(text: str) -> int | None:
    """'six' -> 6, '1,200' -> 1200, 'twenty-one' -> 21, 'a dozen' -> 12."""
    t = text.lower().strip().replace("–", "-")
    if re.fullmatch(_DIGITS, t):
        return int(t.replace(",", ""))
    if re.fullmatch(_THOUSANDS, t):
        return round(float(t.split()[0]) * 1000)
    if t in _UNITS:
        return _UNITS[t]
    if t in ("a dozen",):
        return 12
    if t.endswith(" dozen") and t[: -len(" dozen")] in _UNITS:  # "two dozen": 24
        return _UNITS[t[: -len(" dozen")]] * 12
    scaled = re.fullmatch(r"(\w+)[- ](hundred|thousand)", t)
    if scaled:  # "nine thousand": 9000, "a hundred": 100
        n = 1 if scaled[1] == "a" else _UNITS.get(scaled[1]) or _TENS.get(scaled[1])
        return n * _SCALES[scaled[2]] if n else None
    if t in ("dozens", "hundreds"):
        return None
    m = re.fullmatch(r"(\w+)[- ](\w+)", t)
    if m and m[1] in _TENS and m[2] in _UNITS:
        return _TENS[m[1]] + _UNITS[m[2]]
    return _TENS.get(t)


def to_count(q: str | None, a: int | None, b: int | None) -> Count | None:
    """A Count from a qualifier and one number (a) or a range (a, b)."""
    if a is None:
        return None
    if b is not None:
        lo, hi = min(a, b), max(a, b)
        return Count(low=lo, best=hi, high=hi)
    q = (q or "").lower()
    if q in ("at least", "more than", "over", "as many as") or q.startswith("more"):
        return Count(low=a, best=a, high=None)
    if q in ("up to", "fewer than", "less than", "nearly", "almost"):
        return Count(low=None, best=a, high=a)
    return Count(best=a)


@dataclass(frozen=True)
class CountMatch:
    start: int
    end: int
    text: str
    count: Count
    role: str  # killed | injured | victims | subset (some of those just counted: "including two")


def role_of(window: str) -> str:
    if KILLED_WORDS.search(window):
        return "killed"
    if INJURED_WORDS.search(window):
        return "injured"
    return "victims"


# A count of some of those just counted: ", including three children," "(among them two boys)".
SUBSET_BEFORE = re.compile(
    r"(?:\bincluding|\bamong them|\bof whom|\bamong whom|\bof them)\s*"
    # the next ones of a list of them: "including seven women and 12 children"
    rf"(?:(?:{NUM}|an?)\s+(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+(?:\s*,\s*(?:and\s+)?|\s+and\s+))*$",
    re.I,
)
SUBSET_AFTER = re.compile(
    r"^\s*[,(]\s*(?:including|among them|of whom|among whom)\b[^,()]*[,)]", re.I
)


# A count of some of those just counted, told as a part of them: "twelve died, five of them
# children", "three of whom were women" (where the words after it name no role of its own).
SUBSET_OF = re.compile(rf"\W*(?:{NUM})\s+of\s+(?:them|whom)\b", re.I)


def _role_around(text: str, m: re.Match[str]) -> str:
    """The role named after the number ("30 dead"), past a count of some of them (", including
    three children,"), else the nearest one before it; a count of some of those just
    counted is a ``subset``, no toll of its own."""
    if SUBSET_BEFORE.search(text[max(0, m.start() - 80) : m.start()]):
        return "subset"
    part = SUBSET_OF.match(text, m.start())
    if part and role_of(text[part.end() : part.end() + 30]) == "victims":
        return "subset"  # not "58 were rescued, 51 of whom were killed": the toll itself
    # the verb right before a count is its role ("killing a woman and injuring nine")
    right_before = text[max(0, m.start() - 16) : m.start()]
    for verb, role in ((KILLED_VERB_BEFORE, "killed"), (INJURED_VERB_BEFORE, "injured")):
        if verb.search(right_before):
            return role
    tail = text[m.end() :]
    aside = SUBSET_AFTER.match(tail)
    after = role_of(m.group() + tail[aside.end() if aside else 0 :][:30])
    if after != "victims":
        return after
    before = text[max(0, m.start() - 60) : m.start()]
    kills = [k.end() for k in KILLED_WORDS.finditer(before)]
    hurts = [h.end() for h in INJURED_WORDS.finditer(before)]
    # people taken or held after the killing ("killed 40 and arrested 2,000"): not the killed
    took = max((b for _, b in concepts().find("taking", "en", before)), default=-1)
    if (kills or hurts) and took < max(kills + hurts):
        return "killed" if max(kills, default=-1) > max(hurts, default=-1) else "injured"
    return "victims"


# One named victim: "a 53-year-old woman died", "a captured Ukrainian soldier was shot".
SINGLE_RX = re.compile(
    r"\b(?:a|an|one)\s+(?:[\w'’-]+\s+){0,3}?(?:woman|man|girl|boy|child|civilian|soldier|"
    r"prisoner(?: of war)?|POW|serviceman|servicewoman|resident|priest|journalist|reporter|mayor|"
    r"person|teenager|pensioner|volunteer|medic|doctor|nurse|judge|magistrate|lawyer|senator|"
    r"councillor|councilor|councilman|congressman|deputy|diplomat|businessman|businesswoman|"
    r"merchant|trader|engineer|teacher|student|farmer|peasant|driver|policeman|guard|worker|"
    r"official|leader|activist|candidate|politician|"
    # one of a family ("a mother and her three children")
    r"mother|father|wife|husband|son|daughter|brother|sister|grandmother|grandfather)\b",
    re.I,
)


# A family by its size: "a family of five", "an entire family of seven".
FAMILY_RX = re.compile(rf"\b(?:a|an|one)\s+(?:[\w'’-]+\s+)?family\s+of\s+(?P<n>{NUM})\b", re.I)


ACTS_NEXT = re.compile(
    r"^\s+(?:of [\w\s]{0,30}?\s)?(?:who\s+)?"
    r"(?:shoot|shot|shooting|kill|killed|killing|execut\w*|fir\w+|beat\w*|"
    r"tortur\w+|castrat\w+|cut|behead\w*|ordered|opened fire)\b",
    re.I,
)


_MAY_HOLD = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|thirty|forty|fifty|hundred)",
    re.I,
)


def may_hold_counts(text: str) -> bool:
    """Whether an English sentence has a digit or a number word (a cheap test first)."""
    return bool(_MAY_HOLD.search(text) or SINGLE_RX.search(text))


def find_counts(text: str) -> list[CountMatch]:
    out: list[CountMatch] = []
    taken: list[tuple[int, int]] = []
    for m in TOLL_RX.finditer(text):
        raw = m.group("n") or m.group("m") or m.group("k")
        n = number(raw)
        if n is None or _AGE.match(text[m.end() : m.end() + 12]):
            continue
        q = m.group("q1") or m.group("q2") or m.group("q3")
        high = number(m.group("n2")) if m.group("n2") else None
        count = to_count(q, n, high if high is not None and high > n else None)
        if count:
            role = "injured" if INJURED_WORDS.match(m.group().split()[0]) else "killed"
            out.append(CountMatch(m.start(), m.end(), m.group(), count, role))
            taken.append((m.start(), m.end()))
    for m in FAMILY_RX.finditer(text):
        n = number(m.group("n"))
        if n is not None and not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(
                CountMatch(m.start(), m.end(), m.group(), Count(best=n), _role_around(text, m))
            )
            taken.append((m.start(), m.end()))
    for m in COUNT_RX.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if m.group("a"):
            a, b = number(m.group("a")), number(m.group("b"))
        elif m.group("c"):
            a, b = number(m.group("c")), number(m.group("d"))
            if m.group("d") and (a is not None and b is not None and b <= a and "-" in m.group()):
                a, b = a, None  # "5-3" is not a range
        else:
            a, b = number(m.group("n")), None
        if a is None:
            continue
        num_end = m.start("tail")
        if _AGE.match(text[num_end : num_end + 12]) or _AGE.match(m.group("tail")):
            continue
        if _DURATION.match(text[num_end : num_end + 12]):
            continue  # "ten years for killing": a sentence or a span of time
        whole = _OF_WHOLE.search(text, max(0, m.start() - 40), m.start())
        if whole:
            # "110 of its 1,200 residents": the whole the victims were part of; "three of
            # the 12 hostages were killed": the part is the count, where nothing else gave it
            part = number(whole.group("part"))
            if part is not None and not any(
                a < m.end() and whole.start() < b
                for a, b in taken + [(c.start, c.end) for c in out]
            ):
                role = _role_around(text, m)
                out.append(
                    CountMatch(
                        whole.start(),
                        m.end(),
                        text[whole.start() : m.end()],
                        Count(best=part),
                        role,
                    )
                )
            continue
        # years are not counts unless clearly of people ("2022 people" is rare)
        if (
            b is None
            and 1900 <= a <= 2100
            and not re.match(r"\s+(?:people|civilians)", m.group("tail"))
        ):
            continue
        count = to_count(m.group("q"), a, b)
        if count is None:
            continue
        out.append(CountMatch(m.start(), m.end(), m.group(), count, _role_around(text, m)))
    for m in SINGLE_RX.finditer(text):
        if ACTS_NEXT.match(text[m.end() : m.end() + 40]):
            continue  # "a soldier shooting six POWs": the one is the gunman
        if not any(
            a < m.end() and m.start() < b for a, b in taken + [(c.start, c.end) for c in out]
        ):
            out.append(
                CountMatch(m.start(), m.end(), m.group(), Count(best=1), _role_around(text, m))
            )
    out.sort(key=lambda c: c.start)
    return _shared_roles(text, out)


# Figures joined by "and" ("a man and a woman were killed"): one clause's victims.
_AND_BETWEEN = re.compile(r"\s*,?\s*and\s*", re.I)


def _shared_roles(text: str, counts: list[CountMatch]) -> list[CountMatch]:
    """A figure of no role of its own joined by "and" to the next, which has one ("a
    63-year-old man and a woman of 78 were killed"), takes that role: one clause's victims."""
    out = list(counts)
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        joined = _AND_BETWEEN.fullmatch(text[a.end : b.start])
        if joined and a.role == "victims" and b.role in ("killed", "injured"):
            out[k] = CountMatch(a.start, a.end, a.text, a.count, b.role)
    return out


@registry.stages.register("casefile.counts.v11")
class Counts(BaseStage):
    """Find numbers of victims with their role, by the document's language pack."""

    name = "casefile.counts.v11"
    requires = ("sentences", "mentions.date", "mentions.unit")
    assigns = ("mentions.count",)

    def __call__(self, analysis: Analysis) -> None:
        skip = [(m.start, m.end) for m in analysis.mentions if m.kind == "date"]
        # "76-ї дивізії": the number of a unit counts no one
        skip += [(m.start, m.end) for m in analysis.mentions if m.kind == "unit"]
        for i, s in enumerate(analysis.sentences):
            pack = get_pack(analysis.language_of(i))  # the counts of the sentence's language
            for c in pack.victim_counts(s.text):
                at = s.start + c.start + len(c.text) - len(c.text.lstrip())
                if any(a <= at < b for a, b in skip):
                    continue  # "February 19 showing two soldiers": the 19 is a day
                analysis.mentions.append(
                    Mention("count", s.start + c.start, s.start + c.end, c.text, c, i)
                )
