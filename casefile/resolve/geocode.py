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

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from rapidfuzz import fuzz

from casefile.knowledge.gazetteer import (
    ADMIN,
    ADMIN1,
    ADMIN2,
    ADMIN_SUFFIXES,
    Candidate,
    Gazetteer,
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


def _areas(phrase: str, gaz: Gazetteer) -> list[Candidate]:
    """The admin areas, countries and regions a phrase (or its longest prefix) names."""
    words = phrase.split()
    for n in range(len(words), 0, -1):
        found = [
            c for c in gaz.candidates(" ".join(words[:n])) if c.feature_code in _QUALIFIER_CODES
        ]
        found = [c for c in found if c.match != "skeleton"]
        if found:
            return found
    return []


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


@dataclass(frozen=True)
class Feature:
    name: str
    func: Callable[[Candidate, Evidence], float]
    weight: float


def name_match(c: Candidate, ev: Evidence) -> float:
    """How the name matched: 0 for the place's own name, less for other names."""
    if c.match == "base" and ev.mention.level:
        return 0.0  # "Kursk" followed by "Oblast": the oblast's name less its suffix
    if c.match == "skeleton":  # as an alternate name where only vowels differ, else -3 .. -1
        sim = _vowel_similarity(ev.mention.name, c.place.name)
        return -0.6 if sim == 1.0 else -3.0 + 2.0 * sim
    return {"name": 0.0, "alternate": -0.6, "base": -2.5}[c.match]


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
    named after it; the area needs its suffix ("Aleppo Governorate") or context.
    """
    if c.feature_code not in ("ADM1", "ADM2") or ev.mention.level or c.match != "name":
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
    places = [p for p in ev.near if p.admin1]
    if not places or not c.admin1:
        return 0.0
    return sum(p.admin1 == c.admin1 and p.country == c.country for p in places) / len(places)


def same_country(c: Candidate, ev: Evidence) -> float:
    """Share of the document's other places in the same country."""
    places = [p for p in ev.near if p.country]
    if not places or not c.country:
        return 0.0
    return sum(p.country == c.country for p in places) / len(places)


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
) -> list[Place | None]:
    """Resolve a document's toponyms together, each in the light of the others.

    1. read each mention's context; mentions of one name share one reading (one
       sense per document), their qualifiers pooled;
    2. score each name's candidates on their own (qualifiers, hint, ``near``, priors);
    3. add coherence: how close each candidate lies to the other names' candidates,
       weighted by how likely those are, in a few rounds (see :func:`coherence`);
    4. names with no candidate are looked up by consonant skeleton where the
       document is about Ukraine, Russia or Belarus;
    5. with ``fill_unknown``, a name the gazetteer still lacks takes the place of
       the closest resolved mention before it in the text (a street, a building),
       keeping its own name.
    """
    gaz = gazetteer or Gazetteer.default()
    spans = list(spans) if spans is not None else [None] * len(names)
    # 1. group the mentions by name (and by the suffix word that follows them)
    groups: dict[tuple[str, str | None], _Group] = {}
    mentions = []
    for name, span in zip(names, spans, strict=True):
        m = read_context(name, context, span, gaz)
        mentions.append(m)
        g = groups.setdefault((name_key(name), m.level), _Group(Mention(name, level=m.level)))
        g.mentions.append(m)
        g.mention.qualifiers += m.qualifiers
    # 2. candidates and their scores on their own
    for g in groups.values():
        g.mention.candidates = _candidates(g.mention, gaz, skeletons=False)
    hinted = _in_focus(country_hint, near, groups.values())
    for g in groups.values():
        if not g.mention.candidates and hinted:  # 4. the skeleton, for reports on the war
            g.mention.candidates = _candidates(g.mention, gaz, skeletons=True)
        g.scored = _rank(g.mention, near, country_hint)[:TOP_K]
    # 3. coherence between the names
    chosen = coherence([g.scored for g in groups.values()])
    for g, best in zip(groups.values(), chosen, strict=True):
        place = best.candidate.place if best is not None else None
        if best is not None and gaz.is_stoplisted(g.mention.name) and not g.mention.qualifiers:
            place = None
        if best is None:
            place = _from_qualifier(g.mention)
        for m in g.mentions:
            m.candidates = g.mention.candidates
            g.places.append(place)
    places = []
    for m in mentions:
        g = groups[(name_key(m.name), m.level)]
        places.append(g.places[g.mentions.index(m)])
    # 5. names the gazetteer lacks
    return _fill_unknown(mentions, places) if fill_unknown else places


TOP_K = 15  # candidates per name that take part in coherence
COHERENCE_WEIGHT = 5.0
COHERENCE_ROUNDS = 3
FOCUS = frozenset({"UA", "RU", "BY"})
SAME_COUNTRY = 0.25  # proximity of two places in one country, however far apart
SAME_ADMIN1 = 0.5  # ... in one first-level area


@dataclass
class _Group:
    mention: Mention
    mentions: list[Mention] = field(default_factory=list)
    scored: list[Scored] = field(default_factory=list)
    places: list[Place | None] = field(default_factory=list)


def _in_focus(country_hint: str | None, near: Sequence[Place], groups: Iterable[_Group]) -> bool:
    """Whether a document is about Ukraine, Russia or Belarus (hint, near places or names)."""
    if country_hint in FOCUS or any(p.country in FOCUS for p in near):
        return True
    tops = [g.mention.candidates[0].country for g in groups if g.mention.candidates]
    return bool(tops) and sum(c in FOCUS for c in tops) * 2 >= len(tops)


def coherence(groups: Sequence[list[Scored]]) -> list[Scored | None]:
    """Pick one candidate per name so that a document's places hang together.

    Mean-field rounds: each candidate's probability is a softmax of its score;
    its coherence is the mean, over the other names, of the expected
    :func:`proximity` to that name's candidates. A candidate's final score is its
    own score plus ``COHERENCE_WEIGHT`` times its coherence (recorded in its
    contributions as ``coherence``).
    """
    sizes = [len(g) for g in groups]
    live = [i for i, n in enumerate(sizes) if n]
    if len(live) < 2:
        return [g[0] if g else None for g in groups]
    flat = [s.candidate for i in live for s in groups[i]]
    prox = proximity(flat)
    owner = np.repeat(np.arange(len(live)), [sizes[i] for i in live])
    base = np.array([s.score for i in live for s in groups[i]])
    scores = base.copy()
    support = np.zeros_like(base)
    for _ in range(COHERENCE_ROUNDS):
        p = np.exp(scores - _group_max(scores, owner))
        p /= np.bincount(owner, weights=p)[owner]
        # expected proximity to each other name, summed over names, excluding one's own
        per_name = np.zeros((len(flat), len(live)))
        np.add.at(per_name.T, owner, (prox * p[None, :]).T)
        per_name[np.arange(len(flat)), owner] = 0.0
        support = per_name.sum(axis=1) / (len(live) - 1)
        scores = base + COHERENCE_WEIGHT * support
    out: list[Scored | None] = [None] * len(groups)
    for k, i in enumerate(live):
        rows = np.flatnonzero(owner == k)
        j = rows[int(np.argmax(scores[rows]))]
        s = groups[i][j - rows[0]]
        contributions = dict(s.contributions, coherence=COHERENCE_WEIGHT * float(support[j]))
        out[i] = Scored(s.candidate, float(scores[j]), contributions)
    return out


def _group_max(x: np.ndarray, owner: np.ndarray) -> np.ndarray:
    m = np.full(owner.max() + 1, -np.inf)
    np.maximum.at(m, owner, x)
    return m[owner]


_AREA_SCALE_KM = {"PCLI": 800.0, "ADM1": 200.0, "CONT": 2500.0, "OCN": 2500.0, "SEA": 800.0,
                  "GULF": 800.0, "RGN": 400.0}  # fmt: skip


def proximity(cands: Sequence[Candidate]) -> np.ndarray:
    """Pairwise closeness in [0, 1]: 1 for containment or the same spot, decaying with distance.

    One place inside another (a town in its county, state or country) is 1; two
    settlements 100 km apart about 0.37 (``exp(-d / 100)``), an area's distance
    scaled by its size; the same admin1 at least 0.5, the same country 0.25.
    """
    n = len(cands)
    lat = np.radians(np.array([c.place.lat if c.place.lat is not None else np.nan for c in cands]))
    lon = np.radians(np.array([c.place.lon if c.place.lon is not None else np.nan for c in cands]))
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    h = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
    d = 12742.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    scale = np.array([_AREA_SCALE_KM.get(c.feature_code, 100.0) for c in cands])
    prox = np.exp(-np.nan_to_num(d, nan=1e9) / np.maximum(scale[:, None], scale[None, :]))
    ids = np.array([c.id for c in cands])
    a1 = np.array([c.admin1_id for c in cands])
    a2 = np.array([c.admin2_id for c in cands])
    cc = np.array([c.country or "" for c in cands])
    same_cc = (cc[:, None] == cc[None, :]) & (cc[:, None] != "")
    same_a1 = (a1[:, None] == a1[None, :]) & (a1[:, None] >= 0)
    inside = (a1[:, None] == ids[None, :]) | (a2[:, None] == ids[None, :])
    is_country = np.array([c.feature_code == "PCLI" for c in cands])
    inside |= same_cc & is_country[None, :]
    inside = inside | inside.T
    prox = np.maximum(prox, np.where(same_cc, SAME_COUNTRY, 0.0))
    prox = np.maximum(prox, np.where(same_a1, SAME_ADMIN1, 0.0))
    prox = np.maximum(prox, np.where(inside, 1.0, 0.0))
    prox[ids[:, None] == ids[None, :]] = 0.0  # the same place under two names is no support
    return prox[:n, :n]


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
    resolved = [(m.span[0], p) for m, p in zip(mentions, places, strict=True) if p and m.span]
    resolved.sort(key=lambda x: x[0])
    for i, (m, p) in enumerate(zip(mentions, places, strict=True)):
        if p is not None or m.span is None or not resolved:
            continue
        before = [q for s, q in resolved if s < m.span[0] and q.precision != "country"]
        pool = before or [q for _, q in resolved if q.precision != "country"]
        if pool:
            anchor = before[-1] if before else _most_common(pool)
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
