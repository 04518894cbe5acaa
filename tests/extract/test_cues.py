"""Incident triggers: an act and a protected victim or object in one sentence."""

from __future__ import annotations

import pytest

from casefile.extract.cues import incident_types


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Russian troops shot 16 Ukrainian prisoners of war near Pokrovsk.", "execution_of_pows"),
        (
            "Footage shows soldiers executing three surrendering Ukrainian soldiers.",
            "execution_of_pows",
        ),
        ("Wagner fighters beheaded a captured soldier.", "execution_of_pows"),
        ("A missile hit the railway station, killing 30 civilians.", "attack_on_civilians"),
        ("The strike on a cafe in Hroza killed 51 people.", "attack_on_civilians"),
        (
            "The bodies of four civilians shot by soldiers were found in a cellar.",
            "killing_of_civilians",
        ),
        ("Former detainees said they were tortured with electric shocks.", "torture"),
        ("Women were raped by soldiers in the village.", "sexual_violence"),
        ("Children were deported to Russia from Kherson.", "deportation"),
        ("The mayor was abducted and held captive for weeks.", "unlawful_detention"),
    ],
)
def test_trigger_type(text: str, kind: str) -> None:
    types = [k for k, _, _ in incident_types(text)]
    assert types and types[0] == kind


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces struck Ukrainian positions east of Kostyantynivka.",
        "Ukrainian forces advanced near Robotyne on February 25.",
        "The ceasefire talks in Geneva ended without agreement.",
        "Drone operators struck an ammunition depot.",
    ],
)
def test_combat_and_diplomacy_are_not_triggers(text: str) -> None:
    assert incident_types(text) == []
