"""Victim counts from digits and words, with ranges and qualifiers."""

from __future__ import annotations

import pytest

from casefile.extract.counts import find_counts, number
from casefile.lang import get_pack
from casefile.model import Count


@pytest.mark.parametrize(
    ("text", "count", "role"),
    [
        ("footage shows a soldier shooting six unarmed POWs", Count(best=6), "killed"),
        ("The army has shot 16 Ukrainian prisoners of war dead", Count(best=16), "killed"),
        ("At least 23 people were killed", Count(low=23, best=23), "killed"),
        ("between 23 and 30 civilians died", Count(low=23, best=30, high=30), "killed"),
        ("more than 400 bodies were found", Count(low=400, best=400), "killed"),
        ("the strike killed 12 people", Count(best=12), "killed"),
        ("the death toll in the village had risen to 50 people", Count(best=50), "killed"),
        ("bringing the number of people killed in the attack to 51", Count(best=51), "killed"),
        ("Around 30 dead, 100 injured", Count(best=30), "killed"),
        ("two participants were beaten", Count(best=2), "victims"),
        ("twenty-one civilians were deported", Count(best=21), "victims"),
        ("1,200 civilians had been killed", Count(best=1200), "killed"),
        # a range after the verb, a family by its size
        ("the shelling killed 8 to 11 people", Count(low=8, best=11, high=11), "killed"),
        ("the raid killed 40-45 villagers", Count(low=40, best=45, high=45), "killed"),
        ("the bomb killed a family of six", Count(best=6), "killed"),
        # murder verbs; the whole the victims were part of counts no one
        ("gunmen massacred 17 villagers", Count(best=17), "killed"),
        ("militants murdered 60 of its 900 residents", Count(best=60), "killed"),
        # people named by their work
        ("nine farmers were abducted", Count(best=9), "victims"),
        ("40 worshippers were killed", Count(best=40), "killed"),
    ],
)
def test_finds_the_count(text: str, count: Count, role: str) -> None:
    found = find_counts(text)
    assert found, text
    assert (found[0].count, found[0].role) == (count, role)


def test_injured_after_killed_keeps_its_role() -> None:
    roles = [
        (c.count.best, c.role) for c in find_counts("At least 23 people were killed and 28 injured")
    ]
    assert roles == [(23, "killed"), (28, "injured")]


def test_the_whole_some_were_taken_from_is_no_count() -> None:
    found = find_counts("militants murdered 60 of its 900 residents")
    assert [c.count.best for c in found] == [60]
    found = find_counts("four of the 15 hostages were killed")
    assert [(c.count.best, c.role) for c in found] == [(4, "killed")]
    # the victims themselves, after "of the"
    assert [c.count.best for c in find_counts("the shooting of the 13 prisoners")] == [13]


def test_figures_joined_by_and_share_the_role_told_after_them() -> None:
    found = find_counts("A 70-year-old man and a 66-year-old woman were killed in the strike")
    assert [(c.count.best, c.role) for c in found] == [(1, "killed"), (1, "killed")]
    found = find_counts("two women and a young nurse were wounded")
    assert [c.role for c in found] == ["injured", "injured"]


@pytest.mark.parametrize(
    "text",
    [
        "the 30th Motorized Rifle Brigade advanced",
        "her 11-year-old son was taken",
        "Article 438 of the Criminal Code",
        "at 16:00 local time",
        "in 2022 troops were deployed",
        "80% of all executions",
        "after three days of shelling",
    ],
)
def test_rejects_what_is_not_a_count(text: str) -> None:
    assert find_counts(text) == []


@pytest.mark.parametrize(
    ("word", "value"),
    [("six", 6), ("1,200", 1200), ("twenty-one", 21), ("a dozen", 12), ("dozens", None)],
)
def test_number_words(word: str, value: int | None) -> None:
    assert number(word) == value


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("nine thousand", 9000),
        ("two hundred", 200),
        ("a thousand", 1000),
        ("forty thousand", 40000),
    ],
)
def test_hundreds_and_thousands_in_words(word: str, value: int) -> None:
    assert number(word) == value


def test_a_figure_in_thousands_in_words_is_read_whole() -> None:
    (c,) = [c for c in find_counts("nearly two thousand civilians were killed") if c.count.best]
    assert c.count.best == 2000


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Gunmen shot dead a judge outside the courthouse.", "killed"),
        ("A local councillor was wounded when the bomb went off.", "injured"),
    ],
)
def test_one_named_victim_without_a_number_word_is_a_count_of_one(text: str, role: str) -> None:
    found = get_pack("en").victim_counts(text)
    assert [(c.count, c.role) for c in found] == [(Count(best=1), role)]


def test_a_count_of_some_of_those_counted_is_no_toll_of_its_own() -> None:
    from casefile.extract.counts import find_counts

    found = [
        (c.count.best, c.role)
        for c in find_counts("At least 20 people, including four children, were killed.")
    ]
    assert found == [(20, "killed"), (4, "subset")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Eight villagers died in the shelling, three of them teenagers.",
            [(8, "killed"), (3, "subset")],
        ),
        ("Six people were hurt, two of whom were medics.", [(6, "injured"), (2, "subset")]),
        # the part the words after it give a role of its own: the toll, not a part of it
        (
            "Crews pulled 30 people from the ruins, 22 of whom were killed.",
            [(30, "victims"), (22, "killed")],
        ),
    ],
)
def test_a_part_told_as_of_them_is_a_subset(text, expected) -> None:
    found = [(c.count.best, c.role) for c in find_counts(text)]
    assert found == expected


def test_the_verb_right_before_a_count_is_its_role() -> None:
    from casefile.extract.counts import find_counts

    found = [
        (c.count.best, c.role)
        for c in find_counts("A drone hit a house, killing a 60-year-old man and injuring four.")
    ]
    assert found == [(1, "killed"), (4, "injured")]
    assert [c.role for c in find_counts("Around 20 dead, 50 injured in the strike.")] == [
        "killed",
        "injured",
    ]


def test_a_span_of_time_is_no_count() -> None:
    found = find_counts("a court sentenced him to ten years for killing a civilian")
    assert [c.count.best for c in found] == [1]  # the civilian, not the ten years


def test_dozens_counted_by_a_number_word() -> None:
    assert [c.count.low for c in find_counts("more than two dozen civilians were killed")] == [24]


def test_thousands_in_digits_and_a_word() -> None:
    assert number("95 thousand") == 95000 and number("1.5 thousand") == 1500
    assert [c.count.low for c in find_counts("more than 20 thousand residents were deported")] == [
        20000
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each count of the list after "including" is some of those counted
        (
            "Gunmen shot 40 villagers, including six women and 15 children.",
            [(40, "killed"), (6, "subset"), (15, "subset")],
        ),
        (
            "The blast killed 30 people, including a priest, two women and 11 children.",
            [(30, "killed"), (1, "subset"), (2, "subset"), (11, "subset")],
        ),
        # places listed after "including" are no count: the toll after them is one
        (
            "Shells hit several towns, including Lyman and Siversk, and 9 people were killed.",
            [(9, "killed")],
        ),
    ],
)
def test_every_count_of_a_list_after_including_is_a_subset(text, expected) -> None:
    assert [(c.count.best, c.role) for c in find_counts(text)] == expected


def test_a_year_before_a_count_does_not_swallow_it() -> None:
    found = [(c.count.best, c.role) for c in find_counts("a massacre in 2016 of 73 civilians")]
    assert found == [(73, "victims")]


def test_people_taken_after_a_killing_are_not_its_killed() -> None:
    found = find_counts("The militia has killed 310 villagers and abducted more than 1,500 people")
    assert [(c.count.best, c.role) for c in found] == [(310, "killed"), (1500, "victims")]
