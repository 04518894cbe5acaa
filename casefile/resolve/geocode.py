"""Toponym resolution: a place name, read in its context, to a :class:`~casefile.model.Place`.

Each candidate from the gazetteer gets a score: a declarative list of small named
features (:data:`FEATURES`), each a function with a docstring and a weight, so a
ranking explains itself (:func:`rank` returns every feature's contribution). The
features read, in order of strength:

1. an explicit qualifier in the text: "Robotyne, Zaporizhzhia Oblast",
   "Alexandria, La.", "Sudzha (Kursk region)", "Andriivka in the Bakhmut district";
2. the other places of the same document (near them, in the same admin1 or
   country): :func:`geocode_all` resolves a document's toponyms together;
3. a country hint (reports about the war: UA or RU);
4. priors: population, what kind of place it is (a bare country or state name is
   usually the area itself), how well the name matched.

A name followed in the text by "Oblast", "region", "Raion", "County" ... is the area:
"Kursk" in "Kursk Oblast" is the oblast, "Kursk" alone the city. Where the
gazetteer lacks a name but the text qualifies it ("Novoselivka, Polohy district"),
the place gets the qualifier's coordinates and precision and keeps its own name.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz

from casefile.knowledge.gazetteer import (
    ADMIN,
    ADMIN1,
    ADMIN2,
    ADMIN_SUFFIXES,
    Candidate,
    Gazetteer,
    fold,
    name_key,
)
from casefile.model import Place

Span = tuple[int, int]


# ---------------------------------------------------------------------------
# What the text says around a mention
# ---------------------------------------------------------------------------


@dataclass
class Mention:
    """One toponym to resolve, with what its context says about it."""

    name: str
    span: Span | None = None
    level: str | None = None  # "admin1"/"admin2"/"admin" where a suffix word follows it
    qualifiers: list[list[Candidate]] = field(default_factory=list)  # areas named with it
    # settlements it is said to lie a direction from ("Stepove, northwest of Avdiivka")
    landmarks: list[list[Candidate]] = field(default_factory=list)
    # areas the caller read beside it (an inflected "с. X Y-ського району"): its place lies
    # in them, or the gazetteer lacks it (``geocode_all``'s ``areas``)
    stated: list[list[Candidate]] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


_SUFFIX_AFTER = re.compile(
    r"\s+(" + "|".join(sorted(ADMIN_SUFFIXES, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# A capitalised phrase of up to five words ("Zaporizhzhia Oblast", "La.", "N.Y.").
_PHRASE = (
    r"[A-Z\u0400-\u042f][\w’'.\-]*(?:\s+(?:of\s+)?[A-Z\u0400-\u042f][\w’'.\-]*){0,4}"
    r"(?:\s+(?i:oblast|region|raion|rayon|district|county|province|governorate|krai|parish))?"
)
_AFTER_COMMA = re.compile(r"\s*,\s*(?:the\s+)?(" + _PHRASE + ")")
_IN_PARENS = re.compile(r"\s*\(\s*(?:the\s+)?(" + _PHRASE + r")[^)]{0,40}\)")
_AFTER_IN = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?(" + _PHRASE + ")")
_QUALIFIER_CODES = frozenset({"PCLI", "ADM1", "ADM2", "RGN"})
# A direction from a settlement right after a name (", northwest of Y", " (12 km south of
# Y)"): the place lies near Y.
_BEARING = re.compile(
    r"\s*[,(]?\s*(?:about\s+|some\s+|just\s+)?(?:\d+(?:[.,]\d+)?\s*(?:km|kilometres|"
    r"kilometers|miles)\s+)?(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of\s+"
    r"(?:the\s+)?(" + _PHRASE + ")"
)
# How far a place said to lie a direction from a settlement may be from it.
LANDMARK_KM = 75.0


def read_context(name: str, text: str, span: Span | None, gaz: Gazetteer) -> Mention:
    """A :class:`Mention` of ``name`` with the suffix word and qualifiers that follow it."""
    m = Mention(name, span)
    if not text:
        return m
    if span is not None:
        ends = [span[1]]
    else:
        pattern = r"(?<![\w])" + re.escape(name) + r"(?![\w])"
        ends = [x.end() for x in re.finditer(pattern, text)][:20]
    levels = []
    for end in ends:
        window = text[end : end + 160]
        suffix = _SUFFIX_AFTER.match(window)
        levels.append(ADMIN_SUFFIXES[suffix.group(1).lower()] if suffix else None)
        if suffix:
            window = window[suffix.end() :]
        m.qualifiers += _qualifiers(window, gaz)
        bearing = _BEARING.match(window)
        towns = _towns(bearing.group(1), gaz) if bearing else []
        if towns:
            m.landmarks.append(towns)
    if levels and all(levels):
        m.level = levels[0] if len(set(levels)) == 1 else ADMIN
    return m


def _qualifiers(window: str, gaz: Gazetteer) -> list[list[Candidate]]:
    """Areas named right after a mention: ", Y Oblast, Ukraine", " (Y region)", " in Y"."""
    out: list[list[Candidate]] = []
    pos = 0
    for _ in range(3):  # "X, Polohy district, Zaporizhzhia Oblast, Ukraine"
        hit = _AFTER_COMMA.match(window, pos) or (
            _IN_PARENS.match(window, pos) if not pos else None
        )
        if not hit and not out:
            hit = _AFTER_IN.match(window, pos)
        if not hit:
            break
        areas = _areas(hit.group(1), gaz)
        if not areas:
            break
        out.append(areas)
        pos = hit.end()
    return out


def _named(
    phrase: str, gaz: Gazetteer, keep: Callable[[Candidate], bool], strip: str = ""
) -> list[Candidate]:
    """The candidates ``keep`` accepts that a phrase (or its longest prefix, trailing
    ``strip`` characters cut) names; never by consonant skeleton."""
    words = phrase.split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n]).rstrip(strip)
        found = [c for c in gaz.candidates(name) if keep(c) and c.match != "skeleton"]
        if found:
            return found
    return []


def _towns(phrase: str, gaz: Gazetteer) -> list[Candidate]:
    """The settlements a phrase (or its longest prefix) names."""
    return _named(phrase, gaz, lambda c: c.feature_class == "P", strip=".,")


def _areas(phrase: str, gaz: Gazetteer) -> list[Candidate]:
    """The admin areas, countries and regions a phrase (or its longest prefix) names."""
    return _named(phrase, gaz, lambda c: c.feature_code in _QUALIFIER_CODES)


def contains(area: Candidate, c: Candidate) -> bool:
    """Whether place ``c`` lies in ``area`` (a country, admin area or region)."""
    if area.id == c.id:
        return False
    code = area.feature_code
    if code == "PCLI":
        return c.country == area.country
    if code == "ADM1":
        return c.admin1_id == area.id
    if code == "ADM2":
        return c.admin2_id == area.id or (c.country == area.country and _km(area, c) < 40)
    return _km(area, c) < 250


# ---------------------------------------------------------------------------
# Features
# ---------------------------------------------------------------------------


@dataclass
class Evidence:
    """What ranking knows beyond the candidate: the mention and its document."""

    mention: Mention
    near: Sequence[Place] = ()
    country_hint: str | None = None

    @cached_property
    def in_admin1(self) -> tuple[Counter[tuple[str | None, str | None]], int]:
        """How many of the ``near`` places with a first-level area lie in each (area,
        country), and how many have one: counted once for all of a mention's candidates."""
        places = [p for p in self.near if p.admin1]
        return Counter((p.admin1, p.country) for p in places), len(places)

    @cached_property
    def in_country(self) -> tuple[Counter[str], int]:
        """How many of the ``near`` places with a country lie in each, and how many have one."""
        countries = [p.country for p in self.near if p.country]
        return Counter(countries), len(countries)


@dataclass(frozen=True)
class Feature:
    name: str
    func: Callable[[Candidate, Evidence], float]
    weight: float


def name_match(c: Candidate, ev: Evidence) -> float:
    """How the name matched: 0 for the place's own name, less for other names, and less
    still for an alternate name that is no spelling of its own."""
    if c.match == "base" and ev.mention.level:
        return 0.0  # "Kursk" followed by "Oblast": the oblast's name less its suffix
    if c.match == "skeleton":  # as an alternate name where only vowels differ, else -3 .. -1
        sim = _vowel_similarity(ev.mention.name, c.place.name)
        return -0.6 if sim == 1.0 else -3.0 + 2.0 * sim
    if c.match == "alternate" and _vowel_similarity(ev.mention.name, c.place.name) < SPELLING:
        return OTHER_NAME  # a name it bore or shares ("Aleksandrovka" for Donetsk)
    return {"name": 0.0, "alternate": -0.6, "base": -2.5}[c.match]


# From this similarity an alternate name is a spelling of the place's own ("Kharkov");
# below, another name it bore or shares, which weighs less.
SPELLING = 0.6
OTHER_NAME = -1.6


_ONE_VOWEL = str.maketrans("eiou", "aaaa")


def _vowel_similarity(a: str, b: str) -> float:
    """Similarity of two names with every vowel made one, as Russian and Ukrainian forms swap them.

    "Rabotino" and "Robotyne" are then one word; "Rybotyn" is not quite.
    """
    ka, kb = name_key(a).translate(_ONE_VOWEL), name_key(b).translate(_ONE_VOWEL)
    return fuzz.ratio(ka, kb) / 100.0


def population(c: Candidate, ev: Evidence) -> float:
    """Decades of population; an admin area's (the people of its towns) counts a tenth.

    A tenth, because a name shared by an area and a city in it ("New York",
    "Alexandria") more often means the city than the sum of its towns suggests.
    """
    pop = float(c.population)
    if c.feature_code in ("ADM1", "ADM2"):
        pop /= ADMIN_POPULATION_SHARE
    elif c.feature_code == "PPLV":
        pop = VILLAGE_POPULATION
    return math.log10(pop + 10)


ADMIN_POPULATION_SHARE = 10
# Villages that only KATOTTG knows: most have a few hundred people (GeoNames'
# extract has every settlement of 500 or more).
VILLAGE_POPULATION = 300


def kind_prior(c: Candidate, ev: Evidence) -> float:
    """Bare country, state and region names usually mean the area itself."""
    code = c.feature_code
    if ev.mention.level:
        return 1.0 if _level_fits(code, ev.mention.level) else -1.0
    return {"PCLI": 1.6, "ADM1": 0.7, "ADM2": -0.8, "CONT": 1.5, "RGN": 0.8, "OCN": 0.8,
            "SEA": 0.8, "GULF": 0.5, "PPLC": PPLC_PRIOR, "PPLV": -0.2}.get(code, 0.0)  # fmt: skip


def namesake(c: Candidate, ev: Evidence) -> float:
    """-1 for an admin area when a settlement of the same name in it is also a candidate.

    A bare "Alexandria" or "Aleppo" means the city more often than the governorate
    named after it; the area needs its suffix ("Aleppo Governorate") or context. Also
    where the area matched by its name less the suffix ("Kherson" for Kherson Oblast):
    a town of the oblast named beside it must not pull the city's name to the oblast.
    """
    if (
        c.feature_code not in ("ADM1", "ADM2")
        or ev.mention.level
        or c.match not in ("name", "base")
    ):
        return 0.0
    return (
        -1.0
        if any(
            o.match == "name" and o.feature_class == "P" and contains(c, o)
            for o in ev.mention.candidates
        )
        else 0.0
    )


PPLC_PRIOR = 0.8


def _level_fits(code: str, level: str) -> bool:
    if level == ADMIN1:
        return code == "ADM1"
    if level == ADMIN2:
        return code == "ADM2"
    return code in ("ADM1", "ADM2", "RGN")


def qualified(c: Candidate, ev: Evidence) -> float:
    """+1 per area named with the mention that contains the place, -1 per area that does not."""
    score = 0.0
    for areas in ev.mention.qualifiers:
        score += 1.0 if any(contains(a, c) for a in areas) else -1.0
    return score


def landmark(c: Candidate, ev: Evidence) -> float:
    """+1 per settlement the mention is said to lie a direction from ("northwest of Y") that
    the place lies within ``LANDMARK_KM`` of, -1 per one it does not."""
    score = 0.0
    for towns in ev.mention.landmarks:
        if c.place.lat is None or c.place.lon is None:
            continue
        near = any(
            t.place.lat is not None
            and t.place.lon is not None
            and _haversine(c.place.lat, c.place.lon, t.place.lat, t.place.lon) <= LANDMARK_KM
            for t in towns
        )
        score += 1.0 if near else -1.0
    return score


def near_places(c: Candidate, ev: Evidence) -> float:
    """Closeness to the document's other places: 1 on top of one, 0.5 at 100 km."""
    best = 0.0
    for p in ev.near:
        if p.lat is None or p.lon is None or p.precision in ("country", "admin1"):
            continue
        if c.place.lat is None or c.place.lon is None:
            continue
        d = _haversine(c.place.lat, c.place.lon, p.lat, p.lon)
        best = max(best, math.exp(-d / 150))
    return best


def same_admin1(c: Candidate, ev: Evidence) -> float:
    """Share of the document's other places in the same first-level area."""
    counts, n = ev.in_admin1
    if not n or not c.admin1:
        return 0.0
    return counts[(c.admin1, c.country)] / n


def same_country(c: Candidate, ev: Evidence) -> float:
    """Share of the document's other places in the same country."""
    counts, n = ev.in_country
    if not n or not c.country:
        return 0.0
    return counts[c.country] / n


def hinted_country(c: Candidate, ev: Evidence) -> float:
    """1 where the place is in the country the caller expects."""
    return 1.0 if ev.country_hint and c.country == ev.country_hint else 0.0


NAMESAKE_WEIGHT = 1.0
FEATURES: tuple[Feature, ...] = (
    Feature("name_match", name_match, 1.0),
    Feature("population", population, 0.45),
    Feature("kind_prior", kind_prior, 1.0),
    Feature("namesake", namesake, NAMESAKE_WEIGHT),
    Feature("qualified", qualified, 4.0),
    Feature("landmark", landmark, 4.0),
    Feature("near_places", near_places, 2.0),
    Feature("same_admin1", same_admin1, 1.5),
    Feature("same_country", same_country, 2.0),
    Feature("hinted_country", hinted_country, 1.5),
)


@dataclass
class Scored:
    """A candidate with its score and each feature's weighted contribution."""

    candidate: Candidate
    score: float
    contributions: dict[str, float]


def score(c: Candidate, ev: Evidence, features: Sequence[Feature] = FEATURES) -> Scored:
    parts = {f.name: f.weight * f.func(c, ev) for f in features}
    return Scored(c, sum(parts.values()), parts)


# ---------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------


def rank(
    name: str,
    context: str = "",
    near: Sequence[Place] = (),
    country_hint: str | None = None,
    span: Span | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Scored]:
    """Every candidate for ``name``, best first, with the contributions to its score."""
    gaz = gazetteer or Gazetteer.default()
    mention = read_context(name, context, span, gaz)
    mention.candidates = _candidates(mention, gaz, skeletons=False)
    if not mention.candidates and _skeletons_allowed(mention, near, country_hint):
        mention.candidates = _candidates(mention, gaz, skeletons=True)
    return _rank(mention, near, country_hint)


def search(name: str, limit: int = 10, gazetteer: Gazetteer | None = None) -> list[Scored]:
    """The places ``name`` may denote, best first, for an analyst to choose from (the place
    search of the review): the same candidates and scores ``geocode`` weighs, without a
    document's context."""
    return rank(name, name, gazetteer=gazetteer)[:limit]


def geocode(
    name: str,
    context: str = "",
    near: Sequence[Place] = (),
    country_hint: str | None = None,
    *,
    span: Span | None = None,
    gazetteer: Gazetteer | None = None,
) -> Place | None:
    """The place ``name`` denotes in ``context``, or None where nothing fits.

    ``near`` holds places already resolved in the same document; ``span`` the
    mention's offsets in ``context`` where known (else every occurrence is read).
    """
    gaz = gazetteer or Gazetteer.default()
    mention = read_context(name, context, span, gaz)
    mention.candidates = _candidates(mention, gaz, skeletons=False)
    if not mention.candidates and _skeletons_allowed(mention, near, country_hint):
        mention.candidates = _candidates(mention, gaz, skeletons=True)
    return _choose(mention, near, country_hint, gaz)


def _skeletons_allowed(m: Mention, near: Sequence[Place], country_hint: str | None) -> bool:
    qualified_in_focus = any(a.country in FOCUS for areas in m.qualifiers for a in areas)
    return qualified_in_focus or country_hint in FOCUS or any(p.country in FOCUS for p in near)


def geocode_all(
    names: Sequence[str],
    context: str = "",
    *,
    spans: Sequence[Span | None] | None = None,
    country_hint: str | None = None,
    near: Sequence[Place] = (),
    fill_unknown: bool = True,
    gazetteer: Gazetteer | None = None,
    areas: Sequence[list[list[Candidate]]] | None = None,
) -> list[Place | None]:
    """Resolve a document's toponyms together, each in the light of the others.

    ``names`` are the document's mentions in the order of its text, ``spans``
    their offsets in ``context``.

    1. read each mention's context; mentions of one name share one reading (one
       sense per document), their qualifiers pooled;
    2. score each name's candidates on their own (qualifiers, hint, ``near``, priors);
    3. add coherence: how close each candidate lies to the candidates of the names
       mentioned near it, weighted by how likely those are, in a few rounds (see
       :func:`coherence`);
    4. names with no candidate are looked up by consonant skeleton where the
       document is about Ukraine, Russia or Belarus;
    5. with ``fill_unknown``, a name the gazetteer still lacks takes the place of
       the closest resolved mention before it in the text (a street, a building),
       keeping its own name.

    ``areas`` (per mention, optional) are the areas the caller read named with it where
    this module's English reading cannot ("с. Шевченкове Куп'янського району": a
    language pack's inflected raion): qualifiers that also bind, so that a name none
    of whose candidates lies in them is a place the gazetteer lacks, placed at the
    smallest of them under its own name (not a namesake elsewhere).

    Time and memory grow with the number of mentions, not with its square: a
    name reads the names mentioned near it (see :func:`coherence`).
    """
    gaz = gazetteer or Gazetteer.default()
    spans = list(spans) if spans is not None else [None] * len(names)
    # 1. group the mentions by name (and by the suffix word that follows them)
    index: dict[tuple[str, str | None], int] = {}
    groups: list[_Group] = []
    mentions = _read_all(names, context, spans, gaz)
    for m, stated in zip(mentions, areas or [[] for _ in mentions], strict=True):
        m.qualifiers += stated
        m.stated += stated
    owner = []  # each mention's group
    for m in mentions:
        k = index.setdefault((name_key(m.name), m.level), len(index))
        if k == len(groups):
            groups.append(_Group(Mention(m.name, level=m.level)))
        groups[k].mention.qualifiers += m.qualifiers
        groups[k].mention.landmarks += m.landmarks
        groups[k].mention.stated += m.stated
        owner.append(k)
    # 2. candidates and their scores on their own
    for g in groups:
        g.mention.candidates = _candidates(g.mention, gaz, skeletons=False)
    hinted = _in_focus(country_hint, near, groups)
    for g in groups:
        if not g.mention.candidates and hinted:  # 4. the skeleton, for reports on the war
            g.mention.candidates = _candidates(g.mention, gaz, skeletons=True)
        g.scored = _rank(g.mention, near, country_hint)[:TOP_K]
    # 3. coherence between the names mentioned near each other
    chosen = coherence([g.scored for g in groups], order=owner)
    places: list[Place | None] = []
    for g, best in zip(groups, chosen, strict=True):
        place = best.candidate.place if best is not None else None
        if best is not None and gaz.is_stoplisted(g.mention.name) and not g.mention.qualifiers:
            place = None
        if best is not None and not all(
            any(contains(a, best.candidate) for a in group) for group in g.mention.stated
        ):
            best = None  # a namesake outside the areas the text names: one the gazetteer lacks
        if place is not None and best is not None:
            place = _as_written(place, g.mention.name)
        places.append(_from_qualifier(g.mention) if best is None else place)
    for m, k in zip(mentions, owner, strict=True):
        m.candidates = groups[k].mention.candidates
    by_mention = [places[k] for k in owner]
    # 5. names the gazetteer lacks
    return _fill_unknown(mentions, by_mention) if fill_unknown else by_mention


def _as_written(place: Place, written: str) -> Place:
    """The place under the plain Latin spelling the text gives it where the gazetteer's
    name is that spelling with diacritics or a transliteration's marks ("Rafaḩ", "Mer’āwī"
    written "Rafah", "Merawi"): the name a reader of the text knows. Not a name in capitals
    (a wire's upper case) nor one in another script (Kharkiv stays Kharkiv for "Харкові")."""
    if (
        place.name == written
        or place.name.isascii()
        or not written.isascii()
        or written.isupper()
        or not written[:1].isupper()
    ):
        return place
    a, b = fold(place.name), fold(written)
    if a != b and fuzz.ratio(a, b) < AS_WRITTEN_RATIO:
        return place
    return replace(place, name=written)


# How alike (rapidfuzz ratio, 0-100) the gazetteer's name and the text's spelling must be,
# folded to plain lower-case letters, for the text's to be shown: a final "h" or a doubled
# letter of a transliteration ("Kabkābīyah", "Kabkabiya"), not another place.
AS_WRITTEN_RATIO = 90


TOP_K = 15  # candidates per name that take part in coherence
COHERENCE_WEIGHT = 5.0
COHERENCE_ROUNDS = 3
# A name's coherence reads the names mentioned within this many mentions of it
# (repeats in a row count once): every name of a news article (LGL's longest
# article has 69 toponym mentions), a neighbourhood of a long report, so that
# cost grows with the mentions, not with their square.
COHERENCE_WINDOW = 100
# ... and no further than keeps the pairs of candidates compared under this many
# (16 bytes each): a long report of ambiguous names reads a shorter window.
COHERENCE_PAIRS = 1 << 22
FOCUS = frozenset({"UA", "RU", "BY"})
SAME_COUNTRY = 0.25  # proximity of two places in one country, however far apart
SAME_ADMIN1 = 0.5  # ... in one first-level area


@dataclass
class _Group:
    mention: Mention
    scored: list[Scored] = field(default_factory=list)


def _read_all(
    names: Sequence[str], text: str, spans: Sequence[Span | None], gaz: Gazetteer
) -> list[Mention]:
    """:func:`read_context` for every mention; a name without a span is read once.

    (Without a span every occurrence of the name is read, the same for each mention.)
    """
    unspanned: dict[str, Mention] = {}
    out = []
    for name, span in zip(names, spans, strict=True):
        if span is not None:
            out.append(read_context(name, text, span, gaz))
            continue
        if name not in unspanned:
            unspanned[name] = read_context(name, text, None, gaz)
        out.append(replace(unspanned[name]))
    return out


def _in_focus(country_hint: str | None, near: Sequence[Place], groups: Iterable[_Group]) -> bool:
    """Whether a document is about Ukraine, Russia or Belarus (hint, near places or names)."""
    if country_hint in FOCUS or any(p.country in FOCUS for p in near):
        return True
    tops = [g.mention.candidates[0].country for g in groups if g.mention.candidates]
    return bool(tops) and sum(c in FOCUS for c in tops) * 2 >= len(tops)


def coherence(
    groups: Sequence[list[Scored]],
    order: Sequence[int] | None = None,
    window: int | None = None,
) -> list[Scored | None]:
    """Pick one candidate per name so that a document's places hang together.

    Mean-field rounds: each candidate's probability is a softmax of its score;
    its coherence is the mean, over the names mentioned near it, of the expected
    :func:`proximity` to that name's candidates. A candidate's final score is its
    own score plus ``COHERENCE_WEIGHT`` times its coherence (recorded in its
    contributions as ``coherence``).

    ``order`` holds the index of each mention's name, in the order of the text
    (by default each name once, in the order given). A name reads the names
    mentioned within ``window`` (``COHERENCE_WINDOW``) mentions of one of its
    own, a name repeated in a row counting once, so where a document has no more
    mentions than that every name reads every other. Only the pairs of candidates
    of such near names are compared: time and memory grow with the mentions, and
    the window narrows where the pairs would pass ``COHERENCE_PAIRS``.
    """
    live = [i for i, g in enumerate(groups) if g]
    if len(live) < 2:
        return [g[0] if g else None for g in groups]
    flat = [s for i in live for s in groups[i]]
    sizes = np.array([len(groups[i]) for i in live])
    starts = np.cumsum(sizes) - sizes
    owner = np.repeat(np.arange(len(live)), sizes)
    # 1. the pairs of names mentioned near each other, and how many each name has
    rank = np.full(len(groups), -1)
    rank[live] = np.arange(len(live))
    seq = rank[np.asarray(order if order is not None else range(len(groups)), dtype=np.int64)]
    window = window if window is not None else COHERENCE_WINDOW
    near = _near_names(seq, window, sizes, COHERENCE_PAIRS)
    partners = np.maximum(np.bincount(near.ravel(), minlength=len(live)), 1)
    # 2. the proximity of every pair of their candidates
    a, b, prox = _candidate_pairs(near, starts, sizes, _Coords([s.candidate for s in flat]))
    # 3. mean-field rounds
    base = np.array([s.score for s in flat])
    scores = base.copy()
    support = np.zeros_like(base)
    for _ in range(COHERENCE_ROUNDS):
        p = np.exp(scores - np.maximum.reduceat(scores, starts)[owner])
        p /= np.add.reduceat(p, starts)[owner]
        support = _expected(a, b, prox, p) / partners[owner]
        scores = base + COHERENCE_WEIGHT * support
    # 4. each name's best
    out: list[Scored | None] = [None] * len(groups)
    for i, start, size in zip(live, starts.tolist(), sizes.tolist(), strict=True):
        j = start + int(np.argmax(scores[start : start + size]))
        contributions = dict(flat[j].contributions, coherence=COHERENCE_WEIGHT * float(support[j]))
        out[i] = Scored(flat[j].candidate, float(scores[j]), contributions)
    return out


def _near_names(seq: np.ndarray, window: int, sizes: np.ndarray, budget: int) -> np.ndarray:
    """The pairs ``(a, b)``, ``a < b``, of names mentioned within ``window`` of each other.

    ``seq`` is each mention's name in text order, -1 for a name without candidates
    (left out); a name repeated in a row counts once. The window stops short where
    the pairs of their candidates would pass ``budget``.
    """
    seq = seq[seq >= 0]
    seq = seq[np.concatenate([[True], seq[1:] != seq[:-1]])] if len(seq) else seq
    n = len(sizes)
    keys, steps = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    widest = max(0, min(window, len(seq) - 1))
    for step in range(1, widest + 1):
        a, b = seq[:-step], seq[step:]
        keep = a != b
        key = np.unique(np.minimum(a, b)[keep] * n + np.maximum(a, b)[keep])  # a * n + b
        keys.append(key)
        steps.append(np.full(len(key), step))
    # each pair at the step where it first comes, and the widest window within budget
    key, first = np.unique(np.concatenate(keys), return_index=True)
    at = np.concatenate(steps)[first]
    cost = np.cumsum(np.bincount(at, sizes[key // n] * sizes[key % n], widest + 1))
    key = key[at <= np.searchsorted(cost, budget, side="right") - 1]
    return np.stack([key // n, key % n], axis=1)


_PAIR_CHUNK = 1 << 18  # candidate pairs handled at once


def _candidate_pairs(
    near: np.ndarray, starts: np.ndarray, sizes: np.ndarray, coords: _Coords
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of candidates of two near names, as flat indices, with its proximity."""
    counts = sizes[near[:, 0]] * sizes[near[:, 1]]
    ends = np.cumsum(counts)
    total = int(ends[-1]) if len(ends) else 0
    out_a, out_b = np.empty(total, np.int32), np.empty(total, np.int32)
    out_p = np.empty(total)
    lo = 0
    while lo < len(near):  # in chunks of about _PAIR_CHUNK pairs, to bound the temporaries
        first = int(ends[lo] - counts[lo])
        hi = max(lo + 1, int(np.searchsorted(ends, first + _PAIR_CHUNK, "right")))
        pairs, n = near[lo:hi], counts[lo:hi]
        pair = np.repeat(np.arange(len(pairs)), n)
        k = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
        width = sizes[pairs[pair, 1]]
        a = starts[pairs[pair, 0]] + k // width
        b = starts[pairs[pair, 1]] + k % width
        out = slice(first, int(ends[hi - 1]))
        out_a[out], out_b[out], out_p[out] = a, b, coords.proximity(a, b)
        lo = hi
    return out_a, out_b, out_p


def _expected(a: np.ndarray, b: np.ndarray, prox: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Each candidate's expected proximity to the near names, summed over them.

    Each pair counts both ways; summed in chunks, to bound the temporaries.
    """
    total = np.zeros(len(p))
    for lo in range(0, len(a), _PAIR_CHUNK):
        sl = slice(lo, lo + _PAIR_CHUNK)
        total += np.bincount(a[sl], prox[sl] * p[b[sl]], len(p))
        total += np.bincount(b[sl], prox[sl] * p[a[sl]], len(p))
    return total


_AREA_SCALE_KM = {"PCLI": 800.0, "ADM1": 200.0, "CONT": 2500.0, "OCN": 2500.0, "SEA": 800.0,
                  "GULF": 800.0, "RGN": 400.0}  # fmt: skip


def proximity(cands: Sequence[Candidate]) -> np.ndarray:
    """Pairwise closeness in [0, 1]: 1 for containment or the same spot, decaying with distance.

    One place inside another (a town in its county, state or country) is 1; two
    settlements 100 km apart about 0.37 (``exp(-d / 100)``), an area's distance
    scaled by its size; the same admin1 at least 0.5, the same country 0.25; the
    same place under two names 0 (no support). :func:`coherence` computes the
    same for the pairs it needs only.
    """
    n = len(cands)
    a, b = np.divmod(np.arange(n * n), n)
    return _Coords(cands).proximity(a, b).reshape(n, n)


class _Coords:
    """What :func:`proximity` reads of each candidate, as arrays."""

    def __init__(self, cands: Sequence[Candidate]) -> None:
        self.lat = np.radians([c.place.lat if c.place.lat is not None else np.nan for c in cands])
        self.lon = np.radians([c.place.lon if c.place.lon is not None else np.nan for c in cands])
        self.scale = np.array([_AREA_SCALE_KM.get(c.feature_code, 100.0) for c in cands])
        self.id = np.array([c.id for c in cands], dtype=np.int64)
        self.a1 = np.array([c.admin1_id for c in cands], dtype=np.int64)
        self.a2 = np.array([c.admin2_id for c in cands], dtype=np.int64)
        self.cc = np.array([c.country or "" for c in cands], dtype=str)
        self.is_country = np.array([c.feature_code == "PCLI" for c in cands], dtype=bool)

    def proximity(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The proximity of candidates ``a[k]`` and ``b[k]``, for every k."""
        lat_a, lat_b = self.lat[a], self.lat[b]
        h = (
            np.sin((lat_a - lat_b) / 2) ** 2
            + np.cos(lat_a) * np.cos(lat_b) * np.sin((self.lon[a] - self.lon[b]) / 2) ** 2
        )
        d = 12742.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
        prox = np.exp(-np.nan_to_num(d, nan=1e9) / np.maximum(self.scale[a], self.scale[b]))
        cc = self.cc[a]
        same_cc = (cc == self.cc[b]) & (cc != "")
        a1 = self.a1[a]
        id_a, id_b = self.id[a], self.id[b]
        inside = (a1 == id_b) | (self.a2[a] == id_b) | (self.a1[b] == id_a) | (self.a2[b] == id_a)
        inside |= same_cc & (self.is_country[a] | self.is_country[b])
        prox = np.maximum(prox, np.where(same_cc, SAME_COUNTRY, 0.0))
        prox = np.maximum(prox, np.where((a1 == self.a1[b]) & (a1 >= 0), SAME_ADMIN1, 0.0))
        prox = np.maximum(prox, np.where(inside, 1.0, 0.0))
        prox[id_a == id_b] = 0.0  # the same place under two names is no support
        return prox


def _candidates(m: Mention, gaz: Gazetteer, skeletons: bool = True) -> list[Candidate]:
    if m.level:
        with_suffix = gaz.candidates(f"{m.name} {_suffix_word(m.level)}", skeletons=skeletons)
        if with_suffix:
            return with_suffix
    return gaz.candidates(m.name, skeletons=skeletons)


def _suffix_word(level: str) -> str:
    return {ADMIN1: "oblast", ADMIN2: "district"}.get(level, "region")


def _rank(m: Mention, near: Sequence[Place], country_hint: str | None) -> list[Scored]:
    ev = Evidence(m, near, country_hint)
    scored = [score(c, ev) for c in m.candidates]
    scored.sort(key=lambda s: -s.score)
    return scored


def _choose(
    m: Mention, near: Sequence[Place], country_hint: str | None, gaz: Gazetteer
) -> Place | None:
    if not m.candidates or (gaz.is_stoplisted(m.name) and not m.qualifiers):
        return _from_qualifier(m)
    best = _rank(m, near, country_hint)[0]
    return best.candidate.place


def _from_qualifier(m: Mention) -> Place | None:
    """The smallest area named with an unknown name, under the name the text uses."""
    if not m.qualifiers:
        return None
    order = {"ADM2": 0, "RGN": 1, "ADM1": 2, "PCLI": 3}
    areas = [a for group in m.qualifiers for a in group]
    area = min(areas, key=lambda a: (order.get(a.feature_code, 4), -a.population))
    return replace(area.place, name=m.name, geonameid=None)


def _fill_unknown(mentions: list[Mention], places: list[Place | None]) -> list[Place | None]:
    out = list(places)
    # the resolved mentions that can lend their place (not a whole country), in text order
    lenders = sorted(
        (
            (m.span[0], p)
            for m, p in zip(mentions, places, strict=True)
            if p and m.span and p.precision != "country"
        ),
        key=lambda x: x[0],
    )
    starts = [s for s, _ in lenders]
    most_common: Place | None = None
    for i, (m, p) in enumerate(zip(mentions, places, strict=True)):
        if p is not None or m.span is None or not lenders:
            continue
        before = bisect.bisect_left(starts, m.span[0])
        if before:
            anchor = lenders[before - 1][1]
        else:
            most_common = most_common or _most_common([q for _, q in lenders])
            anchor = most_common
        out[i] = replace(anchor, name=m.name, geonameid=None)
    return out


def _most_common(places: list[Place]) -> Place:
    counts = Counter((p.lat, p.lon) for p in places)
    top = counts.most_common(1)[0][0]
    return next(p for p in places if (p.lat, p.lon) == top)


def _km(a: Candidate, b: Candidate) -> float:
    if None in (a.place.lat, a.place.lon, b.place.lat, b.place.lon):
        return math.inf
    return _haversine(a.place.lat, a.place.lon, b.place.lat, b.place.lon)  # type: ignore[arg-type]


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places with coordinates (inf without)."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    return _haversine(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
