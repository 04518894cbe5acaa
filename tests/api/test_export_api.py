"""GET /api/v1/export: any registered format, the filters honoured, analysts only; and the
web UI's Export menu with the filters on screen."""

from __future__ import annotations

import csv
import io
import json

from casefile.model import sha256

API = "/api/v1"


def test_export_honours_the_filters(served) -> None:
    r = served.client.get(
        f"{API}/export?format=csv&type=execution_of_pows", headers=served.bearer("ana")
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="incidents.csv"' in r.headers["content-disposition"]
    assert r.headers["x-content-sha256"] == sha256(r.content)
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert sorted(x["location"] for x in rows) == ["Kursk Oblast", "Pokrovsk"]


def test_export_of_cases_as_geojson(served) -> None:
    r = served.client.get(
        f"{API}/export?format=geojson&cases=true&place=Bucha", headers=served.bearer("ana")
    )
    assert r.status_code == 200 and r.headers["content-type"] == "application/geo+json"
    doc = json.loads(r.content)
    assert len(doc["features"]) == 2
    assert {f["properties"]["kind"] for f in doc["features"]} == {"case"}


def test_export_needs_an_analyst_and_a_known_format(served) -> None:
    assert (
        served.client.get(f"{API}/export?format=csv", headers=served.bearer("vic")).status_code
        == 403
    )
    r = served.client.get(f"{API}/export?format=xlsx", headers=served.bearer("ana"))
    assert r.status_code == 400 and "known: csv, ftm, geojson, jsonl" in r.json()["error"]
    r = served.client.get(f"{API}/export?format=jsonl&cases=true", headers=served.bearer("ana"))
    assert r.status_code == 400 and "incidents only" in r.json()["error"]


def test_formats_are_listed(served) -> None:
    body = served.client.get(f"{API}/exports", headers=served.bearer("vic")).json()
    assert {"csv", "geojson", "ftm", "jsonl", "records"} <= set(body["formats"])


def test_the_map_page_has_an_export_menu_with_the_filters(served) -> None:
    served.login("ana")
    page = served.client.get("/?type=torture").text
    assert 'id="export-menu"' in page
    assert "/api/v1/export?format=geojson&amp;type=torture" in page
    cases = served.client.get("/cases?place=Bucha").text
    assert "/api/v1/export?format=csv&amp;cases=true&amp;place=Bucha" in cases
    assert "format=jsonl" not in cases  # incidents only


def test_a_viewer_sees_no_export_menu(served) -> None:
    served.login("vic")
    assert 'id="export-menu"' not in served.client.get("/").text


def test_the_brief_as_data(served) -> None:
    r = served.client.get(f"{API}/brief?place=Bucha", headers=served.bearer("vic"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["takeaways"]) == 2 and body["filters"] == {"place": "Bucha"}
    for source in body["sources"]:
        assert source["url"].startswith(str(served.client.base_url).rstrip("/") + "/cases/")
    served.login("vic")
    page = served.client.get("/brief?place=Bucha")
    assert page.status_code == 200 and 'id="brief"' in page.text
    assert page.text.count('class="takeaway"') == 2
