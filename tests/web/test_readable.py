"""Values on the pages read as text, never as Python reprs (#10)."""

from __future__ import annotations

import pytest

from casefile.web.text import readable


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
    assert one.count("incident.") == 3 and "status: confirmed" in one  # before/after as text
