"""`since` keeps incidents whose partial date may end on or after it; `until` those that may
start on or before it, in the library, the CLI and the API alike (#10)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from casefile.model import Analysis, DateRange, Document, Incident
from casefile.review import judge
from casefile.store import IncidentQuery, Store
from casefile.store.view import first_day, is_partial_date, last_day

DATES = {
    "year 2024": ("2024", "2024"),
    "March 2024": ("2024-03", "2024-03"),
    "New Year's Eve 2023": ("2023-12-31", "2023-12-31"),
    "year 2023": ("2023", "2023"),
    "winter 2023-24": ("2023-11", "2024-01"),
    "no end": ("2023-06", None),
    "undated": (None, None),
    "edited to 2024": ("2022-05-01", "2022-05-01"),  # an analyst re-dates it below
}


@pytest.fixture
def dated(fresh_store: Store, make_document: Callable[..., Document]) -> Store:
    doc = make_document("Dated reports.")
    incidents = [
        Incident(type="torture", summary=summary, date=DateRange(*d) if d[0] else None)
        for summary, d in DATES.items()
    ]
    with fresh_store.writer() as w:
        w.add_document(doc)
        w.add_analysis(Analysis(doc, incidents=incidents, extractor="test"))
    [edited] = [
        i.id
        for i in fresh_store.view.iter_reviewed_incidents(IncidentQuery())
        if i.incident.summary == "edited to 2024"
    ]
    judge(fresh_store, "ana", "incident", edited, "edit", "Re-dated.", "date", {"start": "2024"})
    return fresh_store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            IncidentQuery(since="2024-01-01"),
            {"year 2024", "March 2024", "winter 2023-24", "edited to 2024"},
        ),
        (IncidentQuery(since="2024-03-15"), {"year 2024", "March 2024", "edited to 2024"}),
        (IncidentQuery(since="2024-04"), {"year 2024", "edited to 2024"}),
        (
            IncidentQuery(since="2024"),
            {"year 2024", "March 2024", "winter 2023-24", "edited to 2024"},
        ),
        (IncidentQuery(since="2023-12-31"), set(DATES) - {"undated", "no end"}),
        (IncidentQuery(since="2023-06-30"), set(DATES) - {"undated"}),
        (
            IncidentQuery(until="2023"),
            {"New Year's Eve 2023", "year 2023", "winter 2023-24", "no end"},
        ),
        (IncidentQuery(until="2023-11-01"), {"year 2023", "winter 2023-24", "no end"}),
        (IncidentQuery(since="2024-02", until="2024-02"), {"year 2024", "edited to 2024"}),
    ],
)
def test_partial_dates_count_to_their_end(
    dated: Store, query: IncidentQuery, expected: set[str]
) -> None:
    query.limit = None
    got = {i.incident.summary for i in dated.view.page_incidents(query).items}
    assert got == expected
    assert dated.view.count_incidents(query) == len(expected)


@pytest.mark.parametrize(
    ("date", "first", "last"),
    [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-31"),
        ("2024-02-29", "2024-02-29", "2024-02-29"),
    ],
)
def test_first_and_last_day(date: str, first: str, last: str) -> None:
    assert (first_day(date), last_day(date)) == (first, last)


@pytest.mark.parametrize(
    ("value", "ok"),
    [("2024", True), ("2024-03", True), ("2024-02-29", True), ("2024-13", False),
     ("2023-02-29", False), ("24-01-01", False), ("2024-01-01T00:00", False), ("yesterday", False)],
)  # fmt: skip
def test_is_partial_date(value: str, ok: bool) -> None:
    assert is_partial_date(value) is ok


@pytest.mark.slow
def test_cli_since_keeps_a_year(cli, tmp_path, make_document: Callable[..., Document]) -> None:
    store = Store(str(tmp_path / "casefile.db"))
    doc = make_document("A report.")
    with store.writer() as w:
        w.add_document(doc)
        w.add_analysis(
            Analysis(
                doc,
                incidents=[Incident(type="torture", summary="Some time in 2024.",
                                    date=DateRange("2024", "2024"))],
                extractor="test",
            )
        )  # fmt: skip
    store.close()
    r = cli("incidents", "--since", "2024-01-01", "--format", "json")
    assert [i["summary"] for i in json.loads(r.stdout)] == ["Some time in 2024."], r.stderr
    bad = cli("incidents", "--since", "2024-13")
    assert (
        bad.returncode == 2 and "--since '2024-13'" in bad.stderr and "Traceback" not in bad.stderr
    )


def test_api_since_keeps_a_month(served) -> None:
    """The stock's two Bucha incidents are dated March 2022 only."""
    r = served.client.get(
        "/api/v1/incidents?since=2022-03-20&until=2022-12-31", headers=served.bearer("vic")
    )
    assert r.status_code == 200, r.text
    assert [i["place"]["name"] for i in r.json()["items"]] == ["Bucha", "Bucha"]
    bad = served.client.get("/api/v1/incidents?since=2022-02-30", headers=served.bearer("vic"))
    assert bad.status_code == 400 and "since" in bad.json()["error"]
