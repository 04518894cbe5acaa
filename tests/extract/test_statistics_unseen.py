"""English statistics in the phrasings of genres the rules were not built on (UN and NGO
reports, news wire, other conflicts): each sentence written for these tests."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Document

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stats():
    pipeline = Pipeline.from_settings()

    def run(text: str) -> list[tuple[int, str]]:
        a = pipeline(Document.from_text(text, name="t", published="2024-05-01", language="en"))
        return sorted((s.value, s.counted) for s in a.statistics)

    return run


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a tally told as what it rose to, stands at or reached
        (
            "The number of documented executions of prisoners of war rose to 147 by the end of "
            "the reporting period.",
            [(147, "victims")],
        ),
        (
            "The toll from the massacres now stands at 210 dead, the UN office said on Friday.",
            [(210, "victims")],
        ),
        (
            "The total number of captured soldiers executed by enemy forces has reached 177, "
            "according to the ombudsman.",
            [(177, "victims")],
        ),
        # acts counted by a noun the old list lacked
        (
            "Over the year, the Commission received reports of 3,200 arbitrary arrests.",
            [(3200, "cases")],
        ),
        (
            "Amnesty has documented 23 attacks on hospitals since the fighting began.",
            [(23, "cases")],
        ),
        (
            "The network counted at least 231,000 civilian deaths over the course of the war.",
            [(231000, "victims")],
        ),
        # many killed at one town over a long run
        (
            "The doctors' network said that at least 2,000 civilians had been killed in El Fasher "
            "over the past year.",
            [(2000, "victims")],
        ),
        # a table told as prose
        (
            "Civilian casualties as of 31 May: killed: 11,126; injured: 21,863.",
            [(11126, "victims")],
        ),
        # so many killed that no one act's toll is meant
        (
            "At least 10,500 people have died in the fighting, according to a monitoring group.",
            [(10500, "victims")],
        ),
    ],
)
def test_a_tally_in_other_words(stats, text: str, want: list) -> None:
    assert stats(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The total number of prisoners of war executed on the battlefield is 177, the "
            "prosecutor said.",
            [(177, "victims")],
        ),
        # what is counted comes first: proceedings, though they are over a killing
        (
            "The number of criminal proceedings over the killing of civilians in the region "
            "totals 2,450.",
            [(2450, "cases")],
        ),
        # the injured are no victims of a tally of the dead
        (
            "As of 1 June, the number of children killed was 558 and the number injured was 1,300.",
            [(558, "victims")],
        ),
        # a toll as of an hour of the day is an act's
        ("As of 10:00, the death toll from the strike rose to 45, the official reported.", []),
        ("As of 21:50, the injury toll rose to 25, the official reported.", []),
    ],
)
def test_a_tally_told_as_what_it_is_or_totals(stats, text: str, want: list) -> None:
    assert stats(text) == want


def test_a_tally_in_thousands_told_in_words(stats) -> None:
    got = stats(
        "Nearly two thousand civilians have been killed in the region since the war resumed."
    )
    assert got == [(2000, "victims")]


def test_episodes_of_torture_are_cases_not_victims_besides(stats) -> None:
    got = stats("The war crimes unit is now investigating 72 episodes of torture of civilians.")
    assert got == [(72, "cases")]


def test_the_parts_of_a_tally_are_its_figures_too(stats) -> None:
    got = stats(
        "Since the invasion began, the monitors have verified the deaths of 9,870 civilians, "
        "including 512 children."
    )
    assert got == [(512, "victims"), (9870, "victims")]


def test_a_part_told_in_the_next_sentence_is_a_figure_of_the_same_count(stats) -> None:
    got = stats(
        "The prosecutors have opened 240 criminal proceedings into the torture of prisoners of "
        "war. Of these, 35 concern the southern front."
    )
    assert got == [(35, "cases"), (240, "cases")]
    # not after a sentence that tells no figure, nor a part larger than the whole
    assert stats("The village was shelled on Monday. Of them, 35 were children.") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # days of a month told day first
        (
            "Between 1 and 31 May, 58 civilians were killed in attacks on villages in the "
            "province, the agency said.",
            [(58, "victims")],
        ),
        # a time into a war
        (
            "Two years into the war, 23 aid workers have been killed in the region.",
            [(23, "victims")],
        ),
        # a figure that brings a running total to another
        (
            "Since Friday the ministry has recorded 310 deaths, bringing the total since the "
            "siege began to more than 9,400.",
            [(310, "victims"), (9400, "victims")],
        ),
    ],
)
def test_a_figure_spread_over_days_or_a_war_or_brought_to_a_total(stats, text, want) -> None:
    assert stats(text) == want


def test_a_strike_toll_has_no_parts_to_count(stats) -> None:
    # the one act's toll is no tally, so neither are its parts
    assert stats("The missile killed four people, including two children, in the village.") == []


def test_a_period_told_alone_is_part_of_a_tally(stats) -> None:
    got = stats("In March alone, at least 164 civilians were killed, the monitors said.")
    assert got == [(164, "victims")]


@pytest.mark.parametrize(
    "text",
    [
        # a strike's own toll, and troops sent to do harm
        "The death toll from the strike on the station rose to 8, the mayor said.",
        "He said the army had deployed 30,000 troops to intimidate and murder opposition voters.",
        "Russian forces conducted 23 attacks near the town on Tuesday.",
    ],
)
def test_no_tally(stats, text: str) -> None:
    assert stats(text) == []
