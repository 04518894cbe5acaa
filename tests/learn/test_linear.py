"""Platt calibration, folds by document, calibration figures and weight files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from casefile.errors import KnowledgeError
from casefile.learn.linear import (
    Platt,
    brier,
    cross_fitted_platt,
    ece,
    fit_platt,
    group_folds,
    load_weights,
    save_weights,
)


def test_platt_matches_the_rate_of_positives_at_each_score() -> None:
    rng = np.random.default_rng(0)
    scores = rng.normal(size=4000)
    truth = 1 / (1 + np.exp(-(2 * scores - 1)))  # the true probability at each score
    y = (rng.random(4000) < truth).astype(int)
    p = fit_platt(scores, y)
    assert p.a == pytest.approx(2, abs=0.3)
    assert p.b == pytest.approx(-1, abs=0.2)
    assert ece(p(scores), y) < 0.03


def test_platt_of_one_class_is_a_smoothed_constant() -> None:
    p = fit_platt([0.1, 0.5, 2.0], [0, 0, 0])
    assert p.a == 0
    assert p(np.array([5.0]))[0] == pytest.approx(1 / 5)


def test_cross_fitted_platt_never_fits_on_the_fold_it_calibrates() -> None:
    scores = np.array([0.0, 0.0, 1.0, 1.0])
    y = np.array([0, 1, 1, 1])
    folds = np.array([0, 0, 1, 1])
    p = cross_fitted_platt(scores, y, folds)
    # fold 1 (all positives) is calibrated on fold 0 alone (one of two positive)
    assert p[2] == pytest.approx(fit_platt(scores[:2], y[:2])(scores[2:3])[0])


def test_group_folds_keep_a_document_in_one_fold() -> None:
    groups = ["a", "a", "b", "c", "c", "c", "d", "e", "f"]
    folds = group_folds(groups, 3)
    for g in set(groups):
        assert len({f for f, h in zip(folds, groups, strict=True) if h == g}) == 1
    assert set(folds) == {0, 1, 2}


def test_brier_and_ece_of_perfect_and_of_constant_guesses() -> None:
    y = np.array([1, 0, 1, 0])
    assert brier(y.astype(float), y) == 0
    assert brier(np.full(4, 0.5), y) == pytest.approx(0.25)
    assert ece(np.full(4, 0.5), y) == pytest.approx(0.0)
    assert ece(np.full(4, 0.9), y) == pytest.approx(0.4)


def test_weights_round_trip_and_say_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "w.npz"
    save_weights(path, {"kind": "k1", "x": [1, 2]}, {"coef": np.arange(3.0)})
    header, arrays = load_weights(path, "k1")
    assert header["x"] == [1, 2]
    assert arrays["coef"].tolist() == [0.0, 1.0, 2.0]
    with pytest.raises(KnowledgeError, match="not 'k2'"):
        load_weights(path, "k2")
    with pytest.raises(KnowledgeError, match="make train"):
        load_weights(tmp_path / "missing.npz", "k1")
    (tmp_path / "bad.npz").write_text("not a zip")
    with pytest.raises(KnowledgeError, match="not a k1 weight file"):
        load_weights(tmp_path / "bad.npz", "k1")


def test_platt_is_monotone_and_bounded() -> None:
    p = Platt(1.5, -0.5)(np.array([-100.0, -1.0, 0.0, 1.0, 100.0]))
    assert np.all(np.diff(p) > 0)
    assert 0 < p[0] < p[-1] < 1
