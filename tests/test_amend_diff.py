"""``billtrack diff`` and ``billtrack changelog`` between versions with amendatory instructions: which
instructions changed, and what that does to the law (redlines of each law section as amended)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import BASE_PACKAGE, FIXTURES, run_billtrack
from tracker.adapters.loader import load_package
from tracker.core.amend.compare import InstructionChangeKind, compare_amendments
from tracker.core.amend.package import amend_package, law_texts

AMENDING = FIXTURES / "packages" / "amending"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    """The amending package, and a later version of it: one instruction reworded, one removed, one
    added, one that failed now applies."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(AMENDING, old)
    shutil.copytree(AMENDING, new)
    bill = new / "provisions" / "color-of-law.md"
    edit(bill, "“knowingly or with reckless disregard”", "“knowingly”")
    edit(bill, "by striking “maliciously”", "by striking “any State, ”")
    edit(bill, "(c) Review.—Section 242 of title 18, United States Code, is amended by rewording "
         "the penalties.\n", "")  # fmt: skip
    edit(
        new / "provisions" / "civil-action.md",
        "“Every individual who”.\n",
        "“Every individual who”.\n\n(b) Section 1979 of the Revised Statutes of the United States "
        "(42 U.S.C. 1983) is further amended by striking “judicial capacity” and inserting "
        "“official capacity”.\n",
    )
    edit(
        new / "provisions" / "civil-action.md",
        "Section 1979 of the Revised Statutes of the United States (42 U.S.C. 1983) is amended",
        "(a) Section 1979 of the Revised Statutes of the United States (42 U.S.C. 1983) is amended",
    )
    return old, new


def comparison(old: Path, new: Path):  # type: ignore[no-untyped-def]
    before, after = load_package(old), load_package(new)
    return (
        compare_amendments(
            amend_package(before),
            amend_package(after),
            old_law={c: t.body for c, t in law_texts(before.law).items()},
            new_law={c: t.body for c, t in law_texts(after.law).items()},
        ),
        amend_package(before),
        amend_package(after),
    )


def test_instruction_changes_by_id(versions: tuple[Path, Path]) -> None:
    result, _, _ = comparison(*versions)
    kinds = {change.id: change.kind for change in result.instructions}
    assert kinds == {
        "color-of-law/(a)": InstructionChangeKind.CHANGED,  # reworded
        "color-of-law/(b)": InstructionChangeKind.CHANGED,  # reworded, and now applies
        "civil-action/(a)": InstructionChangeKind.ADDED,  # the provision now has subsections
        "civil-action/(b)": InstructionChangeKind.ADDED,
        "color-of-law/(c)": InstructionChangeKind.REMOVED,
        "civil-action": InstructionChangeKind.REMOVED,
    }
    by_id = {change.id: change for change in result.instructions}
    reworded = by_id["color-of-law/(a)"]
    assert reworded.text_changed and not reworded.status_changed
    assert ("delete", " or with reckless disregard") in reworded.runs
    fixed = by_id["color-of-law/(b)"]
    assert fixed.status_changed and fixed.old is not None and fixed.new is not None
    assert (str(fixed.old.status), str(fixed.new.status)) == ("failed", "applied")
    # added/removed instructions are wholly inserted/struck
    assert by_id["color-of-law/(c)"].runs == (
        ("delete", by_id["color-of-law/(c)"].old.instruction.text),
    )  # type: ignore[union-attr]


def test_law_redlines_are_exact(versions: tuple[Path, Path]) -> None:
    result, before, after = comparison(*versions)
    assert [law.citation for law in result.laws] == ["18 U.S.C. 242", "42 U.S.C. 1983"]
    for law in result.laws:
        assert law.old_text == before.laws[law.citation].amended
        assert law.new_text == after.laws[law.citation].amended
    section_242 = result.laws[0]
    assert ("delete", "or with reckless disregard ") in section_242.runs
    assert ("delete", "any State, ") in section_242.runs
    assert section_242.old_instructions == ("color-of-law/(a)",)
    assert set(section_242.new_instructions) == {"color-of-law/(a)", "color-of-law/(b)"}
    section_1983 = result.laws[1]
    assert "official capacity" in section_1983.new_text
    assert "judicial capacity" in section_1983.old_text


def test_identical_versions_compare_empty(tmp_path: Path) -> None:
    result, _, _ = comparison(AMENDING, AMENDING)
    assert result.is_empty


def test_diff_json_has_documented_exact_amendments(versions: tuple[Path, Path]) -> None:
    old, new = versions
    code, out, err = run_billtrack(new, "diff", str(old), str(new), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    amendments = data["amendments"]
    assert amendments["summary"] == {
        "instructions": {"added": 2, "removed": 2, "changed": 2},
        "laws": 2,
    }
    _, before, after = comparison(old, new)
    for law in amendments["laws"]:
        runs = law["runs"]
        assert (
            "".join(t for op, t in runs if op != "insert") == before.laws[law["citation"]].amended
        )
        assert "".join(t for op, t in runs if op != "delete") == after.laws[law["citation"]].amended
    for change in amendments["instructions"]:
        runs = change["runs"]
        old_side = "".join(t for op, t in runs if op != "insert")
        new_side = "".join(t for op, t in runs if op != "delete")
        assert (change["old"] is None) == (old_side == "")
        assert (change["new"] is None) == (new_side == "")
    first = amendments["instructions"][0]
    assert first["id"] == "color-of-law/(a)"
    assert first["old"]["path"] == "provisions/color-of-law.md" and first["old"]["line"] == 7
    # the bill's own redline keeps its exactness beside it
    assert all("runs" in unit for unit in data["units"])


def test_diff_stat_json_counts_without_runs(versions: tuple[Path, Path]) -> None:
    old, new = versions
    code, out, _ = run_billtrack(new, "diff", str(old), str(new), "--format", "json", "--stat")
    assert code == 0
    amendments = json.loads(out)["amendments"]
    assert amendments["summary"]["laws"] == 2
    assert all("runs" not in item for item in amendments["instructions"] + amendments["laws"])


@pytest.mark.parametrize(
    ("fmt", "struck", "inserted"),
    [
        ("term", "[-or with reckless disregard -]", "{+official+}"),
        ("md", "<del>or with reckless disregard </del>", "<ins>official</ins>"),
        ("html", "<del>or with reckless disregard </del>", "<ins>official</ins>"),
    ],
)
def test_every_format_shows_the_law_part(
    versions: tuple[Path, Path], fmt: str, struck: str, inserted: str
) -> None:
    old, new = versions
    code, out, err = run_billtrack(new, "diff", str(old), str(new), "--format", fmt)
    assert code == 0, err
    assert "Changes in existing law" in out
    assert "instructions: 2 added, 2 changed, 2 removed; 2 law sections read differently" in out
    assert "color-of-law/(b) (18 U.S.C. 242)" in out
    assert ("failed -> applied" if fmt == "term" else "failed -&gt; applied") in out
    assert "18 U.S.C. 242 as amended" in out
    assert struck in out and inserted in out


def test_diff_of_one_provision_keeps_its_instructions(versions: tuple[Path, Path]) -> None:
    old, new = versions
    code, out, _ = run_billtrack(
        new, "diff", str(old), str(new), "--format", "json", "--provision", "civil-action"
    )
    assert code == 0
    amendments = json.loads(out)["amendments"]
    assert {c["provision"] for c in amendments["instructions"]} == {"civil-action"}
    assert [law["citation"] for law in amendments["laws"]] == ["42 U.S.C. 1983"]


def test_no_instructions_no_change_in_output(tmp_path: Path) -> None:
    """Versions without instructions: no amendments key, no law part (the output as before)."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(BASE_PACKAGE, old)
    shutil.copytree(BASE_PACKAGE, new)
    edit(new / "provisions" / "reports.md", "90 days", "120 days")
    code, out, _ = run_billtrack(new, "diff", str(old), str(new), "--format", "json")
    assert code == 0 and "amendments" not in json.loads(out)
    for fmt in ("term", "md", "html"):
        _, out, _ = run_billtrack(new, "diff", str(old), str(new), "--format", fmt)
        assert "existing law" not in out
    _, out, _ = run_billtrack(new, "changelog", str(old), str(new), "--format", "json")
    assert "instructions" not in json.loads(out)


def test_changelog_lists_instruction_changes(versions: tuple[Path, Path]) -> None:
    old, new = versions
    code, out, err = run_billtrack(new, "changelog", str(old), str(new))
    assert code == 0, err
    assert "Instructions amending existing law (7):" in out
    assert "  - color-of-law/(b) (18 U.S.C. 242): changed: text; failed -> applied" in out
    assert "  - color-of-law/(c) (18 U.S.C. 242): removed, was unparsed" in out
    assert "  - law that would read differently: 18 U.S.C. 242, 42 U.S.C. 1983" in out
    _, out, _ = run_billtrack(new, "changelog", str(old), str(new), "--format", "md")
    assert "## Instructions amending existing law (7)" in out
    assert "- `color-of-law/(a) (18 U.S.C. 242)`: changed: text" in out
    _, out, _ = run_billtrack(new, "changelog", str(old), str(new), "--format", "json")
    data = json.loads(out)
    assert data["law_sections_changed"] == ["18 U.S.C. 242", "42 U.S.C. 1983"]
    assert {c["id"]: c["kind"] for c in data["instructions"]}["civil-action/(b)"] == "added"
