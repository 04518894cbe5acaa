"""Armed groups outside Ukraine: their names are not places, their words make agents."""

from __future__ import annotations

import pytest

from casefile.extract.events import AGENT
from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline.from_settings()

    def run(text: str) -> Analysis:
        return pipeline(Document.from_text(text, name="t", published="2024-05-10", language="en"))

    return run


def test_a_place_that_opens_an_armed_groups_name_is_not_the_place_of_the_act(extract) -> None:
    a = extract("On Monday fighters of the Rapid Support Forces killed 12 civilians in a market.")
    assert a.incidents and all(i.place is None for i in a.incidents)


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        (
            "Subversives dynamited a power pylon near the capital on Sunday, cutting power "
            "to 20,000 homes.",
            "Subversives",
        ),
        (
            "Narcoterrorists set fire to a bus in the city on Monday, injuring three passengers.",
            "Narcoterrorists",
        ),
        (
            "UNIDENTIFIED TERRORISTS DYNAMITED AN OIL PIPELINE NEAR THE TOWN ON 3 MAY, CAUSING "
            "A SPILL.",
            "UNIDENTIFIED TERRORISTS",
        ),
    ],
)
def test_a_word_for_an_armed_group_is_the_agent_of_the_act(extract, text: str, agent: str) -> None:
    a = extract(text)
    # the act is told (whether it is likely enough to be an incident is the act model's call)
    assert "attack_on_civilians" in {e.type for e in a.events}
    assert {m.text for e in a.events for m in e.of(AGENT)} == {agent}
