"""Instructions generated from an edited copy of the law: the real bill's instructions for the same
change (tests/fixtures/amend/generate.yaml), and the workflow's commands (law draft, law edit,
amend generate: new provision, --into, --dry-run, refusals)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_billtrack, shared_path, snapshot
from tracker.adapters.law_sources.markdown_code import read_markdown_section
from tracker.core.amend import LawText, Operation, apply_instructions, parse_instructions
from tracker.core.amend.generate import generate_instructions

FIXTURES = Path(__file__).parent / "fixtures" / "amend"
CASES = yaml.safe_load((FIXTURES / "generate.yaml").read_text(encoding="utf-8"))
BILL = yaml.safe_load((FIXTURES / "hr7120.yaml").read_text(encoding="utf-8"))


def _law(case: dict) -> LawText:
    path = shared_path("data", "law", "usc-2020", case["law"])
    extract, _ = read_markdown_section(path.read_text(encoding="utf-8"), source=str(path))
    return LawText(
        citation=extract.citation, act_section=case.get("act_section"), body=extract.body
    )


def _operation(op: Operation) -> tuple:
    return (op.kind.value, op.location.path, op.location.part.value, op.designations,
            op.new_designations, op.strike, op.insert, op.at_end)  # fmt: skip


@pytest.mark.shared
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_generated_instructions_do_what_the_bill_did(case: dict) -> None:
    law = _law(case)
    provision = case["instruction"].split("/")[0]
    body = next(p["body"] for p in BILL["provisions"] if p["id"] == provision)
    [written] = [
        i for i in parse_instructions(body, provision=provision) if i.id == case["instruction"]
    ]
    edited = apply_instructions([written], {law.citation: law}).laws[law.citation].amended
    generated = generate_instructions(law, edited, provision_id=provision)
    assert not generated.rewritten
    # the same operations, in the same order, with the same quoted text ...
    assert [_operation(o) for i in generated.instructions for o in i.operations] == [
        _operation(o) for o in written.operations
    ]
    # ... worded as the bill words them
    for phrase in case["phrases"]:
        assert phrase in generated.body
    assert len(CASES) >= 8


# --- the workflow ----------------------------------------------------------------------------

LAW_242 = ("usc-2020", "title-18", "section-242.md")


@pytest.fixture
def amending(base_package: Path) -> Path:
    """The fixture package with 18 U.S.C. 242 (2020) in law/."""
    code, _, err = run_billtrack(
        base_package, "law", "add", str(shared_path("data", "law", *LAW_242))
    )
    assert code == 0, err
    return base_package


def _edit(root: Path, old: str, new: str, name: str = "edited.md") -> Path:
    target = root.parent / name
    run_billtrack(root, "law", "draft", "18 U.S.C. 242", str(target), "--force")
    target.write_text(target.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return target


@pytest.mark.shared
def test_law_draft_copies_the_body_and_refuses_to_overwrite(amending: Path) -> None:
    target = amending.parent / "copy.md"
    code, out, _ = run_billtrack(amending, "law", "draft", "18 usc 242", str(target))
    assert code == 0 and "copied 18 U.S.C. 242" in out
    assert target.read_text(encoding="utf-8").startswith("Whoever, under color of any law")
    target.write_text("mine", encoding="utf-8")
    code, _, err = run_billtrack(amending, "law", "draft", "18 U.S.C. 242", str(target))
    assert code != 0 and "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "mine"


@pytest.mark.shared
def test_unknown_citation_gets_a_did_you_mean(amending: Path) -> None:
    before = snapshot(amending)
    code, _, err = run_billtrack(amending, "amend", "generate", "18 U.S.C. 241", "--dry-run")
    assert (
        code != 0 and "no section '18 U.S.C. 241'" in err and "did you mean '18 U.S.C. 242'" in err
    )
    assert "Traceback" not in err
    assert snapshot(amending) == before


@pytest.mark.shared
def test_generate_a_new_provision_listed_in_the_bill(amending: Path) -> None:
    edited = _edit(amending, "willfully", "knowingly")
    code, out, err = run_billtrack(
        amending, "amend", "generate", "18 U.S.C. 242", "--from", str(edited)
    )
    assert code == 0, err
    expected = (
        "Section 242 of title 18, United States Code, is amended by striking ‘‘willfully’’ and "
        "inserting ‘‘knowingly’’."
    )
    assert out.strip() == expected
    text = (amending / "provisions" / "amend-18-usc-242.md").read_text(encoding="utf-8")
    assert text.endswith(f"---\n\n{expected}\n") and "status: drafting" in text
    bill = yaml.safe_load((amending / "provisions" / "bill.yaml").read_text(encoding="utf-8"))
    assert bill["contents"][-1] == "amend-18-usc-242"
    record = yaml.safe_load((amending / "law" / ".edits" / "18-usc-242.yaml").read_text())
    body = edited.read_text(encoding="utf-8")
    assert record["provision"] == "amend-18-usc-242"
    assert record["edited_sha256"] == hashlib.sha256(body.encode()).hexdigest()
    code, out, err = run_billtrack(amending, "check")
    assert code == 0, out + err
    # the comparative print of the generated provision is the edited law
    code, out, _ = run_billtrack(amending, "amend", "--format", "json", "--full")
    assert code == 0 and "knowingly" in out
    # a second run refuses to replace the provision
    code, _, err = run_billtrack(
        amending, "amend", "generate", "18 U.S.C. 242", "--from", str(edited)
    )
    assert code != 0 and "already exists" in err and "--into" in err


@pytest.mark.shared
def test_dry_run_writes_nothing(amending: Path) -> None:
    edited = _edit(amending, "willfully", "knowingly")
    before = snapshot(amending)
    code, out, err = run_billtrack(
        amending, "amend", "generate", "18 U.S.C. 242", "--from", str(edited), "--dry-run"
    )
    assert code == 0 and "by striking ‘‘willfully’’" in out and "would write" in err
    assert snapshot(amending) == before


@pytest.mark.shared
def test_into_replaces_only_the_instruction_for_that_section(amending: Path) -> None:
    path = amending / "provisions" / "reports.md"
    old = path.read_text(encoding="utf-8")
    clause = "(b) Updates.—The Attorney General shall update the report annually."
    new_clause = (
        "(b) Civil rights.—Section 242 of title 18, United States Code, is amended by striking "
        "‘‘willfully’’ and inserting ‘‘knowingly’’."
    )
    assert clause in old
    path.write_text(old.replace(clause, new_clause), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    edited = _edit(amending, "willfully", "recklessly")
    code, out, err = run_billtrack(
        amending, "amend", "generate", "18 U.S.C. 242", "--from", str(edited), "--into", "reports"
    )
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("‘‘knowingly’’.", "‘‘recklessly’’.")
    assert "(b) Civil rights.—Section 242" in after
    code, out, err = run_billtrack(amending, "check")
    assert code == 0, out + err


@pytest.mark.shared
def test_into_a_provision_that_is_not_amendatory_is_refused(amending: Path) -> None:
    edited = _edit(amending, "willfully", "knowingly")
    before = snapshot(amending)
    code, _, err = run_billtrack(
        amending, "amend", "generate", "18 U.S.C. 242", "--from", str(edited), "--into", "reports"
    )
    assert code != 0 and "has no amendatory instruction for 18 U.S.C. 242" in err
    code, _, err = run_billtrack(
        amending, "amend", "generate", "18 U.S.C. 242", "--from", str(edited), "--into", "report"
    )
    assert code != 0 and "did you mean 'reports'" in err
    assert snapshot(amending) == before


@pytest.mark.shared
def test_unchanged_copy_and_unwritable_target_are_refused(amending: Path) -> None:
    unchanged = _edit(amending, "no such words", "x")
    before = snapshot(amending)
    code, _, err = run_billtrack(
        amending, "amend", "generate", "18 U.S.C. 242", "--from", str(unchanged)
    )
    assert code != 0 and "nothing to amend" in err
    edited = _edit(amending, "willfully", "knowingly", "other.md")
    (amending / "law" / ".edits").write_text("not a folder", encoding="utf-8")
    before = snapshot(amending)
    code, _, err = run_billtrack(
        amending, "amend", "generate", "18 U.S.C. 242", "--from", str(edited)
    )
    assert code != 0 and "law/.edits is not a folder" in err and "Traceback" not in err
    assert snapshot(amending) == before


@pytest.mark.shared
def test_law_edit_makes_a_working_copy_the_loader_ignores(
    amending: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "sed -i s/willfully/knowingly/")
    monkeypatch.delenv("VISUAL", raising=False)
    code, _, err = run_billtrack(amending, "law", "edit", "18 U.S.C. 242")
    assert code == 0, err
    copy = amending / "law" / ".edits" / "18-usc-242.md"
    assert "knowingly subjects" in copy.read_text(encoding="utf-8")
    code, out, _ = run_billtrack(amending, "law", "list")
    assert code == 0 and out.count("18 U.S.C. 242") == 1
    code, out, err = run_billtrack(amending, "amend", "generate", "18 U.S.C. 242")
    assert code == 0 and "‘‘knowingly’’" in out
    # editing again keeps the copy's edits
    monkeypatch.setenv("EDITOR", "true")
    run_billtrack(amending, "law", "edit", "18 U.S.C. 242")
    assert "knowingly subjects" in copy.read_text(encoding="utf-8")


@pytest.mark.shared
def test_check_flags_an_instruction_that_no_longer_gives_its_edited_text(amending: Path) -> None:
    edited = _edit(amending, "willfully", "knowingly")
    assert (
        run_billtrack(amending, "amend", "generate", "18 U.S.C. 242", "--from", str(edited))[0] == 0
    )
    # the law file moves to a new release point whose text differs (a later law changed it)
    current = shared_path("data", "law", "usc", "title-18", "section-242.md")
    newer = amending.parent / "section-242.md"
    newer.write_text(
        current.read_text(encoding="utf-8").replace("ten years", "twelve years"), encoding="utf-8"
    )
    code, _, err = run_billtrack(amending, "law", "add", str(newer), "--force")
    assert code == 0, err
    code, out, err = run_billtrack(amending, "check")
    assert code == 1 and "BT920" in out + err
    assert "no longer produces the edited text" in out + err
    assert "billtrack law edit" in out + err
    shutil.rmtree(amending / "law" / ".edits")
