"""Statistics series: breakdowns checked against totals, not read as decreases; bodies apart."""

from __future__ import annotations

from casefile.fuse.stats import Figure, series, side_by_side
from casefile.model import DateRange, Statistic


def fig(value: int, by: str, doc: str, period: tuple[str, str], as_of: str | None = None) -> Figure:
    return Figure(Statistic(value, "victims", "pow", DateRange(*period), as_of, by), doc)


def test_a_breakdown_adds_up_to_its_total_and_is_no_decrease() -> None:
    figures = [
        fig(300, "prosecutors", "p1", ("2022", "2025-05"), "2025-05"),
        fig(40, "prosecutors", "p1", ("2022", "2022")),
        fig(60, "prosecutors", "p1", ("2023", "2023")),
        fig(200, "prosecutors", "p1", ("2024", "2024")),
        fig(250, "prosecutors", "p0", ("2022", "2024-12"), "2024-12"),
    ]
    [s] = series(figures)
    assert [b.to_record()["parts"] for b in s.breakdowns] == [[40, 60, 200]]
    assert [f.statistic.value for f in s.figures] == [250, 300]
    assert s.decreases == []


def test_a_lower_later_total_is_a_decrease_and_bodies_stay_apart() -> None:
    figures = [
        fig(120, "UN monitors", "u1", ("2022", "2024-06"), "2024-06"),
        fig(110, "UN monitors", "u2", ("2022", "2024-09"), "2024-09"),
        fig(300, "prosecutors", "p1", ("2022", "2024-09"), "2024-09"),
    ]
    table = side_by_side(series(figures))
    assert set(table[("victims", "pow")]) == {"UN monitors", "prosecutors"}
    un = table[("victims", "pow")]["UN monitors"]
    assert [(a.statistic.value, b.statistic.value) for a, b in un.decreases] == [(120, 110)]
