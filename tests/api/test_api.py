"""The REST API through the real app: answers, filters, review, export, and every way in
that must fail (no token, wrong role, expired session, missing CSRF, injection)."""

from __future__ import annotations

import datetime as dt
import json
import os

import anyio
import anyio.to_thread
import pytest
from fastapi import FastAPI
from sqlalchemy import text, update

from casefile.api import ServeConfig, create_app
from casefile.auth import change_user
from casefile.model import sha256
from casefile.store import tables as t
from casefile.store.audit import iter_entries

POKROVSK = "Six POWs shot near Pokrovsk."
HROZA = "Missile strike on a cafe in Hroza."
BUCHA_T, BUCHA_K = "Detainees beaten in Bucha.", "Civilians shot in Bucha."
API = "/api/v1"


def places(body: dict) -> list[str]:
    return [i["place"]["name"] for i in body["items"]]


def test_openapi_describes_every_resource(served) -> None:
    doc = served.client.get(f"{API}/openapi.json").json()
    for path in (
        "/documents",
        "/incidents",
        "/incidents/{incident_id}/judgements",
        "/cases",
        "/cases/{case_id}/merge",
        "/cases/{case_id}/split",
        "/statistics",
        "/units",
        "/units/{name}",
        "/statements",
        "/exports",
        "/exports/records",
        "/audit",
    ):
        assert f"{API}{path}" in doc["paths"], path
    params = {p["name"] for p in doc["paths"][f"{API}/incidents"]["get"]["parameters"]}
    assert {
        "type",
        "since",
        "until",
        "bbox",
        "admin1",
        "unit",
        "subordinates",
        "text",
        "certainty",
        "status",
        "sort",
        "limit",
        "offset",
    } <= params


# -- authentication and authorisation: every failure path


def test_no_credentials_is_401_with_a_json_message(served) -> None:
    r = served.client.get(f"{API}/incidents")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert r.json() == {
        "error": "authentication required: log in, or send `Authorization: Bearer <token>`",
        "status": 401,
    }


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Bearer cf_not-a-token", "unknown or revoked API token"),
        ("Basic dmljOnB3", "Authorization: use `Bearer <token>`"),
        ("Bearer", "Authorization: use `Bearer <token>`"),
    ],
)
def test_bad_tokens_are_401(served, header: str, message: str) -> None:
    r = served.client.get(f"{API}/incidents", headers={"Authorization": header})
    assert (r.status_code, r.json()["error"]) == (401, message)


def test_an_expired_token_and_a_disabled_user_are_401(served) -> None:
    with served.store.engine.begin() as c:
        c.execute(
            update(t.api_tokens)
            .where(t.api_tokens.c.id == sha256(served.tokens["vic"]))
            .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
        )
    r = served.client.get(f"{API}/me", headers=served.bearer("vic"))
    assert r.status_code == 401 and "API token expired" in r.json()["error"]
    change_user(served.store, "ana", disabled=True)  # which revokes the user's tokens (#9)
    r = served.client.get(f"{API}/me", headers=served.bearer("ana"))
    assert r.status_code == 401 and "revoked" in r.json()["error"]


@pytest.mark.parametrize(
    ("user", "method", "path", "status"),
    [
        ("vic", "GET", f"{API}/incidents", 200),
        ("vic", "POST", f"{API}/incidents/{{id}}/judgements", 403),
        ("vic", "POST", f"{API}/incidents", 403),
        ("vic", "GET", f"{API}/exports/records", 403),
        ("vic", "GET", f"{API}/audit", 403),
        ("ana", "GET", f"{API}/audit", 403),
        ("ana", "GET", f"{API}/users", 403),
        ("adam", "GET", f"{API}/audit", 200),
        ("adam", "GET", f"{API}/users", 200),
    ],
)
def test_roles(served, user: str, method: str, path: str, status: int) -> None:
    body = {"action": "confirm", "reason": "x"} if method == "POST" else None
    r = served.client.request(
        method, path.format(id=served.ids[POKROVSK]), json=body, headers=served.bearer(user)
    )
    assert r.status_code == status, r.text
    if status == 403:
        assert "role" in r.json()["error"] and user in r.json()["error"]


def test_a_session_needs_its_csrf_token_to_change_anything(served) -> None:
    csrf = served.login("ana")
    me = served.client.get(f"{API}/me").json()
    assert (me["name"], me["via"]) == ("ana", "session")
    url = f"{API}/incidents/{served.ids[POKROVSK]}/judgements"
    body = {"action": "confirm", "reason": "Checked."}
    for headers in ({}, {"X-CSRF-Token": "forged"}):
        r = served.client.post(url, json=body, headers=headers)
        assert r.status_code == 403 and "CSRF token missing or wrong" in r.json()["error"]
    assert served.client.get(f"{API}/incidents/{served.ids[POKROVSK]}").json()["status"] == (
        "unreviewed"
    )
    r = served.client.post(url, json=body, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["status"] == "confirmed"


def test_an_expired_session_is_401_and_pages_send_to_log_in(served) -> None:
    served.login("vic")
    with served.store.engine.begin() as c:
        c.execute(update(t.sessions).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(1)))
    r = served.client.get(f"{API}/incidents")
    assert r.status_code == 401 and r.json()["error"] == "session expired: log in again"
    page = served.client.get("/cases?type=torture", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Fcases%3Ftype%3Dtorture"


def test_log_in_failures(served) -> None:
    c = served.client
    r = c.post(
        "/login",
        data={
            "name": "ana",
            "password": "correct horse battery staple",
            "csrf_token": "none",
            "next": "/",
        },
    )
    assert r.status_code == 403 and "CSRF" in r.text  # no log-in form was fetched
    for password in ("wrong", "wrong again"):
        form = c.get("/login").text
        csrf = form.split('name="csrf_token" value="')[1].split('"')[0]
        r = c.post("/login", data={"name": "ana", "password": password, "csrf_token": csrf})
        assert r.status_code == 401 and "wrong name or password" in r.text
    assert c.get(f"{API}/me").status_code == 401


def test_log_in_is_rate_limited(served) -> None:
    c = served.client
    for attempt in range(6):
        csrf = c.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
        password = "correct horse battery staple" if attempt == 5 else f"guess {attempt}"
        r = c.post(
            "/login",
            data={"name": "adam", "password": password, "csrf_token": csrf},
            follow_redirects=False,
        )
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    assert "too many failed log-ins" in r.text
    assert served.login("vic")  # another name from the same address still may


def test_log_out_ends_the_session(served) -> None:
    csrf = served.login("vic")
    r = served.client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert served.client.get(f"{API}/me").status_code == 401


def test_an_open_redirect_after_log_in_goes_home(served) -> None:
    c = served.client
    csrf = c.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    r = c.post(
        "/login",
        data={
            "name": "vic",
            "password": "correct horse battery staple",
            "csrf_token": csrf,
            "next": "//evil.example/x",
        },
        follow_redirects=False,
    )
    assert r.headers["location"] == "/"


# -- reading


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Bucha", "Bucha", "Hroza", "Pokrovsk", "Kursk Oblast"]),
        ("type=torture", ["Bucha"]),
        ("since=2024-01-01", ["Pokrovsk", "Kursk Oblast"]),
        ("until=2023-12-31", ["Bucha", "Bucha", "Hroza"]),
        ("since=2023-10-05&until=2023-10-05", ["Hroza"]),
        ("place=hroz", ["Hroza"]),
        ("admin1=Donetsk Oblast", ["Pokrovsk"]),
        ("unit=64th", ["Bucha", "Bucha"]),
        ("unit=2nd Combined Arms Army&subordinates=true", ["Pokrovsk"]),
        ("text=cafe", ["Hroza"]),
        ("bbox=36,48,38,50", ["Hroza", "Pokrovsk"]),
        ("certainty=reported&type=execution_of_pows", ["Pokrovsk", "Kursk Oblast"]),
        ("status=confirmed", []),
        ("sort=-date", ["Kursk Oblast", "Pokrovsk", "Hroza", "Bucha", "Bucha"]),
        ("sort=-count", ["Hroza", "Kursk Oblast", "Pokrovsk", "Bucha", "Bucha"]),
        ("limit=2&offset=3", ["Pokrovsk", "Kursk Oblast"]),
        ("language=en", ["Bucha", "Bucha", "Hroza", "Pokrovsk", "Kursk Oblast"]),
        ("language=uk", []),  # the documents served here are English
    ],
)
def test_incident_filters(served, query: str, expected: list[str]) -> None:
    r = served.client.get(f"{API}/incidents?{query}", headers=served.bearer("vic"))
    assert r.status_code == 200, r.text
    assert places(r.json()) == expected


def test_pages_link_the_next(served) -> None:
    body = served.client.get(f"{API}/incidents?limit=2", headers=served.bearer("vic")).json()
    assert (body["total"], body["limit"], body["offset"]) == (5, 2, 0)
    assert body["total_exact"] is True and body["total_estimated"] is False
    nxt = served.client.get(body["next"], headers=served.bearer("vic")).json()
    assert "after=" in body["next"] and "offset" not in body["next"]  # keyset, by cursor
    assert places(nxt) == ["Hroza", "Pokrovsk"]
    last = served.client.get(nxt["next"], headers=served.bearer("vic")).json()
    assert last["next"] is None


def test_case_pages_link_the_next_by_cursor(served) -> None:
    seen, url = [], f"{API}/cases?limit=2"
    while url:
        body = served.client.get(url, headers=served.bearer("vic")).json()
        seen += [c["id"] for c in body["items"]]
        url = body["next"]
        assert (body["total"], body["total_exact"]) == (5, True)  # counted: under 1,000
    assert len(seen) == len(set(seen)) == 5


@pytest.mark.parametrize("path", ["incidents", "cases"])
def test_a_foreign_cursor_is_a_bad_request(served, path: str) -> None:
    r = served.client.get(f"{API}/{path}?after=bm90LWEtY3Vyc29y", headers=served.bearer("vic"))
    assert r.status_code == 400 and "after:" in r.text


ATTACKS = [
    "' OR 1=1 --",
    "%",
    "_",
    "\\",
    '"; DROP TABLE incidents; --',
    "%' OR '1'='1",
    "<script>alert(1)</script>",
    "Bucha' UNION SELECT * FROM users --",
]


@pytest.mark.parametrize("param", ["place", "admin1", "unit", "text"])
def test_injection_in_text_filters_matches_nothing(served, param: str) -> None:
    for attack in ATTACKS:
        r = served.client.get(
            f"{API}/incidents", params={param: attack}, headers=served.bearer("vic")
        )
        assert r.status_code == 200 and r.json()["total"] == 0, attack
    everything = served.client.get(f"{API}/incidents", headers=served.bearer("vic")).json()
    assert everything["total"] == 5


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "torture' OR 1=1 --"}, 'type: "torture\' OR 1=1 --" is not one of'),
        ({"sort": "date; DROP TABLE incidents"}, "sort: 'date; DROP TABLE incidents' is not one"),
        ({"since": "2024-01-01' OR 1=1"}, "since: String should match pattern"),
        ({"bbox": "0,0,1,1) OR (1=1"}, "bbox: String should match pattern"),
        ({"bbox": "40,0,30,10"}, "bbox: west,south,east,north"),
        ({"status": "deleted"}, "status: 'deleted' is not one of"),
        ({"certainty": "sure"}, "certainty: 'sure' is not one of"),
        ({"limit": "0"}, "limit: Input should be greater than or equal to 1"),
        ({"limit": "1; DROP TABLE x"}, "limit: Input should be a valid integer"),
        ({"unit": "999th Imaginary Brigade", "subordinates": "true"}, "unknown unit"),
    ],
)
def test_bad_filters_are_422_with_a_clear_message(served, params: dict, message: str) -> None:
    r = served.client.get(f"{API}/incidents", params=params, headers=served.bearer("vic"))
    want = 404 if "unit" in params else 422
    assert r.status_code == want and message in r.json()["error"], r.text


@pytest.mark.parametrize(
    "path",
    [
        "/incidents/nope",
        "/cases/nope",
        "/documents/nope",
        "/documents/nope/original",
        "/units/999th Imaginary Brigade",
        "/nothing-here",
    ],
)
def test_unknown_things_are_404_json(served, path: str) -> None:
    r = served.client.get(f"{API}{path}", headers=served.bearer("vic"))
    assert r.status_code == 404 and r.json()["status"] == 404 and r.json()["error"]


def test_map_points_timeline_and_facets(served) -> None:
    h = served.bearer("vic")
    pts = served.client.get(f"{API}/incidents/points?admin1=Kyiv Oblast", headers=h).json()
    assert pts["total"] == 2 and {(p["lat"], p["lon"]) for p in pts["points"]} == {(50.54, 30.21)}
    hist = served.client.get(f"{API}/incidents/histogram", headers=h).json()
    assert hist["months"] == [  # not fused yet: each incident is a case
        {"month": "2022-03", "incidents": 2, "cases": 2},
        {"month": "2023-10", "incidents": 1, "cases": 1},
        {"month": "2024-10", "incidents": 2, "cases": 2},
    ]
    facets = served.client.get(f"{API}/incidents/facets", headers=h).json()
    assert facets["admin1"]["Kyiv Oblast"] == 2 and facets["status"] == {"unreviewed": 5}


def test_case_document_unit_statistics_and_statements(served) -> None:
    h = served.bearer("vic")
    case = served.client.get(f"{API}/cases/{served.ids[HROZA]}", headers=h).json()
    assert case["type"] == "attack_on_civilians"
    [[start, end]] = case["incidents"][0]["spans"]
    doc = served.client.get(
        f"{API}/documents/{case['incidents'][0]['document']['id']}", headers=h
    ).json()
    assert doc["text"][start:end].endswith("killing 59 civilians.")
    assert doc["spans"][0]["fact_id"] == served.ids[HROZA]
    unit = served.client.get(f"{API}/units/30th MRB", headers=h).json()
    assert unit["name"] == "30th Motorized Rifle Brigade"
    assert unit["chain"][0]["parent"] == "2nd Combined Arms Army"
    assert unit["incidents"]["count"] == 1
    stats = served.client.get(f"{API}/statistics", headers=h).json()
    assert stats["incidents"]["total"] == 5 and stats["incidents"]["by_type"]["torture"] == 1
    assert served.client.get(f"{API}/statements", headers=h).json()["total"] == 0


def test_statistics_count_as_far_as_the_lists_do(served, monkeypatch) -> None:
    """The statistics' totals stop where the lists stop counting (#14): a floor, said so."""
    from casefile.api.routes import statistics

    h = served.bearer("vic")
    stats = served.client.get(f"{API}/statistics", headers=h).json()
    assert stats["incidents"]["total_exact"] and stats["cases"]["total_exact"]
    monkeypatch.setattr(statistics, "COUNT_LIMIT", 2)
    monkeypatch.setattr(statistics, "CASE_COUNT_LIMIT", 3)
    stats = served.client.get(f"{API}/statistics", headers=h).json()
    assert (stats["incidents"]["total"], stats["incidents"]["total_exact"]) == (2, False)
    assert not stats["incidents"]["total_estimated"]
    assert (stats["cases"]["total"], stats["cases"]["total_exact"]) == (3, False)
    assert stats["incidents"]["by_type"]["torture"] == 1  # the breakdowns still count all


def test_the_original_is_a_download_never_a_page(served) -> None:
    h = served.bearer("vic")
    doc_id = served.client.get(f"{API}/incidents/{served.ids[HROZA]}", headers=h).json()[
        "document"
    ]["id"]
    r = served.client.get(f"{API}/documents/{doc_id}/original", headers=h)
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-disposition"].startswith("attachment;")
    assert b"<script>" in r.content and r.headers["x-content-type-options"] == "nosniff"


# -- review, new incidents, cases, export


def test_an_analyst_confirms_and_the_audit_log_says_so(served) -> None:
    url = f"{API}/incidents/{served.ids[POKROVSK]}/judgements"
    r = served.client.post(
        url, json={"action": "confirm", "reason": "Video geolocated."}, headers=served.bearer("ana")
    )
    assert r.status_code == 200 and r.json()["status"] == "confirmed"
    audit = served.client.get(f"{API}/audit", headers=served.bearer("adam")).json()["items"]
    assert (audit[0]["actor"], audit[0]["action"], audit[0]["reason"]) == (
        "ana",
        "incident.confirm",
        "Video geolocated.",
    )
    assert served.client.get(f"{API}/audit/verify", headers=served.bearer("adam")).json()["ok"]


def test_an_edit_keeps_the_machine_value(served) -> None:
    url = f"{API}/incidents/{served.ids[POKROVSK]}/judgements"
    body = {
        "action": "edit",
        "field": "count",
        "value": {"low": 6, "best": 7, "high": 8},
        "reason": "Second video shows seven.",
    }
    got = served.client.post(url, json=body, headers=served.bearer("ana")).json()
    assert got["victims"]["count"] == {"low": 6, "best": 7, "high": 8}
    assert got["machine"] == {"count": {"low": None, "best": 6, "high": None}}
    judged = served.client.get(url, headers=served.bearer("vic")).json()
    assert judged[0]["machine"]["best"] == 6 and judged[0]["after"]["best"] == 7


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"action": "confirm"}, 422, "reason: Field required"),
        ({"action": "confirm", "reason": ""}, 422, "reason: required"),
        (
            {"action": "edit", "field": "type", "value": "war", "reason": "x"},
            422,
            "type: 'war' is not one of",
        ),
        ({"action": "delete", "reason": "x"}, 422, "action 'delete'"),
    ],
)
def test_bad_judgements_are_422(served, body: dict, status: int, message: str) -> None:
    r = served.client.post(
        f"{API}/incidents/{served.ids[POKROVSK]}/judgements",
        json=body,
        headers=served.bearer("ana"),
    )
    assert r.status_code == status and message in r.json()["error"], r.text


def test_an_analyst_enters_testimony(served) -> None:
    body = {
        "incident": {
            "type": "unlawful_detention",
            "summary": "Held in a school basement.",
            "date": {"start": "2022-03-10", "end": "2022-03-30"},
            "place": {
                "name": "Yahidne",
                "admin1": "Chernihiv Oblast",
                "country": "UA",
                "lat": 51.34,
                "lon": 31.27,
            },
            "victims": {"category": "civilian", "count": {"best": 360}},
        },
        "source": {
            "text": "We were kept in the school basement for four weeks.",
            "title": "Interview 3",
            "taken_by": "Team A",
            "date": "2023-05-02",
        },
        "reason": "Interview by the team.",
    }
    r = served.client.post(f"{API}/incidents", json=body, headers=served.bearer("ana"))
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["place"]["admin1"] == "Chernihiv Oblast" and made["status"] == "unreviewed"
    listed = served.client.get(
        f"{API}/incidents?admin1=Chernihiv Oblast", headers=served.bearer("vic")
    ).json()
    assert [i["id"] for i in listed["items"]] == [made["id"]]
    bad = served.client.post(
        f"{API}/incidents", json={**body, "incident": {"type": "x"}}, headers=served.bearer("ana")
    )
    assert bad.status_code == 422 and "type: 'x' is not one of" in bad.json()["error"]


def test_merge_and_split_through_the_api(served) -> None:
    a, b = served.ids[BUCHA_T], served.ids[BUCHA_K]
    h = served.bearer("ana")
    merged = served.client.post(
        f"{API}/cases/{a}/merge", json={"cases": [b], "reason": "Same."}, headers=h
    )
    assert merged.status_code == 200 and len(merged.json()["incidents"]) == 2
    assert served.client.get(f"{API}/cases/{b}", headers=h).status_code == 404
    split = served.client.post(
        f"{API}/cases/{a}/split", json={"incidents": [b], "reason": "No."}, headers=h
    )
    assert split.status_code == 201 and [i["id"] for i in split.json()["incidents"]] == [b]


def test_an_export_is_audited_with_the_hash_of_what_left(served) -> None:
    r = served.client.get(
        f"{API}/exports/records?type=execution_of_pows", headers=served.bearer("ana")
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert [x["type"] for x in lines] == ["execution_of_pows"] * 2
    last = list(iter_entries(served.store.engine))[-1]
    after = json.loads(last.after)
    assert (last.action, last.actor, after["records"]) == ("export", "ana", 2)
    assert after["sha256"] == sha256(r.content)
    assert after["filters"] == {"type": "execution_of_pows"}


def test_security_headers(served) -> None:
    r = served.client.get("/login")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "cdn" not in csp
    assert r.headers["x-frame-options"] == "DENY"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_the_audit_log_cannot_be_edited_through_sql_by_the_app(served) -> None:
    with pytest.raises(Exception, match="append-only"), served.store.engine.begin() as c:
        c.execute(text("DELETE FROM audit_log"))


async def _threads(app: FastAPI) -> int:
    async with app.router.lifespan_context(app):
        return anyio.to_thread.current_default_thread_limiter().total_tokens


def test_queries_run_one_per_core_on_sqlite(fresh_store) -> None:
    # SQLite queries run on this process's cores: more at once only share them.
    sqlite = fresh_store.engine.dialect.name == "sqlite"
    assert anyio.run(_threads, create_app(fresh_store)) == (
        max(2, os.cpu_count() or 2) if sqlite else 40
    )
    assert anyio.run(_threads, create_app(fresh_store, ServeConfig(threads=7))) == 7


def test_fused_cases_carry_grade_reconciled_values_and_keep_apart(served) -> None:
    from casefile.fuse.stored import fuse_store

    fuse_store(served.store)
    h = served.bearer("ana")
    items = served.client.get(f"{API}/cases", headers=h).json()["items"]
    assert items and all(c["corroboration"]["grade"] == "single-source" for c in items)
    # the list filters by grade; an unknown grade is refused with the known ones
    single = served.client.get(f"{API}/cases?corroboration=single-source", headers=h).json()
    assert single["total"] == len(items)
    assert served.client.get(f"{API}/cases?corroboration=strong", headers=h).json()["total"] == 0
    bad = served.client.get(f"{API}/cases?corroboration=certain", headers=h)
    assert bad.status_code == 422 and "single-source" in bad.text
    assert all(c["reconciled"]["victims"]["category"] for c in items)
    a, b = served.ids[BUCHA_T], served.ids[BUCHA_K]
    case_a = served.client.get(f"{API}/incidents/{a}", headers=h).json()["case"]
    case_b = served.client.get(f"{API}/incidents/{b}", headers=h).json()["case"]
    kept = served.client.post(
        f"{API}/cases/{case_a}/distinguish", json={"case": case_b, "reason": "Two acts."}, headers=h
    )
    assert kept.status_code == 200
    fuse_store(served.store, again=True)
    case_b_after = served.client.get(f"{API}/incidents/{b}", headers=h).json()["case"]
    assert case_b_after == case_b != case_a
