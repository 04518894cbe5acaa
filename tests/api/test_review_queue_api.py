"""/incidents/next and bulk /incidents/judgements through the real app (#10)."""

from __future__ import annotations

API = "/api/v1"
TORTURE, KILLING = "Detainees beaten in Bucha.", "Civilians shot in Bucha."


def test_next_then_bulk_reject(served) -> None:
    vic, ana = served.bearer("vic"), served.bearer("ana")
    first = served.client.get(f"{API}/incidents/next", headers=vic)
    assert first.status_code == 200 and first.json()["status"] == "unreviewed"
    assert first.json()["date"]["start"] == "2022-03"  # all equally certain: the earliest
    two = [served.ids[TORTURE], served.ids[KILLING]]
    body = {"incidents": two, "action": "reject", "reason": "Duplicates of the UN report."}
    assert (
        served.client.post(f"{API}/incidents/judgements", json=body, headers=vic).status_code == 403
    )
    done = served.client.post(f"{API}/incidents/judgements", json=body, headers=ana)
    assert done.status_code == 200 and [i["status"] for i in done.json()] == ["rejected"] * 2
    after = served.client.get(f"{API}/incidents/next", headers=vic).json()
    assert after["id"] not in two and after["date"]["start"] == "2023-10-05"
    none = served.client.get(f"{API}/incidents/next?place=bucha", headers=vic)
    assert none.status_code == 404 and "no unreviewed incident left" in none.json()["error"]


def test_bulk_errors_change_nothing(served) -> None:
    ana = served.bearer("ana")
    missing = {"incidents": [served.ids[TORTURE], "nope"], "action": "confirm", "reason": "x"}
    r = served.client.post(f"{API}/incidents/judgements", json=missing, headers=ana)
    assert r.status_code == 404 and "nope" in r.json()["error"]
    edit = {"incidents": [served.ids[TORTURE]], "action": "edit", "reason": "x"}
    r = served.client.post(f"{API}/incidents/judgements", json=edit, headers=ana)
    assert r.status_code == 422 and "in bulk" in r.json()["error"]
    listed = served.client.get(f"{API}/incidents?status=unreviewed", headers=ana).json()
    assert listed["total"] == 5
