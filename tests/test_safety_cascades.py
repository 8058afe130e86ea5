"""One error, one finding: a file that failed to parse is reported once, at its line, and the
findings that would only echo it (missing provisions, references, coverage) are not; every command
blames the same file and line as ``check``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import BASE_PACKAGE
from tracker.cli import cli

# name -> (file, old, new, (code, path, line) of the one finding)
ONE_ERROR = {
    "bill.yaml syntax": (
        "provisions/bill.yaml",
        "congress: 119",
        "congress: [119",
        ("BT101", "provisions/bill.yaml", 4),
    ),
    "bill.yaml contents not a list": (
        "provisions/bill.yaml",
        "contents:\n  - short-title\n  - definitions\n  - title: Grants\n    contents:\n"
        "      - grant-program\n      - reports\n",
        "contents: none\n",
        ("BT105", "provisions/bill.yaml", 8),
    ),
    "broken front matter of a referenced provision": (
        "provisions/grant-program.md",
        "status: cleared",
        "status: [cleared",
        ("BT101", "provisions/grant-program.md", 5),
    ),
    "front matter not a mapping": (
        "provisions/grant-program.md",
        "title: Grant program\n",
        "- a list\n",
        ("BT101", "provisions/grant-program.md", 3),
    ),
    "order.yaml broken": (
        "provisions/order.yaml",
        "entries:",
        "entries: [",
        ("BT101", "provisions/order.yaml", 8),
    ),
    "order entry without a usable id": (
        "provisions/order.yaml",
        'id: "2(a)"',
        "id: [2]",
        ("BT105", "provisions/order.yaml", 18),
    ),
    "conflict markers in front matter": (
        "provisions/reports.md",
        "owner: B. Counsel",
        "<<<<<<< HEAD\nowner: B. Counsel\n=======\nowner: C. Other\n>>>>>>> topic",
        ("BT118", "provisions/reports.md", 5),
    ),
    "two conflicts in a body": (
        "provisions/reports.md",
        "(b) Updates",
        "<<<<<<< a\n(b) X\n=======\n(b) Y\n>>>>>>> b\n\n<<<<<<< a\nZ\n||||||| base\n=======\n>>>>>>> b\n\n(b) Updates",
        ("BT118", "provisions/reports.md", 11),
    ),
}


@pytest.fixture
def drafted(tmp_path: Path, runner) -> Path:
    root = tmp_path / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    cut = runner.invoke(cli, ["draft", "cut", "d1", "--stage", "discussion", "--root", str(root)])
    assert cut.exit_code == 0, cut.output
    return root


def apply(root: Path, name: str) -> tuple[str, str, int]:
    file, old, new, expected = ONE_ERROR[name]
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return expected


@pytest.mark.parametrize("name", ONE_ERROR, ids=list(ONE_ERROR))
def test_one_error_is_one_finding_blamed_alike_by_every_command(
    drafted: Path, runner, name: str
) -> None:
    code, path, line = apply(drafted, name)
    result = runner.invoke(cli, ["check", "--root", str(drafted), "--format", "json"])
    findings = json.loads(result.stdout)["findings"]
    expected = 2 if name == "two conflicts in a body" else 1
    assert [(f["code"], f["path"]) for f in findings] == [(code, path)] * expected, findings
    assert findings[0]["line"] == line
    where = f"error: {path}:{line}: "
    for command in (
        ["text"],
        ["export"],
        ["draft", "cut", "d2", "--stage", "discussion"],
        ["diff", "drafts/d1", "worktree"],
        ["changelog"],
        ["coverage"],
        ["status"],
        ["log"],
    ):
        refused = runner.invoke(cli, [*command, "--root", str(drafted)])
        assert refused.exit_code == 1, (command, refused.output)
        assert refused.stderr.startswith(where), (command, refused.stderr)
        assert f"{code}: " in refused.stderr
    assert not (drafted / "drafts" / "d2").exists()


def test_two_conflicts_are_reported_at_their_own_lines(drafted: Path, runner) -> None:
    apply(drafted, "two conflicts in a body")
    result = runner.invoke(cli, ["check", "--root", str(drafted), "--format", "json"])
    lines = [f["line"] for f in json.loads(result.stdout)["findings"]]
    assert lines == [11, 17]


def test_same_first_error_for_check_and_commands_with_errors_in_two_files(
    drafted: Path, runner
) -> None:
    apply(drafted, "conflict markers in front matter")
    apply(drafted, "bill.yaml syntax")
    checked = runner.invoke(cli, ["check", "--root", str(drafted)])
    first = checked.stdout.split(" error ")[0]
    assert first == "provisions/bill.yaml:4:"
    for command in (["text"], ["export"], ["draft", "cut", "d2", "--stage", "ih"]):
        refused = runner.invoke(cli, [*command, "--root", str(drafted)])
        assert refused.stderr.startswith(f"error: {first}"), refused.stderr
