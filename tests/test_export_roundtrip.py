"""``billtrack export --format uslm`` and the round trip through ``billtrack import``.

- Export then import gives the same package: every file equal but for comment lines (which name the
  source), for imported bills and for the shipped package alike.
- Import then export gives XML whose printed text matches the source's.
- The XML is well-formed and in GPO's vocabulary.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tracker.adapters.loader import load_package
from tracker.adapters.package_writer import import_bill
from tracker.adapters.uslm import USLM_NAMESPACE, printed_text, read_uslm
from tracker.adapters.uslm_writer import export_uslm
from tracker.cli import cli
from tracker.core.compile import render_plain
from tracker.core.import_report import fidelity

REPO = Path(__file__).resolve().parents[1]
SHARED_BILLS = REPO.parent / "shared" / "data" / "bills"
ROUND_TRIP = [
    "hr1037-116/eh.xml",  # sections with headings, subsections to clauses
    "s1057-116/cps.xml",
    "hr1000-116/ih.xml",  # titles, a table of contents, quoted amendments
    "s2062-110/ris.xml",  # struck and inserted matter
    "hr7120-116/ih.txt",  # plain text of a PDF print
    "sconres10-116/is.xml",  # a preamble and an unnumbered resolving section
    "hr2157-116/ih.xml",  # appropriations paragraphs
]
VOCABULARY = {
    "bill", "resolution", "meta", "preface", "main", "longTitle", "docTitle", "officialTitle",
    "enactingFormula", "resolvingClause", "preamble", "recital", "congress", "session",
    "currentChamber", "docStage", "processedBy", "action", "date", "actionDescription", "sponsor",
    "shortTitle", "division", "title", "subtitle", "part", "subpart", "section", "subsection",
    "paragraph", "subparagraph", "clause", "subclause", "item", "subitem", "num", "heading",
    "chapeau", "content", "continuation", "p", "quotedContent", "toc", "referenceItem",
    "designator", "label", "type", "amendingAction", "quotedText",
}  # fmt: skip


def require_shared() -> None:
    if not SHARED_BILLS.is_dir():
        if os.environ.get("BILLTRACK_REQUIRE_SHARED") == "1":
            pytest.fail(f"{SHARED_BILLS} is required (BILLTRACK_REQUIRE_SHARED=1) but absent")
        pytest.skip(f"{SHARED_BILLS} is absent (a fresh clone without ../shared)")


def package_files(root: Path) -> dict[str, list[str]]:
    """Every file of a package, as lines without comment lines."""
    return {
        path.relative_to(root).as_posix(): [
            line
            for line in path.read_text(encoding="utf-8").split("\n")
            if not line.startswith("#")
        ]
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def export_and_reimport(root: Path, tmp_path: Path) -> tuple[bytes, Path]:
    xml = tmp_path / "export.xml"
    result = CliRunner().invoke(cli, ["export", "--root", str(root), "-o", str(xml)])
    assert result.exit_code == 0, result.output
    again = tmp_path / "again"
    import_bill(xml, again)
    return xml.read_bytes(), again


def assert_well_formed_uslm(data: bytes) -> None:
    root = etree.fromstring(data)
    assert etree.QName(root).namespace == USLM_NAMESPACE
    names = {etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)}
    assert names <= VOCABULARY, names - VOCABULARY


@pytest.mark.shared
@pytest.mark.parametrize("name", ROUND_TRIP)
def test_export_then_import_gives_the_same_package(name: str, tmp_path: Path) -> None:
    require_shared()
    first = tmp_path / "first"
    import_bill(SHARED_BILLS / name, first)
    data, again = export_and_reimport(first, tmp_path)
    assert_well_formed_uslm(data)
    assert package_files(again) == package_files(first)


@pytest.mark.shared
@pytest.mark.parametrize("name", ["hr1037-116/eh.xml", "hr1000-116/ih.xml", "s1014-116/es.xml"])
def test_import_then_export_matches_the_source_text(name: str, tmp_path: Path) -> None:
    """The export's printed words are the source's, both ways (at least 99%)."""
    require_shared()
    source = (SHARED_BILLS / name).read_bytes()
    target = tmp_path / "pkg"
    import_bill(SHARED_BILLS / name, target)
    exported = export_uslm(load_package(target))
    source_text = read_uslm(source, source="source").printed_text
    main = etree.fromstring(exported).find(f"{{{USLM_NAMESPACE}}}main")
    exported_text = printed_text(main)[0]
    assert fidelity(source_text, exported_text).share >= 0.99
    assert fidelity(exported_text, source_text).share >= 0.99


def test_shipped_package_round_trips(tmp_path: Path) -> None:
    """The shipped bill: ids, titles, designations, groups and the compiled text come back."""
    if not (REPO / "provisions" / "bill.yaml").is_file():
        pytest.skip("no shipped package")
    original = load_package(REPO)
    data, again = export_and_reimport(REPO, tmp_path)
    assert_well_formed_uslm(data)
    back = load_package(again)
    assert original.bill is not None and back.bill is not None
    assert back.bill.provision_ids == original.bill.provision_ids
    for pid in original.bill.provision_ids:
        assert back.provisions[pid].title.lower() == original.provisions[pid].title.lower()
    assert render_plain(back) == render_plain(original)


def test_export_writes_a_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "bill.xml"
    first = CliRunner().invoke(cli, ["export", "--root", str(root), "-o", str(out)])
    assert first.exit_code == 0 and out.is_file()
    assert_well_formed_uslm(out.read_bytes())
    out.write_text("keep me", encoding="utf-8")
    second = CliRunner().invoke(cli, ["export", "--root", str(root), "-o", str(out)])
    assert second.exit_code == 1 and "already exists" in second.output
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = CliRunner().invoke(cli, ["export", "--root", str(root), "-o", str(out), "--force"])
    assert forced.exit_code == 0 and out.read_bytes().startswith(b"<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bill.xml", "pkg"]


def test_export_to_stdout_and_of_a_draft(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    CliRunner().invoke(cli, ["init", str(root)])
    result = CliRunner().invoke(cli, ["export", "--root", str(root)])
    assert result.exit_code == 0
    assert_well_formed_uslm(result.output.encode())
    draft = root / "drafts" / "first"
    draft.mkdir(parents=True)
    shutil.copytree(root / "provisions", draft / "provisions")
    (draft / "draft.yaml").write_text(
        "name: first\nstage: discussion\ndate: 2026-01-02\ncommit: null\ndirty: false\nnote: x\n",
        encoding="utf-8",
    )
    from_draft = CliRunner().invoke(cli, ["export", "--root", str(root), "--draft", "first"])
    assert from_draft.exit_code == 0, from_draft.output
    assert from_draft.output == result.output
    unknown = CliRunner().invoke(cli, ["export", "--root", str(root), "--draft", "nope"])
    assert unknown.exit_code == 1 and "no draft named 'nope'" in unknown.output
