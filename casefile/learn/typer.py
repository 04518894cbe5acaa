"""Sentence typer: the probability that a sentence reports (part of) an incident of each type.

One-vs-rest logistic regression per type of ``vocab.INCIDENT_TYPES`` over signed, hashed
features (character 3-5-grams inside word boundaries, lower-cased, and the text's language),
so the weights hold bucket numbers, never words. Word unigrams and bigrams were tried beside
them and lowered the held-out average precision (docs/learning.md), so they are left out.
Each type's raw score becomes a probability through a Platt sigmoid fitted on held-out
folds of documents.
The same features read English, Ukrainian and Russian: the model learns from all three.

    typer = SentenceTyper.load()
    typer.predict(["A drone hit a bus ..."])  ->  [{"attack_on_civilians": 0.93, ...}]

It was trained by ``make train`` (``casefile.learn.train``); docs/learning.md lists its data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from ..vocab import INCIDENT_TYPES
from .linear import DATA, FloatArray, Platt, load_weights, save_weights

KIND = "casefile.learn.typer.v1"
WEIGHTS = DATA / "typer.npz"
CHAR_FEATURES = 2**18
LANG_FEATURES = 16
N_FEATURES = CHAR_FEATURES + LANG_FEATURES

# Letters only one of the two Cyrillic languages writes: enough to tell them apart in a sentence.
_UK_ONLY = re.compile(r"[іїєґ]", re.I)
_RU_ONLY = re.compile(r"[ыэёъ]", re.I)
_CYRILLIC = re.compile(r"[а-яА-Я]")


def guess_language(text: str) -> str:
    """'uk', 'ru' or 'en' from the letters; 'cyrillic' where a Cyrillic text shows neither."""
    if _UK_ONLY.search(text):
        return "uk"
    if _RU_ONLY.search(text):
        return "ru"
    return "cyrillic" if _CYRILLIC.search(text) else "en"


@lru_cache(maxsize=1)
def _hashers() -> tuple[Any, Any]:
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.feature_extraction.text import HashingVectorizer

    chars = HashingVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), n_features=CHAR_FEATURES, lowercase=True
    )
    lang = FeatureHasher(n_features=LANG_FEATURES, input_type="string")
    return chars, lang


def featurize(texts: Sequence[str], langs: Sequence[str | None]) -> sparse.csr_matrix:
    """The hashed features of each text (rows), in the model's column order."""
    chars, lang = _hashers()
    tags = [[f"lang={lg or guess_language(t)}"] for t, lg in zip(texts, langs, strict=True)]
    return sparse.hstack([chars.transform(texts), lang.transform(tags)], format="csr")


@dataclass
class SentenceTyper:
    """Linear scores per type (``coef`` rows, ``intercept``) and their Platt sigmoids."""

    types: list[str]
    coef: NDArray[Any]  # (types, N_FEATURES)
    intercept: FloatArray  # (types,)
    platt: list[Platt]
    header: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> SentenceTyper:
        """The shipped weights (or those at ``path``), loaded once per process."""
        return _load(str(path or WEIGHTS))

    def save(self, path: Path) -> None:
        header = dict(self.header, kind=KIND, types=self.types, n_features=N_FEATURES)
        header["platt"] = [[p.a, p.b] for p in self.platt]
        save_weights(
            path,
            header,
            {"coef": self.coef.astype(np.float16), "intercept": self.intercept},
        )

    def scores(self, texts: Sequence[str], lang: str | None = None) -> FloatArray:
        """Raw linear scores, (texts, types)."""
        if not texts:
            return np.zeros((0, len(self.types)))
        x = featurize(list(texts), [lang] * len(texts))
        return np.asarray(x @ self.coef.T.astype(np.float64)) + self.intercept

    def predict(self, texts: Sequence[str], lang: str | None = None) -> list[dict[str, float]]:
        """For each text, the calibrated probability of each incident type. ``lang`` ('en',
        'uk', 'ru') is a feature; left out, it is guessed from each text's letters."""
        s = self.scores(texts, lang)
        probs = np.column_stack([p(s[:, k]) for k, p in enumerate(self.platt)]) if len(s) else s
        return [{t: round(float(row[k]), 4) for k, t in enumerate(self.types)} for row in probs]


@lru_cache(maxsize=4)
def _load(path: str) -> SentenceTyper:
    header, arrays = load_weights(Path(path), KIND)
    types = list(header["types"])
    unknown = [t for t in types if t not in INCIDENT_TYPES]
    if unknown or arrays["coef"].shape != (len(types), N_FEATURES):
        from ..errors import KnowledgeError

        raise KnowledgeError(
            f"{path}: typer weights for other types or features ({unknown or 'shape'}); "
            "run `make train`"
        )
    return SentenceTyper(
        types=types,
        coef=arrays["coef"].astype(np.float32),
        intercept=arrays["intercept"].astype(np.float64),
        platt=[Platt(a, b) for a, b in header["platt"]],
        header=header,
    )


def fit(
    x: sparse.csr_matrix,
    labels: NDArray[Any],
    weights: NDArray[Any],
    types: Sequence[str],
    c: float = 1.0,
) -> tuple[NDArray[Any], FloatArray]:
    """One-vs-rest logistic regressions (class_weight balanced): ``labels`` is (rows, types)
    with 1, 0, or -1 where a row says nothing about a type (left out of that type's fit)."""
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((len(types), x.shape[1]), dtype=np.float32)
    intercept = np.zeros(len(types))
    for k in range(len(types)):
        rows = labels[:, k] >= 0
        y = labels[rows, k]
        if y.min() == y.max():
            intercept[k] = 10.0 if y.max() else -10.0
            continue
        # fit on the buckets these rows use (the others get no weight under the L2 penalty
        # anyway): the solver's cost then grows with the data, not with 2^18 buckets
        xk = x[rows]
        used = np.unique(xk.indices)
        lr = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=500)
        lr.fit(xk[:, used], y, sample_weight=weights[rows])
        coef[k, used] = lr.coef_[0]
        intercept[k] = lr.intercept_[0]
    return coef, intercept
