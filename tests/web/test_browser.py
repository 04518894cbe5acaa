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


def refreshed(pg: Any, times: int) -> None:
    """Wait until the filters have refreshed the page ``times`` times (no string evaluation:
    the Content-Security-Policy forbids it)."""
    pg.wait_for_selector(f"body[data-refreshed='{times}']", state="attached")


def test_filter_open_a_case_confirm_and_find_it_in_the_audit_log(page: Any, served: Any) -> None:
    pg = page
    pg.goto(pg.base + "/login")
    shot(pg, "01-login.png")
    log_in(pg, "adam")
    # 1. the map and timeline show everything
    refreshed(pg, 1)
    assert pg.get_attribute("#map", "data-markers") == "5"
    assert pg.locator("path.incident-marker").count() == 5
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
