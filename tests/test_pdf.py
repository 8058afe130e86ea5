"""PDFs read back: every word of the bill in order, line numbers restarting on every page, the cover,
the banner, hostile text shown as text; page 1 rendered to PNG under test-artifacts/."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import REPO, snapshot
from tracker.cli import cli

pdfium = pytest.importorskip("pypdfium2")
pypdf = pytest.importorskip("pypdf")

ARTIFACTS = REPO / "test-artifacts"
INCH = 72
MARGIN_SPLIT = 1.6 * INCH  # line numbers left of this, the text right of it (text starts at 1.75in)
TODAY = dt.date(2026, 6, 1)


HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-"})  # pdfium's marks for a hyphen at a line end


@dataclass(frozen=True, slots=True, kw_only=True)
class PageLayout:
    """A page read back character by character, each placed by its box: the text block, the line
    numbers in the margin, and the head and foot outside the 1-inch top and bottom margins."""

    text: str  # the text block's characters in reading order, white space dropped
    lines: tuple[float, ...]  # the text block's lines, by height on the page, top first
    numbers: tuple[tuple[float, str], ...]  # (height, number) in the margin, top first
    head: str
    foot: str


def clusters(heights: list[float], gap: float = 4.0) -> list[float]:
    """Heights grouped into lines (a new line where two differ by more than ``gap``), top first."""
    lines: list[list[float]] = []
    for height in sorted(heights, reverse=True):
        if lines and lines[-1][-1] - height <= gap:
            lines[-1].append(height)
        else:
            lines.append([height])
    return [sum(line) / len(line) for line in lines]


def layout(page) -> PageLayout:
    textpage = page.get_textpage()
    _, height = page.get_size()
    body: list[tuple[str, float]] = []
    margin: list[tuple[float, float, str]] = []
    head, foot = [], []
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1).translate(HYPHENS)
        if not char.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        middle = (bottom + top) / 2
        if middle > height - INCH:
            head.append(char)
        elif middle < INCH:
            foot.append(char)
        elif right <= MARGIN_SPLIT:
            margin.append((middle, left, char))
        else:
            body.append((char, middle))
    rows = clusters([y for y, _, _ in margin])
    numbers = []
    for row in rows:
        digits = sorted((x, c) for y, x, c in margin if abs(y - row) <= 4)
        numbers.append((row, "".join(c for _, c in digits)))
    return PageLayout(
        text="".join(c for c, _ in body),
        lines=tuple(clusters([y for _, y in body])),
        numbers=tuple(numbers),
        head="".join(head),
        foot="".join(foot),
    )


def squeeze(text: str) -> str:
    return "".join(text.casefold().split())


@cache
def shipped_pdf() -> bytes:
    """The shipped introduced draft (frozen, so the cover's fields stay put)."""
    from tracker.adapters.loader import load_draft
    from tracker.render.pdf_bill import render_bill_pdf

    return render_bill_pdf(load_draft(REPO, "introduced"), today=TODAY)


def test_every_word_of_the_bill_in_order_after_the_cover() -> None:
    from tracker.adapters.loader import load_draft
    from tracker.core.compile import render_plain

    document = pdfium.PdfDocument(shipped_pdf())
    printed = "".join(layout(document[index]).text for index in range(1, len(document)))
    plain = render_plain(load_draft(REPO, "introduced"))
    assert squeeze(printed) == squeeze(plain[plain.index("Be it enacted") :])


def test_line_numbers_restart_on_every_page_and_number_every_line() -> None:
    document = pdfium.PdfDocument(shipped_pdf())
    assert len(document) > 10
    assert layout(document[0]).numbers == ()  # the cover is not numbered
    for index in range(1, len(document)):
        page = layout(document[index])
        numbers = [number for _, number in page.numbers]
        assert numbers == [str(n) for n in range(1, len(page.lines) + 1)], f"page {index + 1}"
        for (height, _), line in zip(page.numbers, page.lines, strict=True):
            assert abs(height - line) < 2, f"page {index + 1}: a number beside no line"
        if index < len(document) - 1:
            assert len(page.lines) >= 20  # full pages


def test_cover_running_head_page_numbers_and_letter_paper() -> None:
    document = pdfium.PdfDocument(shipped_pdf())
    cover = document[0].get_textpage().get_text_range()
    for field in (
        "119TH CONGRESS",
        "2D SESSION",
        "H. R. ___",
        "IN THE HOUSE OF REPRESENTATIVES",
        "MAY 12, 2026",
        "A BILL",
    ):
        assert field in cover
    assert " ".join(cover.split()).count("To strengthen the credentialing") == 2
    for index in range(len(document)):
        assert document[index].get_size() == (612, 792)
        page = layout(document[index])
        assert page.foot == "•HR___IHdraftintroduced"  # the version code, and which draft
        assert page.head == (str(index + 1) if index else "")


def test_the_text_is_set_in_the_embedded_serif() -> None:
    reader = pypdf.PdfReader(io.BytesIO(shipped_pdf()))
    fonts = set()
    for page in reader.pages[:3]:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Libertinus" in name for name in fonts), fonts
    assert reader.metadata.title == "Safe Policing for Safe Communities Act of 2026"


def test_same_version_same_bytes() -> None:
    from tracker.adapters.loader import load_draft
    from tracker.render.pdf_bill import render_bill_pdf

    first = render_bill_pdf(load_draft(REPO, "introduced"), today=TODAY)
    again = render_bill_pdf(load_draft(REPO, "introduced"), today=dt.date(2030, 1, 1))
    assert first == again


def test_page_one_and_two_render_to_png_artifacts() -> None:
    document = pdfium.PdfDocument(shipped_pdf())
    ARTIFACTS.mkdir(exist_ok=True)
    for index in (0, 1):
        image = document[index].render(scale=2).to_pil()
        assert image.size == (1224, 1584)
        assert image.convert("L").getextrema()[0] < 64  # ink on the page
        image.save(ARTIFACTS / f"bill-page-{index + 1}.png")
    assert (ARTIFACTS / "bill-page-1.png").stat().st_size > 10_000


def write_bill_fields(root: Path, **fields: str) -> None:
    bill = root / "provisions" / "bill.yaml"
    text = bill.read_text(encoding="utf-8")
    for key, value in fields.items():
        text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, flags=re.M)
        if f"{key}: {value}" not in text:
            text = f"{key}: {value}\n{text}"
    bill.write_text(text, encoding="utf-8")


def pdf_of(runner, root: Path, tmp_path: Path, *args: str) -> pdfium.PdfDocument:
    out = tmp_path / "out.pdf"
    result = runner.invoke(cli, ["pdf", "--root", str(root), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return pdfium.PdfDocument(out.read_bytes())


def test_number_sponsor_and_referral_on_the_cover(runner, base_package: Path, tmp_path) -> None:
    write_bill_fields(
        base_package,
        stage="introduced",
        number="1234",
        sponsor="Ms. Doe",
        referral="the Committee on the Judiciary",
    )
    document = pdf_of(runner, base_package, tmp_path)
    cover = " ".join(document[0].get_textpage().get_text_range().split())
    assert "H. R. 1234" in cover
    assert (
        "Ms. Doe introduced the following bill; which was referred to the Committee on the "
        "Judiciary." in cover
    )
    assert layout(document[1]).foot == "•HR1234IH"


def test_discussion_draft_banner_with_its_date_on_every_page() -> None:
    from tracker.adapters.loader import load_draft
    from tracker.render.pdf_bill import render_bill_pdf

    document = pdfium.PdfDocument(
        render_bill_pdf(load_draft(REPO, "discussion-draft"), today=TODAY)
    )
    for index in range(len(document)):
        text = document[index].get_textpage().get_text_range()
        assert "DISCUSSION DRAFT" in text and "March 2, 2026" in text


HOSTILE = (
    '#import "evil.typ": * ] $ x $ \\ @label a<b *bold* _it_ `raw` '
    "#set page(width: 1in) #pagebreak() /* // {code} [content] = heading"
)


def test_hostile_text_is_printed_as_text(runner, base_package: Path, tmp_path: Path) -> None:
    provision = base_package / "provisions" / "short-title.md"
    provision.write_text(
        provision.read_text(encoding="utf-8").replace(
            "title: Short title", "title: 'Short ] $ #title'"
        )
        + f"\n{HOSTILE}\n",
        encoding="utf-8",
    )
    write_bill_fields(base_package, sponsor='"Mr. #import [x] $y$"')
    document = pdf_of(runner, base_package, tmp_path)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    flat = " ".join(text.split())
    assert HOSTILE in flat
    assert "Mr. #import [x] $y$ introduced" in flat
    assert "] $ #Title." in flat
    assert all(document[i].get_size() == (612, 792) for i in range(len(document)))


def test_analysis_pdf_holds_every_summary(runner, base_package: Path, tmp_path: Path) -> None:
    from tracker.adapters.loader import load_package

    document = pdf_of(runner, base_package, tmp_path, "--what", "analysis")
    text = " ".join(
        " ".join(document[i].get_textpage().get_text_range() for i in range(len(document))).split()
    )
    assert "Section-by-Section Analysis" in text
    for provision in load_package(base_package).provisions.values():
        assert " ".join((provision.summary or "No summary yet.").split()) in text


def test_redline_pdf_marks_struck_and_inserted_text(runner, tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("SEC. 1. GRANTS.\nThe Secretary may award grants.\n", encoding="utf-8")
    new.write_text("SEC. 1. GRANTS.\nThe Secretary shall award grants.\n", encoding="utf-8")
    document = pdf_of(runner, REPO, tmp_path, "--what", "redline", str(old), str(new))
    text = " ".join(document[0].get_textpage().get_text_range().split())
    assert "Legend." in text
    assert "The Secretary [may]shall award grants." in text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--draft", "nope"], 1, "no draft named 'nope'"),
        (["-o", "{tmp}"], 1, "a directory, not a regular file; nothing was written"),
        (["-o", "{tmp}/missing/bill.pdf"], 1, "does not exist; nothing was written"),
        (["nope"], 1, "no draft, revision or file named 'nope'"),
        (["--what", "analysis", "a", "b"], 2, "takes one VERSION"),
        (["--what", "redline", "--draft", "x"], 2, "a redline takes OLD and NEW"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_written(
    runner, base_package: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    before = snapshot(base_package)
    listing = sorted(tmp_path.rglob("*"))
    argv = ["pdf", "--root", str(base_package), *(a.replace("{tmp}", str(tmp_path)) for a in args)]
    result = runner.invoke(cli, argv)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert snapshot(base_package) == before
    assert sorted(tmp_path.rglob("*")) == listing


def test_standard_output_when_it_is_not_a_terminal(runner, base_package: Path) -> None:
    result = runner.invoke(cli, ["pdf", "--root", str(base_package), "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"%PDF-")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_reads_the_line_numbers_too(tmp_path: Path) -> None:
    import subprocess

    path = tmp_path / "bill.pdf"
    path.write_bytes(shipped_pdf())
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "2", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    numbered = [line.split()[0] for line in text.splitlines() if re.match(r"\s*\d+\s+\S", line)]
    assert numbered[:5] == ["1", "2", "3", "4", "5"]


def test_comparative_print_of_the_law_the_bill_amends(runner, tmp_path: Path) -> None:
    root = tmp_path / "amending"
    shutil.copytree(REPO / "tests" / "fixtures" / "packages" / "amending", root)
    document = pdf_of(runner, root, tmp_path, "--what", "law")
    text = " ".join(document[0].get_textpage().get_text_range().split())
    assert "Changes in Existing Law" in text and "black brackets" in text
    assert "18 U.S.C. 242." in text
    assert "[willfully] knowingly or with reckless disregard {sec. 201(a)}" in text


def test_no_comparative_print_without_law(runner, base_package: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["pdf", "--root", str(base_package), "--what", "law"])
    assert result.exit_code == 1
    assert "has no law/ folder, so there is no comparative print" in result.output


@pytest.mark.slow
def test_the_site_builds_and_links_every_document(runner, base_package: Path, tmp_path) -> None:
    out = tmp_path / "site"
    result = runner.invoke(cli, ["build", "--root", str(base_package), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "WARNING" not in result.output
    folder = out / "_downloads" / "billtrack"
    assert (folder / "bill.pdf").read_bytes().startswith(b"%PDF-")
    assert (folder / "analysis.pdf").read_bytes().startswith(b"%PDF-")
    assert zipfile.is_zipfile(folder / "bill.docx")
    pages = {
        "index.html": ["bill.pdf", "bill.docx", "analysis.pdf"],
        "_generated/bill.html": ["bill.pdf", "bill.docx"],
        "_generated/analysis.html": ["analysis.pdf"],
    }
    for page, names in pages.items():
        html = (out / page).read_text(encoding="utf-8")
        for name in names:
            href = re.search(rf'href="([^"]*{re.escape(name)})"', html)
            assert href, f"{page} does not link {name}"
            assert (out / page).parent.joinpath(href.group(1)).resolve() == folder / name
