"""The sentence typer: hashed features, language guess, and the shipped weights on phrases of
our own."""

from __future__ import annotations

import numpy as np
import pytest

from casefile.learn.typer import N_FEATURES, SentenceTyper, featurize, guess_language
from casefile.vocab import INCIDENT_TYPES


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A shell hit the bakery.", "en"),
        ("Снаряд влучив у пекарню, є поранені.", "uk"),
        ("Снаряд попал в пекарню, жильцы были в подвале.", "ru"),
        ("Снаряд попал в дом.", "cyrillic"),
    ],
)
def test_guess_language_by_letters(text: str, lang: str) -> None:
    assert guess_language(text) == lang


def test_features_are_hashed_signed_and_lowercased() -> None:
    x = featurize(["Drone STRIKE", "drone strike"], ["en", "en"])
    assert x.shape == (2, N_FEATURES)
    assert (x[0] != x[1]).nnz == 0  # case does not matter
    assert (x.data < 0).any() and (x.data > 0).any()  # signed hashing


def test_the_language_is_a_feature() -> None:
    a, b = featurize(["drone strike", "drone strike"], ["en", "uk"])
    assert (a != b).nnz > 0


@pytest.fixture(scope="module")
def typer() -> SentenceTyper:
    return SentenceTyper.load()


def test_shipped_typer_gives_every_type_a_probability(typer: SentenceTyper) -> None:
    (probs,) = typer.predict(["Officials met to discuss the grain harvest."])
    assert list(probs) == INCIDENT_TYPES.values
    assert all(0 < p < 1 for p in probs.values())
    assert typer.predict([]) == []
    assert SentenceTyper.load() is typer  # cached


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        (
            "A Russian drone hit a city bus in Kherson on Tuesday morning, killing two "
            "passengers and wounding nine.",
            "en",
            "attack_on_civilians",
        ),
        (
            "Вранці російський дрон атакував рейсовий автобус у Херсоні, загинули двоє пасажирів.",
            "uk",
            "attack_on_civilians",
        ),
    ],
)
def test_shipped_typer_ranks_the_right_type_first(
    typer: SentenceTyper, sentence: str, lang: str, expected: str
) -> None:
    (probs,) = typer.predict([sentence], lang)
    assert max(probs, key=lambda t: probs[t]) == expected


def test_shipped_typer_tells_a_strike_from_a_meeting(typer: SentenceTyper) -> None:
    strike, meeting = typer.predict(
        [
            "Missiles struck an apartment block overnight, killing five residents.",
            "The ministers met in Brussels to talk about grain exports.",
        ]
    )
    assert strike["attack_on_civilians"] > 0.5 > meeting["attack_on_civilians"]
    assert np.mean(list(meeting.values())) < 0.2
