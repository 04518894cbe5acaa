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


def test_cases_of_killing_count_victims_unless_their_victims_are_counted_apart(stats) -> None:
    got = stats(
        "Since May 2023 the monitors have recorded 52 cases of executions of captured "
        "soldiers in 19 separate incidents."
    )
    assert got == [(19, "cases"), (52, "victims")]
    got = stats("Prosecutors are investigating 61 cases of the execution of 204 captured soldiers.")
    assert (61, "cases") in got and (204, "victims") in got


def test_many_acts_counted_with_their_toll_are_a_statistic(stats) -> None:
    assert stats("Over those 27 massacres, 84 farmers were slaughtered in all.") == [
        (27, "cases"),
        (84, "victims"),
    ]


def test_a_few_massacres_a_body_counts_over_a_period_are_cases(stats) -> None:
    got = stats(
        "The rights group reported that between March 3 and 19, twelve people were killed in "
        "four massacres and seven local leaders were assassinated."
    )
    assert got == [(4, "cases"), (7, "victims"), (12, "victims")]


def test_lives_a_conflict_claimed_over_years(stats) -> None:
    got = stats(
        "The insurgency has gone on, claiming more than 30,000 lives and displacing three "
        "million people since 2011."
    )
    assert got == [(30000, "victims")]


def test_a_part_of_the_prisoners_that_died_since_a_date(stats) -> None:
    got = stats(
        "At least 140 of the 3,000 prisoners released since the war began died in custody, "
        "the agency said."
    )
    assert (140, "victims") in got  # (the whole, 3,000, may be counted besides)


def test_torture_rooms_found_are_cases(stats) -> None:
    got = stats('Officials say more than 12 such "torture rooms" have been found in the region.')
    assert got == [(12, "cases")]


def test_the_city_a_wire_story_was_filed_in_is_no_place_of_the_tally(stats) -> None:
    got = stats(
        "ODESA, Ukraine (AP) - A regional official says shelling has killed seven civilians over "
        "the past 24 hours in the southern province."
    )
    assert got == [(7, "victims")]


def test_people_prosecuted_for_crimes_are_cases_not_victims(stats) -> None:
    got = stats(
        "312 people have been notified of suspicion of war crimes; 45 people have already "
        "been convicted since 2022."
    )
    assert got == [(45, "cases"), (312, "cases")]
    got = stats("The list names 64 suspects of murder, six of whom have already been convicted.")
    assert got == [(6, "cases"), (64, "cases")]


def test_a_figure_told_again_is_one_statistic(stats) -> None:
    got = stats(
        "Prosecutors are investigating 23 cases of the killing of 41 prisoners. The office "
        "said it was investigating 23 cases of the killing of 41 prisoners of war."
    )
    assert got == [(23, "cases"), (41, "victims")]


def test_the_end_of_a_range_of_days_counts_no_acts(stats) -> None:
    got = stats(
        "In a report on the March 14-15 massacres in two villages, the mission found the "
        "killings were revenge for clashes."
    )
    assert got == []


def test_a_breakdown_told_year_first_gives_one_statistic_a_year(stats) -> None:
    got = stats(
        "Since 2022 prosecutors have opened 80 criminal cases of torture of prisoners "
        "(2022: 61, 2023 – 19)."
    )
    assert got == [(19, "cases"), (61, "cases"), (80, "cases")]


@pytest.mark.parametrize(
    "text",
    [
        "Prosecutors opened 12 new criminal proceedings and 3 more investigations.",
        "The mission recorded 40 attacks on civilians and 7 war crimes.",
        "Monitors documented 218 extrajudicial killings in the region.",
        'Police found 14 more "torture cells" in the district.',
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


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("uk", "За даними слідства, вже понад 350 осіб отримали підозри у справах.", 350),
        ("uk", "Наразі засуджено 75 військових армії РФ.", 75),
        ("ru", "По данным ведомства, уже 420 человек получили подозрения.", 420),
    ],
)
def test_people_prosecuted_are_cases_in_a_pack_language(language, text, value) -> None:
    pipeline = Pipeline.from_settings()
    doc = Document.from_text(text, name="t", published="2024-01-02", language=language)
    got = [(s.value, s.counted) for s in pipeline(doc).statistics]
    assert got == [(value, "cases")]


def test_a_prison_term_is_no_prosecuted_count() -> None:
    from casefile.lang import get_pack

    assert get_pack("uk").prosecuted_counts("Суд засудив його до 12 років позбавлення волі.") == []
