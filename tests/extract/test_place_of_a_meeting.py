"""A place where parties met (talks held, envoys meeting, an accord signed) in another clause
of the act's sentence is not where the act happened (``events._met_at``); a place the
victims were at in another clause still is. Sentences written for these tests."""

from __future__ import annotations

import pytest

from casefile.model import Analysis


@pytest.fixture(scope="module")
def extract(english):
    return english


def places(a: Analysis) -> list[str | None]:
    return [i.place.name if i.place else None for i in a.incidents]


def test_the_city_of_talks_called_off_after_the_act_is_not_its_place(extract) -> None:
    a = extract(
        "Kharkiv has been shelled for weeks. The next round of talks was to be held in "
        "Istanbul this week, but the opposition walked out after a rocket hit a "
        "school, killing seven children."
    )
    assert places(a) == ["Kharkiv"]


def test_the_city_envoys_were_to_meet_in_is_not_the_act_s_place(extract) -> None:
    a = extract(
        "Kharkiv has been shelled for weeks. The two delegations were due to meet in Geneva "
        "on Friday, but the meeting was cancelled after gunmen killed four farmers."
    )
    assert "Geneva" not in places(a)


def test_the_city_envoys_met_in_while_the_act_happened_is_not_its_place(extract) -> None:
    a = extract(
        "Kharkiv has been shelled for weeks. Gunmen killed four farmers on Friday while the "
        "envoys met in Geneva."
    )
    assert "Geneva" not in places(a)


def test_the_town_people_fled_after_the_act_is_still_its_place(extract) -> None:
    a = extract("Residents fled Izium on Tuesday after shelling killed six civilians.")
    assert places(a) == ["Izium"]


def test_the_town_the_victim_was_leaving_when_shot_is_still_its_place(extract) -> None:
    a = extract("The mayor was driving home from Sumy when gunmen shot him dead.")
    assert places(a) == ["Sumy"]
