"""Section numbers come from bill.yaml; references by id render the numbers, and follow moves."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES
from tracker.adapters.loader import load_files
from tracker.core.compile import CompiledBill
from tracker.core.numbering import NumberedGroup

CASES = yaml.safe_load((FIXTURES / "numbering.yaml").read_text(encoding="utf-8"))
ORDER = "document: {title: T, citation: C}\nentries: []\n"
BODY = "(a) A.—x\n\n(b) B.—y\n\n(1) one\n\n(2) two\n"


def ids_in(contents: list) -> list[str]:
    found: list[str] = []
    for entry in contents:
        if isinstance(entry, str):
            found.append(entry)
        elif "provision" in entry:
            found.append(entry["provision"])
        else:
            found += ids_in(entry["contents"])
    return found


def package_for(contents: list, extra_body: str = ""):
    bill = yaml.safe_dump({"official_title": "T", "stage": "discussion", "contents": contents})
    files = {"provisions/bill.yaml": bill.encode(), "provisions/order.yaml": ORDER.encode()}
    for pid in ids_in(contents):
        text = f"---\ntitle: {pid}\nstatus: drafting\n---\n\n{BODY}{extra_body}"
        files[f"provisions/{pid}.md"] = text.encode()
    return load_files(files, label="test")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_numbering(case: dict) -> None:
    package = package_for(case["contents"])
    assert not package.errors, package.errors
    compiled = CompiledBill(package)
    assert {pid: compiled.numbering.designation(pid) for pid in case["expect"]} == case["expect"]
    groups = [item.label for item in compiled.numbering.items if isinstance(item, NumberedGroup)]
    assert groups == case.get("groups", [])
    for target, rendered in (case.get("refs") or {}).items():
        assert compiled.resolve_text(f"{{sec}}`{target}`") == rendered


def test_reference_follows_a_move() -> None:
    before = package_for(["short-title", "findings", "definitions"])
    after = package_for(["short-title", "definitions", "findings"])
    text = "See {sec}`findings(b)(1)`."
    assert CompiledBill(before).resolve_text(text) == "See section 2(b)(1)."
    assert CompiledBill(after).resolve_text(text) == "See section 3(b)(1)."


def test_first_section_reads_section_one_and_heading_is_upper_case() -> None:
    compiled = CompiledBill(package_for(["short-title", "findings"]))
    lines = [s.heading_line for s in compiled.sections]
    assert lines == ["SECTION 1. SHORT-TITLE.", "SEC. 2. FINDINGS."]


def test_dropped_provision_is_not_numbered(tmp_path: Path) -> None:
    package = package_for(["short-title", "findings", "definitions"])
    files = dict(package.files)
    files["provisions/findings.md"] = files["provisions/findings.md"].replace(
        b"status: drafting", b"status: dropped"
    )
    compiled = CompiledBill(load_files(files, label="t"))
    assert compiled.numbering.designation("findings") is None
    assert compiled.numbering.designation("definitions") == "2"
