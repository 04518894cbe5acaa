"""An act years older than the report, told beside a recent one, is background (#8)."""

from __future__ import annotations

from casefile.extract.assemble import years_before
from casefile.extract.pipeline import Pipeline
from casefile.model import DateRange, Document, Incident


def _inc(start: str | None, end: str | None = None) -> Incident:
    return Incident(
        type="killing_of_civilians", date=DateRange(start, end or start) if start else None
    )


def test_an_old_act_beside_a_recent_one_is_background() -> None:
    acts = [_inc("1990-01-09"), _inc("1986-12-17"), _inc(None), _inc("1989-05")]
    assert years_before(acts, "1990-01-12") == [False, True, False, False]


def test_a_report_of_old_acts_alone_keeps_them() -> None:
    # an inquiry or a trial years later: every act it tells is old
    acts = [_inc("2022-03-13"), _inc("2022-03")]
    assert years_before(acts, "2025-12-26") == [False, False]
    assert years_before([_inc("1986"), _inc("1990-01-02")], None) == [False, False]


def test_the_background_killing_is_no_incident_of_the_report() -> None:
    pipeline = Pipeline.from_settings()
    text = (
        "Gunmen shot dead a bus driver and two passengers in the town square on Monday. "
        "The editor of the town's weekly was murdered by gunmen on 3 March 1984."
    )
    a = pipeline(Document.from_text(text, name="t", published="1990-02-07", language="en"))
    dates = [i.date.start for i in a.incidents if i.date]
    assert dates and not any(d.startswith("1984") for d in dates)
