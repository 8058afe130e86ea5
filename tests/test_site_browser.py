"""The built site in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium).

Skipped with the reason when Chromium or Playwright is missing, unless BILLTRACK_REQUIRE_BROWSER=1
(as in CI), which turns the skip into a failure. Screenshots go to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def _unavailable() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (pip install playwright)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    reason = _unavailable()
    if reason:
        if os.environ.get("BILLTRACK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required (BILLTRACK_REQUIRE_BROWSER=1) but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tracker.sphinx_ext.build import build_site
    from tracker.sphinx_ext.serve import serve_directory

    if _unavailable() and os.environ.get("BILLTRACK_REQUIRE_BROWSER") != "1":
        pytest.skip(_unavailable() or "")
    out = tmp_path_factory.mktemp("browser-site") / "html"
    build_site(REPO, out, status=None, warning=io.StringIO())
    server = serve_directory(out, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser, site_url):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_home_then_navigate_to_a_provision(page, site_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/index.html")
    assert page.locator(".bt-short-title").first.is_visible()
    assert page.locator("img.bt-coverage-chart").first.evaluate("img => img.naturalWidth") > 0
    assert "Built from" in page.locator(".bt-build-info").inner_text()
    shot(page, "home")
    page.locator(".sidebar-tree a", has_text="Text of the bill").first.click()
    page.wait_for_url("**/_generated/bill.html")
    page.locator("a", has_text="provision page").first.click()
    page.wait_for_url("**/_generated/provisions/*.html")
    heading = page.locator("article h1").inner_text()
    assert heading.startswith(("SECTION 1.", "SEC. 1."))
    assert page.locator("#text").is_visible()
    shot(page, "provision")


def test_search_box_finds_results(page, site_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/index.html")
    box = page.locator("input[name=q]").first
    box.fill("credentialing")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=credentialing*")
    results = page.locator("ul.search li")
    results.first.wait_for(state="visible")
    assert results.count() > 0
    shot(page, "search")


def test_redline_shows_struck_and_inserted_styles(page, site_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/_generated/drafts/index.html")
    redline = page.locator("#redlines li a").first
    if redline.count() == 0:
        pytest.skip("the shipped package has no drafts, so no redline page")
    redline.click()
    page.wait_for_url("**/_generated/redlines/*.html")
    struck = page.locator(".bt-redline-unit .bt-del").first
    inserted = page.locator(".bt-redline-unit .bt-ins").first
    struck.scroll_into_view_if_needed()
    assert "line-through" in struck.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in inserted.evaluate("e => getComputedStyle(e).textDecorationLine")
    shot(page, "redline")


def test_print_media_hides_navigation(page, site_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/_generated/bill.html")
    sidebar = page.locator(".sidebar-drawer")
    assert sidebar.evaluate("e => getComputedStyle(e).display") != "none"
    page.emulate_media(media="print")
    for selector in (".sidebar-drawer", ".toc-drawer", ".related-pages"):
        element = page.locator(selector).first
        if element.count():
            assert element.evaluate("e => getComputedStyle(e).display") == "none", selector
    assert page.locator(".bt-preamble").is_visible()
    shot(page, "bill-print")
