"""The shipped Safe Policing for Safe Communities Act: valid, complete, and its drafts load."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.adapters.loader import list_drafts, load_draft, load_package, validate_root
from tracker.adapters.versions import compare_versions
from tracker.core import redline
from tracker.core.compile import render_plain
from tracker.core.coverage import order_fingerprint
from tracker.core.model import Stage
from tracker.core.redline import ChangeKind

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def package():
    return load_package(ROOT)


def test_check_strict_is_clean() -> None:
    _, findings = validate_root(ROOT)
    assert findings == []


def test_every_directive_of_sections_2_to_5_is_implemented(package) -> None:
    implemented = {oid for p in package.ordered_provisions() for oid in p.implements}
    directives = [e for e in package.order.directives if e.id.split("(")[0] in {"2", "3", "4", "5"}]
    assert len(directives) >= 12
    for entry in directives:
        assert entry.id in implemented or any(i.startswith(f"{entry.id}(") for i in implemented), (
            entry.id
        )


def test_unrecovered_entries_are_marked_and_claim_nothing(package) -> None:
    missing = [e for e in package.order.entries if not e.recovered]
    assert {e.id for e in missing} >= {"5(b)(ii)", "6"}
    assert not any(e.directive for e in missing)


def test_every_draft_loads_in_order() -> None:
    drafts = list_drafts(ROOT)
    assert [(d.name, d.stage) for d in drafts] == [
        ("discussion-draft", Stage.DISCUSSION),
        ("introduced", Stage.INTRODUCED),
        ("committee-print", Stage.REFERRED),
    ]
    for draft in drafts:
        loaded = load_draft(ROOT, draft.name)
        assert loaded.errors == ()
        assert len(loaded.provisions) >= 20


def test_the_bill_reads_from_title_to_effective_date(package) -> None:
    text = render_plain(package)
    assert text.index("A BILL") < text.index("Be it enacted") < text.index("SECTION 1. SHORT TITLE")
    assert "{sec}" not in text and "section [" not in text
    assert text.rstrip().splitlines()[0].startswith("119th CONGRESS")
    last_heading = [line for line in text.splitlines() if line.startswith("SEC. ")][-1]
    assert "EFFECTIVE DATE" in last_heading


def test_cleared_provisions_record_the_order_they_were_cleared_against(package) -> None:
    for provision in package.ordered_provisions():
        if provision.status in package.bill.workflow.done:
            assert provision.fingerprint == order_fingerprint(package.order, provision.implements)


def test_drafts_exercise_every_kind_of_change() -> None:
    first = compare_versions("discussion-draft", "introduced", root=ROOT)
    second = compare_versions("introduced", "worktree", root=ROOT)
    kinds = {u.kind for u in (*first.units, *second.units)}
    assert {ChangeKind.AMENDED, ChangeKind.INSERTED, ChangeKind.STRUCK, ChangeKind.MOVED} <= kinds
    new_text = "".join(redline.new_text(u.runs) for u in second.units)
    old_text = "".join(redline.old_text(u.runs) for u in second.units)
    assert (
        "qualified credentialing body" in old_text
        and "qualified credentialing body" not in new_text
    )
    assert "$35,000,000" in new_text and "$25,000,000" in old_text


def test_committee_print_amends_existing_law_and_commands_no_state(package) -> None:
    """Counsel's review, carried out: the amendments apply, no State or local body is ordered, and
    the grant conditions no longer start on a fixed date."""
    from tracker.core.amend import amend_package

    print_ = load_draft(ROOT, "committee-print")
    for version in (package, print_):
        report = amend_package(version)
        assert [str(r.status) for r in report.results] == ["applied"] * 5
        assert {r.instruction.citation for r in report.results} == {
            "34 U.S.C. 10381",
            "34 U.S.C. 10382",
            "34 U.S.C. 10152",
            "34 U.S.C. 10153",
        }
        assert not [f for f in version.findings if f.code.startswith("BT32")]
    text = render_plain(print_)
    assert "October 1, 2028" not in text and "is amended—" in text
    assert "a grant under part Q" not in text
    assert "Executive Order 14074" in text
