"""The legislative package site: builds, structure of the generated HTML, safety, incremental builds.

Each package is built once per module (module-scoped fixtures) into tmp_path; the shipped package is
built from this repository with its own conf.py and docs/.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tracker.adapters.loader import load_package
from tracker.core.compile import CompiledBill
from tracker.core.errors import InvalidPackageError
from tracker.sphinx_ext.build import SiteBuildError, build_site

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site"
OVERLAYS = REPO / "tests" / "fixtures" / "site-overlays"


@dataclass
class Built:
    root: Path
    out: Path
    warnings: str
    status: str

    def html(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup((self.out / relative).read_text("utf-8"), "html.parser")

    def pages(self) -> list[Path]:
        return sorted(self.out.rglob("*.html"))


def build(root: Path, out: Path, **options: object) -> Built:
    status, warnings = io.StringIO(), io.StringIO()
    build_site(root, out, status=status, warning=warnings, **options)  # type: ignore[arg-type]
    return Built(root=root, out=out, warnings=warnings.getvalue(), status=status.getvalue())


def copy_fixture(tmp: Path, *overlays: str) -> Path:
    root = tmp / "package"
    shutil.copytree(FIXTURE, root)
    for overlay in overlays:
        for source in (OVERLAYS / overlay).glob("*.md"):
            shutil.copy(source, root / "provisions" / source.name)
            bill = root / "provisions" / "bill.yaml"
            bill.write_text(bill.read_text("utf-8") + f"  - {source.stem}\n", "utf-8")
    return root


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_fixture(tmp_path_factory.mktemp("fixture"))
    return build(root, root / "_build" / "html", strict=True)


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    if not (REPO / "provisions" / "bill.yaml").is_file():
        pytest.skip("the shipped package (provisions/) is not in this checkout")
    out = tmp_path_factory.mktemp("shipped") / "html"
    return build(REPO, out, strict=True)


@pytest.fixture(params=["fixture", "shipped"])
def site(request: pytest.FixtureRequest) -> Built:
    return request.getfixturevalue(f"{request.param}_site")


# Builds ------------------------------------------------------------------------------------------


def test_builds_with_zero_warnings(site: Built) -> None:
    assert site.warnings.strip() == ""
    assert (site.out / "index.html").is_file()
    assert (site.out / "searchindex.js").is_file()


def test_every_provision_has_a_page_addressed_by_id(site: Built) -> None:
    package = load_package(site.root)
    for provision_id in package.provisions:
        page = site.out / "_generated" / "provisions" / f"{provision_id}.html"
        assert page.is_file(), provision_id


def test_every_internal_link_resolves(site: Built) -> None:
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
            ids[path] = {tag["id"] for tag in soup.find_all(id=True)}
        return ids[path]

    checked = 0
    for page in site.pages():
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for link in soup.find_all("a", href=True):
            href = link["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(site.out)}: broken link {href}"
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in anchors(target), (
                    f"{page.relative_to(site.out)}: no anchor for {href}"
                )
            checked += 1
    assert checked > 50


def test_cross_references_render_current_numbers_as_links(fixture_site: Built) -> None:
    soup = fixture_site.html("_generated/provisions/definitions.html")
    link = soup.select_one("a .bt-xref").parent
    assert link.get_text() == "section 101(a)"
    assert link["href"] == "grant-program.html#grant-program_a"
    bill = fixture_site.html("_generated/bill.html")
    texts = [a.get_text() for a in bill.select("a") if a.select_one(".bt-xref")]
    assert "section 102(a)(2)" in texts


def test_home_shows_the_commit_and_manifest_hashes_the_files(site: Built) -> None:
    info = site.html("index.html").select_one(".bt-build-info")
    assert info is not None and info.get_text().startswith("Built from ")
    for page in ("_generated/bill.html", "_generated/provisions/short-title.html"):
        # the stamp is on one page, so a new commit does not rewrite every page
        assert site.html(page).select_one(".bt-build-info") is None, page
    manifest = json.loads((site.out / "manifest.json").read_text("utf-8"))
    package = load_package(site.root)
    assert set(manifest["provisions"]) == set(package.provisions)
    for entry in manifest["provisions"].values():
        data = (site.root / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_home_has_title_stage_timeline_chart_and_counts(fixture_site: Built) -> None:
    home = fixture_site.html("index.html")
    assert home.select_one(".bt-short-title").get_text() == "Site Fixture Act of 2026"
    assert "Introduced" in home.select_one(".bt-stage").get_text()
    timeline = home.select_one(".bt-timeline")
    assert timeline.select_one('a[href$="drafts/first-draft.html"]') is not None
    assert "Discussion draft, January 15, 2026" in timeline.get_text()
    chart = home.select_one("img.bt-coverage-chart")
    svg = (fixture_site.out / "_generated" / chart["src"].split("/")[-1]).exists() or (
        fixture_site.out / chart["src"]
    ).exists()
    assert svg
    assert "<script" not in (fixture_site.out / chart["src"]).read_text("utf-8")
    counts = home.select_one(".bt-status-counts").get_text(" ")
    assert "cleared" in counts and "All" in counts


def test_provision_navigation_stays_out_of_the_sidebar(fixture_site: Built) -> None:
    home = fixture_site.html("index.html")
    sidebar = home.select_one(".sidebar-tree")
    assert sidebar is not None
    assert "provisions/" not in str(sidebar)
    assert len(sidebar.select("a")) <= 12


def test_order_page_links_the_federal_register_and_the_crosswalk(fixture_site: Built) -> None:
    order = fixture_site.html("_generated/order.html")
    assert order.select_one('a[href^="https://www.federalregister.gov/"]') is not None
    entry = order.select_one("#order-2-b")
    assert "Sec. 102" in entry.get_text() and "drafting" in entry.get_text()
    matrix = order.select_one("table.bt-matrix").get_text(" ")
    assert "TITLE I" in matrix and "TITLE II" in matrix
    row = next(r for r in order.select("table.bt-matrix tr") if "sec. 3" in r.get_text())
    assert "in progress" in row.get_text() and "Sec. 201" in row.get_text()


def test_redline_page_shows_struck_and_inserted_text(fixture_site: Built) -> None:
    page = fixture_site.html("_generated/redlines/first-draft--current.html")
    struck = " ".join(t.get_text() for t in page.select(".bt-del"))
    inserted = " ".join(t.get_text() for t in page.select(".bt-ins"))
    assert "shall" in struck and "every" in struck
    assert "may" in inserted
    assert "ANNUAL REPORT" in inserted  # the section new since the draft
    units = page.select(".bt-redline-unit")
    assert units and all("unchanged" not in u["class"][-1] for u in units)
    provision = fixture_site.html("_generated/provisions/annual-report.html")
    assert provision.select_one(".bt-new-since") is not None
    unchanged = fixture_site.html("_generated/provisions/grant-program.html")
    assert unchanged.select_one(".bt-unchanged-since") is not None


def test_site_redlines_hide_white_space_only_changes() -> None:
    """The site shows what the human formats of 'billtrack diff' show: Redline.for_display."""
    from tracker.core.redline import compare_units
    from tracker.core.text_units import split_text
    from tracker.render.docutils_redline import redline_nodes
    from tracker.sphinx_ext import reports

    package = load_package(FIXTURE)
    assert reports.redline_between(package, package, "a", "b").whitespace is False
    old = split_text("SEC. 1. A.\nThe  Attorney General\nshall act.\n")
    new = split_text("SEC. 1. A.\nThe Attorney General shall\nact.\n")
    shown = "".join(node.astext() for node in redline_nodes(compare_units(old, new).for_display()))
    assert "No changes." in shown and "SEC. 1. A." in shown


def test_shipped_redlines_contain_the_changes_the_notes_describe(shipped_site: Built) -> None:
    drafts = sorted((REPO / "drafts").glob("*/draft.yaml"))
    if len(drafts) < 2:
        pytest.skip("the shipped package has fewer than two drafts")
    folder = shipped_site.out / "_generated" / "redlines"
    pages = sorted(p for p in folder.glob("*.html") if not p.name.endswith(".print.html"))
    assert pages
    for page in pages:  # the standalone printable version from the redline engine's renderer
        printable = folder / page.name.replace(".html", ".print.html")
        assert "<del>" in printable.read_text("utf-8")
    for path in pages:
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        assert soup.select(".bt-del") or soup.select(".bt-ins"), path.name
    first = shipped_site.html("_generated/redlines/discussion-draft--introduced.html")
    inserted = " ".join(t.get_text() for t in first.select(".bt-ins"))
    struck = " ".join(t.get_text() for t in first.select(".bt-del"))
    # The introduced print's note: a new section on cost-effective credentialing for small and
    # rural agencies, and authorizations raised for co-responder grants.
    assert re.search(r"small (and|or) rural", inserted, re.I)
    # ($150,000,000 became $200,000,000: the word diff strikes "150" and inserts "200")
    assert "200" in inserted.split() and "150" in struck.split()


def test_command_reference_lists_the_lazy_commands(shipped_site: Built) -> None:
    page = shipped_site.html("commands.html")
    headings = {h.get_text().rstrip("¶").strip() for h in page.select("article h2, article h3")}
    usage = " ".join(page.select_one("article").get_text(" ").split())
    from tracker.cli import COMMANDS

    for name in COMMANDS:
        assert name in headings, name
        assert re.search(rf"billtrack (\w+ )?{name} \[ OPTIONS \]", usage), name


# Safety and problems ------------------------------------------------------------------------------


def test_provision_cannot_inject_script(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path, "unsafe")
    with pytest.raises(InvalidPackageError, match="BT802"):  # the include of /etc/passwd
        build(root, root / "_build" / "html")
    assert not (root / "_build" / "html").exists()
    unsafe = root / "provisions" / "unsafe-text.md"
    unsafe.write_text(
        unsafe.read_text("utf-8").replace("```{include} /etc/passwd\n```", "(removed)"),
        "utf-8",
    )
    built = build(root, root / "_build" / "html")
    assert "BT801" in built.warnings
    assert "provisions/unsafe-text.md:" in built.warnings
    for page in built.pages():
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text(), page
            assert not script.get("src", "").startswith("javascript:")
        for tag in soup.find_all(True):
            for attribute, value in tag.attrs.items():
                assert not attribute.lower().startswith("on"), (page, tag)
                if isinstance(value, str):
                    assert not value.strip().lower().startswith("javascript:"), (page, tag)
    page = (built.out / "_generated" / "provisions" / "unsafe-text.html").read_text("utf-8")
    assert "&lt;script&gt;" in page  # shown as text
    assert "root:x:" not in page  # the include never ran
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one(".bt-problems") is not None


def test_problems_are_located_warnings_and_strict_fails(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path, "broken")
    built = build(root, root / "_build" / "html")
    assert re.search(r"provisions/broken-reference\.md:10: WARNING: error BT401", built.warnings)
    assert "BT402" in built.warnings
    page = built.html("_generated/provisions/broken-reference.html")
    assert "BT401" in page.select_one(".bt-problems").get_text()
    assert page.select_one(".bt-xref-broken").get_text() == "section [no-such-provision]"
    with pytest.raises(SiteBuildError, match="--strict"):
        build_site(root, root / "_build" / "html", strict=True, status=None, warning=None)


# Incremental builds -------------------------------------------------------------------------------


def _numbers_shown(built: Built) -> list[tuple[str, str, str]]:
    """(page, provision id, text) of every link that names a provision's number."""
    shown = []
    for page in built.pages():
        if page.parent.name in ("drafts", "redlines"):
            continue  # frozen drafts keep the numbers they were circulated with
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for link in soup.find_all("a", href=True):
            match = re.search(r"provisions/([a-z0-9-]+)\.html|#([a-z0-9-]+)(?:_|$)", link["href"])
            text = link.get_text(" ", strip=True)
            if match and re.match(r"(section|Sec\.) ", text):
                shown.append((page.name, match.group(1) or match.group(2), text))
    return shown


def _assert_current(built: Built) -> None:
    compiled = CompiledBill(load_package(built.root))
    for page, provision_id, text in _numbers_shown(built):
        if provision_id not in compiled.by_id:
            continue
        number = compiled.by_id[provision_id].designation
        found = re.match(r"(?:section|Sec\.) (\d+[A-Z]?)", text)
        assert found and found.group(1) == number, f"{page}: '{text}' for {provision_id}"
    for provision_id, section in compiled.by_id.items():
        heading = built.html(f"_generated/provisions/{provision_id}.html").select_one("h1")
        assert heading.get_text().startswith(section.heading_line), provision_id


def test_incremental_build_after_a_move_shows_no_old_number(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    out = root / "_build" / "html"
    first = build(root, out)
    _assert_current(first)
    bill = root / "provisions" / "bill.yaml"
    text = bill.read_text("utf-8")
    moved = text.replace(
        "      - grant-program\n      - grant-conditions\n",
        "      - grant-conditions\n      - grant-program\n",
    )
    assert moved != text
    bill.write_text(moved, "utf-8")
    second = build(root, out)
    assert "1 changed" not in second.status
    _assert_current(second)
    definitions = second.html("_generated/provisions/definitions.html")
    assert "section 102(a)" in definitions.get_text()
    changed = re.search(r"(\d+) added, (\d+) changed", second.status)
    total = len(list((root / "_build" / "html").rglob("*.html")))
    assert changed and int(changed.group(2)) < total  # incremental, not a full rebuild


def test_incremental_build_after_a_retitle_and_an_insert(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    out = root / "_build" / "html"
    build(root, out)
    path = root / "provisions" / "grant-program.md"
    path.write_text(
        path.read_text("utf-8").replace("title: Grant program", "title: Law enforcement grants"),
        "utf-8",
    )
    new = root / "provisions" / "new-section.md"
    new.write_text(
        "---\ntitle: Inserted section\nimplements: []\nstatus: drafting\nowner: null\n"
        "summary: null\nhistory: []\n---\n\nThis section is inserted before the grants.\n",
        "utf-8",
    )
    bill = root / "provisions" / "bill.yaml"
    bill.write_text(
        bill.read_text("utf-8").replace(
            "    contents:\n      - grant-program\n",
            "    contents:\n      - new-section\n      - grant-program\n",
        ),
        "utf-8",
    )
    second = build(root, out)
    _assert_current(second)
    toc = second.html("_generated/provisions/short-title.html").select_one(".bt-toc").get_text()
    assert "Sec. 102. Law enforcement grants." in toc
    assert "Sec. 101. Inserted section." in toc
    assert "Grant program" not in toc


# The commands -------------------------------------------------------------------------------------


def test_build_command_prints_where_the_site_is(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tracker.cli import cli

    root = copy_fixture(tmp_path)
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert f"site built: {out / 'index.html'}" in result.output
    again = CliRunner().invoke(
        cli, ["build", "--root", str(root), "--out", str(out), "--strict", "--clean"]
    )
    assert again.exit_code == 0, again.output
    assert "Reading" in again.output and "site built:" in again.output  # progress and summary


def test_the_build_process_ends_with_its_output_written(tmp_path: Path) -> None:
    """``billtrack build`` as its own process ends without the interpreter's teardown
    (tracker.cli.exit_without_teardown): exit status 0, its lines and the site all there; a
    failed build still ends as any command does."""
    import subprocess
    import sys

    root = copy_fixture(tmp_path)
    out = tmp_path / "site"
    command = [sys.executable, "-c", "from tracker.cli import main; main()", "build"]
    done = subprocess.run(
        [*command, "--root", str(root), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"site built: {out / 'index.html'} ({done.stdout.split('(', 1)[1]}"
    assert done.stdout.endswith(" s)\n")
    assert (out / "index.html").is_file() and (out / "searchindex.js").is_file()
    (root / "provisions" / "bill.yaml").write_text("contents: [", "utf-8")
    failed = subprocess.run(
        [*command, "--root", str(root), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode != 0
    assert "bill.yaml" in failed.stderr and "Traceback" not in failed.stderr


def test_build_command_strict_fails_with_a_message(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tracker.cli import cli

    root = copy_fixture(tmp_path, "broken")
    result = CliRunner().invoke(
        cli, ["build", "--root", str(root), "--out", str(tmp_path / "s"), "-q", "--strict"]
    )
    assert result.exit_code == 1
    assert "error: the site was built with" in result.output
    assert "Traceback" not in result.output


def test_serve_refuses_a_missing_site(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tracker.cli import cli

    root = copy_fixture(tmp_path)
    result = CliRunner().invoke(cli, ["serve", "--root", str(root), "--out", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "no built site" in result.output and "billtrack build" in result.output


def test_a_reference_to_several_sections_links_each_number(shipped_site: Built) -> None:
    page = shipped_site.html("_generated/provisions/grant-enforcement.html")
    listing = page.select_one(".bt-xref-list")
    assert listing is not None and listing.get_text() == "sections 103 and 206"
    hrefs = [a["href"] for a in listing.select("a")]
    assert hrefs == ["grant-conditions.html", "reporting-condition.html"]


def test_build_prints_a_line_per_phase_and_a_summary(tmp_path: Path) -> None:
    """No raw Sphinx log by default (-v shows it); a summary with pages, writes, warnings, time."""
    from click.testing import CliRunner

    from tracker.cli import cli

    root = copy_fixture(tmp_path)
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "WARNING" not in line]
    assert (
        "MdParserConfig" not in result.output and "configuration has changed" not in result.output
    )
    assert len(lines) <= 6, lines
    assert any(line.startswith("› Reading") for line in lines)
    summary = re.search(
        r"site built: (\S+) \((\d+) pages, (\d+) written, \d+ warnings?, [\d.]+ s\)", result.output
    )
    assert summary and summary[1] == str(out / "index.html")
    assert int(summary[3]) >= int(summary[2])  # a first build writes every page
    verbose = CliRunner().invoke(cli, ["build", "--root", str(root), "--out", str(out), "-v"])
    assert verbose.exit_code == 0 and "build succeeded" in verbose.output


def test_a_new_commit_rewrites_the_home_page_only(tmp_path: Path) -> None:
    """The build's stamp is on the home page alone, so committing re-writes one page, not all."""
    from tests.conftest import commit_all

    root = copy_fixture(tmp_path)
    out = tmp_path / "site"
    commit_all(root, "first")
    build_site(root, out, warning=io.StringIO())
    (root / "notes.txt").write_text("a file outside the package's pages\n", "utf-8")
    second = commit_all(root, "second")
    again = build_site(root, out, warning=io.StringIO())
    assert again.read <= 1 and again.written <= 3, (again.read, again.written)
    home = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    assert second[:12] in home.select_one(".bt-build-info").get_text()
