"""Every command whose output depends on a file with errors refuses (exit 1, the located error
that ``check`` prints first, nothing written); it never answers as if the package were valid.
Warnings never block. ``build`` keeps building with warnings; ``build --strict`` fails on them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import BASE_PACKAGE, snapshot
from tracker.cli import cli

# name -> (file, old, new, the location check blames)
BREAKS = {
    "front matter syntax": (
        "provisions/grant-program.md",
        "status: cleared",
        "status: [cleared",
        "provisions/grant-program.md:5:",
    ),
    "bill.yaml syntax": (
        "provisions/bill.yaml",
        "congress: 119",
        "congress: [119",
        "provisions/bill.yaml:4:",
    ),
    "order.yaml of NUL bytes": (
        "provisions/order.yaml",
        None,
        "\0" * 64,
        "provisions/order.yaml:1:",
    ),
    "conflict in a body": (
        "provisions/reports.md",
        "(b) Updates",
        "<<<<<<< HEAD\n(b) Updates\n=======\n(b) Upd\n>>>>>>> topic\n\n(b) Updates",
        "provisions/reports.md:11:",
    ),
    "conflict in bill.yaml": (
        "provisions/bill.yaml",
        "session: 2",
        "<<<<<<< HEAD\nsession: 2\n=======\nsession: 1\n>>>>>>> topic",
        "provisions/bill.yaml:4:",
    ),
    "impossible history date": (
        "provisions/grant-program.md",
        "date: 2026-01-05,",
        "date: 2026-02-30,",
        "provisions/grant-program.md:8:",
    ),
}
COMMANDS = {
    "text": ["text"],
    "export": ["export"],
    "export -o": ["export", "-o", "{out}"],
    "coverage": ["coverage"],
    "status": ["status"],
    "status --bill": ["status", "--bill"],
    "log": ["log"],
    "diff": ["diff", "drafts/d1", "worktree"],
    "diff -o": ["diff", "drafts/d1", "worktree", "-o", "{out}"],
    "changelog": ["changelog"],
    "draft cut": ["draft", "cut", "d2", "--stage", "discussion"],
}


@pytest.fixture
def with_draft(tmp_path: Path, runner) -> Path:
    root = tmp_path / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    cut = runner.invoke(cli, ["draft", "cut", "d1", "--stage", "discussion", "--root", str(root)])
    assert cut.exit_code == 0, cut.output
    return root


def breaking(root: Path, name: str) -> str:
    file, old, new, where = BREAKS[name]
    path = root / file
    if old is None:
        path.write_text(new, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return where


@pytest.mark.parametrize("command", COMMANDS, ids=list(COMMANDS))
@pytest.mark.parametrize("broken", BREAKS, ids=list(BREAKS))
def test_command_refuses_a_package_with_errors(
    with_draft: Path, tmp_path: Path, runner, broken: str, command: str
) -> None:
    root = with_draft
    where = breaking(root, broken)
    checked = runner.invoke(cli, ["check", "--root", str(root)])
    assert checked.exit_code == 1 and checked.stdout.startswith(where), checked.stdout
    before = snapshot(root)
    out = tmp_path / "out.file"
    args = [arg.replace("{out}", str(out)) for arg in COMMANDS[command]]
    result = runner.invoke(cli, [*args, "--root", str(root)])
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {where}"), result.stderr
    assert "hint:" in result.stderr
    assert snapshot(root) == before
    assert not out.exists()


def test_empty_draft_yaml_is_not_hidden_from_draft_list(with_draft: Path, runner) -> None:
    (with_draft / "drafts" / "d1" / "draft.yaml").write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["draft", "list", "--root", str(with_draft)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: drafts/d1/draft.yaml:1: BT111")
    for command in (["diff"], ["changelog"], ["status", "--bill"]):
        refused = runner.invoke(cli, [*command, "--root", str(with_draft)])
        assert refused.exit_code == 1, (command, refused.output)
        assert "drafts/d1/draft.yaml:1:" in refused.stderr


def test_a_draft_with_errors_is_refused_as_a_diff_side(with_draft: Path, runner) -> None:
    path = with_draft / "drafts" / "d1" / "provisions" / "reports.md"
    path.write_text(path.read_text(encoding="utf-8").replace("owner:", "owner: !x"), "utf-8")
    result = runner.invoke(cli, ["diff", "drafts/d1", "worktree", "--root", str(with_draft)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: drafts/d1/provisions/reports.md:5: BT115")


def test_warnings_do_not_block(with_draft: Path, runner) -> None:
    path = with_draft / "provisions" / "reports.md"
    path.write_text(path.read_text(encoding="utf-8").replace('["2(a)"]', "[]"), "utf-8")
    assert runner.invoke(cli, ["check", "--root", str(with_draft)]).exit_code == 0
    for command in COMMANDS.values():
        if "{out}" in command or command[0] == "draft":
            continue
        result = runner.invoke(cli, [*command, "--root", str(with_draft)])
        assert result.exit_code == 0, (command, result.output)


@pytest.mark.parametrize("owner", ["a\x1b[31mb", "a\rb", "a\nb", "a\x00b", "a\u2028b"])
def test_status_set_refuses_control_characters_before_writing(
    base_package: Path, runner, owner: str
) -> None:
    before = snapshot(base_package)
    for option in ("--owner", "--note"):
        result = runner.invoke(
            cli,
            [
                "status",
                "set",
                "reports",
                "review",
                option,
                owner,
                "--author",
                "A",
                "--root",
                str(base_package),
            ],
        )
        assert result.exit_code == 2, result.output
        assert "control character" in result.stderr and "hint:" in result.stderr
    assert snapshot(base_package) == before


def test_check_and_status_set_agree_on_a_trailing_tab(base_package: Path, runner) -> None:
    path = base_package / "provisions" / "reports.md"
    path.write_text(path.read_text(encoding="utf-8").replace("drafting", "drafting\t"), "utf-8")
    assert runner.invoke(cli, ["check", "--root", str(base_package)]).exit_code == 0
    result = runner.invoke(
        cli, ["status", "set", "reports", "review", "--author", "A", "--root", str(base_package)]
    )
    assert result.exit_code == 0, result.output
    assert "status: review\t" in path.read_text(encoding="utf-8")


def test_status_set_refuses_a_file_check_cannot_read_at_its_line(
    base_package: Path, runner
) -> None:
    path = base_package / "provisions" / "grant-program.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 2026-01-05,", "date: 2026-02-30,"), "utf-8")
    before = snapshot(base_package)
    checked = runner.invoke(cli, ["check", "--root", str(base_package)])
    assert checked.stdout.startswith("provisions/grant-program.md:8: error BT116")
    result = runner.invoke(
        cli,
        [
            "status",
            "set",
            "grant-program",
            "review",
            "--force",
            "--author",
            "A",
            "--root",
            str(base_package),
        ],
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("error: provisions/grant-program.md:8:")
    assert snapshot(base_package) == before
