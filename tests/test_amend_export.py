"""The USLM export marks amendatory instructions as GPO does (``amendingAction``, ``quotedText``,
``quotedContent``), only in the paragraphs that state an instruction, adding no printed text."""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree

from tests.conftest import BASE_PACKAGE, shared_path
from tracker.adapters.loader import load_package
from tracker.adapters.package_writer import import_bill
from tracker.adapters.uslm import USLM_NAMESPACE, read_uslm
from tracker.adapters.uslm_writer import export_uslm
from tracker.core.amend import parse_provisions

NS = {"u": USLM_NAMESPACE}

AMENDING = """---
title: Amendments
implements: []
status: drafting
---

(a) In General.—Section 242 of title 18, United States Code, is amended—

(1) by striking “willfully” and inserting “knowingly”; and

(2) by adding at the end the following:

“(c) New.—A new subsection.”.

(b) Repeal.—Section 9 of the Test Act is repealed.

(c) Not an instruction.—A grantee adding staff by striking a deal is not amending “law”.
"""


def export_tree(root: Path) -> etree._Element:
    return etree.fromstring(export_uslm(load_package(root)))


def marks(element: etree._Element) -> list[tuple[str, str, str]]:
    """(element, type, text) for every mark under ``element``, in document order."""
    return [
        (etree.QName(e).localname, e.get("type", ""), e.text or "")
        for e in element.iter(
            f"{{{USLM_NAMESPACE}}}amendingAction", f"{{{USLM_NAMESPACE}}}quotedText"
        )
    ]


def test_instruction_paragraphs_are_marked(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    (root / "provisions" / "amendments.md").write_text(AMENDING, encoding="utf-8")
    bill = root / "provisions" / "bill.yaml"
    bill.write_text(
        bill.read_text().replace("  - definitions\n", "  - definitions\n  - amendments\n")
    )
    tree = export_tree(root)
    section = tree.find(".//u:section[@id='billtrack-amendments']", NS)
    assert section is not None
    a, b, c = section.findall("u:subsection", NS)
    assert marks(a) == [
        ("amendingAction", "amend", "is amended"),
        ("amendingAction", "delete", "striking"),
        ("quotedText", "", "willfully"),
        ("amendingAction", "insert", "inserting"),
        ("quotedText", "", "knowingly"),
        ("amendingAction", "add", "adding"),
    ]
    quoted = a.find(".//u:quotedContent", NS)
    assert quoted is not None and "A new subsection" in "".join(quoted.itertext())
    # the quotation marks stay outside the quoted words, as the House's bills print them
    striking = a.find(".//u:paragraph/u:content", NS)
    assert "".join(striking.itertext()) == "by striking “willfully” and inserting “knowingly”; and"
    assert marks(b) == [("amendingAction", "repeal", "repealed")]
    assert marks(c) == []  # the same words outside an instruction are not marked


def test_marks_add_no_printed_text(tmp_path: Path) -> None:
    """Importing the marked export reads the same words as before marking."""
    root = tmp_path / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    (root / "provisions" / "amendments.md").write_text(AMENDING, encoding="utf-8")
    bill = root / "provisions" / "bill.yaml"
    bill.write_text(
        bill.read_text().replace("  - definitions\n", "  - definitions\n  - amendments\n")
    )
    data = export_uslm(load_package(root))
    text = read_uslm(data, source="export").printed_text
    assert "by striking “willfully” and inserting “knowingly”; and" in text
    assert "Section 9 of the Test Act is repealed." in text


def test_hr7120_instructions_are_marked(tmp_path: Path) -> None:
    source = shared_path("data", "bills", "hr7120-116", "ih.txt")
    root = tmp_path / "hr7120"
    import_bill(source, root)
    package = load_package(root)
    tree = export_tree(root)
    instructions = parse_provisions(package.provisions.values())
    leads = [
        e
        for e in tree.iter(f"{{{USLM_NAMESPACE}}}amendingAction")
        if e.get("type") in ("amend", "repeal") and e.text != "amending"
    ]
    # one "is amended" per instruction clause but the two section clauses of container targets
    # ("Part Q ... is amended— (1) in section 1701(b) ...")
    assert len(instructions) == 22
    assert len(leads) == 20
    sec101 = tree.find(".//u:section[@id='billtrack-deprivation-of-rights-under-color-of-law']", NS)
    assert sec101 is not None
    assert marks(sec101)[:5] == [
        ("amendingAction", "amend", "is amended"),
        ("amendingAction", "delete", "striking"),
        ("quotedText", "", "willfully"),
        ("amendingAction", "insert", "inserting"),
        ("quotedText", "", "knowingly or with reckless disregard"),
    ]
    kinds = {e.get("type") for e in tree.iter(f"{{{USLM_NAMESPACE}}}amendingAction")}
    assert {"amend", "delete", "insert", "add", "redesignate"} <= kinds
    # every mark sits in a paragraph of a section the parser reads instructions from
    amending = {f"billtrack-{i.provision}" for i in instructions}
    for mark in tree.iter(f"{{{USLM_NAMESPACE}}}amendingAction"):
        section = next(a for a in mark.iterancestors(f"{{{USLM_NAMESPACE}}}section"))
        assert section.get("id") in amending
