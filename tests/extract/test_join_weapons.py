"""The join feature ``weapon_conflict``: weapons of different families told in two sentences."""

from __future__ import annotations

import pytest

from casefile.extract.assemble import JOIN_FEATURES, Assembler, Group
from casefile.extract.pipeline import Pipeline
from casefile.model import Document


@pytest.fixture(scope="module")
def features():
    pipeline = Pipeline.from_settings()

    def run(text: str, language: str = "en") -> dict[str, float]:
        a = pipeline(Document.from_text(text, name="t", published="2024-03-10", language=language))
        assembler = Assembler(a)
        events = assembler.usable()
        first = [e for e in events if e.sentence == 0]
        later = next(e for e in events if e.sentence == 1)
        return assembler.join_features(Group(first), later)

    return run


def test_an_artillery_strike_and_a_drone_strike_are_weapons_of_two_families(features) -> None:
    f = features(
        "An old man died when artillery shells landed on his yard on Monday. "
        "A drone dropped a grenade on a bus stop, wounding two women."
    )
    assert f["weapon_conflict"] == 1.0


def test_a_compound_names_both_of_its_families(features) -> None:
    f = features(
        "Russian forces launched a missile-drone attack on the town overnight, killing three. "
        "A drone hit a block of flats in its centre, wounding four people."
    )
    assert f["weapon_conflict"] == 0.0


def test_a_strike_told_without_its_weapon_names_no_family(features) -> None:
    f = features(
        "A missile hit a school in the town on Monday, killing two teachers. "
        "The strike also wounded five pupils, officials said."
    )
    assert f["weapon_conflict"] == 0.0


def test_ukrainian_words_name_the_families(features) -> None:
    f = features(
        "Окупанти вдарили по селу з артилерії, загинув чоловік. "
        "Ворожий дрон атакував автомобіль, поранено жінку.",
        language="uk",
    )
    assert f["weapon_conflict"] == 1.0


def test_the_feature_is_measured_but_not_yet_weighed() -> None:
    assert JOIN_FEATURES["weapon_conflict"] == 0.0


def test_a_digests_past_day_and_a_stated_day_outside_it_are_two_dates(features) -> None:
    f = features(
        "Over the past 24 hours, Russian troops shelled three villages of the district, "
        "killing a farmer. On 2 March, Russian missiles struck a power plant, killing two "
        "workers."
    )
    assert f["date_conflict"] == 1.0
