"""What the learned scorers share: Platt calibration, weight files, folds over documents.

Every model in ``casefile.learn`` is linear over hashed or named features, so a weight file
is a handful of numpy arrays (``.npz``) plus a JSON header: no pickled objects, nothing that
ties the weights to a scikit-learn version, and no text or vocabulary (hashed features are
bucket numbers). Probabilities are calibrated with Platt's sigmoid fitted on *held-out*
scores (folds grouped by document), never on the scores of the data a model was fitted on.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import KnowledgeError

DATA = Path(__file__).parent / "data"
SEED = 20261206

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Platt:
    """p = sigmoid(a * score + b): a raw linear score made into a calibrated probability."""

    a: float = 1.0
    b: float = 0.0

    def __call__(self, scores: FloatArray) -> FloatArray:
        z = np.clip(self.a * np.asarray(scores, dtype=np.float64) + self.b, -35.0, 35.0)
        return 1.0 / (1.0 + np.exp(-z))


def fit_platt(scores: Sequence[float] | FloatArray, y: Sequence[int] | NDArray[Any]) -> Platt:
    """Platt's sigmoid for held-out ``scores`` and 0/1 labels ``y``, with his smoothed targets
    ((n+ + 1)/(n+ + 2) and 1/(n- + 2)) so that a few examples cannot make it certain."""
    from sklearn.linear_model import LogisticRegression

    s = np.asarray(scores, dtype=np.float64).reshape(-1, 1)
    yy = np.asarray(y, dtype=int)
    pos, neg = int(yy.sum()), int(len(yy) - yy.sum())
    if pos == 0 or neg == 0:
        # one class only: a constant at the smoothed base rate
        rate = (pos + 1) / (len(yy) + 2)
        return Platt(0.0, float(np.log(rate / (1 - rate))))
    hi, lo = (pos + 1) / (pos + 2), 1 / (neg + 2)
    # the smoothed targets as two weighted copies of each example
    xs = np.vstack([s, s])
    ys = np.concatenate([np.ones(len(yy)), np.zeros(len(yy))]).astype(int)
    t = np.where(yy == 1, hi, lo)
    w = np.concatenate([t, 1 - t])
    lr = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
    lr.fit(xs, ys, sample_weight=w)
    return Platt(float(lr.coef_[0, 0]), float(lr.intercept_[0]))


def cross_fitted_platt(scores: FloatArray, y: NDArray[Any], folds: NDArray[Any]) -> FloatArray:
    """Held-out probabilities for held-out scores: the sigmoid applied to fold k is fitted on
    the other folds only, so that no label judges the calibration it helped to fit."""
    out = np.zeros(len(scores))
    for k in np.unique(folds):
        test = folds == k
        out[test] = fit_platt(scores[~test], y[~test])(scores[test])
    return out


def group_folds(groups: Sequence[str], n_folds: int = 5) -> NDArray[np.int_]:
    """Fold number of each row; rows of one document always share a fold (GroupKFold)."""
    from sklearn.model_selection import GroupKFold

    g = np.asarray(groups)
    folds = np.full(len(g), -1)
    n = min(n_folds, len(set(groups)))
    for k, (_, test) in enumerate(GroupKFold(n_splits=n).split(g, groups=g)):
        folds[test] = k
    return folds


def brier(p: Sequence[float] | FloatArray, y: Sequence[int] | NDArray[Any]) -> float:
    pp, yy = np.asarray(p, dtype=float), np.asarray(y, dtype=float)
    return float(np.mean((pp - yy) ** 2)) if len(pp) else 0.0


def ece(p: Sequence[float] | FloatArray, y: Sequence[int] | NDArray[Any], bins: int = 10) -> float:
    """Expected calibration error over ten equal-width bins (as score.py computes it)."""
    pp, yy = np.asarray(p, dtype=float), np.asarray(y, dtype=float)
    if not len(pp):
        return 0.0
    idx = np.minimum((pp * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        sel = idx == b
        if sel.any():
            total += sel.sum() / len(pp) * abs(pp[sel].mean() - yy[sel].mean())
    return float(total)


def save_weights(path: Path, header: dict[str, Any], arrays: dict[str, NDArray[Any]]) -> None:
    """Arrays and a JSON header in one compressed ``.npz``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    blob = np.frombuffer(json.dumps(header, sort_keys=True).encode("utf-8"), dtype=np.uint8)
    with path.open("wb") as fh:
        np.savez_compressed(fh, header=blob, **arrays)  # type: ignore[arg-type]  # numpy stubs type **kwds as allow_pickle


def load_weights(path: Path, kind: str) -> tuple[dict[str, Any], dict[str, NDArray[Any]]]:
    """The header and arrays of a weight file written by :func:`save_weights`; a missing or
    malformed file is a KnowledgeError that says how to make it."""
    hint = "run `make train` to write the model weights"
    if not path.is_file():
        raise KnowledgeError(f"{path}: no {kind} weights here ({hint})")
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        header = json.loads(bytes(arrays.pop("header")).decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as e:
        raise KnowledgeError(f"{path}: not a {kind} weight file: {e} ({hint})") from None
    if header.get("kind") != kind:
        raise KnowledgeError(f"{path}: holds {header.get('kind')!r} weights, not {kind!r}")
    return header, arrays
