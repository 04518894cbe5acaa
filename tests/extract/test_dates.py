"""find_dates: what each kind of date expression resolves to, and what is not a date.

Publication dates used below: 2024-03-26 is a Tuesday; 2024-08-01 a Thursday.
"""

from __future__ import annotations

from datetime import date

import pytest

from casefile.extract.dates import DateMatch, find_dates, resolve_published

TUE = "2024-03-26"


def only(text: str, published: str | None) -> DateMatch:
    matches = find_dates(text, published)
    assert len(matches) == 1, matches
    return matches[0]


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("killed on February 16, 2024, near", None, "2024-02-16", "2024-02-16"),
        ("on 16 February 2024", None, "2024-02-16", "2024-02-16"),
        ("on the 16th of February, 2024", None, "2024-02-16", "2024-02-16"),
        ("Saturday, February 17, 2024", None, "2024-02-17", "2024-02-17"),
        ("On 29 July 2022 an explosion", None, "2022-07-29", "2022-07-29"),
        ("Ukrinform,2022-10-08,The bodies", None, "2022-10-08", "2022-10-08"),
        ("dated 16.02.2024", None, "2024-02-16", "2024-02-16"),
        ("SAN SALVADOR, 10 JAN 90 -- [TEXT]", "1990-01-10", "1990-01-10", "1990-01-10"),
        ("in May 2024", None, "2024-05", "2024-05"),
        ("in May of 2023", None, "2023-05", "2023-05"),
        ("in mid-2023", None, "2023", "2023"),
        ("in 2022", None, "2022", "2022"),
        ("in 2022-2023", None, "2022", "2023"),
        ("from 2022 to 2024", None, "2022", "2024"),
        ("in the 1990s", None, "1990", "1999"),
        ("in the first half of 2023", None, "2023-01", "2023-06"),
        ("Fall 2024", None, "2024-09", "2024-11"),
        ("in the autumn of 2024", None, "2024-09", "2024-11"),
        ("the summer of 2022", None, "2022-06", "2022-08"),
        ("spring 2023", None, "2023-03", "2023-05"),
        ("winter 2023-2024", None, "2023-12", "2024-02"),
        ("in the winter of 2022/23", None, "2022-12", "2023-02"),
        ("February 12-16, 2024", None, "2024-02-12", "2024-02-16"),
        ("from 12 to 16 February 2024", None, "2024-02-12", "2024-02-16"),
        ("between Dec. 1, 2023, and Feb. 29, 2024", None, "2023-12-01", "2024-02-29"),
        # the year of the open end comes from the other end, not from publication
        ("between Dec. 1, 2023, and Feb. 29", None, "2023-12-01", "2024-02-29"),
        ("from August 2022 to May 2023", None, "2022-08", "2023-05"),
        ("in March and April 2023", None, "2023-03", "2023-04"),
    ],
)
def test_dates_resolves_absolute(text: str, published: str | None, start: str, end: str) -> None:
    m = only(text, published)
    assert (m.range.start, m.range.end) == (start, end)
    assert not m.relative


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("on the 21st", TUE, "2024-03-21", "2024-03-21"),
        ("on the 28th, when", TUE, "2024-02-28", "2024-02-28"),
        ("by the 31st.", "2024-05-02", "2024-03-31", "2024-03-31"),
    ],
)
def test_dates_resolves_on_the_21st(text: str, published: str, start: str, end: str) -> None:
    m = only(text, published)
    assert (m.range.start, m.range.end, m.relative) == (start, end, True)


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("posted on Feb. 16 showing", TUE, "2024-02-16", "2024-02-16"),
        ("on 29 July", TUE, "2023-07-29", "2023-07-29"),
        ("ON 16 NOVEMBER, AS REPORTED", "1990-01-10", "1989-11-16", "1989-11-16"),
        ("in May this year", "2024-08-01", "2024-05", "2024-05"),
        ("as of May this year", "2024-08-01", "2024-05", "2024-05"),
        ("in May last year", "2024-08-01", "2023-05", "2023-05"),
        ("last May", "2024-08-01", "2024-05", "2024-05"),
        ("last May", TUE, "2023-05", "2023-05"),
        ("in early March", TUE, "2024-03", "2024-03"),
        ("in early March", "2024-02-10", "2023-03", "2023-03"),
        ("As of late February, the office", TUE, "2024-02", "2024-02"),
        ("since 2022", TUE, "2022", TUE),
        ("since early December 2023", "2024-05-02", "2023-12", "2024-05-02"),
        ("over the winter", TUE, "2023-12", "2024-02"),
        ("last summer", TUE, "2023-06", "2023-08"),
        ("on Saturday", TUE, "2024-03-23", "2024-03-23"),
        ("on Tuesday night", TUE, TUE, TUE),
        ("last Tuesday", TUE, "2024-03-19", "2024-03-19"),
        ("yesterday", TUE, "2024-03-25", "2024-03-25"),
        ("today", TUE, TUE, TUE),
        ("last night", TUE, "2024-03-25", "2024-03-25"),
        ("last week", TUE, "2024-03-18", "2024-03-24"),
        ("over the past week", TUE, "2024-03-19", TUE),
        ("last month", TUE, "2024-02", "2024-02"),
        ("last month", "2024-01-10", "2023-12", "2023-12"),
        ("earlier this month", TUE, "2024-03", "2024-03"),
        ("earlier this year", TUE, "2024", "2024"),
        ("three days ago", TUE, "2024-03-23", "2024-03-23"),
        ("between February 12 and 16", TUE, "2024-02-12", "2024-02-16"),
        ("between December 28 and January 3", TUE, "2023-12-28", "2024-01-03"),
        ("on February 25 and 26.", "2026-02-26", "2026-02-25", "2026-02-26"),
        ("on Saturday", "2024-03-26T08:00:00+02:00", "2024-03-23", "2024-03-23"),
        # two months joined by "and", the second taking the first one's cue
        ("in December and January", TUE, "2023-12", "2024-01"),
        # a night written with a slash, or from one day into the next
        ("on the night of 9/10 March", TUE, "2024-03-09", "2024-03-10"),
        ("late Saturday night into Sunday", TUE, "2024-03-23", "2024-03-24"),
        ("over the weekend", TUE, "2024-03-23", "2024-03-24"),
        ("at the end of last month", TUE, "2024-02", "2024-02"),
        ("on Sunday and Monday", TUE, "2024-03-24", "2024-03-25"),
        # the day up to publication, as "the past 24 hours"
        ("over the past day", TUE, "2024-03-25", TUE),
        # a weekday of a week named: that day
        ("on Friday last week", TUE, "2024-03-22", "2024-03-22"),
        ("on Monday this week", TUE, "2024-03-25", "2024-03-25"),
        # a year ago: the month of publication a year before; two or more years ago: the
        # year only (the month would be a guess)
        ("a year ago", TUE, "2023-03", "2023-03"),
        ("two years ago", TUE, "2022", "2022"),
        ("Ten years ago", "2024-09-30", "2014", "2014"),
    ],
)
def test_dates_resolves_relative_to_published(
    text: str, published: str, start: str, end: str
) -> None:
    m = only(text, published)
    assert (m.range.start, m.range.end) == (start, end)
    assert m.relative


@pytest.mark.parametrize(
    "text",
    [
        "268 prisoners were held",
        "the 30th Motorized Rifle Brigade",
        "attacked by the 30th Motorized Rifle Brigade",
        "in the 21st century",
        "under Article 438 of the Criminal Code",
        "12 cases were opened",
        "at 10:30 local time",
        "at 2 a.m.",
        "some 2000 people fled",
        "the 2022 invasion",
        "between 2000 and 2500 people",
        "from 2000 to 3,000 people",
        "troops may march in",
        "next Monday",
        "after the fall of Bakhmut",
        "USA Today reported",
        "Bloody Sunday",
        "on Saturdays",
        "on 03/04/2024",
    ],
)
def test_dates_rejects_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text, TUE) == []


@pytest.mark.parametrize(
    "text", ["on the 21st", "yesterday", "on 29 July", "in May", "last week", "on Saturday"]
)
def test_dates_skips_relative_without_published(text: str) -> None:
    assert find_dates(text, None) == []


def test_dates_leaves_since_open_without_published() -> None:
    m = only("since 2022", None)
    assert (m.range.start, m.range.end, m.relative) == ("2022", None, False)


def test_dates_splits_a_breakdown_by_year() -> None:
    found = [
        (m.text, m.range.start, m.range.end) for m in find_dates("57 in 2022, 11 in 2023", TUE)
    ]
    assert found == [("in 2022", "2022", "2022"), ("in 2023", "2023", "2023")]


def test_dates_takes_a_later_year_for_earlier_days() -> None:
    text = "on December 2 and December 27, and on February 25, 2024"
    found = [(m.range.start, m.relative) for m in find_dates(text, "2024-05-02")]
    assert found == [("2023-12-02", True), ("2023-12-27", True), ("2024-02-25", False)]


def test_dates_reads_a_count_after_a_month_as_a_count() -> None:
    m = only("In May 12 people were killed", "2024-08-01")
    assert (m.text, m.range.start, m.range.end) == ("In May", "2024-05", "2024-05")


def test_dates_keeps_the_longest_overlap() -> None:
    m = only("on Saturday, February 17, 2024 at dawn", None)
    assert m.text == "on Saturday, February 17, 2024"


def test_dates_span_starts_at_the_cue_word() -> None:
    text = "Figures since 2022 show"
    m = only(text, TUE)
    assert (m.text, text[m.start : m.end]) == ("since 2022", "since 2022")


def test_dates_offsets_are_code_points() -> None:
    text = "Київ — 🚀 attack on Saturday"
    m = only(text, TUE)
    assert text[m.start : m.end] == "on Saturday"
    assert m.start == text.index("on Saturday")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-16", "2024-02-16"),
        ("2024-02-16T23:30:00-05:00", "2024-02-16"),
        ("Fri, 16 Feb 2024 23:30:00 -0500", "2024-02-16"),
        ("February 16, 2024", "2024-02-16"),
        ("2024-02", "2024-02"),
        (date(2024, 2, 16), "2024-02-16"),
        ("2024-13-01", None),
        ("2 days ago", None),
        ("", None),
        (None, None),
    ],
)
def test_resolve_published(value: object, expected: str | None) -> None:
    assert resolve_published(value) == expected


def test_a_date_that_names_the_days_of_what_follows_is_a_date() -> None:
    found = [
        (m.text, m.range.start, m.range.end)
        for m in find_dates(
            "UN experts examined the June 3-4 killings in two villages.", "2023-07-01"
        )
    ]
    assert found == [("June 3-4", "2023-06-03", "2023-06-04")]
    assert [m.text for m in find_dates("In May 12 people died.", "2023-07-01")] == ["In May"]


def test_two_weekdays_out_of_order_stay_apart() -> None:
    found = [(m.text, m.range.start) for m in find_dates("on Monday and Sunday", TUE)]
    assert found == [("on Monday", "2024-03-25"), ("Sunday", "2024-03-24")]


def test_a_day_without_its_year_just_after_publication_is_to_come() -> None:
    # told on 26 March: 2 April is a day to come, not one of the year before
    assert find_dates("the strike called for 2 April", TUE) == []
    assert find_dates("a stoppage from March 30", TUE) == []
    # further on, the latest such day before publication, as before
    found = [(m.text, m.range.start) for m in find_dates("on 12 April", TUE)]
    assert found == [("on 12 April", "2023-04-12")]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # a smaller figure after "and" is a figure of its own, not the end of a range
        ("Of them, 41 died in 2023 and 17 since January.", ["2023"]),
        ("12 in 2022, 9 in 2023 and 131 in 2024", ["2022", "2023", "2024"]),
    ],
)
def test_a_year_before_another_figure_is_a_year(text: str, years: list[str]) -> None:
    assert [m.range.start for m in find_dates(text, TUE) if len(m.range.start) == 4] == years


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Ukrainian officials say the shop in Sumy was shelled on the first day of the "
            "full-scale invasion.",
            TUE,
            [("2022-02-24", "2022-02-24")],
        ),
        (
            "A court in Kyiv heard that the tank crew fired at a bus during the early days of "
            "the war.",
            TUE,
            [("2022-02", "2022-03")],
        ),
        (
            "Ukraine says the village was occupied during the opening weeks of Russia's invasion.",
            TUE,
            [("2022-02", "2022-03")],
        ),
        # no war the document names, or told before it began: no date
        ("Gunmen burned a market during the early days of the war, the monitors said.", TUE, []),
        ("Ukraine's army trained in the first days of the war games.", TUE, []),
        ("Kyiv heard witnesses on the first day of the war crimes trial.", TUE, []),
        ("Ukraine says its army held the line during the first days of the war.", "2021-05-04", []),
    ],
)
def test_the_first_days_of_a_war_the_report_names(text, published, expected) -> None:
    from casefile.extract.dates import war_dates

    found = [(m.range.start, m.range.end) for m in war_dates(text, published)]
    assert found == expected


def test_a_wars_first_days_date_an_act_in_a_report_of_that_war() -> None:
    from casefile.extract.pipeline import Pipeline
    from casefile.model import Document

    a = Pipeline.from_settings()(
        Document.from_text(
            "A court in Ukraine sentenced two Russian soldiers who shelled a school in Kharkiv "
            "during the early days of the war, killing a guard.",
            name="t",
            published="2022-06-01",
            language="en",
        )
    )
    assert a.incidents and a.incidents[0].date is not None
    assert (a.incidents[0].date.start, a.incidents[0].date.end) == ("2022-02", "2022-03")
