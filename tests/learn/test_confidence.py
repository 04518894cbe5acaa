"""Incident confidence: named features of an incident, and the shipped calibrated model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from casefile.extract.sentences import split_sentences
from casefile.learn.confidence import (
    IncidentConfidence,
    feature_names,
    fit,
    incident_features,
)
from casefile.model import Actor, Analysis, Count, DateRange, Document, Incident, Place

TEXT = (
    "A drone hit a minibus in Redford on 4 June 2024, killing three passengers. "
    "The mayor said rescuers worked through the night. "
    "Officials later discussed the budget."
)


class FixedTyper:
    """A typer that gives every sentence the same probabilities (to pin the features)."""

    def __init__(self, probs: dict[str, float]) -> None:
        self.probs = probs
        self.seen: list[str] = []

    def predict(self, texts: Sequence[str], lang: str | None = None) -> list[dict[str, float]]:
        self.seen.extend(texts)
        return [dict(self.probs) for _ in texts]


def analysis_with(incident: Incident) -> Analysis:
    a = Analysis(document=Document.from_text(TEXT, name="made-up", language="en"))
    a.sentences = split_sentences(TEXT)
    a.incidents = [incident]
    return a


def strike(**changes: object) -> Incident:
    inc = Incident(
        type="attack_on_civilians",
        date=DateRange("2024-06-04", "2024-06-04"),
        place=Place("Redford", precision="settlement", lat=50.0, lon=30.0),
        perpetrators=[Actor("Enemy forces", "force")],
        count=Count(3, 3, None),
        victim_category="civilian",
        certainty="reported",
        attribution=["mayor"],
        spans=[(0, TEXT.index("Officials") - 1)],
    )
    for k, v in changes.items():
        setattr(inc, k, v)
    return inc


def test_features_are_named_and_complete() -> None:
    typer = FixedTyper({"attack_on_civilians": 0.8, "torture": 0.1})
    f = incident_features(strike(), analysis_with(strike()), typer)
    assert list(f) == feature_names()
    assert len(typer.seen) == 2  # the two sentences under the spans
    assert f["typer_type_max"] == 0.8 and f["typer_other_max"] == 0.1
    assert f["typer_margin"] == pytest.approx(0.7)
    assert f["has_date"] == f["date_is_day"] == f["has_place"] == f["has_count"] == 1
    assert f["certainty_reported"] == 1 and f["certainty_confirmed"] == 0
    assert f["perpetrator_force"] == 1 and f["type_attack_on_civilians"] == 1
    assert f["n_sentences"] == 2 and f["position"] == 0


def test_a_bare_incident_has_its_fields_absent() -> None:
    bare = Incident(type="torture", spans=[(TEXT.index("Officials"), len(TEXT))])
    f = incident_features(bare, analysis_with(bare), FixedTyper({"torture": 0.05}))
    assert f["has_date"] == f["has_place"] == f["has_count"] == f["has_perpetrators"] == 0
    assert f["n_sentences"] == 1 and f["position"] > 0.5
    assert f["typer_type_max"] == 0.05


def test_fit_and_explain_on_toy_rows() -> None:
    rows = [{"has_date": 1.0, "typer_type_max": 0.9}, {"has_date": 0.0}] * 20
    y = np.array([1, 0] * 20)
    model = fit(rows, y)
    good, bad = model.scores(rows[:2])
    assert good > bad
    parts = dict(model.explain(rows[0]))
    assert sum(parts.values()) + model.intercept == pytest.approx(good)
    assert model.predict([]) == []


@pytest.fixture(scope="module")
def model() -> IncidentConfidence:
    return IncidentConfidence.load()


def test_shipped_model_gives_probabilities_for_its_features(model: IncidentConfidence) -> None:
    assert model.names == feature_names()
    f = incident_features(strike(), analysis_with(strike()))
    (p,) = model.predict([f])
    assert 0 < p < 1


def test_shipped_model_trusts_a_typed_strike_more_than_a_bare_mistyped_act(
    model: IncidentConfidence,
) -> None:
    good = incident_features(strike(), analysis_with(strike()))
    odd = Incident(type="sexual_violence", spans=[(TEXT.index("Officials"), len(TEXT))])
    bad = incident_features(odd, analysis_with(odd))
    p_good, p_bad = model.predict([good, bad])
    assert p_good > p_bad
