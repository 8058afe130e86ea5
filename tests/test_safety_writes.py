"""Writing only where asked: a FIFO, a directory or a link out of the package is never replaced;
a link into the package is written through and kept; nothing is written inside drafts/; and
``status set --commit`` checks that git can commit before it writes or stages anything."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import STATUS_PACKAGE, commit_all, git, run_billtrack, snapshot
from tracker.adapters.atomic_file import write_atomically

IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


@pytest.fixture(autouse=True)
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No developer configuration; an identity only where a test gives one."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    shutil.copytree(STATUS_PACKAGE, root)
    return root


def export_to(pkg: Path, target: Path) -> tuple[int, str]:
    code, _, err = run_billtrack(pkg, "export", "-o", str(target), "--force")
    return code, err


def diff_to(pkg: Path, target: Path) -> tuple[int, str]:
    code, _, err = run_billtrack(pkg, "diff", "worktree", "worktree", "-o", str(target))
    return code, err


WRITERS = [export_to, diff_to]


@pytest.mark.parametrize("write", WRITERS, ids=["export", "diff"])
def test_fifo_is_not_replaced(pkg: Path, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, err = write(pkg, fifo)
    assert code == 1 and "FIFO" in err and "Traceback" not in err
    assert fifo.is_fifo()


@pytest.mark.parametrize("write", WRITERS, ids=["export", "diff"])
def test_directory_is_not_replaced(pkg: Path, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "folder"
    folder.mkdir()
    code, err = write(pkg, folder)
    assert code in (1, 2) and "Traceback" not in err
    assert folder.is_dir()


@pytest.mark.parametrize("write", WRITERS, ids=["export", "diff"])
def test_link_out_of_the_package_is_refused(pkg: Path, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside.txt"
    outside.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(outside)
    code, err = write(pkg, link)
    assert code == 1 and "symbolic link" in err and "outside the package" in err
    assert link.is_symlink() and outside.read_text(encoding="utf-8") == "keep\n"


@pytest.mark.parametrize("write", WRITERS, ids=["export", "diff"])
def test_link_into_the_package_is_written_through(pkg: Path, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    inside = pkg / "out.txt"
    inside.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(inside)
    code, err = write(pkg, link)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(inside)
    assert inside.read_text(encoding="utf-8") != "old\n"


@pytest.mark.parametrize("write", WRITERS, ids=["export", "diff"])
def test_nothing_is_written_into_a_draft(pkg: Path, write) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_billtrack(pkg, "draft", "cut", "first", "--stage", "discussion")
    assert code == 0, err
    before = snapshot(pkg / "drafts")
    code, err = write(pkg, pkg / "drafts" / "first" / "out.txt")
    assert code == 1 and "frozen draft" in err
    assert snapshot(pkg / "drafts") == before


def test_atomic_writer_without_package_refuses_links(tmp_path: Path) -> None:
    target = tmp_path / "t.txt"
    target.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "l.txt"
    link.symlink_to(target)
    from tracker.core.errors import WriteError

    with pytest.raises(WriteError, match="no package is known"):
        write_atomically(link, b"new")
    assert target.read_text(encoding="utf-8") == "keep\n"


def test_status_set_on_a_linked_provision(pkg: Path, tmp_path: Path) -> None:
    provision = pkg / "provisions" / "reporting.md"
    # a link to a file inside the package: the target is written, the link kept
    real = pkg / "shared" / "reporting.md"
    real.parent.mkdir()
    provision.rename(real)
    provision.symlink_to(Path("..") / "shared" / "reporting.md")
    code, _, err = run_billtrack(pkg, "status", "set", "reporting", "cleared", "--author", "A")
    assert code == 0, err
    assert provision.is_symlink() and "to: cleared" in real.read_text(encoding="utf-8")
    # a link out of the package: refused, nothing changed
    outside = tmp_path / "outside.md"
    provision.unlink()
    shutil.move(real, outside)
    provision.symlink_to(outside)
    before = outside.read_bytes()
    code, _, err = run_billtrack(pkg, "status", "set", "reporting", "review", "--author", "A")
    assert code == 1 and "Traceback" not in err
    assert provision.is_symlink() and outside.read_bytes() == before


def test_status_set_inside_a_draft_is_refused(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run_billtrack(pkg, "draft", "cut", "first", "--stage", "discussion")
    assert code == 0, err
    before = snapshot(pkg)
    from click.testing import CliRunner

    from tracker.cli import cli

    monkeypatch.chdir(pkg / "drafts" / "first")
    for args in (
        ["status", "set", "reporting", "cleared", "--author", "A"],
        ["draft", "cut", "second", "--stage", "discussion"],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output
        assert "frozen draft 'first'" in result.stderr and f"--root {pkg}" in result.stderr
    assert snapshot(pkg) == before


def in_repo(pkg: Path) -> Path:
    commit_all(pkg, "package")
    return pkg


def status_of_git(pkg: Path) -> tuple[str, str]:
    return git(pkg, "status", "--porcelain"), git(pkg, "diff", "--cached", "--name-only")


def test_commit_during_a_merge_writes_nothing(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_repo(pkg)
    git(pkg, "checkout", "-q", "-b", "side")
    (pkg / "provisions" / "reporting.md").write_text(
        (pkg / "provisions" / "reporting.md").read_text("utf-8").replace("annually", "monthly"),
        encoding="utf-8",
    )
    git(pkg, "commit", "-q", "-am", "side")
    git(pkg, "checkout", "-q", "main")
    (pkg / "provisions" / "reporting.md").write_text(
        (pkg / "provisions" / "reporting.md").read_text("utf-8").replace("annually", "weekly"),
        encoding="utf-8",
    )
    git(pkg, "commit", "-q", "-am", "main")
    with pytest.raises(Exception):  # noqa: B017 - the conflict itself
        git(pkg, "merge", "-q", "side")
    before, git_before = snapshot(pkg / "provisions"), status_of_git(pkg)
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)
    code, _, err = run_billtrack(
        pkg, "status", "set", "short-title", "cleared", "--force", "--commit"
    )
    assert code == 1 and "during a merge" in err and "nothing was written" in err
    assert snapshot(pkg / "provisions") == before and status_of_git(pkg) == git_before


def test_commit_without_identity_writes_nothing(pkg: Path) -> None:
    in_repo(pkg)
    git(pkg, "config", "user.useConfigOnly", "true")
    before, git_before = snapshot(pkg / "provisions"), status_of_git(pkg)
    code, _, err = run_billtrack(
        pkg, "status", "set", "reporting", "cleared", "--author", "A", "--commit"
    )
    assert code == 1 and "identity" in err and "nothing was written" in err
    assert snapshot(pkg / "provisions") == before and status_of_git(pkg) == git_before


def test_commit_of_an_ignored_file_writes_nothing(
    pkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (pkg / "provisions" / "reporting.md").rename(pkg / "reporting.keep")
    (pkg / ".gitignore").write_text("provisions/reporting.md\n", encoding="utf-8")
    in_repo(pkg)
    (pkg / "reporting.keep").rename(pkg / "provisions" / "reporting.md")
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)
    before = snapshot(pkg / "provisions")
    code, _, err = run_billtrack(pkg, "status", "set", "reporting", "cleared", "--commit")
    assert code == 1 and "ignores it" in err
    assert snapshot(pkg / "provisions") == before
