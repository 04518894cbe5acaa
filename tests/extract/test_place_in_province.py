"""A settlement the gazetteer lacks, named with the province it lies in ("<name> market in
<province>", "<name>, <province>"), is that settlement in that province (places._english_area,
geo.lacked), not a namesake abroad nor the wider region a lead sentence names; sentences
written for these tests."""

from __future__ import annotations

import pytest

from casefile.model import Analysis


@pytest.fixture(scope="module")
def extract(english):
    return english


def places(a: Analysis) -> dict[str, tuple[str | None, str | None]]:
    return {m.text: (m.value.country, m.value.precision) for m in a.mentions if m.kind == "place"}


@pytest.mark.parametrize(
    "text",
    [
        "Warplanes bombed Korma market in North Darfur on Sunday, killing nine civilians.",
        "Warplanes bombed Korma, North Darfur, on Sunday, killing nine civilians.",
    ],
)
def test_a_town_named_with_its_province_lies_in_it(extract, text) -> None:
    a = extract(text)
    assert places(a)["Korma"][0] == "SD"


def test_the_act_takes_the_town_rather_than_the_region_of_the_lead(extract) -> None:
    a = extract(
        "A monitoring group accused the army on Monday of bombing a town in the western "
        "region of Darfur. Local volunteers said 40 civilians were killed when jets struck "
        "Korma market in North Darfur."
    )
    assert [i.place.name for i in a.incidents if i.place] == ["Korma"]


def test_people_of_one_town_in_a_province_do_not_place_the_town_there(extract) -> None:
    a = extract("Shelling killed two Kharkiv residents in Donetsk Oblast on Sunday.")
    assert places(a)["Kharkiv"] == ("UA", "settlement")


def test_a_toll_at_a_town_named_with_its_province_is_no_statistic(extract) -> None:
    a = extract(
        "Residents said 230 civilians were killed when jets struck Korma market in North Darfur."
    )
    assert a.statistics == []


@pytest.mark.parametrize(
    "text",
    [
        "The governor accused Kyiv of a drone strike that set a fuel depot on fire, "
        "injuring two workers.",
        "The governor blamed Kyiv for a drone strike that set a fuel depot on fire, "
        "injuring two workers.",
    ],
)
def test_a_capital_one_side_accuses_is_no_place(extract, text) -> None:
    a = extract(text)
    assert a.incidents and all(i.place is None or i.place.name != "Kyiv" for i in a.incidents)


def test_a_list_of_provinces_binds_none_to_the_next(extract) -> None:
    a = extract("Overnight shelling hit Kharkiv Oblast, Donetsk Oblast and Sumy Oblast.")
    kharkiv = next(m.value for m in a.mentions if m.kind == "place" and m.text == "Kharkiv Oblast")
    assert kharkiv.name == "Kharkiv Oblast" and kharkiv.lat is not None and kharkiv.lat > 49.0
