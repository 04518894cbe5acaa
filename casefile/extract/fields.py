"""Field helpers of an incident that read only mentions: summary, counts, evidence, who
says so. The assembler (assemble.py) fills each incident's fields with them."""

from __future__ import annotations

import re

from ..lang import get_pack
from ..model import Analysis, Count, Mention
from ..vocab import EVIDENCE
from .dates import DateMatch

# A place name followed by one of these names an institution ("Donetsk regional police",
# "Kharkiv Oblast Prosecutor's Office", "Kyiv Independent"), not where something happened.
NOT_A_PLACE_AFTER = re.compile(
    r"^(?:['’]s)?[ \t]*"  # right after the name: "Kharkiv's police", not "Bucha, the police"
    r"(?:(?:regional|Regional|Oblast|oblast|city|City|district|District|State|state)\s+)?"
    r"(?:\w+\s+)?"
    r"(?:[Pp]olice|[Pp]rosecutor\w*|[Aa]dministration|[Cc]ouncil|[Gg]overnor|"
    r"[Mm]ilitary [Aa]dministration|"
    r"RMA|OVA|[Ss]tate [Ee]mergency|[Dd]epartment|[Cc]ourt|[Aa]uthorities|[Oo]fficials|[Mm]ayor|"
    r"Independent|Post|Times|Pravda|Herald|Observer|"
    # an armed group's name ("Rapid ..."), a criminal one named after its city ("the Cali Cartel")
    r"Forces|Army|Front|Militias?|Brigades?|Movement|[Cc]artel)\b"
)
# A capital or country that speaks is its government, not a place: "according to Kyiv",
# "Moscow said", "Kyiv has denied".
# Before a capital, a region or a country: who speaks ("according to Kyiv") or whom one
# side accuses ("Moscow accused Kyiv of ...", "blamed Kyiv for"): a government, not where.
SPEAKS_BEFORE = re.compile(
    r"\b(?:according to|accus(?:ed|es|ing)|blam(?:ed|es|ing))\s+(?:the\s+)?$", re.I
)
SPEAKS_AFTER = re.compile(
    r"^\s+(?:has\s+|have\s+|had\s+|later\s+|also\s+)?"
    r"(?:said|says|claimed|claims|denied|denies|accused|accuses|blamed|blames|insisted|"
    r"insists|announced|reported|responded|warned|alleged|rejected|dismissed)\b"
)
# "since 2022", "as of May": the span of a tally, not the date of an act.
SPAN_CUE = re.compile(r"(?:since|until|till|as of|by the end of|through(?:out)?)\b", re.I)
# Names of administrative areas, as opposed to settlements.
ADMIN_NAME = re.compile(r"\b(?:Raion|Oblast|district|region|Krai|Republic)\b", re.I)
MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b\.?", re.I)


def explicit(d: DateMatch) -> bool:
    """A date the text states (with its year, or a named month: "on April 19"), not one
    only reckoned from publication ("today", "40 days ago", "last night")."""
    # a language pack's date says itself whether it names the month (``named``)
    return not d.relative or bool(MONTH.search(d.text)) or bool(getattr(d, "named", False))


def summary(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 240 else text[:237].rsplit(" ", 1)[0] + "..."


def combine_counts(counts: list[Count]) -> Count:
    """Several figures for one act: keep them side by side as low/best/high."""
    if len(counts) == 1:
        return counts[0]
    bests = [c.best for c in counts if c.best is not None]
    lows = [c.low for c in counts if c.low is not None] + bests
    highs = [c.high for c in counts if c.high is not None] + bests
    if len(set(bests)) <= 1:
        return counts[-1]
    return Count(low=min(lows), best=max(bests), high=max(highs))


def _window(analysis: Analysis, idx: list[int], told: set[int]) -> list[int]:
    """The act's sentences and the next one, where that tells no other act."""
    out = list(idx)
    nxt = idx[-1] + 1
    if nxt < len(analysis.sentences) and nxt not in told:
        out.append(nxt)
    return out


def evidence(analysis: Analysis, idx: list[int], told: set[int]) -> list[str]:
    """The material the act's sentences (and the next one) say exists."""
    ms = [m for i in _window(analysis, idx, told) for m in analysis.mentions_of("evidence", i)]
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


# Sources that the NER misses: "regional police said", "according to prosecutors".
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


_LEAD = 2  # a source line among the first three sentences names the whole report's source


def attribution(analysis: Analysis, idx: list[int], told: set[int]) -> list[str]:
    """Who the account comes from, outermost first: the people and bodies the act's
    sentences (and the next one) quote, "according to", "said", "citing"."""
    window = _window(analysis, idx, told)
    pack = get_pack(analysis.document.language)
    # a line that names the sources ("Про це повідомили ...", "Джерело: ..."; none for
    # English, whose pack lists no such lines) right after the act, or right after the
    # lead, where it names the sources of the whole report
    window += [
        j
        for j in range(1, min(len(analysis.sentences), idx[-1] + 2))
        if j not in window
        and (j - 1 in idx or j <= _LEAD)
        and pack.source_line(analysis.sentences[j].text)
    ]
    taken = [
        (m.start, m.end)
        for i in window
        for m in analysis.mentions_of("unit", i) + analysis.mentions_of("actor", i)
    ]
    out: list[str] = []
    for i in window:
        s = analysis.sentences[i]
        named = analysis.mentions_of("org", i) + analysis.mentions_of("person", i)
        for sm in SOURCE_PHRASE.finditer(s.text):
            g = 1 if sm.group(1) else 2
            named.append(
                Mention("org", s.start + sm.start(g), s.start + sm.end(g), sm.group(g), None, i)
            )
        for m in sorted(named, key=lambda m: m.start):
            if any(a < m.end and m.start < b for a, b in taken):
                continue  # a unit or force named as the culprit ("the <unit>" too)
            if TITLE_ONLY.fullmatch(m.text):
                continue  # "Dnipropetrovsk Oblast Governor" before the governor's name
            if not pack.reports_about(s.text, m.start - s.start, m.end - s.start):
                continue  # English: lx.REPORTING_VERB within 30 characters
            english = getattr(m.value, "name", None)  # a language pack's English name
            name = english or _full_name(analysis, _clean_name(m.text))
            if name and name not in out and not any(name in o or o in name for o in out):
                out.append(name)
    return out


def _clean_name(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name).strip(" ,.;:\"'")


def _full_name(analysis: Analysis, name: str) -> str:
    """A surname as the document names the person in full ("Kostin": "Andrii Kostin")."""
    if " " in name:
        return name
    for m in analysis.mentions_of("person"):
        if m.text.endswith(" " + name):
            return m.text
    return name
