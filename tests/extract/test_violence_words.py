"""Words for violent acts and armed groups outside the war in Ukraine (incident type files and
concepts.yaml), on phrases written for these tests."""

from __future__ import annotations

import pytest

from casefile.extract.cues import sentence_triggers


def types(text: str) -> set[str]:
    return {cue.type for _, _, cue in sentence_triggers(text, "en") if not cue.support}


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb went off outside a bank in the port town.",
        "Unknown men dynamited two power pylons east of the capital.",
        "Attackers set fire to the offices of a local newspaper.",
        "Militiamen torched the market and several homes in the village.",
        "An explosive device was left at the entrance of the courthouse.",
    ],
)
def test_bombings_and_arson_on_what_civilians_use_are_attacks(text: str) -> None:
    assert "attack_on_civilians" in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen kidnapped an engineer working for the oil company.",
        "Two aid workers were abducted on the road north of the city.",
        "The rebels took six tourists hostage.",
    ],
)
def test_kidnapping_is_a_detention_by_itself(text: str) -> None:
    assert "unlawful_detention" in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "A senator was shot to death as he left his home.",
        "The magistrate was machinegunned by men on a motorcycle.",
        "Death squads killed a trade unionist and his wife.",
        "Assassins murdered the former ambassador.",
    ],
)
def test_murders_of_public_figures_are_killings(text: str) -> None:
    assert "killing_of_civilians" in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The brigade's motor rifle battalion moved to the front.",  # a unit's name
        "Doctors said most of the dead had gunshot wounds.",  # a wound, not an attack
        "The bomb disposal team trained soldiers at the base.",
        # a strike of workers (concept not_an_act)
        "Police detained 40 nurses in the capital to end their hunger strike at the hospital.",
        "The strikers blocked the road to the town's school for a third day.",
    ],
)
def test_words_that_do_not_make_an_attack_on_civilians(text: str) -> None:
    assert "attack_on_civilians" not in types(text)


def test_a_bombing_of_a_military_target_is_weakened() -> None:
    cues = sentence_triggers("Troops blew up a bridge used by enemy tanks near the front.", "en")
    attacks = [cue for _, _, cue in cues if cue.type == "attack_on_civilians"]
    assert attacks and all("military_target" in cue.weakened for cue in attacks)


@pytest.mark.parametrize(
    "text",
    [
        "Relatives came for the bodies of the two military men killed in the ambush.",
        "Gunmen killed a lieutenant and a sergeant as the people watched.",
    ],
)
def test_a_killing_of_military_men_or_ranks_is_weakened(text: str) -> None:
    kills = [
        cue for _, _, cue in sentence_triggers(text, "en") if cue.type == "killing_of_civilians"
    ]
    assert kills and all("soldier" in cue.weakened for cue in kills)
