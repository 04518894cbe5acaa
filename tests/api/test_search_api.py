"""Full-text search through the API and its page (#10): hits marked, text never run."""

from __future__ import annotations

API = "/api/v1"


def test_search_api_marks_the_hits(served) -> None:
    r = served.client.get(
        f"{API}/search", params={"q": "cafe killing"}, headers=served.bearer("vic")
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 1 and body["items"][0]["name"] == "news-2023-10-05-hroza"
    hits = [p["text"].lower() for p in body["items"][0]["snippet"] if p["hit"]]
    assert {"cafe", "killing"} <= set(hits)
    assert (
        served.client.get(
            f"{API}/search", params={"q": ""}, headers=served.bearer("vic")
        ).status_code
        == 422
    )


def test_search_page_escapes_document_text(served) -> None:
    served.login("vic")
    page = served.client.get("/search", params={"q": "posted"})
    assert page.status_code == 200 and '<h2 id="search-total">1 document</h2>' in page.text
    assert "<mark>posted</mark>" in page.text
    assert "<script>window.pwned" not in page.text and "&lt;script&gt;" in page.text


def test_incidents_searched_with_q_marks_hits_and_facets_follow(served) -> None:
    h = served.bearer("vic")
    r = served.client.get(f"{API}/incidents", params={"q": "POWs shot"}, headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 2
    for item in body["items"]:
        marked = [p["text"] for p in item["hit"] if p["hit"]]
        assert marked == ["POWs", "shot"]
    facets = served.client.get(f"{API}/incidents/facets", params={"q": "shot"}, headers=h).json()
    assert facets["year"] == {"2024": 2, "2022": 1}
    assert facets["type"] == {"execution_of_pows": 2, "killing_of_civilians": 1}
    assert facets["language"] == {} or set(facets["language"]) <= {"en"}
    points = served.client.get(f"{API}/incidents/points", params={"q": "Bucha"}, headers=h)
    assert points.json()["total"] == 2


def test_search_page_lists_incidents_with_hits(served) -> None:
    served.login("vic")
    page = served.client.get("/search", params={"q": "beaten"})
    assert page.status_code == 200
    assert '<h2 id="incident-total">1 incident</h2>' in page.text
    assert "Detainees <mark>beaten</mark> in Bucha." in page.text
    assert 'href="/?q=beaten"' in page.text  # the same search on the map
