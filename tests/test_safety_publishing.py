"""The site publishes only files inside the package (issue 10, class 3).

A provision or a docs page naming a file outside the package (``{download}``, images,
``{literalinclude}``, ``{include}``, ``:file:``, absolute paths, ``~``, a path through a symlink that
leads out) is a located BT802 error in ``billtrack check``; a provision that is a symlink out of the
package is BT803 and is not read. One real site build shows the file is neither copied nor linked,
while a download from inside the package still works.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from unittest import mock

import pytest
from conftest import BASE_PACKAGE, REPO, run_billtrack

from tracker.core.errors import InvalidPackageError
from tracker.core.publishing import file_references, leaves_package

SECRET = "root:x:0:0"  # the first line of /etc/passwd

PROVISION_CASES = [
    ("download up", "See {download}`the data <../../../etc/passwd>`.", "climbs above"),
    ("download bare", "See {download}`../../../../etc/passwd`.", "climbs above"),
    ("download absolute", "See {download}`data </etc/passwd>`.", "absolute path"),
    ("download home", "See {download}`key <~/.ssh/id_rsa>`.", "home directory"),
    ("image up", "The seal ![seal](../../../etc/passwd) is shown.", "climbs above"),
    ("image absolute", "The seal ![seal](/etc/hostname) is shown.", "absolute path"),
]


@pytest.fixture
def base(tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    return root


def _edit(root: Path, line_text: str) -> int:
    """Append ``line_text`` to reports.md as a paragraph; returns its line number."""
    path = root / "provisions" / "reports.md"
    text = path.read_text("utf-8").rstrip("\n") + "\n\n" + line_text + "\n"
    path.write_text(text, "utf-8")
    return text.count("\n")


@pytest.mark.parametrize(
    ("name", "text", "why"), PROVISION_CASES, ids=[c[0] for c in PROVISION_CASES]
)
def test_provision_naming_a_file_outside_is_a_located_error(
    base: Path, name: str, text: str, why: str
) -> None:
    line = _edit(base, f"(c) Data.—{text}")
    code, out, err = run_billtrack(base, "check")
    assert code == 1, out + err
    assert f"provisions/reports.md:{line}: error BT802: " in out
    assert why in out


DOCS_CASES = [
    ("literalinclude", "```{literalinclude} /etc/passwd\n```\n", 3, "absolute path"),
    ("include up", "```{include} ../../outside.md\n```\n", 3, "climbs above"),
    ("image directive", ":::{image} ../../x.png\n:::\n", 3, "climbs above"),
    ("figure", "```{figure} ~/x.png\n```\n", 3, "home directory"),
    ("csv-table file", "```{csv-table} T\n:file: /etc/passwd\n```\n", 4, "absolute path"),
    ("raw file", "```{raw} html\n:file: ../../../etc/passwd\n```\n", 4, "climbs above"),
    ("download via symlink", "{download}`hosts <etc/hostname>`\n", 3, "leads out"),
]


@pytest.mark.parametrize(
    ("name", "body", "line", "why"), DOCS_CASES, ids=[c[0] for c in DOCS_CASES]
)
def test_docs_page_naming_a_file_outside_is_a_located_error(
    base: Path, name: str, body: str, line: int, why: str
) -> None:
    docs = base / "docs"
    docs.mkdir()
    (docs / "etc").symlink_to("/etc")
    (docs / "page.md").write_text(f"# Page\n\n{body}", "utf-8")
    code, out, _ = run_billtrack(base, "check")
    assert code == 1
    assert f"docs/page.md:{line}: error BT802: " in out
    assert why in out


def test_docs_page_including_files_inside_the_package_is_fine(base: Path) -> None:
    (base / "README.md").write_text("# Read me\n", "utf-8")
    (base / "docs").mkdir()
    (base / "docs" / "page.md").write_text(
        "# Page\n\n```{include} ../README.md\n```\n\n{download}`the readme <../README.md>`\n",
        "utf-8",
    )
    code, out, err = run_billtrack(base, "check")
    assert code == 0, out + err


def test_symlinked_provision_inside_is_read_outside_is_refused(base: Path, tmp_path: Path) -> None:
    provisions = base / "provisions"
    kept = base / "kept"
    kept.mkdir()
    shutil.move(provisions / "reports.md", kept / "reports.md")
    (provisions / "reports.md").symlink_to(kept / "reports.md")
    assert run_billtrack(base, "check")[0] == 0  # a link inside the package is followed

    outside = tmp_path / "outside.md"
    shutil.copy(kept / "reports.md", outside)
    (outside).write_text(outside.read_text("utf-8") + "\nSECRET CONTENT\n", "utf-8")
    (provisions / "reports.md").unlink()
    (provisions / "reports.md").symlink_to(outside)
    code, out, _ = run_billtrack(base, "check")
    assert code == 1
    assert "provisions/reports.md: error BT803: a symlink leading out of the package" in out
    assert "BT203" not in out  # refused, not reported as missing as well
    code, out, _err = run_billtrack(base, "text")
    assert "SECRET CONTENT" not in out


@pytest.mark.parametrize(
    ("target", "base_dir", "outside"),
    [
        ("../README.md", "docs", False),
        ("README.md", "", False),
        ("a/../../b", "docs", False),
        ("a/../../../b", "docs", True),
        ("..", "", True),
        ("/etc/passwd", "docs", True),
        ("C:\\Windows\\win.ini", "docs", True),
        ("~root/.profile", "", True),
        ("https://example.org/x.pdf", "docs", False),
    ],
)
def test_leaves_package(target: str, base_dir: str, outside: bool) -> None:
    assert (leaves_package(target, base_dir) is not None) is outside


def test_references_inside_code_spans_are_still_found() -> None:
    # MyST expands roles anywhere in prose; better a false alarm than a leak.
    found = file_references("x {download}`a <b.txt>` y\n:::{figure} f.png\n:::\n")
    assert [(r.kind, r.target) for r in found] == [("download", "b.txt"), ("figure", "f.png")]


# One real build -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A package with its own conf.py and docs/, naming /etc/passwd in every way, built once."""
    from tracker.sphinx_ext.build import build_site

    root = tmp_path_factory.mktemp("site") / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    shutil.copy(REPO / "conf.py", root / "conf.py")
    (root / "README.md").write_text("# Read me\n\nThe package's own file.\n", "utf-8")
    docs = root / "docs"
    docs.mkdir()
    (docs / "etc").symlink_to("/etc")
    (docs / "index.md").write_text("# Home\n\n```{toctree}\npage\n_generated/bill\n```\n", "utf-8")
    (docs / "page.md").write_text(
        "# Page\n\n"
        "```{literalinclude} /etc/passwd\n```\n\n"
        "```{include} ../../../../../../../../etc/passwd\n```\n\n"
        "{download}`hosts <etc/passwd>`\n\n"
        "{download}`the readme <../README.md>`\n",
        "utf-8",
    )
    _edit(
        root,
        "(c) Data.—See {download}`the data <../../../../../../../../etc/passwd>` and "
        "![seal](../../../../../../../etc/passwd).",
    )
    out = root / "_build" / "html"
    with pytest.raises(InvalidPackageError) as refusal:
        build_site(root, out, warning=io.StringIO())
    assert refusal.value.path in {"docs/page.md", "provisions/reports.md"}
    assert "BT802" in refusal.value.message
    assert not out.exists(), "a refused build writes nothing"
    # Defence in depth: with the refusal switched off, the extension still publishes nothing
    # from outside the package.
    warnings = io.StringIO()
    with mock.patch("tracker.sphinx_ext.build.require_buildable"):
        build_site(root, out, warning=warnings)
    return root, out, warnings.getvalue()


def test_the_build_copies_and_links_nothing_from_outside(
    hostile_site: tuple[Path, Path, str],
) -> None:
    _, out, _warnings = hostile_site
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text("utf-8", errors="replace"), path
    downloads = sorted(p.name for p in (out / "_downloads").rglob("*") if p.is_file())
    # The package's README and the documents billtrack itself prints (PDF, Word), nothing else.
    assert "README.md" in downloads
    assert all(name == "README.md" or name.endswith((".pdf", ".docx")) for name in downloads), (
        downloads
    )
    assert not (out / "_images").exists() or not any(
        "passwd" in p.name for p in (out / "_images").iterdir()
    )
    page = (out / "page.html").read_text("utf-8")
    assert not re.search(r'href="[^"]*passwd', page)


def test_the_refusals_are_located_warnings(hostile_site: tuple[Path, Path, str]) -> None:
    _, _, warnings = hostile_site
    assert re.search(r"page\.md:3: WARNING: BT802: the \{literalinclude\} directive", warnings)
    assert re.search(r"page\.md:6: WARNING: BT802: the \{include\} directive", warnings)
    assert re.search(r"page\.md:\d+: WARNING: BT802: 'etc/passwd' names a file outside", warnings)
    assert re.search(r"provisions/reports\.md:\d+: WARNING: error BT802", warnings)


def test_in_package_downloads_still_work(hostile_site: tuple[Path, Path, str]) -> None:
    _, out, _ = hostile_site
    page = (out / "page.html").read_text("utf-8")
    link = re.search(r'href="(_downloads/[^"]+/README\.md)"', page)
    assert link, "the download of the package's README is linked"
    assert "The package's own file." in (out / link.group(1)).read_text("utf-8")
