"""Publication dates as Ukrainian and Russian sites write them (issue #12): with dots, day
first ("05.11.2024" for 5 November), or in words ("5 листопада 2024")."""

from __future__ import annotations

import pytest

from casefile.extract.dates import resolve_published


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("03.04.2023", "2023-04-03"),
        ("03.04.2023 18:05", "2023-04-03"),
        ("7.9.2022", "2022-09-07"),
        ("30.02.2023", None),  # no such day
    ],
)
def test_a_dotted_publication_date_is_day_first(value: str, day: str | None) -> None:
    assert resolve_published(value) == day


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("3 квітня 2023", "2023-04-03"),
        ("3 апреля 2023 г., 18:05", "2023-04-03"),
        ("квітень 2023", None),  # no day
    ],
)
def test_a_publication_date_in_ukrainian_or_russian_words(value: str, day: str | None) -> None:
    assert resolve_published(value) == day
