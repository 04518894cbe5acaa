"""An act told hours or a day after another one is dated from that one's day (#8): the
shift opening its sentence (``LanguagePack.day_shift``) moves the day of the act told before,
or of the day the sentences before give where that act is no incident. Reports written for
these tests."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Document


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def _days(pipeline: Pipeline, text: str) -> dict[str | None, str | None]:
    a = pipeline(Document.from_text(text, name="t", published="2024-05-14", language="en"))
    return {
        i.place.name if i.place else None: i.date.start if i.date else None for i in a.incidents
    }


def test_hours_later_is_the_same_day(pipeline: Pipeline) -> None:
    text = (
        "A Russian missile hit a hotel in Odesa on Friday, the governor said on Saturday. "
        "Hours later, a drone struck a residential building in Izmail, killing two people."
    )
    assert _days(pipeline, text).get("Izmail") == "2024-05-10"


def test_a_day_after_a_strike_that_is_no_incident(pipeline: Pipeline) -> None:
    text = (
        "Russian forces struck Kharkiv with glide bombs on May 10. A day after the strike on "
        "Kharkiv, Russian troops shelled Vovchansk, killing two civilians."
    )
    assert _days(pipeline, text).get("Vovchansk") == "2024-05-11"
