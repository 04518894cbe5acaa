"""Fit the act model of extraction (casefile/extract/weights.yaml) on gold documents.

    python scripts/fit_extraction.py [--gold FILE ...] [--folds 5] [--write]

1. Every gold document is analysed; the assembler's candidate acts (every group of event
   mentions, however unlikely) become incident records.
2. Each candidate is labelled by the scorer's own one-to-one matching (../shared/tools/
   score.py, read at fit time only): matched to a required gold incident is 1, unmatched is
   0, matched to an optional one is left out.
3. The join model (assemble.JOIN_FEATURES) is measured on pairs of mentions (same gold
   act or not), held out by document, beside a logistic regression fitted on them; with
   ``--fit-join`` the fitted weights replace the hand-set ones.
4. A logistic regression over the acts' named features (assemble.Group.features) is fitted
   with 5-fold cross-validation grouped by document; the start threshold is the lowest whose
   held-out incident F1 is within ``--tolerance`` (0.01, about one incident in 150) of the
   best: where the held-out figures cannot tell thresholds apart, the one that keeps recall
   on text unlike the gold documents (the act model learns from mostly one war's reports);
   the held-out figures (incident P/R/F1, Brier score, ECE of the probabilities) are printed.
5. With ``--write``, the model fitted on every document and the chosen threshold are written
   to weights.yaml. Seeded and deterministic; seconds on two cores.

Only our own annotations are fitted on (../shared/gold/train and dev by default); the
check set and MUC-4 never are.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from casefile.extract.assemble import Assembler  # noqa: E402
from casefile.extract.events import weights  # noqa: E402
from casefile.extract.pipeline import Pipeline  # noqa: E402
from casefile.model import Document  # noqa: E402

WEIGHTS = ROOT / "casefile" / "extract" / "weights.yaml"
THRESHOLDS = [round(0.05 * k, 2) for k in range(2, 19)]
# Held-out F1 within which thresholds count as equally good (about one incident in 150).
TOLERANCE = 0.01


def load_scorer(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("casefile_gold_score", path)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot read the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def candidates(pipeline: Pipeline, gold: dict[str, Any]) -> list[tuple[dict[str, float], dict]]:
    """The document's candidate acts: (features, incident record) in text order."""
    doc = Document.from_text(
        gold["text"],
        name=gold["doc_id"],
        published=gold.get("published"),
        language=gold.get("language") or "en",
    )
    analysis = pipeline(doc)
    analysis.incidents.clear()
    assembler = Assembler(analysis)
    groups = assembler.candidates()
    assembler.add_told_after(groups)
    return [(g.features, assembler.incident(g).to_record()) for g in groups]


def labels(scorer: Any, gold: dict[str, Any], records: list[dict]) -> list[int | None]:
    names = scorer.Names(gold.get("aliases"))
    golds = gold.get("incidents") or []
    pairs = scorer.match(
        records,
        golds,
        lambda p, g: scorer.compatible(p, g, names),
        lambda p, g: scorer.affinity(p, g, names),
    )
    out: list[int | None] = [0] * len(records)
    for i, j in pairs:
        out[i] = None if golds[j].get("optional") else 1
    return out


def join_pairs(pipeline: Pipeline, gold: dict[str, Any]) -> list[tuple[dict[str, float], int]]:
    """(join features, same act?) for every earlier mention a mention could join, where the
    gold tells which required incident each of the two belongs to (by its spans and type)."""
    from casefile.extract.assemble import Group, kindred

    doc = Document.from_text(
        gold["text"],
        name=gold["doc_id"],
        published=gold.get("published"),
        language=gold.get("language") or "en",
    )
    analysis = pipeline(doc)
    assembler = Assembler(analysis)
    golds = [g for g in gold.get("incidents") or [] if not g.get("optional")]

    def owner(e: Any) -> int | None:
        for n, g in enumerate(golds):
            types = g["type"] if isinstance(g["type"], list) else [g["type"]]
            fits = any(kindred(e.type, t) for t in types)
            if fits and any(a <= e.start < b for a, b in g.get("spans") or []):
                return n
        return None

    events = [(e, owner(e)) for e in assembler.usable()]
    out = []
    for k, (e, ge) in enumerate(events):
        for x, gx in events[:k]:
            if ge is None or gx is None:
                continue
            if not kindred(x.type, e.type):
                continue
            out.append((assembler.join_features(Group([x]), e), int(ge == gx)))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (the bias, column 0, is free)."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[0] = 1e-6
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def choose_threshold(f1: dict[float, float], tolerance: float = 0.0) -> float:
    """The lowest threshold whose held-out F1 is within ``tolerance`` of the best one's."""
    top = max(f1.values())
    return min(t for t, v in f1.items() if v >= top - tolerance - 1e-9)


def fold_of(doc_id: str, folds: int) -> int:
    return int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % folds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", nargs="*", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument(
        "--tolerance",
        type=float,
        default=TOLERANCE,
        help="held-out F1 below the best within which the lowest threshold is chosen",
    )
    ap.add_argument("--write", action="store_true", help="write weights.yaml")
    ap.add_argument(
        "--fit-join",
        action="store_true",
        help="also adopt the fitted join weights (by default they are only measured: on the "
        "gold of 2026-12 the hand-set ones gave the better held-out incident F1, 0.592 to 0.574)",
    )
    args = ap.parse_args()
    files = args.gold or sorted((SHARED / "gold" / "train").glob("*.jsonl")) + sorted(
        (SHARED / "gold" / "dev").glob("*.jsonl")
    )
    if any("check" in f.parts for f in files):
        sys.exit("the check set is measured, never fitted on")
    scorer = load_scorer(SHARED / "tools" / "score.py")
    golds = [json.loads(line) for f in files for line in f.open(encoding="utf-8") if line.strip()]
    pipeline = Pipeline.from_settings()

    # 0. the join model: pairs of mentions, same act or not, held out by document
    pairs = [(g["doc_id"], f, y) for g in golds for f, y in join_pairs(pipeline, g)]
    jnames = sorted({k for _, f, _ in pairs for k in f})

    def jmatrix(rows: list[dict[str, float]]) -> np.ndarray:
        return np.array([[1.0] + [r.get(n, 0.0) for n in jnames] for r in rows]).reshape(
            len(rows), len(jnames) + 1
        )

    right = 0
    hand = 0
    for k in range(args.folds):
        train = [(f, y) for d, f, y in pairs if fold_of(d, args.folds) != k]
        test = [(f, y) for d, f, y in pairs if fold_of(d, args.folds) == k]
        if not train or not test:
            continue
        w = fit(jmatrix([f for f, _ in train]), np.array([y for _, y in train], float), args.l2)
        z = jmatrix([f for f, _ in test]) @ w
        right += int(sum((zi > 0) == bool(y) for zi, (_, y) in zip(z, test, strict=True)))
        hand += sum((Assembler.join_score(f) > 0) == bool(y) for f, y in test)
    print(
        f"join pairs {len(pairs)} ({sum(y for _, _, y in pairs)} of one act): held-out "
        f"accuracy {right / max(1, len(pairs)):.3f} (the weights in force: "
        f"{hand / max(1, len(pairs)):.3f})"
    )
    wj = fit(jmatrix([f for _, f, _ in pairs]), np.array([y for _, _, y in pairs], float), args.l2)
    join = {"bias": round(float(wj[0]), 4)} | {
        n: round(float(v), 4) for n, v in zip(jnames, wj[1:], strict=True)
    }
    print("fitted join weights: " + ", ".join(f"{k} {v:+.2f}" for k, v in join.items()))
    if args.fit_join:
        weights()["join"] = join  # the act model below is fitted on the groups these make
    else:
        join = weights().get("join")  # kept as they are (the hand-set JOIN_FEATURES if none)

    # 1-2. candidate acts and their labels
    docs = []
    for g in golds:
        cands = candidates(pipeline, g)
        docs.append((g, cands, labels(scorer, g, [r for _, r in cands])))
    names = sorted({k for _, cands, _ in docs for f, _ in cands for k in f})

    def matrix(rows: list[dict[str, float]]) -> np.ndarray:
        return np.array([[1.0] + [r.get(n, 0.0) for n in names] for r in rows]).reshape(
            len(rows), len(names) + 1
        )

    # 3. held-out probabilities, fold by fold
    held: list[list[float]] = [[] for _ in docs]
    for k in range(args.folds):
        train = [
            (f, y)
            for (g, cands, ys) in docs
            if fold_of(g["doc_id"], args.folds) != k
            for (f, _), y in zip(cands, ys, strict=True)
            if y is not None
        ]
        w = fit(matrix([f for f, _ in train]), np.array([y for _, y in train], float), args.l2)
        for n, (g, cands, _) in enumerate(docs):
            if fold_of(g["doc_id"], args.folds) == k and cands:
                z = matrix([f for f, _ in cands]) @ w
                held[n] = list(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))

    def evaluate(threshold: float) -> tuple[Any, float]:
        tally = scorer.Tally()
        for (g, cands, _), probs in zip(docs, held, strict=True):
            kept = []
            for (_, rec), p in zip(cands, probs, strict=True):
                if p >= threshold:
                    kept.append({**rec, "confidence": p})
            scorer.score_doc(g, {"doc_id": g["doc_id"], "incidents": kept}, tally)
        return tally, tally.prf("incidents")[2]

    results = {t: evaluate(t) for t in THRESHOLDS}
    best = choose_threshold({t: f for t, (_, f) in results.items()}, args.tolerance)
    tally, f1 = results[best]
    p, r, _ = tally.prf("incidents")
    brier, ece = scorer.calibration(tally.confidence)
    print(f"documents {len(docs)}, candidate acts {sum(len(c) for _, c, _ in docs)}")
    print(
        "held-out incident F1 by threshold: "
        + ", ".join(f"{t}: {results[t][1]:.3f}" for t in THRESHOLDS)
    )
    print(
        f"chosen threshold {best}: held-out incidents P {p:.3f} R {r:.3f} F1 {f1:.3f}; "
        f"confidence Brier {brier:.3f} ECE {ece:.3f}"
    )

    # 4. the model on every document
    rows = [(f, y) for _, cands, ys in docs for (f, _), y in zip(cands, ys, strict=True)]
    rows = [(f, y) for f, y in rows if y is not None]
    w = fit(matrix([f for f, _ in rows]), np.array([y for _, y in rows], float), args.l2)
    act = {"bias": round(float(w[0]), 4)} | {
        n: round(float(v), 4) for n, v in zip(names, w[1:], strict=True) if not math.isclose(v, 0)
    }
    print("weights: " + ", ".join(f"{k} {v:+.2f}" for k, v in act.items()))
    if args.write:
        header = "".join(
            line + "\n"
            for line in WEIGHTS.read_text(encoding="utf-8").splitlines()
            if line[:1] == "#"
        )
        body = yaml.safe_dump(
            {
                "act": act,
                "start_threshold": best,
                **({"join": join} if join else {}),
                "held_out": {
                    "documents": len(docs),
                    "incidents_p": round(p, 3),
                    "incidents_r": round(r, 3),
                    "incidents_f1": round(f1, 3),
                    "brier": round(brier, 3),
                    "ece": round(ece, 3),
                },
            },
            sort_keys=False,
        )
        WEIGHTS.write_text(header + body, encoding="utf-8")
        print(f"wrote {WEIGHTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
