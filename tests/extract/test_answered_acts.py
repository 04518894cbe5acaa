"""The day of a step taken against those held responsible for an act (a sentence, a charge,
sanctions) or of its remembrance (an anniversary, a commemoration) does not date the act; years
ago gives the year (#8). Reports written for these tests."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Document


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def _dates(pipeline: Pipeline, text: str, published: str) -> list[tuple[str | None, ...]]:
    a = pipeline(Document.from_text(text, name="t", published=published, language="en"))
    return [(i.date.start, i.date.end) if i.date else (None,) for i in a.incidents]


def test_a_sentence_day_does_not_date_the_murder(pipeline: Pipeline) -> None:
    text = (
        "The court on Thursday sentenced a Russian soldier to 12 years in prison for the "
        "murder of a civilian in Chernihiv Oblast. Prosecutors said the soldier shot the "
        "man in March 2022."
    )
    assert _dates(pipeline, text, "2024-03-15") == [("2022-03", "2022-03")]


def test_a_sanctions_day_does_not_date_the_deportation(pipeline: Pipeline) -> None:
    text = (
        "The European Union on Thursday adopted sanctions against those responsible for the "
        "deportation of Ukrainian children. Russia has deported some 20,000 children from "
        "occupied areas since February 2022, Kyiv says."
    )
    dates = _dates(pipeline, text, "2024-02-23")
    assert dates and ("2024-02-22", "2024-02-22") not in dates


def test_years_ago_dates_the_act_to_its_year(pipeline: Pipeline) -> None:
    text = (
        "Ten years ago, separatists shot down a passenger jet over Hrabove, killing all 298 "
        "people on board. Relatives gathered in Amsterdam on Monday to remember them."
    )
    assert _dates(pipeline, text, "2024-09-30") == [("2014", "2014")]


def test_the_day_of_a_commemoration_does_not_date_the_massacre(pipeline: Pipeline) -> None:
    text = (
        "Relatives gathered on Monday in Bucha to mark the anniversary of the massacre, in "
        "which Russian soldiers killed hundreds of civilians."
    )
    assert _dates(pipeline, text, "2023-03-06") == [(None,)]


def test_those_who_commemorate_the_victims_do_not_date_the_strike(pipeline: Pipeline) -> None:
    text = (
        "Hundreds of people in Kramatorsk on Sunday commemorated the victims of the missile "
        "strike on the railway station that killed 61 people two years ago."
    )
    assert _dates(pipeline, text, "2024-07-08") == [("2022", "2022")]
