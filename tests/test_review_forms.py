"""The web UI's form per field becomes the value `judge` takes (#10)."""

from __future__ import annotations

import pytest

from casefile.errors import ReviewError
from casefile.review import form_value


@pytest.mark.parametrize(
    ("group", "fields", "value"),
    [
        ("date", {"start": "2024-03"}, {"start": "2024-03", "end": "2024-03"}),
        ("date", {"start": "2024-03-01", "end": "2024-03-04"},
         {"start": "2024-03-01", "end": "2024-03-04"}),
        # a date picker gives days: the precision chosen beside it cuts them
        ("date", {"precision": "month", "start": "2024-03-17", "end": ""},
         {"start": "2024-03", "end": "2024-03"}),
        ("date", {"precision": "year", "start": "2022-02-24", "end": "2023-05-01"},
         {"start": "2022", "end": "2023"}),
        ("date", {"precision": "day", "start": "2024-03-17", "end": ""},
         {"start": "2024-03-17", "end": "2024-03-17"}),
        ("place", {"name": " Izium ", "lat": "", "lon": ""}, {"name": "Izium"}),
        (
            "place",
            {"name": "Izium", "admin1": "Kharkiv Oblast", "country": "UA",
             "lat": "49.2", "lon": "37.3"},
            {"name": "Izium", "admin1": "Kharkiv Oblast", "country": "UA",
             "lat": 49.2, "lon": 37.3},
        ),
        ("count", {"low": "5", "best": "6", "high": ""}, {"low": 5, "best": 6, "high": None}),
        ("perpetrators", {"value": "Unit A; Unit B"}, ["Unit A", "Unit B"]),
        ("type", {"value": "torture"}, "torture"),
    ],
)  # fmt: skip
def test_form_values(group: str, fields: dict[str, str], value: object) -> None:
    assert form_value(group, fields) == value


@pytest.mark.parametrize(
    ("group", "fields", "message"),
    [
        ("place", {"name": "X", "lat": "north", "lon": "1"}, "is not lat, lon"),
        ("count", {"best": "six"}, "whole numbers"),
        ("date", {"precision": "week", "start": "2024-03-17"}, "precision 'week'"),
    ],
)
def test_bad_form_values_say_what_is_wrong(
    group: str, fields: dict[str, str], message: str
) -> None:
    with pytest.raises(ReviewError, match=message):
        form_value(group, fields)
