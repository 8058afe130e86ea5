"""Importing GPO plain text, including text extracted from GPO's PDF prints.

The two policing bills in ../shared (H.R. 7120, 116th; H.R. 1280, 117th) import with their line
numbers, running heads and hyphenation gone and every section found: the sections and their
designations are checked against the table of contents printed at the start of each bill.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.adapters.gpo_text_reader import assign_levels, read_gpo_text
from tracker.adapters.package_writer import import_bill
from tracker.cli import cli
from tracker.core.errors import Severity

SHARED_BILLS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bills"
POLICING = {
    "hr7120-116/ih.txt": ("Justice in Policing Act of 2020", 57),
    "hr1280-117/ih.txt": (
        "George Floyd Justice in Policing Act of 2021",
        59,
    ),
}

SAMPLE = """\
A BILL
To test the reader.
Be it enacted by the Senate and House of Representa-
1
tives of the United States of America in Congress assembled,
2
SECTION 1. SHORT TITLE.
3
This Act may be cited as the ‘‘Sample Act’’.
4
SEC. 2. DEFINITIONS.
5
In this Act:
6
(1) STATE.—The term ‘‘State’’ means each of the
7
several States, as provided in paragraph
8
(2) of section 5; and
9
(2) TERM.—The term ‘‘term’’ means—
23:19 Jun 09, 2020
H7120
•HR 7120 IH
(A) a word; or
1
(B) a phrase.
TITLE I—GENERAL
PROVISIONS
SEC. 101. AMENDMENT.
Section 5 is amended by adding at the end the following:
‘‘(c) RULE.—A rule.’’.
"""


def require_shared() -> None:
    if not SHARED_BILLS.is_dir():
        if os.environ.get("BILLTRACK_REQUIRE_SHARED") == "1":
            pytest.fail(f"{SHARED_BILLS} is required (BILLTRACK_REQUIRE_SHARED=1) but absent")
        pytest.skip(f"{SHARED_BILLS} is absent (a fresh clone without ../shared)")


def test_sample_is_cleaned_and_structured() -> None:
    bill = read_gpo_text(SAMPLE.encode(), source="sample.txt")
    assert bill.meta.official_title == "To test the reader."
    assert bill.enacting_clause is not None and "Representatives of the" in bill.enacting_clause
    assert (bill.meta.bill_type, bill.meta.number, bill.meta.version) == ("hr", "7120", "ih")
    assert bill.meta.short_title == "Sample Act"
    assert bill.missing == ("congress", "session", "sponsor")
    sections = list(bill.sections())
    assert [s.designation for s in sections] == ["1", "2", "101"]
    definitions = sections[1]
    assert [b.printed for b in definitions.blocks] == [
        "In this Act:",
        "(1) STATE.—The term ‘‘State’’ means each of the several States, as provided in "
        "paragraph (2) of section 5; and",
        "(2) TERM.—The term ‘‘term’’ means—",
        "(A) a word; or",
        "(B) a phrase.",
    ]
    assert [b.level for b in definitions.blocks[1:]] == [
        "paragraph",
        "paragraph",
        "subparagraph",
        "subparagraph",
    ]
    (group,) = bill.groups()
    assert (group.kind, group.designation, group.heading) == ("title", "I", "GENERAL PROVISIONS")
    amendment = sections[2]
    assert amendment.blocks[-1].printed == "‘‘(c) RULE.—A rule.’’."
    assert "H7120" not in bill.printed_text and "23:19" not in bill.printed_text


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], ["SUBSECTION"] * 10),
        (
            ["h", "1", "A", "i", "ii", "i", "j"],
            [
                "SUBSECTION",
                "PARAGRAPH",
                "SUBPARAGRAPH",
                "CLAUSE",
                "CLAUSE",
                "SUBSECTION",
                "SUBSECTION",
            ],
        ),
        (
            ["A", "B", "C", "D", "E", "F", "G", "H", "i", "ii", "I", "J"],
            ["SUBPARAGRAPH"] * 8 + ["CLAUSE", "CLAUSE", "SUBPARAGRAPH", "SUBPARAGRAPH"],
        ),
        (
            ["1", "A", "i", "I", "II", "ii", "B"],
            [
                "PARAGRAPH",
                "SUBPARAGRAPH",
                "CLAUSE",
                "SUBCLAUSE",
                "SUBCLAUSE",
                "CLAUSE",
                "SUBPARAGRAPH",
            ],
        ),
        (
            ["1", "A", "i", "I", "aa", "AA", "bb", "II"],
            [
                "PARAGRAPH",
                "SUBPARAGRAPH",
                "CLAUSE",
                "SUBCLAUSE",
                "ITEM",
                "SUBITEM",
                "ITEM",
                "SUBCLAUSE",
            ],
        ),
    ],
)
def test_enumerator_levels_are_read_from_their_sequence(
    tokens: list[str], expected: list[str]
) -> None:
    assert [level.name for level in assign_levels(tokens)] == expected


def toc_designations(raw: str) -> list[str]:
    """The section numbers the printed table of contents lists (``Sec. 101.``)."""
    return re.findall(r"^Sec\. (\d+[A-Z]*)\.", raw, flags=re.M)


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(POLICING))
def test_policing_bill_imports(name: str, tmp_path: Path) -> None:
    require_shared()
    short_title, sections = POLICING[name]
    source = SHARED_BILLS / name
    raw = source.read_text(encoding="utf-8")
    target = tmp_path / "pkg"
    result = CliRunner().invoke(cli, ["import", str(source), "--to", str(target)])
    assert result.exit_code == 0, result.output
    imported = import_bill(source, tmp_path / "again")
    bill, report = imported.imported, imported.report

    listed = toc_designations(raw)
    assert len(listed) == sections
    assert [s.designation for s in bill.sections()] == listed
    assert [g.kind for g in bill.groups() if g.kind == "title"] == ["title"] * 5
    assert bill.meta.short_title == short_title
    assert (bill.meta.version, bill.meta.stage.value) == ("ih", "introduced")
    assert set(report.missing_values) == {"congress", "session", "sponsor"}
    assert report.fidelity.share >= 0.99, report.fidelity.missing
    # Precision: the package adds nothing the print lacks; H.R. 1280 prints "IN GENERAL.— Beginning"
    # with a stray space, which the package closes up: one word "added".
    assert report.fidelity.added_words <= 1, report.fidelity.added
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []

    bodies = "\n".join(p.read_text() for p in (target / "provisions").glob("*.md"))
    assert not re.search(r"^\d{1,4}$", bodies, flags=re.M), "line numbers left"
    assert "•HR" not in bodies and not re.search(r"\d\d:\d\d \w{3} \d\d, \d{4}", bodies)
    assert "Representa- tives" not in bodies and "Representatives" in bodies
    bill_yaml = (target / "provisions" / "bill.yaml").read_text()
    assert "congress: null" in bill_yaml and "sponsor: null" in bill_yaml
    plain = CliRunner().invoke(cli, ["text", "--format", "plain", "--root", str(target)]).output
    assert "TITLE I—POLICE ACCOUNTABILITY" in plain
    assert "SEC. 101. DEPRIVATION OF RIGHTS UNDER COLOR OF LAW." in plain
