"""Incident confidence: the calibrated probability that an extracted incident is real and of
its type, from named features of the Incident and the Analysis it came from.

The features (``incident_features``) read only the Incident's fields and spans and the
Analysis' sentences, never a stage's internals, so the model is retrained by ``make train``
against whatever incidents stage is current: the labels are whether the current pipeline's
incidents match a gold incident under the scorer's matching rule (docs/learning.md).
A logistic regression over the standardised features gives a score; a Platt sigmoid fitted
on held-out folds (grouped by document) makes it a probability. ``explain`` gives each
feature's share of the score, in the manner of the geocoder's ranked features.

    model = IncidentConfidence.load()
    model.predict([incident_features(incident, analysis)])  ->  [0.83]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from ..errors import KnowledgeError
from ..model import Analysis, Incident, Sentence
from ..vocab import INCIDENT_TYPES
from .linear import DATA, FloatArray, Platt, load_weights, save_weights

KIND = "casefile.learn.confidence.v1"
WEIGHTS = DATA / "confidence.npz"
CERTAINTIES = ("confirmed", "reported", "alleged", "disputed")
VICTIMS = ("civilian", "pow", "unknown")
ACTOR_KINDS = ("unit", "force", "group", "person")


class Typer(Protocol):
    def predict(self, texts: Sequence[str], lang: str | None = None) -> list[dict[str, float]]: ...


def _sentences_of(incident: Incident, analysis: Analysis) -> list[Sentence]:
    sents = analysis.sentences
    if not sents:
        from ..extract.sentences import split_sentences

        sents = split_sentences(analysis.text)
    return [s for s in sents if any(a < s.end and s.start < b for a, b in incident.spans)]


def incident_features(
    incident: Incident, analysis: Analysis, typer: Typer | None = None
) -> dict[str, float]:
    """Named features of one incident (each 0/1 or a small number); ``typer`` defaults to the
    shipped sentence typer (training passes one that never saw the document)."""
    from .typer import SentenceTyper

    typer = typer or SentenceTyper.load()
    sents = _sentences_of(incident, analysis)
    probs = typer.predict([s.text for s in sents], analysis.document.language) if sents else []
    own = [p.get(incident.type, 0.0) for p in probs]
    other = [max((v for t, v in p.items() if t != incident.type), default=0.0) for p in probs]
    span_chars = sum(b - a for a, b in incident.spans)
    first = min((a for a, _ in incident.spans), default=0)
    same_type = sum(1 for i in analysis.incidents if i.type == incident.type)
    date = incident.date
    f: dict[str, float] = {
        "typer_type_max": max(own, default=0.0),
        "typer_type_mean": float(np.mean(own)) if own else 0.0,
        "typer_other_max": max(other, default=0.0),
        "typer_margin": max(own, default=0.0) - max(other, default=0.0),
        "has_date": float(date is not None),
        "date_is_day": float(
            bool(date and date.start and len(date.start) == 10 and date.start == date.end)
        ),
        "has_place": float(incident.place is not None),
        "place_is_settlement": float(
            bool(incident.place and incident.place.precision == "settlement")
        ),
        "has_coordinates": float(bool(incident.place and incident.place.lat is not None)),
        "has_count": float(bool(incident.count and incident.count.best is not None)),
        "count_log": math.log1p((incident.count.best or 0) if incident.count else 0),
        "has_perpetrators": float(bool(incident.perpetrators)),
        "n_perpetrators": float(len(incident.perpetrators)),
        "has_attribution": float(bool(incident.attribution)),
        "n_evidence": float(len(incident.evidence)),
        "n_spans": float(len(incident.spans)),
        "span_chars_log": math.log1p(span_chars),
        "n_sentences": float(len(sents)),
        "position": first / max(len(analysis.text), 1),
        "doc_incidents_log": math.log1p(len(analysis.incidents)),
        "same_type_incidents_log": math.log1p(same_type),
        "doc_chars_log": math.log1p(len(analysis.text)),
        "english": float((analysis.document.language or "en") == "en"),
    }
    for c in CERTAINTIES:
        f[f"certainty_{c}"] = float(incident.certainty == c)
    for v in VICTIMS:
        f[f"victims_{v}"] = float(incident.victim_category == v)
    for k in ACTOR_KINDS:
        f[f"perpetrator_{k}"] = float(any(p.kind == k for p in incident.perpetrators))
    for t in INCIDENT_TYPES.values:
        f[f"type_{t}"] = float(incident.type == t)
    return f


def feature_names() -> list[str]:
    """Every feature incident_features() returns, in the model's order."""
    return (
        [
            "typer_type_max",
            "typer_type_mean",
            "typer_other_max",
            "typer_margin",
            "has_date",
            "date_is_day",
            "has_place",
            "place_is_settlement",
            "has_coordinates",
            "has_count",
            "count_log",
            "has_perpetrators",
            "n_perpetrators",
            "has_attribution",
            "n_evidence",
            "n_spans",
            "span_chars_log",
            "n_sentences",
            "position",
            "doc_incidents_log",
            "same_type_incidents_log",
            "doc_chars_log",
            "english",
        ]
        + [f"certainty_{c}" for c in CERTAINTIES]
        + [f"victims_{v}" for v in VICTIMS]
        + [f"perpetrator_{k}" for k in ACTOR_KINDS]
        + [f"type_{t}" for t in INCIDENT_TYPES.values]
    )


@dataclass
class IncidentConfidence:
    names: list[str]
    mean: FloatArray
    scale: FloatArray
    coef: FloatArray
    intercept: float
    platt: Platt
    header: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> IncidentConfidence:
        """The shipped weights (or those at ``path``), loaded once per process."""
        return _load(str(path or WEIGHTS))

    def save(self, path: Path) -> None:
        header = dict(self.header, kind=KIND, names=self.names, intercept=self.intercept)
        header["platt"] = [self.platt.a, self.platt.b]
        save_weights(path, header, {"mean": self.mean, "scale": self.scale, "coef": self.coef})

    def _matrix(self, rows: Sequence[dict[str, float]]) -> FloatArray:
        x = np.array([[float(r.get(n, 0.0)) for n in self.names] for r in rows], dtype=float)
        return (x - self.mean) / self.scale

    def scores(self, rows: Sequence[dict[str, float]]) -> FloatArray:
        if not rows:
            return np.zeros(0)
        return np.asarray(self._matrix(rows) @ self.coef + self.intercept)

    def predict(self, rows: Sequence[dict[str, float]]) -> list[float]:
        """The calibrated probability that each incident (its features) is real and of its type."""
        return [round(float(p), 4) for p in self.platt(self.scores(rows))]

    def explain(self, row: dict[str, float]) -> list[tuple[str, float]]:
        """Each feature's share of the raw score, largest first (before calibration)."""
        parts = self._matrix([row])[0] * self.coef
        return sorted(
            zip(self.names, (float(p) for p in parts), strict=True), key=lambda x: -abs(x[1])
        )


@lru_cache(maxsize=4)
def _load(path: str) -> IncidentConfidence:
    header, arrays = load_weights(Path(path), KIND)
    names = list(header["names"])
    if len(names) != len(arrays["coef"]):
        raise KnowledgeError(f"{path}: confidence weights do not match their feature names")
    return IncidentConfidence(
        names,
        arrays["mean"],
        arrays["scale"],
        arrays["coef"],
        float(header["intercept"]),
        Platt(*header["platt"]),
        header,
    )


def fit(rows: Sequence[dict[str, float]], y: NDArray[Any], c: float = 1.0) -> IncidentConfidence:
    """A logistic regression over the standardised named features (no calibration yet)."""
    from sklearn.linear_model import LogisticRegression

    names = feature_names()
    x = np.array([[float(r.get(n, 0.0)) for n in names] for r in rows], dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=2000)
    if len(set(y.tolist())) < 2:
        coef, intercept = np.zeros(len(names)), 0.0
    else:
        lr.fit((x - mean) / scale, y)
        coef, intercept = lr.coef_[0], float(lr.intercept_[0])
    return IncidentConfidence(names, mean, scale, coef, intercept, Platt())
