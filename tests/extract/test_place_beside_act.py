"""An act whose own sentences name no place may take one from the sentence before it, where
that sentence tells no other act (assemble.Assembler.place); but only a place in the country
most of the report's places lie in (``Assembler.at_home``): not the foreign city where talks
were held, nor a continent named inside an organisation's name. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from casefile.model import Analysis


@pytest.fixture(scope="module")
def extract(english):
    return english


def killings(a: Analysis) -> list[str | None]:
    return [
        i.place.name if i.place else None for i in a.incidents if i.type == "killing_of_civilians"
    ]


def test_a_foreign_city_of_talks_does_not_place_the_act_told_next(extract) -> None:
    a = extract(
        "Rebels shelled the market in Kharkiv on Monday, killing four residents. Two more "
        "people died in Izium on Tuesday. The two delegations met in Geneva on Wednesday to "
        "discuss a truce. Gunmen murdered a village priest and his wife on Thursday night."
    )
    assert killings(a) == [None]


def test_a_continent_in_a_name_does_not_place_the_act_told_next(extract) -> None:
    a = extract(
        "Soldiers burned houses in a village near Kharkiv on Monday, killing four residents. "
        "Two more people died in Izium on Tuesday. The marchers came from a charity that helps "
        "refugees across Europe. They said gunmen had murdered a village priest and his wife "
        "on Thursday."
    )
    assert "Europe" not in killings(a)


def test_a_town_of_the_report_s_country_still_places_the_act_told_next(extract) -> None:
    a = extract(
        "Rebels shelled the market in Kharkiv on Monday, killing four residents. The village "
        "of Izium lies to the south-east. Gunmen murdered a village priest and his wife there "
        "on Thursday night."
    )
    assert "Izium" in killings(a)
