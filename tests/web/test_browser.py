"""End to end in Debian's chromium, driven by Playwright, as an investigator uses the UI:
log in, filter by oblast, see the map and timeline change, open a case, see the highlighted
span, confirm an incident, find it in the audit log. Screenshots go to test-artifacts/.

Playwright's own browser download does not work here; the system chromium does
(scripts/system-deps.sh installs it). Every request the page makes must stay on the server:
the UI has to work with no internet."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - pyproject's dev extra installs it
        pytest.fail("playwright is not installed: `pip install -e '.[dev]'`", pytrace=False)
    if not shutil.which(CHROMIUM):
        what = f"{CHROMIUM} not found: `sudo apt-get install chromium` (or run `make test`)"
        if os.environ.get("CI"):
            pytest.fail(f"{what}. CI must run the browser tests.", pytrace=False)
        pytest.skip(what)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, served: Any) -> Iterator[Any]:
    """A fresh browser page; it fails the test if anything leaves the server or the console
    reports an error (a CSP violation, a script error)."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    outside: list[str] = []
    problems: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(served.client.base_url.__str__().rstrip("/")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    pg.route("**/*", only_local)
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.base = str(served.client.base_url).rstrip("/")
    yield pg
    context.close()
    assert outside == [], f"the page asked for something off the server: {outside}"
    assert [p for p in problems if "401" not in p] == [], problems


def shot(pg: Any, name: str) -> None:
    pg.screenshot(path=str(ARTIFACTS / name), full_page=True)


def log_in(pg: Any, name: str) -> None:
    pg.goto(pg.base + "/")
    assert "/login" in pg.url
    pg.fill("input[name=name]", name)
    pg.fill("input[name=password]", PASSWORD)
    pg.click("button[type=submit]")
    pg.wait_for_selector("#map")


def on_the_map(pg: Any) -> int:
    """Incidents the map shows: lone markers plus the counts on the clusters."""
    clusters = pg.locator(".marker-cluster span").all_inner_texts()
    return pg.locator("path.incident-marker").count() + sum(int(n) for n in clusters)


def refreshed(pg: Any, times: int) -> None:
    """Wait until the filters have refreshed the page ``times`` times (no string evaluation:
    the Content-Security-Policy forbids it)."""
    pg.wait_for_selector(f"body[data-refreshed='{times}']", state="attached")


def drag_across(pg: Any, first: str, last: str) -> None:
    """Drag the mouse over the timeline from the bar of month ``first`` to that of ``last``
    (a brush; empty months have bars of no height, so the drag runs at mid-height)."""
    box = pg.locator("#timeline").bounding_box()
    a = pg.locator(f"#timeline rect[data-month='{first}']").bounding_box()
    b = pg.locator(f"#timeline rect[data-month='{last}']").bounding_box()
    y = box["y"] + 60
    pg.mouse.move(a["x"] + 1, y)
    pg.mouse.down()
    pg.mouse.move((a["x"] + b["x"]) / 2, y, steps=4)
    pg.mouse.move(b["x"] + b["width"] - 1, y, steps=4)
    pg.mouse.up()


def test_filter_open_a_case_confirm_and_find_it_in_the_audit_log(page: Any, served: Any) -> None:
    pg = page
    pg.goto(pg.base + "/login")
    shot(pg, "01-login.png")
    log_in(pg, "adam")
    # 1. the map and timeline show everything
    refreshed(pg, 1)
    assert pg.get_attribute("#map", "data-markers") == "5"
    assert on_the_map(pg) == 5  # markers, and those gathered into clusters
    assert pg.locator("#timeline rect[data-count]:not([data-count='0'])").count() == 3
    assert pg.inner_text("#count") == "5"
    shot(pg, "02-map-all.png")
    # 2. filter by oblast: markers, timeline and table change together
    pg.select_option("#f-admin1", "Kyiv Oblast")
    refreshed(pg, 2)
    assert pg.get_attribute("#map", "data-markers") == "2"
    bars = pg.locator("#timeline rect")
    assert bars.count() == 1 and bars.first.get_attribute("data-month") == "2022-03"
    assert bars.first.get_attribute("data-count") == "2"
    assert pg.locator("#incidents tbody tr").count() == 2
    assert "admin1=Kyiv+Oblast" in pg.url
    assert "admin1=Kyiv+Oblast" in (pg.get_attribute("#json-twin", "href") or "")
    shot(pg, "03-map-kyiv-oblast.png")
    # 3. open a case: the sentence it rests on is highlighted
    pg.locator("#incidents tbody tr", has_text="torture").get_by_role("link", name="case").click()
    pg.wait_for_selector("mark.span")
    mark = pg.locator("mark.span").first
    assert mark.inner_text() == "Detainees were beaten in Bucha in March 2022."
    assert mark.is_visible()
    shot(pg, "04-case-highlighted-span.png")
    # 4. confirm the incident, with a reason
    incident = pg.locator("section.incident").first
    incident.locator("form.judge input[name=reason]").fill("Matches the OHCHR account.")
    incident.locator("form.judge button[value=confirm]").click()
    pg.wait_for_selector("#done")
    assert "confirmed" in pg.locator("section.incident .badge").first.inner_text()
    assert "Matches the OHCHR account." in pg.inner_text("#judgements")
    shot(pg, "05-incident-confirmed.png")
    # 5. the audit log names who, what and why
    pg.click("text=Audit log")
    row = pg.locator("#audit tbody tr").first
    assert "incident.confirm" in row.inner_text() and "adam" in row.inner_text()
    assert "Matches the OHCHR account." in row.inner_text()
    shot(pg, "06-audit-log.png")


def test_a_document_with_script_renders_inert(page: Any, served: Any) -> None:
    pg = page
    log_in(pg, "vic")
    pg.goto(f"{pg.base}/cases/{served.ids['Missile strike on a cafe in Hroza.']}")
    text = pg.inner_text(".source-text")
    assert "<script>window.pwned = 1</script>" in text and 'onerror="window.pwned = 2"' in text
    assert pg.evaluate("window.pwned === undefined")
    assert pg.locator(".source-text img, .source-text script").count() == 0
    assert pg.locator("form.judge").count() == 0  # a viewer gets no review forms
    shot(pg, "07-inert-script.png")


def test_the_api_docs_render_offline(page: Any, served: Any) -> None:
    """Swagger UI from the installed package draws every operation, asks nothing of another
    server and breaks no Content-Security-Policy rule (the page fixture checks both)."""
    page.goto(f"{page.base}/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/incidents" in [p.replace("\u200b", "") for p in paths]
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"), full_page=False)


def test_review_queue_by_keys_and_bulk_reject(page: Any, served: Any) -> None:
    """An analyst opens the queue, confirms the first incident with the c key, skips one with
    n, then rejects two from the list with one reason; the API sees all of it."""
    log_in(page, "ana")
    page.goto(page.base + "/review")
    first = page.get_attribute("#review-item", "data-incident")
    shot(page, "review-1-queue.png")
    page.keyboard.press("c")
    assert page.evaluate("document.activeElement.id") == "reason"
    page.keyboard.type("Checked against the video.")
    page.keyboard.press("Enter")
    page.wait_for_selector("#done")
    assert page.get_attribute("#review-item", "data-incident") != first
    shot(page, "review-2-confirmed.png")
    second = page.get_attribute("#review-item", "data-incident")
    page.keyboard.press("n")
    page.wait_for_url("**skip=1**")
    assert page.get_attribute("#review-item", "data-incident") != second
    page.goto(page.base + "/?status=unreviewed")
    refreshed(page, 1)
    boxes = page.locator("#incidents tbody input[type=checkbox]")
    chosen = [boxes.nth(k).get_attribute("value") for k in (0, 1)]
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.fill("#bulk-reason", "Duplicates of one event.")
    page.click("#bulk button[value=reject]")
    page.wait_for_selector("#done")
    shot(page, "review-3-bulk-rejected.png")
    bearer = served.bearer("vic")
    rejected = served.client.get("/api/v1/incidents?status=rejected", headers=bearer).json()
    assert sorted(i["id"] for i in rejected["items"]) == sorted(chosen)
    confirmed = served.client.get("/api/v1/incidents?status=confirmed", headers=bearer).json()
    assert [i["id"] for i in confirmed["items"]] == [first]


def test_edit_a_place_by_picking_a_gazetteer_entry(page: Any, served: Any) -> None:
    """The place form searches the gazetteer; the entry picked brings its coordinates, so the
    incident stays on the map at its new place."""
    log_in(page, "ana")
    incident = served.ids["Six POWs shot near Pokrovsk."]
    page.goto(f"{page.base}/incidents/{incident}")
    section = page.locator(f"#incident-{incident}")
    section.locator("details[data-field=place] summary").click()
    form = section.locator("details[data-field=place] form")
    form.locator(".place-name").fill("Izium")
    form.locator(".place-search").click()
    form.locator(".place-choice").first.wait_for()
    assert "Kharkiv Oblast" in form.locator(".place-choice").first.inner_text()
    form.locator(".place-choice").first.click()
    form.locator("input[name=reason]").fill("Geolocated from the video.")
    shot(page, "edit-place-1-chosen.png")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#done")
    shot(page, "edit-place-2-saved.png")
    bearer = served.bearer("vic")
    got = served.client.get(f"/api/v1/incidents/{incident}", headers=bearer).json()
    assert got["place"]["name"] == "Izium" and got["place"]["admin1"] == "Kharkiv Oblast"
    assert got["machine"]["place"]["name"] == "Pokrovsk"
    points = served.client.get("/api/v1/incidents/points?place=izium", headers=bearer).json()
    assert [p["id"] for p in points["points"]] == [incident]
    # the date: a day picked, kept only to the month the source gives
    page.goto(f"{page.base}/incidents/{incident}")
    date = page.locator(f"#incident-{incident} details[data-field=date]")
    date.locator("summary").click()
    date.locator("select[name=precision]").select_option("month")
    date.locator("input[name=start]").fill("2024-09-17")
    date.locator("input[name=reason]").fill("The report says September.")
    shot(page, "edit-date-1-month.png")
    date.locator("button[type=submit]").click()
    page.wait_for_selector("#done")
    got = served.client.get(f"/api/v1/incidents/{incident}", headers=bearer).json()
    assert got["date"] == {"start": "2024-09", "end": "2024-09"}


def test_the_map_stands_alone(page: Any, served: Any) -> None:
    """No tile server: country outlines from the vendored Natural Earth file, a legend, the
    two incidents at one place in a cluster that opens on a click, and a timeline with axes
    whose bars filter the map and the list."""
    log_in(page, "vic")
    refreshed(page, 1)
    page.wait_for_selector("#map[data-basemap]")
    assert int(page.get_attribute("#map", "data-basemap") or 0) > 200  # countries drawn
    assert page.locator("path.country").count() > 200
    legend = page.locator("#legend").inner_text()
    assert "Execution of POWs" in legend and "Torture" in legend
    cluster = page.locator(".marker-cluster", has_text="2")
    assert cluster.count() == 1  # the two Bucha incidents, stacked
    cluster.click()  # opens the list of what it holds
    page.locator(".cluster-list a").nth(1).wait_for()
    assert page.locator(".cluster-list a").count() == 2
    assert "torture, Bucha" in page.locator(".cluster-list").inner_text()
    shot(page, "map-1-basemap-cluster-open.png")
    assert page.locator("#timeline .axis-label").count() >= 3  # counts and years
    assert "Torture (1)" in page.locator("select[name=type]").inner_text()  # facet counts
    page.locator("#incidents th[data-sort=place]").click()  # sortable columns
    refreshed(page, 2)
    places = page.locator("#incidents tbody tr td:nth-child(3)").all_inner_texts()
    assert places == sorted(places)
    page.locator("#timeline rect[data-month='2023-10']").click()
    refreshed(page, 3)
    assert "Torture (0)" in page.locator("select[name=type]").inner_text()
    assert page.input_value("input[name=since]") == "2023-10-01"
    assert page.input_value("input[name=until]") == "2023-10-31"
    assert page.get_attribute("#map", "data-markers") == "1"
    assert page.locator("#incidents tbody tr").count() == 1
    shot(page, "map-2-timeline-month.png")
    # the oblasts' names, written from the gazetteer (no outlines ship under an open licence)
    page.wait_for_selector("#map[data-regions]")
    assert int(page.get_attribute("#map", "data-regions") or 0) >= 25
    assert page.locator(".region-label", has_text="Kharkiv").count() == 1
    # the axes are titled
    assert page.locator("#timeline .axis-title").count() == 2


def test_a_timeline_range_search_and_facets_filter_the_map(page: Any, served: Any) -> None:
    """A range dragged across the timeline (a brush) filters the map and the list; the search
    box finds incidents by their words, marked in the list; the facets beside the filters
    count what matches and, clicked, filter."""
    log_in(page, "vic")
    refreshed(page, 1)
    assert page.locator("#facets [data-facet=year] .facet-value").all_inner_texts() == [
        "2022",
        "2023",
        "2024",
    ]
    drag_across(page, "2023-09", "2024-10")
    refreshed(page, 2)
    assert page.input_value("input[name=since]") == "2023-09-01"
    assert page.input_value("input[name=until]") == "2024-10-31"
    assert page.get_attribute("#map", "data-markers") == "3"
    assert page.locator("#incidents tbody tr").count() == 3
    shot(page, "map-3-timeline-range.png")
    page.fill("#f-q", "POWs shot")
    page.press("#f-q", "Enter")
    refreshed(page, 3)
    assert page.locator("#incidents tbody tr").count() == 2
    assert page.locator("#incidents tbody td.summary mark").first.inner_text() == "POWs"
    assert page.get_attribute("#map", "data-markers") == "2"
    regions = page.locator("#facets [data-facet=admin1] li").all_inner_texts()
    assert sorted(r.strip() for r in regions) == ["Donetsk Oblast 1", "Kursk Oblast 1"]
    page.locator("#facets [data-facet=admin1] .facet-value", has_text="Donetsk").click()
    refreshed(page, 4)
    assert page.locator("#incidents tbody tr").count() == 1
    assert "q=POWs+shot" in page.url and "admin1=Donetsk+Oblast" in page.url
    shot(page, "map-4-search-facets.png")


def test_the_investigators_day(page: Any, served: Any, tmp_path: Path) -> None:
    """The day of #10 end to end: log in, search, a timeline range dragged on the map, the
    next unreviewed incident of what is on screen, its place picked from the gazetteer (it
    stays on the map), confirmed with a key, two others rejected in bulk; then all of it in
    `casefile incidents` and in an export. A screenshot of each step in test-artifacts/."""
    import json
    import subprocess
    import sys

    log_in(page, "ana")
    # 1. search: the incidents and the documents, words marked
    page.fill("header input[name=q]", "shot")
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector("#incident-total")
    assert page.inner_text("#incident-total") == "3 incidents"
    assert page.locator("li.incident-hit mark").first.inner_text() == "shot"
    assert page.locator("#document-hits li.hit mark").count() >= 1
    shot(page, "day-1-search.png")
    # 2. the same search on the map, then a range of the timeline dragged: 2024
    page.click("#on-the-map")
    refreshed(page, 1)
    assert page.locator("#incidents tbody tr").count() == 3
    drag_across(page, "2024-01", "2024-10")
    refreshed(page, 2)
    assert page.input_value("input[name=since]") == "2024-01-01"
    assert page.get_attribute("#map", "data-markers") == "2"
    shot(page, "day-2-timeline-range.png")
    # 3. the next unreviewed incident of what is on screen; edit its place from the gazetteer
    page.click("#review-link")
    page.wait_for_selector("#review-item")
    queue = page.url
    assert "q=shot" in queue and "since=2024-01-01" in queue
    target = page.get_attribute("#review-item", "data-incident")
    shot(page, "day-3-next-unreviewed.png")
    page.keyboard.press("e")
    place = page.locator(f"#incident-{target} details[data-field=place]")
    place.locator("summary").click()
    place.locator(".place-name").fill("Izium")
    place.locator(".place-search").click()
    place.locator(".place-choice").first.click()
    place.locator("input[name=reason]").fill("Geolocated from the video.")
    shot(page, "day-4-place-chosen.png")
    place.locator("button[type=submit]").click()
    page.wait_for_selector("#done")
    shot(page, "day-5-place-edited.png")
    # 4. it stays on the map, at its new place
    page.goto(page.base + "/?q=Izium")
    refreshed(page, 1)
    assert page.get_attribute("#map", "data-markers") == "1"
    assert page.locator("#incidents tbody td.summary").count() == 1
    shot(page, "day-6-on-the-map-at-izium.png")
    # 5. back to the queue: confirm it with a key
    page.goto(queue)
    assert page.get_attribute("#review-item", "data-incident") == target
    page.keyboard.press("c")
    page.keyboard.type("Two sources agree.")
    page.keyboard.press("Enter")
    page.wait_for_selector("#done")
    shot(page, "day-7-confirmed-by-key.png")
    # 6. bulk-reject two of the rest
    page.goto(page.base + "/?status=unreviewed")
    refreshed(page, 1)
    boxes = page.locator("#incidents tbody input[type=checkbox]")
    rejected = sorted(boxes.nth(k).get_attribute("value") or "" for k in (0, 1))
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.fill("#bulk-reason", "Reports of another event.")
    page.click("#bulk button[value=reject]")
    page.wait_for_selector("#done")
    shot(page, "day-8-bulk-rejected.png")
    # 7. the edited place stays on the map
    bearer = served.bearer("ana")
    points = served.client.get("/api/v1/incidents/points?place=izium", headers=bearer).json()
    assert [p["id"] for p in points["points"]] == [target]
    # 8. all of it in `casefile incidents` and in an export
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    command = ["incidents", "--format", "json"]
    cli = subprocess.run(
        [sys.executable, "-m", "casefile", "--db", served.store.url, *command],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert cli.returncode == 0, cli.stderr
    rows = {r["id"]: r for r in json.loads(cli.stdout)}
    assert rows[target]["status"] == "confirmed" and rows[target]["place"]["name"] == "Izium"
    assert sorted(i for i, r in rows.items() if r["status"] == "rejected") == rejected
    command = ["incidents", "--search", "Izium", "--format", "json"]
    cli = subprocess.run(
        [sys.executable, "-m", "casefile", "--db", served.store.url, *command],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert [r["id"] for r in json.loads(cli.stdout)] == [target], cli.stderr
    export = served.client.get("/api/v1/exports/records", headers=bearer)
    records = {r["id"]: r for r in map(json.loads, export.text.splitlines())}
    assert records[target]["status"] == "confirmed" and records[target]["place"]["name"] == "Izium"
    assert records[target]["machine"]["place"]["name"] != "Izium"
    assert sorted(i for i, r in records.items() if r["status"] == "rejected") == rejected


def test_the_brief_page_follows_the_filters_and_links_to_the_spans(page: Any, served: Any) -> None:
    pg = page
    log_in(pg, "ana")
    refreshed(pg, 1)
    pg.select_option("#f-admin1", "Kyiv Oblast")
    refreshed(pg, 2)
    # the Export menu and the brief link follow the filters on screen
    export = pg.get_attribute("a.export-link[data-format='csv']", "href") or ""
    assert "format=csv" in export and "admin1=Kyiv+Oblast" in export
    pg.click("#brief-link")
    pg.wait_for_selector("#brief")
    assert "admin1=Kyiv+Oblast" in pg.url
    takeaways = pg.locator("li.takeaway")
    assert takeaways.count() == 2  # the two Bucha incidents
    assert pg.locator("#brief img.chart").count() == 2
    assert all(
        pg.locator("#brief img.chart").nth(i).evaluate("img => img.naturalWidth") > 0
        for i in range(2)
    )
    shot(pg, "07-brief.png")
    # a citation opens the case page at the highlighted span
    takeaways.first.locator("a.cite").first.click()
    pg.wait_for_selector("mark.span:target")
    assert pg.locator("mark.span:target").inner_text().startswith(("Detainees", "Civilians"))
    shot(pg, "08-brief-citation-target.png")
