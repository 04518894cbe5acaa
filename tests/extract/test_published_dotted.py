"""A publication date written with dots is day first (issue #12: Ukrainian and Russian
sites write "05.11.2024" for 5 November)."""

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
