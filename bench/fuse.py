"""Fusion at scale: synthetic incidents with realistic distributions, time and peak memory.

    python bench/fuse.py 100000 1000000

Acts are drawn at ``ACTS_PER_DAY`` (a war-time level, as ACLED counts for Ukraine), so
a larger run spans more years, in Ukrainian settlements from the gazetteer, a town's
share growing with its population (a few cities take most strikes, as in the war's
records); each act is told by 1 to 5 reports (geometric, mean about 1.6), a third of them
undated (published 0-3 days after), a tenth with the oblast only; tolls grow between
reports; passages of about 35 words share most of their act's words; types follow a
skewed mix (most are strikes). Prints, per size: reports, candidate pairs, cases, link
precision and recall against the synthetic acts, wall seconds per step (making the
cases: ids, reconciled values, grades and the features of each join), the CPU seconds of
the fusion steps (what a loaded machine does not inflate) and the peak resident memory of
the process.
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter
from datetime import date

import numpy as np

from casefile.compare import Side
from casefile.fuse import iter_cases
from casefile.fuse.block import bounds, candidate_pairs
from casefile.fuse.cluster import cluster
from casefile.fuse.report import Report
from casefile.fuse.score import score_pairs
from casefile.fuse.vector import table
from casefile.knowledge.gazetteer import Gazetteer
from casefile.model import Actor, Count, DateRange, Incident, Place

TYPES = {
    "attack_on_civilians": 0.72,
    "killing_of_civilians": 0.08,
    "torture": 0.06,
    "unlawful_detention": 0.05,
    "execution_of_pows": 0.04,
    "deportation": 0.03,
    "sexual_violence": 0.01,
    "other_violation": 0.01,
}
CATEGORY = {"execution_of_pows": "pow"}
# Passages: an act's reports share words about it (the target, the street, the weapon),
# each adds words of its own; words are drawn from a made-up vocabulary, Zipf-like.
SYLLABLES = ("ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "pe", "zu",
             "da", "gi", "ro", "le", "ny", "bo", "sa", "te", "chi", "ma")  # fmt: skip
ACT_WORDS, OWN_WORDS, VOCABULARY = 25, 15, 8000


def _word(k: int) -> str:
    s = SYLLABLES
    return s[k % 20] + s[(k // 20) % 20] + s[(k // 400) % 20] + "n"


START = date(2022, 2, 24).toordinal()
ACTS_PER_DAY = 60


def towns(gaz: Gazetteer) -> tuple[list[Place], np.ndarray]:
    """Ukraine's settlements with coordinates (GeoNames' towns and KATOTTG's villages)."""
    places, pops = [], []
    for i in range(len(gaz)):
        c = gaz.get(i)
        if c.country == "UA" and c.feature_class == "P" and c.place.lat is not None:
            places.append(c.place)
            pops.append(max(c.population, 300))
    return places, np.array(pops, float)


def synthetic(n: int, seed: int = 11) -> list[Report]:
    rng = np.random.default_rng(seed)
    places, pops = towns(Gazetteer.default())
    weights = pops**0.8
    weights /= weights.sum()
    types = list(TYPES)
    tprob = np.array(list(TYPES.values()))
    reports: list[Report] = []
    act = 0
    days = max(365, int(n / 1.6 / ACTS_PER_DAY))
    drawn = rng.choice(len(places), size=n, p=weights)  # at most one act per report
    while len(reports) < n:
        town = places[int(drawn[act])]
        act += 1
        day = START + int(rng.integers(days))
        kind = types[int(np.searchsorted(np.cumsum(tprob), rng.random()))]
        toll = int(rng.geometric(0.15))
        about = [_word(int(w)) for w in rng.zipf(1.05, ACT_WORDS) % VOCABULARY]
        for k in range(min(int(rng.geometric(0.6)), 5)):
            pub = day + int(rng.integers(0, 4)) + 2 * k
            dated = rng.random() > 0.33
            d = date.fromordinal(day).isoformat()
            place = town
            if rng.random() < 0.1:
                place = Place(
                    town.admin1 or "Ukraine", "UA", town.admin1, town.lat, town.lon, "admin1"
                )
            inc = Incident(
                type=kind,
                date=DateRange(d, d) if dated else None,
                place=place,
                perpetrators=[Actor("Russian forces", "force")],
                victim_category=CATEGORY.get(kind, "civilian"),
                count=Count(best=toll + 2 * k),
            )
            rid = f"{act:08d}-{k}"
            side = Side(
                inc,
                published=date.fromordinal(pub).isoformat(),
                text=" ".join(
                    [w for w in about if rng.random() < 0.7]
                    + [_word(int(w)) for w in rng.zipf(1.05, OWN_WORDS) % VOCABULARY]
                    + [town.name, str(toll + 2 * k)]
                ),
            )
            reports.append(Report(rid, f"doc-{act}-{k}", rid, side))
            if len(reports) >= n:
                break
    return reports


def link_precision_recall(pred: list[int], gold: list[str]) -> tuple[float, float]:
    """Pairwise: of the pairs put in one case, the share that are one act, and back."""

    def pairs(counts: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = pairs(Counter(zip(pred, gold, strict=True)))
    p_all, g_all = pairs(Counter(pred)), pairs(Counter(gold))
    return (both / p_all if p_all else 1.0), (both / g_all if g_all else 1.0)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n: int) -> None:
    t0 = time.perf_counter()
    reports = synthetic(n)
    made = peak_mb()
    t1 = time.perf_counter()
    c1 = time.process_time()
    columns = table(reports)
    t1b = time.perf_counter()
    pairs = candidate_pairs(columns)
    t2 = time.perf_counter()
    npairs = len(pairs)
    scores, conflicts = score_pairs(columns, pairs)
    docs, limits = columns.doc, bounds(columns)
    del columns
    t3 = time.perf_counter()
    roots, joins = cluster([r.id for r in reports], docs, pairs, scores, conflicts, bounds=limits)
    del pairs, scores, conflicts
    t4 = time.perf_counter()
    cases = sum(1 for _ in iter_cases(reports, roots, joins))  # made one by one, not kept
    t5 = time.perf_counter()
    c5 = time.process_time()
    truth = [r.id.split("-")[0] for r in reports]
    p, r = link_precision_recall(roots, truth)
    print(
        f"{n:>9,} reports  {npairs:>10,} pairs  {cases:>9,} cases ({len(set(truth)):,} acts, "
        f"links P {p:.3f} R {r:.3f})  "
        f"make {t1 - t0:6.1f}s  columns {t1b - t1:6.1f}s  block {t2 - t1b:6.1f}s  "
        f"score {t3 - t2:6.1f}s  "
        f"cluster {t4 - t3:6.1f}s  cases {t5 - t4:6.1f}s  fuse {t5 - t1:6.1f}s "
        f"(CPU {c5 - c1:6.1f}s)  "
        f"peak RSS {peak_mb():,.0f} MB (after making the reports {made:,.0f} MB)",
        flush=True,
    )


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["100000"]:
        run(int(arg))
