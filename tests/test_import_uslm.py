"""Importing GPO's USLM XML: the reader on small cases, and every real bill in ../shared/data.

Real bills: each imports; the share of its words found in the package's plain text is at least 99%
(the worst five are printed); the package holds as many sections, groups and subdivisions as the
XML itself counts; and ``billtrack check`` finds no errors beyond the enumeration problems listed in
``KNOWN_ENUMERATION`` (mistakes in the source, or readings the checker cannot yet make).
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tracker.adapters.loader import load_package
from tracker.adapters.package_writer import import_bill
from tracker.adapters.uslm import read_uslm
from tracker.adapters.uslm_writer import export_uslm
from tracker.cli import cli
from tracker.core.errors import Severity
from tracker.core.imported import BlockKind, ImportedSection

SHARED_BILLS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bills"
OMNIBUS = ("hr2029-114/enr.xml", "hr1865-116/eah.xml")
FIDELITY_FLOOR = 0.99

#: Enumeration findings real sources cause: (source, provision, code) -> why.
KNOWN_ENUMERATION: dict[tuple[str, str, str], str] = {
    ("hr1-116/rh.xml", "establishment-of-pilot-program", "BT503"): "source: (3) after clauses",
    ("hr1-116/rh.xml", "permitting-use-of-sworn-written-statement-to-meet", "BT503"): (
        "source: subsection (d) is missing"
    ),
    ("hr2839-116/rh.xml", "section-7047", "BT503"): "source: subsection (c) is missing",
    ("hr2029-114/enr.xml", "notification-requirements", "BT501"): "source: clauses under (2)",
}
#: Sources with enumeration findings in many sections (appropriations lists, (i)/(I) after (h)/(H)).
KNOWN_ENUMERATION_SOURCES: dict[str, str] = {}

U = 'xmlns="http://schemas.gpo.gov/xml/uslm" xmlns:dc="http://purl.org/dc/elements/1.1/"'


def uslm(body: str, *, root: str = "bill", front: str = "") -> bytes:
    head = front or (
        "<meta><dc:title>116 HR 9 IH: To test.</dc:title><congress>116</congress>"
        "<session>2</session><citableAs>116hr9ih</citableAs></meta>"
        '<preface><action><date date="2020-06-01">June 1, 2020</date><actionDescription>'
        "<sponsor>Ms. <inline>Doe</inline> of Ohio</sponsor> introduced</actionDescription>"
        "</action></preface>"
    )
    return textwrap.dedent(
        f"""<?xml version="1.0" encoding="UTF-8"?><{root} {U}>{head}<main>
        <longTitle><docTitle>A BILL</docTitle><officialTitle>To test.</officialTitle></longTitle>
        <enactingFormula>Be it enacted by the Senate and House of Representatives of the
        United States of America in Congress assembled,</enactingFormula>{body}</main></{root}>"""
    ).encode()


# -- the reader on small cases -----------------------------------------------------------------


def test_metadata_from_meta_and_preface() -> None:
    bill = read_uslm(uslm("<section><num value='1'>SECTION 1. </num></section>"), source="t.xml")
    meta = bill.meta
    assert (meta.congress, meta.session, meta.chamber) == (116, 2, "house")
    assert (meta.bill_type, meta.number, meta.version, meta.stage.value) == (
        "hr",
        "9",
        "ih",
        "introduced",
    )
    assert meta.sponsor == "Ms. Doe of Ohio"
    assert meta.official_title == "To test."
    assert str(bill.version_date) == "2020-06-01"
    assert bill.missing == ()


def test_levels_headings_and_num_fallback() -> None:
    body = """<section><num>SEC. 104A. </num><heading>DEFINITIONS.</heading>
      <subsection><num value="a">(a) </num><heading><inline>In General</inline>.—</heading>
        <chapeau>In this section—</chapeau>
        <paragraph><num>(1) </num><content>the term “x” means y; and</content></paragraph>
        <paragraph><num>(2) </num><content>the term “z” means w.</content></paragraph>
        <continuation>Flush text.</continuation></subsection></section>"""
    bill = read_uslm(uslm(body), source="t.xml")
    (section,) = bill.sections()
    assert section.designation == "104A"  # no @value: read from the printed num
    assert section.heading == "DEFINITIONS."
    printed = [block.printed for block in section.blocks]
    assert printed == [
        "(a) In General.—In this section—",
        "(1) the term “x” means y; and",
        "(2) the term “z” means w.",
        "Flush text.",
    ]
    assert [b.level for b in section.blocks[:3]] == ["subsection", "paragraph", "paragraph"]
    assert section.blocks[3].kind is BlockKind.CONTINUATION
    assert bill.level_counts() == {"section": 1, "subsection": 1, "paragraph": 2}
    assert bill.source_counts == {"section": 1, "subsection": 1, "paragraph": 2}


def test_quoted_content_is_kept_as_printed() -> None:
    body = """<section><num value="2">SEC. 2. </num><heading>AMENDMENT.</heading>
      <content>Section 5 is amended by adding at the end the following:
      <quotedContent><subsection><num value="c">“(c) </num><heading>Rule</heading>
        <paragraph><num value="1">(1) </num><content>A rule.</content></paragraph>
        </subsection>
        <subsection><num value="d">“(d) </num><content>Another rule.”</content></subsection>
      </quotedContent><inline role="after-quoted-block">.</inline></content></section>"""
    (section,) = read_uslm(uslm(body), source="t.xml").sections()
    kinds = [block.kind for block in section.blocks]
    assert kinds == [BlockKind.TEXT, BlockKind.QUOTED, BlockKind.QUOTED]
    assert section.blocks[1].printed == "“(c) Rule (1) A rule."  # no quotation mark: runs on
    assert section.blocks[2].printed == "“(d) Another rule.”."  # the after-quoted block runs on


def test_groups_appropriations_and_provisos() -> None:
    body = """<title><num value="I">TITLE I</num><heading>DEPARTMENT OF AGRICULTURE</heading>
      <appropriations level="intermediate"><heading>Farm Service Agency</heading>
        <appropriations level="small"><heading>salaries and expenses</heading>
        <content>For necessary expenses, $1,000: <proviso><i>Provided</i>, That none
        shall be used.</proviso></content></appropriations></appropriations>
      <section><num value="101">Sec. 101. </num><content>None of the funds.</content></section>
      </title>"""
    bill = read_uslm(uslm(body), source="t.xml")
    (group,) = bill.groups()
    assert (group.kind, group.designation, group.heading) == (
        "title",
        "I",
        "DEPARTMENT OF AGRICULTURE",
    )
    (text,) = bill.texts()
    assert [b.printed for b in text.blocks] == [
        "Farm Service Agency",
        "salaries and expenses",
        "For necessary expenses, $1,000: Provided, That none shall be used.",
    ]
    (section,) = bill.sections()
    assert (section.designation, section.heading) == ("101", None)


def test_struck_matter_is_left_out_and_reported() -> None:
    body = """<section><num value="1">SECTION 1. </num><heading>A.</heading>
      <content>Kept.</content></section>
      <section changed="deleted"><num value="2">SEC. 2. </num><content>Struck.</content></section>"""
    bill = read_uslm(uslm(body), source="t.xml")
    assert [s.designation for s in bill.sections()] == ["1"]
    assert "Struck." in bill.struck_text
    (unplaced,) = bill.unplaced
    assert unplaced.location.line is not None and "struck" in unplaced.what


def test_resolution_preamble_and_resolving_clauses() -> None:
    front = "<meta><citableAs>116sres5is</citableAs><congress>116</congress></meta>"
    data = f"""<resolution {U}>{front}<main><longTitle><docTitle>RESOLUTION</docTitle>
      <officialTitle>Honoring a person.</officialTitle></longTitle>
      <preamble><recital>Whereas one;</recital><recital>Whereas two: Now, therefore, be it
      </recital><resolvingClause>Resolved, </resolvingClause></preamble>
      <section class="inline"><content>That the Senate honors a person.</content></section>
      <resolvingClause>Resolved, </resolvingClause>
      <section><content>That the Secretary transmit a copy.</content></section>
      </main></resolution>""".encode()
    bill = read_uslm(data, source="r.xml")
    assert bill.preamble == ("Whereas one;", "Whereas two: Now, therefore, be it")
    assert bill.enacting_clause == "Resolved,"
    first, second = bill.sections()
    assert first.designation is None and first.inline
    assert second.blocks[0].printed == "Resolved, That the Secretary transmit a copy."
    assert (bill.meta.chamber, bill.meta.stage.value) == ("senate", "introduced")


def test_preamble_and_document_title_are_written_and_exported(tmp_path: Path) -> None:
    front = "<meta><citableAs>116hjres5ih</citableAs><congress>116</congress></meta>"
    source = tmp_path / "hjres.xml"
    source.write_bytes(
        f"""<resolution {U}>{front}<main><longTitle><docTitle>JOINT RESOLUTION</docTitle>
      <officialTitle>Honoring a person.</officialTitle></longTitle>
      <preamble><recital>Whereas one;</recital><recital>Whereas two: Now, therefore, be it
      </recital></preamble><resolvingClause>Resolved by the Senate and House of Representatives
      of the United States of America in Congress assembled,</resolvingClause>
      <section class="inline"><content>That Congress honors a person.</content></section>
      </main></resolution>""".encode()
    )
    target = tmp_path / "pkg"
    result = import_bill(source, target)
    assert result.report.fidelity.share == 1.0
    assert not result.report.notes
    bill = yaml.safe_load((target / "provisions" / "bill.yaml").read_text(encoding="utf-8"))
    assert bill["document_title"] == "JOINT RESOLUTION"
    assert bill["preamble"] == ["Whereas one;", "Whereas two: Now, therefore, be it"]
    assert bill["enacting_clause"].startswith("Resolved by the Senate")
    package = load_package(target)
    again = read_uslm(export_uslm(package), source="export.xml")
    assert again.meta.doc_title == "JOINT RESOLUTION"
    assert again.preamble == ("Whereas one;", "Whereas two: Now, therefore, be it")


def test_unknown_elements_are_kept_as_text_and_reported() -> None:
    body = """<section><num value="1">SECTION 1. </num><heading>A.</heading>
      <content>Text.</content><gizmo>Odd words.</gizmo></section>"""
    bill = read_uslm(uslm(body), source="t.xml")
    (section,) = bill.sections()
    assert section.blocks[-1].printed == "Odd words."
    assert [u.what for u in bill.unplaced] == ["<gizmo>"]


def test_cli_import_prints_the_report(tmp_path: Path) -> None:
    source = tmp_path / "bill.xml"
    source.write_bytes(
        uslm(
            "<section><num value='1'>SECTION 1. </num><heading>SHORT TITLE.</heading><content>"
            "This Act may be cited as the “<shortTitle role='act'>Test Act</shortTitle>”."
            "</content></section><section><num value='2'>SEC. 2. </num><heading>DEFINITIONS."
            "</heading><content>In this Act, a word means a word.</content></section>"
        )
    )
    target = tmp_path / "pkg"
    result = CliRunner().invoke(cli, ["import", str(source), "--to", str(target)])
    assert result.exit_code == 0, result.output
    assert "fidelity: 100.00%" in result.output
    assert "levels: section 2" in result.output
    assert sorted(p.name for p in (target / "provisions").iterdir()) == [
        "bill.yaml",
        "definitions.md",
        "order.yaml",
        "short-title.md",
    ]
    bill_yaml = (target / "provisions" / "bill.yaml").read_text()
    assert "designation: '1'" in bill_yaml and "short_title: Test Act" in bill_yaml
    assert "sponsor: Ms. Doe of Ohio" in bill_yaml
    text = CliRunner().invoke(cli, ["text", "--format", "plain", "--root", str(target)])
    assert "SEC. 2. DEFINITIONS." in text.output
    check = CliRunner().invoke(cli, ["check", "--root", str(target)])
    assert check.exit_code == 0, check.output


# -- every real bill -----------------------------------------------------------------------------


def shared_sources() -> list[str]:
    if not SHARED_BILLS.is_dir():
        return []
    return sorted(p.relative_to(SHARED_BILLS).as_posix() for p in SHARED_BILLS.glob("*/*.xml"))


def require_shared() -> None:
    if not SHARED_BILLS.is_dir():
        if os.environ.get("BILLTRACK_REQUIRE_SHARED") == "1":
            pytest.fail(f"{SHARED_BILLS} is required (BILLTRACK_REQUIRE_SHARED=1) but absent")
        pytest.skip(f"{SHARED_BILLS} is absent (a fresh clone without ../shared)")


RESULTS: dict[str, float] = {}


def assert_imported_well(name: str, target: Path) -> None:
    result = import_bill(SHARED_BILLS / name, target)
    report = result.report
    RESULTS[name] = report.fidelity.share
    assert report.counts_agree, f"{name}: package {report.counts} != source {report.source_counts}"
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    unexpected = [
        f
        for f in errors
        if not (
            f.code in ("BT501", "BT503")
            and (
                name in KNOWN_ENUMERATION_SOURCES
                or (name, Path(f.path).stem, f.code) in KNOWN_ENUMERATION
            )
        )
    ]
    assert not unexpected, "\n".join(f.format() for f in unexpected)
    missing = ", ".join(f"{w!r}×{n}" for w, n in report.fidelity.missing)
    assert report.fidelity.share >= FIDELITY_FLOOR, (
        f"{name}: fidelity {report.fidelity.percent}; missing {missing}"
    )


@pytest.mark.shared
@pytest.mark.parametrize(
    "name", [n for n in shared_sources() if n not in OMNIBUS] or ["(shared data absent)"]
)
def test_every_uslm_bill_imports(name: str, tmp_path: Path) -> None:
    require_shared()
    assert_imported_well(name, tmp_path / "pkg")


@pytest.mark.shared
@pytest.mark.parametrize("name", OMNIBUS)
def test_omnibus_act_imports(name: str, tmp_path: Path) -> None:
    require_shared()
    assert_imported_well(name, tmp_path / "pkg")


@pytest.mark.shared
def test_worst_five_fidelities(capsys: pytest.CaptureFixture[str]) -> None:
    """Print the five lowest fidelity figures of the imports above (run after them)."""
    require_shared()
    if not RESULTS:
        pytest.skip("run with the import tests to see their fidelity")
    worst = sorted(RESULTS.items(), key=lambda item: item[1])[:5]
    with capsys.disabled():
        print("\nworst five import fidelities:")
        for name, share in worst:
            print(f"  {share * 100:6.2f}%  {name}")
    assert all(share >= FIDELITY_FLOOR for _, share in worst), worst


@pytest.mark.shared
def test_identifier_less_levels_fall_back_to_num() -> None:
    """hr2029-114's enrolled text (USLM 2.0) has no @identifier anywhere: sections are still
    designated, from num/@value or the printed num."""
    require_shared()
    data = (SHARED_BILLS / "hr2029-114" / "enr.xml").read_bytes()
    assert b"identifier=" not in data
    bill = read_uslm(data, source="enr.xml")
    sections: list[ImportedSection] = list(bill.sections())
    assert sum(1 for s in sections if s.designation) >= 0.95 * len(sections)
