"""Figures as series, and the conflicts between them."""

from __future__ import annotations

from casefile.figures import conflicts_of, series_of
from casefile.model import DateRange, Statistic
from casefile.store.view import StoredStatistic


def figure(value: int, as_of: str | None, doc: str, by: str = "PGO") -> StoredStatistic:
    return StoredStatistic(
        f"{doc}-{value}",
        doc,
        doc,
        "2025-01-01",
        Statistic(value, "victims", "pow", DateRange("2022-02", None), as_of, by),
    )


def test_series_group_by_what_is_counted_and_by_whom() -> None:
    series = series_of(
        [
            figure(120, "2024-10-01", "a"),
            figure(40, "2023-01-01", "b"),
            figure(7, None, "c", by="OHCHR"),
        ]
    )
    assert [s.key for s in series] == ["victims/pow/PGO", "victims/pow/OHCHR"]
    assert [p.value for p in series[0].points] == [40, 120]
    assert series[1].points[0].date == "2025-01-01"  # undated: the document's publication


def test_conflicts_same_date_and_a_falling_total() -> None:
    found = conflicts_of(
        series_of(
            [
                figure(120, "2024-10-01", "a"),
                figure(125, "2024-10-01", "b"),
                figure(90, "2024-12-01", "c"),
                figure(150, "2025-02-01", "d"),
            ]
        )
    )
    assert [c.kind for c in found] == ["same_date", "decrease"]
    assert found[0].message == "victims/pow/PGO on 2024-10-01: 120 (a), 125 (b)"
    assert "90 on 2024-12-01 (c) is lower than 125 on 2024-10-01 (b)" in found[1].message
