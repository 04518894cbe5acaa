"""Do two incident-like records tell of one act? Small named features, each explaining its share.

Shared by fusion (:mod:`casefile.fuse`: incidents of different documents into cases) and by
extraction (event mentions of one document into incidents). It reads only
:class:`~casefile.model.Incident` objects and what a caller knows around them, and imports
nothing from the store or from fusion.

API::

    from casefile.compare import Side, compare, FEATURES, Weights

    a = Side(incident_a, published="2024-03-02", text="...the passage...")
    b = Side(incident_b, published="2024-03-05", text="...")
    result = compare(a, b)              # a Comparison
    result.score                        # the weighted sum, > 0 leans "one act"
    result.contributions                # {"date": 1.5, "place": 2.0, "type": 0.5, ...}
    result.conflict                     # the hard conflicts found ("dates", "places", ...)

Each feature (:data:`FEATURES`) is a function ``(a: Side, b: Side) -> float`` in -1 .. 1:
positive where the two agree in a way that is rare by chance, negative where they disagree,
0 where nothing is known. Weights are data (:class:`Weights`, a mapping from feature name
to weight), so a caller can fit its own. A feature may also name a *hard* conflict (two
day-precise dates that differ, two towns far apart, a prisoner of war and a civilian): the
caller decides what a conflict means (fusion treats it as "never in one case").

Choices, stated once:

1. Dates are partial ISO (``2024``, ``2024-08``, ``2024-08-17``), each end read as the
   whole period it names; two dates agree as much as the narrower is precise. A record with
   no date happened on or before its ``published`` date, usually within days of it.
2. Places agree within a tolerance set by the coarser precision (a settlement 20 km, a
   district 50, an oblast 250, a country 1,000): an oblast and a town in it are compatible,
   not evidence; two towns 40 km apart are two places.
3. A growing toll is compatible: a later report may give a higher figure, not a much lower one.
4. Perpetrator names compare across scripts and spellings (:mod:`casefile.resolve.names`);
   a force named in nearly every report ("Russian forces") says little.
5. Contrast cues ("another", "a second strike", "separately") are data (``Side.contrast``,
   the caller's per-language list), never hard-wired to English.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from casefile.model import Incident, Place
from casefile.resolve.names import name_tokens, same_person, spelling

__all__ = [
    "FEATURES",
    "WEIGHTS",
    "Comparison",
    "Feature",
    "Side",
    "Weights",
    "compare",
    "day_range",
    "place_km",
    "tolerance_km",
]

Weights = Mapping[str, float]


@dataclass(slots=True)  # a million of them in one fusion run: no __dict__ each
class Side:
    """One record to compare and what its caller knows around it.

    ``published``: the reporting document's date (the latest the act can have happened);
    ``text``: the passage that tells of it (for text similarity and contrast cues);
    ``contrast``: words that, in this text's language, say the act is another one;
    ``common``: perpetrator names too common to count as shared evidence (lower case).
    """

    incident: Incident
    published: str | None = None
    text: str = ""
    contrast: Sequence[str] = ()
    common: frozenset[str] = frozenset()
    _words: frozenset[str] | None = field(default=None, repr=False, compare=False)

    @property
    def words(self) -> frozenset[str]:
        """The passage's and summary's content words, in Latin letters, folded."""
        if self._words is None:
            self._words = frozenset(_content_words(self.incident.summary + " " + self.text))
        return self._words


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@lru_cache(maxsize=65536)
def _bound(value: str, first: bool) -> int | None:
    """A partial ISO date's first (or last) day, as a proleptic ordinal."""
    m = _ISO.match(value or "")
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            return date(y, int(mo), int(d)).toordinal()
        if mo:
            start = date(y, int(mo), 1)
            if first:
                return start.toordinal()
            nxt = date(y + (start.month == 12), start.month % 12 + 1, 1)
            return (nxt - timedelta(days=1)).toordinal()
        return date(y, 1, 1).toordinal() if first else date(y, 12, 31).toordinal()
    except ValueError:
        return None


def day_range(incident: Incident) -> tuple[int, int] | None:
    """The incident's date as ``(first day, last day)`` ordinals, or None where undated."""
    d = incident.date
    if d is None:
        return None
    lo = _bound(d.start or d.end or "", True)
    hi = _bound(d.end or d.start or "", False)
    if lo is None or hi is None:
        return None
    return (lo, hi) if lo <= hi else (hi, lo)


def _published(side: Side) -> int | None:
    return _bound(side.published, False) if side.published else None


# How far before its report an undated act usually lies, in days: "yesterday's strike".
RECENT_DAYS = 3
# Beyond this gap, two day-precise dates are two acts whatever else agrees.
DATE_SLACK_DAYS = 0


def date_fit(a: Side, b: Side) -> float:
    """How the dates agree, judged by their precision.

    Both dated: 1 when both name the same day; the share of the wider period the narrower
    covers where they overlap (a month and a day in it: a little); -1 where they do not
    overlap. One undated: its report's date bounds it: +0.6 when the other's date lies in the
    few days before that report, -1 when it lies after it. Both undated: reports published
    within a day +0.4, a week 0.1, farther apart -0.4.
    """
    ra, rb = day_range(a.incident), day_range(b.incident)
    if ra and rb:
        lo, hi = max(ra[0], rb[0]), min(ra[1], rb[1])
        if hi < lo:
            return -1.0
        wide = max(ra[1] - ra[0], rb[1] - rb[0]) + 1
        return (hi - lo + 1) / wide
    if ra or rb:
        dated, other = (ra, b) if ra else (rb, a)
        assert dated is not None
        pub = _published(other)
        if pub is None:
            return 0.0
        if dated[0] > pub + 1:
            return -1.0
        if dated[1] >= pub - RECENT_DAYS:
            return 0.6 if dated[1] - dated[0] < 2 else 0.2
        return 0.0 if dated[1] >= pub - 30 else -0.3
    pa, pb = _published(a), _published(b)
    if pa is None or pb is None:
        return 0.0
    gap = abs(pa - pb)
    return 0.4 if gap <= 1 else 0.1 if gap <= 7 else -0.4


def date_conflict(a: Side, b: Side) -> bool:
    """Two dates that cannot be one act: both day-precise and days apart, or disjoint periods."""
    ra, rb = day_range(a.incident), day_range(b.incident)
    if not ra or not rb:
        return False
    return min(ra[1], rb[1]) + DATE_SLACK_DAYS < max(ra[0], rb[0])


# ---------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------

# The distance within which two places of a precision can be one, in km (the coarser counts).
TOLERANCE_KM = {"settlement": 20.0, "district": 50.0, "admin1": 250.0, "country": 1000.0}
_PRECISION_RANK = {"settlement": 0, "district": 1, "admin1": 2, "country": 3}


def tolerance_km(p: Place, q: Place) -> float:
    """The distance two places may lie apart and still be one, by the coarser's precision."""
    return max(
        TOLERANCE_KM.get(p.precision or "settlement", 20.0),
        TOLERANCE_KM.get(q.precision or "settlement", 20.0),
    )


def place_km(p: Place, q: Place) -> float | None:
    """Great-circle distance in km, None where either lacks coordinates."""
    if p.lat is None or p.lon is None or q.lat is None or q.lon is None:
        return None
    la1, lo1, la2, lo2 = map(math.radians, (p.lat, p.lon, q.lat, q.lon))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _coarse(p: Place) -> bool:
    return _PRECISION_RANK.get(p.precision or "settlement", 0) >= 2


def place_fit(a: Side, b: Side) -> float:
    """How the places agree, judged by their precision.

    Two settlements (or districts) within tolerance: 1 on top of each other, falling to 0.5
    at the tolerance; one of them an oblast or a country around the other: 0.1 (compatible,
    not evidence); both as coarse and the same: 0.3. Beyond tolerance: -1. Without
    coordinates the names decide: the same name 1, else 0.
    """
    p, q = a.incident.place, b.incident.place
    if p is None or q is None:
        return 0.0
    km = place_km(p, q)
    if km is None:
        return 1.0 if _place_key(p.name) == _place_key(q.name) else 0.0
    tol = tolerance_km(p, q)
    if km > tol:
        return -1.0
    if _coarse(p) or _coarse(q):
        return 0.3 if (p.precision == q.precision and km < tol / 4) else 0.1
    return 1.0 - 0.5 * km / tol


def place_conflict(a: Side, b: Side) -> bool:
    """Two places farther apart than their precisions allow."""
    p, q = a.incident.place, b.incident.place
    if p is None or q is None:
        return False
    km = place_km(p, q)
    return km is not None and km > tolerance_km(p, q)


@lru_cache(maxsize=65536)
def _place_key(name: str) -> str:
    return " ".join(spelling(w) for w in name_tokens(name))


# ---------------------------------------------------------------------------
# Type, victims, counts, perpetrators
# ---------------------------------------------------------------------------

# Pairs of types one act is often given by different reports (data, both orders meant).
RELATED_TYPES: dict[frozenset[str], float] = {
    frozenset({"execution_of_pows", "killing_of_civilians"}): 0.0,
    frozenset({"execution_of_pows", "other_violation"}): 0.0,
    frozenset({"execution_of_pows", "torture"}): 0.0,
    frozenset({"killing_of_civilians", "attack_on_civilians"}): 0.0,
    frozenset({"killing_of_civilians", "torture"}): 0.0,
    frozenset({"torture", "unlawful_detention"}): 0.0,
    frozenset({"unlawful_detention", "deportation"}): 0.0,
    frozenset({"sexual_violence", "torture"}): 0.0,
}


def type_fit(a: Side, b: Side) -> float:
    """1 for the same type; a related pair (``RELATED_TYPES``) its value; else -1."""
    ta, tb = a.incident.type, b.incident.type
    if ta == tb:
        return 1.0
    return RELATED_TYPES.get(frozenset({ta, tb}), -1.0)


def victims_fit(a: Side, b: Side) -> float:
    """1 for the same known victim category, -1 for two different known ones, else 0."""
    ca, cb = a.incident.victim_category, b.incident.victim_category
    if "unknown" in (ca, cb) or not ca or not cb:
        return 0.0
    return 1.0 if ca == cb else -1.0


def _figures(i: Incident) -> tuple[int, int] | None:
    c = i.count
    if c is None:
        return None
    vals = [v for v in (c.low, c.best, c.high) if v is not None]
    return (min(vals), max(vals)) if vals else None


def count_fit(a: Side, b: Side) -> float:
    """How the victim counts agree, a growing toll allowed.

    Overlapping ranges: 1. The later report higher: compatible, the closer the better (0 ..
    0.5). The later report much lower (under half): -0.5. Unknown order, far apart: -0.3.
    """
    fa, fb = _figures(a.incident), _figures(b.incident)
    if not fa or not fb:
        return 0.0
    if fa[0] <= fb[1] and fb[0] <= fa[1]:
        return 1.0
    pa, pb = _published(a), _published(b)
    low, high = (fa, fb) if fa[1] < fb[0] else (fb, fa)
    ratio = (low[1] + 1) / (high[0] + 1)
    later_is_higher = None
    if pa is not None and pb is not None and pa != pb:
        later_is_higher = (high is fb) == (pb > pa)
    if later_is_higher:
        return 0.5 * ratio
    if later_is_higher is False:
        return -0.5 if ratio < 0.5 else 0.0
    return 0.3 * ratio if ratio >= 0.5 else -0.3


def perp_names(side: Side) -> list[str]:
    """The perpetrators that can tell acts apart: not a whole force ("Russian forces", kind
    ``force``) nor a name in ``side.common``."""
    return [
        p.name
        for p in side.incident.perpetrators
        if p.kind != "force" and p.name.casefold() not in side.common
    ]


def perpetrators_fit(a: Side, b: Side) -> float:
    """1 where both name a perpetrator in common (across spellings and scripts); -0.5 where
    both name specific ones (beyond the common forces) and none is shared; else 0."""
    na, nb = perp_names(a), perp_names(b)
    if not na or not nb:
        return 0.0
    if any(same_name(x, y) for x in na for y in nb):
        return 1.0
    return -0.5


@lru_cache(maxsize=65536)
def same_name(x: str, y: str) -> bool:
    """Two perpetrator names that are one: the same spelling folded, or the same person."""
    kx, ky = _place_key(x), _place_key(y)
    return kx == ky or same_person(x, y)


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]{4,}|\d+", re.UNICODE)


def _content_words(text: str) -> list[str]:
    return [spelling(w)[:7] for w in name_tokens(" ".join(_WORD.findall(text)))] + [
        n for n in re.findall(r"\d+", text) if len(n) <= 4
    ]


def text_fit(a: Side, b: Side) -> float:
    """Overlap of the passages' content words (transliterated, folded, cut to a stem):
    the Jaccard index scaled so that a third in common counts fully."""
    wa, wb = a.words, b.words
    if not wa or not wb:
        return 0.0
    return min(1.0, 3.0 * len(wa & wb) / len(wa | wb))


def contrast(a: Side, b: Side) -> float:
    """-1 where either passage says its act is another one ("another", "a second strike")."""
    for side in (a, b):
        text = side.text.casefold()
        if any(_has_cue(text, cue) for cue in side.contrast):
            return -1.0
    return 0.0


def _has_cue(text: str, cue: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(cue.casefold()) + r"(?!\w)", text) is not None


# ---------------------------------------------------------------------------
# The match
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Feature:
    name: str
    func: Callable[[Side, Side], float]
    conflict: Callable[[Side, Side], bool] | None = None


def _victim_conflict(a: Side, b: Side) -> bool:
    return victims_fit(a, b) < 0


FEATURES: tuple[Feature, ...] = (
    Feature("date", date_fit, date_conflict),
    Feature("place", place_fit, place_conflict),
    Feature("type", type_fit),
    Feature("victims", victims_fit, _victim_conflict),
    Feature("count", count_fit),
    Feature("perpetrators", perpetrators_fit),
    Feature("text", text_fit),
    Feature("contrast", contrast),
)

# Default weights, chosen by leave-one-group-out cross-validation over the fusion gold
# documents (bench/fuse_cv.py); ``BIAS`` is added to every score, so 0 is the line.
WEIGHTS: dict[str, float] = {
    "bias": -2.0,
    "date": 2.0,
    "place": 2.0,
    "type": 1.0,
    "victims": 0.5,
    "count": 0.5,
    "perpetrators": 0.5,
    "text": 1.0,
    "contrast": 0.5,
}


@dataclass
class Comparison:
    """The score of a pair, each feature's weighted contribution, and its hard conflicts."""

    score: float
    contributions: dict[str, float]
    conflicts: list[str]

    @property
    def conflict(self) -> bool:
        return bool(self.conflicts)


def compare(
    a: Side,
    b: Side,
    weights: Weights = WEIGHTS,
    features: Iterable[Feature] = FEATURES,
) -> Comparison:
    """Score whether ``a`` and ``b`` tell of one act; > 0 leans yes."""
    parts: dict[str, float] = {}
    conflicts: list[str] = []
    for f in features:
        w = weights.get(f.name, 0.0)
        if w:
            parts[f.name] = round(w * f.func(a, b), 4)
        if f.conflict is not None and f.conflict(a, b):
            conflicts.append(f.name)
    bias = weights.get("bias", 0.0)
    if bias:
        parts["bias"] = bias
    return Comparison(sum(parts.values()), parts, conflicts)
