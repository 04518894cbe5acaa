"""An attack told only by whom or what it was done to (attack_on_civilians.yaml, the rule with
``target: true``): the parse must show a person, people or a place people use as its object."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.extract.types import concepts
from casefile.model import Analysis, Document


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline.from_settings()

    def run(text: str) -> Analysis:
        return pipeline(Document.from_text(text, name="t", published="1990-03-10", language="en"))

    return run


def attacks(a: Analysis) -> list[str]:
    return [a.text[e.start : e.end] for e in a.events if e.type == "attack_on_civilians"]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked the mayor's house on the main square last night.",
        "Masked men opened fire on a crowded bus outside the market town.",
        "The government condemned the attack on the newspaper's offices.",
        "Unknown assailants attacked Carlos Mendez as he left his office.",
    ],
)
def test_an_attack_on_a_person_or_a_place_people_use_is_an_act(extract, text) -> None:
    assert attacks(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked an army post near the river before dawn.",
        "The senator verbally attacked the minister during the debate.",
        "Commentators attacked the new budget on Tuesday.",
    ],
)
def test_an_attack_on_no_civilian_target_is_no_act(extract, text) -> None:
    assert attacks(extract(text)) == []


def test_in_capitals_the_target_is_read_from_the_mixed_case_copy(extract) -> None:
    a = extract("LAST NIGHT UNIDENTIFIED MEN ATTACKED THE HOUSE OF A LOCAL JUDGE IN THE CAPITAL.")
    assert attacks(a) == ["ATTACKED"]


def test_personnel_are_no_civilians() -> None:
    words = concepts()
    assert words.find("civilian", "en", "military personnel were hurt") == []
    assert words.find("civilian", "en", "two persons were hurt")


@pytest.mark.parametrize(
    "text",
    [
        "Guerrillas ambushed an army convoy on the highway near the river, wounding nine soldiers.",
        "REBELS AMBUSHED A MILITARY CONVOY ON THE COASTAL ROAD YESTERDAY AND LEFT 12 CASUALTIES.",
        "Drones hit two military vehicles carrying ammunition on the road on Sunday.",
    ],
)
def test_an_attack_on_a_military_convoy_or_vehicle_is_no_act(extract, text) -> None:
    a = extract(text)
    assert attacks(a) == []
    assert a.incidents == []


def test_a_convoy_of_aid_stays_a_civil_target(extract) -> None:
    a = extract("Gunmen ambushed an aid convoy carrying food to displaced families near the river.")
    assert attacks(a) == ["ambushed"]


def test_a_military_vehicle_is_no_civil_object() -> None:
    words = concepts()
    for concept in ("civil_object", "civil_target"):
        assert words.find(concept, "en", "ambushed a military convoy near the town") == []
        assert words.find(concept, "en", "ambushed an aid convoy near the town")
    assert words.find("military_target", "en", "burned out two army trucks")
