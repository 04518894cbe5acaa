"""The web pages as a browser gets them: JSON twins, escaping, highlighted spans, review forms."""

from __future__ import annotations

import re

import httpx
import pytest

from casefile.api import create_app
from casefile.store import Store
from casefile.store.audit import iter_entries
from casefile.store.view import IncidentQuery
from casefile.web.text import Piece, highlight

HROZA = "Missile strike on a cafe in Hroza."
POKROVSK = "Six POWs shot near Pokrovsk."


def twin_of(html: str) -> str:
    found = re.search(r'id="json-twin" href="([^"]+)"', html)
    assert found, "page has no JSON twin"
    return found.group(1).replace("&amp;", "&")


def test_every_page_has_a_json_twin(served) -> None:
    served.login("adam")
    c = served.client
    doc_id = c.get(f"/api/v1/incidents/{served.ids[HROZA]}").json()["document"]["id"]
    pages = [
        "/",
        "/?type=torture&admin1=Kyiv+Oblast",
        "/cases",
        f"/cases/{served.ids[HROZA]}",
        f"/documents/{doc_id}",
        "/units/30th Motorized Rifle Brigade",
        "/statistics",
        "/audit",
        "/incidents/new",
    ]
    for path in pages:
        page = c.get(path)
        assert page.status_code == 200, (path, page.text[:300])
        twin = c.get(twin_of(page.text))
        assert twin.status_code == 200 and twin.headers["content-type"] == "application/json", path
    filtered = c.get(twin_of(c.get("/?type=torture").text)).json()
    assert filtered["total"] == 1


def test_a_list_past_the_count_limit_says_so(served, monkeypatch) -> None:
    """The map's list, the review queue and the API count as far as the count limit (10,000;
    2 here, of 5): past it the page says "2+", the API `total_exact: false`."""
    from casefile.api.routes import incidents as api_incidents
    from casefile.web import pages

    monkeypatch.setattr(pages, "COUNT_LIMIT", 2)
    monkeypatch.setattr(api_incidents, "COUNT_LIMIT", 2)
    served.login("adam")
    listed = served.client.get("/?limit=2").text
    assert '<span id="count">2+</span> incidents' in listed
    assert '<p id="map-count" class="muted">2+ incidents</p>' in listed
    assert "2+ unreviewed" in served.client.get("/review").text
    body = served.client.get("/api/v1/incidents?limit=2").json()
    assert (body["total"], body["total_exact"], body["total_estimated"]) == (2, False, False)
    whole = served.client.get("/").text  # the whole list on one page: counted, exact
    assert '<span id="count">5</span> incidents' in whole


def test_document_text_is_inert_and_the_span_highlighted(served) -> None:
    served.login("vic")
    page = served.client.get(f"/cases/{served.ids[HROZA]}").text
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;&lt;img src=x onerror=" in page
    mark = re.search(
        r'<mark class="span" data-incident="([0-9a-f]+)" id="span-([0-9a-f]{12})-0">([^<]*)</mark>',
        page,
    )  # the id is the span's anchor, which briefs link to
    assert mark and mark.group(1) == served.ids[HROZA]
    assert served.ids[HROZA].startswith(mark.group(2))
    assert (
        mark.group(3) == "A missile struck a cafe in Hroza on 5 October 2023, killing 59 civilians."
    )
    assert "<script" not in page.split("</head>")[1]  # no inline script in the body
    doc = served.client.get(twin_of(page)).json()["incidents"][0]["document"]["id"]
    assert "&lt;script&gt;" in served.client.get(f"/documents/{doc}").text


def test_a_viewer_sees_no_review_forms_and_cannot_post_them(served) -> None:
    csrf = served.login("vic")
    page = served.client.get(f"/cases/{served.ids[POKROVSK]}").text
    assert 'value="confirm"' not in page
    r = served.client.post(
        f"/incidents/{served.ids[POKROVSK]}/judge",
        data={"action": "confirm", "reason": "x", "csrf_token": csrf},
    )
    assert r.status_code == 403 and "analyst role" in r.text


def test_an_analyst_confirms_and_edits_through_the_forms(served) -> None:
    csrf = served.login("ana")
    target = f"/incidents/{served.ids[POKROVSK]}/judge"
    no_csrf = served.client.post(target, data={"action": "confirm", "reason": "x"})
    assert no_csrf.status_code == 403 and "CSRF" in no_csrf.text
    r = served.client.post(
        target,
        data={
            "action": "confirm",
            "reason": "Checked the video.",
            "csrf_token": csrf,
            "case": served.ids[POKROVSK],
        },
        follow_redirects=True,
    )
    assert r.status_code == 200 and 'id="case-status">confirmed' in r.text
    assert 'status-confirmed">confirmed' in r.text and "Checked the video." in r.text
    r = served.client.post(
        target,
        data={
            "action": "edit",
            "field": "place",
            "reason": "Geolocated.",
            "value": "Selydove; Donetsk Oblast; 48.15, 37.30",
            "csrf_token": csrf,
        },
        follow_redirects=True,
    )
    assert "Selydove" in r.text and "machine: Pokrovsk, Donetsk Oblast" in r.text
    bad = served.client.post(
        target,
        data={
            "action": "edit",
            "field": "count",
            "value": "many",
            "reason": "x",
            "csrf_token": csrf,
        },
    )
    assert bad.status_code == 422 and "count: &#39;many&#39; is not a number" in bad.text
    actions = [e.action for e in iter_entries(served.store.engine)][-2:]
    assert actions == ["incident.confirm", "incident.edit"]


def test_an_analyst_enters_testimony_through_the_form(served) -> None:
    csrf = served.login("ana")
    form = {
        "csrf_token": csrf,
        "type": "torture",
        "summary": "Beaten in the police station.",
        "reason": "Interview.",
        "text": "They beat me in the police station for two days.",
        "date": "2022-04-01",
        "place": "Izium; Kharkiv Oblast; 49.21, 37.26",
        "perpetrators": "Russian forces",
        "victim_category": "civilian",
        "count": "1",
        "certainty": "reported",
        "title": "Interview 9",
        "taken_by": "Team C",
        "taken_on": "2023-01-10",
    }
    r = served.client.post("/incidents/new", data=form, follow_redirects=True)
    assert r.status_code == 200 and "Done: created" in r.text and "Izium" in r.text
    again = served.client.post("/incidents/new", data={**form, "date": "soon"})
    assert "date.start: &#39;soon&#39; is not an ISO date" in again.text
    assert 'value="Interview."' in again.text  # what was typed is kept


def test_the_audit_page_is_for_administrators(served) -> None:
    served.login("ana")
    assert served.client.get("/audit").status_code == 403
    served.client.cookies.clear()
    served.login("adam")
    page = served.client.get("/audit")
    assert page.status_code == 200 and "user.token" in page.text


def test_the_log_in_page_says_when_there_are_no_users(tmp_path, live_server) -> None:
    with Store(str(tmp_path / "empty.db")) as store:
        server = live_server(create_app(store))
        page = httpx.get(f"{server.url}/login")
        assert "No users yet" in page.text and "casefile users add NAME --role admin" in page.text
        home = httpx.get(f"{server.url}/", follow_redirects=False)
        assert home.status_code == 303 and home.headers["location"] == "/login?next=%2F"


@pytest.mark.parametrize(
    ("spans", "pieces"),
    [
        ([], [Piece("abcdef", [], 0)]),
        ([(1, 3, "x")], [Piece("a", [], 0), Piece("bc", ["x"], 1), Piece("def", [], 3)]),
        (
            [(0, 4, "x"), (2, 6, "y")],
            [Piece("ab", ["x"], 0), Piece("cd", ["x", "y"], 2), Piece("ef", ["y"], 4)],
        ),
        (
            [(4, 99, "x"), (-5, 1, "y"), (3, 3, "z")],
            [Piece("a", ["y"], 0), Piece("bcd", [], 1), Piece("ef", ["x"], 4)],
        ),
    ],
)
def test_highlight_cuts_at_every_span_boundary(spans, pieces) -> None:
    assert highlight("abcdef", spans) == pieces


def test_the_case_list_counts_as_far_as_the_api(served, monkeypatch) -> None:
    """/cases counts as far as /api/v1/cases does (#14), says where it stopped, and links
    a next page past a count that stopped where the list goes on."""
    from casefile.web import pages

    served.login("vic")
    total = served.store.view.page_cases(IncidentQuery(limit=1)).total
    assert total > 2
    monkeypatch.setattr(pages, "CASE_COUNT_LIMIT", 2)
    listing = served.client.get("/cases?limit=1").text
    assert "<h1>2+ cases</h1>" in listing and "next page" in listing
    beyond = served.client.get(f"/cases?limit=1&offset={total}").text
    assert "<h1>2+ cases</h1>" in beyond and "next page" not in beyond
    monkeypatch.setattr(pages, "CASE_COUNT_LIMIT", 1000)
    last = served.client.get(f"/cases?limit=1&offset={total - 1}").text
    assert f"<h1>{total} cases</h1>" in last and "next page" not in last


def test_the_case_page_shows_why_and_the_list_merges_ticked_rows(served) -> None:
    from casefile.fuse.stored import fuse_store

    fuse_store(served.store)
    csrf = served.login("ana")
    listing = served.client.get("/cases")
    assert 'id="merge-selected"' in listing.text and "single-source" in listing.text
    # the list filters by grade
    total = served.store.view.page_cases(IncidentQuery(limit=1)).total
    single = served.client.get("/cases?corroboration=single-source").text
    assert f"<h1>{total} cases</h1>" in single and '"single-source" title=' in single
    assert "<h1>0 cases</h1>" in served.client.get("/cases?corroboration=strong").text
    ids = [m.case_id for m in served.store.view.page_incidents(IncidentQuery(limit=2)).items]
    r = served.client.post(
        "/cases/merge",
        data={"cases": ids, "reason": "One act.", "csrf_token": csrf},
        follow_redirects=True,
    )
    # the merged case is fused again at once: its grade and reconciled values are shown
    assert r.status_code == 200 and "2 incidents" in r.text
    assert 'id="corroboration">' in r.text and 'id="reconciled"' in r.text


def test_the_document_page_shows_its_language(served) -> None:
    served.login("vic")
    doc = served.client.get(f"/api/v1/incidents/{served.ids[HROZA]}").json()["document"]["id"]
    page = served.client.get(f"/documents/{doc}").text
    assert '<span class="language" title="language">en</span>' in page
    assert served.client.get(f"/api/v1/documents/{doc}").json()["language"] == "en"


def test_the_list_filters_by_the_source_language(served) -> None:
    served.login("vic")
    c = served.client
    page = c.get("/?language=uk").text
    assert '<option value="uk" selected>uk</option>' in page
    assert c.get(twin_of(page)).json()["total"] == 0  # the documents served are English
    assert c.get(twin_of(c.get("/?language=en").text)).json()["total"] > 0
    assert c.get("/?language=").status_code == 200  # "any"
