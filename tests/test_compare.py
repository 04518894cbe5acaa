"""The shared features that say whether two incident-like records tell of one act."""

from __future__ import annotations

import pytest

from casefile.compare import (
    Side,
    compare,
    contrast,
    count_fit,
    date_fit,
    perpetrators_fit,
    place_fit,
    type_fit,
    victims_fit,
)
from casefile.model import Actor, Count, DateRange, Incident, Place

KRAMATORSK = Place("Kramatorsk", "UA", "Donetsk Oblast", 48.72305, 37.55629, "settlement")
SLOVIANSK = Place("Sloviansk", "UA", "Donetsk Oblast", 48.8533, 37.6050, "settlement")
DNIPRO = Place("Dnipro", "UA", "Dnipropetrovsk Oblast", 48.4593, 35.03865, "settlement")
DONETSK_OBLAST = Place("Donetsk Oblast", "UA", "Donetsk Oblast", 48.0, 37.8, "admin1")


def side(
    date: tuple[str, str] | None = None,
    place: Place | None = KRAMATORSK,
    published: str | None = "2024-05-02",
    type_: str = "attack_on_civilians",
    category: str = "civilian",
    count: int | None = None,
    perpetrators: tuple[str, ...] = (),
    text: str = "",
    cues: tuple[str, ...] = ("another",),
) -> Side:
    inc = Incident(
        type=type_,
        date=DateRange(*date) if date else None,
        place=place,
        victim_category=category,
        count=Count(best=count) if count is not None else None,
        perpetrators=[Actor(p, "unit") for p in perpetrators],
    )
    return Side(inc, published=published, text=text, contrast=cues)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("2024-05-01", "2024-05-01"), ("2024-05-01", "2024-05-01"), 1.0),
        (("2024-05-01", "2024-05-01"), ("2024-05-03", "2024-05-03"), -1.0),
        (("2024-05", "2024-05"), ("2024-05-01", "2024-05-01"), 1 / 31),
        (("2024", "2024"), ("2024-05", "2024-05"), 31 / 366),
    ],
)
def test_dates_agree_as_much_as_the_narrower_is_precise(a, b, expected) -> None:
    assert date_fit(side(a), side(b)) == pytest.approx(expected)


def test_an_undated_report_is_bounded_by_its_publication() -> None:
    undated = side(None, published="2024-05-02")
    assert date_fit(undated, side(("2024-05-01", "2024-05-01"))) == 0.6
    assert date_fit(undated, side(("2024-05-09", "2024-05-09"))) == -1.0  # after the report


def test_places_are_judged_by_their_precision() -> None:
    assert place_fit(side(place=KRAMATORSK), side(place=KRAMATORSK)) == 1.0
    assert place_fit(side(place=KRAMATORSK), side(place=DNIPRO)) == -1.0
    # Sloviansk is about 15 km from Kramatorsk: close, but less than on top of each other
    assert 0.5 < place_fit(side(place=KRAMATORSK), side(place=SLOVIANSK)) < 1.0
    # an oblast around a town is compatible, not evidence
    assert place_fit(side(place=KRAMATORSK), side(place=DONETSK_OBLAST)) == 0.1


def test_a_growing_toll_is_compatible_a_shrinking_one_is_not() -> None:
    first = side(count=10, published="2024-05-01")
    later = side(count=21, published="2024-05-09")
    assert count_fit(first, later) > 0
    shrunk = side(count=3, published="2024-05-09")
    assert count_fit(first, shrunk) < 0
    assert count_fit(first, side(count=10)) == 1.0


def test_perpetrators_compare_across_scripts() -> None:
    latin = side(perpetrators=("Oleksandr Kovalenko",))
    cyrillic = side(perpetrators=("Олександр Коваленко",))
    other = side(perpetrators=("Petro Shevchuk",))
    assert perpetrators_fit(latin, cyrillic) == 1.0
    assert perpetrators_fit(latin, other) == -0.5
    assert perpetrators_fit(latin, side()) == 0.0


def test_types_victims_and_contrast_cues() -> None:
    assert type_fit(side(), side(type_="attack_on_civilians")) == 1.0
    assert type_fit(side(), side(type_="deportation")) == -1.0
    assert victims_fit(side(category="pow"), side(category="civilian")) == -1.0
    assert victims_fit(side(category="unknown"), side(category="civilian")) == 0.0
    assert contrast(side(text="Another strike hit the town."), side()) == -1.0
    # the cue list is data: a passage in a language without cues given says nothing
    assert contrast(side(text="Another strike hit the town.", cues=()), side(cues=())) == 0.0


def test_compare_explains_each_contribution_and_names_conflicts() -> None:
    a = side(("2024-05-01", "2024-05-01"), count=10)
    b = side(("2024-05-01", "2024-05-01"), count=12, published="2024-05-04")
    result = compare(a, b)
    assert result.score > 0 and not result.conflict
    assert {"date", "place", "type", "count", "bias"} <= set(result.contributions)
    assert result.score == pytest.approx(sum(result.contributions.values()))
    far = compare(a, side(("2024-05-01", "2024-05-01"), place=DNIPRO))
    assert far.conflicts == ["place"] and far.score < result.score
