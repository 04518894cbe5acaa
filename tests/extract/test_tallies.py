"""A tally and an act are two things (assemble.Assembler.tally): on reports written for these
tests, a total over a spread of time or places neither joins the act told after it nor gives
it its toll, and is no incident of its own beside acts of its kind."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline.from_settings()

    def run(text: str) -> Analysis:
        return pipeline(Document.from_text(text, name="t", published="2024-10-12", language="en"))

    return run


def test_a_total_across_the_country_is_not_the_toll_of_the_strike_told_after_it(extract) -> None:
    a = extract(
        "Monitors counted 311 civilians killed across the country in September. "
        "On 9 September, a missile hit a bus station in Poltava, killing six civilians."
    )
    assert len(a.incidents) == 1
    inc = a.incidents[0]
    assert inc.count is not None and inc.count.best == 6
    assert inc.place is not None and inc.place.name == "Poltava"
    assert min(s for s, _ in inc.spans) >= a.text.index("On 9 September")


def test_a_tally_told_alone_in_a_named_region_stays_an_act(extract) -> None:
    a = extract(
        "Since the invasion began, Russian forces have killed 212 civilians across the "
        "Kharkiv region."
    )
    assert [i.type for i in a.incidents] == ["killing_of_civilians"]


@pytest.mark.parametrize(
    "text",
    [
        "In August 2024, the monitoring mission recorded 184 civilians killed and 856 injured "
        "across Ukraine. Most of them were hit by explosive weapons in towns and cities.",
        "Since the invasion began, Russian forces have killed 212 civilians across the region.",
    ],
)
def test_a_tally_told_alone_over_a_country_or_no_named_place_is_no_act(extract, text) -> None:
    assert extract(text).incidents == []


def test_a_day_of_strikes_over_a_region_is_that_days_act(extract) -> None:
    a = extract(
        "On 3 October, Russian shelling killed 14 civilians across the Donetsk region. "
        "In Toretsk, a shell hit a queue for water, killing five of them."
    )
    spans = [s for i in a.incidents for s in i.spans]
    assert any(s < a.text.index("In Toretsk") for s, _ in spans)


def test_a_toll_over_the_last_weeks_is_not_the_toll_of_the_strike_told_after_it(extract) -> None:
    # "during the last two weeks", "in the past month": a run up to publication spreads a
    # figure (statistics.SPREAD), as "over the past month" does
    a = extract(
        "During the last two weeks, Russian strikes killed 21 civilians in Zaporizhzhia "
        "Oblast, the governor said. On Sunday, a guided bomb hit a market in Zaporizhzhia, "
        "killing four people."
    )
    assert [i.count.best if i.count else None for i in a.incidents] == [4]
    assert [s.value for s in a.statistics] == [21]


def test_a_monthly_toll_told_alone_in_a_region_is_also_a_statistic(extract) -> None:
    a = extract(
        "In the past month, Russian shelling killed 37 civilians in Kharkiv region, the "
        "monitoring mission said."
    )
    assert [i.type for i in a.incidents] == ["attack_on_civilians"]
    assert [s.value for s in a.statistics] == [37]
