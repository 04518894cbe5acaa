"""Breakdowns are checked against their totals and kept out of the series (no "decrease");
different bodies' figures for one measure stay side by side."""

from __future__ import annotations

from casefile.figures import conflicts_of, series_of, side_by_side
from casefile.model import DateRange, Statistic
from casefile.store.view import StoredStatistic


def fig(
    value: int, by: str, doc: str, period: tuple[str, str], as_of: str | None = None
) -> StoredStatistic:
    stat = Statistic(value, "victims", "pow", DateRange(*period), as_of, by)
    return StoredStatistic(f"{doc}-{value}", doc, doc, "2025-06-01", stat)


def test_a_breakdown_adds_up_to_its_total_and_is_no_decrease() -> None:
    figures = [
        fig(300, "prosecutors", "p1", ("2022", "2025-05"), "2025-05"),
        fig(40, "prosecutors", "p1", ("2022", "2022")),
        fig(60, "prosecutors", "p1", ("2023", "2023")),
        fig(200, "prosecutors", "p1", ("2024", "2024")),
        fig(250, "prosecutors", "p0", ("2022", "2024-12"), "2024-12"),
    ]
    [s] = series_of(figures)
    assert [b["parts"] for b in s.breakdowns] == [[40, 60, 200]]
    assert [p.value for p in s.points] == [250, 300]
    assert conflicts_of([s]) == []


def test_parts_that_do_not_add_up_stay_in_the_series() -> None:
    figures = [
        fig(300, "prosecutors", "p1", ("2022", "2025-05"), "2025-05"),
        fig(40, "prosecutors", "p1", ("2022", "2022")),
        fig(70, "prosecutors", "p1", ("2023", "2023")),
    ]
    [s] = series_of(figures)
    assert s.breakdowns == [] and len(s.points) == 3


def test_a_lower_later_total_is_a_decrease_and_bodies_stay_apart() -> None:
    figures = [
        fig(120, "UN monitors", "u1", ("2022", "2024-06"), "2024-06"),
        fig(110, "UN monitors", "u2", ("2022", "2024-09"), "2024-09"),
        fig(300, "prosecutors", "p1", ("2022", "2024-09"), "2024-09"),
    ]
    series = series_of(figures)
    table = side_by_side(series)
    assert set(table["victims/pow"]) == {"UN monitors", "prosecutors"}
    assert [c.kind for c in conflicts_of(series)] == ["decrease"]
