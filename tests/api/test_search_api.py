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
