"""The site's "Changes in existing law" page (a committee report's Ramseyer section) and its links
from the provision pages and the bill text; one package with law/ built once, one without."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BASE_PACKAGE, FIXTURES
from tests.test_site_browser import ARGS, CHROMIUM, _unavailable
from tests.test_site_build import Built, build

AMENDING = FIXTURES / "packages" / "amending"
LAW_PAGE = "_generated/law.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("amend-site") / "package"
    shutil.copytree(AMENDING, root)
    return build(root, root / "_build" / "html")


def main(soup: BeautifulSoup) -> BeautifulSoup:
    return soup.select_one("article[role=main]") or soup


def law_part(site: Built, anchor: str) -> BeautifulSoup:
    part = site.html(LAW_PAGE).find(id=anchor)
    assert part is not None, anchor
    return part


def test_page_is_in_the_navigation(site: Built) -> None:
    assert (site.out / LAW_PAGE).is_file()
    nav = [a.get_text(strip=True) for a in site.html("index.html").select(".sidebar-tree a")]
    assert nav.index("Changes in existing law") == nav.index("Section-by-section analysis") + 1


def test_lead_and_legend(site: Built) -> None:
    page = main(site.html(LAW_PAGE))
    lead = page.select_one(".bt-law-lead").get_text()
    assert "clause 3(e) of rule XIII" in lead and "Ramseyer" in lead
    legend = page.select_one(".bt-law-legend")
    assert legend.select_one(".bt-law-struck").get_text() == "[struck text]"
    assert legend.select_one(".bt-law-ins").get_text() == "italic text"
    assert "black brackets and struck through" in page.select_one(".bt-law-convention").get_text()


def test_each_law_section_has_its_part(site: Built) -> None:
    part = law_part(site, "law-18-usc-242")
    assert (
        part.find(["h2", "h3"])
        .get_text()
        .startswith("18 U.S.C. 242. Deprivation of rights under color of law")
    )
    assert "current through Public Law 116-155" in part.select_one(".bt-law-facts").get_text()
    other = law_part(site, "law-42-usc-1983")
    facts = other.select_one(".bt-law-facts").get_text()
    assert "section 1979 of the Revised Statutes of the United States" in facts


def test_struck_and_inserted_text_is_marked_with_brackets(site: Built) -> None:
    part = law_part(site, "law-18-usc-242")
    struck = part.select(".bt-law-text .bt-law-struck")
    assert [s.get_text() for s in struck] == ["[willfully]"]
    assert [d.get_text() for d in part.select(".bt-law-text .bt-law-del")] == ["willfully"]
    assert [b.get_text() for b in struck[0].select(".bt-law-bracket")] == ["[", "]"]
    inserted = [i.get_text() for i in part.select(".bt-law-text .bt-law-ins")]
    assert inserted[0] == "knowingly or with reckless disregard"
    assert inserted[1].strip().startswith("For purposes of this section")
    # copied as text, the print still says what is struck and what is new
    text = " ".join(part.select_one(".bt-law-text").get_text().split())
    assert "custom, [willfully] knowingly or with reckless disregard" in text
    # the failing instruction struck nothing
    assert "maliciously" not in text


def test_each_change_links_to_the_bill_section_making_it(site: Built) -> None:
    part = law_part(site, "law-18-usc-242")
    sources = part.select(".bt-law-text .bt-law-by a")
    assert [a.get_text(strip=True) for a in sources] == ["sec. 201(a)", "sec. 201(a)"]
    assert all(a["href"].endswith("provisions/color-of-law.html#color-of-law_a") for a in sources)
    other = law_part(site, "law-42-usc-1983")
    assert [a.get_text(strip=True) for a in other.select(".bt-law-by a")] == ["sec. 202"]


def test_links_resolve_to_existing_anchors(site: Built) -> None:
    pages = [LAW_PAGE, "_generated/provisions/color-of-law.html", "_generated/bill.html"]
    checked = 0
    for relative in pages:
        page = site.out / relative
        for link in main(site.html(relative)).select("a[href]"):
            href = link["href"]
            parts = urlsplit(href)
            if parts.scheme or not (parts.path or parts.fragment):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{relative}: {href}"
            if parts.fragment:
                soup = BeautifulSoup(target.read_text("utf-8"), "html.parser")
                assert soup.find(id=unquote(parts.fragment)), f"{relative}: {href}"
            checked += 1
    assert checked > 10


def test_instructions_not_applied_are_listed_with_why(site: Built) -> None:
    listed = law_part(site, "not-applied").get_text(" ")
    text = " ".join(listed.split())
    assert "sec. 201(b)" in text and "failed" in text and "“maliciously” not found" in text
    assert "sec. 201(c)" in text and "not understood" in text
    assert "rewording the penalties" in text
    assert "sec. 201(a)" not in text and "sec. 202" not in text  # applied ones are not


def test_provision_page_lists_the_law_it_amends(site: Built) -> None:
    page = main(site.html("_generated/provisions/color-of-law.html"))
    amends = page.find(id="changes-in-existing-law")
    assert amends is not None
    links = [a["href"] for a in amends.select(".bt-law-amended-list a")]
    assert any(h.endswith("law.html#law-18-usc-242") for h in links)
    assert not any("1983" in h for h in links)
    outcomes = " ".join(amends.select_one(".bt-law-outcomes").get_text(" ").split())
    assert "sec. 201(b) (18 U.S.C. 242): failed" in outcomes
    other = main(site.html("_generated/provisions/civil-action.html"))
    assert any(
        a["href"].endswith("law.html#law-42-usc-1983")
        for a in other.find(id="changes-in-existing-law").select("a[href]")
    )
    plain = main(site.html("_generated/provisions/reports.html"))
    assert plain.find(id="changes-in-existing-law") is None


def test_bill_text_links_amending_sections_to_the_print(site: Built) -> None:
    bill = main(site.html("_generated/bill.html"))
    flags = {
        flag.find_parent("section")["id"]: flag.find_parent("a")["href"]
        for flag in bill.select(".bt-law-flag")
    }
    assert flags == {
        "color-of-law": "law.html#law-18-usc-242",
        "civil-action": "law.html#law-42-usc-1983",
    }


def test_no_law_no_page(tmp_path: Path) -> None:
    root = tmp_path / "package"
    shutil.copytree(BASE_PACKAGE, root)
    built = build(root, root / "_build" / "html")
    assert not (built.out / LAW_PAGE).exists()
    nav = [a.get_text(strip=True) for a in built.html("index.html").select(".sidebar-tree a")]
    assert "Changes in existing law" not in nav and "Text of the bill" in nav
    assert not built.html("_generated/bill.html").select(".bt-law-flag")


@pytest.mark.browser
def test_struck_text_renders_struck_through_on_screen_and_in_print(site: Built) -> None:
    reason = _unavailable()
    if reason:
        if os.environ.get("BILLTRACK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            page = browser.new_page()
            page.goto((site.out / LAW_PAGE).as_uri())
            style = """(selector) => {
                const s = getComputedStyle(document.querySelector(selector));
                return [s.textDecorationLine, s.fontStyle, s.color, s.display];
            }"""
            for media in ("screen", "print"):
                page.emulate_media(media=media)
                decoration, _, color, display = page.evaluate(style, "#law-18-usc-242 .bt-law-del")
                assert "line-through" in decoration and display != "none", media
                _, italic, _, _ = page.evaluate(style, "#law-18-usc-242 .bt-law-ins")
                assert italic == "italic", media
                bracket = page.evaluate(style, "#law-18-usc-242 .bt-law-bracket")
                assert "line-through" not in bracket[0], media
            assert color == "rgb(0, 0, 0)"  # black in print
            assert (
                page.locator("#law-18-usc-242 .bt-law-struck").first.inner_text() == "[willfully]"
            )
        finally:
            browser.close()
