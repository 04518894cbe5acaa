"""English statistics that count acts by their noun, on sentences written for these tests."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Document


@pytest.fixture(scope="module")
def stats():
    pipeline = Pipeline.from_settings()

    def run(text: str) -> list[tuple[int, str]]:
        a = pipeline(Document.from_text(text, name="t", published="2024-03-10", language="en"))
        return sorted((s.value, s.counted) for s in a.statistics)

    return run


def test_killings_a_body_documented_count_their_victims(stats) -> None:
    got = stats("The monitors documented at least 45 extrajudicial killings of detainees in 2023.")
    assert got == [(45, "victims")]


def test_abuses_a_body_recorded_are_cases(stats) -> None:
    got = stats("Investigators recorded 27 human rights violations against prisoners last year.")
    assert (27, "cases") in got


def test_cases_of_a_disappearance_are_cases(stats) -> None:
    assert stats("The mission verified 16 cases of enforced disappearance across the country.") == [
        (16, "cases")
    ]


def test_a_few_killings_told_by_a_witness_are_no_statistic(stats) -> None:
    assert stats("A farmer said he saw two killings in his village on Monday.") == []


def test_cases_a_body_documented_count_though_the_sentence_names_a_town(stats) -> None:
    got = stats("In Herat, the mission has documented at least 9 instances of rights violations.")
    assert got == [(9, "cases")]


def test_possible_crimes_and_thousands_are_counted(stats) -> None:
    assert stats("Investigators have identified more than 8,000 possible war crimes.") == [
        (8000, "cases")
    ]
    assert stats("We have registered more than 95 thousand cases of war crimes.") == [
        (95000, "cases")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Prosecutors opened 12 new criminal proceedings and 3 more investigations.",
        "The mission recorded 40 attacks on civilians and 7 war crimes.",
        "Monitors documented 218 extrajudicial killings in the region.",
        "The talks resumed on Monday with 12 delegates.",
        "The mission’s staff recorded 40 more cases.",
        "Prosecutors opened 12 new criminal ca\u017fes.",  # a long s, which ignoring case is "s"
    ],
)
def test_the_gated_patterns_find_what_the_patterns_find(text: str) -> None:
    from casefile.extract.statistics import ACTS, CASES

    for gated in (CASES, ACTS):
        assert [m.span() for m in gated.finditer(text)] == [
            m.span() for m in gated.pattern.finditer(text)
        ]
        assert bool(gated.search(text)) == bool(gated.pattern.search(text))
