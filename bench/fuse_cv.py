"""Case-link F1 of fusion, held out: weights chosen by leave-one-group-out cross-validation.

    python bench/fuse_cv.py ../shared/gold/dev/fusion-dev.jsonl

Groups are the documents joined by a shared gold case (one real act and the documents
telling it; a look-alike document alone is its own group). For each group, the weights
that score best on the pairs not touching it are chosen from a grid, and the group's pairs
(with each other and with every other document) are scored with them; the held-out
figure pools those pairs over all groups. Gold incidents come in as ``score.py
strip-cases`` gives them (one predicted incident per gold incident, in order).
"""

from __future__ import annotations

import itertools
import json
import sys
from collections import Counter

from casefile.compare import WEIGHTS
from casefile.fuse import fuse_records

GRID = {
    "bias": [-1.0, -2.0, -3.0],
    "date": [1.0, 2.0, 3.0],
    "place": [1.0, 2.0, 3.0],
    "text": [0.0, 1.0, 2.0],
    "count": [0.0, 0.5, 1.0],
    "contrast": [0.0, 0.5, 1.0],
}


def strip(rec: dict) -> dict:
    out = {k: v for k, v in rec.items() if k not in ("aliases",)}
    incs = []
    for i in rec.get("incidents") or []:
        i = {k: v for k, v in i.items() if k not in ("case", "optional")}
        if isinstance(i.get("type"), list):
            i["type"] = i["type"][0]
        incs.append(i)
    out["incidents"] = incs
    return out


def groups_of(gold: list[dict]) -> dict[int, int]:
    parent = list(range(len(gold)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    first: dict[str, int] = {}
    for d, rec in enumerate(gold):
        for inc in rec.get("incidents") or []:
            c = inc.get("case")
            if c is None:
                continue
            if c in first:
                parent[find(d)] = find(first[c])
            else:
                first[c] = d
    return {d: find(d) for d in range(len(gold))}


def pair_outcomes(gold: list[dict], out: list[dict]) -> list[tuple[int, int, bool, bool]]:
    """(doc a, doc b, gold same, predicted same) for every pair of labelled gold incidents."""
    items = []
    for d, (g, p) in enumerate(zip(gold, out, strict=True)):
        for gi, pi in zip(g.get("incidents") or [], p["incidents"], strict=True):
            if gi.get("case"):
                items.append((d, gi["case"], pi.get("case")))
    return [
        (a[0], b[0], a[1] == b[1], a[2] is not None and a[2] == b[2])
        for a, b in itertools.combinations(items, 2)
    ]


def f1(counts: Counter) -> tuple[float, float, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def tally(outcomes, keep) -> Counter:
    c: Counter = Counter()
    for a, b, gold_same, pred_same in outcomes:
        if keep(a, b):
            if gold_same and pred_same:
                c["tp"] += 1
            elif pred_same:
                c["fp"] += 1
            elif gold_same:
                c["fn"] += 1
    return c


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()]
    records = [strip(g) for g in gold]
    group = groups_of(gold)
    names = list(GRID)
    configs = [
        dict(WEIGHTS, **dict(zip(names, v, strict=True))) for v in itertools.product(*GRID.values())
    ]
    outcomes = []
    for w in configs:
        out, _ = fuse_records(records, w)
        outcomes.append(pair_outcomes(gold, out))
    held: Counter = Counter()
    chosen = []
    for g in sorted(set(group.values())):
        train = [
            f1(tally(o, lambda a, b, g=g: group[a] != g and group[b] != g))[2] for o in outcomes
        ]
        # the best training F1; among ties, the config nearest the defaults
        best = max(range(len(configs)), key=lambda k: (round(train[k], 6), -_distance(configs[k])))
        chosen.append(best)
        held += tally(outcomes[best], lambda a, b, g=g: group[a] == g or group[b] == g)
    default = pair_outcomes(gold, fuse_records(records)[0])
    p, r, f = f1(tally(default, lambda a, b: True))
    print(f"default weights (in-sample)      P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    p, r, f = f1(held)
    print(
        f"leave-one-group-out (held out)   P {p:.3f}  R {r:.3f}  F1 {f:.3f}   "
        f"{len(set(group.values()))} groups, {len(configs)} weightings tried"
    )
    every = [f1(tally(o, lambda a, b: True))[2] for o in outcomes]
    print(
        f"weightings of the grid with F1 >= 0.99: {sum(f >= 0.99 for f in every)}, "
        f">= 0.90: {sum(f >= 0.9 for f in every)}, of {len(every)}; worst {min(every):.3f}"
    )
    top = Counter(json.dumps({n: configs[k][n] for n in names}) for k in chosen).most_common(3)
    for cfg, n in top:
        print(f"  chosen in {n} folds: {cfg}")


def _distance(w: dict) -> float:
    return sum(abs(w[n] - WEIGHTS[n]) for n in GRID)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/gold/dev/fusion-dev.jsonl")
