"""Ukrainian and Russian calls to kill in the words of more verbs, and calls whose own words
name the harm: each sentence written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("code", "text", "speaker"),
    [
        # the call names the harm; whom it is done to is a people by its nationality
        ("uk", "Пропагандист Сергій Мардан закликав знищувати українців.", "Serhii Mardan"),
        # a verb of shooting, and the perfective call with the imperfective harm
        (
            "ru",
            "Ведущий Антон Красовский призвал расстреливать украинских детей.",
            "Anton Krasovskiy",
        ),
        ("uk", "Пропагандист Олег Іванов закликав стратити полонених.", "Oleh Ivanov"),
    ],
)
def test_a_call_to_kill_in_more_words(extract, code: str, text: str, speaker: str) -> None:
    a = extract(text, code, "2024-03-10")
    assert [(s.kind, s.speaker) for s in a.statements] == [("incitement", speaker)]


def test_a_call_to_destroy_things_is_no_incitement(extract) -> None:
    a = extract("Депутат Олег Іванов закликав знищити мости через річку.", "uk", "2024-03-10")
    assert a.statements == []
