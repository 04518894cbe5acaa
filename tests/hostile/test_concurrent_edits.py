"""Two analysts editing one field at once (#9): the second, working from what it saw, gets
409 with the current value; the history shows one change, never two with the same before."""

from __future__ import annotations

import re
import threading
from typing import Any

import httpx

API = "/api/v1"


def first_incident(served: Any) -> str:
    return next(iter(served.ids.values()))


def test_a_stale_etag_gets_409_with_the_current_value(served: Any) -> None:
    url = f"{API}/incidents/{first_incident(served)}"
    seen = served.client.get(url, headers=served.bearer("ana")).json()["etag"]
    edit = {"action": "edit", "field": "count", "value": {"best": 7}, "reason": "video"}
    first = served.client.post(
        f"{url}/judgements", json={**edit, "seen": seen}, headers=served.bearer("ana")
    )
    assert first.status_code == 200
    second = served.client.post(
        f"{url}/judgements",
        json={**edit, "value": {"best": 9}},
        headers={**served.bearer("adam"), "If-Match": f'"{seen}"'},
    )
    assert second.status_code == 409, second.text
    body = second.json()
    assert "since you saw it" in body["error"]
    assert body["current"]["victims"]["count"]["best"] == 7
    history = served.client.get(f"{url}/judgements", headers=served.bearer("vic")).json()
    assert len(history) == 1


def test_edits_at_the_same_moment_one_wins_one_is_told(served: Any) -> None:
    url = f"{served.client.base_url}{API}/incidents/{first_incident(served)}/judgements"
    before = served.client.get(
        f"{API}/incidents/{first_incident(served)}", headers=served.bearer("ana")
    ).json()["victims"]["count"]
    statuses: list[int] = []
    barrier = threading.Barrier(2)

    def edit(user: str, best: int) -> None:
        body = {
            "action": "edit",
            "field": "count",
            "value": {"best": best},
            "expected": before,
            "reason": f"{user} counted",
        }
        with httpx.Client(timeout=30) as c:
            barrier.wait()
            statuses.append(c.post(url, json=body, headers=served.bearer(user)).status_code)

    threads = [threading.Thread(target=edit, args=a) for a in (("ana", 7), ("adam", 9))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 409]
    history = served.client.get(url, headers=served.bearer("vic")).json()
    assert len(history) == 1 and history[0]["before"] == before


def test_the_page_says_the_incident_changed(served: Any) -> None:
    incident = first_incident(served)
    csrf = served.login("ana")
    page = served.client.get(f"/incidents/{incident}", follow_redirects=True).text
    pattern = (
        rf'action="/incidents/{incident}/judge"[^>]*>(?:\s*<input[^>]*>)*?\s*'
        r'<input type="hidden" name="seen" value="([0-9a-f]+)">'
    )
    seen = re.search(pattern, page)
    assert seen, "the review form carries what it showed"
    served.client.post(  # meanwhile another analyst confirms it
        f"{API}/incidents/{incident}/judgements",
        json={"action": "confirm", "reason": "checked"},
        headers=served.bearer("adam"),
    )
    form = {
        "csrf_token": csrf,
        "action": "edit",
        "field": "summary",
        "value": "New summary",
        "reason": "reworded",
        "seen": seen.group(1),
    }
    r = served.client.post(f"/incidents/{incident}/judge", data=form, follow_redirects=False)
    assert r.status_code == 409 and "since you saw it" in r.text
    page = served.client.get(f"/incidents/{incident}", follow_redirects=True).text
    fresh = re.search(pattern, page)
    assert fresh and fresh.group(1) != seen.group(1)
    form["seen"] = fresh.group(1)  # looked again: now it goes through
    r = served.client.post(f"/incidents/{incident}/judge", data=form, follow_redirects=False)
    assert r.status_code == 303
