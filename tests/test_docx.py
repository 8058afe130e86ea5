"""Word documents: the bill (styles named for the levels, navigation pane, line numbers) and the
redline as real tracked changes, checked by accepting and rejecting every revision with lxml."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO, shared_path, snapshot
from tracker.cli import cli
from tracker.core.gpo_text import clean_pdf_text
from tracker.core.redline import Redline, compare_units
from tracker.core.text_units import split_text
from tracker.render.docx_redline import render_redline_docx

docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REVISIONS = (f"{W}ins", f"{W}del")


def revised_text(data: bytes, *, accept: bool) -> str:
    """The document's text with every revision accepted (or rejected), as Word would leave it:
    paragraphs joined by a blank line, w:br a line end, w:tab a tab, w:cr a carriage return; a
    paragraph mark that is inserted (struck) disappears on reject (accept), joining paragraphs."""
    body = docx.Document(io.BytesIO(data)).element.body
    paragraphs = body.findall(f"{W}p")
    out: list[str] = []
    dropped = f"{W}del" if accept else f"{W}ins"
    for index, paragraph in enumerate(paragraphs):
        for child in paragraph:
            if child.tag == dropped:
                continue
            runs = [child] if child.tag == f"{W}r" else child.findall(f"{W}r")
            if child.tag not in (f"{W}r", *REVISIONS):
                continue
            for run in runs:
                for element in run:
                    if element.tag in (f"{W}t", f"{W}delText"):
                        out.append(element.text or "")
                    elif element.tag == f"{W}br":
                        out.append("\n")
                    elif element.tag == f"{W}tab":
                        out.append("\t")
                    elif element.tag == f"{W}cr":
                        out.append("\r")
        if index == len(paragraphs) - 1:
            break
        mark = paragraph.find(f"{W}pPr/{W}rPr")
        marked = None if mark is None else next((m.tag for m in mark if m.tag in REVISIONS), None)
        if marked != dropped:
            out.append("\n\n")
    return "".join(out)


def check_revision_markup(data: bytes) -> int:
    """Every revision has an id, author and date; deleted text only in w:delText inside w:del."""
    body = docx.Document(io.BytesIO(data)).element.body
    revisions = [e for e in body.iter(*REVISIONS)]
    for element in revisions:
        assert element.get(f"{W}author") == "billtrack"
        assert element.get(f"{W}date", "").endswith("Z")
        assert element.get(f"{W}id")
    assert len({e.get(f"{W}id") for e in revisions}) == len(revisions)
    for deletion in body.iter(f"{W}del"):
        assert not list(deletion.iter(f"{W}t"))
    for text in body.iter(f"{W}delText"):
        assert any(a.tag == f"{W}del" for a in text.iterancestors())
    return len(revisions)


def assert_exact(old: str, new: str, redline: Redline) -> bytes:
    data = render_redline_docx(redline)
    assert revised_text(data, accept=True) == new
    assert revised_text(data, accept=False) == old
    if old != new:
        assert check_revision_markup(data) > 0
    return data


def file_redline(old: str, new: str) -> Redline:
    return compare_units(split_text(old), split_text(new), old_label="old", new_label="new")


# The bill ---------------------------------------------------------------------------------------


def test_bill_docx_reopens_with_level_styles_navigation_and_line_numbers(
    runner, base_package: Path, tmp_path: Path
) -> None:
    out = tmp_path / "bill.docx"
    result = runner.invoke(cli, ["docx", "--root", str(base_package), "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    used = {p.style.name for p in document.paragraphs}
    assert {"Cover", "Bill Text", "Section", "Subsection", "Paragraph"} <= used
    names = {s.name for s in document.styles}
    assert {"Subparagraph", "Clause", "Subclause", "Item", "Subitem", "Title Heading"} <= names
    assert document.styles["Section"].element.find(f"{W}pPr/{W}outlineLvl") is not None
    sections = [p.text for p in document.paragraphs if p.style.name == "Section"]
    assert sections and sections[0].startswith("SECTION 1. ")
    numbering = document.sections[0]._sectPr.find(f"{W}lnNumType")
    assert numbering.get(f"{W}restart") == "newPage"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "A BILL" in text and "Be it enacted" in text


def test_shipped_bill_holds_every_section_in_order(tmp_path: Path) -> None:
    from tracker.adapters.loader import load_package
    from tracker.core.compile import CompiledBill
    from tracker.render.docx_bill import render_bill_docx

    package = load_package(REPO)
    data = render_bill_docx(package, today=dt.date(2026, 6, 1))
    headings = [
        p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name == "Section"
    ]
    expected = [s.label for s in CompiledBill(package).sections if s.numbered.numbered]
    assert [h.split(" ", 2)[0] + " " + h.split(" ", 2)[1] for h in headings] == expected


# Tracked changes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old_spec", "new_spec"),
    [
        ("discussion-draft", "introduced"),
        ("introduced", "worktree"),
        ("worktree", "discussion-draft"),
    ],
)
def test_shipped_versions_accept_to_new_and_reject_to_old(old_spec: str, new_spec: str) -> None:
    from tracker.adapters.loader import load_draft, load_package
    from tracker.adapters.versions import compare_versions
    from tracker.core.compile import bill_units

    def text(spec: str) -> str:
        package = load_package(REPO) if spec == "worktree" else load_draft(REPO, spec)
        return "".join(unit.text for unit in bill_units(package))

    redline = compare_versions(old_spec, new_spec, root=REPO)
    assert_exact(text(old_spec), text(new_spec), redline)


def test_a_moved_section_is_struck_where_it_stood_and_inserted_where_it_stands() -> None:
    old = "SEC. 1. A.\nalpha one\nSEC. 2. B.\nbeta two three\nSEC. 3. C.\ngamma\n"
    new = "SEC. 1. A.\nalpha one\nSEC. 2. C.\ngamma\nSEC. 3. B.\nbeta two three\n"
    redline = file_redline(old, new)
    assert any(unit.moved for unit in redline.units)
    assert_exact(old, new, redline)


def test_policing_bills_2020_and_2021() -> None:
    old, new = (
        clean_pdf_text(shared_path("data", "bills", bill, "ih.txt").read_text(encoding="utf-8"))
        for bill in ("hr7120-116", "hr1280-117")
    )
    assert_exact(old, new, file_redline(old, new))


def _uslm_pairs() -> list[tuple[str, str, str]]:
    from tests.conftest import SHARED

    folder = SHARED / "data" / "bills"
    pairs = []
    for bill in sorted(folder.iterdir()) if folder.is_dir() else []:
        versions = sorted(p.name for p in bill.glob("*.xml"))
        pairs += [(bill.name, a, b) for a, b in itertools.pairwise(versions)]
    return pairs or [("absent", "", "")]


@pytest.mark.parametrize(("bill", "old_name", "new_name"), _uslm_pairs())
def test_every_uslm_version_pair_in_shared_data(bill: str, old_name: str, new_name: str) -> None:
    from lxml import etree

    folder = shared_path("data", "bills", bill)
    old, new = (
        "".join(etree.parse(str(folder / name)).getroot().itertext())
        for name in (old_name, new_name)
    )
    assert_exact(old, new, file_redline(old, new))


WORDS = st.sampled_from(
    ["the", "Secretary", "shall", "grant", "(a)", "(1)", "SEC. 2. GRANTS.", "TITLE I—X", "$5,000"]
)
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\t", "\r\n", "  ", "\n\n\n"])
TEXTS = st.lists(st.tuples(WORDS, SEPARATORS), max_size=60).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)


@settings(max_examples=150, deadline=None)
@given(old=TEXTS, new=TEXTS)
def test_generated_pairs_accept_to_new_and_reject_to_old(old: str, new: str) -> None:
    assert_exact(old, new, file_redline(old, new))


@settings(max_examples=60, deadline=None)
@given(text=TEXTS, data=st.data())
def test_generated_edits_of_one_text(text: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(text)))
    insert = data.draw(TEXTS)
    new = text[:cut] + insert + text[cut + data.draw(st.integers(0, 40)) :]
    assert_exact(text, new, file_redline(text, new))


def test_control_characters_are_refused_with_the_unit() -> None:
    from tracker.core.errors import SourceError

    redline = file_redline("SEC. 1. A.\nold\n", "SEC. 1. A.\nnew \x01 text\n")
    with pytest.raises(SourceError, match="U\\+0001"):
        render_redline_docx(redline)


# The command line -------------------------------------------------------------------------------


def test_diff_format_docx_writes_tracked_changes(runner, tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("SEC. 1. GRANTS.\nThe Secretary may grant.\n", encoding="utf-8")
    new.write_text("SEC. 1. GRANTS.\nThe Secretary shall grant.\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    result = runner.invoke(cli, ["diff", str(old), str(new), "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert revised_text(data, accept=True) == new.read_text(encoding="utf-8")
    assert revised_text(data, accept=False) == old.read_text(encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "<w:del " in xml and "<w:ins " in xml and "<w:delText" in xml


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["diff", "--format", "docx"], 2, "give -o FILE.docx"),
        (["docx", "--draft", "nope"], 1, "no draft named 'nope'"),
        (["docx", "-o", "{tmp}"], 1, "a directory, not a regular file; nothing was written"),
        (["docx", "-o", "{tmp}/missing/bill.docx"], 1, "does not exist; nothing was written"),
        (["docx", "introduced", "--draft", "introduced"], 2, "not both"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_written(
    runner, base_package: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    before = snapshot(base_package)
    listing = sorted(tmp_path.rglob("*"))
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args] + ["--root", str(base_package)]
    result = runner.invoke(cli, argv)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert snapshot(base_package) == before
    assert sorted(tmp_path.rglob("*")) == listing


def test_an_existing_file_is_replaced_whole(runner, base_package: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "bill.docx"
    out.write_bytes(b"old contents")
    result = runner.invoke(cli, ["docx", "--root", str(base_package), "-o", str(out)])
    assert result.exit_code == 0
    assert zipfile.is_zipfile(out)
    assert [p.name for p in folder.iterdir()] == ["bill.docx"]  # no temporary file left


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_both_documents_headless(
    runner, base_package: Path, tmp_path: Path
) -> None:
    bill = tmp_path / "bill.docx"
    assert runner.invoke(cli, ["docx", "--root", str(base_package), "-o", str(bill)]).exit_code == 0
    redline = tmp_path / "redline.docx"
    redline.write_bytes(
        render_redline_docx(file_redline("SEC. 1. A.\nold text\n", "SEC. 1. A.\nnew text\n"))
    )
    for document in (bill, redline):
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), document],
            check=True,
            capture_output=True,
            timeout=180,
        )
        assert document.with_suffix(".pdf").stat().st_size > 1000


@pytest.mark.parametrize(
    "runs",
    [
        [("SEC. 2. ", False), ("DEFINITIONS.", True)],
        [("(a) ", False), ("In General", True), (".—", False), ("The term  “agency” ", False)],
        [("", True)],
        [("(1) ", False), ("", False)],
        [("tab\there", False), ("line\nbreak", True)],
        [],
    ],
)
def test_paragraphs_made_directly_are_the_xml_python_docx_writes(runs) -> None:
    """docx_styles.append_paragraph (lxml, for speed) writes what add_paragraph and python-docx's
    add_run with font.small_caps write."""
    from lxml import etree

    from tracker.render.docx_styles import add_paragraph, append_paragraph, new_document

    ours, theirs = new_document(), new_document()
    append_paragraph(ours, "Subsection", runs)
    paragraph = add_paragraph(theirs, "Subsection")
    for text, caps in runs:
        run = paragraph.add_run(text)
        if caps:
            run.font.small_caps = True
    body = [etree.tostring(document.element.body) for document in (ours, theirs)]
    assert body[0] == body[1]
