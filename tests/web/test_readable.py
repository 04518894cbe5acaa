"""Values on the pages read as text, never as Python reprs (#10)."""

from __future__ import annotations

import pytest

from casefile.display import readable, total_text
from casefile.web.text import changes


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "–"),
        ({"start": "2024-03", "end": "2024-03"}, "2024-03"),
        ({"start": "2024-03-01", "end": "2024-03-04"}, "2024-03-01..2024-03-04"),
        ({"name": "Izium", "admin1": "Kharkiv Oblast", "lat": 49.2}, "Izium, Kharkiv Oblast"),
        ({"low": 5, "best": 6, "high": 7}, "6 (5–7)"),
        ({"low": None, "best": 9, "high": None}, "9"),
        (
            [{"name": "Unit A", "kind": "unit"}, {"name": "Unit B", "kind": "unit"}],
            "Unit A, Unit B",
        ),
        ({"status": "confirmed"}, "status: confirmed"),
        ("torture", "torture"),
    ],
)
def test_readable(value: object, text: str) -> None:
    assert readable(value) == text


@pytest.mark.parametrize(
    ("total", "exact", "estimated", "text"),
    [
        (8169, True, False, "8,169"),
        (10_000, False, False, "10,000+"),  # counting stopped at the limit: a floor
        (61_368, False, True, "about 61,000"),  # PostgreSQL's estimate, to two figures
        (1_000_019, False, True, "about 1,000,000"),
        (57, False, True, "about 57"),
        (3, None, None, "3"),  # a list that does not say (counted)
    ],
)
def test_a_total_says_whether_it_is_a_count(total, exact, estimated, text: str) -> None:
    assert total_text(total, exact, estimated) == text


def test_the_case_page_shows_no_python(served) -> None:
    incident = served.ids["Six POWs shot near Pokrovsk."]
    served.client.post(
        f"/api/v1/incidents/{incident}/judgements",
        json={"action": "edit", "field": "place", "value": {"name": "Izium"}, "reason": "Moved."},
        headers=served.bearer("ana"),
    )
    served.login("vic")
    page = served.client.get(f"/cases/{incident}").text
    assert "machine: Pokrovsk, Donetsk Oblast" in page
    assert "{&#39;" not in page and "None" not in page


def test_the_audit_page_filters_and_pages(served) -> None:
    incident = served.ids["Six POWs shot near Pokrovsk."]
    for n in range(3):
        served.client.post(
            f"/api/v1/incidents/{incident}/judgements",
            json={"action": "confirm" if n % 2 == 0 else "reopen", "reason": f"Pass {n}."},
            headers=served.bearer("ana"),
        )
    served.login("adam")
    mine = served.client.get("/audit", params={"actor": "ana"}).text
    assert mine.count("<td>ana</td>") == 3 and "Pass 2." in mine
    one = served.client.get("/audit", params={"object_id": incident}).text
    assert one.count('<td><a href="/audit?action=incident.') == 3
    # the change, field by field: before struck out, after inserted
    assert "<th>status</th><td><del>unreviewed</del></td><td>→</td><td><ins>confirmed</ins>" in one
    reopened = served.client.get("/audit", params={"action": "incident.reopen"}).text
    assert reopened.count("<td>ana</td>") == 1 and "Pass 1." in reopened
    assert '<option value="incident.reopen" selected>' in reopened


@pytest.mark.parametrize(
    ("before", "after", "rows"),
    [
        (
            {"status": "unreviewed"},
            {"status": "confirmed"},
            [("status", "unreviewed", "confirmed")],
        ),
        (
            {"name": "Pokrovsk", "admin1": "Donetsk Oblast", "lat": 48.28},
            {"name": "Izium", "admin1": "Kharkiv Oblast", "lat": 48.28},
            [("name", "Pokrovsk", "Izium"), ("admin1", "Donetsk Oblast", "Kharkiv Oblast")],
        ),
        (
            {"place": {"name": "A"}, "type": "torture"},
            {"place": {"name": "B"}, "type": "torture"},
            [("place.name", "A", "B")],
        ),
        (None, {"role": "analyst"}, [("role", "–", "analyst")]),
        ("2024-03", "2024-04", [("value", "2024-03", "2024-04")]),
        ("same", "same", []),
    ],
)
def test_changes_lists_only_what_differs(before, after, rows) -> None:
    assert changes(before, after) == rows
